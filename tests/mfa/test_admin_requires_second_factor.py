"""The admin is closed to whoever may open it until they have a second factor; members
who never open the admin are not asked for one."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import give_authenticator_app
from accounts.second_factor import needs_second_factor
from tests.engagement.helpers import soup, text_of, verified_member

from .conftest import confirm_password, log_in, nl, without_second_factor

ADMIN_ADDRESSES = [
    "/admin/",
    "/admin/pages/",
    "/admin/api/main/pages/",
    "/admin/choose-page/",
    "/admin/images/",
    "/admin/users/",
    "/admin/reports/site-history/",
    "/admin/account/",
]


@pytest.mark.parametrize("address", ADMIN_ADDRESSES)
def test_an_editor_without_a_second_factor_is_refused_everywhere_in_the_admin(client, editor_without_factor, address):
    client.force_login(editor_without_factor)
    response = client.get(address)
    assert response.status_code == 403
    assert soup(response).find("h1").get_text(strip=True) == nl("The admin needs a second factor")


def test_a_superuser_without_a_second_factor_is_refused_too(client, django_user_model):
    boss = without_second_factor(
        django_user_model.objects.create_superuser(email="baas@samen.test", password="x", display_name="Baas")
    )
    client.force_login(boss)
    assert client.get("/admin/").status_code == 403
    assert client.post("/admin/pages/add_subpage/2/").status_code == 403


def test_the_refusal_says_why_and_links_to_setting_up_with_the_way_back(client, editor_without_factor):
    client.force_login(editor_without_factor)
    response = client.get("/admin/pages/?ordering=title", HTTP_ACCEPT_LANGUAGE="nl")
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == nl("The admin needs a second factor")
    links = {urlsplit(a["href"]).path: parse_qs(urlsplit(a["href"]).query) for a in page.select("main a[href]")}
    assert links["/nl/account/2fa/totp/activate/"]["next"] == ["/admin/pages/?ordering=title"]
    assert links["/nl/account/2fa/webauthn/add/"]["next"] == ["/admin/pages/?ordering=title"]


def test_the_refusal_is_in_english_for_an_english_reader(client, editor_without_factor):
    client.force_login(editor_without_factor)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert soup(response).find("h1").get_text(strip=True) == "The admin needs a second factor"
    assert soup(response).select_one('a[href^="/en/account/2fa/totp/activate/"]')


def test_a_hostile_address_never_becomes_the_way_back(client, editor_without_factor):
    client.force_login(editor_without_factor)
    response = client.get("/admin/pages/", {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 403
    assert b"<script>alert(1)" not in response.content


def test_with_an_authenticator_app_the_admin_opens(client, editor_without_factor):
    give_authenticator_app(editor_without_factor)
    client.force_login(editor_without_factor)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(client, editor_without_factor):
    give_authenticator_app(editor_without_factor)
    Authenticator.objects.filter(type=Authenticator.Type.TOTP).delete()
    client.force_login(editor_without_factor)
    assert client.get("/admin/").status_code == 403


def test_a_group_approver_and_a_translator_are_asked_too(db):
    translator = verified_member(email="tom@samen.test")
    translator.groups.add(Group.objects.get(name="Vertalers"))
    without_second_factor(translator)
    assert needs_second_factor(translator)
    give_authenticator_app(translator)
    assert not needs_second_factor(type(translator).objects.get(pk=translator.pk))


def test_a_member_without_admin_access_is_never_asked(client, member):
    assert not needs_second_factor(member)
    client.force_login(member)
    assert client.get("/nl/").status_code == 200
    assert client.get("/nl/account/2fa/").status_code == 200
    # The admin is closed to them as before (Wagtail's own refusal), not for want of a factor.
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert nl("The admin needs a second factor") not in text_of(response)


def test_anonymous_visitors_go_to_the_login_as_before(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/nl/account/login/"


def test_an_editor_sets_up_the_app_and_continues_to_the_admin(client, editor_without_factor, code_of):
    """Through the pages: password, the refusal, the app, the recovery codes, the admin."""
    log_in(client, "eva@samen.test")
    refusal = client.get("/admin/pages/")
    assert refusal.status_code == 403
    setup = soup(refusal).select_one('a[href^="/nl/account/2fa/totp/activate/"]')["href"]
    asked = client.get(setup)
    assert urlsplit(asked["Location"]).path == "/nl/account/reauthenticate/"
    confirmed = confirm_password(client, next_url=setup)
    assert confirmed["Location"] == setup
    page = client.get(setup)
    assert page.status_code == 200
    secret = soup(page).select_one("[data-totp-secret]")["value"]
    done = client.post(setup, {"code": code_of(secret)})
    assert done.status_code == 302
    assert urlsplit(done["Location"]).path == "/nl/account/2fa/recovery-codes/"
    codes_page = client.get(done["Location"])
    assert soup(codes_page).select_one("a[data-continue]")["href"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
