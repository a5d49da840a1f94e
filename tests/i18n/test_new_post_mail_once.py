"""A post is news once: the group hears of it when its first language version is
published, not again when a translation of it is published for the first time."""

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from tests.groups.helpers import add_member

pytestmark = pytest.mark.django_db


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def members(bilingual):
    group = bilingual.nl.group
    dutch = add_member(group, Membership.Role.MEMBER, display_name="Nina Lid", email="nina@samen.test")
    english = add_member(group, Membership.Role.MEMBER, display_name="Emma Member", email="emma@samen.test")
    english.language = "en"
    english.save(update_fields=["language"])
    return dutch, english


def test_a_translation_published_for_the_first_time_mails_nobody(
    bilingual, members, author, translate_post, mailoutbox
):
    post = BlogPageFactory(parent=bilingual.nl.group, author=author, title="Samen leren", slug="samen-leren")
    publish(post, bilingual.capture)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(member.email for member in members)
    mailoutbox.clear()

    english = translate_post(post)

    assert english.first_published_at is not None
    assert mailoutbox == []


def test_the_first_publication_mails_each_member_once(bilingual, members, author, mailoutbox):
    post = BlogPageFactory(parent=bilingual.nl.group, author=author, title="Samen leren", slug="samen-leren")
    publish(post, bilingual.capture)
    publish(post, bilingual.capture)

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(member.email for member in members)


def test_whichever_language_goes_live_first_is_the_one_mailed(bilingual, members, author, translate_post, mailoutbox):
    post = BlogPageFactory(parent=bilingual.nl.group, author=author, title="Samen leren", slug="samen-leren")
    post.unpublish()
    english = translate_post(post)
    assert english.first_published_at is not None
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(member.email for member in members)
    mailoutbox.clear()

    publish(post, bilingual.capture)

    assert post.live
    assert mailoutbox == []
