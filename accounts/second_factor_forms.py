"""allauth's second-factor forms with labels a member can read and fields a phone fills in:
the code field opens the number pad and takes the code the phone offers, and a key's name
has a length."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm

# Authenticator codes have 6 digits, recovery codes 8; anything longer is not a code.
CODE_MAX_LENGTH = 32
KEY_NAME_MAX_LENGTH = 100


def _code_field(field, label, help_text=""):
    field.label = label
    field.help_text = help_text
    field.max_length = CODE_MAX_LENGTH
    field.validators.append(MaxLengthValidator(CODE_MAX_LENGTH))
    field.widget.attrs = {"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": CODE_MAX_LENGTH}


class _AuthenticatorOrRecoveryCode:
    """The code field of the log-in's second step and of proving again who one is: the
    same field, that takes either kind of code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(
            self.fields["code"],
            _("Code"),
            _("The 6 digits your authenticator app shows now, or one of your recovery codes."),
        )


class CodeForm(_AuthenticatorOrRecoveryCode, AuthenticateForm):
    pass


class ReauthenticateCodeForm(_AuthenticatorOrRecoveryCode, ReauthenticateForm):
    pass


class ActivateAuthenticatorAppForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _code_field(self.fields["code"], _("Code from the app"), _("The 6 digits the app shows for this site."))


class AddKeyForm(AddWebAuthnForm):
    name = forms.CharField(label=_("Name"), required=False, max_length=KEY_NAME_MAX_LENGTH)


class EditKeyForm(EditWebAuthnForm):
    name = forms.CharField(label=_("Name"), max_length=KEY_NAME_MAX_LENGTH)
