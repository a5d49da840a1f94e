"""A member's language for e-mail: the language they signed up in, until they choose
another on their profile."""

import pytest

from accounts.models import User
from tests.engagement.helpers import verified_member

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


@pytest.mark.parametrize(
    ("language", "subject"),
    [("en", "[Samen] Welcome! Confirm your e-mail address"), ("nl", "[Samen] Welkom! Bevestig je e-mailadres")],
)
def test_signing_up_remembers_the_language_and_mails_in_it(client, home, mailoutbox, language, subject):
    response = client.post(
        f"/{language}/account/signup/",
        {"email": "lotte@samen.test", "display_name": "Lotte", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.get(email="lotte@samen.test").language == language
    [mail] = mailoutbox
    assert mail.subject == subject


def test_a_member_chooses_the_language_of_their_mail(client, db):
    member = verified_member(display_name="Emma", email="emma@samen.test")
    assert member.language == "nl"
    client.force_login(member)
    response = client.post("/en/leden/profiel/bewerken/", {"display_name": "Emma", "bio": "", "language": "en"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "en"


def test_only_the_sites_languages_can_be_chosen(client, db):
    member = verified_member(display_name="Emma", email="emma@samen.test")
    client.force_login(member)
    response = client.post("/en/leden/profiel/bewerken/", {"display_name": "Emma", "bio": "", "language": "fr"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.language == "nl"
