from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_editor_js")
def submit_after_autosave():
    """A button pressed around one of Wagtail's own saves of the form (autosave) never makes
    a second save, so that a new page is created once (static/pages/js/submit-after-autosave.js)."""
    return format_html('<script src="{}"></script>', static("pages/js/submit-after-autosave.js"))
