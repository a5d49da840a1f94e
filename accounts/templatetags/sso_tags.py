from django import template
from django.conf import settings
from django.urls import reverse

from allauth.socialaccount.providers.base import AuthProcess

from accounts.sso import sso_enabled

register = template.Library()


@register.simple_tag
def single_sign_on():
    """Whether members may log in with their organisation's account (SSO_ISSUER is set)."""
    return sso_enabled()


def _button(context, process):
    return {
        "shown": True,
        "process": process,
        "action": reverse("openid_connect_login", kwargs={"provider_id": settings.SSO_PROVIDER_ID}),
        "label": settings.SSO_LABEL,
        "next": context.get("redirect_field_value") or "",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("accounts/sso_button.html", takes_context=True)
def sso_button(context, signing_up=False):
    """The button that logs in with the organisation's account, above the e-mail form; on
    the sign-up page only when a first log-in through it may make an account. allauth
    takes only a POST there, which carries the CSRF token."""
    if not sso_enabled() or (signing_up and not settings.SSO_SIGNUP):
        return {"shown": False}
    return _button(context, AuthProcess.LOGIN)


@register.inclusion_tag("accounts/sso_button.html", takes_context=True)
def sso_link_button(context):
    """The button on the member's settings that links their organisation's account."""
    if not sso_enabled():
        return {"shown": False}
    return _button(context, AuthProcess.CONNECT)


@register.simple_tag
def linked_account_label(account):
    """A linked account as its member knows it: the address (or name) the provider gave."""
    data = account.get_provider_account().get_user_data() or {}
    return data.get("email") or data.get("name") or account.uid
