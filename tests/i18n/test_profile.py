"""A member's profile in English lists the English versions of their posts, and their
reactions link to the posts in English."""

import pytest

from blog.factories import BlogPageFactory
from tests.engagement.helpers import POST_URL, reaction_data, verified_member

from .helpers import html_lang, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_only(bilingual, author):
    return BlogPageFactory(parent=bilingual.nl.group, title="Alleen in het Nederlands", author=author)


def profile(client, language, member):
    response = client.get(f"/{language}/leden/{member.pk}/")
    assert response.status_code == 200
    soup = parse(response)
    assert html_lang(soup) == language
    return soup


def post_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("#profile-posts-heading ~ * .post-card__title a")]


def reaction_links(soup):
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".profile-reactions .reaction__meta a")]


def test_the_english_profile_lists_the_english_posts(client, author, post, english_post, dutch_only):
    english = profile(client, "en", author)
    assert post_links(english) == [("Learning together", english_post.url)]
    text = english.get_text()
    assert "Samen leren" not in text
    assert "Alleen in het Nederlands" not in text

    dutch = profile(client, "nl", author)
    assert sorted(post_links(dutch)) == sorted(
        [("Samen leren", post.url), ("Alleen in het Nederlands", dutch_only.url)]
    )
    assert "Learning together" not in dutch.get_text()


def test_reactions_on_the_profile_link_to_the_post_in_the_readers_language(client, post, english_post):
    reader = verified_member(display_name="Bram Kuipers", email="bram@samen.test")
    client.force_login(reader)
    assert client.post(POST_URL, reaction_data(post, "Goed stuk")).status_code == 302
    client.logout()

    assert reaction_links(profile(client, "en", reader)) == [("Learning together", english_post.url)]
    assert reaction_links(profile(client, "nl", reader)) == [("Samen leren", post.url)]


def test_reactions_on_a_dutch_only_post_stay_off_the_english_profile(client, post, english_post, dutch_only):
    reader = verified_member(display_name="Bram Kuipers", email="bram@samen.test")
    client.force_login(reader)
    assert client.post(POST_URL, reaction_data(dutch_only, "Alleen hier te lezen")).status_code == 302
    assert client.post(POST_URL, reaction_data(post, "Goed stuk")).status_code == 302
    client.logout()

    english = profile(client, "en", reader)
    assert reaction_links(english) == [("Learning together", english_post.url)]
    assert "Alleen in het Nederlands" not in english.get_text()
    assert len(reaction_links(profile(client, "nl", reader))) == 2
