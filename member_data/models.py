"""What the site keeps of a member's download of their data: the request, the private
file once it is made, and the hash of the link's token. The token itself is only in the
mail."""

from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .storage import export_storage


class DataExport(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The ZIP's name in the private export storage (member_data/storage.py), chosen at
    # random when the export is asked for; empty once the file is removed.
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    # SHA-256 of the token in the mailed link; empty until the file is ready.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("data download")
        verbose_name_plural = _("data downloads")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "created_at"], name="member_data_export_recent")]

    def __str__(self):
        return f"{self.member_id}: {self.status}"


@receiver(post_delete, sender=DataExport, dispatch_uid="delete_data_export_file")
def _delete_file_with_export(sender, instance, using, **kwargs):
    # A download deleted with its member (or by hand) takes its file along, once the
    # deletion is committed.
    if instance.file_name:
        transaction.on_commit(partial(export_storage().delete, instance.file_name), using=using)
