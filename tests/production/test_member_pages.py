"""Members' pages from their audience's shell (pagecache/personal_parts.py): every member gets
exactly the page that would have been rendered for them, their own parts fresh, and
nothing of another member."""

import pickle
import re

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from access.audience import Audience
from access.models import Membership
from access.policy import AccessLevel
from blog.factories import BlogPageFactory
from engagement.following import follow
from engagement.ratings import cast_vote
from pagecache.personal_parts import CSRF_PLACEHOLDER, shared_text
from tests.engagement.helpers import make_reaction, verified_member
from tests.groups.helpers import add_member

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# What differs between two renders of the same page for the same member: the masked
# security token and the time stamp of the reaction forms.
VOLATILE = re.compile(r'name="(csrfmiddlewaretoken|timestamp|security_hash)" value="[^"]*"')


@pytest.fixture
def site(group, other_group, blog_index):
    post = BlogPageFactory(parent=group, title="Werken aan welzijn", slug="werken-aan-welzijn", tags=["welzijn"])
    BlogPageFactory(parent=group, title="Ook in Menskracht", slug="ook-in-menskracht", tags=["welzijn"])
    cache.clear()
    return {"post": post, "group": group, "other_group": other_group, "blog_index": blog_index}


def member_client(user):
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def fresh(client, url):
    """The page rendered whole for this member, as without a shell."""
    with override_settings(MEMBER_PAGE_CACHE=False):
        response = get(client, url)
    assert "X-Cache" not in response
    return response


def same_page(first, second):
    return VOLATILE.sub("", first.content.decode()) == VOLATILE.sub("", second.content.decode())


def shells():
    return {key: value for key, value in cache._cache.items() if "samen:shell:" in key}  # noqa: SLF001 - local memory


@pytest.fixture
def two_readers(site):
    """Two plain members of the post's group: one audience."""
    group = site["group"]
    anna = add_member(group, Membership.Role.MEMBER, display_name="Anna Aardig", email="anna@samen.test")
    bram = add_member(group, Membership.Role.MEMBER, display_name="Bram Bakker", email="bram@samen.test")
    settled()
    return anna, bram


def settled():
    """Forget the purges of the set-up: a page rendered within a second of a purge is not
    stored (pagecache/middleware.py), and these tests look at what is."""
    cache.clear()


def test_two_readers_of_the_same_groups_share_one_shell(site, two_readers):
    anna, bram = two_readers
    assert Audience(anna).plain and Audience(anna).key == Audience(bram).key
    url = site["post"].url
    assert get(member_client(anna), url)["X-Cache"] == "MISS"
    assert get(member_client(bram), url)["X-Cache"] == "HIT"
    assert len(shells()) == 1


@pytest.mark.parametrize("url_of", [lambda s: s["post"].url, lambda s: s["group"].url, lambda s: s["blog_index"].url])
def test_a_page_from_the_shell_is_the_page_rendered_for_that_member(site, two_readers, url_of):
    anna, bram = two_readers
    post = site["post"]
    make_reaction(post, anna, "Anna schreef dit.")
    make_reaction(post, bram, "Bram schreef dat.")
    cast_vote(bram, post, 4)
    cast_vote(bram, site["group"], 2)
    follow(bram, post)
    settled()
    url = url_of(site)
    get(member_client(anna), url)
    bram_client = member_client(bram)
    served = get(bram_client, url)
    assert served["X-Cache"] == "HIT"
    assert same_page(served, fresh(bram_client, url))
    body = served.content.decode()
    assert "Bram Bakker" in body
    assert "samen-part" not in body
    assert CSRF_PLACEHOLDER not in body


def test_nothing_of_the_member_who_made_the_shell_reaches_the_next(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    own = make_reaction(post, anna, "Anna schreef dit.")
    cast_vote(anna, post, 5)
    follow(anna, post)
    settled()
    anna_page = get(member_client(anna), post.url).content.decode()
    assert 'value="5" checked' in anna_page
    assert "Stop following" in anna_page or "Niet meer volgen" in anna_page
    assert reverse("engagement:edit", args=[own.pk]) in anna_page

    bram_page = get(member_client(bram), post.url)
    assert bram_page["X-Cache"] == "HIT"
    body = bram_page.content.decode()
    assert "checked" not in body.split("data-rating-form", 1)[1].split("</form>", 1)[0]
    assert reverse("engagement:edit", args=[own.pk]) not in body
    assert reverse("engagement:flag", args=[own.pk]) in body
    # Anna's name is in the page only as the author of her reaction, not as the reader.
    account = body.split('class="account-menu"', 1)[1].split("</nav>", 1)[0]
    assert "Bram Bakker" in account and "Anna Aardig" not in account


def test_each_member_gets_a_working_token_of_their_own(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    get(member_client(anna), post.url)
    bram_client = Client(HTTP_USER_AGENT=BROWSER, enforce_csrf_checks=True)
    bram_client.force_login(bram)
    page = get(bram_client, post.url)
    assert page["X-Cache"] == "HIT"
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()))
    assert len(tokens) == 1 and CSRF_PLACEHOLDER not in tokens
    answer = bram_client.post(
        reverse("rate", args=[post.pk]), {"csrfmiddlewaretoken": tokens.pop(), "score": "3", "next": post.url}
    )
    assert answer.status_code == 302
    assert 'value="3" checked' in get(bram_client, post.url).content.decode()


def test_no_shell_holds_a_token_or_a_readers_name(site, two_readers):
    anna, _bram = two_readers
    make_reaction(site["post"], _bram, "Bram schreef dat.")
    settled()
    get(member_client(anna), site["post"].url)
    for entry in shells().values():
        text = shared_text(_segments(entry))
        assert "Anna Aardig" not in text
        assert all(value == CSRF_PLACEHOLDER for value in re.findall(r'csrfmiddlewaretoken" value="([^"]*)"', text))


def _segments(raw):
    return pickle.loads(raw)["segments"]  # noqa: S301 - our own test cache


def test_own_changes_show_at_once(site, two_readers):
    anna, _bram = two_readers
    post = site["post"]
    client = member_client(anna)
    get(client, post.url)
    assert get(client, post.url)["X-Cache"] == "HIT"
    cast_vote(anna, post, 2)
    follow(anna, post)
    page = get(client, post.url)
    assert page["X-Cache"] == "MISS"  # the vote purged the post
    body = page.content.decode()
    assert 'value="2" checked' in body
    assert same_page(page, fresh(client, post.url))


def test_a_new_reaction_purges_the_shells_too(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    get(member_client(anna), post.url)
    make_reaction(post, anna, "Een verse reactie van vandaag.")
    page = get(member_client(bram), post.url)
    assert page["X-Cache"] == "MISS"
    assert "Een verse reactie van vandaag." in page.content.decode()


def test_members_of_other_groups_never_see_a_members_only_post_from_a_shell(site, two_readers):
    anna, _bram = two_readers
    group = site["group"]
    BlogPageFactory(parent=group, title="Alleen voor leden", slug="alleen-voor-leden", access_level=AccessLevel.MEMBERS)
    assert "Alleen voor leden" in get(member_client(anna), group.url).content.decode()
    outsider = add_member(site["other_group"], Membership.Role.MEMBER, display_name="Olga Buiten")
    page = get(member_client(outsider), group.url)
    assert page["X-Cache"] == "MISS"
    assert "Alleen voor leden" not in page.content.decode()


def test_joining_a_group_changes_the_audience(site, two_readers):
    anna, _bram = two_readers
    group = site["group"]
    BlogPageFactory(parent=group, title="Alleen voor leden", slug="alleen-voor-leden", access_level=AccessLevel.MEMBERS)
    newcomer = verified_member(display_name="Nina Nieuw")
    client = member_client(newcomer)
    assert "Alleen voor leden" not in get(client, group.url).content.decode()
    Membership.objects.create(user=newcomer, group_key=group.translation_key, role=Membership.Role.MEMBER)
    assert "Alleen voor leden" in get(client, group.url).content.decode()


@pytest.mark.parametrize("power", ["author", "manager", "editor", "staff"])
def test_authors_managers_and_editors_have_shells_of_their_own(site, two_readers, power):
    anna, _bram = two_readers
    group = site["group"]
    person = add_member(group, Membership.Role.MEMBER, display_name="Piet Macht")
    if power == "author":
        BlogPageFactory(
            parent=group, title="Alleen voor mij", slug="alleen-voor-mij", access_level=AccessLevel.OWNER, author=person
        )
    elif power == "manager":
        Membership.objects.filter(user=person).update(role=Membership.Role.ADMIN)
    elif power == "editor":
        person.groups.add(Group.objects.get(name="Moderators"))
    else:
        person.is_staff = True
        person.save()
    audience = Audience(person)
    assert not audience.plain and audience.key == f"member:{person.pk}"
    assert Audience(anna).key != audience.key
    client = member_client(person)
    for url in (group.url, site["post"].url):
        get(client, url)
        assert same_page(get(client, url), fresh(client, url))


def test_an_authors_own_restricted_post_stays_theirs(site, two_readers):
    anna, bram = two_readers
    group = site["group"]
    BlogPageFactory(
        parent=group, title="Mijn concept", slug="mijn-concept", access_level=AccessLevel.OWNER, author=anna
    )
    assert "Mijn concept" in get(member_client(anna), group.url).content.decode()
    assert "Mijn concept" not in get(member_client(bram), group.url).content.decode()


def test_a_page_behind_a_group_restriction_is_never_stored_for_members(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    insiders = Group.objects.create(name="Ingewijden")
    anna.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(page=post, restriction_type="groups")
    restriction.groups.add(insiders)
    cache.clear()
    assert "Werken aan welzijn" in get(member_client(anna), post.url).content.decode()
    assert not shells()
    refused = member_client(bram).get(post.url)
    assert "Werken aan welzijn" not in refused.content.decode().split("<main", 1)[-1]


def test_a_page_with_a_message_is_rendered_whole_and_not_stored(site, two_readers):
    anna, _bram = two_readers
    post = site["post"]
    client = member_client(anna)
    client.post(reverse("rate", args=[post.pk]), {"score": "4", "next": post.url})
    page = get(client, post.url)
    assert "X-Cache" not in page
    assert not shells()


@pytest.mark.parametrize(
    "text", ["<!--samen-part-0000:account:e30=-->", "samen-token-" + "0" * 32, '"><script>alert(1)</script>']
)
def test_reaction_text_cannot_pose_as_a_part_or_a_token(site, two_readers, text):
    anna, bram = two_readers
    post = site["post"]
    make_reaction(post, anna, text)
    settled()
    get(member_client(anna), post.url)
    page = get(member_client(bram), post.url)
    assert page["X-Cache"] == "HIT"
    body = page.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert same_page(page, fresh(member_client(bram), post.url))


def test_switched_off_every_member_page_is_rendered_whole(site, two_readers):
    anna, _bram = two_readers
    client = member_client(anna)
    with override_settings(MEMBER_PAGE_CACHE=False):
        for _ in range(2):
            assert "X-Cache" not in get(client, site["post"].url)
    assert not shells()


def test_a_member_page_from_the_shell_takes_as_many_queries_however_many_reactions(site, two_readers):
    anna, bram = two_readers
    post = site["post"]

    def queries():
        settled()
        get(member_client(anna), post.url)
        client = member_client(bram)
        get(client, post.url)
        with CaptureQueriesContext(connection) as captured:
            assert get(client, post.url)["X-Cache"] == "HIT"
        return len(captured)

    few = queries()
    for number in range(30):
        make_reaction(post, anna if number % 2 else bram, f"Reactie {number}")
    assert queries() == few
    # The session, its member, their audience, their vote and whether they follow the post.
    assert few == 5


REACTION_ACTIONS = "engagement/reaction_actions.html"


def parts_rendered(response):
    """The part templates a page from the shell rendered (the test client records each)."""
    return [template.name for template in response.templates]


def test_a_page_from_the_shell_renders_only_the_readers_own_parts_however_many_reactions(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    carla = add_member(site["group"], Membership.Role.MEMBER, display_name="Carla Cornelis")
    make_reaction(post, anna, "Anna schreef dit.")

    def rendered():
        settled()
        get(member_client(bram), post.url)
        page = get(member_client(carla), post.url)
        assert page["X-Cache"] == "HIT"
        return sorted(parts_rendered(page))

    few = rendered()
    # The account menu, the bell, the stars and the follow button: the reactions' actions
    # are the audience's, kept in the shell.
    assert REACTION_ACTIONS not in few and len(few) == 4
    # Neither Bram's, whose request makes the shell, nor Carla's, who reads it.
    for number in range(30):
        make_reaction(post, anna, f"Reactie {number}")
    assert rendered() == few


def test_the_author_of_a_reaction_gets_its_actions_rendered_from_anothers_shell(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    own = make_reaction(post, anna, "Anna schreef dit.")
    make_reaction(post, bram, "Bram schreef dat.")
    settled()
    get(member_client(bram), post.url)
    anna_client = member_client(anna)
    page = get(anna_client, post.url)
    assert page["X-Cache"] == "HIT"
    # Hers, and Bram's: the shell has his reaction's actions as they were rendered for
    # him, who made it, and keeps none for the rest of the audience.
    assert parts_rendered(page).count(REACTION_ACTIONS) == 2
    body = page.content.decode()
    assert reverse("engagement:edit", args=[own.pk]) in body
    assert reverse("engagement:flag", args=[own.pk]) not in body
    assert same_page(page, fresh(anna_client, post.url))


def test_a_shell_keeps_no_part_rendered_for_the_member_it_names(site, two_readers):
    anna, bram = two_readers
    post = site["post"]
    own = make_reaction(post, anna, "Anna schreef dit.")
    others = make_reaction(post, bram, "Bram schreef dat.")
    settled()
    get(member_client(anna), post.url)
    (entry,) = shells().values()
    parts = _parts(entry)
    actions = {arguments["reaction"]: audience for name, arguments, audience in parts if name == "reaction-actions"}
    assert actions[own.pk] is None
    assert reverse("engagement:flag", args=[others.pk]) in actions[others.pk]
    assert CSRF_PLACEHOLDER in actions[others.pk]
    kept = "".join(audience or "" for _name, _arguments, audience in parts)
    assert reverse("engagement:edit", args=[own.pk]) not in kept
    # Bram's page from Anna's shell: the actions on his reaction and on hers rendered for him.
    page = get(member_client(bram), post.url)
    assert page["X-Cache"] == "HIT"
    assert parts_rendered(page).count(REACTION_ACTIONS) == 2
    body = page.content.decode()
    assert reverse("engagement:edit", args=[others.pk]) in body
    assert reverse("engagement:edit", args=[own.pk]) not in body
    assert reverse("engagement:flag", args=[own.pk]) in body


def _parts(raw):
    return [segment for segment in _segments(raw) if not isinstance(segment, str)]


def test_an_audience_takes_one_query_and_none_for_staff(site, two_readers, django_assert_num_queries):
    anna, _bram = two_readers
    with django_assert_num_queries(1):
        audience = Audience(anna)
    assert audience.plain
    anna.is_staff = True
    with django_assert_num_queries(0):
        assert Audience(anna).key == f"member:{anna.pk}"


def test_shells_made_under_another_secret_key_are_not_used(site, two_readers, monkeypatch):
    anna, bram = two_readers
    get(member_client(anna), site["post"].url)
    monkeypatch.setattr("pagecache.personal_parts.CSRF_PLACEHOLDER", "samen-token-" + "1" * 32)
    assert get(member_client(bram), site["post"].url)["X-Cache"] == "MISS"


def test_a_members_search_is_kept_as_a_shell_only_once_asked_again(site, two_readers):
    anna, bram = two_readers
    for number in range(20):
        assert get(member_client(anna), f"/nl/zoeken/?q=verzonnen{number}")["X-Cache"] == "MISS"
    assert shells() == {}
    url = "/nl/zoeken/?q=welzijn"
    assert get(member_client(anna), url)["X-Cache"] == "MISS"
    assert get(member_client(bram), url)["X-Cache"] == "MISS"
    assert len(shells()) == 1
    assert get(member_client(bram), url)["X-Cache"] == "HIT"
