from django.test import Client

import pytest

from accounts.factories import DEFAULT_PASSWORD
from tests.engagement.helpers import verified_member

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
LOGIN_URL = "/nl/account/login/"
SESSIONS_URL = "/nl/account/sessions/"


def log_in(client, member, password=DEFAULT_PASSWORD, user_agent=FIREFOX_WINDOWS, address="203.0.113.7"):
    """Logs ``member`` in through allauth's form, as a browser would."""
    return client.post(
        LOGIN_URL,
        {"login": member.email, "password": password},
        HTTP_USER_AGENT=user_agent,
        REMOTE_ADDR=address,
    )


def browser(member, **kwargs):
    """A client of its own, logged in as ``member``."""
    client = Client(HTTP_USER_AGENT=kwargs.get("user_agent", FIREFOX_WINDOWS))
    response = log_in(client, member, **kwargs)
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture
def anna(db):
    return verified_member(email="anna@samen.test", display_name="Anna de Vries")
