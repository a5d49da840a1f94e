"""Writing in a group through the Wagtail admin: a member who joined gets into the admin
and may write (but not publish) posts under the group; the group's approval workflow
lets its admins (or the site's editors) publish them; leaving takes the rights away; and
the admin keeps posts that are not for everyone away from members who may not open them.

Everything goes through the real join endpoint, the real page editor and workflow views,
and the real admin API, explorer, chooser and search."""

import json
import re
from types import SimpleNamespace

from django.urls import reverse

from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from groups.factories import GroupPageFactory
from groups.rights import set_up_group, sync_member
from tests.engagement.helpers import member_of, verified_member
from tests.groups.helpers import add_member, manage_url, membership_url
from tests.helpers import nl

pytestmark = pytest.mark.django_db

Role = Membership.Role
ADMIN_HOME = reverse("wagtailadmin_home")


# --- helpers -------------------------------------------------------------------------


def add_url(group):
    return reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def post_form(title, slug, access_level="members", author="", **actions):
    """What the page editor posts for a new (or edited) blog post, plus ``action-*`` flags."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "teaser": "Wat we dit kwartaal samen willen bereiken.",
            "access_level": access_level,
            "author": author,
            "date_published": "",
            "hero_image": "",
            "hero_image_alt": "",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("<p>Een eerste alinea.</p>"))]),
            "related_pins": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data.update({f"action-{name}": value for name, value in actions.items()})
    return data


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def new_post_mails(outbox, title):
    subject = nl('New in %(group)s: "%(title)s"') % {"group": "Menskracht", "title": title}
    return sorted(mail.to[0] for mail in outbox if mail.subject == subject)


def refused_by_wagtail(response):
    """Wagtail's own "no permission" answer: a redirect to the admin home (with a message),
    or a 403 from views that refuse outright."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == ADMIN_HOME)


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture
def writing_group(group):
    set_up_group(group)
    return group


@pytest.fixture
def team(writing_group):
    """The group's owner and admin, and a fellow member who writes posts too."""
    return SimpleNamespace(
        owner=add_member(writing_group, Role.OWNER, display_name="Olga Eigenaar", email="olga@samen.test"),
        admin=add_member(writing_group, Role.ADMIN, display_name="Adam Beheerder", email="adam@samen.test"),
        colleague=add_member(writing_group, Role.MEMBER, display_name="Carla Collega", email="carla@samen.test"),
    )


@pytest.fixture
def site_editor(db):
    return member_of("Editors", display_name="Eva Redacteur", email="eva@samen.test")


@pytest.fixture
def moderator(db):
    return member_of("Moderators", display_name="Mo Moderator", email="mo@samen.test")


@pytest.fixture
def writer(client, writing_group, team):
    """A member who joined through the group page, and is logged in."""
    user = verified_member(display_name="Wendy Schrijver", email="wendy@samen.test")
    client.force_login(user)
    assert client.post(membership_url(writing_group), {"action": "join"}).status_code == 302
    assert Membership.objects.get(user=user).role == Role.MEMBER
    return user


@pytest.fixture
def as_user(client):
    """``as_user(user)``: the test client, now logged in as ``user``."""

    def login(user):
        client.logout()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def submitted(client, writing_group, writer):
    """A post the writer wrote and submitted to the group's workflow."""
    response = client.post(add_url(writing_group), post_form("Ons kwartaalplan", "ons-kwartaalplan", submit="1"))
    assert response.status_code == 302, response.content.decode()[:500]
    return BlogPage.objects.get(slug="ons-kwartaalplan")


# --- a member writes in their group --------------------------------------------------


def test_a_member_who_joined_gets_into_the_admin_and_the_add_view(client, writing_group, writer):
    assert client.get(ADMIN_HOME).status_code == 200

    response = client.get(add_url(writing_group))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["author"].disabled, "a member writes as themselves"
    assert form.initial["author"] == writer.pk
    assert "access_level" in form.fields


def test_a_member_cannot_write_in_a_group_they_are_not_in(client, writing_group, writer, other_group):
    set_up_group(other_group)

    response = client.get(add_url(other_group))

    assert refused_by_wagtail(response)
    client.post(add_url(other_group), post_form("Verdwaald", "verdwaald"))
    assert not BlogPage.objects.filter(slug="verdwaald").exists()


def test_an_outsider_does_not_get_into_the_admin(client, writing_group, team):
    outsider = verified_member(display_name="Otto Buiten", email="otto@samen.test")
    client.force_login(outsider)

    assert client.get(ADMIN_HOME).status_code == 302
    assert client.get(add_url(writing_group)).status_code == 302


def test_a_member_saves_a_draft_and_is_its_author_whoever_the_form_names(client, writing_group, team, writer):
    response = client.post(
        add_url(writing_group), post_form("Mijn concept", "mijn-concept", author=str(team.colleague.pk))
    )

    post = BlogPage.objects.get(slug="mijn-concept")
    assert response.status_code == 302
    assert response["Location"] == edit_url(post)
    assert not post.live
    assert post.author == writer, "the disabled author field cannot be forged"
    assert post.owner == writer
    assert post.get_parent().pk == writing_group.pk
    assert post.access_level == "members"


def test_a_member_cannot_publish_directly(client, writing_group, writer, mailoutbox):
    client.post(add_url(writing_group), post_form("Meteen live?", "meteen-live", publish="1"))

    post = BlogPage.objects.get(slug="meteen-live")
    assert not post.live
    assert post.first_published_at is None
    assert new_post_mails(mailoutbox, "Meteen live?") == []

    client.post(edit_url(post), post_form("Meteen live?", "meteen-live", publish="1"))

    post.refresh_from_db()
    assert not post.live


def test_submitting_starts_the_groups_workflow(writing_group, writer, submitted):
    assert not submitted.live
    assert submitted.workflow_in_progress
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == writer
    assert state.workflow.workflow_pages.filter(page=writing_group).exists()
    task = submitted.current_workflow_task_state.task.specific
    assert set(task.groups.values_list("name", flat=True)) >= {"Editors", "Moderators"}


@pytest.mark.parametrize(
    "approver",
    [
        "admin",
        "owner",
        "site_editor",
        "moderator",
    ],
)
def test_a_group_manager_or_site_editor_approves_and_the_members_are_mailed(
    as_user, writing_group, team, writer, site_editor, moderator, submitted, mailoutbox, approver
):
    mailoutbox.clear()
    who = {"site_editor": site_editor, "moderator": moderator}.get(approver) or getattr(team, approver)
    task_state = submitted.current_workflow_task_state

    response = as_user(who).post(approve_url(submitted, task_state), {"comment": ""})

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.workflow_in_progress
    assert submitted.author == writer
    assert new_post_mails(mailoutbox, "Ons kwartaalplan") == sorted(
        [team.owner.email, team.admin.email, team.colleague.email]
    ), "every member who wants the mails, but not the author"
    [to_colleague] = [m for m in mailoutbox if m.to == [team.colleague.email] and "Ons kwartaalplan" in m.subject]
    assert to_colleague.subject == nl('New in %(group)s: "%(title)s"') % {
        "group": "Menskracht",
        "title": "Ons kwartaalplan",
    }
    assert "List-Unsubscribe" in to_colleague.extra_headers


def test_a_plain_member_cannot_approve(as_user, writing_group, team, writer, submitted, mailoutbox):
    mailoutbox.clear()
    task_state = submitted.current_workflow_task_state

    response = as_user(team.colleague).post(approve_url(submitted, task_state), {"comment": ""})

    assert response.status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_in_progress
    assert new_post_mails(mailoutbox, "Ons kwartaalplan") == []


def test_the_author_cannot_approve_their_own_post(client, writing_group, writer, submitted):
    task_state = submitted.current_workflow_task_state

    client.post(approve_url(submitted, task_state), {"comment": ""})

    submitted.refresh_from_db()
    assert not submitted.live


# --- editing own and others' posts ---------------------------------------------------


@pytest.fixture
def colleagues_post(writing_group, team):
    post = BlogPageFactory(
        parent=writing_group,
        author=team.colleague,
        owner=team.colleague,
        title="Verslag van Carla",
        slug="verslag-van-carla",
        access_level="public",
    )
    post.save_revision(user=team.colleague)
    return post


def latest_title(page):
    return BlogPage.objects.get(pk=page.pk).get_latest_revision_as_object().title


def test_a_member_edits_their_own_post(client, writing_group, writer):
    client.post(add_url(writing_group), post_form("Eerste versie", "eerste-versie"))
    post = BlogPage.objects.get(slug="eerste-versie")

    assert client.get(edit_url(post)).status_code == 200
    response = client.post(edit_url(post), post_form("Tweede versie", "eerste-versie"))

    assert response.status_code == 302
    assert latest_title(post) == "Tweede versie"


def test_a_member_cannot_edit_another_members_post(client, writing_group, writer, colleagues_post):
    assert refused_by_wagtail(client.get(edit_url(colleagues_post)))

    response = client.post(edit_url(colleagues_post), post_form("Overgenomen", "verslag-van-carla"))

    assert refused_by_wagtail(response)
    colleagues_post.refresh_from_db()
    assert colleagues_post.title == "Verslag van Carla"
    assert latest_title(colleagues_post) == "Verslag van Carla"


def test_a_group_admin_edits_the_groups_posts(as_user, writing_group, team, colleagues_post):
    client = as_user(team.admin)

    response = client.post(edit_url(colleagues_post), post_form("Verslag, bijgewerkt", "verslag-van-carla"))

    assert response.status_code == 302
    assert latest_title(colleagues_post) == "Verslag, bijgewerkt"


# --- leaving takes the rights away ---------------------------------------------------


@pytest.mark.parametrize("how", ["leaves", "is removed"])
def test_leaving_or_being_removed_takes_the_writing_rights_away(client, as_user, writing_group, team, writer, how):
    client.post(add_url(writing_group), post_form("Van voor het vertrek", "van-voor-het-vertrek"))
    own_post = BlogPage.objects.get(slug="van-voor-het-vertrek")

    if how == "leaves":
        assert client.post(membership_url(writing_group), {"action": "leave"}).status_code == 302
    else:
        assert as_user(team.admin).post(manage_url(writing_group, writer.pk), {"action": "remove"}).status_code == 302
        as_user(writer)

    assert not Membership.objects.filter(user=writer).exists()
    assert client.get(add_url(writing_group)).status_code == 302
    assert client.get(ADMIN_HOME).status_code == 302, "no way into the admin any more"
    client.post(add_url(writing_group), post_form("Na het vertrek", "na-het-vertrek"))
    assert not BlogPage.objects.filter(slug="na-het-vertrek").exists()
    client.post(edit_url(own_post), post_form("Nog even aangepast", "van-voor-het-vertrek"))
    assert latest_title(own_post) == "Van voor het vertrek"


def test_a_member_promoted_to_admin_may_edit_the_groups_posts(as_user, writing_group, team, writer, colleagues_post):
    assert as_user(team.owner).post(manage_url(writing_group, writer.pk), {"action": "promote"}).status_code == 302

    response = as_user(writer).get(edit_url(colleagues_post))

    assert response.status_code == 200


# --- the admin guard -----------------------------------------------------------------

WORD = "Kwartaalplan"


@pytest.fixture
def colleagues_posts(writing_group, team):
    """Three posts by the colleague: for the group's members, for herself only, and public.
    Each has two revisions (for the revisions views)."""

    def make(level, title, slug):
        post = BlogPageFactory(
            parent=writing_group,
            author=team.colleague,
            owner=team.colleague,
            title=title,
            slug=slug,
            access_level=level,
        )
        post.save_revision(user=team.colleague)
        post.title = f"{title} (bijgewerkt)"
        post.save_revision(user=team.colleague)
        return post

    return SimpleNamespace(
        members=make("members", f"{WORD} voor de leden", "kwartaalplan-leden"),
        owner=make("owner", f"{WORD} in concept", "kwartaalplan-concept"),
        public=make("public", f"{WORD} voor iedereen", "kwartaalplan-iedereen"),
    )


def admin_addresses(post):
    """(method, address) of admin views that name ``post``."""
    first, second = post.revisions.order_by("pk").values_list("pk", flat=True)[:2]
    return {
        "edit": ("get", edit_url(post)),
        "preview": ("get", reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk])),
        "view_draft": ("get", reverse("wagtailadmin_pages:view_draft", args=[post.pk])),
        "revisions": ("get", reverse("wagtailadmin_pages:revisions_index", args=[post.pk])),
        "revision": ("get", reverse("wagtailadmin_pages:revisions_view", args=[post.pk, first])),
        "compare": ("get", reverse("wagtailadmin_pages:revisions_compare", args=[post.pk, first, second])),
        "history": ("get", reverse("wagtailadmin_pages:history", args=[post.pk])),
        "workflow_history": ("get", reverse("wagtailadmin_pages:workflow_history", args=[post.pk])),
        "usage": ("get", reverse("wagtailadmin_pages:usage", args=[post.pk])),
        "copy": ("get", reverse("wagtailadmin_pages:copy", args=[post.pk])),
        "translate": ("get", f"/admin/localize/submit/page/{post.pk}/"),
        "move": ("get", reverse("wagtailadmin_pages:move", args=[post.pk])),
        "delete": ("get", reverse("wagtailadmin_pages:delete", args=[post.pk])),
        "delete_post": ("post", reverse("wagtailadmin_pages:delete", args=[post.pk])),
        "unpublish_post": ("post", reverse("wagtailadmin_pages:unpublish", args=[post.pk])),
        "lock_post": ("post", reverse("wagtailadmin_pages:lock", args=[post.pk])),
        "api": ("get", f"/admin/api/main/pages/{post.pk}/"),
    }


# Every address above but "compare", which the guard misses (see below).
ADDRESS_NAMES = [
    "edit",
    "preview",
    "view_draft",
    "revisions",
    "revision",
    "history",
    "workflow_history",
    "usage",
    "copy",
    "translate",
    "move",
    "delete",
    "delete_post",
    "unpublish_post",
    "lock_post",
    "api",
]


def open_in_admin(client, post, name):
    method, address = admin_addresses(post)[name]
    return getattr(client, method)(address)


def assert_untouched(post, title):
    post.refresh_from_db()
    assert post.live
    assert not post.locked
    assert post.title == title


@pytest.mark.parametrize("level", ["members", "owner"])
@pytest.mark.parametrize("name", ADDRESS_NAMES)
def test_the_guard_refuses_another_members_restricted_post(client, writer, colleagues_posts, level, name):
    post = getattr(colleagues_posts, level)
    title = BlogPage.objects.get(pk=post.pk).title

    response = open_in_admin(client, post, name)

    assert response.status_code == 403
    assert WORD not in response.content.decode()
    assert_untouched(post, title)


@pytest.mark.parametrize("level", ["members", "owner"])
def test_revisions_compare_of_a_restricted_post_is_refused(client, writer, colleagues_posts, level):
    response = open_in_admin(client, getattr(colleagues_posts, level), "compare")

    assert refused_by_wagtail(response)
    assert WORD not in response.content.decode()


def test_the_guard_itself_refuses_revisions_compare(client, writer, colleagues_posts):
    response = open_in_admin(client, colleagues_posts.members, "compare")

    assert response.status_code == 403


# Admin addresses that name a post otherwise than by ``page_id``: opened at it, or picking it.
AT_OR_PICKING = {
    "explorer": lambda pk: reverse("wagtailadmin_explore", args=[pk]),
    "explorer_results": lambda pk: reverse("wagtailadmin_explore_results", args=[pk]),
    "chooser": lambda pk: reverse("wagtailadmin_choose_page_child", args=[pk]),
    "chosen_multiple": lambda pk: f"{reverse('wagtailadmin_choose_page_chosen_multiple')}?id={pk}",
    "bulk_delete": lambda pk: f"/admin/bulk/wagtailcore/page/delete/?id={pk}",
    "bulk_move": lambda pk: f"/admin/bulk/wagtailcore/page/move/?id={pk}",
    "bulk_unpublish": lambda pk: f"/admin/bulk/wagtailcore/page/unpublish/?id={pk}",
}


@pytest.mark.parametrize("level", ["members", "owner"])
@pytest.mark.parametrize("name", list(AT_OR_PICKING))
def test_views_opened_at_or_picking_a_restricted_post_do_not_show_it(
    client, team, writer, colleagues_posts, level, name
):
    post = getattr(colleagues_posts, level)
    post.title = "Geheim concept"
    post.save_revision(user=team.colleague)

    response = client.get(AT_OR_PICKING[name](post.pk))

    body = response.content.decode()
    assert response.status_code == 403 or (WORD not in body and "Geheim concept" not in body)


@pytest.mark.parametrize("name", ["edit", "history", "revisions", "api", "copy", "usage"])
def test_the_guard_lets_a_public_post_through_to_wagtails_own_checks(client, writer, colleagues_posts, name):
    response = open_in_admin(client, colleagues_posts.public, name)

    assert response.status_code != 403, "refused by the guard, not by Wagtail's page permissions"


@pytest.mark.parametrize("who", ["author", "group_admin", "site_editor"])
@pytest.mark.parametrize("level", ["members", "owner"])
@pytest.mark.parametrize("name", ["edit", "preview", "history", "revisions", "compare", "api"])
def test_the_guard_lets_the_author_managers_and_editors_through(
    as_user, team, site_editor, colleagues_posts, who, level, name
):
    user = {"author": team.colleague, "group_admin": team.admin, "site_editor": site_editor}[who]
    post = getattr(colleagues_posts, level)

    response = open_in_admin(as_user(user), post, name)

    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert response["Location"] != ADMIN_HOME, "refused by Wagtail's own permissions"


@pytest.fixture
def closed_writing_group(group_index, writer):
    closed = GroupPageFactory(parent=group_index, title="Besloten Kring", slug="besloten-kring", is_closed=True)
    set_up_group(closed)
    author = add_member(closed, Role.MEMBER, display_name="Kees Kring", email="kees@samen.test")
    Membership.objects.create(user=writer, group_key=closed.translation_key, role=Role.MEMBER)
    sync_member(writer, closed.translation_key)
    post = BlogPageFactory(
        parent=closed, author=author, owner=author, title=f"{WORD} van de kring", slug="kring", access_level="public"
    )
    post.save_revision(user=author)
    post.save_revision(user=author)
    return SimpleNamespace(group=closed, post=post)


@pytest.mark.parametrize("name", ["edit", "preview", "history", "revisions", "copy", "api"])
def test_the_guard_refuses_any_post_of_a_closed_group_to_other_members(client, closed_writing_group, name):
    response = open_in_admin(client, closed_writing_group.post, name)

    assert response.status_code == 403


# --- listings leave restricted posts out ---------------------------------------------


def titles_in_api_listing(client, group):
    response = client.get("/admin/api/main/pages/", {"child_of": group.pk, "for_explorer": 1})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def listing_text(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


LISTINGS = {
    "api": lambda client, group: " ".join(titles_in_api_listing(client, group)),
    "explorer": lambda client, group: listing_text(client, reverse("wagtailadmin_explore", args=[group.pk])),
    "chooser": lambda client, group: listing_text(client, reverse("wagtailadmin_choose_page_child", args=[group.pk])),
    "search": lambda client, group: listing_text(client, reverse("wagtailadmin_pages:search"), {"q": WORD}),
    "search_results": lambda client, group: listing_text(
        client, reverse("wagtailadmin_pages:search_results"), {"q": WORD}
    ),
}


@pytest.mark.parametrize("listing", list(LISTINGS))
def test_admin_listings_leave_out_what_a_member_may_not_open(client, writing_group, writer, colleagues_posts, listing):
    shown = LISTINGS[listing](client, writing_group)

    assert f"{WORD} voor iedereen" in shown
    assert f"{WORD} voor de leden" not in shown
    assert f"{WORD} in concept" not in shown


@pytest.mark.parametrize("who", ["author", "group_admin", "site_editor"])
@pytest.mark.parametrize("listing", list(LISTINGS))
def test_admin_listings_show_everything_to_author_managers_and_editors(
    as_user, writing_group, team, site_editor, colleagues_posts, who, listing
):
    user = {"author": team.colleague, "group_admin": team.admin, "site_editor": site_editor}[who]

    shown = LISTINGS[listing](as_user(user), writing_group)

    for title in (f"{WORD} voor iedereen", f"{WORD} voor de leden", f"{WORD} in concept"):
        assert title in shown, (title, listing)


LINK = re.compile(r"https?://[^\s\"'<>]+")


def test_every_link_in_the_workflows_mails_is_on_the_sites_address(
    client, as_user, writing_group, team, writer, mailoutbox, settings, django_capture_on_commit_callbacks
):
    """Submitting a post and approving it mails the approvers, the author and the group:
    Wagtail's own mails and the site's, every link on SITE_BASE_URL."""
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(writing_group), post_form("Ons kwartaalplan", "ons-kwartaalplan", submit="1"))
        post = BlogPage.objects.get(slug="ons-kwartaalplan")
        as_user(team.owner).post(approve_url(post, post.current_workflow_task_state), {"comment": "Mooi stuk."})
    links = [(mail.subject, link) for mail in mailoutbox for link in LINK.findall(mail.body)]
    for mail in mailoutbox:
        links += [(mail.subject, link) for html, _type in mail.alternatives for link in LINK.findall(html)]
    assert {subject for subject, _link in links}, "the mails have links"
    assert [entry for entry in links if not entry[1].startswith(settings.SITE_BASE_URL)] == []
