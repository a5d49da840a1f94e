from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_editor_js")
def submit_after_autosave():
    """A button pressed while Wagtail is still saving the form on its own waits for that
    save, so that a new page is never created twice (static/pages/js/submit-after-autosave.js)."""
    return format_html('<script src="{}"></script>', static("pages/js/submit-after-autosave.js"))
