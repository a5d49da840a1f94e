"""A walk along the demo site's pages that the page checks and the screenshots share: one
of each kind a reader meets, in Dutch and in English, read off the database after
``load_demo``."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Site

from about.models import AccessibilityStatementPage
from accounts.models import User
from blog.models import BlogIndexPage, BlogPage
from groups.models import GroupIndexPage, GroupPage

LANGUAGES = ("nl", "en")
# A post with an English translation, its group, and its writer's profile.
POST_SLUG = "werkplezier-begint-bij-de-koffieautomaat"
GROUP_SLUG = "menskracht"
WRITER_EMAIL = "marloes@samen.test"
SEARCH_WORDS = {"nl": "werk", "en": "work"}


@dataclass(frozen=True)
class Stop:
    name: str
    language: str
    path: str


def _translated(page, locale):
    return page.get_translation(locale).specific


def tour():
    """Every stop, Dutch first: home, blog index, a post, a group, the groups, the
    accessibility statement, a search, a writer's profile, sign-up and log-in."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    dutch = {
        "home": home,
        "blogs": BlogIndexPage.objects.live().descendant_of(home).get(),
        "post": BlogPage.objects.live().descendant_of(home).get(slug=POST_SLUG),
        "group": GroupPage.objects.live().descendant_of(home).get(slug=GROUP_SLUG),
        "groups": GroupIndexPage.objects.live().descendant_of(home).get(),
        "accessibility": AccessibilityStatementPage.objects.live().descendant_of(home).get(),
    }
    writer = User.objects.get(email=WRITER_EMAIL)
    stops = []
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        pages = {name: _translated(page, locale) for name, page in dutch.items()}
        with translation.override(language):
            addresses = {
                "home": pages["home"].url,
                "blogs": pages["blogs"].url,
                "post": pages["post"].url,
                "group": pages["group"].url,
                "groups": pages["groups"].url,
                "accessibility": pages["accessibility"].url,
                "search": f"{reverse('search')}?q={SEARCH_WORDS[language]}",
                "profile": reverse("profiles:profile", args=[writer.pk]),
                "signup": reverse("account_signup"),
                "login": reverse("account_login"),
            }
        stops.extend(Stop(name, language, path) for name, path in addresses.items())
    return stops
