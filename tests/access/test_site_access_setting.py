"""The closed-site switch, now the access app's, is where an administrator looks for it in
the admin (Instellingen › Site access), and closing the site there closes it."""

from django.test import Client

from wagtail.models import Site

import pytest

from access.models import SiteAccess
from access.policy import AccessLevel
from blog.factories import BlogPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def test_the_setting_opens_at_the_access_apps_address(editor, home):
    site = Site.objects.get(is_default_site=True)
    response = editor.get(f"/admin/settings/access/siteaccess/{site.pk}/")
    assert response.status_code == 200
    assert 'name="closed"' in response.content.decode()
    assert editor.get(f"/admin/settings/home/siteaccess/{site.pk}/").status_code == 404


def test_closing_the_site_in_the_admin_asks_readers_to_log_in(editor, group):
    post = BlogPageFactory(parent=group, access_level=AccessLevel.PUBLIC)
    site = Site.objects.get(is_default_site=True)
    assert Client().get(post.url).status_code == 200
    response = editor.post(f"/admin/settings/access/siteaccess/{site.pk}/", {"closed": "on"})
    assert response.status_code == 302
    assert SiteAccess.site_is_closed()
    answer = Client().get(post.url)
    assert answer.status_code == 302
    assert "/account/login/" in answer["Location"]


def test_the_admin_menu_names_the_setting(editor, home):
    menu = editor.get("/admin/").content.decode()
    assert "/admin/settings/access/siteaccess/" in menu
