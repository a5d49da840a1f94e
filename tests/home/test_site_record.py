from django.contrib.sites.models import Site

import pytest

pytestmark = pytest.mark.django_db


def test_the_site_record_names_samen_at_its_own_address(settings):
    # The migration read SITE_BASE_URL (the test settings keep the laptop default).
    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.name == "Samen"
    assert site.domain == "127.0.0.1:8000"
