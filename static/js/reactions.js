/* Samen: marking reactions as helpful in place, and suggesting members to mention while
   writing one. Both work on top of pages that work without JavaScript: the "Helpful"
   form posts and the page reloads at the reaction; a mention can be typed by hand.
   Listeners sit on the document, so reactions loaded later and a member's page shown in
   place of a shared copy (samen.js) need no setting up. */
(function () {
  "use strict";

  /* "Helpful": send the form in place; the answer says whether the button is pressed and
     how many members found the reaction helpful. */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-like-form]")) return;
    event.preventDefault();
    var button = form.querySelector("[data-like-button]");
    var action = form.querySelector("input[name=action]");
    var holder = form.closest(".reaction__likes");
    var count = holder && holder.querySelector("[data-like-count]");
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (result) {
        form.removeAttribute("aria-busy");
        if (!result.ok) {
          if (count) count.textContent = result.body.message || "";
          return;
        }
        button.setAttribute("aria-pressed", result.body.liked ? "true" : "false");
        action.value = result.body.liked ? "unlike" : "like";
        if (count) count.textContent = result.body.count_text;
      })
      .catch(function () {
        /* Not JSON (a log-in page, a network error): send the form the ordinary way. */
        form.removeAttribute("aria-busy");
        form.submit();
      });
  });

  /* Mentions: typing "@" and a few letters in a reaction offers the members who may read
     the post. The textarea stays a textarea (a multi-line field cannot take the combobox
     role) and carries the combobox's states: aria-autocomplete, aria-controls,
     aria-expanded and aria-activedescendant point at a listbox of options. Arrow keys move
     through the options, Enter or Tab takes one, Escape closes the list. The choice is
     written as @[Name](id), which the site shows as a link to the member's profile. */
  var TYPED = /(?:^|[\s(>])@([^\s@\[\]()][^\n@\[\]()]{0,49})$/;
  var WAIT_MS = 200;

  function mentionBox(field) {
    if (field._mentions) return field._mentions;
    var list = document.createElement("ul");
    list.id = field.id + "-mentions";
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", field.getAttribute("data-mention-label") || "");
    list.hidden = true;
    field.insertAdjacentElement("afterend", list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    list.insertAdjacentElement("afterend", status);
    field.setAttribute("aria-autocomplete", "list");
    field.setAttribute("aria-controls", list.id);
    field.setAttribute("aria-expanded", "false");
    var box = { field: field, list: list, status: status, members: [], active: -1, start: -1, timer: null, asking: null };
    field._mentions = box;
    return box;
  }

  function close(box) {
    box.list.hidden = true;
    box.list.textContent = "";
    box.members = [];
    box.active = -1;
    box.field.setAttribute("aria-expanded", "false");
    box.field.removeAttribute("aria-activedescendant");
  }

  function activate(box, index) {
    var options = box.list.querySelectorAll("[role=option]");
    box.active = index;
    options.forEach(function (option, n) {
      option.setAttribute("aria-selected", n === index ? "true" : "false");
    });
    if (index >= 0 && options[index]) {
      box.field.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      box.field.removeAttribute("aria-activedescendant");
    }
  }

  function choose(box, index) {
    var member = box.members[index];
    if (!member || box.start < 0) return;
    var field = box.field;
    var name = member.name.replace(/[\[\]\n]/g, "").trim();
    var before = field.value.slice(0, box.start);
    var after = field.value.slice(field.selectionStart);
    var written = "@[" + name + "](" + member.id + ") ";
    field.value = before + written + after;
    var caret = before.length + written.length;
    field.setSelectionRange(caret, caret);
    close(box);
    field.focus();
  }

  function show(box, members) {
    box.members = members;
    box.list.textContent = "";
    if (!members.length) {
      close(box);
      return;
    }
    members.forEach(function (member, n) {
      var option = document.createElement("li");
      option.id = box.list.id + "-" + n;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = member.name;
      /* mousedown, not click: the field keeps the focus and the caret. */
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(box, n);
      });
      box.list.appendChild(option);
    });
    box.list.hidden = false;
    box.field.setAttribute("aria-expanded", "true");
    box.active = -1;
    var found = box.field.getAttribute("data-mention-found") || "%s";
    box.status.textContent = found.replace("%s", members.length);
  }

  function lookUp(box, typed) {
    if (box.asking) box.asking.abort();
    box.asking = "AbortController" in window ? new AbortController() : null;
    var url = box.field.getAttribute("data-mention-url") + "?q=" + encodeURIComponent(typed);
    fetch(url, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      signal: box.asking ? box.asking.signal : undefined
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (body) {
        show(box, body.members || []);
      })
      .catch(function () {
        /* Aborted by a newer lookup, or refused: no list; the mention can be typed by hand. */
      });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[data-mention-url]")) return;
    var box = mentionBox(field);
    var match = TYPED.exec(field.value.slice(0, field.selectionStart));
    window.clearTimeout(box.timer);
    if (!match) {
      close(box);
      return;
    }
    box.start = field.selectionStart - match[1].length - 1;
    box.timer = window.setTimeout(function () {
      lookUp(box, match[1]);
    }, WAIT_MS);
  });

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    var box = field && field._mentions;
    if (!box || box.list.hidden) return;
    var count = box.members.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      activate(box, (box.active + 1) % count);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      activate(box, box.active <= 0 ? count - 1 : box.active - 1);
    } else if ((event.key === "Enter" || event.key === "Tab") && box.active >= 0) {
      event.preventDefault();
      choose(box, box.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(box);
    }
  });

  document.addEventListener("focusout", function (event) {
    var box = event.target && event.target._mentions;
    if (box) window.setTimeout(function () { close(box); }, 150);
  });
})();
