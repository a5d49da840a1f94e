"""Every block an editor can put in a post renders, with its own template, and has what the
block picker shows: an icon, a description and a preview."""

import pytest
from bs4 import BeautifulSoup

from blog.blocks import (
    BlogBodyBlock,
    CalloutBlock,
    HeadingBlock,
    ImageBlock,
    ParagraphBlock,
    QuoteBlock,
    VideoBlock,
)
from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from tests.helpers import get_html, stream

BLOCK_CLASSES = [HeadingBlock, ParagraphBlock, ImageBlock, QuoteBlock, VideoBlock, CalloutBlock]


def render(block, raw_value):
    """``block`` rendered with its template, from the value as stored in the database."""
    return BeautifulSoup(block.render(block.to_python(raw_value)), "html.parser")


@pytest.mark.parametrize("level", ["h2", "h3"])
def test_heading_renders_at_its_level(level):
    html = render(HeadingBlock(), {"text": "Waarom samenwerken werkt", "level": level})

    heading = html.find(level)
    assert heading is not None
    assert heading.get_text(strip=True) == "Waarom samenwerken werkt"
    assert html.find({"h2": "h3", "h3": "h2"}[level]) is None


def test_paragraph_keeps_bold_italic_links_and_lists():
    html = render(
        ParagraphBlock(),
        '<p>Een <b>vet</b> en <i>schuin</i> woord, en <a href="https://example.org/gids">de gids</a>.</p>'
        "<ol><li>eerst</li><li>dan</li></ol><ul><li>dit</li><li>dat</li></ul>",
    )

    assert html.find("b").get_text() == "vet"
    assert html.find("i").get_text() == "schuin"
    assert html.find("a")["href"] == "https://example.org/gids"
    assert [li.get_text() for li in html.select("ol > li")] == ["eerst", "dan"]
    assert [li.get_text() for li in html.select("ul > li")] == ["dit", "dat"]


@pytest.mark.django_db
def test_image_renders_with_its_alt_text_and_caption():
    image = ImageFactory()

    html = render(ImageBlock(), {"image": image.pk, "alt_text": "Twee cirkels", "caption": "Een ontmoeting"})

    img = html.find("img")
    assert img["alt"] == "Twee cirkels"
    assert img["src"].startswith("/media/images/")
    assert html.find("figcaption").get_text(strip=True) == "Een ontmoeting"


@pytest.mark.django_db
def test_image_without_caption_has_no_empty_figcaption():
    html = render(ImageBlock(), {"image": ImageFactory().pk, "alt_text": "Twee cirkels", "caption": ""})

    assert html.find("img")["alt"] == "Twee cirkels"
    assert html.find("figcaption") is None


def test_quote_renders_the_quotation_and_who_said_it():
    html = render(QuoteBlock(), {"quote": "Talent groeit waar het gezien wordt.", "attribution": "Anouk"})

    assert html.find("blockquote").get_text(strip=True) == "Talent groeit waar het gezien wordt."
    assert html.find("figcaption").get_text(strip=True) == "Anouk"


@pytest.mark.django_db
def test_embeddable_video_renders_a_titled_player():
    html = render(VideoBlock(), {"video": "http://video.samen.test/abc", "caption": "Terugblik"})

    iframe = html.find("iframe")
    assert iframe is not None
    assert iframe["src"] == "https://video.samen.test/embed/abc"
    assert iframe["title"] == "Samen video abc"
    assert html.find("figcaption").get_text(strip=True) == "Terugblik"


@pytest.mark.django_db
def test_video_that_cannot_be_embedded_renders_a_link_to_it():
    url = "https://www.youtube.com/watch?v=x"

    html = render(VideoBlock(), {"video": url, "caption": "Terugblik"})

    assert html.find("iframe") is None
    assert [a["href"] for a in html.find_all("a")] == [url]


def test_callout_renders_title_and_text():
    html = render(CalloutBlock(), {"title": "Doe mee", "text": "<p>Iedereen is <b>welkom</b>.</p>"})

    box = html.find("aside")
    assert box["aria-label"] == "Doe mee"
    assert "Doe mee" in box.get_text()
    assert box.find("b").get_text() == "welkom"


def test_post_page_shows_a_player_or_a_link_and_never_fails_on_a_video(client, group):
    unreachable = "https://www.youtube.com/watch?v=x"
    post = BlogPageFactory(
        parent=group,
        body=stream(
            ("video", {"video": "http://video.samen.test/abc", "caption": ""}),
            ("video", {"video": unreachable, "caption": ""}),
        ),
    )

    html = get_html(client, post.url)

    playable, unplayable = html.select(".post__body .block-video")
    assert playable.find("iframe")["title"]
    assert unplayable.find("iframe") is None
    assert unplayable.find("a")["href"] == unreachable


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=lambda cls: cls.__name__)
def test_preview_value_renders(block_class):
    block = block_class()

    html = block.render(block.get_preview_value())

    assert isinstance(html, str)
    if block_class is not ImageBlock:  # the preview has no image to show, and must not fail for it
        assert html.strip()


@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=lambda cls: cls.__name__)
def test_block_has_icon_template_description_and_preview(block_class):
    meta = block_class().meta

    assert meta.icon and meta.icon != "placeholder"
    assert meta.template == f"blocks/{block_class.__name__.removesuffix('Block').lower()}.html"
    assert str(meta.description).strip()
    assert meta.preview_value


def test_post_body_offers_every_block():
    child_classes = {type(block) for block in BlogBodyBlock().child_blocks.values()}

    assert child_classes == set(BLOCK_CLASSES)
