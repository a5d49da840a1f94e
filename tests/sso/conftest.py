"""A real OpenID Connect provider (tests/sso/provider/, django-oauth-toolkit) in a process
of its own, started once for the test session, and the site set up to log in through it.
The site's test client starts and finishes each log-in; the member's browser at the
provider is a requests session that logs in there and follows the redirects; the site
fetches tokens and claims from the provider over HTTP."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CLIENT_ID = "samen-test-client"
CLIENT_SECRET = "samen-test-secret"  # noqa: S105
PASSWORD = "provider-password"  # noqa: S105
LOGIN_PATH = "/{language}/account/oidc/organisation/login/"
CALLBACK = "http://testserver/{language}/account/oidc/organisation/login/callback/"

# The people at the provider, and what it says about each of them.
PEOPLE = {
    "anna": {"email": "anna@gemeente.nl", "email_verified": True, "name": "Anna de Vries"},
    "dirk": {"email": "Dirk@Provincie.nl", "email_verified": True, "name": "Dirk Jansen"},
    "eva": {"email": "eva@elders.nl", "email_verified": True, "name": "Eva Elders"},
    "unverified": {"email": "bert@gemeente.nl", "email_verified": False, "name": "Bert"},
    "no_email": {"name": "Carla Zonderadres"},
    "hostile": {
        "email": "hostile@gemeente.nl",
        "email_verified": True,
        "name": "<script>alert('x')</script>' OR 1=1 --",
    },
    "long_name": {"email": "lang@gemeente.nl", "email_verified": True, "name": "Lang" * 200},
    "long_email": {"email": f"{'a' * 60}@{'b' * 200}.nl", "email_verified": True, "name": "Te Lang"},
}


@dataclass
class Provider:
    issuer: str
    claims_file: Path

    def say(self, username, **claims):
        """Change what the provider says about ``username`` from now on."""
        people = json.loads(self.claims_file.read_text())
        people[username]["claims"] = claims
        self.claims_file.write_text(json.dumps(people))


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    directory = tmp_path_factory.mktemp("sso-provider")
    claims_file = directory / "claims.json"
    claims_file.write_text(
        json.dumps({name: {"password": PASSWORD, "claims": claims} for name, claims in PEOPLE.items()})
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.sso.provider.settings",
        "SSO_PROVIDER_DB": str(directory / "provider.sqlite3"),
        "SSO_PROVIDER_CLAIMS": str(claims_file),
        "SSO_PROVIDER_REDIRECT_URIS": " ".join(CALLBACK.format(language=code) for code in ("nl", "en")),
    }
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.sso.provider.serve", CLIENT_ID, CLIENT_SECRET],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), "the test provider did not start"
        yield Provider(issuer=f"http://127.0.0.1:{port}/o", claims_file=claims_file)
    finally:
        process.terminate()
        process.wait(timeout=10)
        # Each test may change what the provider says; the next session starts afresh.


def provider_settings(issuer, **app_settings):
    return {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "organisation",
                    "name": "",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {
                        "server_url": issuer,
                        "oauth_pkce_enabled": True,
                        "fetch_userinfo": True,
                        **app_settings,
                    },
                }
            ]
        }
    }


@pytest.fixture
def sso(settings, provider, db):
    """The site with single sign-on through the test provider, as SSO_ISSUER and the other
    variables would set it up; a test changes ``settings`` for other variables."""
    settings.SOCIALACCOUNT_PROVIDERS = provider_settings(provider.issuer)
    settings.SSO_SIGNUP = True
    settings.SSO_GROUPS = "gemeente.nl=Medewerkers,Redactie;provincie.nl=Medewerkers"
    settings.SSO_DOMAINS = []
    settings.SSO_LABEL = ""
    original = json.loads(provider.claims_file.read_text())
    yield provider
    provider.claims_file.write_text(json.dumps(original))


def start_log_in(client, language="nl", **data):
    """The member presses the button: the site sends them to the provider."""
    response = client.post(LOGIN_PATH.format(language=language), data)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def at_provider(authorize_url, username, password=PASSWORD):
    """The member's browser at the provider: log in there and follow its redirects until
    they lead back to the site. Returns that address (the callback with code and state)."""
    browser = requests.Session()
    url = authorize_url
    for _step in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
            response = browser.post(
                url,
                {"username": username, "password": password, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
                headers={"Referer": url},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code == 302, response.text[:500]
        url = urljoin(url, response.headers["Location"])
        if url.startswith("http://testserver/"):
            return url
    raise AssertionError("the provider never sent the browser back to the site")


def back_at_site(client, callback_url):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def log_in(client, username, language="nl", **data):
    """A whole log-in through the provider; the site's last answer."""
    return back_at_site(client, at_provider(start_log_in(client, language, **data), username))


def logged_in_as(client):
    return client.session.get("_auth_user_id")
