import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm, UserEditForm

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


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "avatar", "bio", "language"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, the member keeps the language they have.
        self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_avatar(self):
        avatar = self.cleaned_data.get("avatar")
        if avatar and getattr(avatar, "size", 0) > AVATAR_MAX_BYTES:
            raise forms.ValidationError(_("The picture is too large: at most 2 MB, please."))
        return avatar
