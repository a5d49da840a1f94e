"""Canary: every post carries a token nobody else has (in its title, teaser, body, a tag,
its hero image's alternative text and a reaction under it), in Dutch and in English.
Each kind of viewer then reads every page a reader can reach, and a token must turn up
in what they were answered (bodies and headers together) exactly when they may read
that post: nothing a listing, a sidebar, a filter, a profile, the search page, an error
page or a reaction endpoint shows may betray a post to someone who may not read it."""

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlencode

from django.utils import timezone

from wagtail.search.backends import get_search_backend

import pytest

from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from engagement.models import DailyViews
from engagement.reactions import store_reaction
from engagement.readership import recount_recent_reads
from tests.engagement.helpers import verified_member
from tests.helpers import parse, stream
from tests.i18n.helpers import translate

from .conftest import VIEWERS, WHO_SEES

pytestmark = pytest.mark.django_db

# (group, level, the level it acts at, token)
CANARIES = [
    ("open", "owner", "owner", "CANARYOWNER7f3"),
    ("open", "members", "members", "CANARYMEMBERS9c2"),
    ("open", "logged_in", "logged_in", "CANARYLOGGEDIN4b1"),
    ("open", "public", "public", "CANARYPUBLIC2d8"),
    ("closed", "public", "members", "CANARYCLOSEDPUBLIC5e6"),
]
SEARCH_WORD = "kanarie"  # in every canary and every reaction under one, and nowhere else
FILLERS = 11  # public posts without a token, so that the blog index has a second page


def build(viewers, pages, capture):
    """The canaries (and their English versions; the English structural pages are added
    to ``pages``), each with reactions carrying its token and a day's reads (so "most
    read" shows it); public posts without a token around them, and a companion post that
    shares a tag with every canary (its "related posts" can show them). The three
    narrowest canaries are the newest posts and the two public ones the oldest, so that
    the home page and both pages of the blog index have canaries on them for someone.
    Returns the Dutch and the English canaries by token, and the companion."""
    author = viewers.users["author"]
    outsider = verified_member(display_name="Karel Kompaan", email="karel@samen.test")
    now = timezone.now()
    groups = {"open": pages["group"], "closed": pages["closed_group"]}

    for name in ("home", "group_index", "blog_index", "group", "closed_group"):
        pages[f"{name}_en"] = translate(pages[name], {}, capture)

    dates = {
        "CANARYOWNER7f3": now - timedelta(hours=1),
        "CANARYMEMBERS9c2": now - timedelta(hours=2),
        "CANARYLOGGEDIN4b1": now - timedelta(hours=3),
        "CANARYPUBLIC2d8": now - timedelta(days=20),
        "CANARYCLOSEDPUBLIC5e6": now - timedelta(days=21),
    }
    dutch, english = {}, {}
    for n, (group_kind, level, _acts_as, token) in enumerate(CANARIES):
        post = BlogPageFactory(
            parent=groups[group_kind],
            author=author,
            title=f"Bericht {token}",
            slug=f"bericht-{n}",  # the address itself names no token
            teaser=f"Inleiding {SEARCH_WORD} {token}.",
            body=stream(("paragraph", f"<p>Tekst over de {SEARCH_WORD} {token}.</p>")),
            hero_image=ImageFactory(),
            hero_image_alt=f"Foto van {token}",
            tags=[token, "samen"],
            access_level=level,
            date_published=dates[token],
        )
        store_reaction(post, author, f"Reactie met {SEARCH_WORD} {token}")
        if level in ("logged_in", "public") and group_kind == "open":
            store_reaction(post, viewers.users["pending"], f"Wachtend over {SEARCH_WORD} {token}")
        if group_kind == "closed":
            store_reaction(post, viewers.users["member"], f"Lid over {SEARCH_WORD} {token}")
        DailyViews.objects.create(translation_key=post.translation_key, day=timezone.localdate(), views=3)
        recount_recent_reads()
        dutch[token] = post
        english[token] = translate(post, {}, capture)
    backend = get_search_backend()
    for post in [*dutch.values(), *english.values()]:
        backend.add(post)  # with its tags, as the search tests index pages

    for n in range(FILLERS):
        BlogPageFactory(
            parent=pages["other_group"],
            author=outsider,
            title=f"Gewoon bericht {n}",
            slug=f"gewoon-{n}",
            date_published=now - timedelta(days=2, hours=n),
        )
    companion = BlogPageFactory(
        parent=pages["other_group"],
        author=outsider,
        title="Metgezel",
        slug="metgezel",
        date_published=now - timedelta(days=40),
        tags=["samen"],
    )
    return dutch, english, companion


def addresses(dutch, english, companion, pages, users):
    """What each viewer asks for, by the answer it must get whoever asks: pages everybody
    may open (200), post pages and reaction lists (200, or a refusal: 302 to log in or
    404), an address that names nothing (404), and comments-xtd's own endpoints, which
    must not exist (404, after any redirect)."""
    dutch_ids = [post.pk for post in dutch.values()]
    post_ids = dutch_ids + [post.pk for post in english.values()]
    open_to_all = ["/nl/", "/nl/blogs/", "/nl/blogs/?page=2", "/nl/groepen/"]
    open_to_all += [f"/nl/blogs/?tag={token.lower()}" for token in dutch]
    open_to_all += [pages[name].url for name in ("group", "closed_group", "other_group")]
    open_to_all += [companion.url]
    open_to_all += [f"/nl/leden/{user.pk}/" for user in users]
    open_to_all += ["/en/", "/en/blogs/", "/en/blogs/?page=2"]
    open_to_all += [pages[name].url for name in ("group_index_en", "group_en", "closed_group_en")]
    open_to_all += [f"/en/leden/{users[0].pk}/"]
    open_to_all += search_addresses()
    gone = ["/comments/", "/comments/post/", f"/comments/api/blog-blogpage/{dutch_ids[0]}/"]
    gone += [f"/reacties/api/blog-blogpage/{pk}/" for pk in dutch_ids]
    return SimpleNamespace(
        open_to_all=open_to_all,
        guarded=[post.url for post in [*dutch.values(), *english.values()]]
        + [f"/reacties/lijst/{pk}/" for pk in post_ids],
        missing=["/nl/bestaat-niet/"],
        gone=gone,
    )


def search_addresses():
    """The search page in both languages, posts and reactions, asked for the word every
    canary (and every reaction under one) has: it finds them all at once."""
    query = urlencode({"q": SEARCH_WORD})
    return [f"{page}?{query}{tab}" for page in ("/nl/zoeken/", "/en/search/") for tab in ("", "&tab=reactions")]


@dataclass
class Answer:
    url: str
    status: int
    headers: str
    body: str


def crawl(browser, urls):
    """Ask for every address; follow the comments-xtd ones through their redirects (the
    addresses they pass through count as headers)."""
    answers = []
    for url in [*urls.open_to_all, *urls.guarded, *urls.missing]:
        answers.append(answer(url, browser.get(url)))
    for url in urls.gone:
        response = browser.get(url, follow=True)
        found = answer(url, response)
        found.headers += " " + " ".join(location for location, _status in response.redirect_chain)
        answers.append(found)
    return answers


def answer(url, response):
    headers = " ".join(f"{name}: {value}" for name, value in response.items())
    is_text = response.get("Content-Type", "").startswith("text")
    return Answer(url, response.status_code, headers, response.content.decode() if is_text else "")


def carries(url, text, token):
    """Does ``text``, answering ``url``, carry ``token``? In any case (a tag's slug is the
    token in lower case), except where the reader put the token in the address themselves
    (``?tag=<slug>``): a page may repeat what it was asked, so there only the token as the
    site writes it (in a title, a teaser, a tag's name...) counts."""
    if token.lower() in url.lower():
        return token in text
    return token.lower() in text.lower()


def wrong_statuses(kind, answers, urls):
    expected = {
        **{url: {200} for url in urls.open_to_all},
        **{url: {200, 302, 404} for url in urls.guarded},
        **{url: {404} for url in [*urls.missing, *urls.gone]},
    }
    if kind != "anonymous":
        expected.update({url: {200, 404} for url in urls.guarded})
    return [f"{kind}: {a.url} answered {a.status}" for a in answers if a.status not in expected[a.url]]


@pytest.fixture
def canary(
    viewers, home, group_index, blog_index, group, closed_group, other_group, django_capture_on_commit_callbacks
):
    pages = {
        "home": home,
        "group_index": group_index,
        "blog_index": blog_index,
        "group": group,
        "closed_group": closed_group,
        "other_group": other_group,
    }
    dutch, english, companion = build(viewers, pages, django_capture_on_commit_callbacks)
    # The profiles of the members who wrote or reacted (with a token) under the canaries.
    users = [viewers.users[kind] for kind in ("author", "member", "pending")]
    return SimpleNamespace(dutch=dutch, english=english, urls=addresses(dutch, english, companion, pages, users))


def assert_token_everywhere_on_its_page(browser, post, token):
    """The canary is a fair test only if its post page shows the token in every place."""
    soup = parse(browser.get(post.url))
    places = {
        "title": soup.select_one("h1.post__title").get_text(),
        "teaser": soup.select_one(".post__teaser").get_text(),
        "body": soup.select_one(".post__body").get_text(),
        "tag": " ".join(a.get_text() for a in soup.select(".post__tags a")),
        "hero image alt": soup.select_one(".post__hero img")["alt"],
        "reaction": " ".join(r.get_text() for r in soup.select(".reaction__body")),
    }
    missing = [place for place, text in places.items() if token not in text]
    assert not missing, f"{post.url} does not show {token} in: {missing}"


def test_each_token_reaches_exactly_the_viewers_who_may_read_its_post(canary, viewers):
    editor = viewers.client("editor")
    for _group, _level, _acts_as, token in CANARIES:
        assert_token_everywhere_on_its_page(editor, canary.dutch[token], token)
        assert_token_everywhere_on_its_page(editor, canary.english[token], token)

    problems = []
    for kind in VIEWERS:
        answers = crawl(viewers.client(kind), canary.urls)
        if kind == "editor":  # the search finds every canary, so that it can betray one
            for found in (a for a in answers if a.url in search_addresses()):
                missing = [token for *_rest, token in CANARIES if token not in found.body]
                assert not missing, f"the editor's search {found.url} does not find {missing}"
        problems += wrong_statuses(kind, answers, canary.urls)
        for _group, _level, acts_as, token in CANARIES:
            in_headers = [a.url for a in answers if carries(a.url, a.headers, token)]
            in_bodies = [a.url for a in answers if carries(a.url, a.body, token)]
            if kind in WHO_SEES[acts_as]:
                own_pages = [canary.dutch[token].url, canary.english[token].url]
                if not set(own_pages) <= set(in_bodies):
                    problems.append(f"{kind} may read the post {token}, but not on {own_pages}")
                continue
            if in_bodies:
                problems.append(f"{kind} may not read the post {token}, but it is on: {', '.join(in_bodies)}")
            if in_headers:
                problems.append(f"{kind} may not read the post {token}, but headers carry it: {', '.join(in_headers)}")
    assert not problems, "\n".join(problems)
