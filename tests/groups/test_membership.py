"""Joining, leaving and managing a group's members through the group's own pages, the
members page, and the e-mails that go with it (join requests, decisions, new posts and
the one-click stop link). Real views, real database, real mail outbox (locmem)."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.test import Client
from django.urls import reverse

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from groups.factories import GroupPageFactory
from groups.mails import mail_members_about_post, notify_token
from groups.rights import permission_groups, set_up_group
from tests.engagement.helpers import verified_member
from tests.groups.helpers import add_member, manage_url, membership_url
from tests.helpers import nl, parse
from tests.i18n.helpers import translate

pytestmark = pytest.mark.django_db

Role = Membership.Role


# --- helpers -------------------------------------------------------------------------


def role_of(user, group):
    found = Membership.objects.filter(user=user, group_key=group.translation_key).first()
    return found.role if found else None


def rights_of(user, group):
    """(in the writers' group, in the approvers' group) for ``user`` in ``group``."""
    writers, approvers = permission_groups(group.translation_key)
    groups = set(user.groups.values_list("pk", flat=True))
    return writers.pk in groups, approvers.pk in groups


def snapshot(*groups):
    """Every membership of ``groups`` and the notify switch: compared before and after a refusal."""
    keys = [group.translation_key for group in groups]
    return sorted(
        Membership.objects.filter(group_key__in=keys).values_list("user_id", "group_key", "role", "notify_posts")
    )


def notices(response):
    return [p.get_text(" ", strip=True) for p in parse(response).select(".messages .notice")]


def problem(response):
    """The sentence on a refusal page."""
    alert = parse(response).select_one(".notice--error")
    assert alert is not None, response.content.decode()[:500]
    return alert.get_text(" ", strip=True)


def member_count_on(client, group):
    box = parse(client.get(group.url)).select_one(".membership__count")
    return int(box.get_text(strip=True).split()[0])


def member_rows(response):
    """(name, role) of each row in the members list (not the requests), in order."""
    section = parse(response).find("section", attrs={"aria-labelledby": "members-heading"})
    return [
        (li.a.get_text(strip=True), li.select_one(".member-list__role").get_text(strip=True))
        for li in section.select("li.member-list__item")
    ]


def request_names(response):
    section = parse(response).find(id="verzoeken")
    return [li.a.get_text(strip=True) for li in section.select("li.member-list__item")] if section else []


def mails_to(outbox, user):
    return [mail for mail in outbox if mail.to == [user.email]]


def assert_login_redirect(response, next_path):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query)["next"] == [next_path]


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture
def open_group(group):
    set_up_group(group)
    return group


@pytest.fixture
def closed_group(group_index):
    closed = GroupPageFactory(
        parent=group_index,
        title="Besloten Kring",
        slug="besloten-kring",
        description="Een groep waar je op verzoek lid van wordt",
        is_closed=True,
    )
    set_up_group(closed)
    return closed


@pytest.fixture
def crew_of():
    """``crew_of(group)``: an owner (Dutch), an admin who reads English and a plain member."""

    def make(group):
        tag = group.slug
        return SimpleNamespace(
            owner=add_member(group, Role.OWNER, display_name="Olga Eigenaar", email=f"olga@{tag}.test"),
            admin=add_member(group, Role.ADMIN, display_name="Adam Beheerder", email=f"adam@{tag}.test", language="en"),
            member=add_member(group, Role.MEMBER, display_name="Mila Lid", email=f"mila@{tag}.test"),
        )

    return make


@pytest.fixture
def crew(open_group, crew_of):
    return crew_of(open_group)


@pytest.fixture
def closed_crew(closed_group, crew_of):
    return crew_of(closed_group)


@pytest.fixture
def newcomer(db):
    return verified_member(display_name="Nina Nieuw", email="nina@samen.test")


@pytest.fixture
def target_with():
    """``target_with(group, role)``: one more person in ``group`` for the managers to act on."""

    def make(group, role):
        return add_member(group, role, display_name="Tim Doelwit", email="tim@samen.test")

    return make


# --- an open group -------------------------------------------------------------------


def test_joining_an_open_group_makes_a_member_at_once(client, open_group, crew, newcomer, mailoutbox):
    before = member_count_on(client, open_group)
    client.force_login(newcomer)

    response = client.post(membership_url(open_group), {"action": "join"}, follow=True)

    assert response.redirect_chain == [(open_group.url, 302)]
    assert role_of(newcomer, open_group) == Role.MEMBER
    assert rights_of(newcomer, open_group) == (True, False)
    assert notices(response) == [nl("Welcome! You are now a member of this group.")]
    assert member_count_on(client, open_group) == before + 1 == 4
    form = parse(response).select_one("form.membership__action")
    assert form.select_one("input[name=action]")["value"] == "leave"
    assert form.button.get_text(strip=True) == nl("Leave")
    assert mailoutbox == [], "joining an open group asks nobody"


def test_joining_twice_is_refused_and_changes_nothing(client, open_group, crew):
    client.force_login(crew.member)
    before = snapshot(open_group)

    response = client.post(membership_url(open_group), {"action": "join"})

    assert response.status_code == 400
    assert problem(response) == nl("You are already a member of this group.")
    assert snapshot(open_group) == before


def test_leaving_an_open_group(client, open_group, crew):
    client.force_login(crew.member)

    response = client.post(membership_url(open_group), {"action": "leave"}, follow=True)

    assert response.redirect_chain == [(open_group.url, 302)]
    assert notices(response) == [nl("You have left the group.")]
    assert role_of(crew.member, open_group) is None
    assert rights_of(crew.member, open_group) == (False, False)
    assert member_count_on(client, open_group) == 2
    assert parse(response).select_one("form.membership__action input[name=action]")["value"] == "join"


@pytest.mark.parametrize(
    "action, message",
    [("leave", "You are not a member of this group."), ("cancel", "You have no request to join this group.")],
)
def test_leaving_or_cancelling_without_a_membership_is_refused(client, open_group, crew, newcomer, action, message):
    client.force_login(newcomer)
    before = snapshot(open_group)

    response = client.post(membership_url(open_group), {"action": action})

    assert response.status_code == 400
    assert problem(response) == nl(message)
    assert snapshot(open_group) == before


def test_a_member_cannot_cancel_a_request_they_do_not_have(client, open_group, crew):
    client.force_login(crew.member)

    response = client.post(membership_url(open_group), {"action": "cancel"})

    assert response.status_code == 400
    assert role_of(crew.member, open_group) == Role.MEMBER


# --- a closed group ------------------------------------------------------------------


@pytest.fixture
def asked_to_join(client, closed_group, closed_crew, newcomer, mailoutbox):
    """The newcomer has asked to join the closed group (and the managers were mailed)."""
    client.force_login(newcomer)
    response = client.post(membership_url(closed_group), {"action": "join"}, follow=True)
    assert response.status_code == 200
    return response


def test_asking_to_join_a_closed_group_waits_for_an_answer(client, closed_group, closed_crew, newcomer, asked_to_join):
    assert role_of(newcomer, closed_group) == Role.PENDING
    assert rights_of(newcomer, closed_group) == (False, False)
    assert notices(asked_to_join) == [nl("Your request has been sent. The group's admins will answer it.")]
    box = parse(asked_to_join).select_one("form.membership__action")
    assert nl("Your request to join is waiting for an answer from the group's admins.") in box.get_text(" ", strip=True)
    assert box.select_one("input[name=action]")["value"] == "cancel"
    assert member_count_on(client, closed_group) == 3, "a request is not a member"


def test_each_manager_is_mailed_once_in_their_own_language(
    closed_group, closed_crew, newcomer, asked_to_join, mailoutbox
):
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([closed_crew.owner.email, closed_crew.admin.email])
    [to_owner] = mails_to(mailoutbox, closed_crew.owner)
    [to_admin] = mails_to(mailoutbox, closed_crew.admin)

    assert to_owner.subject == nl("Request to join %(group)s") % {"group": "Besloten Kring"}
    assert to_admin.subject == "Request to join Besloten Kring"
    assert "Hello Adam Beheerder," in to_admin.body
    assert "Nina Nieuw asks to join the group Besloten Kring" in to_admin.body
    members_page = f"/nl/groepen/besloten-kring/{closed_group.reverse_subpage('members')}"
    assert members_page in to_owner.body and members_page in to_admin.body


def test_a_second_request_is_refused(client, closed_group, closed_crew, newcomer, asked_to_join, mailoutbox):
    mailoutbox.clear()

    response = client.post(membership_url(closed_group), {"action": "join"})

    assert response.status_code == 400
    assert problem(response) == nl("Your request to join this group is already waiting for an answer.")
    assert mailoutbox == []


def test_withdrawing_a_request(client, closed_group, closed_crew, newcomer, asked_to_join):
    response = client.post(membership_url(closed_group), {"action": "cancel"}, follow=True)

    assert notices(response) == [nl("Your request has been withdrawn.")]
    assert role_of(newcomer, closed_group) is None


def test_leaving_while_the_request_waits_is_refused(client, closed_group, closed_crew, newcomer, asked_to_join):
    response = client.post(membership_url(closed_group), {"action": "leave"})

    assert response.status_code == 400
    assert role_of(newcomer, closed_group) == Role.PENDING


def test_an_accepted_request_makes_a_member_and_mails_them(
    client, closed_group, closed_crew, newcomer, asked_to_join, mailoutbox
):
    mailoutbox.clear()
    client.force_login(closed_crew.owner)

    response = client.post(manage_url(closed_group, newcomer.pk), {"action": "accept"})

    assert response.status_code == 302
    assert response["Location"] == closed_group.members_url()
    assert role_of(newcomer, closed_group) == Role.MEMBER
    assert rights_of(newcomer, closed_group) == (True, False)
    [mail] = mailoutbox
    assert mail.to == [newcomer.email]
    assert mail.subject == nl("Welcome to %(group)s") % {"group": "Besloten Kring"}
    assert "/nl/groepen/besloten-kring/" in mail.body


def test_a_refused_request_is_deleted_and_the_requester_told(
    client, closed_group, closed_crew, newcomer, asked_to_join, mailoutbox
):
    mailoutbox.clear()
    client.force_login(closed_crew.admin)

    response = client.post(manage_url(closed_group, newcomer.pk), {"action": "refuse"})

    assert response.status_code == 302
    assert role_of(newcomer, closed_group) is None
    [mail] = mailoutbox
    assert mail.to == [newcomer.email]
    assert mail.subject == nl("Your request to join %(group)s") % {"group": "Besloten Kring"}


@pytest.fixture
def members_only_post(closed_group, closed_crew):
    return BlogPageFactory(
        parent=closed_group, author=closed_crew.member, title="Alleen voor de kring", slug="alleen-voor-de-kring"
    )


def test_a_waiting_requester_cannot_read_the_groups_posts_until_accepted(
    client, closed_group, closed_crew, newcomer, asked_to_join, members_only_post
):
    client.force_login(newcomer)
    assert client.get(members_only_post.url).status_code == 404
    assert "Alleen voor de kring" not in client.get(closed_group.url).content.decode()

    owner = Client()
    owner.force_login(closed_crew.owner)
    assert owner.post(manage_url(closed_group, newcomer.pk), {"action": "accept"}).status_code == 302

    assert client.get(members_only_post.url).status_code == 200
    assert "Alleen voor de kring" in client.get(closed_group.url).content.decode()


# --- managing members ----------------------------------------------------------------


# What the manager reads afterwards: who, and what now.
DONE = {
    ("accept", Role.MEMBER): "{name} is nu lid van {group}.",
    ("refuse", None): "Het verzoek van {name} om lid te worden van {group} is geweigerd.",
    ("remove", None): "{name} is geen lid meer van {group}.",
    ("promote", Role.ADMIN): "{name} is nu beheerder van {group}.",
    ("promote", Role.OWNER): "{name} is nu eigenaar van {group}.",
    ("demote", Role.MEMBER): "{name} is nu lid van {group}.",
    ("demote", Role.ADMIN): "{name} is nu beheerder van {group}.",
}


@pytest.mark.parametrize(
    "actor, role, action, result",
    [
        ("admin", Role.PENDING, "accept", Role.MEMBER),
        ("admin", Role.PENDING, "refuse", None),
        ("admin", Role.MEMBER, "promote", Role.ADMIN),
        ("admin", Role.MEMBER, "remove", None),
        ("owner", Role.MEMBER, "promote", Role.ADMIN),
        ("owner", Role.ADMIN, "promote", Role.OWNER),
        ("owner", Role.ADMIN, "demote", Role.MEMBER),
        ("owner", Role.ADMIN, "remove", None),
        ("owner", Role.OWNER, "demote", Role.ADMIN),
    ],
)
def test_managers_change_roles_and_rights_follow(client, open_group, crew, target_with, actor, role, action, result):
    target = target_with(open_group, role)
    client.force_login(getattr(crew, actor))

    response = client.post(manage_url(open_group, target.pk), {"action": action}, follow=True)

    assert response.redirect_chain == [(open_group.members_url(), 302)]
    name, group = target.display_name, open_group.title
    assert notices(response) == [DONE[action, result].format(name=name, group=group)]
    assert role_of(target, open_group) == result
    assert rights_of(target, open_group) == (
        result in (Role.OWNER, Role.ADMIN, Role.MEMBER),
        result in (Role.OWNER, Role.ADMIN),
    )


def test_a_site_editor_manages_any_group(client, open_group, crew, superuser):
    client.force_login(superuser)

    response = client.post(manage_url(open_group, crew.admin.pk), {"action": "promote"})

    assert response.status_code == 302
    assert role_of(crew.admin, open_group) == Role.OWNER


OWNERS_ONLY = "Only an owner can change the role of an admin or an owner."
NOT_FOR_ROLE = "That cannot be done to a member with this role."
NOT_A_MANAGER = "Only the group's owners and admins can manage its members."


@pytest.mark.parametrize(
    "actor, role, action, status, message",
    [
        ("admin", Role.ADMIN, "promote", 403, OWNERS_ONLY),
        ("admin", Role.ADMIN, "demote", 403, OWNERS_ONLY),
        ("admin", Role.ADMIN, "remove", 403, OWNERS_ONLY),
        ("admin", Role.OWNER, "demote", 403, OWNERS_ONLY),
        # Nobody removes an owner outright (an owner is demoted first), so this is
        # refused for the role before it is refused for the actor.
        ("admin", Role.OWNER, "remove", 400, NOT_FOR_ROLE),
        ("owner", Role.OWNER, "remove", 400, NOT_FOR_ROLE),
        ("owner", Role.OWNER, "promote", 400, NOT_FOR_ROLE),
        ("admin", Role.MEMBER, "accept", 400, NOT_FOR_ROLE),
        ("admin", Role.MEMBER, "demote", 400, NOT_FOR_ROLE),
        ("member", Role.MEMBER, "remove", 403, NOT_A_MANAGER),
        ("member", Role.PENDING, "accept", 403, NOT_A_MANAGER),
        ("member", Role.ADMIN, "demote", 403, NOT_A_MANAGER),
        ("admin", Role.MEMBER, "ban", 400, "That is not something you can do to a member."),
        ("admin", Role.MEMBER, "", 400, "That is not something you can do to a member."),
    ],
)
def test_refused_management_changes_nothing(
    client, open_group, crew, target_with, mailoutbox, actor, role, action, status, message
):
    target = target_with(open_group, role)
    rights = rights_of(target, open_group)
    before = snapshot(open_group)
    client.force_login(getattr(crew, actor))

    response = client.post(manage_url(open_group, target.pk), {"action": action})

    assert response.status_code == status
    assert problem(response) == nl(message)
    assert snapshot(open_group) == before
    assert rights_of(target, open_group) == rights
    assert mailoutbox == []


@pytest.mark.parametrize("actor", ["owner", "admin"])
@pytest.mark.parametrize("action", ["promote", "demote", "remove", "accept", "refuse"])
def test_nobody_acts_on_themselves(client, open_group, crew, actor, action):
    me = getattr(crew, actor)
    before = snapshot(open_group)
    client.force_login(me)

    response = client.post(manage_url(open_group, me.pk), {"action": action})

    assert response.status_code == 400
    assert problem(response) == nl("You cannot change your own membership here; to go, leave the group.")
    assert snapshot(open_group) == before


def test_acting_on_someone_outside_the_group_is_not_found(client, open_group, crew, other_group, newcomer):
    set_up_group(other_group)
    elsewhere = add_member(other_group, Role.MEMBER, display_name="Eline Elders", email="eline@samen.test")
    before = snapshot(open_group, other_group)
    client.force_login(crew.owner)

    for member_id in (999999, elsewhere.pk, newcomer.pk):
        response = client.post(manage_url(open_group, member_id), {"action": "remove"})
        assert response.status_code == 404, member_id
        assert problem(response) == nl("That person is not a member of this group and has not asked to join.")

    assert snapshot(open_group, other_group) == before
    assert rights_of(elsewhere, other_group) == (True, False)


def test_a_manager_of_one_group_cannot_manage_another(client, open_group, crew, other_group):
    set_up_group(other_group)
    elsewhere = add_member(other_group, Role.MEMBER, display_name="Eline Elders", email="eline@samen.test")
    client.force_login(crew.owner)

    response = client.post(manage_url(other_group, elsewhere.pk), {"action": "remove"})

    assert response.status_code == 403
    assert role_of(elsewhere, other_group) == Role.MEMBER


@pytest.mark.parametrize("route", ["membership", "manage"])
@pytest.mark.parametrize("who", ["anonymous", "member", "owner"])
def test_the_change_routes_answer_only_post(client, open_group, crew, route, who):
    if who != "anonymous":
        client.force_login(getattr(crew, who))
    url = membership_url(open_group) if route == "membership" else manage_url(open_group, crew.member.pk)
    before = snapshot(open_group)

    response = client.get(url, {"action": "remove"})

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert snapshot(open_group) == before


@pytest.mark.parametrize(
    "who, route, action",
    [("newcomer", "membership", "join"), ("member", "membership", "leave"), ("owner", "manage", "remove")],
)
def test_a_post_without_the_security_token_is_refused(open_group, crew, newcomer, who, route, action):
    client = Client(enforce_csrf_checks=True)
    client.force_login(newcomer if who == "newcomer" else getattr(crew, who))
    url = membership_url(open_group) if route == "membership" else manage_url(open_group, crew.member.pk)
    before = snapshot(open_group)

    response = client.post(url, {"action": action})

    assert response.status_code == 403
    assert snapshot(open_group) == before


@pytest.mark.parametrize(
    "route, action", [("membership", "join"), ("membership", "leave"), ("manage", "remove"), ("manage", "promote")]
)
def test_an_anonymous_post_is_sent_to_log_in(client, open_group, crew, route, action):
    url = membership_url(open_group) if route == "membership" else manage_url(open_group, crew.member.pk)
    before = snapshot(open_group)

    response = client.post(url, {"action": action})

    assert_login_redirect(response, open_group.url)
    assert snapshot(open_group) == before


def test_the_last_owner_cannot_leave_until_there_is_another(client, open_group, crew):
    client.force_login(crew.owner)

    refused = client.post(membership_url(open_group), {"action": "leave"})

    assert refused.status_code == 400
    assert problem(refused) == nl("You are the group's only owner. Make another member owner first, then leave.")
    assert role_of(crew.owner, open_group) == Role.OWNER

    assert client.post(manage_url(open_group, crew.admin.pk), {"action": "promote"}).status_code == 302
    assert role_of(crew.admin, open_group) == Role.OWNER

    assert client.post(membership_url(open_group), {"action": "leave"}).status_code == 302
    assert role_of(crew.owner, open_group) is None
    assert rights_of(crew.owner, open_group) == (False, False)


# --- the members page ----------------------------------------------------------------


@pytest.fixture
def roster(open_group):
    """Names that sort the other way round from the roles, and a waiting request."""
    people = SimpleNamespace(
        owner=add_member(open_group, Role.OWNER, display_name="Zara Zwart", email="zara@samen.test"),
        admin=add_member(open_group, Role.ADMIN, display_name="Yusuf Yilmaz", email="yusuf@samen.test"),
        bert=add_member(open_group, Role.MEMBER, display_name="Bert Bakker", email="bert@samen.test"),
        anna=add_member(open_group, Role.MEMBER, display_name="Anna Aarts", email="anna@samen.test"),
        waiting=add_member(open_group, Role.PENDING, display_name="Wim Wachter", email="wim@samen.test"),
    )
    return people


def test_members_page_lists_owners_then_admins_then_members(client, open_group, roster):
    response = client.get(open_group.members_url())

    assert response.status_code == 200
    assert member_rows(response) == [
        ("Zara Zwart", nl("owner")),
        ("Yusuf Yilmaz", nl("admin")),
        ("Anna Aarts", nl("member")),
        ("Bert Bakker", nl("member")),
    ]
    html = parse(response)
    section = html.find("section", attrs={"aria-labelledby": "members-heading"})
    initials = [li.select_one(".avatar").get_text(strip=True) for li in section.select("li.member-list__item")]
    assert initials == ["ZZ", "YY", "AA", "BB"]
    assert html.h1.get_text(strip=True) == nl("Members of %(group)s") % {"group": "Menskracht"}
    assert "Wim Wachter" not in html.get_text()


@pytest.mark.parametrize(
    "who, sees_requests", [("anonymous", False), ("bert", False), ("admin", True), ("owner", True)]
)
def test_waiting_requests_show_only_to_managers(client, open_group, roster, who, sees_requests):
    if who != "anonymous":
        client.force_login(getattr(roster, who))

    response = client.get(open_group.members_url())

    assert response.status_code == 200
    assert request_names(response) == (["Wim Wachter"] if sees_requests else [])
    forms = parse(response).select("form.member-list__actions")
    assert bool(forms) == sees_requests, "only managers get the buttons"


def test_an_admin_gets_buttons_for_members_only_and_an_owner_for_admins_too(client, open_group, roster):
    def buttons_for(name, response):
        section = parse(response).find("section", attrs={"aria-labelledby": "members-heading"})
        [row] = [li for li in section.select("li.member-list__item") if li.a.get_text(strip=True) == name]
        return sorted(button["value"] for button in row.select("button[name=action]"))

    client.force_login(roster.admin)
    as_admin = client.get(open_group.members_url())
    assert buttons_for("Anna Aarts", as_admin) == ["promote", "remove"]
    assert buttons_for("Zara Zwart", as_admin) == []
    assert buttons_for("Yusuf Yilmaz", as_admin) == [], "no buttons on one's own row"

    client.force_login(roster.owner)
    as_owner = client.get(open_group.members_url())
    assert buttons_for("Yusuf Yilmaz", as_owner) == ["demote", "promote", "remove"]
    assert buttons_for("Zara Zwart", as_owner) == []


def test_members_page_shows_24_a_page(client, open_group, roster):
    for n in range(26):  # 4 in the roster + 26 = 30 members
        add_member(open_group, Role.MEMBER, display_name=f"Lid {n:02d}", email=f"lid{n:02d}@veel.test")

    first = client.get(open_group.members_url())
    second = client.get(open_group.members_url(), {"page": "2"})

    assert len(member_rows(first)) == 24
    assert len(member_rows(second)) == 6
    assert member_rows(first)[:2] == [("Zara Zwart", nl("owner")), ("Yusuf Yilmaz", nl("admin"))]
    names = [name for name, _ in member_rows(first) + member_rows(second)]
    assert len(set(names)) == 30, "every member appears once over the two pages"
    assert parse(second).select_one(".pagination a[aria-current=page]").get_text(strip=True) == "2"


def test_closed_groups_members_page_is_for_its_members(client, closed_group, closed_crew, newcomer, superuser):
    url = closed_group.members_url()

    assert_login_redirect(client.get(url), url)

    client.force_login(newcomer)
    refused = client.get(url)
    assert refused.status_code == 403
    assert problem(refused) == nl("Only members of this closed group can see who is in it.")
    assert "Mila Lid" not in refused.content.decode()

    Membership.objects.create(user=newcomer, group_key=closed_group.translation_key, role=Role.PENDING)
    assert client.get(url).status_code == 403, "a waiting request does not open the list"

    for insider in (closed_crew.member, superuser):
        client.force_login(insider)
        response = client.get(url)
        assert response.status_code == 200
        assert ("Mila Lid", nl("member")) in member_rows(response)


@pytest.fixture
def english_group(home, group_index, open_group, django_capture_on_commit_callbacks):
    strings = {"Groepen": "Groups", "groepen": "groups"}
    for page in (home, group_index):
        translate(page, strings, django_capture_on_commit_callbacks)
    return translate(open_group, strings, django_capture_on_commit_callbacks)


def test_the_english_members_page(client, english_group, roster):
    url = english_group.members_url()
    assert url == "/en/groups/menskracht/members/"

    response = client.get(url)

    assert response.status_code == 200
    assert parse(response).find("html")["lang"] == "en"
    assert member_rows(response)[0] == ("Zara Zwart", "owner")
    assert len(member_rows(response)) == 4


# --- mails about new posts -----------------------------------------------------------


@pytest.fixture
def readers(open_group, crew):
    """The crew (Dutch owner, English admin, Dutch member), plus the post's author, a
    member who switched the mails off, a waiting request and an outsider."""
    return SimpleNamespace(
        **vars(crew),
        author=add_member(open_group, Role.MEMBER, display_name="Anouk Auteur", email="anouk@samen.test"),
        muted=add_member(open_group, Role.MEMBER, display_name="Stijn Stil", email="stijn@samen.test"),
        waiting=add_member(open_group, Role.PENDING, display_name="Wim Wachter", email="wim@samen.test"),
        outsider=verified_member(display_name="Otto Buiten", email="otto@samen.test"),
    )


@pytest.fixture
def new_post(open_group, readers):
    Membership.objects.filter(user=readers.muted).update(notify_posts=False)
    return BlogPageFactory(parent=open_group, author=readers.author, title="Samen leren", slug="samen-leren")


def stop_path(mail):
    return urlsplit(mail.extra_headers["List-Unsubscribe"].strip("<>")).path


def test_new_post_mail_goes_to_members_who_want_it_in_their_language(open_group, readers, new_post, mailoutbox):
    mail_members_about_post(new_post, open_group)

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [readers.owner.email, readers.admin.email, readers.member.email]
    )
    [to_admin] = mails_to(mailoutbox, readers.admin)
    [to_member] = mails_to(mailoutbox, readers.member)
    assert to_admin.subject == 'New in Menskracht: "Samen leren"'
    assert 'Anouk Auteur published "Samen leren" in the group Menskracht' in to_admin.body
    assert to_member.subject == nl('New in %(group)s: "%(title)s"') % {"group": "Menskracht", "title": "Samen leren"}
    assert "/nl/groepen/menskracht/samen-leren/" in to_member.body


def test_new_post_mail_has_a_one_click_stop_link(open_group, readers, new_post, mailoutbox):
    mail_members_about_post(new_post, open_group)

    for mail in mailoutbox:
        header = mail.extra_headers["List-Unsubscribe"]
        assert header.startswith("<http") and header.endswith(">")
        assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header.strip("<>") in mail.body
        assert stop_path(mail).startswith("/lidmaatschap/stoppen/")
    assert len({stop_path(mail) for mail in mailoutbox}) == 3, "a link of their own for each member"


def test_a_members_only_post_is_mailed_only_to_those_who_may_read_it(open_group, readers, mailoutbox):
    post = BlogPageFactory(parent=open_group, author=readers.author, access_level="owner", title="Notitie")

    mail_members_about_post(post, open_group)

    assert mailoutbox == []


@pytest.fixture
def member_elsewhere_too(readers, other_group):
    """The Dutch member is also a member of the other group."""
    set_up_group(other_group)
    Membership.objects.create(user=readers.member, group_key=other_group.translation_key, role=Role.MEMBER)
    return readers.member


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_stop_link_switches_off_that_members_mails_for_that_group_only(
    open_group, other_group, readers, new_post, member_elsewhere_too, mailoutbox, method
):
    mail_members_about_post(new_post, open_group)
    [mail] = mails_to(mailoutbox, readers.member)
    client = Client(enforce_csrf_checks=True)  # a mail client: no session, no token

    data = {"List-Unsubscribe": "One-Click"} if method == "post" else None
    response = getattr(client, method)(stop_path(mail), data)

    assert response.status_code == 200
    assert nl("You will get no more e-mail about new posts in %(group)s.") % {"group": "Menskracht"} in (
        parse(response).get_text(" ", strip=True)
    )
    assert not Membership.objects.get(user=readers.member, group_key=open_group.translation_key).notify_posts
    assert Membership.objects.get(user=readers.member, group_key=other_group.translation_key).notify_posts
    assert Membership.objects.get(user=readers.owner).notify_posts, "other members keep their mails"


@pytest.mark.parametrize(
    "token",
    [
        "tampered",
        "<script>alert(1)<script>",
        "eyJ1IjoxLCJnIjoiIn0:1:2",
        "x" * 5000,
    ],
    ids=["word", "markup", "signature-shaped", "long"],
)
def test_a_forged_stop_link_is_refused(open_group, readers, token):
    before = snapshot(open_group)

    response = Client().post(reverse("group_mail_stop", args=[token]))

    assert response.status_code == 400
    assert "<script>" not in response.content.decode()
    assert snapshot(open_group) == before


def test_a_stop_link_with_one_character_changed_is_refused(open_group, readers):
    token = notify_token(readers.member, open_group.translation_key)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    before = snapshot(open_group)

    response = Client().get(reverse("group_mail_stop", args=[forged]))

    assert response.status_code == 400
    assert snapshot(open_group) == before


def test_a_token_for_another_purpose_is_refused(open_group, readers):
    token = signing.dumps({"u": readers.member.pk, "g": str(open_group.translation_key)}, compress=True)

    assert Client().get(reverse("group_mail_stop", args=[token])).status_code == 400
    assert Membership.objects.get(user=readers.member).notify_posts


def test_switching_new_post_mails_off_and_on_from_the_group_page(client, open_group, crew):
    client.force_login(crew.member)
    page = parse(client.get(open_group.url))
    assert page.select_one("form.membership__notify input[name=action]")["value"] == "notify_off"

    off = client.post(membership_url(open_group), {"action": "notify_off"}, follow=True)

    assert notices(off) == [nl("You will no longer get e-mails about new posts in this group.")]
    assert Membership.objects.get(user=crew.member).notify_posts is False
    assert parse(off).select_one("form.membership__notify input[name=action]")["value"] == "notify_on"

    on = client.post(membership_url(open_group), {"action": "notify_on"}, follow=True)

    assert notices(on) == [nl("You will get an e-mail for each new post.")]
    assert Membership.objects.get(user=crew.member).notify_posts is True


@pytest.mark.parametrize("action", ["notify_off", "notify_on"])
def test_only_members_switch_the_mails(client, closed_group, closed_crew, newcomer, action):
    Membership.objects.create(user=newcomer, group_key=closed_group.translation_key, role=Role.PENDING)
    client.force_login(newcomer)
    before = snapshot(closed_group)

    response = client.post(membership_url(closed_group), {"action": action})

    assert response.status_code == 400
    assert snapshot(closed_group) == before


# --- hostile input -------------------------------------------------------------------

HOSTILE_ACTIONS = [
    "<script>alert(1)</script>",
    "x" * 20_000,
    "JOIN",
    " join",
    "join\x00",
    "join' OR '1'='1",
    "__class__",
    "",
]


@pytest.mark.parametrize("action", HOSTILE_ACTIONS, ids=range(len(HOSTILE_ACTIONS)))
def test_hostile_own_actions_change_nothing(client, open_group, crew, newcomer, action):
    client.force_login(newcomer)
    before = snapshot(open_group)

    response = client.post(membership_url(open_group), {"action": action})

    assert response.status_code == 400
    assert problem(response) == nl("That is not something you can do in a group.")
    assert "<script>alert" not in response.content.decode()
    assert snapshot(open_group) == before


@pytest.mark.parametrize("action", HOSTILE_ACTIONS, ids=range(len(HOSTILE_ACTIONS)))
def test_hostile_management_actions_change_nothing(client, open_group, crew, action):
    client.force_login(crew.owner)
    before = snapshot(open_group)

    response = client.post(manage_url(open_group, crew.member.pk), {"action": action})

    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()
    assert snapshot(open_group) == before


def test_several_action_values_do_not_slip_past_the_rules(client, open_group, crew):
    client.force_login(crew.admin)
    before = snapshot(open_group)

    response = client.post(manage_url(open_group, crew.owner.pk), {"action": ["accept", "demote"]})

    assert response.status_code == 403
    assert snapshot(open_group) == before


def post_to_member_id(client, group, member_id):
    return client.post(f"{group.url}leden/{member_id}/", {"action": "remove"})


@pytest.mark.parametrize(
    "member_id", ["1%20OR%201=1", "-1", "0x1", "1.0", "%3Cscript%3E", "1;DROP%20TABLE%20groups_membership", "1e3"]
)
def test_hostile_member_ids_are_not_found(client, open_group, crew, member_id):
    client.force_login(crew.owner)
    before = snapshot(open_group)

    response = post_to_member_id(client, open_group, member_id)

    assert response.status_code == 404
    assert snapshot(open_group) == before


def test_a_member_id_beyond_64_bits_is_not_found(client, open_group, crew):
    client.raise_request_exception = True
    client.force_login(crew.owner)
    before = snapshot(open_group)

    response = post_to_member_id(client, open_group, "9" * 30)

    assert response.status_code == 404
    assert snapshot(open_group) == before
