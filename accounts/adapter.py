from django.conf import settings

from allauth.account.adapter import DefaultAccountAdapter

from home.links import absolute_url


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

    def is_safe_url(self, url):
        from allauth.core import context

        from home.links import safe_next

        return bool(url) and safe_next(context.request, url, fallback="") == url
