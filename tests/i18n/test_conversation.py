"""One conversation per post in both languages, and follower mail in each member's own
language, linking to the post in that language."""

import re

from django.utils import translation

import pytest

from blog.factories import BlogPageFactory
from engagement.models import Follow, Reaction
from tests.engagement.helpers import POST_URL, reaction_data, thread_ids, verified_member

from .helpers import absolute, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return verified_member(display_name="Bram Kuipers", email="bram@samen.test")


def card_counts(client, url):
    """``{post title: "n reactions"}`` of the cards on a listing."""
    soup = parse(client.get(url))
    counts = {}
    for card in soup.select(".post-card"):
        title = card.select_one(".post-card__title").get_text(strip=True)
        counts[title] = card.select(".post-card__meta span")[-1].get_text(strip=True)
    return counts


def count_of(text):
    return int(re.match(r"\d+", text).group(0))


def test_a_reaction_on_the_dutch_post_is_part_of_the_english_one(client, post, english_post, reader):
    client.force_login(reader)
    response = client.post(POST_URL, reaction_data(post, "Mooi geschreven"))
    assert response.status_code == 302
    reaction = Reaction.objects.get(comment="Mooi geschreven")

    english = client.get(english_post.url)
    assert thread_ids(english) == [reaction.pk]
    assert "Mooi geschreven" in parse(english).select_one(f"#reactie-{reaction.pk}").get_text()
    assert parse(english).select_one("#reactions-heading").get_text(strip=True) == "Reactions (1)"
    assert parse(client.get(post.url)).select_one("#reactions-heading").get_text(strip=True) == "Reacties (1)"


def test_cards_count_the_same_conversation_in_both_languages(client, post, english_post, reader, bilingual):
    client.force_login(reader)
    for text in ("Een", "Twee", "Drie"):
        assert client.post(POST_URL, reaction_data(post, text)).status_code == 302
    # A reaction from the English page joins the same thread.
    assert client.post(POST_URL, reaction_data(post, "Four", next_url=english_post.url)).status_code == 302

    for dutch_listing, english_listing in [
        (bilingual.nl.home.url, bilingual.en.home.url),
        (bilingual.nl.group.url, bilingual.en.group.url),
        (bilingual.nl.blog_index.url, bilingual.en.blog_index.url),
    ]:
        dutch = card_counts(client, dutch_listing)["Samen leren"]
        english = card_counts(client, english_listing)["Learning together"]
        assert dutch == "4 reacties", dutch_listing
        assert english == "4 reactions", english_listing
        assert count_of(dutch) == count_of(english)


def follow(client, member, page):
    client.force_login(member)
    assert client.post(f"/reacties/volgen/{page.pk}/", {"action": "follow"}).status_code == 302


def test_followers_get_mail_in_their_own_language(client, post, english_post, reader, mailoutbox):
    english_reader = verified_member(display_name="Emma Reader", email="emma@samen.test", language="en")
    dutch_reader = verified_member(display_name="Daan Lezer", email="daan@samen.test", language="nl")
    follow(client, english_reader, english_post)
    follow(client, dutch_reader, post)
    followers = set(Follow.objects.filter(translation_key=post.translation_key).values_list("user__email", flat=True))
    # The post's author follows it too (authors follow their own posts).
    assert followers == {english_reader.email, dutch_reader.email, post.author.email}

    client.force_login(reader)
    assert client.post(POST_URL, reaction_data(post, "Wat een goed idee")).status_code == 302
    reaction = Reaction.objects.get(comment="Wat een goed idee")

    mails = {message.to[0]: message for message in mailoutbox}
    assert set(mails) == followers
    assert mails[post.author.email].subject == 'Nieuwe reactie op "Samen leren"'

    english_mail = mails[english_reader.email]
    assert english_mail.subject == 'New reaction on "Learning together"'
    english_link = absolute(f"{english_post.url}#reactie-{reaction.pk}")
    assert english_link == f"http://127.0.0.1:8000/en/groups/menskracht/learning-together/#reactie-{reaction.pk}"
    assert english_link in english_mail.body
    assert english_link in english_mail.alternatives[0][0]
    assert "/nl/" not in english_mail.body
    assert "Hello Emma Reader," in english_mail.body

    dutch_mail = mails[dutch_reader.email]
    assert dutch_mail.subject == 'Nieuwe reactie op "Samen leren"'
    dutch_link = absolute(f"{post.url}#reactie-{reaction.pk}")
    assert dutch_link == f"http://127.0.0.1:8000/nl/groepen/menskracht/samen-leren/#reactie-{reaction.pk}"
    assert dutch_link in dutch_mail.body
    assert dutch_link in dutch_mail.alternatives[0][0]
    assert "/en/" not in dutch_mail.body
    with translation.override("nl"):
        greeting = translation.gettext("Hello %(name)s,") % {"name": "Daan Lezer"}
    assert greeting != "Hello Daan Lezer,"
    assert greeting in dutch_mail.body


def test_a_post_without_english_version_is_mailed_in_english_with_the_dutch_link(
    client, bilingual, author, reader, mailoutbox
):
    dutch_only = BlogPageFactory(parent=bilingual.nl.group, title="Alleen in het Nederlands", author=author)
    english_reader = verified_member(display_name="Emma Reader", email="emma@samen.test", language="en")
    follow(client, english_reader, dutch_only)

    client.force_login(reader)
    client.post(POST_URL, reaction_data(dutch_only, "Interessant"))
    reaction = Reaction.objects.get(comment="Interessant")

    [mail] = [message for message in mailoutbox if message.to == [english_reader.email]]
    assert mail.subject == 'New reaction on "Alleen in het Nederlands"'
    assert absolute(f"{dutch_only.url}#reactie-{reaction.pk}") in mail.body
