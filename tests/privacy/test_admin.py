"""Editors keep the privacy statement's versions in the Wagtail admin."""

from django.urls import reverse

from wagtail.models import Locale

import pytest

from privacy.models import PrivacyStatementVersion
from tests.engagement.helpers import member_of, verified_member

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/privacy/privacystatementversion/add/"
INDEX_URL = "/admin/snippets/privacy/privacystatementversion/"


@pytest.fixture
def editor(db):
    return member_of("Editors", email="redacteur@samen.test")


def test_an_editor_adds_a_version(client, editor):
    client.force_login(editor)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, {"label": "2.0", "in_force_from": "2026-01-01", "summary": "Wat er veranderde."})
    assert response.status_code == 302, response.content[:3000]
    assert PrivacyStatementVersion.objects.get(label="2.0").summary == "Wat er veranderde."
    assert client.get(INDEX_URL).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"label": "", "in_force_from": "2026-01-01", "summary": "x"},
        {"label": "2.0", "in_force_from": "2026-13-45", "summary": "x"},
        {"label": "2.0", "in_force_from": "2026-01-01", "summary": ""},
        {"label": "x" * 500, "in_force_from": "2026-01-01", "summary": "x"},
        {"label": "2.0", "in_force_from": "2026-01-01", "summary": "x" * 5000},
    ],
)
def test_wrong_input_is_refused_and_kept(client, editor, data):
    client.force_login(editor)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not PrivacyStatementVersion.objects.exists()


def test_an_ordinary_member_cannot_open_it(client):
    client.force_login(verified_member(email="lid@samen.test"))
    assert client.get(ADD_URL).status_code in (302, 403)
    assert not PrivacyStatementVersion.objects.exists()


def test_a_version_is_translated_in_wagtail_localize_like_the_pages(client, editor):
    """The summary is written in Dutch and translated into English the way translators
    translate everything else; the name and the day stay the source's."""
    from_nl = PrivacyStatementVersion.objects.create(
        label="2.0", in_force_from="2026-01-01", summary="Wat er veranderde."
    )
    english = Locale.objects.get(language_code="en")
    client.force_login(editor)
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["privacy", "privacystatementversion", from_nl.pk]
    )
    assert client.get(submit).status_code == 200
    response = client.post(submit, {"locales": [english.pk]})
    assert response.status_code == 302
    translation = from_nl.get_translation(english)
    assert (translation.label, str(translation.in_force_from)) == ("2.0", "2026-01-01")
