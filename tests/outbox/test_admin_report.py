"""The outbox in the Wagtail admin: the administrators see the mail that waits or failed
(and, when they ask, what was sent) and send it again; nobody else sees it."""

from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

import pytest

from outbox.models import Mail
from outbox.queue import queue_messages
from tests.engagement.helpers import member_of, verified_member
from tests.helpers import nl, parse
from tests.mailserver import free_port

pytestmark = pytest.mark.django_db

REPORT = reverse("outbox_report")
SEND_AGAIN = reverse("outbox_send_again")
Status = Mail.Status


@pytest.fixture
def outbox(settings):
    """One mail of each state: sent, failed for good, waiting after a server that was down."""
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queue_messages([EmailMessage("Welkom bij Samen", "Hallo", None, ["sent@samen.test"])])
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", free_port(), False
    queue_messages([EmailMessage("Nieuwe reactie", "Hallo", None, ["waiting@samen.test"])])
    queue_messages([EmailMessage("Verzoek om lid te worden", "Hallo", None, ["failed@samen.test"])])
    Mail.objects.filter(to="failed@samen.test").update(status=Status.FAILED, last_error="SMTPRecipientsRefused: 550")
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    return {row.to: row for row in Mail.objects.all()}


def recipients_listed(response):
    return sorted(cell.get_text(strip=True) for cell in parse(response).select("tbody tr td:nth-of-type(2)"))


def test_an_administrator_sees_what_waits_and_what_failed(client, superuser, outbox):
    client.force_login(superuser)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert recipients_listed(response) == ["failed@samen.test", "waiting@samen.test"]
    html = response.content.decode()
    assert "SMTPRecipientsRefused: 550" in html
    assert "Connection refused" in html or "ConnectionRefused" in html

    assert recipients_listed(client.get(REPORT, {"status": "sent"})) == ["sent@samen.test"]
    assert recipients_listed(client.get(REPORT, {"status": "failed"})) == ["failed@samen.test"]


def test_the_report_is_in_dutch_and_in_the_reports_menu(client, superuser, outbox):
    client.force_login(superuser)
    soup = parse(client.get(REPORT))
    assert soup.find("h1").get_text(strip=True) == nl("Outgoing mail") == "Uitgaande mail"
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Uitgaande mail" in home
    assert "1 mail kon niet worden verstuurd" in " ".join(
        parse(client.get(reverse("wagtailadmin_home"))).get_text().split()
    )


@pytest.mark.parametrize("value", ["abc", "", "1;DROP TABLE outbox_mail", "<script>", "9" * 40, "-1"])
def test_send_again_answers_bad_input_with_400(client, superuser, outbox, value):
    client.force_login(superuser)
    response = client.post(SEND_AGAIN, {"mail": value})
    assert response.status_code == 400
    assert "Choose the mail to send again." in response.content.decode() or "Kies" in response.content.decode()
    assert Mail.objects.get(to="failed@samen.test").status == Status.FAILED


def test_send_again_sends_a_failed_mail_once_and_leaves_a_sent_one_alone(client, superuser, outbox):
    client.force_login(superuser)
    response = client.post(SEND_AGAIN, {"mail": [outbox["failed@samen.test"].pk, outbox["sent@samen.test"].pk]})
    assert response.status_code == 302 and response["Location"] == REPORT
    assert [m.to for m in mail.outbox] == [["failed@samen.test"]]
    row = Mail.objects.get(to="failed@samen.test")
    assert (row.status, row.attempts) == (Status.SENT, 0), "a new series of attempts, the first of which worked"
    assert "1 mail is weer onderweg" in client.get(REPORT).content.decode()


def test_send_all_failed_again(client, superuser, outbox):
    client.force_login(superuser)
    client.post(SEND_AGAIN, {"all_failed": "1"})
    assert [m.to for m in mail.outbox] == [["failed@samen.test"]]
    client.post(SEND_AGAIN, {"all_failed": "1"})
    assert len(mail.outbox) == 1, "nothing failed any more"


def test_send_again_only_by_post(client, superuser, outbox):
    client.force_login(superuser)
    assert client.get(SEND_AGAIN, {"mail": outbox["failed@samen.test"].pk}).status_code == 405
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["editor", "member", "anonymous"])
def test_nobody_else_sees_the_outbox_or_sends_from_it(client, outbox, who):
    if who == "editor":
        client.force_login(member_of("Editors", email="eva@samen.test"))
    elif who == "member":
        client.force_login(verified_member(email="bram@samen.test"))
    report = client.get(REPORT)
    again = client.post(SEND_AGAIN, {"all_failed": "1"})
    assert report.status_code in (302, 403) and again.status_code in (302, 403)
    if who == "anonymous":
        assert "/account/login/" in report["Location"] or "login" in report["Location"]
    assert "failed@samen.test" not in report.content.decode()
    assert mail.outbox == []
    assert Mail.objects.get(to="failed@samen.test").status == Status.FAILED
    if who == "editor":
        # Wagtail's answer to a view the account may not open: back to the dashboard.
        assert report.status_code == 403 or report["Location"] == reverse("wagtailadmin_home")
        assert "Uitgaande mail" not in client.get(reverse("wagtailadmin_home")).content.decode()
