from django import template
from django.conf import settings

from ..devices import describe_device
from ..login_history import recent_logins

register = template.Library()


@register.filter
def device(user_agent):
    """The browser and system a User-Agent names, in plain words."""
    return describe_device(user_agent)


@register.simple_tag(takes_context=True)
def login_history(context):
    """The logged-in member's recent log-ins (see accounts/login_history.py)."""
    return recent_logins(context["request"].user)


@register.simple_tag
def login_history_days():
    return settings.LOGIN_HISTORY_DAYS


@register.simple_tag
def login_history_shown():
    return settings.LOGIN_HISTORY_SHOWN
