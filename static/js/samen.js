/* Samen: small enhancements on top of pages that already work without JavaScript. */
(function () {
  "use strict";

  /* Reactions: fetch the next batch in place. With "load automatically" on, the batch
     comes when the reader reaches the end of the list; otherwise on "load more". */
  function setUpReactionBatches(section) {
    var list = section.querySelector("[data-reaction-list]");
    var more = section.querySelector("[data-reaction-more]");
    if (!list || !more) return;
    var link = more.querySelector("[data-next-batch]");
    if (!link) return;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    section.appendChild(status);
    var loading = false;
    var observer = null;

    function load() {
      var url = link.getAttribute("data-next-batch");
      if (loading || !url) return;
      loading = true;
      link.setAttribute("aria-busy", "true");
      fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("ol");
          holder.innerHTML = html;
          var next = holder.querySelector("li[data-next-batch]");
          var added = 0;
          Array.prototype.slice.call(holder.children).forEach(function (item) {
            if (item.hasAttribute("data-next-batch")) return;
            /* Looked up again: the list may have been replaced by its personal version. */
            section.querySelector("[data-reaction-list]").appendChild(item);
            added += 1;
          });
          status.textContent = section.getAttribute("data-loaded-text").replace("%s", added);
          if (next) {
            link.setAttribute("data-next-batch", next.getAttribute("data-next-batch"));
          } else {
            if (observer) observer.disconnect();
            more.remove();
          }
        })
        .catch(function () {
          /* Leave the plain link in place: following it still shows the next batch. */
          if (observer) observer.disconnect();
        })
        .finally(function () {
          loading = false;
          link.removeAttribute("aria-busy");
        });
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      load();
    });
    if (link.getAttribute("data-autoload") === "1" && "IntersectionObserver" in window) {
      observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) load();
        });
      }, { rootMargin: "200px" });
      observer.observe(more);
    }
  }


  /* Stars: send the rating form in place and swap in the widget the server returns, so
     the average changes without a reload. Focus goes back to the chosen star, and the
     outcome is announced. Without JavaScript the form posts and the page reloads. */
  function setUpRating(widget) {
    var form = widget.querySelector("[data-rating-form]");
    if (!form) return;
    var pressed = null;
    form.addEventListener("click", function (event) {
      if (event.target.matches("button[type=submit]")) pressed = event.target;
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var button = event.submitter || pressed;
      if (button && button.name) data.set(button.name, button.value);
      form.setAttribute("aria-busy", "true");
      /* getAttribute: the button named "action" hides the form's own action property. */
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" }
      })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (result) {
          if (!result.ok || !result.body.html) {
            announce(widget, result.body.message || "");
            form.removeAttribute("aria-busy");
            return;
          }
          var holder = document.createElement("div");
          holder.innerHTML = result.body.html;
          var fresh = holder.firstElementChild;
          widget.replaceWith(fresh);
          setUpRating(fresh);
          var focus = fresh.querySelector(".stars__input:checked") || fresh.querySelector(".stars__input");
          if (focus) focus.focus();
          announce(fresh, result.body.message || "");
        })
        .catch(function () {
          /* The network failed: send the form the ordinary way, with the button pressed. */
          form.removeAttribute("aria-busy");
          if (button && button.name) {
            var chosen = document.createElement("input");
            chosen.type = "hidden";
            chosen.name = button.name;
            chosen.value = button.value;
            form.appendChild(chosen);
          }
          form.submit();
        });
    });
  }

  function announce(widget, message) {
    var status = widget.querySelector("[data-rating-status]");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }


  /* Share: a button that copies the post's address (the address stays visible in a
     field to copy by hand where the clipboard is not available). */
  function setUpSharing(root) {
    var copyButton = root.querySelector("[data-copy-link]");
    var shareField = root.querySelector("[data-share-url]");
    if (!copyButton || !shareField || !navigator.clipboard) return;
    copyButton.hidden = false;
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(shareField.value).then(function () {
        var status = root.querySelector("[data-copy-status]");
        if (status) status.textContent = status.getAttribute("data-copied-text");
      });
    });
  }

  /* The header's menu on a small screen: the Menu button (hidden in the HTML, so that
     without JavaScript the menu is simply open) folds the sections, search, language and
     account away. A button toggles on Enter and Space by itself; Escape closes the menu
     and puts the focus back on the button. On a wide screen CSS shows the menu anyway. */
  function setUpMenu(root) {
    var header = root.querySelector("[data-site-header]");
    var button = header && header.querySelector("[aria-controls]");
    var menu = button && header.querySelector("#" + button.getAttribute("aria-controls"));
    if (!menu) return;

    function show(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-header__menu--open", open);
    }

    show(false);
    header.classList.add("site-header--collapsible");
    button.hidden = false;
    button.addEventListener("click", function () {
      show(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      if (!button.offsetParent) return; /* a wide screen: there is nothing to close */
      show(false);
      button.focus();
    });
  }

  function setUpPage(root) {
    setUpMenu(root);
    root.querySelectorAll("[data-reactions]").forEach(setUpReactionBatches);
    root.querySelectorAll("[data-rating]").forEach(setUpRating);
    setUpSharing(root);
  }

  setUpPage(document);

  /* The member's own page in place of a shared copy. A page made for readers who are not
     logged in is the same for everyone, so a shared cache (a CDN, the back button after
     logging in) can show it to a member. While a member is logged in the server keeps
     the cookie "samen_lid"; the script then asks for the same address for this member
     (quickly made from their shell on the server) and shows that page's body instead:
     their account menu, their vote, the forms with their security token. */
  function memberHint() {
    return document.cookie.split(";").some(function (part) {
      return part.trim().indexOf("samen_lid=") === 0;
    });
  }

  function showMembersPage() {
    if (document.body.getAttribute("data-rendered-for") !== "anyone" || !memberHint()) return;
    /* Its own address for a CDN (which may not look at the header); the server ignores it. */
    var address = new URL(window.location.href);
    address.hash = "";
    address.searchParams.set("persoonlijk", "1");
    fetch(address.toString(), {
      headers: { "X-Samen-Personal": "1", Accept: "text/html" },
      credentials: "same-origin",
      cache: "no-store"
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").body;
        if (!fresh || fresh.getAttribute("data-rendered-for") !== "member") {
          /* The session has ended: the hint is out of date. */
          document.cookie = "samen_lid=; Max-Age=0; Path=/; SameSite=Lax";
          return;
        }
        /* Its scripts are this one, already running: the new body is only set up. */
        fresh.querySelectorAll("script").forEach(function (script) {
          script.remove();
        });
        var scrolled = window.scrollY;
        document.body.replaceWith(fresh);
        window.scrollTo(0, scrolled);
        setUpPage(fresh);
      })
      .catch(function () {
        /* The page as it is still works: the member can reload it. */
      });
  }

  window.addEventListener("pageshow", showMembersPage);

  /* A read is counted by a beacon after the page has loaded, so that a page served from
     a cache counts too (without JavaScript the <noscript> image does the same). */
  var beacon = document.querySelector("[data-read-beacon]");
  if (beacon) {
    var url = beacon.getAttribute("data-read-beacon");
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else {
      fetch(url, { method: "POST", credentials: "same-origin", keepalive: true });
    }
  }
})();
