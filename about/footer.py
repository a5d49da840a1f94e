"""The footer's links to the pages about the site, in the reader's language.

Every page shows them, so they are looked up in one query and kept per language in the
cache, stamped with the version of the page cache's ``site`` label. Publishing,
unpublishing or moving a page purges that label (``BasePage.what_a_change_purges``), as
does a privacy setting; deleting a live page about the site purges it too (see
``purges.py``). A stamp that no longer matches means the links are looked up again, and
the copies of every page, whose footers show them, are stale as well."""

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import translation

from wagtail.models import Page, PageViewRestriction

from core.locales import locale_id_for
from pagecache.labels import SITE, kept_until_purged

from .models import FooterRole

ACCESSIBILITY = "accessibility"
# The order of the footer: the accessibility statement first, as the government's sites do.
ORDER = [ACCESSIBILITY, FooterRole.PRIVACY, FooterRole.CONTACT, FooterRole.COLOPHON]
CACHE_SECONDS = 24 * 60 * 60


def footer_pages(locale_id):
    """``(role, page)`` for the live pages about the site in ``locale_id`` that an anonymous
    visitor may read, in the footer's order, one page per role."""
    # Wagtail's .public() asks for every restriction first; this asks in the same query.
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    pages = (
        Page.objects.live()
        .filter(locale_id=locale_id)
        .filter(Q(accessibilitystatementpage__isnull=False) | Q(aboutpage__footer_role__in=ORDER[1:]))
        .exclude(Exists(restricted))
        .annotate(role=Coalesce(F("aboutpage__footer_role"), Value(ACCESSIBILITY)))
        .order_by("path")
    )
    first_per_role = {}
    for page in pages:
        first_per_role.setdefault(page.role, page)
    return [(role, first_per_role[role]) for role in ORDER if role in first_per_role]


def footer_links(request=None):
    """``(title, url)`` of the footer's pages in the active language."""
    language = translation.get_language()
    locale_id = locale_id_for(language)

    def look_up():
        return [(page.title, page.get_url(request)) for _role, page in footer_pages(locale_id)] if locale_id else []

    # "2": the shape kept since the stamped cache became shared (pagecache/labels.py).
    return kept_until_purged(f"about:footer-links:2:{language}", [SITE], look_up, CACHE_SECONDS)


def privacy_statement_url(request=None):
    """The address of the privacy statement in the active language, or "" when the site
    has none; kept like the footer's links."""
    language = translation.get_language()
    locale_id = locale_id_for(language)

    def look_up():
        pages = dict(footer_pages(locale_id)) if locale_id else {}
        page = pages.get(FooterRole.PRIVACY)
        return page.get_url(request) if page is not None else ""

    return kept_until_purged(f"about:privacy-url:1:{language}", [SITE], look_up, CACHE_SECONDS)
