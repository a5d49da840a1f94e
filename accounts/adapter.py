from contextlib import nullcontext

from django.conf import settings
from django.utils import translation

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit

from core.links import absolute_url, safe_next

from .signup import confirmed_owner_of, release_unconfirmed_claims


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Sites that invite their members close self-registration with SIGNUP_OPEN=false."""
        return settings.SAMEN_SIGNUP_OPEN

    # Links in account e-mail always carry the site's own address, not the request's Host.
    def get_reset_password_from_key_url(self, key):
        return absolute_url(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix, email, context):
        # allauth builds some links itself from the request's Host (the sign-up and reset
        # links in the "unknown account" and "account already exists" mails).
        context = {
            key: absolute_url(value) if key.endswith("_url") and isinstance(value, str) and value else value
            for key, value in context.items()
        }
        super().send_mail(template_prefix, email, context)

    def send_account_already_exists_mail(self, email):
        # The mail (and the links in it) in the language of the member whose address it is;
        # an address nobody has confirmed has no such member yet, so the language of the
        # person signing up is as good as any.
        owner = confirmed_owner_of(email)
        with translation.override(owner.language) if owner else nullcontext():
            super().send_account_already_exists_mail(email)

    def should_send_confirmation_mail(self, request, email_address, signup):
        # allauth mails an address at most once every few minutes. When someone added this
        # address to their own account a moment ago, that mail used the allowance up and the
        # owner signing up would get none. Letting a new account's own mail through stays
        # bounded: the next sign-up with the address finds it taken by this account.
        if signup:
            ratelimit.clear(request, action="confirm_email", key=email_address.email.lower())
        return super().should_send_confirmation_mail(request, email_address, signup)

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            release_unconfirmed_claims(email_address)
        return confirmed

    def is_safe_url(self, url):
        return bool(url) and safe_next(allauth_context.request, url, fallback="") == url
