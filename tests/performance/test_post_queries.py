"""A post rendered whole (no shared copy, no member's shell) costs a fixed number of
queries: at most 20 for a visitor, 25 for a member, the same with 5 reactions or 100, with
one related post (pinned) or four (two pinned), with a body of four blocks or forty, and
with 3 posts on the site or 47."""

from django.test.utils import override_settings

import pytest

from blog.factories import BlogPageFactory
from blog.models import BlogPageRelatedPin
from core.factories import ImageFactory
from engagement.models import Rating
from tests.engagement.helpers import make_reaction, minutes_ago, soup, verified_member
from tests.helpers import add_posts, count_queries, stream

pytestmark = pytest.mark.django_db

ANONYMOUS_CEILING = 20
MEMBER_CEILING = 25
# The post's author also gets Wagtail's edit bar on it, whose permission check is Wagtail's
# own two queries (the account's permissions and its groups').
AUTHOR_CEILING = MEMBER_CEILING + 2


def body(blocks):
    """A body of ``blocks`` blocks: headings, paragraphs, quotes and images by turns."""
    parts = []
    for n in range(blocks):
        kind = n % 4
        if kind == 0:
            parts.append(("heading", {"text": f"Kop {n}", "level": "h2"}))
        elif kind == 1:
            parts.append(
                ("paragraph", f"<p>Alinea {n} met <b>nadruk</b> en <a href='https://samen.example/'>link</a>.</p>")
            )
        elif kind == 2:
            parts.append(("quote", {"quote": f"Citaat {n}", "attribution": "Een lid"}))
        else:
            parts.append(("image", {"image": ImageFactory().pk, "alt_text": f"Beeld {n}", "caption": ""}))
    return stream(*parts)


def react(post, members, number):
    top = None
    for n in range(number):
        when = minutes_ago(number - n)
        if top is not None and n % 3 == 2:
            make_reaction(post, members[n % len(members)], f"Antwoord {n}", parent=top, when=when)
        else:
            top = make_reaction(post, members[n % len(members)], f"Reactie {n}", when=when)


@pytest.fixture
def members(db):
    return [verified_member(display_name=f"Lid {n}") for n in range(5)]


@pytest.fixture
def post(group, blog_index, members):
    post = BlogPageFactory(
        parent=group,
        title="Samen begroten",
        author=members[0],
        hero_image=ImageFactory(),
        hero_image_alt="Een begroting op tafel",
        tags=["begroting"],
        body=body(4),
    )
    pinned = BlogPageFactory(parent=group, tags=["begroting"], hero_image=ImageFactory())
    BlogPageRelatedPin.objects.create(page=post, related=pinned, sort_order=0)
    react(post, members, 5)
    Rating.objects.create(user=members[1], translation_key=post.translation_key, score=4)
    add_posts([group], 1)
    return post


def grow(post, group, members):
    """From small to big: 95 more reactions, six more related posts and a second pin, a
    body of forty blocks, and 38 more posts on the site."""
    react(post, members, 95)
    related = [BlogPageFactory(parent=group, tags=["begroting"], hero_image=ImageFactory()) for _ in range(6)]
    BlogPageRelatedPin.objects.create(page=post, related=related[0], sort_order=1)
    post.body = body(40)
    post.save()
    add_posts([group], 38, start=1)


@pytest.mark.parametrize("viewer", ["anonymous", "member", "author"])
def test_a_post_rendered_whole_costs_the_same_small_or_big(client, post, group, members, viewer):
    if viewer == "member":
        client.force_login(members[2])
    elif viewer == "author":
        client.force_login(members[0])
    ceiling = {"anonymous": ANONYMOUS_CEILING, "member": MEMBER_CEILING, "author": AUTHOR_CEILING}[viewer]

    small = count_queries(client, post.url)
    grow(post, group, members)
    big = count_queries(client, post.url)

    with override_settings(PAGE_CACHE_SECONDS=0):
        page = soup(client.get(post.url))
    # The big page shows what grew: the reactions, the related posts, the forty blocks.
    assert "100" in page.select_one("a[href='#reacties']").get_text()
    assert len(page.select(".related-posts .post-card, .related .post-card")) == 4
    assert page.find(string="Alinea 37 met ") is not None
    assert big == small, f"{small} queries with a small post, {big} with a big one"
    assert big <= ceiling
