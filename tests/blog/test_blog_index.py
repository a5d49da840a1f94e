"""The blog index: every group's posts, newest first, ten a page, narrowed by ``?group=``
and ``?tag=``. Whatever a reader types into the address, the page answers."""

import datetime

from django.utils import timezone

import pytest

from blog.factories import BlogPageFactory
from tests.helpers import card_titles, get_html, nl

pytestmark = pytest.mark.django_db

# Values for ?page= that are not a page number, and page numbers past the last page.
NOT_A_PAGE = ["abc", "-1", "0", "<script>", "1.5", "", " "]
PAST_THE_END = ["99999", "9" * 10_000]


def on(day):
    return timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 0)) + datetime.timedelta(days=day)


@pytest.fixture
def posts(group, other_group):
    """Four posts in Menskracht, three in Digitaal Samenwerken; titles name group, tags and day."""
    specs = [
        (group, "Menskracht talent 1", ["talent"], 1),
        (other_group, "Digitaal digitaal 2", ["digitaal"], 2),
        (group, "Menskracht talent leren 3", ["talent", "leren"], 3),
        (other_group, "Digitaal talent digitaal 4", ["talent", "digitaal"], 4),
        (group, "Menskracht leren 5", ["leren"], 5),
        (other_group, "Digitaal leren 6", ["leren"], 6),
        (group, "Menskracht talent 7", ["talent"], 7),
    ]
    return [BlogPageFactory(parent=g, title=t, tags=tags, date_published=on(d)) for g, t, tags, d in specs]


def newest_first(titles):
    return sorted(titles, key=lambda title: int(title.rsplit(" ", 1)[1]), reverse=True)


def notices(html):
    return [p.get_text(strip=True) for p in html.select("p.notice[role=status]")]


def test_unfiltered_lists_every_group_newest_first(client, blog_index, posts):
    html = get_html(client, blog_index.url)

    assert card_titles(html) == newest_first(p.title for p in posts)
    assert notices(html) == []


def test_group_filter_narrows_to_that_group(client, blog_index, posts):
    html = get_html(client, blog_index.url, {"group": "menskracht"})

    assert card_titles(html) == [
        "Menskracht talent 7",
        "Menskracht leren 5",
        "Menskracht talent leren 3",
        "Menskracht talent 1",
    ]
    assert html.select_one("#filter-group option[selected]")["value"] == "menskracht"


def test_tag_filter_narrows_to_that_tag(client, blog_index, posts):
    html = get_html(client, blog_index.url, {"tag": "leren"})

    assert card_titles(html) == ["Digitaal leren 6", "Menskracht leren 5", "Menskracht talent leren 3"]
    assert html.select_one("#filter-tag option[selected]")["value"] == "leren"


def test_group_and_tag_filters_combine(client, blog_index, posts):
    html = get_html(client, blog_index.url, {"group": "digitaal-samenwerken", "tag": "talent"})

    assert card_titles(html) == ["Digitaal talent digitaal 4"]


def test_filter_choices_are_the_live_groups_and_used_tags(client, blog_index, posts):
    html = get_html(client, blog_index.url)

    assert [o["value"] for o in html.select("#filter-group option")] == ["", "digitaal-samenwerken", "menskracht"]
    assert [o["value"] for o in html.select("#filter-tag option")] == ["", "digitaal", "leren", "talent"]


@pytest.mark.parametrize(
    ("query", "msgid"),
    [
        ({"group": "nope"}, "There is no group with that name."),
        ({"tag": "nope"}, "No post carries that tag."),
        ({"group": "nope", "tag": "talent"}, "There is no group with that name."),
        ({"group": "menskracht", "tag": "nope"}, "No post carries that tag."),
    ],
)
def test_unknown_filter_shows_no_posts_and_says_so(client, blog_index, posts, query, msgid):
    html = get_html(client, blog_index.url, query)

    assert card_titles(html) == []
    assert notices(html) == [nl(msgid)]


@pytest.mark.parametrize(
    "query",
    [
        {"tag": "<script>alert(1)</script>"},
        {"group": "' OR 1=1 --"},
        {"group": '"><img src=x onerror=alert(1)>', "page": "<script>"},
    ],
    ids=["script-tag", "sql-group", "attribute-breakout"],
)
def test_hostile_filter_values_are_not_reflected(client, blog_index, posts, query):
    response = client.get(blog_index.url, query)
    body = response.content.decode()
    html = get_html(client, blog_index.url, query)

    assert response.status_code == 200
    assert card_titles(html) == []
    for value in query.values():
        assert value not in body, f"{value!r} appears unescaped in the page"
    # The only scripts are the site's own files; nothing inline came from the query.
    assert all(script.get("src", "").startswith("/static/") and not script.string for script in html.find_all("script"))
    assert html.select("[onerror]") == []


@pytest.fixture
def twelve_posts(group):
    return [BlogPageFactory(parent=group, title=f"Bericht {day}", date_published=on(day)) for day in range(1, 13)]


def test_ten_posts_a_page_newest_first(client, blog_index, twelve_posts):
    first = get_html(client, blog_index.url)
    second = get_html(client, blog_index.url, {"page": "2"})

    assert card_titles(first) == [f"Bericht {day}" for day in range(12, 2, -1)]
    assert card_titles(second) == ["Bericht 2", "Bericht 1"]
    assert current_page_number(first) == "1"
    assert current_page_number(second) == "2"


def test_pagination_links_keep_the_filters(client, blog_index, group, twelve_posts):
    html = get_html(client, blog_index.url, {"group": "menskracht"})

    assert html.select_one(".pagination a[rel=next]")["href"] == "?group=menskracht&page=2"


def current_page_number(html):
    return html.select_one(".pagination a[aria-current=page]").get_text(strip=True)


@pytest.mark.parametrize("value", NOT_A_PAGE)
def test_anything_but_a_page_number_shows_the_first_page(client, blog_index, twelve_posts, value):
    html = get_html(client, blog_index.url, {"page": value})

    assert card_titles(html)[0] == "Bericht 12"
    assert current_page_number(html) == "1"


def test_a_nul_byte_page_shows_the_first_page(client, blog_index, twelve_posts):
    html = get_html(client, f"{blog_index.url}?page=%00")

    assert current_page_number(html) == "1"


@pytest.mark.parametrize("value", PAST_THE_END, ids=["99999", "10000-digits"])
def test_a_page_past_the_end_shows_the_last_page(client, blog_index, twelve_posts, value):
    html = get_html(client, blog_index.url, {"page": value})

    assert card_titles(html) == ["Bericht 2", "Bericht 1"]
    assert current_page_number(html) == "2"


def test_empty_blog_index_answers(client, blog_index):
    html = get_html(client, blog_index.url, {"page": "3"})

    assert card_titles(html) == []
    assert html.select(".pagination") == []


def test_unpublished_posts_are_not_listed(client, blog_index, group):
    BlogPageFactory(parent=group, title="Zichtbaar")
    BlogPageFactory(parent=group, title="Teruggetrokken").unpublish()

    assert card_titles(get_html(client, blog_index.url)) == ["Zichtbaar"]
