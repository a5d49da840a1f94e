"""Logging in by e-mail address: case, where it leads afterwards, and brute force."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group

import pytest
from allauth.account.models import EmailAddress

from accounts.factories import DEFAULT_PASSWORD, UserFactory, current_code_for
from tests.engagement.helpers import text_of, verified_member

LOGIN_URL = "/nl/account/login/"
LOCKED = "Te veel inlogpogingen"


def log_in(client, login, password=DEFAULT_PASSWORD, **extra):
    data = {"login": login, "password": password}
    if "next" in extra:
        data["next"] = extra.pop("next")
    return client.post(LOGIN_URL, data, **extra)


def logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_login_form_asks_for_email_and_password(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert {"login", "password"} <= set(response.context["form"].fields)


def test_member_logs_in_by_email(client, anna):
    response = log_in(client, "anna@x.nl")
    assert response.status_code == 302
    assert logged_in_as(client) == str(anna.pk)


def test_email_is_case_insensitive(client, anna):
    response = log_in(client, "ANNA@x.nl")
    assert response.status_code == 302
    assert logged_in_as(client) == str(anna.pk)


def test_wrong_password_is_refused(client, anna):
    response = log_in(client, "anna@x.nl", "niet-het-wachtwoord")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert logged_in_as(client) is None


def test_unconfirmed_address_cannot_log_in(client, db):
    user = UserFactory(email="onbevestigd@x.nl")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    log_in(client, "onbevestigd@x.nl")
    assert logged_in_as(client) is None


def test_next_is_honoured_for_a_local_path(client, anna):
    response = log_in(client, "anna@x.nl", next="/nl/groepen/?x=1#reageren")
    assert response.status_code == 302
    assert response["Location"] == "/nl/groepen/?x=1#reageren"


@pytest.mark.parametrize(
    "evil",
    ["//evil.example", "\\\\evil.example", "https:evil.example", "https://evil.example/", "/\\evil.example"],
)
def test_next_off_the_site_is_refused(client, anna, evil):
    response = log_in(client, "anna@x.nl", next=evil)
    assert response.status_code == 302
    assert logged_in_as(client) == str(anna.pk)
    location = response["Location"]
    assert "evil.example" not in location
    assert location.startswith("/")
    assert not location.startswith("//")
    assert not urlsplit(location).netloc


def test_next_off_the_site_is_refused_even_with_a_claimed_host(client, anna):
    response = log_in(client, "anna@x.nl", next="https://evil.example/", HTTP_HOST="evil.example")
    assert "evil.example" not in response["Location"]


class TestBruteForce:
    def fail(self, client, login, times, **extra):
        for _ in range(times):
            response = log_in(client, login, "fout-wachtwoord", **extra)
            assert logged_in_as(client) is None
        return response

    def test_sixth_attempt_is_refused_even_with_the_right_password(self, client, anna):
        self.fail(client, "anna@x.nl", 5)
        response = log_in(client, "anna@x.nl")
        assert response.status_code == 200
        assert LOCKED in text_of(response)
        assert logged_in_as(client) is None

    def test_five_failures_do_not_lock_yet(self, client, anna):
        self.fail(client, "anna@x.nl", 4)
        log_in(client, "anna@x.nl")
        assert logged_in_as(client) == str(anna.pk)

    def test_changing_the_case_of_the_address_does_not_reset_the_lock(self, client, anna):
        self.fail(client, "anna@x.nl", 3)
        self.fail(client, "Anna@X.NL", 2)
        response = log_in(client, "ANNA@x.nl")
        assert LOCKED in text_of(response)
        assert logged_in_as(client) is None

    def test_a_forwarded_for_header_does_not_reset_the_lock(self, client, anna):
        for n in range(5):
            log_in(client, "anna@x.nl", "fout", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        response = log_in(client, "anna@x.nl", HTTP_X_FORWARDED_FOR="198.51.100.7")
        assert LOCKED in text_of(response)
        assert logged_in_as(client) is None

    def test_the_lock_holds_from_another_client_address(self, client, anna):
        self.fail(client, "anna@x.nl", 5, REMOTE_ADDR="10.0.0.1")
        response = log_in(client, "anna@x.nl", REMOTE_ADDR="10.0.0.2")
        assert LOCKED in text_of(response)
        assert logged_in_as(client) is None

    def test_another_account_is_unaffected(self, client, anna, bob):
        self.fail(client, "anna@x.nl", 5)
        log_in(client, "bob@x.nl")
        assert logged_in_as(client) == str(bob.pk)

    def test_many_failures_from_one_client_address_slow_it_down(self, client, anna):
        # Twenty failures, each for a different address: no address is locked, but the
        # client address is, whatever X-Forwarded-For it sends.
        for n in range(20):
            log_in(client, f"onbekend{n}@x.nl", "fout", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        response = log_in(client, "anna@x.nl", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="192.0.2.200")
        assert logged_in_as(client) is None
        assert LOCKED in text_of(response)
        # From another client address Anna still gets in.
        log_in(client, "anna@x.nl", REMOTE_ADDR="10.0.0.10")
        assert logged_in_as(client) == str(anna.pk)


class TestAdminLogin:
    def test_admin_login_redirects_to_the_sites_login_keeping_next(self, client, db):
        response = client.get("/admin/login/?next=/admin/pages/")
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == LOGIN_URL
        assert parse_qs(location.query)["next"] == ["/admin/pages/"]

    @pytest.mark.parametrize("evil", ["//evil.example", "https://evil.example/", "\\\\evil.example"])
    def test_admin_login_drops_an_unsafe_next(self, client, db, evil):
        response = client.get("/admin/login/", {"next": evil})
        location = urlsplit(response["Location"])
        assert location.path == LOGIN_URL
        assert parse_qs(location.query)["next"] == ["/admin/"]

    def test_anonymous_admin_visit_goes_to_the_sites_login(self, client, db):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == LOGIN_URL

    def test_staff_user_logged_in_through_the_site_can_open_the_admin(self, client, db):
        editor = verified_member(email="redactie@x.nl", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editors"))
        second_step = log_in(client, "redactie@x.nl", next="/admin/")
        response = client.post(second_step["Location"], {"code": current_code_for(editor)})
        assert response["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200

    def test_ordinary_member_cannot_open_the_admin(self, client, anna):
        log_in(client, "anna@x.nl")
        response = client.get("/admin/")
        assert response.status_code in (302, 403)
