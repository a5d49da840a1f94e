"""A post's address (its slug) in its group: the editor saves a new post as it is typed,
so an attempt left behind is a draft with the title's address; the next attempt with the
same title gets the next free address instead of being refused. Any other clash says
which page has the address, and links to it for whoever may open it."""

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from groups.rights import set_up_group
from tests.groups.helpers import add_member
from tests.groups.test_group_writing import add_url, post_form
from tests.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client, group):
    set_up_group(group)
    member = add_member(group, Membership.Role.MEMBER, display_name="Anouk Verbeek", email="anouk@samen.test")
    client.force_login(member)
    return member


def test_a_draft_left_behind_never_blocks_the_next_attempt(client, group, writer):
    assert client.post(add_url(group), post_form("Mijn plan", "mijn-plan", action="save")).status_code == 302
    response = client.post(add_url(group), post_form("Mijn plan", "mijn-plan", action="save"))
    assert response.status_code == 302
    assert sorted(BlogPage.objects.filter(title="Mijn plan").values_list("slug", flat=True)) == [
        "mijn-plan",
        "mijn-plan-2",
    ]
    assert client.post(add_url(group), post_form("Mijn plan", "mijn-plan", action="save")).status_code == 302
    assert BlogPage.objects.filter(slug="mijn-plan-3").exists()


def test_a_clash_with_someone_elses_post_is_refused_without_naming_what_they_may_not_open(client, group, writer):
    BlogPageFactory(parent=group, title="Geheim plan", slug="plan", access_level="owner")
    response = client.post(add_url(group), post_form("Plan", "plan", action="save"))
    assert response.status_code == 200
    assert (
        "Het adres „plan” is al in gebruik door een andere pagina hier. Kies een ander adres."
        in response.content.decode()
    )
    assert "Geheim plan" not in response.content.decode()
    assert not BlogPage.objects.filter(title="Plan").exists()


def test_a_clash_an_editor_may_open_names_the_page_and_links_to_it(client, group, superuser):
    other = BlogPageFactory(parent=group, title="Ons jaarplan", slug="jaarplan")
    client.force_login(superuser)
    response = client.post(add_url(group), post_form("Jaarplan", "jaarplan", action="save"))
    assert response.status_code == 200
    link = parse(response).find("a", href=reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert link is not None and link.get_text() == "Ons jaarplan"
    assert "Het adres „jaarplan” is al in gebruik door" in response.content.decode()


def test_renaming_an_existing_post_to_a_taken_address_is_refused(client, group, superuser):
    BlogPageFactory(parent=group, title="Eerste", slug="eerste")
    second = BlogPageFactory(parent=group, title="Tweede", slug="tweede")
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[second.pk]),
        post_form("Tweede", "eerste", author=second.author_id, action="save"),
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.slug == "tweede"


def test_autosaving_a_sitting_keeps_one_draft_and_one_history_entry(client, group, writer):
    """What the editor's autosave sends: the first save makes the draft revision, the next
    ones overwrite it, and the history groups them under one entry."""
    assert client.post(add_url(group), post_form("Ons plan", "ons-plan", action="save")).status_code == 302
    post = BlogPage.objects.get(slug="ons-plan")
    edit = reverse("wagtailadmin_pages:edit", args=[post.pk])
    revision_id = post.latest_revision_id
    for text in ("Ons plan voor", "Ons plan voor de", "Ons plan voor de zomer"):
        data = post_form(text, "ons-plan", author=writer.pk, action="save")
        response = client.post(edit, {**data, "overwrite_revision_id": revision_id}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content
        assert response.json()["success"] is True
        revision_id = response.json()["revision_id"]
    post.refresh_from_db()
    assert post.revisions.count() == 1
    assert post.get_latest_revision_as_object().title == "Ons plan voor de zomer"
    edits = PageLogEntry.objects.filter(page=post, action="wagtail.edit")
    assert edits.values("uuid").distinct().count() == 1
