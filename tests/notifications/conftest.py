import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from tests.groups.helpers import add_member

Role = Membership.Role


@pytest.fixture
def author(group):
    return add_member(group, Role.MEMBER, display_name="Anouk Auteur", email="anouk@samen.test")


@pytest.fixture
def bram(group):
    return add_member(group, Role.MEMBER, display_name="Bram Lid", email="bram@samen.test")


@pytest.fixture
def cor(group):
    return add_member(group, Role.MEMBER, display_name="Cor Lid", email="cor@samen.test")


@pytest.fixture
def post(group, author):
    return BlogPageFactory(parent=group, author=author, title="Samen leren", slug="samen-leren")


@pytest.fixture
def other_post(group, author):
    return BlogPageFactory(parent=group, author=author, title="Ander bericht", slug="ander-bericht")
