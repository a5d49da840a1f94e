"""Star ratings of posts and groups: the arithmetic of the average, the widget on post and
group pages in Dutch and English, the rating endpoint and what it refuses, the cards in
listings, and what all of it costs in queries."""

import itertools
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from blog.factories import BlogPageFactory
from engagement.models import Rating
from engagement.ratings import (
    NO_VOTES,
    RatingSummary,
    attach_ratings,
    average_text,
    cast_vote,
    rounded_average,
    summaries,
    summary_of,
    withdraw_vote,
)
from tests.helpers import add_posts, count_queries, get_html, parse
from tests.i18n.conftest import bilingual, translate_post  # noqa: F401 - fixtures used below

from .helpers import make_reaction, verified_member, within_one_clock_minute

pytestmark = pytest.mark.django_db

ANCHOR = "beoordeling"
FETCH = {"X-Requested-With": "fetch"}
SAVED_NL = "Je beoordeling is opgeslagen."
WITHDRAWN_NL = "Je beoordeling is ingetrokken."
BAD_SCORE_NL = "Kies 1 tot 5 sterren."


# --- helpers ------------------------------------------------------------------------------


def rate_url(item):
    return reverse("rate", args=[item.pk])


def rate(client, item, score=None, *, action="rate", next_url=None, fetch=False):
    """POST what the widget's form posts; ``score=None`` leaves the field out."""
    data = {"action": action, "next": next_url if next_url is not None else f"{item.url}#{ANCHOR}"}
    if score is not None:
        data["score"] = score
    return client.post(rate_url(item), data, headers=FETCH if fetch else {})


def scores_of(item):
    return sorted(Rating.objects.filter(translation_key=item.translation_key).values_list("score", flat=True))


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def rating_line(element):
    """The rating summary shown inside ``element``: "4/5 Sterren (1)", "nog geen
    beoordelingen", or None when there is no rating line at all."""
    summary = element.select_one(".rating-summary")
    if summary is None:
        return None
    shown = summary.select_one(".rating-summary__text") or summary
    return text(shown)


def widget(soup):
    section = soup.select_one(f"section#{ANCHOR}")
    assert section is not None, "no rating widget on the page"
    return section


def card(soup, title):
    """The post card titled ``title`` on a listing."""
    for article in soup.select(".post-card"):
        if text(article.select_one(".post-card__title")) == title:
            return article
    raise AssertionError(f"no card titled {title!r}")


def group_card(soup, title):
    for article in soup.select(".group-card"):
        if text(article.select_one(".group-card__title")) == title:
            return article
    raise AssertionError(f"no group card titled {title!r}")


def notices(response):
    return [text(p) for p in parse(response).select(".messages .notice")]


def followed(client, response):
    """The page a redirect leads to (messages are shown there)."""
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"])


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture
def voters(db):
    """``voters(n)``: ``n`` new members, never the same twice in a test."""
    numbers = itertools.count(1)

    def make(n):
        return [
            verified_member(display_name=f"Stemmer {i}", email=f"stemmer{i}@samen.test")
            for i in itertools.islice(numbers, n)
        ]

    return make


@pytest.fixture
def give(voters):
    """``give(item, 4, 3, ...)``: one vote per score given, each by a different new member."""

    def make(item, *scores):
        for user, score in zip(voters(len(scores)), scores, strict=True):
            cast_vote(user, item, score)

    return make


@pytest.fixture
def as_member(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def as_author(client, author):
    client.force_login(author)
    return client


@pytest.fixture
def english_post(post, translate_post):  # noqa: F811 - fixtures from tests.i18n
    return translate_post(post)


@pytest.fixture
def english_group(bilingual):  # noqa: F811 - fixtures from tests.i18n
    return bilingual.en.group


@pytest.fixture
def tagged_pair(group, author):
    """Two posts sharing the tag "talent": ``reading`` lists ``related`` in its sidebar."""
    reading = BlogPageFactory(parent=group, author=author, title="Lezen", slug="lezen", tags=["talent"])
    related = BlogPageFactory(parent=group, author=author, title="Verwant", slug="verwant", tags=["talent"])
    return reading, related


# --- the arithmetic -----------------------------------------------------------------------

AVERAGES = [
    # total, votes, average, text
    (4, 1, Decimal("4.0"), "4"),
    (5, 1, Decimal("5.0"), "5"),
    (7, 2, Decimal("3.5"), "3.5"),  # 4, 3
    (17, 4, Decimal("4.3"), "4.3"),  # 5, 4, 4, 4 = 4.25: the half goes up
    (13, 4, Decimal("3.3"), "3.3"),  # 3.25: up, not to the even 3.2
    (9, 4, Decimal("2.3"), "2.3"),  # 2.25
    (3, 2, Decimal("1.5"), "1.5"),  # 1, 2
    (11, 3, Decimal("3.7"), "3.7"),  # 4, 4, 3 = 3.666...
    (10, 3, Decimal("3.3"), "3.3"),  # 3.333...
    (29, 6, Decimal("4.8"), "4.8"),  # 4.8333...
    (19, 4, Decimal("4.8"), "4.8"),  # 4.75
    (39, 8, Decimal("4.9"), "4.9"),  # 4.875
    (199, 40, Decimal("5.0"), "5"),  # 4.975 rounds to 5.0, shown as "5"
    (0, 0, None, ""),
]


@pytest.mark.parametrize(("total", "votes", "average", "shown"), AVERAGES)
def test_average_is_one_decimal_with_halves_rounded_up(total, votes, average, shown):
    result = rounded_average(total, votes)
    assert result == average
    assert average_text(result) == shown


@pytest.mark.parametrize(
    ("per_score", "votes", "shown"),
    [
        ((0, 0, 0, 1, 0), 1, "4"),
        ((0, 0, 1, 1, 0), 2, "3.5"),
        ((0, 0, 0, 3, 1), 4, "4.3"),
        ((1, 1, 0, 0, 0), 2, "1.5"),
        ((0, 0, 1, 2, 0), 3, "3.7"),
        ((1, 0, 0, 0, 1), 2, "3"),
        ((0, 0, 0, 0, 1000), 1000, "5"),
    ],
)
def test_summary_counts_the_votes_and_shows_the_average(per_score, votes, shown):
    summary = RatingSummary(per_score)
    assert summary.votes == votes
    assert summary.average_text == shown


def test_no_votes_means_no_average():
    assert NO_VOTES.votes == 0
    assert NO_VOTES.average is None
    assert NO_VOTES.average_text == ""


def test_spread_runs_from_five_stars_down_to_one_with_shares():
    spread = RatingSummary((1, 0, 0, 2, 1)).spread
    assert [(row.score, row.votes, row.share) for row in spread] == [
        (5, 1, 25),
        (4, 2, 50),
        (3, 0, 0),
        (2, 0, 0),
        (1, 1, 25),
    ]


@pytest.mark.parametrize(
    ("language", "per_score", "line"),
    [
        ("nl", (0, 0, 0, 1, 0), "4/5 Sterren (1)"),
        ("nl", (0, 0, 1, 2, 0), "3.7/5 Sterren (3)"),
        ("nl", (0, 0, 0, 3, 1), "4.3/5 Sterren (4)"),
        ("nl", (0, 0, 0, 0, 0), "nog geen beoordelingen"),
        ("en", (0, 0, 1, 2, 0), "3.7/5 stars (3)"),
        ("en", (1, 1, 0, 0, 0), "1.5/5 stars (2)"),
        ("en", (0, 0, 0, 0, 0), "not rated yet"),
    ],
)
def test_summary_line_in_both_languages_with_a_decimal_dot(language, per_score, line):
    with translation.override(language):
        html = render_to_string("engagement/rating_summary.html", {"summary": RatingSummary(per_score)})
    soup = BeautifulSoup(html, "html.parser")
    assert rating_line(soup) == line
    if not sum(per_score):
        assert "/5" not in html


# --- the model and the functions that store votes ---------------------------------------


def test_a_second_vote_by_the_same_member_changes_the_first(post, member):
    cast_vote(member, post, 4)
    cast_vote(member, post, 2)
    assert Rating.objects.filter(user=member).count() == 1
    assert scores_of(post) == [2]


@pytest.mark.parametrize("score", [0, 6, -1, "4", 3.5, None])
def test_cast_vote_refuses_anything_but_one_to_five(post, member, score):
    with pytest.raises(ValueError):
        cast_vote(member, post, score)
    assert not Rating.objects.exists()


def test_withdraw_vote_removes_the_vote_and_says_whether_there_was_one(post, member, other_member):
    cast_vote(member, post, 3)
    cast_vote(other_member, post, 5)
    assert withdraw_vote(member, post) is True
    assert withdraw_vote(member, post) is False
    assert scores_of(post) == [5]


@pytest.mark.parametrize("score", [0, 6])
def test_the_database_refuses_scores_outside_one_to_five(post, member, score):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(user=member, translation_key=post.translation_key, score=score)
    assert not Rating.objects.exists()


def test_the_database_keeps_one_vote_per_member_per_item(post, member):
    Rating.objects.create(user=member, translation_key=post.translation_key, score=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(user=member, translation_key=post.translation_key, score=4)
    assert scores_of(post) == [3]


def test_summaries_of_many_items_take_one_query(post, other_post, group, give, django_assert_num_queries):
    give(post, 4, 3)
    give(group, 5)
    with django_assert_num_queries(1):
        found = summaries([post.translation_key, other_post.translation_key, group.translation_key, None])
    assert found[post.translation_key].per_score == (0, 0, 1, 1, 0)
    assert found[other_post.translation_key].votes == 0
    assert found[group.translation_key].average_text == "5"
    with django_assert_num_queries(1):
        cards = attach_ratings([post, other_post])
    assert [c.rating.votes for c in cards] == [2, 0]


# --- the widget on the post page ----------------------------------------------------------


class TestPostPage:
    def test_anonymous_reader_sees_no_rating_yet_and_a_login_link(self, client, post):
        box = widget(get_html(client, post.url))
        assert rating_line(box) == "nog geen beoordelingen"
        assert "0/5" not in text(box)
        assert box.select_one("ul.spread") is None
        assert box.select_one("form") is None
        link = box.select_one(".rating__note a")
        assert text(link) == "Log in om sterren te geven"
        target = urlsplit(link["href"])
        assert target.path == "/nl/account/login/"
        assert parse_qs(target.query)["next"] == [f"{post.url}#{ANCHOR}"]

    def test_anonymous_reader_sees_the_result_and_the_spread(self, client, post, give):
        give(post, 5, 4, 4)
        box = widget(get_html(client, post.url))
        assert rating_line(box) == "4.3/5 Sterren (3)"
        rows = box.select("ul.spread li")
        assert [text(row.select_one(".spread__label")) for row in rows] == [
            "5 sterren",
            "4 sterren",
            "3 sterren",
            "2 sterren",
            "1 ster",
        ]
        assert [text(row.select_one(".spread__votes")) for row in rows] == [
            "1 stem",
            "2 stemmen",
            "0 stemmen",
            "0 stemmen",
            "0 stemmen",
        ]
        assert box.select_one("form") is None

    def test_member_gets_a_real_form_with_five_labelled_choices(self, as_member, post):
        box = widget(get_html(as_member, post.url))
        form = box.select_one("form.rating-form")
        assert form["method"] == "post"
        assert form["action"] == rate_url(post)
        assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
        assert form.select_one("input[name=next]")["value"] == f"{post.url}#{ANCHOR}"
        fieldset = form.select_one("fieldset")
        assert text(fieldset.select_one("legend")) == "Jouw beoordeling van dit blog"
        radios = fieldset.select("input[type=radio]")
        assert [r["name"] for r in radios] == ["score"] * 5
        assert [r["value"] for r in radios] == ["1", "2", "3", "4", "5"]
        for radio in radios:
            label = form.select_one(f'label[for="{radio["id"]}"]')
            assert label is not None, f"no label for {radio['id']}"
        assert len({r["id"] for r in radios}) == 5
        assert text(form.select_one(f'label[for="{radios[0]["id"]}"]')) == "★ 1 ster"
        submit = form.select_one("button[type=submit][name=action][value=rate]")
        assert text(submit) == "Beoordeling opslaan"

    def test_member_without_a_vote_has_nothing_to_withdraw(self, as_member, post, give):
        give(post, 5)
        form = widget(get_html(as_member, post.url)).select_one("form.rating-form")
        assert form.select("input[type=radio][checked]") == []
        assert form.select_one("button[value=withdraw]") is None
        assert form.select_one(".rating-form__own") is None

    @pytest.mark.parametrize(("score", "own"), [(4, "Je gaf 4 sterren."), (1, "Je gaf 1 ster.")])
    def test_member_sees_their_own_vote_and_can_withdraw_it(self, as_member, member, post, score, own):
        cast_vote(member, post, score)
        form = widget(get_html(as_member, post.url)).select_one("form.rating-form")
        assert [r["value"] for r in form.select("input[type=radio][checked]")] == [str(score)]
        assert text(form.select_one(".rating-form__own")) == own
        withdraw = form.select_one("button[type=submit][name=action][value=withdraw]")
        assert text(withdraw) == "Mijn beoordeling intrekken"

    def test_the_author_is_told_they_cannot_rate_their_own_post(self, as_author, post, give):
        give(post, 3)
        box = widget(get_html(as_author, post.url))
        assert box.select_one("form") is None
        assert text(box.select_one(".rating__note")) == "Je kunt je eigen blog niet beoordelen."
        assert rating_line(box) == "3/5 Sterren (1)"

    def test_the_group_box_shows_the_groups_rating(self, client, post, group, give):
        give(group, 4, 5)
        give(post, 2)
        soup = get_html(client, post.url)
        assert rating_line(soup.select_one(".group-box__rating")) == "4.5/5 Sterren (2)"
        assert rating_line(widget(soup)) == "2/5 Sterren (1)"

    def test_the_group_page_shows_the_groups_widget(self, as_member, member, group, post, give):
        give(group, 4)
        give(post, 1)
        cast_vote(member, group, 5)
        box = widget(get_html(as_member, group.url))
        assert rating_line(box) == "4.5/5 Sterren (2)"
        form = box.select_one("form.rating-form")
        assert form["action"] == rate_url(group)
        assert text(form.select_one("legend")) == "Jouw beoordeling van deze groep"
        assert text(form.select_one(".rating-form__own")) == "Je gaf 5 sterren."


# --- the endpoint -------------------------------------------------------------------------


class TestRating:
    def test_get_is_not_allowed(self, as_member, post):
        response = as_member.get(rate_url(post), {"score": 4})
        assert response.status_code == 405
        assert not Rating.objects.exists()

    def test_the_pages_own_form_works_with_its_security_token(self, member, post):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(member)
        form = widget(get_html(browser, post.url)).select_one("form.rating-form")
        data = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
        response = browser.post(form["action"], {**data, "score": "4", "action": "rate"})
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#{ANCHOR}"
        assert scores_of(post) == [4]
        page = followed(browser, response)
        assert notices(page) == [SAVED_NL]
        assert rating_line(widget(parse(page))) == "4/5 Sterren (1)"
        assert text(widget(parse(page)).select_one(".rating-form__own")) == "Je gaf 4 sterren."

    def test_member_changes_their_vote(self, as_member, member, post, give):
        give(post, 5)
        rate(as_member, post, "4")
        rate(as_member, post, "2")
        assert Rating.objects.filter(user=member).get().score == 2
        box = widget(get_html(as_member, post.url))
        assert rating_line(box) == "3.5/5 Sterren (2)"
        assert text(box.select_one(".rating-form__own")) == "Je gaf 2 sterren."

    def test_member_withdraws_their_vote(self, as_member, member, post, give):
        give(post, 5)
        cast_vote(member, post, 1)
        response = rate(as_member, post, action="withdraw")
        assert response["Location"] == f"{post.url}#{ANCHOR}"
        assert scores_of(post) == [5]
        page = followed(as_member, response)
        assert notices(page) == [WITHDRAWN_NL]
        box = widget(parse(page))
        assert rating_line(box) == "5/5 Sterren (1)"
        assert box.select_one("button[value=withdraw]") is None

    def test_member_rates_a_group(self, as_member, group):
        response = rate(as_member, group, "3")
        assert response["Location"] == f"{group.url}#{ANCHOR}"
        assert scores_of(group) == [3]
        assert notices(followed(as_member, response)) == [SAVED_NL]

    def test_a_post_author_may_rate_the_group(self, as_author, post, group):
        assert rate(as_author, group, "5").status_code == 302
        assert scores_of(group) == [5]

    def test_a_safe_local_next_is_followed(self, as_member, post, blog_index):
        response = rate(as_member, post, "4", next_url=f"{blog_index.url}?page=1")
        assert response["Location"] == f"{blog_index.url}?page=1"

    @pytest.mark.parametrize(
        "next_url",
        ["https://evil.example/", "//evil.example/nl/", "/\\evil.example", "javascript:alert(1)", ""],
    )
    def test_an_unsafe_next_goes_back_to_the_item(self, as_member, post, next_url):
        response = rate(as_member, post, "4", next_url=next_url)
        assert response.status_code == 302
        assert response["Location"] == post.url
        assert scores_of(post) == [4]

    def test_in_place_answer_is_json_with_the_new_widget(self, as_member, post, give):
        give(post, 3)
        response = rate(as_member, post, "5", fetch=True)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        answer = response.json()
        assert answer["message"] == SAVED_NL
        box = widget(BeautifulSoup(answer["html"], "html.parser"))
        assert rating_line(box) == "4/5 Sterren (2)"
        assert text(box.select_one(".rating-form__own")) == "Je gaf 5 sterren."
        assert text(box.select_one("[data-rating-status]")) == SAVED_NL
        assert scores_of(post) == [3, 5]

    def test_in_place_withdrawal_answers_with_a_widget_without_the_vote(self, as_member, member, post):
        cast_vote(member, post, 4)
        answer = rate(as_member, post, action="withdraw", fetch=True).json()
        assert answer["message"] == WITHDRAWN_NL
        box = widget(BeautifulSoup(answer["html"], "html.parser"))
        assert rating_line(box) == "nog geen beoordelingen"
        assert box.select_one("button[value=withdraw]") is None
        assert not Rating.objects.exists()

    def test_anonymous_post_is_refused(self, client, post):
        response = rate(client, post, "5")
        assert response.status_code == 403
        assert "Alleen aangemelde leden kunnen beoordelen." in text(parse(response))
        assert not Rating.objects.exists()

    def test_rating_your_own_post_is_refused(self, as_author, post):
        response = rate(as_author, post, "5")
        assert response.status_code == 403
        assert "Je kunt je eigen blog niet beoordelen." in text(parse(response))
        assert not Rating.objects.exists()

    @pytest.mark.parametrize(
        ("who", "score", "status", "message"),
        [
            ("anonymous", "5", 403, "Alleen aangemelde leden kunnen beoordelen. Log in en beoordeel opnieuw."),
            ("author", "5", 403, "Je kunt je eigen blog niet beoordelen."),
            ("member", "9", 400, BAD_SCORE_NL),
        ],
    )
    def test_in_place_refusals_are_json_with_the_status(
        self, client, post, author, member, who, score, status, message
    ):
        if who != "anonymous":
            client.force_login(author if who == "author" else member)
        response = rate(client, post, score, fetch=True)
        assert response.status_code == status
        assert response.json() == {"message": message}
        assert not Rating.objects.exists()

    def test_the_message_is_in_the_language_of_the_page_not_the_browser(self, as_member, post, home):
        as_member.cookies["django_language"] = "en"
        nothing = as_member.post(rate_url(home), {"score": "4"}, headers=FETCH)
        assert nothing.json()["message"] == "There is nothing here to rate."  # the browser's language
        response = rate(as_member, post, "4", fetch=True)
        assert response.json()["message"] == SAVED_NL


class TestBadInput:
    @pytest.fixture
    def voted(self, as_member, member, post):
        """The member already gave 2 stars: bad input must leave that vote alone."""
        cast_vote(member, post, 2)
        return as_member

    @pytest.mark.parametrize(
        "score",
        [
            "abc",
            "",
            None,  # the field left out
            "0",
            "6",
            "-1",
            "3.5",
            "10",
            "05",
            "5" * 10000,
            "<script>alert(1)</script>",
            "1; DROP TABLE engagement_rating",
            "1' OR '1'='1",
            "\u00b3",  # superscript three: str.isdigit() says yes, int() says no
            "\uff13",  # full-width three
            "\u0663",  # Arabic-Indic three
        ],
    )
    def test_anything_but_one_to_five_is_refused_and_changes_nothing(self, voted, member, post, score):
        response = rate(voted, post, score)
        assert response.status_code == 400
        assert BAD_SCORE_NL in text(parse(response))
        assert Rating.objects.filter(user=member).get().score == 2
        assert Rating.objects.count() == 1

    def test_a_hostile_score_is_not_echoed(self, voted, post):
        response = rate(voted, post, "<script>alert(1)</script>")
        assert response.status_code == 400
        assert b"<script>alert(1)</script>" not in response.content
        assert parse(response).find("script", string="alert(1)") is None

    def test_surrounding_whitespace_is_stripped(self, voted, member, post):
        response = rate(voted, post, " 3 ")
        assert response.status_code == 302
        assert Rating.objects.get(user=member).score == 3

    def test_a_missing_score_with_the_withdraw_action_is_fine(self, voted, post):
        assert rate(voted, post, action="withdraw").status_code == 302
        assert not Rating.objects.exists()

    def test_withdrawing_without_a_vote_says_so(self, as_member, post):
        response = rate(as_member, post, action="withdraw", fetch=True)
        assert response.status_code == 200
        assert response.json()["message"] == "Je had dit nog niet beoordeeld."


class TestRefusals:
    @pytest.mark.parametrize("target", ["missing", "home", "blog_index", "group_index"])
    def test_what_cannot_be_rated_is_not_found(self, request, as_member, target):
        url = reverse("rate", args=[999999]) if target == "missing" else rate_url(request.getfixturevalue(target))
        response = as_member.post(url, {"score": "4", "action": "rate"})
        assert response.status_code == 404
        assert not Rating.objects.exists()

    def test_what_cannot_be_rated_is_not_found_in_place_either(self, as_member, home):
        response = as_member.post(rate_url(home), {"score": "4"}, headers=FETCH)
        assert response.status_code == 404
        assert set(response.json()) == {"message"}

    def test_an_unpublished_post_is_not_found(self, as_member, post):
        post.unpublish()
        response = rate(as_member, post, "4")
        assert response.status_code == 404
        assert not Rating.objects.exists()

    def test_a_missing_security_token_is_a_400_that_says_what_to_do(self, member, post):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(member)
        response = rate(browser, post, "4")
        assert response.status_code == 400
        assert "Dit formulier was te oud of is veranderd." in text(parse(response))
        assert not Rating.objects.exists()

    def test_the_21st_rating_in_a_minute_is_refused(self, as_member, member, post, settings):
        assert settings.RATINGS_PER_MINUTE == 20
        within_one_clock_minute(seconds_needed=10)
        for n in range(20):
            response = rate(as_member, post, str(n % 5 + 1))
            assert response.status_code == 302, f"rating {n + 1} answered {response.status_code}"
        assert Rating.objects.get(user=member).score == 5
        response = rate(as_member, post, "1")
        assert response.status_code == 429
        assert "Je beoordeelt wel erg snel." in text(parse(response))
        assert Rating.objects.get(user=member).score == 5


# --- one set of votes for every language ---------------------------------------------------


class TestLanguages:
    def test_the_english_page_shows_the_votes_given_on_the_dutch_one(self, client, post, english_post, give):
        give(post, 4, 4, 3)
        box = widget(get_html(client, english_post.url))
        assert rating_line(box) == "3.7/5 stars (3)"
        assert text(box.select_one(".rating__note a")) == "Log in to give stars"

    def test_the_english_page_without_votes_says_not_rated_yet(self, client, english_post):
        box = widget(get_html(client, english_post.url))
        assert rating_line(box) == "not rated yet"
        assert "0/5" not in text(box)

    def test_rating_the_english_page_counts_for_the_dutch_one(self, as_member, member, post, english_post, give):
        give(post, 5)
        response = rate(as_member, english_post, "4")
        assert response["Location"] == f"{english_post.url}#{ANCHOR}"
        assert notices(followed(as_member, response)) == ["Your rating has been saved."]
        assert Rating.objects.get(user=member).translation_key == post.translation_key
        assert summary_of(post) == summary_of(english_post) == RatingSummary((0, 0, 0, 1, 1))
        box = widget(get_html(as_member, post.url))
        assert rating_line(box) == "4.5/5 Sterren (2)"
        assert text(box.select_one(".rating-form__own")) == "Je gaf 4 sterren."

    def test_the_member_sees_their_dutch_vote_on_the_english_page(self, as_member, member, post, english_post):
        rate(as_member, post, "4")
        form = widget(get_html(as_member, english_post.url)).select_one("form.rating-form")
        assert text(form.select_one(".rating-form__own")) == "You gave 4 stars."
        assert [r["value"] for r in form.select("input[checked]")] == ["4"]
        answer = rate(as_member, english_post, action="withdraw", fetch=True).json()
        assert answer["message"] == "Your rating has been withdrawn."
        assert not Rating.objects.exists()

    def test_the_english_group_shares_the_dutch_groups_votes(self, client, group, english_group, give):
        give(english_group, 5, 4)
        give(group, 4)
        assert summary_of(group).votes == summary_of(english_group).votes == 3
        assert rating_line(widget(get_html(client, group.url))) == "4.3/5 Sterren (3)"
        assert rating_line(widget(get_html(client, english_group.url))) == "4.3/5 stars (3)"

    def test_a_refusal_on_the_english_page_is_in_english(self, client, english_post):
        response = rate(client, english_post, "4", fetch=True)
        assert response.status_code == 403
        assert response.json()["message"] == "Only members who are logged in can rate. Log in and rate again."


# --- listings -----------------------------------------------------------------------------


class TestListings:
    @pytest.mark.parametrize("listing", ["blog_index", "group", "home"])
    def test_post_cards_show_the_rating_and_the_reaction_count(
        self, request, client, listing, post, other_post, member, give
    ):
        give(post, 4)
        make_reaction(post, member, "Mooi")
        soup = get_html(client, request.getfixturevalue(listing).url)
        rated = card(soup, "Samen leren")
        assert rating_line(rated) == "4/5 Sterren (1)"
        assert "1 reactie" in text(rated.select_one(".post-card__meta"))
        unrated = card(soup, "Ander bericht")
        assert rating_line(unrated) is None
        assert "0 reacties" in text(unrated.select_one(".post-card__meta"))

    def test_related_posts_show_their_rating_and_reaction_count(self, client, tagged_pair, member, give):
        reading, related = tagged_pair
        give(related, 5, 4)
        make_reaction(related, member, "Eens")
        items = get_html(client, reading.url).select(".related__list li")
        assert [text(li.select_one("a")) for li in items] == ["Verwant"]
        meta = items[0].select_one(".related__meta")
        assert rating_line(meta) == "4.5/5 Sterren (2)"
        assert "1 reactie" in text(meta)

    def test_an_unrated_related_post_shows_no_rating_line(self, client, tagged_pair, give):
        reading, related = tagged_pair
        give(reading, 5)
        meta = get_html(client, reading.url).select_one(".related__list .related__meta")
        assert rating_line(meta) is None
        assert text(meta) == "0 reacties"

    @pytest.mark.parametrize("listing", ["group_index", "home"])
    def test_group_cards_show_the_groups_rating(self, request, client, listing, group, other_group, give):
        give(group, 4, 3)
        give(other_group, 1)
        soup = get_html(client, request.getfixturevalue(listing).url)
        assert rating_line(group_card(soup, "Menskracht")) == "3.5/5 Sterren (2)"
        assert rating_line(group_card(soup, "Digitaal Samenwerken")) == "1/5 Sterren (1)"


# --- queries ------------------------------------------------------------------------------


class TestQueryBudget:
    @staticmethod
    def rated_posts(groups, count, give, start=0):
        posts = add_posts(groups, count, start=start)
        for n, post in enumerate(posts):
            give(post, 5, n % 5 + 1)
        return posts

    @pytest.mark.parametrize("listing", ["blog_index", "group"])
    def test_a_listing_costs_as_much_with_8_rated_posts_as_with_2(self, request, client, listing, group, give):
        url = request.getfixturevalue(listing).url
        self.rated_posts([group], 2, give)
        with_two = count_queries(client, url)
        self.rated_posts([group], 6, give, start=2)
        with_eight = count_queries(client, url)
        assert with_eight == with_two
        assert len(parse(client.get(url)).select(".post-card .rating-summary")) == 8

    @pytest.mark.parametrize("viewer", ["anonymous", "member"])
    def test_the_post_page_costs_as_much_with_many_votes_as_with_few(
        self, client, blog_index, group, other_group, member, give, viewer
    ):
        posts = add_posts([group, other_group], 6)
        reading = posts[0]
        cast_vote(member, reading, 3)
        cast_vote(member, group, 4)
        give(posts[1], 2)
        if viewer == "member":
            client.force_login(member)
        few = count_queries(client, reading.url)

        for item in [reading, group, *posts[1:]]:
            give(item, 5, 4, 3, 2, 1)
        many = count_queries(client, reading.url)

        assert many == few
        soup = parse(client.get(reading.url))
        assert rating_line(widget(soup)) == "3/5 Sterren (6)"
        assert rating_line(soup.select_one(".group-box__rating")) == "3.2/5 Sterren (6)"
        assert soup.select(".related__meta .rating-summary")
