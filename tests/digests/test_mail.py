"""The digest mail: in the member's language with links to the version of each post in
that language where one is live, text and HTML, through the outbox and a real SMTP
server; every link works, and the stop link turns the digest off in one click. The job
sends each period once, never an empty mail, and nothing to a member who chose no digest."""

import re
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from digests.jobs import due_members, enqueue_due_digests
from digests.mails import read_stop_digest_token, send_digest, stop_digest_token
from groups.mails import notify_token
from notifications.models import DigestSettings
from outbox.models import Mail
from tests.i18n.conftest import bilingual, translate_post  # noqa: F401 - fixtures used below

from .helpers import IN, NOW, WEEK, join, local, member, post_in

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def readers(bilingual, translate_post):  # noqa: F811 - the fixture imported above
    """Nina reads Dutch, Emma English; both are members of Menskracht, where a post in
    both languages and a Dutch one were published in week 10."""
    group = bilingual.nl.group
    nina = member("nina@samen.test", "Nina de Vries", language="nl")
    emma = member("emma@samen.test", "Emma Smith", language="en")
    join(nina, group)
    join(emma, group)
    both = post_in(group, "Samen leren", IN, slug="samen-leren")
    translate_post(both)
    post_in(group, "Tweede bericht", local(2026, 3, 6), slug="tweede-bericht")
    return nina, emma


def mail_to(address):
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


def html_of(message):
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


def links_of(message):
    return LINK.findall(message.body) + LINK.findall(html_of(message))


def test_each_member_reads_the_digest_in_their_language_with_links_in_it(readers):
    nina, emma = readers
    assert enqueue_due_digests(now=NOW) == 2

    english = mail_to("emma@samen.test")
    assert english.subject == "Your weekly digest: week 10: 2 March to 8 March 2026"
    assert english.body.startswith("Hello Emma Smith,")
    assert '<html lang="en">' in html_of(english)
    base = settings.SITE_BASE_URL.rstrip("/")
    assert f"{base}/en/groups/menskracht/learning-together/" in english.body
    assert "Learning together" in english.body and "Samen leren" not in english.body
    # No English version: the Dutch one, rather than nothing.
    assert f"{base}/nl/groepen/menskracht/tweede-bericht/" in english.body

    dutch = mail_to("nina@samen.test")
    assert "2 maart" in dutch.subject and "8 maart 2026" in dutch.subject
    assert dutch.body.startswith("Hallo Nina de Vries,")
    assert '<html lang="nl">' in html_of(dutch)
    assert f"{base}/nl/groepen/menskracht/samen-leren/" in dutch.body
    assert "/en/" not in dutch.body
    assert f"{base}/nl/leden/overzichtsmail/stoppen/" in dutch.body
    assert f"{base}/en/leden/overzichtsmail/stoppen/" in english.body


def test_every_link_in_the_digest_works_and_the_stop_link_turns_it_off(readers):
    nina, _emma = readers
    send_digest(nina.pk, WEEK)
    message = mail_to("nina@samen.test")
    links = links_of(message)
    base = settings.SITE_BASE_URL.rstrip("/")
    assert links and all(link.startswith(base) for link in links)
    header = re.fullmatch(
        rf"<{base}/nl/leden/overzichtsmail/stoppen/([^/]+)/>", message.extra_headers["List-Unsubscribe"]
    )
    assert read_stop_digest_token(header[1]) == nina.pk
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    reader = Client()
    reader.force_login(nina)
    for link in sorted(set(links), key=lambda link: "stoppen" in link):
        response = reader.get(link.removeprefix(base))
        assert response.status_code == 200, link
    assert DigestSettings.objects.get(user=nina).frequency == "off"


def test_the_one_click_post_of_a_mail_program_stops_the_digest_without_a_session(readers):
    nina, _emma = readers
    stop = reverse("digests:stop", args=[stop_digest_token(nina)])
    response = Client(enforce_csrf_checks=True).post(stop, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestSettings.objects.get(user=nina).frequency == DigestSettings.Frequency.OFF
    assert "Geen overzichtsmails meer" in response.content.decode()
    # Stopped is stopped: the job has nothing for her.
    assert [user_id for user_id, _key in due_members(NOW)] == [readers[1].pk]


WRONG_TOKENS = ["x", "<script>alert(1)<", "' OR 1=1 --", "a" * 5000, "%00", "eyJ1IjoxfQ:1abc:forged"]


def test_a_wrong_stop_link_changes_nothing_and_says_so(client, readers):
    for token in WRONG_TOKENS:
        response = client.get(f"/nl/leden/overzichtsmail/stoppen/{quote(token, safe='')}/")
        assert response.status_code == 400, token
        assert response.content.decode() == "Deze link is niet (meer) geldig.", token
    assert set(DigestSettings.objects.values_list("frequency", flat=True)) == {"weekly"}


def test_a_stop_link_of_another_mail_stops_no_digest(client, readers, bilingual):  # noqa: F811
    nina, _emma = readers
    other = notify_token(nina, bilingual.nl.group.translation_key)
    assert client.get(f"/nl/leden/overzichtsmail/stoppen/{other}/").status_code == 400
    assert DigestSettings.objects.get(user=nina).frequency == "weekly"


def test_the_digest_reaches_a_real_mail_server_through_the_outbox_in_text_and_html(readers, smtp_delivery):
    nina, emma = readers
    assert enqueue_due_digests(now=NOW) == 2
    assert sorted(smtp_delivery.recipients()) == ["emma@samen.test", "nina@samen.test"]
    received = next(item.message for item in smtp_delivery.received if item.rcpt_tos == ["emma@samen.test"])
    assert received["Subject"] == "Your weekly digest: week 10: 2 March to 8 March 2026"
    assert "".join(received["List-Unsubscribe"].split()).startswith("<http")
    assert received.get_content_type() == "multipart/alternative"
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in received.walk()
        if not part.is_multipart()
    }
    assert "Learning together" in parts["text/plain"]
    assert '<a href="http' in parts["text/html"] and "Learning together</a>" in parts["text/html"]
    rows = Mail.objects.filter(event=f"digest:{WEEK}")
    assert rows.count() == 2 and {row.status for row in rows} == {Mail.Status.SENT}


def test_the_job_run_again_sends_nothing_twice(readers):
    nina, emma = readers
    assert enqueue_due_digests(now=NOW) == 2
    assert enqueue_due_digests(now=NOW + timedelta(hours=1)) == 0
    assert send_digest(nina.pk, WEEK) == 0, "the task run again"
    assert len(mail.outbox) == 2
    assert set(DigestSettings.objects.values_list("last_sent_period", flat=True)) == {WEEK}
    # A task for an earlier week that comes late sends nothing either.
    assert send_digest(nina.pk, "2026-W09") == 0
    assert DigestSettings.objects.get(user=nina).last_sent_period == WEEK
    # The next week is due a week later.
    assert sorted(due_members(NOW + timedelta(days=7))) == sorted([(nina.pk, "2026-W11"), (emma.pk, "2026-W11")])


def test_nothing_to_say_sends_nothing_but_the_period_is_done(group):
    quiet = member("stil@samen.test", "Stil Lid")
    join(quiet, group)
    assert enqueue_due_digests(now=NOW) == 1
    assert mail.outbox == [] and not Mail.objects.exists()
    assert DigestSettings.objects.get(user=quiet).last_sent_period == WEEK
    assert due_members(NOW) == []


def test_no_digest_for_a_member_who_chose_none_or_another_frequency_or_left(readers):
    nina, emma = readers
    DigestSettings.objects.filter(user=nina).update(frequency="off")
    emma.is_active = False
    emma.save()
    assert due_members(NOW) == []
    assert send_digest(nina.pk, WEEK) == 0
    assert DigestSettings.objects.get(user=nina).last_sent_period == "", "off: not even recorded"
    # Switched to daily after a weekly digest was enqueued: the weekly one is not sent.
    DigestSettings.objects.filter(user=nina).update(frequency="daily")
    assert send_digest(nina.pk, WEEK) == 0
    assert due_members(NOW) == [(nina.pk, "2026-03-10")]
    assert mail.outbox == []


def test_daily_and_monthly_digests_cover_their_own_periods(readers):
    nina, emma = readers
    DigestSettings.objects.filter(user=nina).update(frequency="daily")
    DigestSettings.objects.filter(user=emma).update(frequency="monthly")
    # Half past midnight on 7 March: yesterday had the Dutch-only post (at its midnight);
    # February had nothing, so Emma gets no mail, and February is done.
    assert enqueue_due_digests(now=local(2026, 3, 7, 0, 30)) == 2
    daily = mail_to("nina@samen.test")
    assert daily.subject.endswith("6 maart 2026")
    assert "Tweede bericht" in daily.body and "Samen leren" not in daily.body
    assert len(mail.outbox) == 1
    assert DigestSettings.objects.get(user=emma).last_sent_period == "2026-02"
    # On 1 April, March: both posts.
    assert enqueue_due_digests(now=local(2026, 4, 1, 0, 30)) == 2
    monthly = mail_to("emma@samen.test")
    assert monthly.subject == "Your monthly digest: March 2026"
    assert "Learning together" in monthly.body and "Tweede bericht" in monthly.body
