// Wagtail saves the editor's form on its own half a second after a change (autosave). A
// button pressed while that save is on its way sent the form a second time, to the same
// address: for a new page, a second page beside the first, or a server error. The press
// now waits for the save to finish and then goes where the save says the page lives.
(() => {
  "use strict";

  const saving = new WeakSet();
  const settled = (event) => saving.delete(event.target);

  document.addEventListener("w-autosave:save", (event) => {
    if (!event.defaultPrevented) saving.add(event.target);
  });
  document.addEventListener("w-autosave:success", settled);
  document.addEventListener("w-autosave:error", settled);

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!saving.has(form)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      // The button may be gone (the save redraws the footer) or disabled by then: its
      // name and value travel in a field of their own.
      const button = event.submitter;
      if (button && button.name) {
        const field = document.createElement("input");
        field.type = "hidden";
        field.name = button.name;
        field.value = button.value;
        form.append(field);
      }
      const resume = () => {
        form.removeEventListener("w-autosave:success", resume);
        form.removeEventListener("w-autosave:error", resume);
        saving.delete(form);
        form.requestSubmit();
      };
      form.addEventListener("w-autosave:success", resume);
      form.addEventListener("w-autosave:error", resume);
    },
    true,
  );
})();
