"""How the thread is shown: order, batch size, the reader's saved choices, and batches."""

from urllib.parse import parse_qs, urlsplit

import pytest

from engagement.reactions import PREFERENCE_COOKIE

from .helpers import final_response, make_reaction, minutes_ago, reply_ids, soup, thread_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve(post, member, other_member):
    """Twelve top-level reactions, oldest first, the first two with a reply each."""
    reactions = [
        make_reaction(post, member if n % 2 else other_member, f"Reactie {n}", when=minutes_ago(100 - n))
        for n in range(12)
    ]
    make_reaction(post, member, "Antwoord op 0", parent=reactions[0], when=minutes_ago(10))
    make_reaction(post, other_member, "Antwoord op 1", parent=reactions[1], when=minutes_ago(9))
    return [r.pk for r in reactions]


def test_default_is_oldest_first_ten_per_batch(client, post, twelve):
    page = client.get(post.url)
    assert thread_ids(page) == twelve[:10]
    assert len(reply_ids(page)) == 2


def test_newest_first_reverses_top_level_reactions(client, post, twelve):
    page = client.get(post.url, {"order": "newest"})
    assert thread_ids(page) == list(reversed(twelve))[:10]


def test_replies_stay_under_their_reaction_in_either_order(client, post, twelve):
    for order in ("oldest", "newest"):
        html = soup(client.get(post.url, {"order": order, "count": 25}))
        first = html.select_one(f"#reactie-{twelve[0]}")
        assert [li.get_text(" ", strip=True) for li in first.select(".reaction--reply .reaction__body")] == [
            "Antwoord op 0"
        ]


def test_count_five_shows_five_threads_and_a_load_more_link(client, post, twelve):
    page = client.get(post.url, {"count": 5})
    assert thread_ids(page) == twelve[:5]
    more = soup(page).select_one("[data-reaction-more] a")
    assert more is not None
    assert more.get_text(strip=True) == "Meer reacties laden"
    target = urlsplit(more["href"])
    assert target.path == post.url
    assert parse_qs(target.query)["page"] == ["2"]
    assert parse_qs(target.query)["count"] == ["5"]

    second = client.get(f"{target.path}?{target.query}")
    assert thread_ids(second) == twelve[5:10]
    third = client.get(post.url, {"count": 5, "page": 3})
    assert thread_ids(third) == twelve[10:]
    assert soup(third).select_one("[data-reaction-more]") is None


def test_no_load_more_link_when_everything_is_shown(client, post, twelve):
    page = client.get(post.url, {"count": 25})
    assert thread_ids(page) == twelve
    assert soup(page).select_one("[data-reaction-more]") is None


@pytest.mark.parametrize(
    "params",
    [
        {"order": "sideways"},
        {"count": "-1"},
        {"count": "100000"},
        {"count": "abc"},
        {"count": "7"},
        {"page": "x"},
        {"page": "-1"},
        {"page": "0"},
        {"order": "'; drop table", "count": "1e3", "page": "1.5"},
    ],
)
def test_bogus_choices_fall_back_to_the_defaults(client, post, twelve, params):
    page = client.get(post.url, params)
    assert page.status_code == 200
    assert thread_ids(page) == twelve[:10]


def test_a_page_past_the_end_shows_the_last_page(client, post, twelve):
    page = client.get(post.url, {"page": "99999"})
    assert page.status_code == 200
    assert thread_ids(page) == twelve[10:]


class TestSavedChoices:
    def test_voorkeur_sets_the_cookie_and_returns_to_the_post(self, client, post, twelve):
        response = client.get("/reacties/voorkeur/", {"order": "newest", "count": "25", "auto": "0", "next": post.url})
        assert response.status_code == 302
        target = urlsplit(response["Location"])
        assert target.path == post.url
        assert parse_qs(target.query) == {"order": ["newest"], "count": ["25"], "auto": ["0"]}
        assert target.fragment == "reacties"
        assert response.cookies[PREFERENCE_COOKIE].value == "newest:25:0"

    def test_with_the_cookie_the_page_uses_the_saved_choices(self, client, post, twelve):
        client.get("/reacties/voorkeur/", {"order": "newest", "count": "5", "auto": "0", "next": post.url})
        page = client.get(post.url)
        assert thread_ids(page) == list(reversed(twelve))[:5]
        html = soup(page)
        assert html.select_one("#reaction-order option[selected]")["value"] == "newest"
        assert html.select_one("#reaction-count option[selected]")["value"] == "5"
        assert not html.select_one("#reaction-auto").has_attr("checked")

    def test_address_choices_win_over_the_cookie(self, client, post, twelve):
        client.get("/reacties/voorkeur/", {"order": "newest", "count": "5", "next": post.url})
        assert thread_ids(client.get(post.url, {"order": "oldest"})) == twelve[:5]

    def test_a_garbled_cookie_falls_back_to_the_defaults(self, client, post, twelve):
        client.cookies[PREFERENCE_COOKIE] = "sideways:-1:maybe"
        page = client.get(post.url)
        assert page.status_code == 200
        assert thread_ids(page) == twelve[:10]

    @pytest.mark.parametrize(
        "evil", ["//evil.example", "https://evil.example/", "\\\\evil.example", "https:evil.example"]
    )
    def test_voorkeur_never_leaves_the_site(self, client, db, evil):
        response = client.get("/reacties/voorkeur/", {"order": "newest", "next": evil})
        assert response.status_code == 302
        location = response["Location"]
        assert "evil.example" not in location
        assert location.startswith("/") and not location.startswith("//")
        assert not urlsplit(location).netloc


class TestBatchEndpoint:
    def test_returns_the_next_batch_as_a_fragment(self, client, post, twelve):
        response = client.get(f"/reacties/lijst/{post.pk}/", {"page": 2, "count": 5})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html
        assert thread_ids(response) == twelve[5:10]
        next_batch = soup(response).select_one("[data-next-batch]")["data-next-batch"]
        assert urlsplit(next_batch).path == f"/reacties/lijst/{post.pk}/"
        assert parse_qs(urlsplit(next_batch).query)["page"] == ["3"]

    def test_last_batch_has_no_next(self, client, post, twelve):
        response = client.get(f"/reacties/lijst/{post.pk}/", {"page": 3, "count": 5})
        assert thread_ids(response) == twelve[10:]
        assert soup(response).select_one("[data-next-batch]") is None

    def test_page_links_point_to_the_batch(self, client, post, twelve):
        more = soup(client.get(post.url, {"count": 5})).select_one("[data-reaction-more] a")
        batch = client.get(more["data-next-batch"])
        assert batch.status_code == 200
        assert thread_ids(batch) == twelve[5:10]

    def test_unpublished_page_is_404(self, client, post, twelve):
        post.unpublish()
        response = final_response(client, "get", f"/reacties/lijst/{post.pk}/", {"page": 2, "count": 5})
        assert response.status_code == 404
        assert "Reactie 5" not in response.content.decode()

    def test_unknown_page_is_404(self, client, db):
        assert final_response(client, "get", "/reacties/lijst/987654/").status_code == 404

    def test_post_is_not_allowed(self, client, post):
        assert client.post(f"/reacties/lijst/{post.pk}/").status_code == 405
