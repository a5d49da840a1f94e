"""The Wagtail floor page's body: the featured post's, in Wagtail's own blocks
(``bench.models.WagtailFloorPage``), so that the floor renders as much text and as many
images as the post page does, without Samen's templates around them."""

from django.utils.html import escape


def plain_blocks(post):
    """The featured post's hero image and body as ``[{"type", "value"}]`` of the floor
    page's blocks: the same blocks in the same order with the same text, the hero first
    (the post page shows it above the body). A call-out becomes a paragraph with its title
    in bold, a quote a block quote with its attribution, a video a paragraph linking it."""
    blocks = []
    if post.hero_image_id:
        blocks.append(_image(post.hero_image_id, post.hero_image_alt))
    for block in post.body.raw_data:
        kind, value = block["type"], block["value"]
        if kind == "heading":
            blocks.append({"type": "heading", "value": value["text"]})
        elif kind == "paragraph":
            blocks.append({"type": "paragraph", "value": value})
        elif kind == "image":
            blocks.append(_image(value["image"], value.get("alt_text", "")))
        elif kind == "quote":
            attribution = value.get("attribution")
            quote = f"{value['quote']} — {attribution}" if attribution else value["quote"]
            blocks.append({"type": "quote", "value": quote})
        elif kind == "callout":
            title = f"<p><b>{escape(value['title'])}</b></p>" if value.get("title") else ""
            blocks.append({"type": "paragraph", "value": title + value["text"]})
        elif kind == "video":
            url, label = escape(value["video"]), escape(value.get("caption") or value["video"])
            blocks.append({"type": "paragraph", "value": f'<p><a href="{url}">{label}</a></p>'})
        else:
            raise ValueError(f"The floor page has no block for a post's {kind!r} block.")
    return blocks


def _image(image_id, alt_text):
    return {"type": "image", "value": {"image": image_id, "alt_text": alt_text, "decorative": False}}
