"""``load_demo`` builds the Dutch demo site, and running it again changes nothing."""

import io

from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.db.models import Max

from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

import pytest

from access.models import Membership
from accounts.models import User
from blog.models import BlogPage, BlogPageRelatedPin
from demo import content
from groups.models import GroupPage
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

EVERY_BLOCK = {"heading", "paragraph", "image", "quote", "video", "callout"}
LONG_POST_VIDEO = next(
    block["value"]["video"] for post in content.POSTS for block in post["body"] if block["type"] == "video"
)


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
    members_only = {page.pk for page in BlogPage.objects.filter(access_level="members")}
    assert members_only, "the demo has a post for group members only"

    for page in pages:
        response = client.get(page.url)
        expected = 302 if page.pk in members_only else 200
        assert response.status_code == expected, f"{page.url} answered {response.status_code}"

    client.login(email="beheer@samen.test", password="samen-beheer")
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url


def test_the_demo_groups_have_members_and_a_closed_group_with_a_request(demo):
    closed = GroupPage.objects.get(slug="intervisie-leidinggevenden", locale__language_code="nl")
    assert closed.is_closed
    roles = dict(Membership.objects.filter(group_key=closed.translation_key).values_list("user__email", "role"))
    assert roles == {"youssef@samen.test": "owner", "marloes@samen.test": "member", "sanne@samen.test": "pending"}
    # Every author is a member of the group they write in.
    for post in BlogPage.objects.filter(locale__language_code="nl"):
        group = GroupPage.objects.parent_of(post).get()
        membership = Membership.objects.get(user=post.author, group_key=group.translation_key)
        assert membership.is_member, post.slug


def test_the_video_that_cannot_be_embedded_becomes_a_link(client, demo):
    html = get_html(client, the_long_post().url)

    video = html.select_one(".post__body .block-video")
    assert video.find("iframe") is None
    assert video.find("a")["href"] == LONG_POST_VIDEO


def test_demo_editor_can_log_in(client, demo):
    assert client.login(email="beheer@samen.test", password="samen-beheer")
    assert client.get("/admin/").status_code == 200


def test_the_domain_given_is_the_address_of_both_site_records(demo):
    call_command("load_demo", domain="samen.test:8443", stdout=io.StringIO())
    wagtail_site = Site.objects.get(is_default_site=True)
    assert (wagtail_site.hostname, wagtail_site.port) == ("samen.test", 8443)
    assert DjangoSite.objects.get(pk=1).domain == "samen.test:8443"
