"""The pages every Dutch government site has: the accessibility statement, and the plain
pages about the site (privacy statement, contact, colophon) that the footer links to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models import TEXT_FEATURES, BasePage

from .blocks import AboutBodyBlock, KnownProblemsBlock


class FooterRole(models.TextChoices):
    PRIVACY = "privacy", _("Privacy statement")
    CONTACT = "contact", _("Contact")
    COLOPHON = "colophon", _("Colophon")
    OTHER = "other", _("Other: not in the footer")


class AboutPage(BasePage):
    """A page about the site itself. Its role says whether (and as what) the footer links
    to it; each role has at most one live page per language."""

    footer_role = models.CharField(
        _("role in the footer"),
        max_length=10,
        choices=FooterRole.choices,
        default=FooterRole.OTHER,
        help_text=_("The footer links to the privacy statement, the contact page and the colophon."),
    )
    body = StreamField(AboutBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("footer_role"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), index.FilterField("footer_role")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("body"),
        SynchronizedField("footer_role"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page about the site")
        verbose_name_plural = _("pages about the site")

    def clean(self):
        super().clean()
        if self.footer_role == FooterRole.OTHER:
            return
        taken = (
            AboutPage.objects.live()
            .filter(locale_id=self.locale_id, footer_role=self.footer_role)
            .exclude(pk=self.pk)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {
                    "footer_role": _(
                        "“%(title)s” already has the role “%(role)s” in this language. Choose another "
                        "role, or unpublish that page first."
                    )
                    % {"title": taken.title, "role": self.get_footer_role_display()}
                }
            )


class ComplianceStatus(models.TextChoices):
    """The statuses of the Dutch accessibility register, by their letters."""

    A = "A", _("A: fully compliant")
    B = "B", _("B: partially compliant")
    C = "C", _("C: first measures taken")
    D = "D", _("D: first measures planned")
    E = "E", _("E: not compliant")


STATUS_EXPLANATIONS = {
    ComplianceStatus.A: _("The site meets every requirement of the standard."),
    ComplianceStatus.B: _(
        "The site meets most requirements. For each part that does not yet, we know the cause, "
        "what it means for readers, and what we do about it by when."
    ),
    ComplianceStatus.C: _(
        "The site has been checked and the first improvements have been made, but not every "
        "problem found has a solution and a date yet."
    ),
    ComplianceStatus.D: _(
        "The site has not been checked in full yet; the check and the first improvements are planned."
    ),
    ComplianceStatus.E: _("The site does not meet the requirements, and no improvements are planned yet."),
}


class AccessibilityStatementPage(BasePage):
    """The accessibility statement, in the order of the Dutch government's model statement:
    who and what it covers, the compliance status, how the site was checked and what was
    found, the problems still known, how to report one, and where to go next."""

    organisation = models.CharField(_("organisation"), max_length=200, help_text=_("Who is responsible for the site."))
    site_address = models.URLField(_("website address"), help_text=_("The address of the site this statement covers."))
    compliance_status = models.CharField(
        _("compliance status"), max_length=1, choices=ComplianceStatus.choices, default=ComplianceStatus.B
    )
    statement_date = models.DateField(_("date of this statement"))
    last_checked = models.DateField(_("date of the last check"))
    check_results = RichTextField(
        _("results of the check"),
        features=TEXT_FEATURES,
        help_text=_("Which tools were used, on how many and which pages, and what was found."),
    )
    known_problems = StreamField(KnownProblemsBlock(), verbose_name=_("known problems"), blank=True)
    contact = RichTextField(
        _("reporting a problem"),
        features=TEXT_FEATURES,
        help_text=_("How readers report a problem they run into, and how soon they get an answer."),
    )
    enforcement = RichTextField(
        _("if the answer does not help"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Left empty, the page explains how to turn to the National Ombudsman."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("site_address"),
                FieldPanel("compliance_status"),
                FieldPanel("statement_date"),
            ],
            heading=_("The statement"),
        ),
        MultiFieldPanel([FieldPanel("last_checked"), FieldPanel("check_results")], heading=_("The check")),
        FieldPanel("known_problems"),
        FieldPanel("contact"),
        FieldPanel("enforcement"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("organisation"),
        index.SearchField("check_results"),
        index.SearchField("contact"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("organisation"),
        TranslatableField("check_results"),
        TranslatableField("known_problems"),
        TranslatableField("contact"),
        TranslatableField("enforcement"),
        SynchronizedField("site_address"),
        SynchronizedField("compliance_status"),
        SynchronizedField("statement_date"),
        SynchronizedField("last_checked"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    @property
    def status_explanation(self):
        return STATUS_EXPLANATIONS.get(self.compliance_status, "")
