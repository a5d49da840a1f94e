import json
from pathlib import Path

from django.conf import settings

from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    """The claims (email, email_verified, name) each person has in the claims file, read
    at every request, so that a test can change what the provider says."""

    def get_additional_claims(self, request):
        people = json.loads(Path(settings.CLAIMS_FILE).read_text())
        return people[request.user.username]["claims"]
