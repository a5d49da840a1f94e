"""allauth's password forms, reporting every mistake in one answer.

allauth compares the two passwords only when the first one passed the password rules, so a
password that is both too short and mistyped the second time took two tries to hear about.
Here the comparison is made on what was typed, whatever else is wrong."""

from django.utils.translation import gettext_lazy as _

from allauth.account import forms as allauth_forms


class BothPasswordsChecked:
    """Says "type the same password twice" next to the other errors of the same submit."""

    def clean(self):
        cleaned_data = super().clean()
        first, again = (self.data.get(self.add_prefix(name)) for name in ("password1", "password2"))
        if first and again and first != again and not self.has_error("password2"):
            self.add_error("password2", _("You must type the same password each time."))
        return cleaned_data


class ChangePasswordForm(BothPasswordsChecked, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(BothPasswordsChecked, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordKeyForm(BothPasswordsChecked, allauth_forms.ResetPasswordKeyForm):
    pass
