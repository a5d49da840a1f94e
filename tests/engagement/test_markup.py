"""The Markdown subset reactions are written in, and what it may never produce."""

import pytest
from bs4 import BeautifulSoup

from engagement.markup import plain_text, render_reaction


def html_of(text):
    return BeautifulSoup(str(render_reaction(text)), "html.parser")


def test_paragraphs():
    html = html_of("Eerste alinea.\n\nTweede alinea.")
    assert [p.get_text() for p in html.find_all("p")] == ["Eerste alinea.", "Tweede alinea."]


def test_line_break_inside_a_paragraph():
    assert html_of("regel een\nregel twee").find("br") is not None


def test_bold_and_italic():
    html = html_of("**vet** en *cursief* en _ook cursief_")
    assert html.find("strong").get_text() == "vet"
    assert [em.get_text() for em in html.find_all("em")] == ["cursief", "ook cursief"]


def test_link_gets_rel_nofollow_ugc_noopener():
    link = html_of("[Samen](https://samen.example/pagina)").find("a")
    assert link["href"] == "https://samen.example/pagina"
    assert link.get_text() == "Samen"
    assert {"nofollow", "ugc", "noopener"} <= set(link["rel"])


def test_bare_address_becomes_a_link():
    link = html_of("Zie <https://samen.example/> eens").find("a")
    assert link["href"] == "https://samen.example/"


def test_mailto_link():
    assert html_of("[mail](mailto:lid@samen.example)").find("a")["href"] == "mailto:lid@samen.example"


def test_bulleted_list():
    html = html_of("- een\n- twee\n- drie")
    assert [li.get_text() for li in html.select("ul > li")] == ["een", "twee", "drie"]


def test_numbered_list_keeps_its_start():
    html = html_of("3. drie\n4. vier")
    ol = html.find("ol")
    assert ol["start"] == "3"
    assert [li.get_text() for li in ol.find_all("li")] == ["drie", "vier"]


def test_blockquote():
    assert html_of("> een citaat").select_one("blockquote p").get_text() == "een citaat"


@pytest.mark.parametrize("level", range(1, 7))
def test_every_heading_becomes_h4(level):
    html = html_of("#" * level + " Kopje")
    assert html.find("h4").get_text() == "Kopje"
    assert html.find(["h1", "h2", "h3", "h5", "h6"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "```\ncode\n```",
        "    ingesprongen code",
        "`inline`",
        "---",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "~~doorgehaald~~",
    ],
)
def test_what_is_not_in_the_subset_stays_text(text):
    html = html_of(text)
    assert html.find(["pre", "code", "hr", "table", "s", "del"]) is None


def test_raw_html_is_shown_as_text():
    html = html_of("<b>vet</b> <em>nadruk</em>")
    assert html.find("b") is None and html.find("em") is None
    assert "<b>vet</b>" in html.get_text()


def test_image_syntax_renders_no_image():
    html = html_of("![plaatje](https://evil.example/x.png)")
    assert html.find("img") is None


def test_empty_input():
    assert str(render_reaction("")) == ""
    assert str(render_reaction(None)) == ""


def test_plain_text_drops_markup_and_keeps_characters():
    assert plain_text("**vet** & <script>x</script>") == "vet & <script>x</script>"


def test_plain_text_is_shortened_with_an_ellipsis():
    result = plain_text("woord " * 200, limit=50)
    assert len(result) == 50 and result.endswith("…")
