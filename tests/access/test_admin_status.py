"""The admin's status side panel says who may read a blog post by its access level, in
the site's words, the level that applies (a closed group narrows it) included; Wagtail's
own privacy item speaks for the pages that have no access level."""

from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from blog.factories import BlogPageFactory
from tests.helpers import parse

pytestmark = pytest.mark.django_db


def status_panel(client, url):
    soup = parse(client.get(url))
    heading = soup.find(id="status-sidebar-access")
    return " ".join(heading.find_parent("section").get_text(" ").split()) if heading else None


def edit(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.mark.parametrize(
    ("level", "title", "meaning"),
    [
        ("members", "Groepsleden", "alleen de leden van Menskracht (en de redactie)"),
        ("public", "Iedereen (publiek zichtbaar)", "kan iedereen het lezen"),
        ("logged_in", "Aangemelde gebruikers", "iedereen die is aangemeld"),
        ("owner", "Alleen eigenaar", "Alleen de auteur en de redactie"),
    ],
)
def test_a_posts_access_level_is_what_the_panel_says(client, superuser, group, level, title, meaning):
    client.force_login(superuser)
    post = BlogPageFactory(parent=group, access_level=level)
    shown = status_panel(client, edit(post))
    assert f"Wie het kan lezen: {title}" in shown
    assert meaning in shown
    assert "Zichtbaar voor iedereen" not in shown


def test_in_a_closed_group_the_panel_says_the_level_that_applies_and_why(client, superuser, closed_group):
    client.force_login(superuser)
    post = BlogPageFactory(parent=closed_group, access_level="public")
    shown = status_panel(client, edit(post))
    assert "Wie het kan lezen: Groepsleden" in shown
    assert "Vertrouwelijk is een gesloten groep: „Iedereen (publiek zichtbaar)” geldt daar als „Groepsleden”" in shown


@pytest.mark.parametrize(
    ("in_group", "title"), [("group", "Iedereen (publiek zichtbaar)"), ("closed_group", "Groepsleden")]
)
def test_a_new_post_shows_the_level_it_starts_with_in_its_group(client, superuser, request, in_group, title):
    client.force_login(superuser)
    parent = request.getfixturevalue(in_group)
    shown = status_panel(client, reverse("wagtailadmin_pages:add", args=["blog", "blogpage", parent.pk]))
    assert f"Wie het kan lezen: {title}" in shown


def test_a_page_without_an_access_level_keeps_wagtails_own_privacy_item(client, superuser, group):
    client.force_login(superuser)
    response = client.get(edit(group))
    assert status_panel(client, edit(group)) is None
    assert "Zichtbaar voor iedereen" in response.content.decode()


def test_in_english_the_panel_speaks_english(client, superuser, group):
    UserProfile.get_for_user(superuser).__class__.objects.filter(user=superuser).update(preferred_language="en")
    client.force_login(superuser)
    shown = status_panel(client, edit(BlogPageFactory(parent=group, access_level="members")))
    assert "Who can read it: Group members" in shown
    assert "only the members of Menskracht" in shown


def live_tags(response):
    """The "Live" tags in the editor's header that are not hidden: (aria-label, tooltip)."""
    tags = parse(response).select("a.page-status-tag")
    return [
        (tag["aria-label"], tag.get("data-w-tooltip-content-value")) for tag in tags if "w-hidden" not in tag["class"]
    ]


def test_the_headers_live_tag_says_the_posts_access_level(client, superuser, group):
    client.force_login(superuser)
    post = BlogPageFactory(parent=group, access_level="members")
    post.save_revision().publish()
    response = client.get(edit(post))
    assert live_tags(response) == [("Groepsleden. Bekijk de live-versie.", "Groepsleden")]
    assert "Zichtbaar voor iedereen" not in response.content.decode()


def test_a_page_without_an_access_level_keeps_wagtails_live_tags(client, superuser, group):
    client.force_login(superuser)
    group.save_revision().publish()
    response = client.get(edit(group))
    assert live_tags(response) == [("Zichtbaar voor iedereen. Bekijk de live-versie.", "Zichtbaar voor iedereen")]
    hidden = parse(response).select("a.page-status-tag.w-hidden")
    assert [tag["data-w-zone-switch-key-value"] for tag in hidden] == ["!isPublic"]


def test_the_admin_sends_no_editors_address_to_gravatar(client, superuser, group):
    client.force_login(superuser)
    page = client.get(edit(group)).content.decode()
    assert "gravatar" not in page


def test_the_headers_actions_are_named_in_the_admins_language(client, superuser, group):
    client.force_login(superuser)
    assert parse(client.get(edit(group))).select_one("#w-slim-header-buttons")["aria-label"] == "Pagina-acties"
