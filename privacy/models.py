from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class PrivacyStatementVersion(TranslatableMixin, index.Indexed, models.Model):
    """A version of the privacy statement that members agree to.

    The statement itself is the page the footer links as the privacy statement; a version
    says from which day it holds and, for members who agreed to an earlier one, what
    changed. The version in force is the latest whose day has come: from that day on,
    members who have not agreed to it are asked at their next log-in.

    A version is written in the site's own language and translated in wagtail-localize
    like the pages; members agree to the version in the site's language, and read it in
    theirs when it has been translated (``for_reader``)."""

    label = models.CharField(
        _("version"),
        max_length=40,
        help_text=_('How members see this version named, for example "2.0" or "March 2026".'),
    )
    in_force_from = models.DateField(
        _("in force from"),
        default=timezone.localdate,
        help_text=_("From this day on members are asked to agree to this version when they log in."),
    )
    summary = models.TextField(
        _("what changed"),
        max_length=2000,
        help_text=_("A short summary of the changes, in plain words, shown to members who are asked again."),
    )

    panels = [FieldPanel("label"), FieldPanel("in_force_from"), FieldPanel("summary")]
    search_fields = [index.SearchField("label"), index.SearchField("summary")]
    # Translators give the summary in their language; the name and the day stay the source's.
    translatable_fields = [
        SynchronizedField("label"),
        SynchronizedField("in_force_from"),
        TranslatableField("summary"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("privacy statement version")
        verbose_name_plural = _("privacy statement versions")
        ordering = ["-in_force_from", "-pk"]
        constraints = [models.UniqueConstraint(fields=["label", "locale"], name="privacy_version_label_once")]

    def __str__(self):
        return self.label

    def for_reader(self):
        """This version as the active language has it: its translation, or itself."""
        if self.locale.language_code == translation.get_language():
            return self
        return self.get_translation_or_none(Locale.get_active()) or self


def current_version():
    """The version in force today, in the site's own language, or None while there is none.
    Versions written only in another language are translations without a source, and hold
    no one to anything."""
    versions = PrivacyStatementVersion.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE, in_force_from__lte=timezone.localdate()
    )
    return versions.select_related("locale").first()


class PrivacyAgreement(models.Model):
    """A member agreed to a version of the privacy statement, at sign-up or when asked."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_agreements")
    # What a member agreed to stays on record: a version with agreements cannot be deleted.
    version = models.ForeignKey(PrivacyStatementVersion, on_delete=models.PROTECT, related_name="agreements")
    agreed_at = models.DateTimeField(_("agreed at"), default=timezone.now)

    class Meta:
        verbose_name = _("agreement to the privacy statement")
        verbose_name_plural = _("agreements to the privacy statement")
        constraints = [models.UniqueConstraint(fields=["member", "version"], name="privacy_one_agreement_per_version")]

    def __str__(self):
        return f"{self.member_id} {self.version_id} {self.agreed_at:%Y-%m-%d}"


def has_agreed(member, version):
    return PrivacyAgreement.objects.filter(member=member, version=version).exists()


def agree(member, version):
    PrivacyAgreement.objects.get_or_create(member=member, version=version)
