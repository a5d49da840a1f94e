"""Pages about the site in Dutch, and English versions made through wagtail-localize."""

from django.core.cache import cache

import pytest

from about.factories import AboutPageFactory, AccessibilityStatementPageFactory
from about.models import FooterRole
from tests.helpers import stream
from tests.i18n.helpers import translate

STRINGS = {
    "Samen": "Samen",
    "home": "home",
    "Toegankelijkheidsverklaring": "Accessibility statement",
    "toegankelijkheid": "accessibility",
    "Privacyverklaring": "Privacy statement",
    "privacy": "privacy",
    "Contact": "Contact",
    "contact": "contact",
    "Colofon": "Colophon",
    "colofon": "colophon",
}


def statement(home, **fields):
    return AccessibilityStatementPageFactory(parent=home, **fields)


def about_page(home, title, slug, role, **fields):
    body = stream(
        ("paragraph", "<p>Wat deze pagina vertelt.</p>"),
        ("heading", {"text": "Meer weten", "level": "h2"}),
        ("paragraph", "<p>Nog meer.</p>"),
        ("heading", {"text": "Details", "level": "h3"}),
    )
    return AboutPageFactory(parent=home, title=title, slug=slug, footer_role=role, body=body, **fields)


@pytest.fixture
def about_pages(home):
    """The four pages the footer links to, made in the tree's order that is not the footer's."""
    pages = {
        "colophon": about_page(home, "Colofon", "colofon", FooterRole.COLOPHON),
        "contact": about_page(home, "Contact", "contact", FooterRole.CONTACT),
        "privacy": about_page(home, "Privacyverklaring", "privacy", FooterRole.PRIVACY),
        "accessibility": statement(home),
    }
    cache.clear()
    return pages


@pytest.fixture
def english_about_pages(home, about_pages, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    english_home = translate(home, STRINGS, capture)
    pages = {role: translate(page, STRINGS, capture) for role, page in about_pages.items()}
    cache.clear()
    return english_home, pages
