import datetime
import json

import factory
import wagtail_factories

from .models import AboutPage, AccessibilityStatementPage, ComplianceStatus, FooterRole


class AboutPageFactory(wagtail_factories.PageFactory):
    """A page about the site; ``body`` takes the stream as a list of ``{"type", "value"}``."""

    title = factory.Sequence(lambda n: f"Over Samen {n}")
    footer_role = FooterRole.OTHER
    body = factory.LazyFunction(lambda: json.dumps([{"type": "paragraph", "value": "<p>Over deze site.</p>"}]))

    class Meta:
        model = AboutPage


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    title = "Toegankelijkheidsverklaring"
    slug = "toegankelijkheid"
    organisation = "Gemeente Samenstad"
    site_address = "https://samen.test/"
    compliance_status = ComplianceStatus.B
    statement_date = datetime.date(2026, 12, 14)
    last_checked = datetime.date(2026, 12, 7)
    check_results = "<p>Gecontroleerd met axe-core.</p>"
    contact = "<p>Mail naar toegankelijkheid@samen.test.</p>"

    class Meta:
        model = AccessibilityStatementPage
