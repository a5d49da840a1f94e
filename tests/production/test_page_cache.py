"""The shared page cache: hits for anonymous readers, purges that reach exactly the pages
that show what changed, and nothing personal in any shared copy."""

from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from access.models import Membership
from access.policy import AccessLevel
from accounts.factories import DEFAULT_PASSWORD
from blog.factories import BlogPageFactory
from engagement.models import PostViews
from engagement.ratings import cast_vote
from pagecache import keys as page_cache
from pagecache.keys import PERSONAL_HEADER
from pagecache.middleware import MEMBER_HINT_COOKIE, _personal
from tests.engagement.helpers import make_reaction, verified_member
from tests.groups.helpers import add_member

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def publish(page):
    page.save_revision().publish()


@pytest.fixture
def site(group, other_group, blog_index):
    """Two groups with a post each, and a third post that shares nothing with the others."""
    post = BlogPageFactory(parent=group, title="Werken aan welzijn", slug="werken-aan-welzijn", tags=["welzijn"])
    sibling = BlogPageFactory(parent=group, title="Ook in Menskracht", slug="ook-in-menskracht", tags=["welzijn"])
    unrelated = BlogPageFactory(
        parent=other_group, title="Losstaand bericht", slug="losstaand-bericht", tags=["digitaal"]
    )
    cache.clear()
    return {"post": post, "sibling": sibling, "unrelated": unrelated, "group": group, "other_group": other_group}


def get(client, url, **extra):
    return client.get(url, HTTP_USER_AGENT=BROWSER, **extra)


def warm(client, *urls):
    """Fetch each address until the answer must come from the cache: the second time, the
    third for an address with query parameters (stored once asked for again)."""
    for url in urls:
        for _ in range(2 if "?" in url else 1):
            assert get(client, url).status_code == 200
        assert get(client, url)["X-Cache"] == "HIT", url


def is_hit(client, url):
    response = get(client, url)
    assert response.status_code == 200
    return response.get("X-Cache") == "HIT"


# --- Hits and misses --------------------------------------------------------------------


def test_the_second_anonymous_request_is_served_from_the_cache_without_a_query(client, site, home):
    for url in [home.url, site["group"].url, site["post"].url, "/nl/blogs/", "/nl/zoeken/?q=welzijn", "/sitemap.xml"]:
        if "?" in url:
            # An address with query parameters is only stored when it is asked for again.
            assert get(client, url)["X-Cache"] == "MISS"
        first = get(client, url)
        assert first.status_code == 200
        assert first["X-Cache"] == "MISS"
        with CaptureQueriesContext(connection) as queries:
            second = get(client, url)
        assert second["X-Cache"] == "HIT"
        assert second.content == first.content
        assert len(queries) == 0, url
        assert second["Cache-Control"] == "public, max-age=0, s-maxage=600, stale-while-revalidate=60"
        assert {"Cookie", "X-Samen-Personal"} <= {part.strip() for part in second["Vary"].split(",")}
        assert second["Content-Type"] == first["Content-Type"]


def test_a_publish_makes_the_next_request_a_miss_with_the_new_text(client, site):
    post = site["post"]
    warm(client, post.url)
    post.title = "Werken aan welzijn, bijgewerkt"
    publish(post)
    response = get(client, post.url)
    assert response["X-Cache"] == "MISS"
    assert "Werken aan welzijn, bijgewerkt" in response.content.decode()


def test_a_draft_purges_nothing(client, site):
    post = site["post"]
    warm(client, post.url)
    post.title = "Nog niet gepubliceerd"
    post.save_revision()
    assert is_hit(client, post.url)


def test_a_publish_purges_the_post_its_group_the_indexes_and_related_posts_and_nothing_else(client, site, home):
    post, sibling, unrelated = site["post"], site["sibling"], site["unrelated"]
    affected = [post.url, sibling.url, site["group"].url, home.url, "/nl/blogs/", "/nl/groepen/"]
    untouched = [unrelated.url, site["other_group"].url]
    warm(client, *affected, *untouched)
    post.title = "Werken aan welzijn (2)"
    publish(post)
    for url in affected:
        assert not is_hit(client, url), f"{url} should have been purged"
    for url in untouched:
        assert is_hit(client, url), f"{url} should have stayed in the cache"


def test_unpublishing_a_post_takes_it_out_of_the_cached_pages(client, site):
    post = site["post"]
    warm(client, post.url, site["group"].url)
    post.unpublish()
    assert get(client, post.url).status_code == 404
    assert "Werken aan welzijn" not in get(client, site["group"].url).content.decode()


def test_moving_a_post_purges_both_groups(client, site):
    post = site["post"]
    warm(client, site["group"].url, site["other_group"].url, site["unrelated"].url)
    post.move(site["other_group"], pos="last-child")
    assert not is_hit(client, site["group"].url)
    assert "Werken aan welzijn" in get(client, site["other_group"].url).content.decode()


def test_a_reaction_purges_the_post_and_the_pages_with_its_card_only(client, site):
    post = site["post"]
    warm(client, post.url, site["group"].url, "/nl/blogs/", site["unrelated"].url, site["other_group"].url)
    make_reaction(post, verified_member(), comment="Een nieuwe reactie op het welzijn.")
    assert "Een nieuwe reactie op het welzijn." in get(client, post.url).content.decode()
    assert not is_hit(client, site["group"].url)
    assert not is_hit(client, "/nl/blogs/")
    assert is_hit(client, site["unrelated"].url)
    assert is_hit(client, site["other_group"].url)


def test_a_rating_purges_the_pages_that_show_the_stars(client, site):
    post = site["post"]
    warm(client, post.url, site["unrelated"].url)
    cast_vote(verified_member(), post, 4)
    response = get(client, post.url)
    assert response["X-Cache"] == "MISS"
    assert "4/5" in response.content.decode()
    assert is_hit(client, site["unrelated"].url)


def test_a_membership_change_purges_that_group_only(client, site):
    warm(client, site["group"].url, site["other_group"].url)
    Membership.objects.create(
        user=verified_member(), group_key=site["group"].translation_key, role=Membership.Role.MEMBER
    )
    assert not is_hit(client, site["group"].url)
    assert is_hit(client, site["other_group"].url)


def test_reads_keep_counting_while_the_page_comes_from_the_cache(client, site):
    post = site["post"]
    warm(client, post.url)
    beacon = reverse("read_beacon", args=[post.pk])
    for _ in range(3):
        reader = type(client)()
        assert get(reader, post.url)["X-Cache"] == "HIT"
        assert reader.post(beacon, HTTP_USER_AGENT=BROWSER).status_code == 204
    assert PostViews.objects.get(translation_key=post.translation_key).views == 3


# --- Members are never served the anonymous copy ----------------------------------------


def test_members_get_private_pages_of_their_own(client, site):
    post = site["post"]
    warm(client, post.url)
    anonymous_copy = get(client, post.url).content
    member = verified_member(display_name="Mira Lid")
    client.force_login(member)
    response = get(client, post.url)
    # Their audience's shell is made from their own page (pagecache/personal_parts.py).
    assert response["X-Cache"] == "MISS"
    assert response.content != anonymous_copy
    assert response["Cache-Control"] == "private, no-cache"
    assert "Mira Lid" in response.content.decode()
    assert response.cookies[MEMBER_HINT_COOKIE].value == "1"


def test_nothing_of_a_member_remains_after_they_log_out(client, site):
    post = site["post"]
    member = verified_member(email="mira@samen.test", display_name="Mira Lid")
    login = client.post(
        reverse("account_login"), {"login": "mira@samen.test", "password": DEFAULT_PASSWORD}, HTTP_USER_AGENT=BROWSER
    )
    assert login.status_code == 302
    assert "Mira Lid" in get(client, post.url).content.decode()
    logout = client.post(reverse("account_logout"), HTTP_USER_AGENT=BROWSER)
    assert logout.status_code == 302
    assert logout.cookies[MEMBER_HINT_COOKIE].value == ""
    # The first page shows "you have logged out"; the next is stored, the third shared.
    for _ in range(3):
        response = get(client, post.url)
        body = response.content.decode()
        assert "Mira Lid" not in body
        assert "mira@samen.test" not in body
        assert str(member.pk) not in response.get("X-Cache", "")
        assert "csrfmiddlewaretoken" not in body
    assert response["X-Cache"] == "HIT"


# --- Crossover: a restricted page never leaves the cache for someone else -------------


@pytest.fixture
def restricted(group):
    member = add_member(group, Membership.Role.MEMBER, display_name="Geheim Lid")
    post = BlogPageFactory(
        parent=group, title="Alleen voor leden", slug="alleen-voor-leden", access_level=AccessLevel.MEMBERS
    )
    cache.clear()
    return post, member


def variants(post):
    path = post.url
    return [
        ({}, path),
        ({"HTTP_COOKIE": "django_language=en"}, path),
        ({"HTTP_AUTHORIZATION": "Bearer abc"}, path),
        ({}, path + "?utm=1"),
        ({}, path.rstrip("/") + ";x=1/"),
        ({}, path.rstrip("/")),
        ({"HTTP_HOST": "TESTSERVER"}, path),
    ]


@pytest.mark.parametrize("index", range(7))
def test_a_members_view_of_a_restricted_post_never_reaches_anyone_else(client, restricted, index):
    post, member = restricted
    client.force_login(member)
    assert "Alleen voor leden" in get(client, post.url).content.decode()
    client.logout()
    extra, url = variants(post)[index]
    for _ in range(2):
        response = get(type(client)(), url, **extra)
        assert response.status_code in (301, 302, 404), url
        assert "Alleen voor leden" not in response.content.decode()


def test_a_restricted_post_viewed_by_a_member_first_is_not_stored_at_all(client, restricted):
    post, member = restricted
    client.force_login(member)
    get(client, post.url)
    get(client, post.url)
    assert not [key for key in cache._cache if "samen:page:" in key]  # noqa: SLF001 - local memory cache


def test_shared_copies_carry_no_cookie_and_no_token(client, site, home):
    for url in [home.url, site["post"].url, site["group"].url, "/nl/zoeken/?q=welzijn"]:
        for _ in range(2):
            response = get(type(client)(), url)
            assert response["X-Cache"] in ("HIT", "MISS")
            assert not response.cookies, url
            assert "Set-Cookie" not in response
            assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_page_with_a_form_token_is_not_shared(client, site):
    response = get(client, reverse("account_login"))
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "csrfmiddlewaretoken" in response.content.decode()


@pytest.mark.parametrize("query", ["?utm=1", "?q=a&q=b", "?page=" + "9" * 300, "?fbclid=x"])
def test_unknown_or_odd_query_strings_bypass_the_cache(client, site, query):
    url = site["post"].url + query
    for _ in range(2):
        response = get(client, url)
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_the_reaction_order_cookie_gets_its_own_copy(client, site):
    post = site["post"]
    warm(client, post.url)
    client.cookies["samen_reacties"] = "newest:10:0"
    assert get(client, post.url)["X-Cache"] == "MISS"
    assert get(client, post.url)["X-Cache"] == "HIT"


def test_the_session_key_changes_at_log_in_and_dies_at_log_out(client, site):
    post = site["post"]
    verified_member(email="sessie@samen.test")
    # An anonymous reader with a session (the test client's own; the read beacon makes none).
    get(client, post.url)
    anonymous_key = client.session.session_key
    client.post(reverse("account_login"), {"login": "sessie@samen.test", "password": DEFAULT_PASSWORD})
    member_key = client.cookies["sessionid"].value
    assert member_key != anonymous_key
    store = client.session.__class__
    assert not store().exists(anonymous_key)
    client.post(reverse("account_logout"))
    assert not store().exists(member_key)
    assert isinstance(client.session, SessionBase)


# --- A member shown a shared copy gets their own page -----------------------------------


def account_menu(html):
    return html.split('class="account-menu"', 1)[1].split("</nav>", 1)[0]


def test_the_script_gets_the_members_own_page_never_to_be_stored(client, site):
    post = site["post"]
    member = verified_member(display_name="Mira Lid")
    cast_vote(member, post, 3)
    client.force_login(member)
    response = get(client, post.url + "?persoonlijk=1", HTTP_X_SAMEN_PERSONAL="1")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert 'data-rendered-for="member"' in html
    assert "Mira Lid" in account_menu(html)
    assert "checked" in html.split("data-rating-form", 1)[1].split("</form>", 1)[0]
    assert "csrfmiddlewaretoken" in html.split('id="reageren"', 1)[1]
    # The page as at its own address: the script's marker is not in its links.
    assert "persoonlijk" not in html


def test_the_script_asking_again_gets_the_page_from_the_members_shell(client, site):
    post = site["post"]
    client.force_login(verified_member(display_name="Mira Lid"))
    assert get(client, post.url)["X-Cache"] == "MISS"
    response = get(client, post.url + "?persoonlijk=1", HTTP_X_SAMEN_PERSONAL="1")
    assert response["X-Cache"] == "HIT"
    assert response["Cache-Control"] == "private, no-store"
    assert "Mira Lid" in account_menu(response.content.decode())


def test_for_someone_not_logged_in_the_script_gets_a_page_for_anyone(client, site):
    response = get(client, site["group"].url, HTTP_X_SAMEN_PERSONAL="1")
    assert response.status_code == 200
    assert 'data-rendered-for="anyone"' in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Cache" not in response
    assert get(client, site["group"].url)["X-Cache"] == "MISS"


def test_a_page_the_member_may_not_read_is_not_sent_to_the_script(client, restricted):
    post, _member = restricted
    client.force_login(verified_member())
    response = get(client, post.url, HTTP_X_SAMEN_PERSONAL="1")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_pages_say_who_they_were_made_for(client, site):
    assert 'data-rendered-for="anyone"' in get(client, site["post"].url).content.decode()
    assert PERSONAL_HEADER == "X-Samen-Personal"


def test_a_page_behind_a_password_is_never_shared(client, site):
    # A reader who gave the password has only a mark in their session; Wagtail marks such
    # pages never-cache, and a page that says so is never stored.
    post = site["post"]
    restriction = PageViewRestriction.objects.create(page=post, restriction_type="password", password="geheim")
    form = get(client, post.url)
    assert "Werken aan welzijn" not in form.content.decode().split("<main", 1)[-1]
    answer = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk]),
        {"password": "geheim", "return_url": post.url},
    )
    assert answer.status_code == 302
    for _ in range(2):
        response = get(client, post.url)
        assert "Werken aan welzijn" in response.content.decode()
        assert "X-Cache" not in response
    stranger = get(type(client)(), post.url)
    assert "X-Cache" not in stranger
    assert 'name="password"' in stranger.content.decode()


# --- What a review of the cache found ---------------------------------------------------


def test_a_privacy_setting_added_later_purges_the_shared_copy(client, site):
    post = site["post"]
    warm(client, post.url)
    PageViewRestriction.objects.create(page=post, restriction_type="password", password="geheim")
    response = get(client, post.url)
    assert "X-Cache" not in response
    assert 'name="password"' in response.content.decode()


def test_closing_a_group_purges_posts_that_show_its_posts_as_related(client, site):
    reading, shown = site["unrelated"], site["post"]
    shown.tags.add("digitaal")
    shown.save_revision().publish()
    assert "Werken aan welzijn" in get(client, reading.url).content.decode()
    cache.clear()  # nothing is stored in the second after a purge
    warm(client, reading.url)
    group = site["group"]
    group.is_closed = True
    group.save_revision().publish()
    response = get(client, reading.url)
    assert "X-Cache" not in response or response["X-Cache"] == "MISS"
    assert "Werken aan welzijn" not in response.content.decode()


@pytest.mark.parametrize(
    "cookies",
    [{"csrftoken": "not-a-token"}, {"sessionid": "a-session-that-does-not-exist"}],
)
def test_an_answer_that_sets_a_cookie_is_never_public(client, site, cookies):
    post = site["post"]
    warm(client, post.url)
    for name, value in cookies.items():
        client.cookies[name] = value
    response = get(client, post.url)
    # The copy still comes from the cache, but the cookie the middleware adds makes this
    # one answer private.
    assert response["X-Cache"] == "HIT"
    assert response.cookies
    assert response["Cache-Control"] == "private, no-cache"


def test_a_page_that_took_a_form_token_is_personal(rf):
    request = rf.get("/nl/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request.COOKIES["csrftoken"] = "x" * 32
    request.META["CSRF_COOKIE"] = "x" * 32
    assert not _personal(request, HttpResponse())
    get_token(request)
    assert _personal(request, HttpResponse())


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=0", "?order=sideways", "?count=7", "?auto=yes", "?tab=admin", "?van=gisteren", "?q="],
)
def test_values_the_site_never_links_to_bypass_the_cache(client, site, query):
    url = "/nl/blogs/" + query
    for _ in range(2):
        response = get(client, url)
        assert "X-Cache" not in response, query


def test_a_made_up_reaction_cookie_bypasses_the_cache(client, site):
    client.cookies["samen_reacties"] = "sideways:7:maybe"
    for _ in range(2):
        assert "X-Cache" not in get(client, site["post"].url)


def test_query_strings_that_only_look_alike_get_their_own_copy(client, site):
    warm(client, "/nl/zoeken/?q=welzijn%26tag%3Dx")
    assert get(client, "/nl/zoeken/?q=welzijn&tag=x")["X-Cache"] == "MISS"


def test_the_port_makes_no_copy_of_its_own(client, site):
    post = site["post"]
    assert get(client, post.url, HTTP_HOST="localhost:1")["X-Cache"] == "MISS"
    assert get(client, post.url, HTTP_HOST="localhost:2")["X-Cache"] == "HIT"


def test_pages_that_are_not_shared_say_so(client, site):
    response = get(client, site["post"].url + "?utm=1")
    assert response["Cache-Control"] == "private, no-cache"


# --- Made-up addresses cannot fill the cache --------------------------------------------


def stored(prefix="samen:page:"):
    return {key: value for key, value in cache._cache.items() if prefix in key}  # noqa: SLF001 - local memory


def test_searches_asked_once_store_no_copy(client, site):
    for number in range(60):
        response = get(client, f"/nl/zoeken/?q=verzonnen{number}")
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
    assert stored() == {}
    # Only a short note of each search asked, in a bounded number of keys.
    assert 0 < len(stored("samen:asked:")) <= page_cache.ASKED_SLOTS


@pytest.mark.parametrize("query", ["?q=welzijn", "?tag=verzonnen-label", "?group=geen-groep", "?page=4711"])
def test_an_address_with_parameters_asked_again_is_served_from_the_cache(client, site, query):
    url = "/nl/zoeken/" + query if query.startswith("?q=") else "/nl/blogs/" + query
    first = get(client, url)
    assert first["X-Cache"] == "MISS"
    assert stored() == {}
    second = get(client, url)
    assert second["X-Cache"] == "MISS"
    assert len(stored()) == 1
    third = get(client, url)
    assert third["X-Cache"] == "HIT"
    assert third.content == second.content == first.content


def test_copies_of_addresses_with_parameters_stay_within_their_slots(client, site, monkeypatch):
    monkeypatch.setattr(page_cache, "VARIANT_SLOTS", 3)
    searches = [f"/nl/zoeken/?q=welzijn+{number}" for number in range(12)]
    for url in searches:
        get(client, url)
        get(client, url)
    assert len(stored()) <= 3
    # Each answer is still the page asked for, whichever search holds its slot now.
    for url in searches:
        response = get(client, url)
        assert f'value="welzijn {url.rsplit("+", 1)[1]}"' in response.content.decode(), url
    # A page's own address keeps its own key, whatever the searches did.
    warm(client, site["post"].url)
    for url in searches:
        get(client, url)
        get(client, url)
    assert is_hit(client, site["post"].url)
