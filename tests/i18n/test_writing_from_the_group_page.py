"""Posts are written in Dutch and translated from there: "New blog post" on the English
page of a group opens the editor under the Dutch group."""

from django.urls import reverse

import pytest

from access.models import Membership
from groups.rights import set_up_group
from tests.groups.helpers import add_member
from tests.helpers import parse

pytestmark = pytest.mark.django_db


def test_on_the_english_page_new_blog_post_writes_under_the_dutch_group(client, bilingual):
    set_up_group(bilingual.nl.group)
    client.force_login(add_member(bilingual.nl.group, Membership.Role.MEMBER, email="anouk@samen.test"))
    link = parse(client.get(bilingual.en.group.url)).find("a", string="New blog post")
    assert link["href"] == reverse("wagtailadmin_pages:add", args=["blog", "blogpage", bilingual.nl.group.pk])
