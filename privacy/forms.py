from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import SignupDetailsForm

from .models import agree, current_version


class AgreementFields(forms.Form):
    """The question for the version in force: a box to tick, and which version was shown
    (so that a version coming into force while the form was open is not agreed to unread)."""

    agree_to_privacy = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to agree to the privacy statement.")},
    )
    # The version shown is sent back as "privacy_version", written into the page by
    # templates/privacy/agreement_field.html: always the one in force when the page was made,
    # also when a form with errors is shown again.
    VERSION_FIELD = "privacy_version"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_statement_version = current_version()
        version = self.privacy_statement_version
        if version is None:
            # Nothing to agree to yet.
            del self.fields["agree_to_privacy"]
            return
        self.fields["agree_to_privacy"].label = gettext(
            "I have read and agree to the privacy statement (version %(version)s)."
        ) % {"version": version.label}

    def clean(self):
        cleaned_data = super().clean()
        version = self.privacy_statement_version
        # A form without the field (allauth's own templates) agrees to the version it names.
        shown = self.data.get(self.VERSION_FIELD)
        if (
            version is not None
            and "agree_to_privacy" in cleaned_data
            and shown is not None
            and str(shown) != str(version.pk)
        ):
            self.add_error(
                "agree_to_privacy",
                forms.ValidationError(
                    _("A new version of the privacy statement came into force. Please read it and tick the box again."),
                    code="changed",
                ),
            )
        return cleaned_data

    def record_agreement(self, member):
        if self.privacy_statement_version is not None:
            agree(member, self.privacy_statement_version)


class SignupWithPrivacyForm(AgreementFields, SignupDetailsForm):
    """Sign-up's own questions (display name) and the agreement to the privacy statement."""

    def signup(self, request, user):
        super().signup(request, user)
        self.record_agreement(user)


class ConsentForm(AgreementFields):
    """Asked at log-in when a new version is in force."""
