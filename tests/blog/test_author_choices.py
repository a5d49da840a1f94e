"""The Author field of a post offers the people who may write in its group: its members
and the site's editors, and whoever already wrote the post. Anyone else is refused."""

from django.urls import reverse

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from groups.rights import set_up_group
from tests.engagement.helpers import member_of, verified_member
from tests.groups.helpers import add_member
from tests.groups.test_group_writing import post_form
from tests.helpers import parse

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def people(group, other_group):
    set_up_group(group)
    return {
        "owner": add_member(group, Role.OWNER, display_name="Olga Eigenaar", email="olga@samen.test"),
        "member": add_member(group, Role.MEMBER, display_name="Carla Collega", email="carla@samen.test"),
        "pending": add_member(group, Role.PENDING, display_name="Pim Wachtend", email="pim@samen.test"),
        "outsider": add_member(other_group, Role.MEMBER, display_name="Otto Anders", email="otto@samen.test"),
        "reader": verified_member(display_name="Rita Lezer", email="rita@samen.test"),
        "editor": member_of("Editors", display_name="Eva Redacteur", email="eva@samen.test"),
    }


def author_choices(client, url):
    return [option.get_text(strip=True) for option in parse(client.get(url)).select("select[name=author] option")][1:]


def test_a_new_post_offers_the_groups_members_and_the_editors(client, superuser, group, people):
    client.force_login(superuser)
    shown = author_choices(client, reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk]))
    assert shown == ["Carla Collega", "Eva Redacteur", "Olga Eigenaar", "Redactie Samen"]


def test_a_post_keeps_its_author_among_the_choices_after_they_left(client, superuser, group, people):
    post = BlogPageFactory(parent=group, author=people["reader"])
    client.force_login(superuser)
    shown = author_choices(client, reverse("wagtailadmin_pages:edit", args=[post.pk]))
    assert "Rita Lezer" in shown
    assert "Otto Anders" not in shown and "Pim Wachtend" not in shown


@pytest.mark.parametrize("who", ["outsider", "pending", "reader"])
def test_someone_who_may_not_write_there_is_refused_as_author(client, superuser, group, people, who):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk])
    response = client.post(url, post_form("Door een ander", "door-een-ander", author=people[who].pk, publish="1"))
    assert response.status_code == 200
    assert "author" in response.context["form"].errors
    assert not BlogPage.objects.filter(slug="door-een-ander").exists()


def test_a_member_of_the_group_may_be_chosen(client, superuser, group, people):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk])
    response = client.post(url, post_form("Door Carla", "door-carla", author=people["member"].pk, publish="1"))
    assert response.status_code == 302
    assert BlogPage.objects.get(slug="door-carla").author == people["member"]
