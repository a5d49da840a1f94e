"""A small bilingual site for the Dutch/English tests: the migrated Dutch home with groups,
blogs and a group, each with an English version made through wagtail-localize, and posts
in both languages on request. Cheaper than ``load_demo`` and built the same way."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from blog.factories import BlogPageFactory
from tests.engagement.helpers import verified_member

from .helpers import translate

SITE_STRINGS = {
    "Groepen": "Groups",
    "groepen": "groups",
    "Blogs": "Blogs",
    "blogs": "blogs",
    "Menskracht": "Menskracht",
    "menskracht": "menskracht",
    "Inspiratie en ontwikkeling van professionele passie en talent": (
        "Inspiration and development of professional passion and talent"
    ),
}

POST_STRINGS = {
    "Samen leren": "Learning together",
    "samen-leren": "learning-together",
    "Een korte inleiding op dit bericht.": "A short introduction to this post.",
    "Een eerste alinea.": "A first paragraph.",
    "Tweede bericht": "Second post",
    "tweede-bericht": "second-post",
}


@pytest.fixture
def bilingual(home, group_index, blog_index, group, django_capture_on_commit_callbacks):
    """Home, groups, blogs and the group Menskracht in Dutch (``.nl``) and English (``.en``)."""
    capture = django_capture_on_commit_callbacks
    dutch = SimpleNamespace(home=home, group_index=group_index, blog_index=blog_index, group=group)
    english = SimpleNamespace(**{name: translate(page, SITE_STRINGS, capture) for name, page in vars(dutch).items()})
    return SimpleNamespace(nl=dutch, en=english, capture=capture)


@pytest.fixture
def author(db):
    return verified_member(display_name="Anouk Verbeek", email="anouk@samen.test")


@pytest.fixture
def translate_post(bilingual):
    """``translate_post(post)``: the English version of a Dutch post, with POST_STRINGS."""

    def make(post, strings=None):
        return translate(post, {**POST_STRINGS, **(strings or {})}, bilingual.capture)

    return make


@pytest.fixture
def post(bilingual, author):
    """A Dutch post, published ten days ago, tagged "talent"."""
    return BlogPageFactory(
        parent=bilingual.nl.group,
        title="Samen leren",
        slug="samen-leren",
        author=author,
        date_published=timezone.now() - datetime.timedelta(days=10, hours=2),
        tags=["talent"],
    )


@pytest.fixture
def english_post(post, translate_post):
    return translate_post(post)
