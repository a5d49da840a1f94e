"""Mentions: the suggestions while typing ``@`` name only members who may read the post,
a mention links to a reader's profile and stays plain text for anyone else, and
``mentioned_members`` says whom a reaction mentions."""

from django.test.utils import override_settings

import pytest
from bs4 import BeautifulSoup

from access.models import Membership
from access.policy import AccessLevel
from blog.factories import BlogPageFactory
from engagement.markup import mentioned_ids, plain_text, render_reaction
from engagement.mentions import SUGGESTIONS, mentioned_members, readers_of

from .helpers import make_reaction, member_of, soup, verified_member

pytestmark = pytest.mark.django_db


def suggest_url(page):
    return f"/reacties/noemen/{page.pk}/"


def names(response):
    assert response.status_code == 200, response.content
    return [member["name"] for member in response.json()["members"]]


def mention(member):
    return f"@[{member.display_name}]({member.pk})"


@pytest.fixture
def closed_post(closed_group, author):
    Membership.objects.create(user=author, group_key=closed_group.translation_key)
    return BlogPageFactory(parent=closed_group, author=author, title="Binnenkant")


@pytest.fixture
def insider(closed_group):
    member = verified_member(display_name="Anke Binnen")
    Membership.objects.create(user=member, group_key=closed_group.translation_key)
    return member


@pytest.fixture
def outsider(db):
    return verified_member(display_name="Anke Buiten")


@pytest.fixture
def pending(closed_group):
    member = verified_member(display_name="Anke Wachtend")
    Membership.objects.create(user=member, group_key=closed_group.translation_key, role=Membership.Role.PENDING)
    return member


# The suggestions


def test_members_are_suggested_by_name_beginning_first(client, post, member, other_member):
    verified_member(display_name="Corrie de Vries")
    verified_member(display_name="Jan Cor")
    client.force_login(member)
    assert names(client.get(suggest_url(post), {"q": "cor"})) == ["Corrie de Vries", "Jan Cor", "Lid Cor"]


def test_at_most_a_handful(client, post, member):
    for n in range(SUGGESTIONS + 4):
        verified_member(display_name=f"Sanne {n:02d}")
    client.force_login(member)
    assert len(names(client.get(suggest_url(post), {"q": "sanne"}))) == SUGGESTIONS


def test_inactive_members_and_oneself_are_not_suggested(client, post, member, other_member):
    gone = verified_member(display_name="Lid Vertrokken")
    gone.is_active = False
    gone.save()
    client.force_login(member)
    assert names(client.get(suggest_url(post), {"q": "lid"})) == ["Lid Cor"]


def test_a_closed_groups_post_suggests_its_members_only(
    client, closed_post, author, insider, outsider, pending, superuser
):
    client.force_login(insider)
    found = names(client.get(suggest_url(closed_post), {"q": "an"}))
    assert "Auteur Annet" in found
    assert "Anke Buiten" not in found and "Anke Wachtend" not in found
    # The site's editors read it too, but the group's form does not tell who they are.
    assert "Redactie Samen" not in names(client.get(suggest_url(closed_post), {"q": "redactie"}))


def test_an_outsider_cannot_ask_about_a_closed_groups_post(client, closed_post, outsider):
    client.force_login(outsider)
    assert client.get(suggest_url(closed_post), {"q": "an"}).status_code == 404


def test_an_owner_only_post_suggests_nobody_but_the_owner(client, group, author, superuser, member):
    secret = BlogPageFactory(parent=group, author=author, access_level=AccessLevel.OWNER)
    client.force_login(superuser)
    assert names(client.get(suggest_url(secret), {"q": "a"})) == ["Auteur Annet"]
    client.force_login(author)
    assert names(client.get(suggest_url(secret), {"q": "a"})) == []
    client.force_login(member)
    assert client.get(suggest_url(secret), {"q": "a"}).status_code == 404


def test_a_group_members_post_in_an_open_group(client, group, author, member, other_member):
    post = BlogPageFactory(parent=group, author=author, access_level=AccessLevel.MEMBERS)
    Membership.objects.create(user=member, group_key=group.translation_key)
    client.force_login(member)
    assert names(client.get(suggest_url(post), {"q": "annet"})) == ["Auteur Annet"]
    client.force_login(other_member)
    assert client.get(suggest_url(post), {"q": "l"}).status_code == 404


def test_only_members_who_may_react_may_ask(client, closed_group, author, superuser):
    post = BlogPageFactory(parent=closed_group, author=author, access_level=AccessLevel.PUBLIC)
    reader = verified_member(display_name="Alleen Lezer")
    client.force_login(reader)
    assert client.get(suggest_url(post), {"q": "a"}).status_code == 404


def test_anonymous_is_sent_to_log_in(client, post):
    response = client.get(suggest_url(post), {"q": "lid"})
    assert response.status_code == 302
    assert "next=" in response["Location"]


@pytest.mark.parametrize("typed", ["", "   ", "\n"])
def test_an_empty_query_finds_nobody(client, post, member, typed):
    client.force_login(member)
    assert names(client.get(suggest_url(post), {"q": typed})) == []
    assert names(client.get(suggest_url(post))) == []


@pytest.mark.parametrize(
    "typed",
    ["%", "_", "' OR 1=1 --", "<script>alert(1)</script>", "Lid%' UNION SELECT email FROM accounts_user --", "🙂"],
)
def test_hostile_queries_find_nothing_and_break_nothing(client, post, member, typed):
    client.force_login(member)
    response = client.get(suggest_url(post), {"q": typed})
    assert names(response) == []
    assert "<script>" not in response.content.decode()


def test_an_oversized_query_is_400(client, post, member):
    client.force_login(member)
    response = client.get(suggest_url(post), {"q": "a" * 51})
    assert response.status_code == 400
    assert "50" in response.json()["message"]


def test_control_characters_are_400(client, post, member):
    client.force_login(member)
    assert client.get(suggest_url(post), {"q": "Lid\x00Cor"}).status_code == 400


@pytest.mark.parametrize("address", ["/reacties/noemen/0/", "/reacties/noemen/99999999999999999999/"])
def test_unknown_pages_are_404(client, member, address):
    client.force_login(member)
    assert client.get(address, {"q": "lid"}).status_code == 404


def test_only_get(client, post, member):
    client.force_login(member)
    assert client.post(suggest_url(post), {"q": "lid"}).status_code == 405


def test_lookups_are_rate_limited(client, post, member, monkeypatch):
    monkeypatch.setattr("engagement.mention_views.LOOKUPS_PER_MINUTE", 3)
    client.force_login(member)
    statuses = [client.get(suggest_url(post), {"q": "lid"}).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[-1] == 429


# How a mention is shown


def html_of(text, mentions=None):
    return BeautifulSoup(str(render_reaction(text, mentions)), "html.parser")


def test_a_readers_mention_links_to_their_profile():
    link = html_of("Dank je @[Bram](12)!", {12: "Lid Bram"}).find("a", class_="mention")
    assert link.get_text() == "@Lid Bram"
    assert link["href"].endswith("/leden/12/")


def test_anyone_elses_mention_is_plain_text():
    html = html_of("Dank je @[Bram](12)!", {13: "Iemand"})
    assert html.find("a") is None
    assert html.get_text().strip() == "Dank je @Bram!"


def test_names_cannot_inject_markup():
    typed = html_of("@[<img src=x onerror=alert(1)>](12)")
    assert typed.find("img") is None and "<img" in typed.get_text()
    linked = html_of("@[x](12)", {12: '"><script>alert(1)</script>'})
    assert linked.find("script") is None
    assert linked.find("a").get_text() == '@"><script>alert(1)</script>'


def test_typed_markers_are_dropped():
    html = str(render_reaction("\ue00012\ue001<b>x</b>\ue002", {12: "Lid Bram"}))
    assert "mention" not in html and "<b>" not in html


def test_a_mention_inside_a_link_stays_text():
    html = html_of("[zie @[Bram](12)](https://samen.example/)", {12: "Lid Bram"})
    assert [a["href"] for a in html.find_all("a")] == ["https://samen.example/"]
    assert mentioned_ids("[zie @[Bram](12)](https://samen.example/)") == []


def test_mentioned_ids_in_order_without_repeats_or_impossible_ids():
    text = "@[A](3) en @[B](1), nogmaals @[A](3), en @[X](9999999999) en @[](4) en @[Y](abc)"
    assert mentioned_ids(text) == [3, 1]


def test_plain_text_shows_mentions_as_typed():
    assert plain_text("Hoi @[Lid Bram](12), kijk") == "Hoi @Lid Bram, kijk"


def test_the_post_page_links_readers_and_not_others(client, closed_post, author, insider, outsider):
    text = f"Vraag aan {mention(insider)} en {mention(outsider)}"
    reaction = make_reaction(closed_post, author, text)
    client.force_login(insider)
    with override_settings(PAGE_CACHE_SECONDS=0):
        body = soup(client.get(closed_post.url)).select_one(f"#reactie-{reaction.pk} .reaction__body")
    links = body.select("a.mention")
    assert [a.get_text() for a in links] == ["@Anke Binnen"]
    assert "@Anke Buiten" in body.get_text()


# Whom a reaction mentions


def test_mentioned_members_are_the_readers_in_order(closed_post, author, insider, outsider, pending):
    gone = verified_member(display_name="Weg")
    Membership.objects.create(user=gone, group_key=closed_post.get_parent().translation_key)
    gone.is_active = False
    gone.save()
    text = " ".join(mention(m) for m in (outsider, insider, pending, gone, author, insider))
    reaction = make_reaction(closed_post, author, text)
    assert mentioned_members(reaction, closed_post) == [insider]


def test_mentioned_members_on_a_public_post(post, member, other_member):
    reaction = make_reaction(post, member, f"{mention(other_member)} en {mention(member)}")
    assert mentioned_members(reaction, post) == [other_member]
    assert mentioned_members(make_reaction(post, member, "Niemand"), post) == []


def test_an_editor_may_read_and_is_mentioned(closed_post, author):
    moderator = member_of("Moderators", display_name="Mo Derator")
    reaction = make_reaction(closed_post, author, mention(moderator))
    assert mentioned_members(reaction, closed_post) == [moderator]


def test_readers_of_an_unpublished_post_are_nobody(post, member):
    post.unpublish()
    post.refresh_from_db()
    assert not readers_of(post).exists()
