"""Wagtail's image library keeps originals that went through core/uploaded_images.py.

Wagtail stores an upload byte for byte and serves that original in places (the admin, an
"original" rendition, anyone with the media URL), and its renditions copy the original's
EXIF, GPS included. So every image form of the admin (Images › Add, the multiple uploader,
the chooser's upload tab, replacing a file) re-encodes the upload, through the form base
below (``WAGTAILIMAGES_IMAGE_FORM_BASE``); that also turns a picture cut short into a form
error, where Wagtail itself fails with a server error. Images saved without a form (the
demo loader, an import, the shell) are re-encoded when they are saved.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save

from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import Image

from .uploaded_images import CleanedPicture, RefusedPicture, pixel_count, reencoded


def _max_pixels():
    # Wagtail's "no limit" (None) still stops at Pillow's own.
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or Image.MAX_IMAGE_PIXELS


class CleanedImageField(WagtailImageField):
    """Wagtail's image field, answering with the re-encoded picture."""

    def check_image_pixel_size(self, f):
        # Wagtail asks Willow, which decodes the whole picture to learn its size: the
        # canvas a bomb unpacks into would be in memory before the limit is checked.
        try:
            pixels = pixel_count(f, count_frames=True)
        except RefusedPicture as refusal:
            raise self._error(refusal) from None
        if pixels > _max_pixels():
            raise self._error(RefusedPicture("too_many_pixels"), pixels)

    def to_python(self, data):
        try:
            upload = super().to_python(data)
        except ValidationError:
            raise
        except Exception:  # Willow and Pillow raise many kinds for a bad file
            raise self._error(RefusedPicture("unreadable")) from None
        if upload is None:
            return None
        try:
            return reencoded(upload, max_pixels=_max_pixels(), keep_animation=True)
        except RefusedPicture as refusal:
            raise self._error(refusal) from None

    def _error(self, refusal, pixels=None):
        if refusal.reason == "too_many_pixels":
            message = self.error_messages["file_too_many_pixels"] % {
                "num_pixels": pixels or refusal.width * refusal.height or "?",
                "max_pixels_count": _max_pixels(),
            }
            return ValidationError(message, code="file_too_many_pixels")
        return ValidationError(self.error_messages["invalid_image"], code="invalid_image")


class ImageForm(BaseImageForm):
    """The base of every image form in Wagtail's admin (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds the file field itself (wagtail.images.forms.formfield_for_dbfield);
        # a declared field would come back in the forms that leave the file out.
        if isinstance(self.fields.get("file"), WagtailImageField):
            wagtail_field = self.fields["file"]
            self.fields["file"] = CleanedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
                help_text=wagtail_field.help_text,
            )


def reencode_new_original(sender, instance, **kwargs):
    """Re-encode an original that did not come through :class:`ImageForm`."""
    original = instance.file
    if not original or isinstance(getattr(original, "_file", None), CleanedPicture):
        return
    if original._committed and not instance._state.adding:
        return  # the stored original of an existing image, cleaned when it came in
    stored_name = original.name if original._committed else None
    with original.open("rb"):
        try:
            cleaned = reencoded(original, max_pixels=_max_pixels(), keep_animation=True)
        except RefusedPicture as refusal:
            raise ValidationError({"file": CleanedImageField()._error(refusal)}) from None
    if stored_name:
        # Already written as uploaded (the multiple uploader's path for an upload whose
        # other fields needed filling in): that copy must not stay behind.
        original.storage.delete(stored_name)
    instance.file = cleaned
    instance._set_image_file_metadata()


def connect():
    pre_save.connect(reencode_new_original, sender=get_image_model(), dispatch_uid="reencode_new_original")
