"""Who an e-mail address belongs to, as sign-up sees it.

An address belongs to an account once it is confirmed there, or when it is the address the
account logs in with (``User.email``, unique in the database). An address someone merely
added to their account and never confirmed belongs to nobody yet: anyone can type anyone's
address into the e-mail page, so such a claim must not stop the address's owner from signing
up. The owner signs up as usual and gets the confirmation mail; once they confirm, the
unconfirmed claims on other accounts are dropped (see ``release_unconfirmed_claims``).

For an address that does belong to an account, sign-up keeps allauth's answer, which says
nothing to the person at the form: no account is made and the address gets a mail saying an
account already exists, with the way back in."""

from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.models import EmailAddress

from .password_forms import BothPasswordsChecked


def confirmed_owner_of(email):
    """The account that has confirmed ``email``, or None."""
    confirmed = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return confirmed.user if confirmed is not None else None


def owner_of(email):
    """The account ``email`` belongs to, or None: the one that confirmed it, or else the one
    that logs in with it."""
    return confirmed_owner_of(email) or get_user_model().objects.filter(email__iexact=email).first()


def release_unconfirmed_claims(email_address):
    """Now that ``email_address`` is confirmed, drop the unconfirmed claims other accounts
    have on the same address, so that no two accounts can both end up with it confirmed.
    An account's own log-in address is kept: taking it away would lock that account out,
    and its owner gets back in through the password reset like any owner of an address."""
    return (
        EmailAddress.objects.filter(email__iexact=email_address.email, verified=False)
        .exclude(user_id=email_address.user_id)
        .exclude(user__email__iexact=email_address.email)
        .delete()
    )


class SignupForm(BothPasswordsChecked, AllauthSignupForm):
    """allauth's sign-up (with the display name of ``accounts.forms.SignupDetailsForm``),
    where only an address that belongs to an account counts as taken, and a mistyped second
    password is reported with the other errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An address longer than the database column would fail when the account is saved;
        # say so at the field instead.
        email = self.fields["email"]
        email.max_length = app_settings.EMAIL_MAX_LENGTH
        email.validators.append(MaxLengthValidator(app_settings.EMAIL_MAX_LENGTH))
        email.widget.attrs["maxlength"] = str(app_settings.EMAIL_MAX_LENGTH)

    def validate_unique_email(self, value):
        # allauth counts every row with the address, confirmed or not, as an account.
        self.account_already_exists = owner_of(value) is not None
        return get_adapter().validate_unique_email(value)

    def save(self, request):
        user = super().save(request)
        # allauth leaves out an address another account has a row for, even an unconfirmed
        # one; the new account's own address is its log-in and must be there to confirm.
        email = self.cleaned_data["email"]
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"primary": True, "verified": False})
        return user
