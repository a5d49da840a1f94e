"""Members mark reactions as helpful ("Nuttig"): one like each, undone at will, never their
own, only on reactions they can read; the count is on every reaction, the pressed button
the member's own."""

from django.test.utils import override_settings
from django.utils import translation

import pytest
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG

from access.models import Membership
from access.policy import AccessLevel
from blog.factories import BlogPageFactory
from engagement.likes import count_text
from pagecache.labels import LABEL_PREFIX, versions

from .helpers import make_reaction, minutes_ago, soup, verified_member

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def in_dutch(number):
    with translation.override("nl"):
        return count_text(number)


def like_url(reaction):
    return f"/reacties/{reaction.pk}/nuttig/"


def likes_of(reaction):
    return CommentFlag.objects.filter(comment_id=reaction.pk, flag=LIKEDIT_FLAG).count()


@pytest.fixture
def reaction(post, author):
    return make_reaction(post, author, "Een nuttige reactie.")


def test_a_like_counts_once_per_member(client, post, reaction, member, other_member):
    client.force_login(member)
    for _ in range(3):
        response = client.post(like_url(reaction), {"action": "like", "next": post.url})
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#reactie-{reaction.pk}"
    assert likes_of(reaction) == 1
    client.force_login(other_member)
    client.post(like_url(reaction), {"action": "like", "next": post.url})
    assert likes_of(reaction) == 2


def test_a_like_is_undone(client, post, reaction, member):
    client.force_login(member)
    client.post(like_url(reaction), {"action": "like"})
    client.post(like_url(reaction), {"action": "unlike"})
    assert likes_of(reaction) == 0
    # Undoing what was never done changes nothing and is no error.
    assert client.post(like_url(reaction), {"action": "unlike"}).status_code == 302
    assert likes_of(reaction) == 0


def test_in_place_the_answer_is_the_new_count(client, post, reaction, member, other_member):
    client.force_login(other_member)
    client.post(like_url(reaction), {"action": "like"})
    client.force_login(member)
    answer = client.post(like_url(reaction), {"action": "like"}, **FETCH)
    assert answer.status_code == 200
    body = answer.json()
    assert body["liked"] is True and body["count"] == 2
    assert body["count_text"] == in_dutch(2)
    body = client.post(like_url(reaction), {"action": "unlike", "next": "/en/"}, **FETCH).json()
    assert body == {"liked": False, "count": 1, "count_text": "1 member found this helpful", "message": body["message"]}


def test_own_reaction_is_refused(client, post, reaction, author):
    client.force_login(author)
    response = client.post(like_url(reaction), {"action": "like", "next": "/en/"})
    assert response.status_code == 403
    assert "your own reaction" in response.content.decode()
    assert client.post(like_url(reaction), {"action": "like"}, **FETCH).status_code == 403
    assert likes_of(reaction) == 0


def test_a_post_the_member_cannot_read_is_404(client, group, author, member):
    secret = BlogPageFactory(parent=group, author=author, access_level=AccessLevel.OWNER)
    reaction = make_reaction(secret, author, "Alleen voor mij")
    client.force_login(member)
    assert client.post(like_url(reaction), {"action": "like"}).status_code == 404
    assert likes_of(reaction) == 0


def test_a_closed_groups_post_is_404_for_outsiders(client, closed_group, author, member):
    post = BlogPageFactory(parent=closed_group, author=author)
    reaction = make_reaction(post, author, "Binnen de groep")
    client.force_login(member)
    assert client.post(like_url(reaction), {"action": "like"}).status_code == 404
    Membership.objects.create(user=member, group_key=closed_group.translation_key)
    assert client.post(like_url(reaction), {"action": "like"}).status_code == 302
    assert likes_of(reaction) == 1


def test_hidden_and_removed_reactions_are_refused(client, post, author, member):
    hidden = make_reaction(post, author, "Verborgen", is_public=False)
    removed = make_reaction(post, author, "Verwijderd", is_removed=True)
    client.force_login(member)
    assert client.post(like_url(hidden), {"action": "like"}).status_code == 404
    assert client.post(like_url(removed), {"action": "like"}).status_code == 403
    assert likes_of(hidden) == likes_of(removed) == 0


def test_anonymous_is_sent_to_log_in(client, reaction):
    response = client.post(like_url(reaction), {"action": "like"})
    assert response.status_code == 302
    assert "/account" in response["Location"] or "login" in response["Location"]
    assert likes_of(reaction) == 0


def test_only_post_and_a_token(client, reaction, member):
    client.force_login(member)
    assert client.get(like_url(reaction)).status_code == 405
    strict = client.__class__(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(like_url(reaction), {"action": "like"}).status_code == 403
    assert likes_of(reaction) == 0


@pytest.mark.parametrize(
    "address",
    [
        "/reacties/0/nuttig/",
        "/reacties/99999999999999999999/nuttig/",
        "/reacties/-1/nuttig/",
        "/reacties/abc/nuttig/",
        "/reacties/1%20OR%201=1/nuttig/",
        "/reacties/%3Cscript%3E/nuttig/",
    ],
)
def test_hostile_ids_are_404(client, member, address):
    client.force_login(member)
    assert client.post(address, {"action": "like"}).status_code == 404


@pytest.mark.parametrize("action", ["", "toggle", "<script>alert(1)</script>", "like' OR 1=1", "x" * 5000])
def test_unknown_actions_are_400(client, post, reaction, member, action):
    client.force_login(member)
    response = client.post(like_url(reaction), {"action": action or "none", "next": post.url})
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.content.decode()
    assert likes_of(reaction) == 0


def test_a_hostile_next_stays_on_the_site(client, reaction, member):
    client.force_login(member)
    response = client.post(like_url(reaction), {"action": "like", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/")


def test_liking_quickly_is_throttled(client, post, author, member, monkeypatch):
    monkeypatch.setattr("engagement.like_views.LIKES_PER_MINUTE", 2)
    reactions = [make_reaction(post, author, f"Reactie {n}") for n in range(3)]
    client.force_login(member)
    statuses = [client.post(like_url(r), {"action": "like"}, **FETCH).status_code for r in reactions]
    assert statuses[-1] == 429


def test_the_page_shows_counts_to_everyone_and_the_pressed_button_to_the_member(
    client, post, author, member, other_member
):
    liked = make_reaction(post, author, "Eerste", when=minutes_ago(3))
    not_liked = make_reaction(post, author, "Tweede", when=minutes_ago(2))
    own = make_reaction(post, member, "Van mezelf", when=minutes_ago(1))
    for who in (member, other_member):
        CommentFlag.objects.create(user=who, comment_id=liked.pk, flag=LIKEDIT_FLAG)
    CommentFlag.objects.create(user=other_member, comment_id=own.pk, flag=LIKEDIT_FLAG)

    with override_settings(PAGE_CACHE_SECONDS=0):
        page = soup(client.get(post.url))
        assert page.select_one(f"#reactie-{liked.pk} [data-like-count]").get_text() == in_dutch(2)
        assert page.select_one(f"#reactie-{not_liked.pk} [data-like-count]").get_text() == ""
        assert page.select("[data-like-button]") == []

        client.force_login(member)
        page = soup(client.get(post.url))
    assert page.select_one(f"#reactie-{liked.pk} [data-like-button]")["aria-pressed"] == "true"
    assert page.select_one(f"#reactie-{not_liked.pk} [data-like-button]")["aria-pressed"] == "false"
    assert page.select_one(f"#reactie-{own.pk} [data-like-button]") is None
    assert page.select_one(f"#reactie-{own.pk} [data-like-count]").get_text() == in_dutch(1)
    form = page.select_one(f"#reactie-{liked.pk} [data-like-form]")
    assert form.select_one("input[name=action]")["value"] == "unlike"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_a_like_purges_the_posts_copies(client, post, reaction, member):
    label = f"page:{post.translation_key}"
    before = versions([label])[LABEL_PREFIX + label]
    client.force_login(member)
    client.post(like_url(reaction), {"action": "like"})
    liked = versions([label])[LABEL_PREFIX + label]
    assert liked != before
    client.post(like_url(reaction), {"action": "unlike"})
    assert versions([label])[LABEL_PREFIX + label] != liked


def test_reports_are_not_likes(client, post, reaction, member):
    client.force_login(member)
    client.post(f"/reacties/{reaction.pk}/melden/")
    with override_settings(PAGE_CACHE_SECONDS=0):
        page = soup(client.get(post.url))
    assert page.select_one(f"#reactie-{reaction.pk} [data-like-count]").get_text() == ""


def test_a_liked_reaction_can_still_be_deleted(post, reaction, member):
    CommentFlag.objects.create(user=member, comment_id=reaction.pk, flag=LIKEDIT_FLAG)
    reaction.delete()
    assert likes_of(reaction) == 0


def test_a_new_member_sees_the_button_unpressed(client, post, reaction):
    newcomer = verified_member(display_name="Nieuw Lid")
    client.force_login(newcomer)
    with override_settings(PAGE_CACHE_SECONDS=0):
        page = soup(client.get(post.url))
    assert page.select_one(f"#reactie-{reaction.pk} [data-like-button]")["aria-pressed"] == "false"


def test_the_button_follows_the_members_own_likes(client, post, reaction, member):
    client.force_login(member)

    def pressed():
        with override_settings(PAGE_CACHE_SECONDS=0):
            page = soup(client.get(post.url))
        return page.select_one(f"#reactie-{reaction.pk} [data-like-button]")["aria-pressed"]

    assert pressed() == "false"
    client.post(like_url(reaction), {"action": "like"})
    assert pressed() == "true"
    client.post(like_url(reaction), {"action": "unlike"})
    assert pressed() == "false"
