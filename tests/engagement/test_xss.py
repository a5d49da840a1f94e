"""Whatever a member types, the page, the batch fragment, the profile and the e-mail
show it as text or as harmless markup from the allowed subset."""

from urllib.parse import urlsplit

from django.conf import settings

import pytest
from bs4 import BeautifulSoup

from engagement.models import Follow, Reaction

from .helpers import POST_URL, reaction_data, soup

pytestmark = pytest.mark.django_db

CORPUS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<img src=x onerror=alert(1)>",
    '<a href="x" onclick="alert(1)">x</a>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<b><i>broken",
    "![img](https://evil.example/x.png)",
    "a" * 3000,
]

# More ways in; these may produce relative links, but never a scheme that runs code.
MORE = [
    "[x](  javascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](vbscript:msgbox(1))",
    '[a](https://x.example "t" onmouseover=alert(1))',
    '[x](https://x.example/" onmouseover="alert(1))',
    "<!-- <script>alert(1)</script> -->",
    "<style>body{display:none}</style>",
    "<iframe src=https://evil.example></iframe>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]

FORBIDDEN_TAGS = ["script", "style", "img", "svg", "math", "iframe", "object", "embed", "form", "input", "link", "meta"]
SAFE_SCHEMES = ("http", "https", "mailto")


def assert_harmless(fragment, strict_links=True):
    assert fragment.find_all(FORBIDDEN_TAGS) == [], fragment
    for tag in fragment.find_all(True):
        for attribute in tag.attrs:
            assert not attribute.lower().startswith("on"), tag
        assert "style" not in tag.attrs, tag
    for link in fragment.find_all("a"):
        href = link.get("href", "")
        scheme = urlsplit(href).scheme.lower()
        if strict_links:
            assert scheme in SAFE_SCHEMES, href
        else:
            assert scheme in (*SAFE_SCHEMES, ""), href
        assert {"nofollow", "ugc", "noopener"} <= set(link.get("rel", [])), link


def reaction_bodies(response):
    bodies = soup(response).select("div.reaction__body")
    assert bodies, "no reaction bodies on the page"
    return bodies


@pytest.fixture
def posted(client, post, author, member):
    """Post one text as ``member`` (through the site), with the author following."""
    Follow.objects.create(user=author, translation_key=post.translation_key)

    def place(text):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, text))
        assert response.status_code == 302
        return Reaction.objects.latest("pk")

    return place


@pytest.mark.parametrize("text", CORPUS, ids=[c[:30] for c in CORPUS])
def test_corpus_is_harmless_everywhere(client, post, member, posted, mailoutbox, text):
    reaction = posted(text)
    assert reaction.comment == text  # stored as typed; made safe when shown

    client.logout()
    for url in (post.url, f"/reacties/lijst/{post.pk}/?page=1&count=5", f"/nl/leden/{member.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        for body in reaction_bodies(response):
            assert_harmless(body)
        assert "<script>alert" not in response.content.decode(), url

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    mail = BeautifulSoup(html, "html.parser")
    assert mail.find_all(FORBIDDEN_TAGS) == []
    for tag in mail.find_all(True):
        assert not any(attribute.lower().startswith("on") for attribute in tag.attrs), tag
    for link in mail.find_all("a"):
        assert link["href"].startswith(settings.SITE_BASE_URL + "/"), link
    # The text part is plain text: nothing in it is markup, and the only addresses in
    # it that a mail program would make clickable are the site's own.
    assert message.content_subtype == "plain"
    for word in message.body.split():
        if word.startswith(("http://", "https://")):
            assert word.startswith(settings.SITE_BASE_URL + "/"), word


def test_image_syntax_shows_no_image_but_a_safe_link(client, post, posted):
    reaction = posted("![img](https://evil.example/x.png)")
    body = soup(client.get(post.url)).select_one(f"#reactie-{reaction.pk} .reaction__body")
    assert body.find("img") is None
    link = body.find("a")
    assert link["href"] == "https://evil.example/x.png"


def test_a_very_long_word_is_shown_whole_as_text(client, post, posted):
    reaction = posted("a" * 3000)
    body = soup(client.get(post.url)).select_one(f"#reactie-{reaction.pk} .reaction__body")
    assert body.get_text(strip=True) == "a" * 3000


@pytest.mark.parametrize("text", MORE, ids=[m[:30] for m in MORE])
def test_more_payloads_never_produce_code(client, post, posted, mailoutbox, text):
    reaction = posted(text)
    body = soup(client.get(post.url)).select_one(f"#reactie-{reaction.pk} .reaction__body")
    assert_harmless(body, strict_links=False)
    mail = BeautifulSoup(mailoutbox[0].alternatives[0][0], "html.parser")
    assert mail.find_all(FORBIDDEN_TAGS) == []
