"""The mail that tells a member their download is ready, in their language, with the
link that opens it (logged in as them, for ``MEMBER_DATA_EXPORT_HOURS`` hours)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.member_mail import member_language, member_message
from core.links import absolute_url
from outbox.queue import send_event


def send_ready_mail(export, token):
    """Put the mail in the outbox (once per download, however often this runs)."""
    member = export.member

    def build(recipient):
        with translation.override(member_language(recipient)):
            download_url = absolute_url(reverse("member_data:download", args=[token]))
            page_url = absolute_url(reverse("member_data:index"))
        return member_message(
            recipient,
            "member_data/email/ready_subject.txt",
            "member_data/email/ready.txt",
            {"download_url": download_url, "page_url": page_url, "hours": settings.MEMBER_DATA_EXPORT_HOURS},
        )

    return send_event(f"member-data-export:{export.pk}", [member], build)
