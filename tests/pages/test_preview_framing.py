"""The admin frames its previews (the live preview panel and the checks panel); nothing
else may frame a page of the site. The preview answer, rendered through the site's own
middleware, may be framed by the site's own origin only."""

from django.urls import reverse

import pytest

from blog.factories import BlogPageFactory
from tests.groups.test_group_writing import post_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(group, superuser):
    post = BlogPageFactory(parent=group, title="In de maak", author=superuser)
    post.save_revision(user=superuser).publish()
    return post


def preview(client, post):
    """What the admin does: post the editor's form to the preview address, then load it."""
    address = reverse("wagtailadmin_pages:preview_on_edit", args=[post.pk])
    form = post_form(post.title, post.slug, access_level="public", author=post.author_id)
    assert client.post(address, form).json()["is_valid"]
    return client.get(address, {"mode": "", "in_preview_panel": "true"})


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_preview_may_be_framed_by_the_admin_only(client, superuser, post):
    client.force_login(superuser)
    response = preview(client, post)
    assert response.status_code == 200
    assert b"In de maak" in response.content
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The rest of the policy is the site's own, not loosened.
    assert directives(response)["script-src"] == ["'self'"]
    assert directives(response)["object-src"] == ["'none'"]


def test_the_page_itself_may_be_framed_by_nobody(client, post):
    response = client.get(post.url)
    assert response.status_code == 200
    assert directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_the_preview_carries_wagtails_checker_for_whoever_previews(client, superuser, post):
    client.force_login(superuser)
    assert b"wagtail-userbar" in preview(client, post).content
