"""One way in. Every address the URL configuration answers is tried with the credentials
of an account that allauth keeps out (one whose address nobody confirmed, one locked after
too many wrong passwords): no view may log either in. And no view Django or Wagtail ships
for logging in is reachable: their addresses lead to allauth's log-in."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.views import LoginView
from django.test import Client
from django.urls import resolve

import pytest
from allauth.account.models import EmailAddress
from allauth.account.views import LoginView as AllauthLoginView

from accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.engagement.helpers import verified_member
from tests.url_map import reachable

pytestmark = pytest.mark.django_db

LOGIN_URL = "/nl/account/login/"


def reachable_paths():
    return {path: view for path, (_route, view) in reachable().items()}


def credentials(email, password):
    # The field names the log-in forms of Django, Wagtail and allauth use between them.
    return {"username": email, "email": email, "login": email, "password": password, "next": "/nl/"}


def test_the_sweep_reaches_the_log_in_forms_people_know_about():
    """The sweep is only worth something if it reaches them: allauth's log-in, Wagtail's
    front-end and admin log-in addresses, and hundreds of admin and page routes."""
    paths = reachable_paths()
    assert len(paths) > 250
    assert {LOGIN_URL, "/nl/_util/login/", "/en/_util/login/", "/admin/login/"} <= set(paths)


def test_no_log_in_view_but_allauths_is_reachable():
    offenders = []
    for path, view in reachable_paths().items():
        view_class = getattr(view, "view_class", None)
        if view_class is not None and issubclass(view_class, LoginView):
            offenders.append(f"{path} ({view_class.__module__}.{view_class.__qualname__})")
    assert offenders == []
    assert resolve(LOGIN_URL).func.view_class is AllauthLoginView


@pytest.mark.parametrize("path", ["/nl/_util/login/", "/en/_util/login/", "/admin/login/"])
def test_other_log_in_addresses_lead_to_allauths_keeping_a_safe_next(client, path):
    response = client.get(path, {"next": "/nl/blogs/"})
    assert response.status_code == 302
    target = urlsplit(response.url)
    assert target.path in ("/nl/account/login/", "/en/account/login/")
    assert parse_qs(target.query) == {"next": ["/nl/blogs/"]}


def test_wagtails_front_end_log_in_keeps_next_on_the_site_only(client):
    response = client.get("/nl/_util/login/", {"next": "//evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response.url
    response = client.get("/nl/_util/login/", {"next": "/nl/groepen/"})
    assert response.url.endswith("?next=%2Fnl%2Fgroepen%2F")


def test_wagtails_admin_password_reset_is_not_mounted(client):
    """Members reset their password through allauth, which limits how often mail goes out."""
    assert client.get("/admin/password_reset/").status_code == 404
    assert client.post("/admin/password_reset/", {"email": "iemand@x.nl"}).status_code == 404


def locked_account():
    user = verified_member(email="op-slot@x.nl")
    for _ in range(5):
        Client().post(LOGIN_URL, {"login": user.email, "password": "niet-het-wachtwoord"})
    answer = Client().post(LOGIN_URL, {"login": user.email, "password": DEFAULT_PASSWORD})
    assert "Te veel inlogpogingen" in answer.content.decode()
    return user


def unconfirmed_account():
    user = UserFactory(email="nooit-bevestigd@x.nl")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


@pytest.mark.parametrize("make_account", [locked_account, unconfirmed_account], ids=["locked", "unconfirmed"])
def test_no_address_logs_in_an_account_allauth_keeps_out(make_account):
    user = make_account()
    logged_in = []
    for path in reachable_paths():
        browser = Client()
        browser.post(path, credentials(user.email, DEFAULT_PASSWORD))
        if browser.session.get("_auth_user_id"):
            logged_in.append(path)
    assert logged_in == []
