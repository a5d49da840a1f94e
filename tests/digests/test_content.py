"""What a digest says: the posts of the right period only; new posts in the member's
groups whose mail switch is on and by the people and with the tags they follow; the most
read and best rated of the period; reactions on their own posts; the notifications they
chose for the digest. Closed-group and owner-only posts only for their readers, and each
post once."""

from datetime import date

import pytest

from access.models import Membership
from notifications.models import DigestSettings, Kind
from tests.engagement.helpers import verified_member

from .helpers import (
    AFTER,
    BEFORE,
    FIRST_MOMENT,
    IN,
    LONG_AGO,
    digest_of,
    follow_person,
    follow_tag,
    join,
    local,
    member,
    notify,
    post_in,
    react,
    reads,
    titles,
    vote,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(group, other_group, closed_group):
    """Nina is a member of Menskracht (mails on), Vertrouwelijk (closed) and Digitaal
    Samenwerken (mails off); she follows Piet and the tag "talent". Otto is a member of
    Menskracht only."""
    nina = member("nina@samen.test", "Nina de Vries")
    otto = member("otto@samen.test", "Otto Jansen")
    anouk = verified_member(email="anouk@samen.test", display_name="Anouk Verbeek")
    piet = verified_member(email="piet@samen.test", display_name="Piet Bakker")
    bram = verified_member(email="bram@samen.test", display_name="Bram Kuipers")
    join(nina, group)
    join(nina, closed_group)
    join(nina, other_group, notify=False)
    join(otto, group)
    join(anouk, closed_group, role=Membership.Role.OWNER)
    follow_person(nina, piet)

    posts = {
        "first": post_in(group, "Het eerste moment", FIRST_MOMENT, author=anouk),
        "new": post_in(group, "Nieuw in Menskracht", IN, author=anouk),
        "early": post_in(group, "Te vroeg", BEFORE, author=anouk),
        "late": post_in(group, "Te laat", AFTER, author=anouk),
        "closed": post_in(closed_group, "Alleen voor leden", local(2026, 3, 6), author=anouk),
        "private": post_in(group, "Privé notitie", IN, author=anouk, access_level="owner"),
        "quiet": post_in(other_group, "Stil in Digitaal", IN, author=anouk),
        "piet": post_in(other_group, "Van Piet", IN, author=piet),
        "piet-talent": post_in(other_group, "Piet over talent", local(2026, 3, 7), author=piet, tags=["talent"]),
        "talent": post_in(other_group, "Over talent", IN, author=anouk, tags=["talent", "leren"]),
        "read": post_in(group, "Veel gelezen", LONG_AGO, author=anouk),
        "read-later": post_in(group, "Later gelezen", LONG_AGO, author=anouk),
        "rated": post_in(group, "Goed beoordeeld", LONG_AGO, author=anouk),
        "rated-later": post_in(group, "Later beoordeeld", LONG_AGO, author=anouk),
        "own": post_in(group, "Mijn verhaal", LONG_AGO, author=nina),
        "question": post_in(group, "Een vraag", LONG_AGO, author=anouk),
    }
    follow_tag(nina, "talent")

    reads(posts["read"], 40, date(2026, 3, 4))
    reads(posts["read-later"], 500, date(2026, 3, 9))
    reads(posts["read-later"], 3, date(2026, 3, 8))
    reads(posts["closed"], 900, date(2026, 3, 6))
    reads(posts["private"], 900, date(2026, 3, 6))
    vote(posts["rated"], bram, 5, IN)
    vote(posts["rated"], otto, 4, IN)
    vote(posts["rated-later"], bram, 5, AFTER)
    vote(posts["closed"], anouk, 5, IN)
    react(posts["own"], bram, IN)
    react(posts["own"], otto, local(2026, 3, 8, 23, 59))
    react(posts["own"], anouk, BEFORE)
    react(posts["own"], nina, IN, text="Dank jullie!")

    notify(nina, Kind.MENTION, posts["question"], actor=bram)
    notify(nina, Kind.REPLY, posts["question"], actor=otto)
    notify(nina, Kind.REACTION, posts["read"], actor=bram, for_digest=False)
    notify(nina, Kind.MENTION, posts["rated"], actor=bram, when=AFTER)
    notify(nina, Kind.MENTION, posts["private"], actor=anouk)
    return {"nina": nina, "otto": otto, "anouk": anouk, "posts": posts}


def test_the_digest_holds_what_happened_in_the_period_for_the_member(world):
    assert titles(digest_of(world["nina"], "en")) == {
        "for-you": ["Een vraag"],
        "reactions": ["Mijn verhaal"],
        "groups": ["Het eerste moment", "Nieuw in Menskracht", "Alleen voor leden"],
        "people": ["Van Piet", "Piet over talent"],
        "tags": ["Over talent"],
        "most-read": ["Veel gelezen", "Later gelezen"],
        "best-rated": ["Goed beoordeeld"],
    }


def test_each_entry_says_what_happened(world):
    sections = {section.name: section.entries for section in digest_of(world["nina"], "en").sections}
    [question] = sections["for-you"]
    assert question.lines == [
        'Bram Kuipers mentioned you in "Een vraag".',
        'Otto Jansen replied to your reaction on "Een vraag".',
    ]
    [own] = sections["reactions"]
    assert own.lines == ["2 new reactions, by Bram Kuipers and Otto Jansen"]
    assert own.url.endswith("/mijn-verhaal/#reacties")
    assert [entry.lines for entry in sections["most-read"]] == [["40 views"], ["3 views"]]
    assert sections["best-rated"][0].lines == ["4.5/5 stars (2)"]
    assert sections["groups"][1].meta == "by Anouk Verbeek in Menskracht"


def test_closed_group_and_owner_only_posts_reach_only_their_readers(world):
    otto = titles(digest_of(world["otto"], "en"))
    assert otto == {
        "groups": ["Het eerste moment", "Nieuw in Menskracht"],
        "most-read": ["Veel gelezen", "Later gelezen"],
        "best-rated": ["Goed beoordeeld"],
    }
    everything = [title for section in titles(digest_of(world["nina"], "en")).values() for title in section]
    assert "Privé notitie" not in everything, "an owner-only post, even when a notification names it"
    assert "Stil in Digitaal" not in everything, "the group's mail switch is off"
    assert len(everything) == len(set(everything)), "each post once"


def test_the_author_of_an_owner_only_post_and_a_site_editor_may_see_it(world, superuser):
    assert "Privé notitie" in titles(digest_of(_with_digest(superuser), "en"))["most-read"]
    anouk = _with_digest(world["anouk"])
    assert "Privé notitie" in titles(digest_of(anouk, "en"))["most-read"]


def _with_digest(user):
    DigestSettings.objects.get_or_create(user=user, defaults={"frequency": "weekly"})
    return user


def test_nothing_happened_means_an_empty_digest(group):
    quiet = member("stil@samen.test", "Stil Lid")
    join(quiet, group)
    post_in(group, "Oud nieuws", LONG_AGO)
    digest = digest_of(quiet, "nl")
    assert not digest and titles(digest) == {}
