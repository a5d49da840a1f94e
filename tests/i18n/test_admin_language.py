"""The Wagtail admin speaks Dutch or English, per user."""

from django.contrib.auth.models import Group

from wagtail.users.models import UserProfile

import pytest

from tests.engagement.helpers import verified_member

from .helpers import html_lang, parse

pytestmark = pytest.mark.django_db

# Labels of the admin's sidebar menu, in each language (every admin user sees "Pages").
MENU = {"en": ["Pages"], "nl": ["Pagina's"]}


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def assert_admin_speaks(client, language):
    response = client.get("/admin/")
    assert response.status_code == 200
    soup = parse(response)
    assert html_lang(soup) == language
    text = response.content.decode()
    other = "nl" if language == "en" else "en"
    for label in MENU[language]:
        assert label in text, f"{label!r} missing from the {language} admin"
    for label in MENU[other]:
        assert label not in text, f"{label!r} in the {language} admin"


def test_the_admin_offers_dutch_and_english_only(client, superuser):
    client.force_login(superuser)
    soup = parse(client.get("/admin/account/"))
    options = [option["value"] for option in soup.select("select[name=locale-preferred_language] option")]
    assert sorted(options) == ["", "en", "nl"]


def test_without_a_preference_the_admin_is_dutch(client, superuser):
    client.force_login(superuser)
    assert_admin_speaks(client, "nl")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_admin_follows_the_users_preference(client, superuser, language):
    prefer(superuser, language)
    client.force_login(superuser)
    assert_admin_speaks(client, language)
    text = client.get("/admin/").content.decode()
    if language == "en":
        assert "Documents" in text and "Images" in text
    else:
        assert "Documenten" in text and "Afbeeldingen" in text


def test_each_user_gets_their_own_admin_language(client, superuser):
    translator = verified_member(display_name="Vera Vertaler", email="vera@samen.test")
    translator.groups.add(Group.objects.get(name="Vertalers"))
    prefer(translator, "en")
    prefer(superuser, "nl")

    client.force_login(translator)
    assert_admin_speaks(client, "en")
    client.force_login(superuser)
    assert_admin_speaks(client, "nl")
    # The site itself keeps following its address, whatever the admin speaks.
    assert html_lang(parse(client.get(f"/nl/leden/{superuser.pk}/"))) == "nl"
