"""Asking for a download of one's data, finding it again by the mailed link, and
removing it when the link has expired.

A member has at most one download being made at a time and
``MEMBER_DATA_EXPORTS_PER_DAY`` per 24 hours: each is a ZIP of everything they put on
the site, made by a worker, and asking twice is usually a second click, not a second
need. The mailed link carries a random token; only its SHA-256 is stored, so neither
the database nor its backups can open a download, and a guessed token matches nothing."""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DataExport
from .storage import export_storage

logger = logging.getLogger(__name__)

# A token is 32 random bytes, in URL-safe Base64: 43 characters of [A-Za-z0-9_-].
TOKEN_BYTES = 32
TOKEN_LENGTH = 43


class ExportRefused(Exception):
    """The member may not ask for another download now; the message says why."""


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def is_well_formed(token):
    return len(token) == TOKEN_LENGTH and all(c.isalnum() or c in "-_" for c in token) and token.isascii()


def refusal(member, now=None):
    """Why ``member`` may not ask for a download now, or "" when they may."""
    now = now or timezone.now()
    recent = DataExport.objects.filter(member=member, created_at__gt=now - timedelta(hours=24))
    if recent.filter(status=DataExport.Status.QUEUED).exists():
        return _("Your download is being made. You will receive an e-mail with the link as soon as it is ready.")
    if recent.count() >= settings.MEMBER_DATA_EXPORTS_PER_DAY:
        return _(
            "You have already asked for your data %(count)d times in the past 24 hours. "
            "Use the link in the e-mail you received, or try again tomorrow."
        ) % {"count": recent.count()}
    return ""


def ask_for_export(member):
    """Record a new download for ``member`` and return it; the caller enqueues the task
    that makes it in the same transaction. Raises ``ExportRefused``."""
    with transaction.atomic():
        # Two clicks at the same moment wait for each other here, so one of them is refused.
        get_user_model().objects.select_for_update().filter(pk=member.pk).first()
        reason = refusal(member)
        if reason:
            raise ExportRefused(reason)
        return DataExport.objects.create(member=member, file_name=f"{secrets.token_hex(24)}.zip")


def find_for_download(member, token):
    """The export of ``member`` that ``token`` opens, or ``None``: a token of another
    member, a guessed one, or one of a download that failed all find nothing."""
    if not isinstance(token, str) or not is_well_formed(token):
        return None
    return (
        DataExport.objects.filter(member=member, token_hash=token_hash(token))
        .exclude(status__in=[DataExport.Status.QUEUED, DataExport.Status.FAILED])
        .first()
    )


def has_expired(export, now=None):
    return export.status == DataExport.Status.EXPIRED or export.expires_at <= (now or timezone.now())


def remove_expired_exports(now=None):
    """The daily job: remove the file of every download whose link has expired (and what
    a failed one left), and the record of it ``MEMBER_DATA_EXPORT_KEEP_DAYS`` after it was
    asked for (until then, the old link says it expired instead of not being found).
    Returns how many files were removed."""
    now = now or timezone.now()
    storage = export_storage()
    removed = 0
    done = Q(expires_at__lte=now) | Q(status=DataExport.Status.FAILED)
    for export in DataExport.objects.filter(done).exclude(file_name=""):
        storage.delete(export.file_name)
        if export.status != DataExport.Status.FAILED:
            export.status = DataExport.Status.EXPIRED
        export.file_name = ""
        export.save(update_fields=["status", "file_name"])
        removed += 1
    # Each record takes its file along, if it still has one (models.py).
    DataExport.objects.filter(created_at__lt=now - timedelta(days=settings.MEMBER_DATA_EXPORT_KEEP_DAYS)).delete()
    if removed:
        logger.info("Removed %d data downloads whose links expired.", removed)
    return removed
