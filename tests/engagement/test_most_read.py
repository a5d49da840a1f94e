"""The "Meest gelezen" / "Most read" block beside the blog index: the five live posts in
the index's language read most in the last 30 days (today and the 29 days before), reads
in both languages counted together, each with its view count in the reader's language."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from blog.factories import BlogPageFactory
from engagement.models import DailyViews, PostViews
from engagement.readership import recount_recent_reads
from tests.helpers import QUERY_CEILING, add_posts, count_queries, get_html
from tests.i18n.conftest import bilingual, translate_post  # noqa: F401 - fixtures used below

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def read(post, views, days_ago=0):
    """``views`` reads of ``post`` (in any language) on the day ``days_ago`` days back, as
    the daily job counts them."""
    DailyViews.objects.create(
        translation_key=post.translation_key,
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        views=views,
    )
    recount_recent_reads()


def most_read_block(client, index):
    """The ``.most-read`` box of the index page, or None when the page has none."""
    return get_html(client, index.url).select_one(".most-read")


def entries(client, index):
    """``[(title, href, view count text)]`` of the block, in the order shown; [] without it."""
    block = most_read_block(client, index)
    if block is None:
        return []
    return [
        (li.a.get_text(strip=True), li.a["href"], li.select_one(".most-read__views").get_text(" ", strip=True))
        for li in block.select("ol.most-read__list > li")
    ]


def titles(client, index):
    return [title for title, _href, _views in entries(client, index)]


@pytest.fixture
def make_post(group, author):
    """``make_post(title, days_old=n)``: a live Dutch post in Menskracht published ``n``
    days ago (so the order of publication is the test's, not that of creation)."""

    def make(title, days_old=100, **kwargs):
        return BlogPageFactory(
            parent=kwargs.pop("parent", group),
            author=author,
            title=title,
            date_published=timezone.now() - datetime.timedelta(days=days_old),
            **kwargs,
        )

    return make


@pytest.fixture
def seven_posts(blog_index, make_post):
    return [make_post(f"Bericht {n}", days_old=100 - n) for n in range(7)]


# --- which posts, in which order ------------------------------------------------------


def test_the_five_most_read_posts_are_listed_most_read_first(client, blog_index, seven_posts):
    for post, views in zip(seven_posts, [5, 40, 12, 3, 33, 7, 21], strict=True):
        read(post, views)

    assert entries(client, blog_index) == [
        ("Bericht 1", seven_posts[1].url, "40 keer bekeken"),
        ("Bericht 4", seven_posts[4].url, "33 keer bekeken"),
        ("Bericht 6", seven_posts[6].url, "21 keer bekeken"),
        ("Bericht 2", seven_posts[2].url, "12 keer bekeken"),
        ("Bericht 5", seven_posts[5].url, "7 keer bekeken"),
    ]


def test_only_reads_of_today_and_the_29_days_before_count(client, blog_index, make_post):
    edges = make_post("Gelezen aan de randen")
    old_and_new = make_post("Oud en nieuw")
    only_old = make_post("Alleen lang geleden")
    all_time_only = make_post("Alleen in de totaalteller")
    read(edges, 2, days_ago=29)
    read(edges, 1, days_ago=0)
    read(old_and_new, 100, days_ago=30)
    read(old_and_new, 1, days_ago=3)
    read(only_old, 500, days_ago=30)
    PostViews.objects.create(translation_key=all_time_only.translation_key, views=9999)

    assert [(title, views) for title, _href, views in entries(client, blog_index)] == [
        ("Gelezen aan de randen", "3 keer bekeken"),
        ("Oud en nieuw", "1 keer bekeken"),
    ]


def test_equal_reads_put_the_newest_post_first(client, blog_index, make_post):
    # Made newest first, so that the order of creation cannot pass for the rule.
    newest = make_post("Nieuwste", days_old=1)
    oldest = make_post("Oudste", days_old=300)
    middle = make_post("Middelste", days_old=20)
    for post in (newest, oldest, middle):
        read(post, 8)
    read(make_post("Meer gelezen", days_old=500), 9)

    assert titles(client, blog_index) == ["Meer gelezen", "Nieuwste", "Middelste", "Oudste"]


def test_a_post_that_is_no_longer_live_is_not_listed(client, blog_index, make_post):
    withdrawn = make_post("Teruggetrokken")
    kept = make_post("Blijft staan")
    read(withdrawn, 50)
    read(kept, 1)
    withdrawn.unpublish()

    assert titles(client, blog_index) == ["Blijft staan"]


@pytest.mark.parametrize(
    "reads",
    [
        pytest.param([], id="never-read"),
        pytest.param([(40, 30), (7, 45)], id="only-read-30-days-ago-or-earlier"),
        pytest.param([(0, 0)], id="a-day-row-with-no-reads"),
    ],
)
def test_without_recent_reads_there_is_no_block(client, blog_index, make_post, reads):
    post = make_post("Stil bericht")
    PostViews.objects.create(translation_key=post.translation_key, views=47)
    for views, days_ago in reads:
        read(post, views, days_ago=days_ago)

    soup = get_html(client, blog_index.url)
    assert soup.select_one(".most-read") is None
    assert soup.select_one("aside") is None
    assert soup.select_one(".post-card__title a").get_text(strip=True) == "Stil bericht"


# --- how it looks ---------------------------------------------------------------------


def test_the_block_is_a_labelled_aside_with_a_dutch_heading_and_the_period(client, blog_index, make_post):
    read(make_post("Gelezen bericht"), 1)
    soup = get_html(client, blog_index.url)

    aside = soup.select_one("aside.layout__aside")
    heading = aside.select_one(".most-read h2")
    assert aside["aria-labelledby"] == heading["id"]
    assert heading.get_text(strip=True) == "Meest gelezen"
    with translation.override("nl"):
        period = translation.ngettext("In the last %(counter)s day", "In the last %(counter)s days", 30)
    assert aside.select_one(".most-read__period").get_text(" ", strip=True) == period % {"counter": 30}
    assert [a.get_text(strip=True) for a in aside.select("ol.most-read__list li a")] == ["Gelezen bericht"]


def test_dutch_view_counts_use_a_dot_for_thousands(client, blog_index, make_post):
    read(make_post("Veel gelezen"), 1234)
    read(make_post("Eén keer gelezen"), 1)

    assert [views for _title, _href, views in entries(client, blog_index)] == ["1.234 keer bekeken", "1 keer bekeken"]


# --- two languages --------------------------------------------------------------------


@pytest.fixture
def translated_and_not(bilingual, make_post, translate_post):  # noqa: F811 - fixtures from tests.i18n
    """A Dutch post with an English version, a Dutch post without one, and a post written
    in English only."""
    both = make_post("Samen leren", parent=bilingual.nl.group, slug="samen-leren", days_old=10)
    english = translate_post(both)
    dutch_only = make_post("Alleen Nederlands", parent=bilingual.nl.group, days_old=5)
    english_only = make_post("Only in English", parent=bilingual.en.group, days_old=7)
    assert english_only.locale.language_code == "en"
    return both, english, dutch_only, english_only


def test_each_index_lists_the_versions_in_its_own_language(client, bilingual, translated_and_not):  # noqa: F811
    both, english, dutch_only, english_only = translated_and_not
    read(both, 1234)
    read(dutch_only, 50)
    read(english_only, 20)

    assert entries(client, bilingual.en.blog_index) == [
        ("Learning together", english.url, "1,234 views"),
        ("Only in English", english_only.url, "20 views"),
    ]
    assert entries(client, bilingual.nl.blog_index) == [
        ("Samen leren", both.url, "1.234 keer bekeken"),
        ("Alleen Nederlands", dutch_only.url, "50 keer bekeken"),
    ]


def test_reads_in_both_languages_count_together(client, bilingual, translated_and_not):  # noqa: F811
    both, english, dutch_only, _english_only = translated_and_not
    read(dutch_only, 2)
    # Three readers through the site's own beacon: two on the Dutch page, one on the English.
    for page in (both, both, english):
        assert Client().post(reverse("read_beacon", args=[page.pk]), HTTP_USER_AGENT=BROWSER).status_code == 204

    assert entries(client, bilingual.nl.blog_index)[0] == ("Samen leren", both.url, "3 keer bekeken")
    assert entries(client, bilingual.en.blog_index) == [("Learning together", english.url, "3 views")]


def test_an_english_post_that_is_no_longer_live_is_not_listed_in_english(client, bilingual, translated_and_not):  # noqa: F811
    both, english, _dutch_only, _english_only = translated_and_not
    read(both, 10)
    english.unpublish()

    assert titles(client, bilingual.en.blog_index) == []
    assert titles(client, bilingual.nl.blog_index) == ["Samen leren"]


# --- cost -----------------------------------------------------------------------------


def test_the_index_takes_as_many_queries_with_12_read_posts_as_with_3(client, blog_index, group, other_group):
    first = add_posts([group, other_group], 3)
    for n, post in enumerate(first, start=1):
        read(post, n)
    with_three = count_queries(client, blog_index.url)
    assert len(entries(client, blog_index)) == 3

    more = add_posts([group, other_group], 9, start=3)
    for n, post in enumerate(more, start=10):
        read(post, n)
        read(post, 1, days_ago=2)
    with_twelve = count_queries(client, blog_index.url)
    # Reads do not purge the shared copy of the index (it would be purged on every read):
    # the block catches up when the copy expires. Here it is thrown away at once.
    cache.clear()
    assert len(entries(client, blog_index)) == 5

    assert with_twelve == with_three
    assert with_twelve < QUERY_CEILING


# --- the kept counts: each read counts up at once, the daily job lets old days go ------


def test_a_read_through_the_beacon_counts_in_most_read_at_once(client, blog_index, make_post):
    post = make_post("Net gelezen")
    beacon = Client(HTTP_USER_AGENT=BROWSER)
    assert beacon.post(reverse("read_beacon", args=[post.pk])).status_code == 204

    assert PostViews.objects.get(translation_key=post.translation_key).recent_views == 1
    cache.clear()
    assert entries(client, blog_index) == [("Net gelezen", post.url, "1 keer bekeken")]


def test_the_daily_job_lets_the_oldest_day_drop_out(client, blog_index, make_post):
    post = make_post("Een maand geleden gelezen")
    Client(HTTP_USER_AGENT=BROWSER).post(reverse("read_beacon", args=[post.pk]))
    # A month passes: the day of that read is now the 31st day back.
    DailyViews.objects.filter(translation_key=post.translation_key).update(
        day=timezone.localdate() - datetime.timedelta(days=30)
    )
    assert "recount-recent-reads" in settings.PERIODIC_JOBS
    assert settings.PERIODIC_JOBS["recount-recent-reads"][0] == "engagement.readership.recount_recent_reads"

    recount_recent_reads()

    assert PostViews.objects.get(translation_key=post.translation_key).views == 1  # ever: kept
    assert PostViews.objects.get(translation_key=post.translation_key).recent_views == 0
    cache.clear()
    assert most_read_block(client, blog_index) is None


def test_posts_the_reader_may_not_see_leave_room_for_the_next(client, blog_index, make_post):
    """The three most read posts are no longer published: the five shown are the most
    read of the rest, not fewer."""
    hidden = [make_post(f"Verborgen {n}") for n in range(3)]
    for post in hidden:
        read(post, 500)
        post.unpublish()
    shown = [make_post(f"Wel te lezen {n}", days_old=50 - n) for n in range(6)]
    for n, post in enumerate(shown):
        read(post, 10 + n)

    assert titles(client, blog_index) == [f"Wel te lezen {n}" for n in (5, 4, 3, 2, 1)]


def test_ties_with_the_fifth_all_compete_newest_first(client, blog_index, make_post):
    """Four posts share the fifth highest count: the newest of them is fifth."""
    for n in range(4):
        read(make_post(f"Bovenaan {n}", days_old=300), 50 + n)
    tied = [make_post(f"Gelijk {n}", days_old=200 - n) for n in range(4)]
    for post in tied:
        read(post, 7)

    assert titles(client, blog_index) == ["Bovenaan 3", "Bovenaan 2", "Bovenaan 1", "Bovenaan 0", "Gelijk 3"]
