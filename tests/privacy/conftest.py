from datetime import timedelta

from django.utils import timezone

import pytest

from privacy.models import PrivacyStatementVersion


@pytest.fixture
def first_version(db):
    return PrivacyStatementVersion.objects.create(
        label="1.0", in_force_from=timezone.localdate() - timedelta(days=100), summary="De eerste versie."
    )


def new_version(label="2.0", days_ago=0, summary="We bewaren je inloggegevens nu 90 dagen."):
    return PrivacyStatementVersion.objects.create(
        label=label, in_force_from=timezone.localdate() - timedelta(days=days_ago), summary=summary
    )
