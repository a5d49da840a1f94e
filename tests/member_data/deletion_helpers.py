"""What the deletion tests share: a member with a full life on the site, and a search of
every text column of every table."""

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation

from accounts.factories import DEFAULT_PASSWORD

LEAVER_NAME = "Zoë Vertrekker"
LEAVER_EMAIL = "zoe.vertrekker@samen.test"
LOGIN_URL = "/nl/account/login/"
REAUTHENTICATE_URL = "/nl/account/reauthenticate/"


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


DELETE_URL = url_in("nl", "member_data:delete")


def log_in(client, email, password=DEFAULT_PASSWORD):
    """Log in through allauth's form, then prove it again on its re-authentication page,
    as the delete page asks however recently the member logged in."""
    response = client.post(LOGIN_URL, {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    response = client.post(REAUTHENTICATE_URL, {"password": password})
    assert response.status_code == 302, response.content.decode()[:500]


def text_columns_holding(*needles):
    """``[(model, field, needle)]`` for every text, e-mail or JSON column of every table
    that holds one of ``needles`` (case-insensitively; JSON read as its text, with
    accents as they are and as JSON escapes them)."""
    found = []
    spellings = set()
    for needle in needles:
        spellings |= {needle, needle.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.JSONField):
                queryset = model._base_manager.alias(as_text=Cast(field.attname, models.TextField()))
                column = "as_text"
            elif isinstance(field, (models.CharField, models.TextField)):
                queryset, column = model._base_manager.all(), field.attname
            else:
                continue
            for spelling in spellings:
                if queryset.filter(**{f"{column}__icontains": spelling}).exists():
                    found.append((model._meta.label, field.name, spelling))
    return found
