"""Every page type has the same accessible frame: one h1, the landmarks, a skip link,
alt text on every image and the page language."""

import pytest

from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from tests.helpers import get_html, stream

pytestmark = pytest.mark.django_db

PAGE_TYPES = ["home", "group index", "group", "blog index", "blog post"]


@pytest.fixture
def urls(home, group_index, group, blog_index):
    image = ImageFactory()
    group.image = image
    group.save_revision().publish()
    post = BlogPageFactory(
        parent=group,
        hero_image=image,
        hero_image_alt="Cirkels in groen en goud",
        tags=["talent"],
        body=stream(
            ("heading", {"text": "Een kop", "level": "h2"}),
            ("image", {"image": image.pk, "alt_text": "Twee cirkels", "caption": "Ontmoeting"}),
            ("video", {"video": "http://video.samen.test/abc", "caption": ""}),
        ),
    )
    BlogPageFactory(parent=group, hero_image=image, tags=["talent"])  # a related post, a card
    return {
        "home": home.url,
        "group index": group_index.url,
        "group": group.url,
        "blog index": blog_index.url,
        "blog post": post.url,
    }


@pytest.fixture(params=PAGE_TYPES)
def page_html(request, client, urls):
    return get_html(client, urls[request.param])


def test_exactly_one_h1(page_html):
    assert len(page_html.find_all("h1")) == 1
    assert page_html.find("h1").get_text(strip=True)


def test_main_landmark_with_a_skip_link_to_it(page_html):
    mains = page_html.find_all("main")
    assert len(mains) == 1
    assert mains[0]["id"] == "main"

    first_link = page_html.body.find("a")
    assert first_link["href"] == "#main", "the skip link is the first link on the page"
    assert first_link.get_text(strip=True)


def test_header_nav_and_footer(page_html):
    body = page_html.body
    assert body.find("header") is not None
    assert body.find("footer") is not None
    navs = body.find_all("nav")
    assert navs
    assert all(nav.get("aria-label") for nav in navs), "several <nav>s need a name each"


def test_every_image_has_alt_text(page_html):
    images = page_html.find_all("img")

    assert images, "each page type shows at least the logo"
    assert [img.get("src") for img in images if img.get("alt") is None] == []


def test_every_frame_has_a_title(page_html):
    assert [frame.get("src") for frame in page_html.find_all("iframe") if not frame.get("title")] == []


def test_language_is_dutch(page_html):
    assert page_html.html["lang"] == "nl"


def test_blog_post_images_carry_their_alt_text(client, urls):
    html = get_html(client, urls["blog post"])

    alts = [img["alt"] for img in html.select("main img")]
    assert "Cirkels in groen en goud" in alts
    assert "Twee cirkels" in alts
