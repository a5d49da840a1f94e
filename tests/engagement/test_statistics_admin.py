"""Reading and rating figures for editors: the "Lezen en beoordelen" panel on the Wagtail
dashboard and the post statistics report at /admin/statistieken/ with its CSV and XLSX
downloads. Both are for superusers and for holders of "engagement.view_statistics"
(the Editors and Moderators groups); every post is listed once, in its source language."""

import csv
import datetime
import io
import re
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

import openpyxl
import pytest

from accounts.factories import UserFactory
from blog.factories import BlogPageFactory
from engagement.models import DailyViews, PostViews, Rating
from tests.helpers import QUERY_CEILING, count_queries, get_html, nl
from tests.i18n.conftest import bilingual, translate_post  # noqa: F401 - fixtures used below

from .helpers import make_reaction, member_of

pytestmark = pytest.mark.django_db

DASHBOARD_URL = "/admin/"
REPORT_URL = "/admin/statistieken/"
RESULTS_URL = "/admin/statistieken/resultaten/"
PANEL = "#post-statistics-section"

# Column headings of the report page and of the downloads, as msgids.
TABLE_HEADINGS = [
    "Title",
    "Locale",
    "Group",
    "Author",
    "Status",
    "Published",
    "Views",
    "Views, last 30 days",
    "Votes",
    "Average",
    "Reactions",
]
EXPORT_HEADINGS = ["Title", "Language", *TABLE_HEADINGS[2:]]

# --- people ---------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return member_of("Editors", display_name="Eva Editor", email="eva@samen.test")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", display_name="Mo Moderator", email="mo@samen.test")


@pytest.fixture
def admin_without_statistics(db):
    """A user who may open the Wagtail admin and nothing more."""
    group = Group.objects.create(name="Alleen beheer")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return member_of("Alleen beheer", display_name="Bea Beheer", email="bea@samen.test")


@pytest.fixture
def as_superuser(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def voters(db):
    return [UserFactory(display_name=f"Stemmer {n}", email=f"stemmer{n}@samen.test") for n in range(5)]


# --- figures --------------------------------------------------------------------------


@pytest.fixture
def make_post(group, author):
    def make(title, **kwargs):
        kwargs.setdefault("parent", group)
        kwargs.setdefault("author", author)
        return BlogPageFactory(title=title, **kwargs)

    return make


@pytest.fixture
def rate(voters):
    """``rate(post, 4, 4, 5)``: one vote per score, each by another member."""

    def give(post, *scores):
        for user, score in zip(voters, scores, strict=False):
            Rating.objects.create(user=user, translation_key=post.translation_key, score=score)

    return give


def views(post, total=0, **recent):
    """All-time reads ``total`` and reads per day: ``views(post, 10, today=3, days_29=2)``."""
    if total:
        PostViews.objects.create(translation_key=post.translation_key, views=total)
    for name, count in recent.items():
        days_ago = 0 if name == "today" else int(name.removeprefix("days_"))
        DailyViews.objects.create(
            translation_key=post.translation_key,
            day=timezone.localdate() - datetime.timedelta(days=days_ago),
            views=count,
        )


@pytest.fixture
def english_post(post, bilingual, translate_post):  # noqa: F811 - fixtures from tests.i18n
    return translate_post(post)


@pytest.fixture
def report_posts(post, other_post, english_post, bilingual, make_post, rate, member, other_member):  # noqa: F811
    """Four posts with figures:

    - "Samen leren" (with an English version): 1234 reads, 12 in the last 30 days, votes
      4, 4, 5 (4.3), two visible reactions and a hidden and a removed one;
    - "Ander bericht": 7 reads, none recent, votes 4, 4 (4), no reactions;
    - "Written in English" (English only): 50 reads, 4 recent, votes 3, 3, 3, 4 (3.25, shown
      as 3.3), one reaction;
    - "Teruggetrokken": rated 2 and read 3 times, then unpublished (a draft).
    """
    english_only = make_post("Written in English", parent=bilingual.en.group)
    withdrawn = make_post("Teruggetrokken")

    views(post, 1234, today=10, days_29=2, days_30=50)
    views(other_post, 7, days_45=7)
    views(english_only, 50, days_3=4)
    views(withdrawn, 3, days_60=3)
    rate(post, 4, 4, 5)
    rate(other_post, 4, 4)
    rate(english_only, 3, 3, 3, 4)
    rate(withdrawn, 2)
    make_reaction(post, member, "Zichtbaar")
    make_reaction(post, other_member, "Ook zichtbaar")
    make_reaction(post, member, "Verborgen", is_public=False)
    make_reaction(post, other_member, "Weggehaald", is_removed=True)
    make_reaction(english_only, member, "Nice")
    withdrawn.unpublish()
    return {
        "post": post,
        "other": other_post,
        "english": english_post,
        "english_only": english_only,
        "draft": withdrawn,
    }


# --- reading the admin ----------------------------------------------------------------


def panel_of(client):
    return get_html(client, DASHBOARD_URL).select_one(PANEL)


def panel_entries(panel, section):
    """``[(title, href, text after the link)]`` of the panel's "most-read" or "best-rated" list."""
    items = panel.select(f"section[aria-labelledby=statistics-{section}] ol > li")
    return [(li.a.get_text(strip=True), li.a["href"], li.get_text(" ", strip=True)) for li in items]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def report_rows(client, params=None):
    """The report's rows as ``{column msgid: cell text}``, in the order shown."""
    soup = get_html(client, REPORT_URL, params)
    msgid_of = {nl(msgid): msgid for msgid in TABLE_HEADINGS}
    keys = [msgid_of.get(th.get_text(" ", strip=True), th.get_text(" ", strip=True)) for th in soup.select("thead th")]
    assert set(TABLE_HEADINGS) <= set(keys), keys
    return [
        dict(zip(keys, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True))
        for tr in soup.select("table.listing tbody tr")
    ]


def report_titles(client, params=None):
    return [row["Title"] for row in report_rows(client, params)]


def download(client, export_format, **params):
    response = client.get(REPORT_URL, {"export": export_format, **params})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content


def csv_rows(client, **params):
    response, content = download(client, "csv", **params)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="samen-post-statistics.csv"' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def xlsx_rows(client, **params):
    response, content = download(client, "xlsx", **params)
    assert "samen-post-statistics.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def by_title(header, rows):
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


# --- who may see it -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["superuser", "editor", "moderator"])
def test_statistics_holders_see_the_panel_the_report_and_the_menu_item(client, request, who, report_posts):
    client.force_login(request.getfixturevalue(who))

    soup = get_html(client, DASHBOARD_URL)
    assert soup.select_one(PANEL) is not None
    assert REPORT_URL in soup.select_one("#wagtail-sidebar-props").get_text()
    assert "Samen leren" in report_titles(client)
    assert client.get(RESULTS_URL).status_code == 200


def test_an_admin_user_without_the_permission_sees_neither(client, admin_without_statistics, report_posts):
    client.force_login(admin_without_statistics)

    soup = get_html(client, DASHBOARD_URL)
    assert soup.select_one("#wagtail-sidebar") is not None, "the user should be in the admin"
    assert soup.select_one(PANEL) is None
    assert REPORT_URL not in soup.select_one("#wagtail-sidebar-props").get_text()

    # Wagtail answers a refused admin page with a redirect to the dashboard and a message,
    # and a refused background (XHR) request with a plain 403.
    denied = nl("Sorry, you do not have permission to access this area.")
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}, {"ordering": "-views"}):
        response = client.get(REPORT_URL, params)
        assert (response.status_code, response["Location"]) == (302, DASHBOARD_URL), params
        assert denied in get_html(client, DASHBOARD_URL).get_text()
    for url in (REPORT_URL, RESULTS_URL):
        response = client.get(url, {"export": "csv"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 403
        assert b"Samen leren" not in response.content


def test_an_anonymous_visitor_is_sent_to_the_log_in(client, report_posts):
    for params, asked in [({}, REPORT_URL), ({"export": "csv"}, f"{REPORT_URL}?export=csv")]:
        response = client.get(REPORT_URL, params)
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path == reverse("account_login")
        assert parse_qs(location.query)["next"] == [asked]


def test_a_member_of_the_site_cannot_open_the_report(client, member, report_posts):
    client.force_login(member)
    response = client.get(REPORT_URL)
    assert response.status_code in (302, 403)
    assert b"Samen leren" not in response.content


# --- the dashboard panel --------------------------------------------------------------


@pytest.fixture
def panel_posts(post, other_post, english_post, make_post, rate):
    """Three live posts with reads and votes, and a draft that would top both lists."""
    third = make_post("Derde bericht")
    draft = make_post("Concept")
    views(post, 100, today=10, days_29=2, days_30=500)
    views(other_post, 40, days_2=30)
    views(third, 999, days_30=999)
    views(draft, 5000, today=5000)
    rate(post, 4, 4, 5)
    rate(other_post, 5, 5)
    rate(third, 5)
    rate(draft, 5, 5, 5, 5)
    draft.unpublish()
    return {"post": post, "other": other_post, "third": third, "english": english_post}


def test_the_panel_lists_the_most_read_posts_of_the_last_30_days(as_superuser, panel_posts):
    most_read = panel_entries(panel_of(as_superuser), "most-read")

    assert [(title, href) for title, href, _text in most_read] == [
        ("Ander bericht", edit_url(panel_posts["other"])),
        ("Samen leren", edit_url(panel_posts["post"])),
    ]
    assert re.search(r"— 30\b", most_read[0][2]) and re.search(r"— 12\b", most_read[1][2])


def test_the_panel_lists_the_best_rated_posts_ties_by_more_votes(as_superuser, panel_posts):
    best_rated = panel_entries(panel_of(as_superuser), "best-rated")

    # "Ander bericht" (5 from two votes) was made before "Derde bericht" (5 from one).
    assert [(title, href) for title, href, _text in best_rated] == [
        ("Ander bericht", edit_url(panel_posts["other"])),
        ("Derde bericht", edit_url(panel_posts["third"])),
        ("Samen leren", edit_url(panel_posts["post"])),
    ]
    assert "5/5" in best_rated[0][2] and "(2)" in best_rated[0][2]
    assert "4.3/5" in best_rated[2][2] and "(3)" in best_rated[2][2]


def test_a_translated_post_is_in_the_panel_once_as_its_dutch_source(as_superuser, panel_posts):
    panel = panel_of(as_superuser)
    english = panel_posts["english"]

    for section in ("most-read", "best-rated"):
        hrefs = [href for _title, href, _text in panel_entries(panel, section)]
        assert hrefs.count(edit_url(panel_posts["post"])) == 1
        assert edit_url(english) not in hrefs
    assert english.title not in panel.get_text()
    assert panel.find("a", href=REPORT_URL) is not None


def test_each_list_of_the_panel_holds_at_most_five_posts(as_superuser, make_post, rate):
    for n in range(7):
        post = make_post(f"Bericht {n}")
        views(post, today=n + 1)
        rate(post, 1 + n % 5)

    panel = panel_of(as_superuser)
    assert [title for title, _href, _text in panel_entries(panel, "most-read")] == [
        f"Bericht {n}" for n in (6, 5, 4, 3, 2)
    ]
    assert len(panel_entries(panel, "best-rated")) == 5


def test_the_panel_says_so_when_nothing_was_read_or_rated(as_superuser, post, other_post):
    views(post, 80, days_30=80)  # read, but not in the last 30 days

    panel = panel_of(as_superuser)
    assert panel.select("ol") == []
    text = panel.get_text(" ", strip=True)
    assert nl("No post has been read in this period.") in text
    assert nl("No post has been rated yet.") in text


def test_a_read_post_without_votes_is_in_the_most_read_list(as_superuser, post, other_post, rate):
    views(post, today=4)
    rate(other_post, 5)

    panel = panel_of(as_superuser)
    assert [title for title, _href, _text in panel_entries(panel, "most-read")] == ["Samen leren"]
    assert [title for title, _href, _text in panel_entries(panel, "best-rated")] == ["Ander bericht"]


# --- the report -----------------------------------------------------------------------


def test_the_report_lists_every_post_once_in_its_source_language(as_superuser, report_posts):
    rows = {row["Title"]: row for row in report_rows(as_superuser)}

    assert sorted(rows) == ["Ander bericht", "Samen leren", "Teruggetrokken", "Written in English"]
    assert rows["Samen leren"]["Locale"] == report_posts["post"].locale.get_display_name()
    assert rows["Written in English"]["Locale"] == report_posts["english_only"].locale.get_display_name()
    assert rows["Samen leren"]["Locale"] != rows["Written in English"]["Locale"]
    assert rows["Teruggetrokken"]["Status"] == nl("draft")
    assert rows["Samen leren"]["Status"] == nl("live")
    assert rows["Samen leren"]["Group"] == "Menskracht"
    assert rows["Samen leren"]["Author"] == "Auteur Annet"


def test_the_report_shows_the_figures_of_each_post(as_superuser, report_posts):
    rows = {row["Title"]: row for row in report_rows(as_superuser)}
    figures = ["Views", "Views, last 30 days", "Votes", "Average", "Reactions"]

    assert {title: [row[key] for key in figures] for title, row in rows.items()} == {
        "Samen leren": ["1.234", "12", "3", "4.3", "2"],
        "Ander bericht": ["7", "0", "2", "4", "0"],
        "Written in English": ["50", "4", "4", "3.3", "1"],
        "Teruggetrokken": ["3", "0", "1", "2", "0"],
    }


def test_report_titles_link_to_the_edit_view(as_superuser, report_posts):
    soup = get_html(as_superuser, REPORT_URL)
    links = {a.get_text(strip=True): a["href"] for a in soup.select("table.listing tbody td.title a")}
    assert links == {
        post.title: edit_url(post)
        for key, post in report_posts.items()
        if key != "english"  # listed as its Dutch source
    }


def test_a_post_without_votes_has_an_empty_average_everywhere(as_superuser, post, rate):
    views(post, 5)

    (row,) = report_rows(as_superuser)
    assert (row["Votes"], row["Average"]) == ("0", "")
    header, *rows = csv_rows(as_superuser)
    assert by_title(header, rows)["Samen leren"][nl("Average")] == ""
    (header, *rows), _sheet = xlsx_rows(as_superuser)
    assert by_title(header, rows)["Samen leren"][nl("Average")] is None


BY_VIEWS = ["Samen leren", "Written in English", "Ander bericht", "Teruggetrokken"]


@pytest.mark.parametrize(
    "ordering, expected",
    [
        pytest.param(None, BY_VIEWS, id="default-most-read-first"),
        pytest.param("-votes", ["Written in English", "Samen leren", "Ander bericht", "Teruggetrokken"], id="-votes"),
        pytest.param(
            "-average_score", ["Samen leren", "Ander bericht", "Written in English", "Teruggetrokken"], id="-average"
        ),
        pytest.param("title", ["Ander bericht", "Samen leren", "Teruggetrokken", "Written in English"], id="title"),
        pytest.param("password", BY_VIEWS, id="unknown-falls-back-to-default"),
    ],
)
def test_the_report_is_ordered_as_asked(as_superuser, report_posts, ordering, expected):
    titles = report_titles(as_superuser, {"ordering": ordering} if ordering else None)
    assert titles[: len(expected)] == expected


@pytest.mark.parametrize("ordering", ["author__password", "?"])
def test_an_unknown_ordering_is_no_error(as_superuser, report_posts, ordering):
    assert sorted(report_titles(as_superuser, {"ordering": ordering})) == sorted(BY_VIEWS)


def test_the_report_takes_as_many_queries_with_15_posts_as_with_3(as_superuser, group, other_group, rate, member):
    def add(start, count):
        for n in range(start, start + count):
            post = BlogPageFactory(parent=(group, other_group)[n % 2], title=f"Bericht {n}")
            views(post, n + 1, today=1)
            rate(post, 1 + n % 5)
            make_reaction(post, member, f"Reactie {n}")
            if n % 3 == 0:
                post.unpublish()

    add(0, 3)
    with_three = count_queries(as_superuser, REPORT_URL)
    add(3, 12)
    with_fifteen = count_queries(as_superuser, REPORT_URL)

    assert len(report_rows(as_superuser)) == 15
    assert with_fifteen == with_three
    assert with_fifteen < QUERY_CEILING


# --- downloads ------------------------------------------------------------------------


def test_the_csv_download_has_a_heading_row_and_the_figures(as_superuser, report_posts):
    header, *rows = csv_rows(as_superuser)

    assert header == [nl(msgid) for msgid in EXPORT_HEADINGS]
    assert len(rows) == 4
    got = by_title(header, rows)
    figures = [nl(msgid) for msgid in ("Views", "Views, last 30 days", "Votes", "Reactions")]
    assert {title: [row[key] for key in figures] for title, row in got.items()} == {
        "Samen leren": ["1234", "12", "3", "2"],
        "Ander bericht": ["7", "0", "2", "0"],
        "Written in English": ["50", "4", "4", "1"],
        "Teruggetrokken": ["3", "0", "1", "0"],
    }
    averages = {title: float(row[nl("Average")]) for title, row in got.items()}
    assert averages == {"Samen leren": 4.3, "Ander bericht": 4.0, "Written in English": 3.3, "Teruggetrokken": 2.0}
    assert got["Written in English"][nl("Language")] == report_posts["english_only"].locale.get_display_name()
    assert got["Teruggetrokken"][nl("Status")] == nl("draft")
    assert got["Samen leren"][nl("Group")] == "Menskracht"
    assert got["Samen leren"][nl("Author")] == "Auteur Annet"


def test_the_csv_download_follows_the_ordering(as_superuser, report_posts):
    _header, *rows = csv_rows(as_superuser, ordering="-votes")
    assert [row[0] for row in rows] == ["Written in English", "Samen leren", "Ander bericht", "Teruggetrokken"]


def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_apostrophe(as_superuser, make_post, rate):
    evil_author = UserFactory(display_name="@SUM(1+1)*cmd|' /C calc'!A0", email="evil@samen.test")
    rate(make_post('=HYPERLINK("http://evil")', author=evil_author), 1)
    rate(make_post("Gewoon"), 1)

    header, *rows = csv_rows(as_superuser)
    got = by_title(header, rows)
    assert '\'=HYPERLINK("http://evil")' in got
    assert '=HYPERLINK("http://evil")' not in got
    assert got['\'=HYPERLINK("http://evil")'][nl("Author")] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert "Gewoon" in got, "ordinary titles keep their first character"


def test_the_xlsx_download_has_the_rows_with_numbers_as_numbers(as_superuser, report_posts):
    (header, *rows), _sheet = xlsx_rows(as_superuser)

    assert header == [nl(msgid) for msgid in EXPORT_HEADINGS]
    got = by_title(header, rows)
    assert sorted(got) == ["Ander bericht", "Samen leren", "Teruggetrokken", "Written in English"]
    post = got["Samen leren"]
    assert post[nl("Views")] == 1234 and type(post[nl("Views")]) is int
    assert post[nl("Views, last 30 days")] == 12 and type(post[nl("Views, last 30 days")]) is int
    assert post[nl("Votes")] == 3 and post[nl("Reactions")] == 2
    assert post[nl("Average")] == pytest.approx(4.3) and type(post[nl("Average")]) is float
    # A whole average is the number 4 (XLSX does not tell 4.0 from 4), never the text "4".
    assert got["Ander bericht"][nl("Average")] == 4 and type(got["Ander bericht"][nl("Average")]) in (int, float)
    assert got["Written in English"][nl("Average")] == pytest.approx(3.3)
    assert isinstance(post[nl("Published")], datetime.datetime)
    assert got["Teruggetrokken"][nl("Status")] == nl("draft")


def test_a_formula_title_stays_text_in_the_xlsx_download(as_superuser, make_post, rate):
    evil = make_post('=HYPERLINK("http://evil")')
    rate(evil, 1)

    _rows, sheet = xlsx_rows(as_superuser)
    (title_cell,) = [row[0] for row in sheet.iter_rows(min_row=2) if row[0].value == '=HYPERLINK("http://evil")']
    assert title_cell.data_type == "s"
