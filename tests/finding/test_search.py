"""The search page (``/nl/zoeken/``, ``/en/search/``): what it finds, for whom, in which
language, filtered, sorted and paged, and that no query, however odd, breaks it.

The posts are built once for the module (see ``corpus``); each scenario has words of its
own, so that the scenarios do not find each other's posts."""

import datetime
import re

from django.db import connection
from django.test import Client
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from accounts.models import User
from blog.models import BlogPage
from engagement.reactions import store_reaction
from tests.engagement.helpers import verified_member
from tests.helpers import QUERY_CEILING, count_queries, nl, parse, stream

from .conftest import close_site, english_version, rolled_back, url_in

pytestmark = pytest.mark.django_db

SEARCH = {"nl": "/nl/zoeken/", "en": "/en/search/"}
ON_POSTGRES = connection.vendor == "postgresql"


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


@pytest.fixture(scope="module")
def corpus(site, django_db_blocker):
    """The posts every test here searches, by scenario."""
    with rolled_back(django_db_blocker):
        post, other_group = site.post, site.other_group
        found = {}

        # Each field a post is found by: title, teaser, body, tag name, author's name.
        zefanja = verified_member(display_name="Zefanja Quist", email="zefanja@samen.test")
        found["fields"] = post(
            title="Over kalkoenfokkerij",
            teaser="De ballonvaart begint morgen.",
            body=stream(("paragraph", "<p>Het wolkenkrabberdak lekt een beetje.</p>")),
            tags=["lantaarnpaal"],
            author=zefanja,
        )
        post(parent=other_group, title="Een ander bericht", teaser="Niets bijzonders hier.")

        # Reactions: shown, hidden by a moderator, removed, and one under a members-only post.
        writer = site.users["member"]
        found["levels"] = {
            level: post(title=f"Toegang {level}", teaser="Over de toegangstoets.", access_level=level)
            for level in ("public", "logged_in", "members", "owner")
        }
        found["closed"] = post(
            parent=site.closed_group,
            title="Toegang gesloten groep",
            teaser="Over de toegangstoets.",
            author=verified_member(display_name="Bert Bestuur", email="bert@samen.test"),
        )
        found["draft"] = post(title="Toegang concept", teaser="Over de toegangstoets.")
        found["draft"].unpublish()
        store_reaction(found["fields"], writer, "Wat een mooie kikkerpoel")
        store_reaction(found["fields"], writer, "Een verborgen kikkerpoel", is_public=False)
        store_reaction(found["fields"], writer, "Een verwijderde kikkerpoel", is_removed=True)
        store_reaction(found["levels"]["members"], writer, "Een kikkerpoel voor leden")

        # Filters: groups, tags and dates.
        post(title="Zeepkist begin maart", date_published=at(2024, 3, 1), tags=["bouwen"])
        post(title="Zeepkist half maart", date_published=at(2024, 3, 15), tags=["racen"])
        post(title="Zeepkist eind maart", date_published=at(2024, 3, 31, 23), tags=["racen", "bouwen"])
        post(parent=other_group, title="Zeepkist digitaal", date_published=at(2024, 4, 10), tags=["digitaal"])

        # Relevance against date: an older post all about barrel organs, a newer one mentioning one.
        post(
            title="Draaiorgel",
            teaser="Alles over het draaiorgel.",
            body=stream(("paragraph", "<p>Het draaiorgel, het draaiorgel en nog eens het draaiorgel.</p>")),
            date_published=at(2023, 5, 1),
        )
        post(
            title="Weekendnieuws",
            teaser="Wat er dit weekend gebeurt.",
            body=stream(("paragraph", "<p>Ook speelt er een draaiorgel.</p>")),
            date_published=at(2024, 5, 1),
        )

        # Pages of results: twelve posts about marbles.
        found["marbles"] = [post(title=f"Knikker nummer {n}", date_published=at(2024, 1, 1 + n)) for n in range(12)]

        # Highlighting and escaping.
        post(
            title="Sneeuw",
            teaser="Sneeuwpoppenwedstrijd begint; de sneeuwpoppenwedstrijden en sneeuwpoppen zijn klaar?",
        )
        post(title="Markup <b>vet</b>", teaser="Markup <script>alert(1)</script> & co")

        # Languages: a Dutch-only post, and one in Dutch and English (with a reaction).
        found["utrecht"] = post(title="Reis naar Utrecht", slug="reis-utrecht")
        found["zwolle"] = post(title="Reis naar Zwolle", slug="reis-zwolle", teaser="Een reis naar Zwolle.")
        found["zwolle_en"] = english_version(
            found["zwolle"],
            {
                "Reis naar Zwolle": "Trip to Zwolle",
                "reis-zwolle": "trip-zwolle",
                "Een reis naar Zwolle.": "A trip to Zwolle.",
            },
        )
        store_reaction(found["zwolle"], writer, "Prachtige grachten")
        tips = post(title="Tips en trucs", slug="tips-en-trucs", teaser="Tips en trucs die ik deel.")
        english_version(
            tips,
            {
                "Tips en trucs": "Tips & tricks",
                "tips-en-trucs": "tips-tricks",
                "Tips en trucs die ik deel.": "Tips & tricks I am sharing",
            },
        )

        # Editors' promotions (promoted in the tests themselves).
        found["guide"] = post(title="Handleiding bouwen", teaser="Hoe je begint.")
        found["members_guide"] = post(
            title="Handleiding voor leden", teaser="Alleen voor leden.", access_level="members"
        )

        # Stemming (PostgreSQL).
        post(title="Na de vergaderingen", teaser="Wat er besproken is.")
        post(title="Over de vergadering", teaser="Wat er besproken wordt.")
        post(title="Buurtwerk", teaser="Over participatie in de wijk.")
        post(title="Wijkwerk", teaser="Over participaties in de wijk.")
        gatherings = post(title="Bijeenkomsten", slug="bijeenkomsten", teaser="Onze bijeenkomsten, goed georganiseerd.")
        english_version(
            gatherings,
            {
                "Bijeenkomsten": "Gatherings",
                "bijeenkomsten": "gatherings",
                "Onze bijeenkomsten, goed georganiseerd.": "Our meetings, well organised.",
            },
        )
        yield found


def search(client, language="nl", **params):
    response = client.get(SEARCH[language], params)
    assert response.status_code == 200, f"{SEARCH[language]} {params!r} answered {response.status_code}"
    return parse(response)


def titles(soup):
    """Titles of the blog posts found, in the order shown."""
    return [a.get_text(strip=True) for a in soup.select(".search-result__title a")]


def links(soup):
    return [a["href"] for a in soup.select(".search-result__title a")]


def section_links(soup, heading_id):
    heading = soup.find(id=heading_id)
    if heading is None:
        return []
    return [a.get_text(strip=True) for a in heading.find_parent("section").select("li > a")]


def groups_found(soup):
    return section_links(soup, "group-results-heading")


def promoted(soup):
    return section_links(soup, "promoted-heading")


def count_text(soup):
    return soup.select_one(".result-count").get_text(" ", strip=True)


def teasers(soup):
    return [li.find_all("p")[-1] for li in soup.select(".search-result") if li.select_one(".search-result__title")]


def reactions_found(soup):
    """``(excerpt text, post link)`` of every reaction on the reactions tab."""
    found = []
    for li in soup.select("li.search-result"):
        post_link = li.select_one(".search-result__meta a")
        found.append((li.find_all("p")[-1].get_text(" ", strip=True), post_link["href"] if post_link else None))
    return found


def notices(soup):
    return [p.get_text(" ", strip=True) for p in soup.select("main .notice")]


def promote(word, page, description=""):
    return SearchPromotion.objects.create(
        query=Query.get(word), page=page, sort_order=0, description=description or f"Aanbevolen: {page.title}"
    )


def test_the_search_page_lives_at_the_translated_addresses():
    assert url_in("nl", "search") == SEARCH["nl"]
    assert url_in("en", "search") == SEARCH["en"]


# What it finds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["kalkoenfokkerij", "ballonvaart", "wolkenkrabberdak", "lantaarnpaal", "Zefanja", "Zefanja Quist"],
    ids=["title", "teaser", "body", "tag name", "author first name", "author full name"],
)
def test_a_post_is_found_by(client, corpus, query):
    soup = search(client, q=query)
    assert titles(soup) == ["Over kalkoenfokkerij"]
    assert links(soup) == [corpus["fields"].url]
    assert count_text(soup) == f"1 resultaat voor “{query}”"


def test_a_word_in_no_post_finds_nothing(client, corpus):
    soup = search(client, q="nijlpaardenstal")
    assert titles(soup) == []
    assert count_text(soup) == "0 resultaten voor “nijlpaardenstal”"
    assert nl("No blog posts match your search.") in soup.select_one(".search-results").get_text()
    assert soup.find(id="group-results-heading") is None


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Menskracht", ["Menskracht"]),
        ("hulpmiddelen", ["Digitaal Samenwerken"]),  # in the description only
        ("passie talent", ["Menskracht"]),
        ("samenwerken", ["Digitaal Samenwerken"]),
    ],
)
def test_groups_are_found_by_name_and_description(client, corpus, query, expected):
    soup = search(client, q=query)
    assert groups_found(soup) == expected
    assert soup.find(id="group-results-heading").get_text(strip=True) == nl("Groups") == "Groepen"


# Reactions -----------------------------------------------------------------------------------


def test_reactions_are_found_on_the_reactions_tab(client, corpus):
    soup = search(client, q="kikkerpoel", tab="reactions")
    assert reactions_found(soup) == [("Wat een mooie kikkerpoel", corpus["fields"].url)]
    assert "Wat een mooie <mark>kikkerpoel</mark>" in str(soup.select_one("li.search-result"))
    assert "Mila Lid" in soup.select_one(".search-result__meta").get_text()
    assert count_text(soup) == "1 resultaat voor “kikkerpoel”"


def test_reactions_are_not_on_the_pages_tab(client, corpus):
    assert titles(search(client, q="kikkerpoel")) == []


@pytest.mark.parametrize("kind, sees_members_reaction", [("anonymous", False), ("outsider", False), ("member", True)])
def test_reactions_are_found_only_where_the_reader_may_read_them(site, corpus, kind, sees_members_reaction):
    found = reactions_found(search(site.client(kind), q="kikkerpoel", tab="reactions", sort="date"))
    texts = [text for text, _link in found]
    assert "Wat een mooie kikkerpoel" in texts
    # Hidden by a moderator or removed: never, whoever searches.
    assert "Een verborgen kikkerpoel" not in texts
    assert "Een verwijderde kikkerpoel" not in texts
    # Under a members-only post: only for its group's members.
    assert (("Een kikkerpoel voor leden", corpus["levels"]["members"].url) in found) is sees_members_reaction


# Language ------------------------------------------------------------------------------------


def test_english_search_finds_only_english_versions(client, corpus):
    soup = search(client, "en", q="Zwolle")
    assert titles(soup) == ["Trip to Zwolle"]
    assert links(soup) == [corpus["zwolle_en"].url]
    assert links(soup)[0].startswith("/en/")
    assert count_text(soup) == "1 result for “Zwolle”"


def test_a_dutch_only_post_is_absent_from_the_english_search(client, corpus):
    assert titles(search(client, "en", q="Utrecht")) == []
    assert titles(search(client, "en", q="Reis")) == []
    assert titles(search(client, "nl", q="Utrecht")) == ["Reis naar Utrecht"]


def test_the_dutch_search_finds_no_english_versions(client, corpus):
    assert titles(search(client, "nl", q="Trip")) == []
    assert sorted(titles(search(client, "nl", q="Reis"))) == ["Reis naar Utrecht", "Reis naar Zwolle"]


def test_groups_are_found_in_the_language_of_the_page(client, corpus):
    english = search(client, "en", q="passion")
    assert groups_found(english) == ["Menskracht"]
    section = english.find(id="group-results-heading").find_parent("section")
    assert section.select_one("li > a")["href"].startswith("/en/")
    assert english.find(id="group-results-heading").get_text(strip=True) == "Groups"
    assert groups_found(search(client, "en", q="passie")) == []
    assert groups_found(search(client, "nl", q="passion")) == []


def test_reactions_on_the_english_tab_link_to_the_english_version(client, corpus):
    assert reactions_found(search(client, "en", q="grachten", tab="reactions")) == [
        ("Prachtige grachten", corpus["zwolle_en"].url)
    ]
    assert reactions_found(search(client, "nl", q="grachten", tab="reactions")) == [
        ("Prachtige grachten", corpus["zwolle"].url)
    ]


# Who may see what ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("anonymous", {"Toegang public"}),
        ("outsider", {"Toegang public", "Toegang logged_in"}),
        ("member", {"Toegang public", "Toegang logged_in", "Toegang members"}),
        ("author", {f"Toegang {level}" for level in ("public", "logged_in", "members", "owner")}),
    ],
)
def test_search_shows_only_the_posts_the_reader_may_read(site, corpus, kind, expected):
    # Never the draft; the public post in the closed group only to its members (none here).
    soup = search(site.client(kind), q="toegangstoets")
    assert set(titles(soup)) == expected
    assert count_text(soup).startswith(f"{len(expected)} resulta")


def test_a_closed_site_shows_anonymous_readers_no_posts(site, corpus):
    close_site()
    assert titles(search(site.client("anonymous"), q="toegangstoets")) == []
    assert set(titles(search(site.client("outsider"), q="toegangstoets"))) == {"Toegang public", "Toegang logged_in"}


# Filters -------------------------------------------------------------------------------------


def test_the_group_filter_keeps_the_posts_of_that_group(client, corpus):
    soup = search(client, q="zeepkist", group="digitaal-samenwerken")
    assert titles(soup) == ["Zeepkist digitaal"]
    assert soup.select_one("#search-group option[selected]")["value"] == "digitaal-samenwerken"
    assert sorted(titles(search(client, q="zeepkist", group="menskracht"))) == [
        "Zeepkist begin maart",
        "Zeepkist eind maart",
        "Zeepkist half maart",
    ]


def test_filtering_hides_the_groups_section(client, corpus):
    assert groups_found(search(client, q="Menskracht")) == ["Menskracht"]
    assert groups_found(search(client, q="Menskracht", group="menskracht")) == []
    assert groups_found(search(client, q="Menskracht", van="2020-01-01")) == []


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("racen", ["Zeepkist eind maart", "Zeepkist half maart"]),
        ("bouwen", ["Zeepkist begin maart", "Zeepkist eind maart"]),
    ],
)
def test_the_tag_filter_keeps_the_posts_with_that_tag(client, corpus, tag, expected):
    soup = search(client, q="zeepkist", tag=tag)
    assert sorted(titles(soup)) == expected
    assert soup.select_one("#search-tag")["value"] == tag


@pytest.mark.parametrize(
    "van, tot, expected",
    [
        ("2024-03-10", "2024-03-31", {"Zeepkist half maart", "Zeepkist eind maart"}),
        ("2024-03-15", "2024-03-15", {"Zeepkist half maart"}),
        ("2024-03-31", "2024-03-10", {"Zeepkist half maart", "Zeepkist eind maart"}),  # swapped
        ("", "2024-03-01", {"Zeepkist begin maart"}),
    ],
)
def test_the_date_range_keeps_posts_published_within_it(client, corpus, van, tot, expected):
    soup = search(client, q="zeepkist", van=van, tot=tot)
    assert set(titles(soup)) == expected
    assert notices(soup) == []


def test_filters_combine(client, corpus):
    assert titles(search(client, q="zeepkist", group="menskracht", tag="bouwen", van="2024-03-02")) == [
        "Zeepkist eind maart"
    ]


# Order and pages -----------------------------------------------------------------------------


def test_relevance_puts_the_best_match_first(client, corpus):
    assert titles(search(client, q="draaiorgel")) == ["Draaiorgel", "Weekendnieuws"]
    assert titles(search(client, q="draaiorgel", sort="relevance")) == ["Draaiorgel", "Weekendnieuws"]


def test_sorting_by_date_puts_the_newest_first(client, corpus):
    soup = search(client, q="draaiorgel", sort="date")
    assert titles(soup) == ["Weekendnieuws", "Draaiorgel"]
    assert soup.select_one("#search-sort option[selected]")["value"] == "date"


def newest_marbles(corpus):
    return [post.title for post in reversed(corpus["marbles"])]


def test_results_come_ten_to_a_page(client, corpus):
    first = search(client, q="knikker", sort="date")
    second = search(client, q="knikker", sort="date", page=2)
    assert titles(first) == newest_marbles(corpus)[:10]
    assert titles(second) == newest_marbles(corpus)[10:]
    assert count_text(first) == count_text(second) == "12 resultaten voor “knikker”"
    hrefs = [a.get("href") for a in first.select(".pagination a")]
    assert any("page=2" in href and "q=knikker" in href and "sort=date" in href for href in hrefs), hrefs


@pytest.mark.parametrize("number, shown", [("-1", 1), ("abc", 1), ("99", 2), ("9" * 5000, 2)])
def test_any_page_number_gives_a_page(client, corpus, number, shown):
    expected = newest_marbles(corpus)[:10] if shown == 1 else newest_marbles(corpus)[10:]
    assert titles(search(client, q="knikker", sort="date", page=number)) == expected


# Highlighting and escaping -------------------------------------------------------------------


def test_matched_words_are_marked_in_the_teaser(client, corpus):
    (teaser,) = teasers(search(client, q="sneeuwpoppenwedstrijd"))
    # The word in any case, and words that begin the same ("…wedstrijden"); not merely related words.
    assert [mark.get_text() for mark in teaser.find_all("mark")] == ["Sneeuwpoppenwedstrijd", "sneeuwpoppenwedstrijden"]
    assert teaser.get_text() == "Sneeuwpoppenwedstrijd begint; de sneeuwpoppenwedstrijden en sneeuwpoppen zijn klaar?"


def test_markup_in_a_teaser_or_title_is_escaped(client, corpus):
    response = client.get(SEARCH["nl"], {"q": "markup"})
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<b>vet</b>" not in html
    (teaser,) = teasers(parse(response))
    assert teaser.get_text() == "Markup <script>alert(1)</script> & co"
    assert [mark.get_text() for mark in teaser.find_all("mark")] == ["Markup"]
    assert titles(parse(response)) == ["Markup <b>vet</b>"]


def test_highlighting_never_breaks_an_escaped_character(client, corpus):
    (teaser,) = teasers(search(client, "en", q="am tricks"))
    assert teaser.get_text() == "Tips & tricks I am sharing"
    assert "&<mark>" not in str(teaser)


def test_a_tag_an_editor_adds_when_publishing_is_found(client, site, corpus):
    post = site.post(title="Vlieger", slug="vlieger", tags=["oud"])
    editor = Client()
    editor.force_login(User.objects.create_superuser(email="eva@samen.test", password="x", display_name="Eva"))
    form = nested_form_data(
        {
            "title": "Vlieger",
            "slug": "vlieger",
            "teaser": post.teaser,
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Een eerste alinea.</p>"))]),
            "access_level": "public",
            "author": post.author_id,
            "date_published": "2024-01-01 09:00",
            "tags": "oud, zeilvlieger",
            "related_pins": inline_formset([]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    assert editor.post(f"/admin/pages/{post.pk}/edit/", form).status_code == 302
    assert sorted(BlogPage.objects.get(pk=post.pk).tags.names()) == ["oud", "zeilvlieger"]
    assert titles(search(client, q="oud")) == ["Vlieger"]
    assert titles(search(client, q="zeilvlieger")) == ["Vlieger"]


# Editors' promotions -------------------------------------------------------------------------


def test_promotions_come_first(client, site, corpus):
    promote("zeepkist", corpus["guide"], "Lees dit voor je begint")
    promote("zeepkist", site.group, "De groep voor bouwers")
    response = client.get(SEARCH["nl"], {"q": "Zeepkist"})
    soup = parse(response)
    assert sorted(promoted(soup)) == ["Handleiding bouwen", "Menskracht"]
    assert soup.find(id="promoted-heading").get_text(strip=True) == nl("Recommended") == "Aanbevolen"
    assert "Lees dit voor je begint" in soup.select_one("section.promoted").get_text()
    html = response.content.decode()
    assert html.index('id="promoted-heading"') < html.index('id="post-results-heading"')
    assert "Zeepkist half maart" in titles(soup)


def test_no_promotions_for_other_queries(client, corpus):
    promote("knikker", corpus["guide"])
    assert promoted(search(client, q="handleiding")) == []
    assert promoted(search(client, q="knikker")) == ["Handleiding bouwen"]
    assert promoted(search(client, q="knikker", page=2)) == []


@pytest.mark.parametrize("kind, shown", [("anonymous", False), ("member", True)])
def test_a_promotion_is_shown_only_to_readers_who_may_read_it(site, corpus, kind, shown):
    promote("zeepkist", corpus["members_guide"])
    assert (promoted(search(site.client(kind), q="zeepkist")) == ["Handleiding voor leden"]) is shown


def test_a_promotion_is_shown_in_the_language_of_the_page(client, corpus):
    promote("reis", corpus["utrecht"])
    promote("reis", corpus["zwolle"])
    assert sorted(promoted(search(client, "nl", q="reis"))) == ["Reis naar Utrecht", "Reis naar Zwolle"]
    soup = search(client, "en", q="reis")
    assert promoted(soup) == ["Trip to Zwolle"]
    assert soup.select_one("section.promoted li > a")["href"] == corpus["zwolle_en"].url


def test_an_unpublished_promotion_is_not_shown(client, corpus):
    promote("zeepkist", corpus["guide"])
    corpus["guide"].unpublish()
    assert promoted(search(client, q="zeepkist")) == []


# Queries that are not words ------------------------------------------------------------------


@pytest.mark.parametrize("query", [None, "", " \t\n "])
def test_an_empty_query_shows_the_form_and_an_invitation(client, corpus, query):
    soup = parse(client.get(SEARCH["nl"], {} if query is None else {"q": query}))
    assert titles(soup) == []
    assert soup.select_one(".result-count") is None
    assert nl("What are you looking for? Type a word above.") in soup.find("main").get_text()
    assert soup.select_one("#search-q")["value"] == ""


@pytest.mark.parametrize("query", ["?!...", "***", "“” ()"])
def test_punctuation_alone_asks_for_words(client, corpus, query):
    soup = search(client, q=query)
    assert titles(soup) == []
    assert soup.select_one(".result-count") is None
    assert nl("Type one or more words to search for.") in soup.find("main").get_text()


def test_a_long_query_is_cut_to_200_characters_with_a_notice(client, corpus):
    soup = search(client, q="kalkoenfokkerij " + "a" * 5000)
    assert notices(soup) == [nl("Your search was long; only its first 200 characters were used.")]
    assert len(soup.select_one("#search-q")["value"]) == 200
    assert soup.select_one("#search-q")["value"].startswith("kalkoenfokkerij aaa")


def test_a_query_of_200_characters_is_not_cut(client, corpus):
    soup = search(client, q="z" * 200)
    assert notices(soup) == []
    assert soup.select_one("#search-q")["value"] == "z" * 200


HOSTILE = [
    "<script>alert(1)</script>",
    "kalkoenfokkerij'><img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "%00",
    "\x00",
    "zoë ☃",
    "{{ 7|add:7 }} {% debug %}",
    "kalkoen* NOT AND OR -kalkoen ^2 NEAR(kalkoen fokkerij) (title:kalkoenfokkerij",
    "\\kalkoenfokkerij\\ \u202e ﷺ 𝔷𝔢𝔢𝔭",
]
# The reactions tab searches another index (and with another configuration on PostgreSQL).
HOSTILE_REACTIONS = [HOSTILE[0], HOSTILE[2], HOSTILE[5], HOSTILE[7]]


@pytest.mark.parametrize(
    "query, tab", [(query, "pages") for query in HOSTILE] + [(query, "reactions") for query in HOSTILE_REACTIONS]
)
def test_hostile_queries_are_answered_and_echoed_escaped(client, corpus, query, tab):
    client.raise_request_exception = False
    response = client.get(SEARCH["nl"], {"q": query, "tab": tab})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    soup = parse(response)
    # Control characters and double quotes are left out of the query; the rest is kept.
    kept = " ".join(re.sub(r'[\x00-\x1f\x7f"]', " ", query).split())
    assert soup.select_one("#search-q")["value"] == kept
    if soup.select_one(".result-count"):
        assert f"“{kept}”" in count_text(soup)


@pytest.mark.parametrize("tab", ["pages", "reactions"])
def test_a_null_byte_inside_a_word_does_not_break_the_search(client, corpus, tab):
    client.raise_request_exception = False
    assert client.get(SEARCH["nl"], {"q": "kikker\x00poel", "tab": tab}).status_code == 200


@pytest.mark.parametrize("field", ["group", "tag"])
def test_a_null_byte_in_a_filter_does_not_break_the_search(client, corpus, field):
    client.raise_request_exception = False
    response = client.get(SEARCH["nl"], {"q": "kalkoenfokkerij", field: "menskracht\x00"})
    assert response.status_code == 200
    assert titles(parse(response)) == []


@pytest.mark.parametrize("query", ['"kikkerpoel mooi', 'een 12" kikkerpoel'])
@pytest.mark.parametrize("tab", ["pages", "reactions"])
def test_a_double_quote_in_the_query_does_not_break_the_search(client, corpus, query, tab):
    client.raise_request_exception = False
    assert client.get(SEARCH["nl"], {"q": query, "tab": tab}).status_code == 200


@pytest.mark.parametrize(
    "params, found, notes",
    [
        ({"group": "bestaat-niet"}, False, []),
        ({"group": "<script>alert(1)</script>"}, False, []),
        ({"tag": "bestaat-niet"}, False, []),
        ({"tag": "' OR 1=1 --"}, False, []),
        ({"van": "garbage"}, True, ["from"]),
        ({"tot": "2026-13-45"}, True, ["until"]),
        ({"van": "<script>alert(1)</script>", "tot": "31-12-2024"}, True, ["from", "until"]),
        ({"van": "0001-01-01", "tot": "9999-12-31"}, True, []),
        ({"page": "-1", "sort": "evil", "tab": "evil"}, True, []),
        ({"page": "abc", "sort": "<script>alert(1)</script>", "tab": "<script>alert(1)</script>"}, True, []),
    ],
)
def test_bad_filter_values_never_break_the_page(client, corpus, params, found, notes):
    client.raise_request_exception = False
    response = client.get(SEARCH["nl"], {"q": "kalkoenfokkerij", **params})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    soup = parse(response)
    assert titles(soup) == (["Over kalkoenfokkerij"] if found else [])
    expected = [nl("The %(field)s date was not understood and is left out.") % {"field": nl(field)} for field in notes]
    assert notices(soup) == expected


def test_an_unknown_sort_or_tab_falls_back_to_the_defaults(client, corpus):
    soup = search(client, q="kalkoenfokkerij", sort="evil", tab="evil")
    assert soup.select_one("#search-sort option[selected]")["value"] == "relevance"
    assert soup.select_one("input[name=tab]")["value"] == "pages"


# For robots, and on every page ---------------------------------------------------------------


@pytest.mark.parametrize(
    "language, params",
    [("nl", {}), ("nl", {"q": "kalkoenfokkerij"}), ("en", {"q": "kikkerpoel", "tab": "reactions"})],
)
def test_the_search_page_is_not_indexed(client, corpus, language, params):
    response = client.get(SEARCH[language], params)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    robots = parse(response).find_all("meta", attrs={"name": "robots"})
    assert [meta["content"] for meta in robots] == ["noindex"]


def assert_header_search_box(soup, action):
    forms = soup.select("header form[role=search]")
    assert len(forms) == 1, forms
    form = forms[0]
    assert form["action"] == action
    assert form.get("method", "get").lower() == "get"
    field = form.select_one("input[name=q]")
    assert field is not None and field.get("id")
    label = soup.find("label", attrs={"for": field["id"]})
    assert label is not None and label.get_text(strip=True)


def test_every_page_has_the_search_box_in_its_header(client, site, corpus):
    for url in ["/nl/", site.group.url, corpus["fields"].url, SEARCH["nl"]]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_header_search_box(parse(response), SEARCH["nl"])


def test_english_pages_have_the_english_search_box(client, site, corpus):
    for url in [site.en.home.url, corpus["zwolle_en"].url]:
        assert_header_search_box(parse(client.get(url)), SEARCH["en"])


def test_the_header_search_box_keeps_the_query_on_the_search_page(client, corpus):
    soup = search(client, q="kalkoenfokkerij")
    assert soup.select_one("header form[role=search] input[name=q]")["value"] == "kalkoenfokkerij"


# Stemming (PostgreSQL) -----------------------------------------------------------------------

postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="stemming per language needs PostgreSQL")


@postgres_only
@pytest.mark.parametrize("query", ["vergadering", "vergaderingen"])
def test_dutch_words_are_stemmed_as_dutch(client, corpus, query):
    assert sorted(titles(search(client, q=query))) == ["Na de vergaderingen", "Over de vergadering"]


@postgres_only
@pytest.mark.parametrize("query", ["participatie", "participaties"])
def test_dutch_participatie_and_participaties_meet(client, corpus, query):
    assert sorted(titles(search(client, q=query))) == ["Buurtwerk", "Wijkwerk"]


@postgres_only
@pytest.mark.parametrize("query", ["meeting", "meetings", "organising", "organise"])
def test_english_words_are_stemmed_as_english(client, corpus, query):
    assert titles(search(client, "en", q=query)) == ["Gatherings"]


# Query budget --------------------------------------------------------------------------------


def test_the_search_page_queries_do_not_grow_with_the_matches(client, site, corpus):
    def add(start, count):
        for n in range(start, start + count):
            writer = verified_member(email=f"bouwer{n}@samen.test", display_name=f"Bouwer {n}")
            post = site.post(
                parent=(site.group, site.other_group)[n % 2], title=f"Vlieger {n}", tags=["vliegeren"], author=writer
            )
            store_reaction(post, writer, f"Mijn vlieger nummer {n}")

    urls = [f"{SEARCH['nl']}?q=vlieger", f"{SEARCH['nl']}?q=vlieger&tab=reactions"]
    add(0, 3)
    with_three = [count_queries(client, url) for url in urls]
    add(3, 12)
    with_fifteen = [count_queries(client, url) for url in urls]
    assert with_fifteen == with_three
    assert max(with_fifteen) < QUERY_CEILING
