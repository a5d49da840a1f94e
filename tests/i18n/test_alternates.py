"""What a page tells search engines about its language versions: only live versions, on the
site's own address whatever Host the request claimed."""

import pytest

from .helpers import absolute, hreflang_alternates, parse, switch_links, switch_target

pytestmark = pytest.mark.django_db


def test_a_translated_post_announces_both_versions_and_the_dutch_default(client, post, english_post):
    expected = [
        ("en", "http://127.0.0.1:8000/en/groups/menskracht/learning-together/"),
        ("nl", "http://127.0.0.1:8000/nl/groepen/menskracht/samen-leren/"),
        ("x-default", "http://127.0.0.1:8000/nl/groepen/menskracht/samen-leren/"),
    ]
    assert hreflang_alternates(parse(client.get(post.url))) == expected
    assert hreflang_alternates(parse(client.get(english_post.url))) == expected


def test_alternates_use_the_sites_address_not_the_requests_host(client, post, english_post):
    response = client.get(english_post.url, HTTP_HOST="evil.example")
    assert response.status_code == 200
    for _, href in hreflang_alternates(parse(response)):
        assert href.startswith("http://127.0.0.1:8000/"), href


def test_an_unpublished_translation_is_neither_announced_nor_offered(client, post, english_post):
    english_post.unpublish()
    soup = parse(client.get(post.url))
    assert hreflang_alternates(soup) == [("nl", absolute(post.url))]
    assert switch_target(switch_links(soup)["en"]["href"]) == ("en", "/en/", "1")
    assert client.get(english_post.url).status_code == 404


def test_home_pages_announce_each_other(client, bilingual):
    expected = [
        ("en", "http://127.0.0.1:8000/en/"),
        ("nl", "http://127.0.0.1:8000/nl/"),
        ("x-default", "http://127.0.0.1:8000/nl/"),
    ]
    for url in ("/nl/", "/en/"):
        assert hreflang_alternates(parse(client.get(url))) == expected
