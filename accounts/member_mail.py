"""Mail to one member, in the language they chose for e-mail. Every mail the site sends a
member about something that happened (a reaction on a post they follow, a new post in
their group, a request to join or its answer) is made by ``member_message`` and sent
through the outbox (``outbox.queue.send_event``), from a task.

The account mails (confirmation, password reset) are allauth's own and go through its
adapter instead: allauth puts the site's name before their subject, which these mails
never had. They reach the outbox through ``EMAIL_BACKEND``."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from core.links import absolute_url


def member_language(member):
    """The language ``member`` reads the site's mail in."""
    return getattr(member, "language", "") or settings.LANGUAGE_CODE


def member_message(member, subject_template, body_template, context, *, html_template=None, stop_url=None):
    """The mail to ``member``: the templates rendered in their language.

    The templates get ``context`` with ``member`` and ``LANGUAGE_CODE`` added. ``stop_url``
    is the signed link that stops this kind of mail without logging in: it is put on the
    site's own address (``SITE_BASE_URL``, never a Host a request claimed), given to the
    templates as ``stop_url``, and announced in ``List-Unsubscribe`` with
    ``List-Unsubscribe-Post``, so that mail programs can offer the one click of RFC 8058."""
    language = member_language(member)
    context = {**context, "member": member, "LANGUAGE_CODE": language}
    headers = {}
    if stop_url:
        context["stop_url"] = stop_url = absolute_url(stop_url)
        headers = {"List-Unsubscribe": f"<{stop_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
        html = render_to_string(html_template, context) if html_template else None
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email], headers=headers)
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def stop_token(member, subject_key, salt, field="k"):
    """A signed token for a one-click stop link: this member, this subject (a post's or a
    group's translation key); ``salt`` says which mails it stops. ``field`` names the
    subject in the token, as links already mailed have it."""
    return signing.dumps({"u": member.pk, field: str(subject_key)}, salt=salt, compress=True)


def read_stop_token(token, salt, field="k"):
    """``(member id, subject key)`` from a token this site signed with ``salt``, else ``None``."""
    try:
        data = signing.loads(token, salt=salt)
        return int(data["u"]), str(data[field])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
