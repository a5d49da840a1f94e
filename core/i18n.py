"""Reading the site in Dutch or English: where the language switch leads, which
translations a page announces to search engines, and remembering the reader's choice."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode

from wagtail.models import Page, Site

from .links import absolute_url

SWITCH_ORDER = ("en", "nl")

# How each language is named, in each language: the switch reads "Engels | Nederlands"
# in Dutch and "English | Dutch" in English.
LANGUAGE_NAMES = {
    "nl": {"nl": "Nederlands", "en": "Engels"},
    "en": {"nl": "Dutch", "en": "English"},
}


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


def live_translations(page):
    """``{language code: page}`` for every live version of ``page``, itself included."""
    if page is None:
        return {}
    # The switch and the hreflang links both ask; look the versions up once per page.
    if not hasattr(page, "_live_versions"):
        versions = page.get_translations(inclusive=True).live().select_related("locale")
        page._live_versions = {version.locale.language_code: version for version in versions}
    return page._live_versions


def home_urls(request):
    """``{language code: address}`` of the site's home page in every language it is live
    in. One query."""
    site = Site.find_for_request(request)
    if site is None or site.root_page_id is None:
        return {}
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    homes = Page.objects.live().filter(translation_key=Subquery(root_key)).select_related("locale")
    return {home.locale.language_code: home.get_url(request) for home in homes}


def language_links(request, page, homes=None):
    """The language switch: each language with the address it leads to. The current
    language is marked; another leads to this page's live translation, or else to that
    language's home page (from ``homes``, ``home_urls``) with a notice that this page has
    not been translated."""
    current = translation.get_language()
    is_page = isinstance(page, Page)
    versions = live_translations(page) if is_page else {}
    links = []
    for code in SWITCH_ORDER:
        name = LANGUAGE_NAMES[current if current in LANGUAGE_NAMES else settings.LANGUAGE_CODE][code]
        if code == current:
            target = request.get_full_path()
            links.append(LanguageLink(code, name, target, is_current=True, is_translation=True))
            continue
        version = versions.get(code)
        if not is_page:
            # Not a CMS page (log-in, profiles): the same address under the other prefix.
            target, translated = translate_url(request.get_full_path(), code), True
        elif version is not None:
            target, translated = version.get_url(request), True
        else:
            if homes is None:
                homes = home_urls(request)
            target, translated = homes.get(code) or f"/{code}/", False
        query = {"next": target}
        if not translated:
            query["untranslated"] = "1"
        links.append(
            LanguageLink(
                code,
                name,
                f"{reverse('switch_language', args=[code])}?{urlencode(query)}",
                is_current=False,
                is_translation=translated,
            )
        )
    return links


def alternates(request, page):
    """``(hreflang, absolute url)`` for every live version of ``page``, then x-default
    (the default language's version)."""
    versions = live_translations(page) if isinstance(page, Page) else {}
    result = [(code, absolute_url(version.get_url(request))) for code, version in sorted(versions.items())]
    default = versions.get(settings.LANGUAGE_CODE)
    if default is not None and len(versions) > 1:
        result.append(("x-default", absolute_url(default.get_url(request))))
    return result
