"""The member's two-factor pages: in Dutch and English, in the site's look, with no script
the site's Content-Security-Policy would block; recovery codes made anew replace the old."""

import re

import pytest

from tests.engagement.helpers import soup, text_of

from .conftest import confirm_password, enter_code, log_in, logged_in_as, nl, recovery_codes_of

PAGES = {
    "index": ("/{lang}/account/2fa/", "Two-factor authentication"),
    "codes": ("/{lang}/account/2fa/recovery-codes/", "Recovery codes"),
    "new codes": ("/{lang}/account/2fa/recovery-codes/generate/", "Make new recovery codes"),
    "turn off": ("/{lang}/account/2fa/totp/deactivate/", "Turn off the authenticator app"),
    "keys": ("/{lang}/account/2fa/webauthn/", "Passkeys and security keys"),
    "add key": ("/{lang}/account/2fa/webauthn/add/", "Add a passkey or security key"),
}


@pytest.fixture
def logged_in(client, member_with_app, code_of):
    log_in(client, "mila@samen.test")
    enter_code(client, code_of(member_with_app.totp_secret))
    assert logged_in_as(client) == str(member_with_app.pk)
    confirm_password(client)
    return client


def inline_scripts(response):
    """Scripts the browser would run from the page itself (JSON data blocks are not run)."""
    return [
        script
        for script in soup(response).find_all("script")
        if not script.get("src") and script.get("type") not in ("application/json",)
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_each_page_speaks_the_readers_language_in_the_sites_look(logged_in, name, lang):
    address, heading = PAGES[name]
    response = logged_in.get(address.format(lang=lang))
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == (nl(heading) if lang == "nl" else heading)
    assert page.select_one("main .account-page")
    assert page.find("html")["lang"] == lang
    assert not inline_scripts(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_activation_page_shows_the_qr_code_with_alt_text_and_the_key_as_text(client, member):
    log_in(client, "mila@samen.test")
    confirm_password(client)
    page = soup(client.get("/nl/account/2fa/totp/activate/"))
    qr = page.select_one("img.totp-qr")
    assert qr["src"].startswith("data:image/svg+xml;base64,")
    assert qr["alt"] == nl("QR code for your authenticator app. It holds the same key as the text below.")
    secret = page.select_one("[data-totp-secret]")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret["value"])
    assert page.select_one(f'label[for="{secret["id"]}"]')
    code = page.select_one("input[name=code]")
    assert code["autocomplete"] == "one-time-code"
    assert page.select_one(f'label[for="{code["id"]}"]')


@pytest.mark.parametrize("code", ["", "000000", "x" * 5000, '"><script>alert(1)</script>'])
def test_a_wrong_activation_code_is_refused_and_nothing_is_set_up(client, member, code):
    log_in(client, "mila@samen.test")
    confirm_password(client)
    client.get("/nl/account/2fa/totp/activate/")
    response = client.post("/nl/account/2fa/totp/activate/", {"code": code})
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary")
    assert b"<script>alert(1)" not in response.content
    assert not member.authenticator_set.exists()


def test_an_unsafe_next_is_not_followed_after_activation(client, member, code_of):
    log_in(client, "mila@samen.test")
    confirm_password(client)
    page = soup(client.get("/nl/account/2fa/totp/activate/", {"next": "//evil.example/"}))
    assert "evil" not in page.select_one("form[method=post]")["action"]
    secret = page.select_one("[data-totp-secret]")["value"]
    done = client.post("/nl/account/2fa/totp/activate/?next=//evil.example/", {"code": code_of(secret)})
    assert done["Location"] == "/nl/account/2fa/recovery-codes/"


def test_the_codes_can_be_downloaded(logged_in, member_with_app):
    response = logged_in.get("/nl/account/2fa/recovery-codes/download/")
    assert response.status_code == 200
    assert set(recovery_codes_of(member_with_app)) <= set(response.content.decode().split())


def test_new_recovery_codes_make_the_old_ones_useless(logged_in, member_with_app, client):
    old = recovery_codes_of(member_with_app)
    response = logged_in.post("/nl/account/2fa/recovery-codes/generate/")
    assert response.status_code == 302
    new = recovery_codes_of(member_with_app)
    assert not set(old) & set(new)
    logged_in.logout()
    log_in(client, "mila@samen.test")
    assert "Ongeldige code" in text_of(enter_code(client, old[0]))
    assert enter_code(client, new[0]).status_code == 302
    assert logged_in_as(client) == str(member_with_app.pk)


def test_turning_the_app_off_removes_the_second_step(logged_in, member_with_app, client):
    assert logged_in.post("/nl/account/2fa/totp/deactivate/").status_code == 302
    assert not member_with_app.authenticator_set.exists()
    logged_in.logout()
    assert log_in(client, "mila@samen.test")["Location"] != "/nl/account/2fa/authenticate/"
    assert logged_in_as(client) == str(member_with_app.pk)


@pytest.mark.parametrize("name", ["", "x" * 101, "<img src=x onerror=alert(1)>"])
def test_renaming_a_key_checks_the_name(logged_in, member_with_app, name):
    key = member_with_app.authenticator_set.create(type="webauthn", data={"name": "Telefoon", "credential": {}})
    response = logged_in.post(f"/nl/account/2fa/webauthn/keys/{key.pk}/edit/", {"name": name})
    if name.startswith("<img"):
        assert response.status_code == 302
        listing = logged_in.get("/nl/account/2fa/webauthn/")
        assert b"<img src=x" not in listing.content
        assert "&lt;img src=x" in listing.content.decode()
    else:
        assert response.status_code == 200
        assert soup(response).select_one(".error-summary")


def test_the_settings_pages_need_a_log_in(client, db):
    response = client.get("/nl/account/2fa/")
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")
