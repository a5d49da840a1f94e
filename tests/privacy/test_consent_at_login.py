"""A new version of the privacy statement in force: at their next log-in the member is
asked, with what changed, before going on; nothing else is held back, and nobody else."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import pytest

from accounts.factories import DEFAULT_PASSWORD
from privacy.consent import PENDING_KEY
from privacy.models import PrivacyAgreement, agree
from tests.engagement.helpers import verified_member
from tests.helpers import parse

from .conftest import new_version

pytestmark = pytest.mark.django_db

with translation.override("nl"):
    CONSENT_NL = reverse("privacy:consent")
with translation.override("en"):
    CONSENT_EN = reverse("privacy:consent")
PROFILE = "/nl/leden/profiel/bewerken/"
CONSENT_MIDDLEWARE = "privacy.consent.PrivacyConsentMiddleware"


@pytest.fixture
def anna(first_version):
    member = verified_member(email="anna@samen.test", display_name="Anna")
    agree(member, first_version)
    return member


@pytest.fixture
def second(first_version):
    return new_version(summary="We bewaren je inloggegevens nu 90 dagen.\n<script>alert(1)</script>")


def logged_in(member, language="nl"):
    client = Client()
    response = client.post(f"/{language}/account/login/", {"login": member.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def consent_url(client):
    """Where the member's next page sends them, if anywhere."""
    response = client.get(PROFILE)
    return response["Location"] if response.status_code == 302 else None


def test_a_member_who_agreed_to_the_version_in_force_is_not_asked(anna):
    client = logged_in(anna)
    assert client.get(PROFILE).status_code == 200
    assert PENDING_KEY not in client.session


def test_with_a_new_version_the_member_is_asked_at_the_next_log_in(anna, second):
    client = logged_in(anna)
    assert consent_url(client) == f"{CONSENT_NL}?next={PROFILE}"
    page = parse(client.get(consent_url(client)))
    text = page.get_text()
    assert "2.0" in text
    assert "We bewaren je inloggegevens nu 90 dagen." in text
    # The summary is the editors' text, shown as text.
    assert page.find("script", string="alert(1)") is None
    box = page.find("input", attrs={"name": "agree_to_privacy"})
    assert page.find("label", attrs={"for": box["id"]})
    assert page.find("h1")


def test_agreeing_records_it_and_goes_on_to_where_the_member_was_going(anna, second):
    client = logged_in(anna)
    response = client.post(CONSENT_NL, {"agree_to_privacy": "on", "privacy_version": second.pk, "next": PROFILE})
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    assert PrivacyAgreement.objects.filter(member=anna, version=second).exists()
    assert client.get(PROFILE).status_code == 200
    # And at the next log-in not again.
    assert consent_url(logged_in(anna)) is None


def test_not_ticking_the_box_is_refused_and_still_asked(anna, second):
    client = logged_in(anna)
    response = client.post(CONSENT_NL, {"privacy_version": second.pk, "next": PROFILE})
    assert response.status_code == 400
    assert parse(response).select("#id_agree_to_privacy_error li")
    assert not PrivacyAgreement.objects.filter(member=anna, version=second).exists()
    assert consent_url(client) is not None


@pytest.mark.parametrize(
    "next_url",
    ["//evil.example/", "https://evil.example/", "javascript:alert(1)", "\\\\evil.example", "", "x" * 5000],
)
def test_a_hostile_next_leads_home(anna, second, next_url):
    client = logged_in(anna)
    response = client.post(CONSENT_NL, {"agree_to_privacy": "on", "privacy_version": second.pk, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("value", ["", "abc", "-1", "<script>", "1; DROP TABLE privacy_privacyagreement"])
def test_a_tampered_version_is_refused(anna, second, value):
    client = logged_in(anna)
    response = client.post(CONSENT_NL, {"agree_to_privacy": "on", "privacy_version": value})
    assert response.status_code == 400
    assert not PrivacyAgreement.objects.filter(member=anna, version=second).exists()


def test_while_asked_a_form_sent_elsewhere_does_nothing(anna, second):
    client = logged_in(anna)
    response = client.post(PROFILE, {"display_name": "Iemand anders"})
    assert response.status_code == 302
    assert response["Location"] == CONSENT_NL
    anna.refresh_from_db()
    assert anna.display_name == "Anna"


def test_while_asked_the_member_can_log_out_and_reach_the_health_checks(anna, second):
    client = logged_in(anna)
    assert client.get("/healthz").status_code == 200
    response = client.post("/nl/account/logout/")
    assert response.status_code == 302
    assert client.get(PROFILE)["Location"].startswith("/nl/account/login/")


def test_declining_is_explained_with_log_out_and_leaving(anna, second):
    client = logged_in(anna)
    page = parse(client.get(CONSENT_NL))
    assert page.find("form", attrs={"action": "/nl/account/logout/"}) is not None
    hrefs = [a.get("href") for a in page.find_all("a")]
    assert any(href and "/nl/" in href for href in hrefs)


def test_the_question_in_english(anna, second):
    client = logged_in(anna, language="en")
    page = parse(client.get(CONSENT_EN))
    assert page.find("h1").get_text(strip=True) == "Our privacy statement has changed"
    assert "What changed" in page.get_text()


def test_anonymous_visitors_are_never_sent_there(client, second, home):
    assert client.get("/nl/").status_code == 200
    response = client.get(CONSENT_NL)
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/account/login/")


def test_opening_the_question_with_nothing_to_agree_to_goes_on(anna):
    client = logged_in(anna)
    response = client.get(f"{CONSENT_NL}?next={PROFILE}")
    assert response.status_code == 302
    assert response["Location"] == PROFILE


def test_the_check_adds_no_query_to_a_members_page(anna, home, settings):
    client = logged_in(anna)
    for _ in range(2):
        client.get("/nl/")
    with CaptureQueriesContext(connection) as checked:
        assert client.get("/nl/").status_code == 200
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != CONSENT_MIDDLEWARE]
    client.get("/nl/")
    with CaptureQueriesContext(connection) as unchecked:
        assert client.get("/nl/").status_code == 200
    assert len(checked) == len(unchecked)


def test_an_english_reader_reads_the_translated_summary_and_agrees_to_the_source(anna, second):
    english = Locale.objects.get(language_code="en")
    translated = second.copy_for_translation(english)
    translated.summary = "We now keep your log-in history for 90 days."
    translated.save()
    client = logged_in(anna, language="en")

    page = parse(client.get(CONSENT_EN))
    assert "We now keep your log-in history for 90 days." in page.get_text()
    assert "We bewaren" not in page.get_text()
    response = client.post(CONSENT_EN, {"agree_to_privacy": "on", "privacy_version": second.pk, "next": "/en/"})
    assert response.status_code == 302
    assert PrivacyAgreement.objects.filter(member=anna, version=second).exists()
    # A Dutch reader reads the source.
    bram = verified_member(email="bram@samen.test", display_name="Bram")
    assert "We bewaren je inloggegevens nu 90 dagen." in parse(logged_in(bram).get(CONSENT_NL)).get_text()


def test_a_version_written_only_in_another_language_asks_nobody(anna):
    only_english = new_version(label="3.0", summary="English only.")
    only_english.locale = Locale.objects.get(language_code="en")
    only_english.save()
    client = logged_in(anna)
    assert PENDING_KEY not in client.session
    assert client.get(PROFILE).status_code == 200
