"""``load_demo`` builds the Dutch demo site, and running it again changes nothing."""

import io

from django.core.management import call_command
from django.db.models import Max

from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from accounts.models import User
from blog.models import BlogPage, BlogPageRelatedPin
from groups.models import GroupPage
from home.demo_content import LONG_POST_VIDEO
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

EVERY_BLOCK = {"heading", "paragraph", "image", "quote", "video", "callout"}


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def snapshot():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": User.objects.count(),
        "pins": BlogPageRelatedPin.objects.count(),
        "revisions": Revision.objects.count(),
        "last revision": Page.objects.aggregate(last=Max("latest_revision_created_at"))["last"],
    }


@pytest.fixture
def demo(db):
    load_demo()


def the_long_post():
    return next(post for post in BlogPage.objects.live() if {b.block_type for b in post.body} >= EVERY_BLOCK)


def test_second_run_creates_nothing(demo):
    before = snapshot()

    load_demo()

    assert snapshot() == before


def test_second_run_leaves_an_editors_change_alone(demo):
    group = GroupPage.objects.get(slug="menskracht", locale__language_code="nl")
    group.description = "Door de redactie aangepast"
    group.save_revision().publish()

    load_demo()

    assert (
        GroupPage.objects.get(slug="menskracht", locale__language_code="nl").description == "Door de redactie aangepast"
    )


def test_demo_has_groups_including_menskracht(demo):
    assert GroupPage.objects.live().count() >= 4
    menskracht = GroupPage.objects.get(title="Menskracht", locale__language_code="nl")
    assert menskracht.description == "Inspiratie en ontwikkeling van professionele passie en talent"


def test_demo_has_posts_by_several_authors(demo):
    posts = BlogPage.objects.live()

    assert posts.count() >= 8
    assert posts.values("author").distinct().count() >= 3
    assert not posts.filter(author__isnull=True).exists()


def test_one_post_uses_every_block(demo):
    assert {block.block_type for block in the_long_post().body} >= EVERY_BLOCK


def test_every_post_and_group_page_answers(client, demo):
    pages = [*GroupPage.objects.live(), *BlogPage.objects.live()]

    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, f"{page.url} answered {response.status_code}"


def test_the_video_that_cannot_be_embedded_becomes_a_link(client, demo):
    html = get_html(client, the_long_post().url)

    video = html.select_one(".post__body .block-video")
    assert video.find("iframe") is None
    assert video.find("a")["href"] == LONG_POST_VIDEO


def test_demo_editor_can_log_in(client, demo):
    assert client.login(email="beheer@samen.test", password="samen-beheer")
    assert client.get("/admin/").status_code == 200
