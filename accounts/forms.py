import unicodedata
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm

from core.uploaded_images import RefusedPicture, reencoded

from .models import User


def language_of(request):
    codes = {code for code, _ in settings.LANGUAGES}
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return current if current in codes else settings.LANGUAGE_CODE


# Characters that turn the text around them (right-to-left overrides and isolates): in a
# name they make it read as something else.
DIRECTION_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def clean_display_name(value):
    """A display name as shown everywhere: spaces collapsed, never looking like markup or an
    address in angle brackets, and no invisible characters."""
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(_("Please fill in a display name."))
    if "<" in name or ">" in name:
        raise forms.ValidationError(_("A display name cannot contain < or >."))
    if any(unicodedata.category(char) == "Cc" or char in DIRECTION_CONTROLS for char in name):
        raise forms.ValidationError(_("Your display name contains invisible characters. Please type it again."))
    return name


class SamenUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class SamenUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name", "bio"}


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up asks on top of e-mail and password."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown with your posts and reactions. Your e-mail address is never shown."),
    )

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"]
        # Mail goes out in the language the member signed up in, until they choose another.
        user.language = language_of(request)
        user.save(update_fields=["display_name", "language"])


AVATAR_MAX_BYTES = 2 * 1024 * 1024
# What a member may upload, and what it is stored as: a GIF keeps its first frame, as a PNG.
AVATAR_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP"}
AVATAR_TYPES = "image/jpeg,image/png,image/gif,image/webp"


class AvatarField(forms.FileField):
    """A member's picture, stored re-encoded (see core/uploaded_images.py): no GPS position
    or camera in it, upright, at most ``SAMEN_AVATAR_MAX_EDGE`` pixels on its longest side,
    under a name of its own, so that neither the file nor its address says more than the
    picture."""

    default_error_messages = {
        "too_large": _("The picture is too large: at most 2 MB, please."),
        "too_many_pixels": _("The picture is too large: at most %(megapixels)s megapixels, please."),
        "unreadable": _(
            "This file is not a picture we can read, or it is damaged. Please choose a JPEG, PNG, GIF or WebP picture."
        ),
    }

    def __init__(self, **kwargs):
        # The model's limit is for the stored name, which is made here; the name the
        # member's computer gave the file is not kept, however long.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = AVATAR_TYPES
        return attrs

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        if upload.size > AVATAR_MAX_BYTES:
            raise ValidationError(self.error_messages["too_large"], code="too_large")
        try:
            return reencoded(
                upload,
                formats=AVATAR_FORMATS,
                max_pixels=settings.SAMEN_AVATAR_MAX_PIXELS,
                max_edge=settings.SAMEN_AVATAR_MAX_EDGE,
                stem=uuid.uuid4().hex,
            )
        except RefusedPicture as refusal:
            if refusal.reason == "too_many_pixels":
                megapixels = settings.SAMEN_AVATAR_MAX_PIXELS / 1_000_000
                raise ValidationError(
                    self.error_messages["too_many_pixels"],
                    code="too_many_pixels",
                    params={"megapixels": number_format(int(megapixels) if megapixels.is_integer() else megapixels)},
                ) from None
            raise ValidationError(self.error_messages["unreadable"], code="unreadable") from None


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "avatar", "bio", "language"]
        field_classes = {"avatar": AvatarField}
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}
        help_texts = {
            "avatar": _(
                "A JPEG, PNG, GIF or WebP picture of at most 2 MB. It is stored without "
                "what the camera adds to it, such as where the photo was taken."
            )
        }

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, the member keeps the language they have.
        self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language
