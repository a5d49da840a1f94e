"""A provider that is down, slow, failing or talking nonsense, and a callback nobody was
sent to (forged, replayed, cancelled): each ends on a page that says so, never a 500."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from accounts.models import User
from tests.sso.conftest import at_provider, back_at_site, logged_in_as, provider_settings, start_log_in


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Broken(BaseHTTPRequestHandler):
    """A provider gone wrong: /500 fails, /garbage answers what is not JSON, /list answers
    JSON of the wrong shape, /slow does not answer in time."""

    def do_GET(self):
        if self.path.startswith("/slow"):
            time.sleep(3)
        status, body = {"/500": (500, b"Internal Server Error"), "/list": (200, b"[1, 2]")}.get(
            self.path.split("/.well-known")[0], (200, b"<html>not json</html>")
        )
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def broken():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def failed(response, *, unreachable):
    assert response.status_code == 502
    assert response.context["provider_unreachable"] is unreachable
    return response.content.decode()


def test_a_provider_that_is_down_gives_a_clear_page(client, sso, settings):
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(f"http://127.0.0.1:{closed_port()}/o")
    page = failed(client.post("/en/account/oidc/organisation/login/"), unreachable=True)
    assert "could not be reached" in page


@pytest.mark.parametrize("path", ["/500", "/slow", "/garbage", "/list"])
def test_a_provider_that_fails_or_talks_nonsense_gives_a_clear_page(client, sso, settings, broken, path):
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 1
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(f"{broken}{path}")
    response = client.post("/nl/account/oidc/organisation/login/")
    assert response.status_code == 502


def test_a_provider_that_goes_down_during_the_log_in_gives_a_clear_page(client, sso, settings):
    callback = at_provider(start_log_in(client), "anna")
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(f"http://127.0.0.1:{closed_port()}/o")
    failed(back_at_site(client, callback), unreachable=True)
    assert logged_in_as(client) is None


@pytest.mark.parametrize("endpoint", ["token_endpoint", "userinfo_endpoint"])
def test_a_token_or_userinfo_endpoint_that_is_down_gives_a_clear_page(client, sso, settings, endpoint):
    callback = at_provider(start_log_in(client), "anna")
    overrides = {endpoint: f"http://127.0.0.1:{closed_port()}/"}
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(sso.issuer, openid_configuration_overrides=overrides)
    failed(back_at_site(client, callback), unreachable=True)
    assert not User.objects.exists()


@pytest.mark.parametrize(("path", "unreachable"), [("/garbage", True), ("/list", False), ("/500", True)])
def test_userinfo_that_is_not_claims_gives_a_clear_page(client, sso, settings, broken, path, unreachable):
    callback = at_provider(start_log_in(client), "anna")
    overrides = {"userinfo_endpoint": f"{broken}{path}"}
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(sso.issuer, openid_configuration_overrides=overrides)
    failed(back_at_site(client, callback), unreachable=unreachable)
    assert not User.objects.exists()


def test_a_forged_state_gives_a_clear_page(client, sso):
    response = client.get("/en/account/oidc/organisation/login/callback/?code=forged&state=forged")
    assert response.status_code == 401
    assert "did not work" in response.content.decode()


def test_a_forged_code_gives_a_clear_page(client, sso):
    callback = at_provider(start_log_in(client), "anna")
    state = parse_qs(urlsplit(callback).query)["state"][0]
    response = client.get("/nl/account/oidc/organisation/login/callback/", {"code": "forged", "state": state})
    assert response.status_code == 401
    assert not User.objects.exists()


def test_a_replayed_callback_gives_a_clear_page(client, sso):
    callback = at_provider(start_log_in(client), "anna")
    assert back_at_site(client, callback).status_code == 302
    client.logout()
    response = back_at_site(client, callback)
    assert response.status_code == 401
    assert logged_in_as(client) is None


@pytest.mark.parametrize(
    "query",
    ["", "?code=", "?state=" + "x" * 5000, "?code=<script>alert(1)</script>&state=' OR 1=1 --", "?error=%00"],
)
def test_a_callback_with_wrong_values_gives_a_clear_page(client, sso, query):
    response = client.get(f"/nl/account/oidc/organisation/login/callback/{query}")
    assert response.status_code == 401
    assert b"<script>alert(1)" not in response.content


def test_cancelling_at_the_provider_leads_to_a_page_that_says_so(client, sso):
    callback = at_provider(start_log_in(client), "anna")
    state = parse_qs(urlsplit(callback).query)["state"][0]
    response = client.get(
        "/en/account/oidc/organisation/login/callback/", {"error": "access_denied", "state": state}, follow=True
    )
    assert response.status_code == 200
    assert "Logging in was cancelled" in response.content.decode()


def test_the_log_in_address_opened_directly_asks_to_continue(client, sso):
    response = client.get("/en/account/oidc/organisation/login/")
    assert response.status_code == 200
    assert "You are about to log in with your organisation's account" in response.content.decode()
    assert 'method="post"' in response.content.decode()


def test_without_sso_issuer_the_provider_addresses_are_not_found(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert client.post("/nl/account/oidc/organisation/login/").status_code == 404
    assert client.get("/nl/account/oidc/organisation/login/callback/?code=x&state=y").status_code == 404
