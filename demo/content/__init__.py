"""The demo site's content, written for Samen, kept as data: ``load_demo`` turns it into
pages, members and what they did. One JSON file per kind:

- ``site.json``: the home page's intro and the two index pages ("Groepen", "Blogs");
- ``about.json``: the pages about the site the footer links to: the accessibility
  statement, and the privacy statement, contact page and colophon with their footer roles;
- ``users.json``: the demo's logins, for development only (the README shows the same table);
  ``key`` is how the other files name a user;
- ``groups.json``: the groups; ``closed`` marks the one members join on request;
- ``posts.json``: the blog posts with their StreamField bodies. An image block names its
  picture by title; ``with_image_ids`` puts that picture's id in its place;
- ``memberships.json``: who belongs to which group, in which role. The authors are members of
  the groups they write in; one reader waits for an answer from the closed group;
- ``reactions.json``: the conversation under the posts, in the order it was written;
  ``reply_to`` is the position in this list of the reaction it answers;
- ``ratings.json``: stars from members for posts and groups (``item`` is a slug); nobody rates
  their own post;
- ``reads.json``: each post's reads on the last seven days, today first, and the reads from
  before that: ``before_last_week`` for the first post listed, half that for the second, a
  third for the third and so on, so that the totals look like a site that has been running;
- ``en.json``: the English versions, keyed by the Dutch text they translate and grouped by
  page, and the posts left untranslated. ``load_demo`` feeds them to wagtail-localize as
  string translations, so a translator sees the English pages as translations of the Dutch.
"""

import json
from pathlib import Path

FOLDER = Path(__file__).parent


def _read(name):
    return json.loads((FOLDER / f"{name}.json").read_text(encoding="utf-8"))


def _english_by_dutch(pages):
    texts = {}
    for page, pairs in pages.items():
        for pair in pairs:
            # A text on two pages is one segment to wagtail-localize: it can have one English version.
            if texts.setdefault(pair["nl"], pair["en"]) != pair["en"]:
                raise ValueError(f"en.json gives {pair['nl']!r} a second English version, under {page!r}")
    return texts


SITE = _read("site")
ABOUT = _read("about")
USERS = _read("users")
GROUPS = _read("groups")
POSTS = _read("posts")
MEMBERSHIPS = _read("memberships")
REACTIONS = _read("reactions")
RATINGS = _read("ratings")
READS = _read("reads")
_ENGLISH = _read("en")
EN = _english_by_dutch(_ENGLISH["pages"])
UNTRANSLATED_POSTS = set(_ENGLISH["untranslated_posts"])


def with_image_ids(body, image_id):
    """``body`` with the picture title of each image block replaced by ``image_id(title)``."""
    return [
        {**block, "value": {**block["value"], "image": image_id(block["value"]["image"])}}
        if block["type"] == "image"
        else block
        for block in body
    ]
