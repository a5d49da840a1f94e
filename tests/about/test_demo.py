"""``load_demo`` makes the pages about the site once, in Dutch and English, and leaves an
editor's changes alone. Committed for real, as the command does: wagtail-localize
publishes each English version when its transaction commits."""

import io

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from about.models import AboutPage, AccessibilityStatementPage, ComplianceStatus
from tests.helpers import get_html

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOOTER = {
    "nl": ["Toegankelijkheidsverklaring", "Privacyverklaring", "Contact", "Colofon"],
    "en": ["Accessibility statement", "Privacy statement", "Contact", "Colophon"],
}


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def about_pages():
    return sorted(
        (page.locale.language_code, type(page).__name__, page.title, page.live)
        for model in (AboutPage, AccessibilityStatementPage)
        for page in model.objects.select_related("locale")
    )


def test_the_demo_has_the_four_pages_once_in_both_languages(client):
    load_demo()
    made = about_pages()
    load_demo()

    assert about_pages() == made
    assert len(made) == 8
    assert all(live for *_rest, live in made)
    for language, titles in FOOTER.items():
        soup = get_html(client, f"/{language}/")
        assert [a.get_text(strip=True) for a in soup.select("footer .site-footer__links a")] == titles
        for link in soup.select("footer .site-footer__links a"):
            assert get_html(client, link["href"]).find("h1").get_text(strip=True) == link.get_text(strip=True)

    dutch = AccessibilityStatementPage.objects.get(locale__language_code="nl")
    english = dutch.get_translation(Locale.objects.get(language_code="en"))
    assert dutch.compliance_status == english.compliance_status == ComplianceStatus.B
    assert str(dutch.last_checked) == str(english.specific.last_checked) == "2026-12-07"
    assert len(english.specific.known_problems) == 2


def test_an_editors_change_survives_another_run():
    load_demo()
    privacy = AboutPage.objects.get(slug="privacy", locale__language_code="nl")
    privacy.title = "Privacy bij Samen"
    privacy.save_revision().publish()

    load_demo()

    assert AboutPage.objects.get(pk=privacy.pk).title == "Privacy bij Samen"
    assert AboutPage.objects.filter(footer_role="privacy", locale__language_code="nl").count() == 1
