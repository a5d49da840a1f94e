from contextlib import nullcontext

from django.conf import settings
from django.contrib import messages
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit

from core.links import absolute_url, safe_next

from .member_mail import member_language
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
        # A mail about a member's account (confirmation, password reset) is in the language
        # they read the site in, links included; one to an address without an account is in
        # the language of the page it was asked from. The templates greet ``member`` by
        # name: never ``user``, which the template context fills with whoever is logged in.
        member = context.get("user")
        language = member_language(member) if member is not None else translation.get_language()
        # allauth builds some links itself from the request's Host (the sign-up and reset
        # links in the "unknown account" and "account already exists" mails). The links are
        # moved to the mail's language from the one they were made in, still the active one.
        context = {
            key: translate_url(absolute_url(value), language)
            if key.endswith("_url") and isinstance(value, str) and value
            else value
            for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, {**context, "member": member})

    def get_email_verification_redirect_url(self, email_address):
        # allauth logs in on confirmation only in the browser that signed up; opened anywhere
        # else, the link confirms and leads to the log-in page, which should say why.
        if not self.request.user.is_authenticated:
            messages.info(self.request, gettext("Now log in with your e-mail address and password."))
        return super().get_email_verification_redirect_url(email_address)

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
