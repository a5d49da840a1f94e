"""Every page tells search engines and link previews what it is about: what the editor wrote
for them, else the post's teaser, else the opening words of the page's introduction."""

from bs4 import BeautifulSoup

from blog.factories import BlogPageFactory
from pages.description import LIMIT, page_description, plain_text
from tests.helpers import get_html

LONG_INTRO = (
    "<p>Samen is de plek waar professionals, inwoners en organisaties hun kennis delen.</p>"
    '<p>Sluit je aan bij een <a linktype="page" id="3">groep</a>, lees wat anderen &amp; '
    "collega's hebben geleerd en schrijf zelf mee aan verhalen over participatie, werkplezier "
    "en samenwerken in de wijk.</p>"
)


def description(soup):
    tags = soup.select('meta[name="description"]')
    assert len(tags) == 1, f"{len(tags)} description tags"
    return tags[0]["content"]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_the_home_page_opens_its_introduction_as_plain_words_cut_at_a_word(client, home):
    publish(home, intro=LONG_INTRO, search_description="")
    text = description(get_html(client, home.url))
    assert text.startswith("Samen is de plek waar professionals, inwoners en organisaties hun kennis delen. Sluit je")
    assert "<" not in text and "&amp;" not in text and "delen.Sluit" not in text
    assert len(text) <= LIMIT
    assert text.endswith("…")
    # Cut between two words, never inside one.
    assert plain_text(LONG_INTRO).startswith(text.removesuffix("…"))
    assert plain_text(LONG_INTRO)[len(text) - 1] == " "


def test_what_the_editor_wrote_for_search_engines_comes_first(client, home, blog_index):
    publish(blog_index, intro=LONG_INTRO, search_description="Alle blogs van alle groepen op Samen.")
    assert description(get_html(client, blog_index.url)) == "Alle blogs van alle groepen op Samen."


def test_an_index_page_without_its_own_description_uses_its_introduction(client, group_index):
    publish(group_index, intro="<p>Elke groep heeft <b>één</b> thema.</p>", search_description="")
    assert description(get_html(client, group_index.url)) == "Elke groep heeft één thema."


def test_a_post_is_described_by_its_teaser(client, group):
    post = BlogPageFactory(parent=group, teaser="Tegels eruit, groen erin.", search_description="")
    assert description(get_html(client, post.url)) == "Tegels eruit, groen erin."
    assert page_description(post) == "Tegels eruit, groen erin."


def test_a_page_with_nothing_else_to_say_is_described_by_its_title(client, home):
    publish(home, intro="", search_description="")
    assert description(get_html(client, home.url)) == home.title


def test_a_page_outside_the_page_tree_has_no_empty_description(client, db):
    soup = BeautifulSoup(client.get("/nl/account/login/").content, "html.parser")
    assert soup.select('meta[name="description"]') == []
