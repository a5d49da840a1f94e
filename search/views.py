"""The search page (``/nl/zoeken/``, ``/en/search/``): blog posts and groups in the page's
language, and reactions in a tab of their own, only what the reader may see.

What may be searched is decided by the ordinary ORM first (language, access policy,
group, tag, dates); the search backend then ranks or orders those candidates. Queries
are cut at 200 characters; an empty or punctuation-only query shows the form and no
results, never an error."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import normalise_query_string

from access.policy import can_view, viewable
from blog.listings import attach_groups
from blog.models import BlogPage
from core.pagination import paginate
from engagement.markup import plain_text
from engagement.models import Reaction
from engagement.reactions import shown
from groups.models import GroupPage
from pagecache.labels import SEARCH, cache_this

from .backends import backend_name_for

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
WORD = re.compile(r"\w+", re.UNICODE)
# Control characters (NUL among them) no database accepts in a query, and double quotes,
# which the search backends read as the start of a phrase that may never end.
UNSEARCHABLE = re.compile(r'[\x00-\x1f\x7f"]')
SLUG = re.compile(r"[-\w]+")
TABS = ("pages", "reactions")
SORTS = ("relevance", "date")


@dataclass
class SearchForm:
    """What the reader asked, cleaned: never an error, at worst a note."""

    query: str
    tab: str
    sort: str
    group: str
    tag: str
    date_from: datetime.date | None
    date_to: datetime.date | None
    notes: list

    @property
    def has_words(self):
        return bool(WORD.search(self.query))

    @property
    def words(self):
        return [word.lower() for word in WORD.findall(self.query)]


def _date(raw, notes, label):
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        notes.append(_("The %(field)s date was not understood and is left out.") % {"field": label})
        return None


def read_form(request):
    notes = []
    query = " ".join(UNSEARCHABLE.sub(" ", request.GET.get("q", "")).split())
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notes.append(_("Your search was long; only its first 200 characters were used."))
    date_from = _date(request.GET.get("van"), notes, _("from"))
    date_to = _date(request.GET.get("tot"), notes, _("until"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    tab = request.GET.get("tab", "pages")
    sort = request.GET.get("sort", "relevance")
    return SearchForm(
        query=query,
        tab=tab if tab in TABS else "pages",
        sort=sort if sort in SORTS else "relevance",
        group=request.GET.get("group", "").strip()[:100],
        tag=request.GET.get("tag", "").strip()[:100],
        date_from=date_from,
        date_to=date_to,
        notes=notes,
    )


def highlight(text, words):
    """``text`` escaped, with the words that match the search (or share their start, so
    "participatie" also marks "participaties") in ``<mark>``. Matched on the plain text,
    then every piece escaped, so a search for "amp" never marks the inside of ``&amp;``."""
    stems = [word[: max(4, len(word) - 2)] for word in words if len(word) >= 2]
    if not stems:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.IGNORECASE)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[start : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        start = match.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped


def _candidate_posts(request, form, locale):
    posts = viewable(request.user, BlogPage.objects.filter(locale=locale))
    active_group = None
    if form.group:
        if SLUG.fullmatch(form.group):
            active_group = GroupPage.objects.live().filter(locale=locale, slug=form.group).first()
        posts = posts.child_of(active_group) if active_group else posts.none()
    if form.tag:
        # A value that cannot be a slug names no tag (and never reaches the database).
        posts = posts.filter(tagged_items__tag__slug=form.tag) if SLUG.fullmatch(form.tag) else posts.none()
    if form.date_from:
        posts = posts.filter(date_published__date__gte=form.date_from)
    if form.date_to:
        posts = posts.filter(date_published__date__lte=form.date_to)
    return posts, active_group


def other_numbers(word):
    """A Dutch word's likely singular or plural forms: "participatie" and
    "participaties", "vergadering" and "vergaderingen"."""
    if len(word) < 4:
        return []
    if word.endswith("en"):
        return [word[:-2]]
    if word.endswith("s"):
        return [word[:-1]]
    return [word + "s", word + "en"]


def with_plural_forms(query, language_code, backend):
    """The query, where each Dutch word also matches its other number: PostgreSQL's
    Dutch stemmer keeps plurals in -s after a vowel apart from their singular, and SQLite
    does not stem at all. Words combine as the backend combines them by default."""
    words = [word.lower() for word in WORD.findall(query)]
    if language_code != "nl" or not words:
        return query
    terms = [Or([PlainText(form) for form in [word, *other_numbers(word)]]) for word in words]
    if len(terms) == 1:
        return terms[0]
    combine = And if backend.query_compiler_class.DEFAULT_OPERATOR == "and" else Or
    return combine(terms)


def search_posts(request, form, locale):
    posts, active_group = _candidate_posts(request, form, locale)
    backend = get_search_backend(backend_name_for(locale.language_code))
    query = with_plural_forms(form.query, locale.language_code, backend)
    # Ranked with the author that each result names fetched along.
    candidates = BlogPage.objects.filter(pk__in=posts.values("pk")).select_related("author").defer("body")
    if form.sort == "date":
        results = backend.search(query, candidates.order_by("-date_published", "-id"), order_by_relevance=False)
    else:
        results = backend.search(query, candidates)
    return results, active_group


def search_groups(request, form, locale):
    if form.group or form.tag or form.date_from or form.date_to:
        return []  # the filters are about posts
    groups = GroupPage.objects.live().filter(locale=locale)
    backend = get_search_backend(backend_name_for(locale.language_code))
    return list(backend.search(with_plural_forms(form.query, locale.language_code, backend), groups)[:5])


def search_reactions(request, form, locale):
    """Reactions under posts the reader may see, linked to the post in their language."""
    default_locale = Locale.get_default()
    visible = viewable(request.user, BlogPage.objects.all())
    in_reader_language = dict(visible.filter(locale=locale).values_list("translation_key", "pk"))
    sources = visible.filter(translation_key__in=in_reader_language, locale=default_locale)
    canonical = dict(sources.values_list("pk", "translation_key"))
    # A post written only in the reader's language carries its own thread.
    with_source = set(canonical.values())
    for key, pk in in_reader_language.items():
        if key not in with_source:
            canonical[pk] = key
    reactions = shown(Reaction.objects.filter(site_id=settings.SITE_ID, object_pk__in=[str(pk) for pk in canonical]))
    backend = get_search_backend("simple")
    if form.sort == "date":
        results = backend.search(form.query, reactions.order_by("-submit_date"), order_by_relevance=False)
    else:
        results = backend.search(form.query, reactions)
    return results, {pk: in_reader_language[key] for pk, key in canonical.items()}


def promotions(request, form, locale):
    """Pages an editor promoted for this query, in the reader's language and readable."""
    query = Query.objects.filter(query_string=normalise_query_string(form.query)).first()
    if query is None:
        return []
    picks = []
    for promotion in query.editors_picks.select_related("page").order_by("sort_order"):
        page = promotion.page
        if page is None:
            continue
        version = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
        if version is not None and can_view(request.user, version.specific):
            picks.append({"page": version.specific, "description": promotion.description})
    return picks


@require_GET
def search(request):
    form = read_form(request)
    locale = Locale.get_active()
    filter_groups = _groups_for_filter(locale)
    context = {"form": form, "search_groups": filter_groups, "page_title": _("Search")}
    if form.has_words:
        if form.tab == "reactions":
            results, post_pk_by_thread = search_reactions(request, form, locale)
            page = paginate(request, results, RESULTS_PER_PAGE)
            rows = list(page.object_list)
            posts = Page.objects.in_bulk({post_pk_by_thread.get(int(r.object_pk)) for r in rows} - {None})
            for reaction in rows:
                post = posts.get(post_pk_by_thread.get(int(reaction.object_pk)))
                reaction.post = post
                reaction.excerpt = highlight(plain_text(reaction.comment, limit=300), form.words)
            context.update({"results_page": page, "reactions": rows})
        else:
            results, active_group = search_posts(request, form, locale)
            page = paginate(request, results, RESULTS_PER_PAGE)
            rows = attach_groups(page.object_list, groups=filter_groups)
            for post in rows:
                post.highlighted_teaser = highlight(post.teaser, form.words)
            context.update(
                {
                    "results_page": page,
                    "posts": rows,
                    "groups": search_groups(request, form, locale) if page.number == 1 else [],
                    "active_group": active_group,
                    "promoted": promotions(request, form, locale) if page.number == 1 else [],
                }
            )
    cache_this(request, SEARCH)
    response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _groups_for_filter(locale):
    # Whole pages: they are also the groups named on the result cards.
    return list(GroupPage.objects.live().filter(locale=locale).order_by("title"))
