"""A member, Anna, with something of every kind on the site, among other members whose
data must never reach her download: a closed group with posts by others, their
reactions and replies in her threads, their ratings, follows, likes and pictures."""

import io
import zipfile
from types import SimpleNamespace

from django.test import Client

from taggit.models import Tag

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from core.generated_images import generated_image_file
from engagement.likes import like
from engagement.models import Follow, Rating
from member_data.content import member_data
from notifications.models import DigestSettings, PersonFollow, Preference, TagFollow
from tests.engagement.helpers import make_reaction, verified_member

# What the other members write and are called: none of it may be in Anna's download.
OTHERS_SECRETS = [
    "Bert Geheim",
    "bert@samen.test",
    "Cor Verborgen",
    "cor@samen.test",
    "Reactie van Bert op Anna",
    "Reactie van Cor",
    "Bert reageert elders",
    "Berts eigen bericht in de open groep",
]


def join(user, group, role=Membership.Role.MEMBER, **fields):
    return Membership.objects.create(user=user, group_key=group.translation_key, role=role, **fields)


def add_posts_and_reactions(anna, bert, cor, group, closed_group, count, start=0):
    """``count`` posts by Anna and ``count`` by Bert in the closed group, each with a
    reaction by Anna, a reply by Bert to it, a reaction by Cor, and Anna's like of Cor's."""
    for n in range(start, start + count):
        mine = BlogPageFactory(
            parent=group, author=anna, title=f"Anna schrijft {n}", slug=f"anna-{n}", tags=["talent", f"tag{n}"]
        )
        theirs = BlogPageFactory(
            parent=closed_group,
            author=bert,
            title=f"Vertrouwelijk bericht {n}",
            slug=f"vertrouwelijk-{n}",
            access_level="members",
        )
        own_reaction = make_reaction(theirs, anna, f"Anna reageert {n}")
        make_reaction(theirs, bert, "Reactie van Bert op Anna", parent=own_reaction)
        cors = make_reaction(theirs, cor, "Reactie van Cor")
        like(anna, cors)
        like(bert, own_reaction)
        Rating.objects.create(user=anna, translation_key=mine.translation_key, score=4)
        Rating.objects.create(user=bert, translation_key=mine.translation_key, score=1)
        Follow.objects.create(user=anna, translation_key=theirs.translation_key)
        Follow.objects.create(user=bert, translation_key=mine.translation_key)
        ImageFactory(title=f"Foto van Anna {n}", uploaded_by_user=anna)


@pytest.fixture
def world(group, closed_group, other_group):
    anna = verified_member(email="anna@samen.test", display_name="Anna de Vries", bio="Ik schrijf over leren.")
    anna.avatar.save("anna.png", generated_image_file("Anna", size=(80, 80)), save=True)
    assert anna.avatar.size > 0
    bert = verified_member(email="bert@samen.test", display_name="Bert Geheim", language="en")
    cor = verified_member(email="cor@samen.test", display_name="Cor Verborgen")
    join(anna, closed_group, message="Mag ik erbij?")
    join(bert, closed_group, role=Membership.Role.OWNER)
    join(cor, closed_group)
    join(anna, group, role=Membership.Role.ADMIN)
    join(bert, group)
    add_posts_and_reactions(anna, bert, cor, group, closed_group, 2)
    draft = BlogPageFactory(parent=group, author=anna, title="Anna's concept", slug="concept", live=False)
    # A post in a group Anna is not a member of, under which she once reacted: the
    # reaction is hers, the post's title and address are not for her any more.
    hidden = BlogPageFactory(
        parent=other_group, author=bert, title="Verborgen bericht", slug="verborgen", access_level="owner"
    )
    make_reaction(hidden, anna, "Anna reageerde hier ooit")
    make_reaction(hidden, bert, "Bert reageert elders")
    BlogPageFactory(parent=group, author=bert, title="Berts eigen bericht in de open groep", slug="bert")
    PersonFollow.objects.create(follower=anna, followed=bert)
    PersonFollow.objects.create(follower=bert, followed=anna)
    TagFollow.objects.create(user=anna, tag=Tag.objects.get(name="talent"))
    TagFollow.objects.create(user=cor, tag=Tag.objects.get(name="tag0"))
    Preference.objects.create(user=anna, kind="reaction", channel="digest")
    Preference.objects.create(user=bert, kind="mention", channel="off")
    DigestSettings.objects.create(user=anna, frequency="weekly")
    DigestSettings.objects.create(user=bert, frequency="daily")
    ImageFactory(title="Foto van Bert", uploaded_by_user=bert)
    return SimpleNamespace(
        anna=anna, bert=bert, cor=cor, group=group, closed_group=closed_group, draft=draft, hidden=hidden
    )


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def read_zip(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def data_of():
    def collect(member):
        data, _files = member_data(member)
        return data

    return collect
