import pytest

from blog.factories import BlogPageFactory

from .helpers import verified_member


@pytest.fixture
def author(db):
    return verified_member(display_name="Auteur Annet", email="annet@samen.test")


@pytest.fixture
def member(db):
    return verified_member(display_name="Lid Bram", email="bram@samen.test")


@pytest.fixture
def other_member(db):
    return verified_member(display_name="Lid Cor", email="cor@samen.test")


@pytest.fixture
def post(group, author):
    return BlogPageFactory(parent=group, author=author, title="Samen leren", slug="samen-leren")


@pytest.fixture
def other_post(group, author):
    return BlogPageFactory(parent=group, author=author, title="Ander bericht", slug="ander-bericht")
