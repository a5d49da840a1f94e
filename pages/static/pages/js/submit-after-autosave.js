// Wagtail saves the editor's form on its own half a second after a change (autosave). A
// button pressed around such a save sent the form twice to the same address: for a new
// page, a second page beside the first, or a server error. Two cases:
// - the save is on its way: the press waits for it to finish, then goes where the save
//   says the page now lives;
// - a change is noticed but its save not yet started: the press turns autosave off for
//   the rest of this page (the submit saves everything), so no save follows it. If
//   something else stops the submit (a dialog, the browser's validation), autosave is
//   turned on again.
(() => {
  "use strict";

  const ACTIVE = "data-w-autosave-active-value";
  const saving = new WeakSet();
  const settled = (event) => saving.delete(event.target);

  document.addEventListener("w-autosave:save", (event) => {
    if (!event.defaultPrevented) saving.add(event.target);
  });
  document.addEventListener("w-autosave:success", settled);
  document.addEventListener("w-autosave:error", settled);

  const carryButton = (form, button) => {
    // The button may be gone (the save redraws the footer) or disabled by then: its name
    // and value travel in a field of their own.
    if (!button || !button.name) return;
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = button.name;
    field.value = button.value;
    form.append(field);
  };

  const waitForTheSave = (form, event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    carryButton(form, event.submitter);
    const resume = () => {
      form.removeEventListener("w-autosave:success", resume);
      form.removeEventListener("w-autosave:error", resume);
      saving.delete(form);
      form.requestSubmit();
    };
    form.addEventListener("w-autosave:success", resume);
    form.addEventListener("w-autosave:error", resume);
  };

  const noSaveAfter = (form, event) => {
    const before = form.getAttribute(ACTIVE);
    form.setAttribute(ACTIVE, "false");
    setTimeout(() => {
      if (!event.defaultPrevented) return;
      if (before === null) form.removeAttribute(ACTIVE);
      else form.setAttribute(ACTIVE, before);
    });
  };

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!form.matches("[data-controller~='w-autosave']")) return;
      if (saving.has(form)) waitForTheSave(form, event);
      else noSaveAfter(form, event);
    },
    true,
  );
})();
