"""The "Reacties" listing in the Wagtail admin: filters, search, hide and restore."""

from django.contrib.auth.models import Group

import pytest
from django_comments.models import CommentFlag

from accounts.factories import UserFactory
from engagement.models import Reaction

from .helpers import make_reaction, soup, thread_ids

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/reactions/"


@pytest.fixture
def reactions(post, other_post, member, other_member):
    """Four reactions: two on each post, one removed, one reported."""
    plain = make_reaction(post, member, "Gewone reactie over tuinieren")
    removed = make_reaction(post, other_member, "Weggehaalde reactie", is_removed=True)
    reported = make_reaction(other_post, member, "Gemelde reactie met scheldwoord")
    elsewhere = make_reaction(other_post, other_member, "Reactie over fietsen")
    CommentFlag.objects.create(user=other_member, comment=reported, flag=CommentFlag.SUGGEST_REMOVAL)
    return {"plain": plain, "removed": removed, "reported": reported, "elsewhere": elsewhere}


def listed(client, **params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    rows = soup(response).select("table.listing tbody tr")
    return {row.select_one("td").get_text(" ", strip=True) for row in rows}


def test_superuser_sees_every_reaction(client, superuser, reactions):
    client.force_login(superuser)
    assert listed(client) == {r.comment for r in reactions.values()}


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"is_removed": "true"}, {"removed"}),
        ({"is_removed": "false"}, {"plain", "reported", "elsewhere"}),
        ({"flagged": "true"}, {"reported"}),
        ({"flagged": "false"}, {"plain", "removed", "elsewhere"}),
        ({"q": "fietsen"}, {"elsewhere"}),
        ({"q": "reactie over"}, {"plain", "elsewhere"}),
    ],
)
def test_filters_and_search_narrow_the_list(client, superuser, reactions, params, expected):
    client.force_login(superuser)
    assert listed(client, **params) == {reactions[key].comment for key in expected}


def test_filter_by_post(client, superuser, reactions, post, other_post):
    client.force_login(superuser)
    assert listed(client, post=post.pk) == {reactions["plain"].comment, reactions["removed"].comment}
    assert listed(client, post=other_post.pk) == {reactions["reported"].comment, reactions["elsewhere"].comment}


def test_filter_by_author(client, superuser, reactions, member, other_member):
    client.force_login(superuser)
    assert listed(client, user=member.pk) == {reactions["plain"].comment, reactions["reported"].comment}
    assert listed(client, user=other_member.pk) == {reactions["removed"].comment, reactions["elsewhere"].comment}


def test_listing_links_each_reaction_to_its_edit_view(client, superuser, reactions):
    client.force_login(superuser)
    html = soup(client.get(LIST_URL))
    hrefs = {a["href"] for a in html.select("table.listing tbody a[href]")}
    assert {f"/admin/reactions/edit/{r.pk}/" for r in reactions.values()} <= hrefs


def test_hiding_and_restoring_from_the_edit_view(client, superuser, post, reactions):
    reaction = reactions["plain"]
    client.force_login(superuser)
    edit = f"/admin/reactions/edit/{reaction.pk}/"
    assert client.get(edit).status_code == 200

    response = client.post(edit, {})  # both boxes unticked: hidden, not removed
    assert response.status_code == 302
    reaction.refresh_from_db()
    assert not reaction.is_public and not reaction.is_removed
    client.logout()
    page = client.get(post.url)
    assert reaction.pk not in thread_ids(page)
    assert reaction.comment not in page.content.decode()

    client.force_login(superuser)
    client.post(edit, {"is_public": "on"})
    reaction.refresh_from_db()
    assert reaction.is_public
    client.logout()
    assert reaction.pk in thread_ids(client.get(post.url))


def test_the_edit_view_cannot_change_the_text(client, superuser, reactions):
    reaction = reactions["plain"]
    client.force_login(superuser)
    client.post(f"/admin/reactions/edit/{reaction.pk}/", {"is_public": "on", "comment": "Vervalst"})
    reaction.refresh_from_db()
    assert reaction.comment == "Gewone reactie over tuinieren"


def test_there_is_no_add_view(client, superuser, reactions):
    client.force_login(superuser)
    for response in (client.get("/admin/reactions/new/"), client.post("/admin/reactions/new/", {"is_public": "on"})):
        assert response.status_code in (302, 403, 404)
        assert soup(response).select_one("form#w-editor-form") is None
    assert Reaction.objects.count() == 4
    assert soup(client.get(LIST_URL)).select_one('a[href="/admin/reactions/new/"]') is None


def test_a_wagtail_moderator_can_moderate(client, reactions):
    moderator = UserFactory(email="moderator@samen.test")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert len(listed(client)) == 4
    reaction = reactions["plain"]
    assert client.post(f"/admin/reactions/edit/{reaction.pk}/", {}).status_code == 302
    reaction.refresh_from_db()
    assert not reaction.is_public
    response = client.get("/admin/reactions/new/")
    assert response.status_code in (302, 403)


def test_an_ordinary_member_cannot_open_it(client, member, reactions):
    client.force_login(member)
    response = client.get(LIST_URL)
    assert response.status_code in (302, 403)
    assert client.post(f"/admin/reactions/edit/{reactions['plain'].pk}/", {}).status_code in (302, 403)
    reactions["plain"].refresh_from_db()
    assert reactions["plain"].is_public


def test_hiding_a_reaction_with_replies_leaves_a_placeholder_and_the_replies(client, superuser, post, member):
    parent = make_reaction(post, member, "Reactie die te ver gaat")
    visible_reply = make_reaction(post, member, "Antwoord dat blijft", parent=parent)
    hidden_reply = make_reaction(post, member, "Antwoord dat al verborgen was", parent=parent)
    client.force_login(superuser)
    client.post(f"/admin/reactions/edit/{hidden_reply.pk}/", {})
    client.post(f"/admin/reactions/edit/{parent.pk}/", {})

    visible_reply.refresh_from_db()
    assert visible_reply.is_public, "hiding one reaction must not hide its replies"
    client.logout()
    page = client.get(post.url)
    html = page.content.decode()
    assert "Reactie verborgen door een moderator" in html
    assert "Reactie die te ver gaat" not in html
    assert "Antwoord dat blijft" in html

    # Restoring the parent restores only the parent: the reply hidden on its own stays hidden.
    client.force_login(superuser)
    client.post(f"/admin/reactions/edit/{parent.pk}/", {"is_public": "on"})
    hidden_reply.refresh_from_db()
    assert not hidden_reply.is_public
    client.logout()
    html = client.get(post.url).content.decode()
    assert "Reactie die te ver gaat" in html
    assert "Antwoord dat al verborgen was" not in html
