"""Sign-up asks for agreement to the privacy statement in force, names its version, links
it, and keeps what was typed when the box is left empty."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from privacy.models import PrivacyAgreement
from tests.helpers import parse

from .conftest import new_version

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/nl/account/signup/"
PASSWORD = "een-lang-wachtwoord-42"


def signup(client, url=SIGNUP_URL, **data):
    form = {
        "email": "nieuw@samen.test",
        "display_name": "Nieuw Lid",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **data,
    }
    return client.post(url, {key: value for key, value in form.items() if value is not None})


def test_the_form_asks_with_a_labelled_box_naming_the_version(client, first_version):
    page = parse(client.get(SIGNUP_URL))
    box = page.find("input", attrs={"name": "agree_to_privacy"})
    assert box is not None and box["type"] == "checkbox"
    label = page.find("label", attrs={"for": box["id"]})
    assert "1.0" in label.get_text()
    assert page.find("input", attrs={"name": "privacy_version"})["value"] == str(first_version.pk)


def test_agreeing_records_the_agreement_with_the_version(client, first_version, mailoutbox):
    response = signup(client, agree_to_privacy="on", privacy_version=first_version.pk)
    assert response.status_code == 302
    member = User.objects.get(email="nieuw@samen.test")
    assert PrivacyAgreement.objects.get(member=member).version == first_version


@pytest.mark.parametrize("url", [SIGNUP_URL, "/en/account/signup/"])
def test_without_the_box_ticked_nobody_is_made_and_what_was_typed_stays(client, first_version, url):
    response = signup(client, url=url, privacy_version=first_version.pk)
    assert response.status_code == 200
    assert not User.objects.filter(email="nieuw@samen.test").exists()
    page = parse(response)
    assert page.find("input", attrs={"name": "email"})["value"] == "nieuw@samen.test"
    assert page.find("input", attrs={"name": "display_name"})["value"] == "Nieuw Lid"
    assert page.select_one("[data-error-summary]") is not None
    assert page.select("#id_agree_to_privacy_error li")


@pytest.mark.parametrize(
    "shown",
    ["", "0", "-1", "99999999999999999999", "abc", "<script>alert(1)</script>", "1 OR 1=1", "x" * 5000],
)
def test_a_tampered_or_stale_version_is_refused_with_a_clear_message(client, first_version, shown):
    response = signup(client, agree_to_privacy="on", privacy_version=shown)
    assert response.status_code == 200
    assert not User.objects.filter(email="nieuw@samen.test").exists()
    page = parse(response)
    assert page.select("#id_agree_to_privacy_error li")
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_version_that_came_into_force_while_the_form_was_open_must_be_read(client, first_version):
    shown = first_version.pk
    second = new_version()
    response = signup(client, agree_to_privacy="on", privacy_version=shown)
    assert response.status_code == 200
    page = parse(response)
    assert "2.0" in page.find("label", attrs={"for": "id_agree_to_privacy"}).get_text()
    assert page.find("input", attrs={"name": "privacy_version"})["value"] == str(second.pk)


def test_without_any_version_in_force_there_is_nothing_to_agree_to(client, mailoutbox):
    assert parse(client.get(SIGNUP_URL)).find("input", attrs={"name": "agree_to_privacy"}) is None
    assert signup(client).status_code == 302
    assert not PrivacyAgreement.objects.exists()


def test_a_version_in_force_only_tomorrow_is_not_asked_yet(client, first_version):
    new_version(label="3.0", days_ago=-1)
    label = parse(client.get(SIGNUP_URL)).find("label", attrs={"for": "id_agree_to_privacy"})
    assert "1.0" in label.get_text()


def test_after_confirming_the_new_member_is_not_asked_again(client, first_version, mailoutbox):
    signup(client, agree_to_privacy="on", privacy_version=first_version.pk)
    member = User.objects.get(email="nieuw@samen.test")
    EmailAddress.objects.filter(user=member).update(verified=True)
    client.post("/nl/account/login/", {"login": member.email, "password": PASSWORD})
    assert client.get("/nl/leden/profiel/bewerken/").status_code == 200
