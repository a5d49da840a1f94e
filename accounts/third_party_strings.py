"""Texts of Django and django-allauth that members read on the account pages, kept here so
that ``makemessages`` copies them into the site's own catalogue (``locale/``), which comes
before the libraries' catalogues.

Why: Django's Dutch catalogue has no translation of the "too short" password error (its
msgid there still says ``%(min_length)d`` where the code now asks for ``%d``, so the error
appears in English on the Dutch site), and its password hints are formal ("Uw
wachtwoord…") where the site says "je". allauth's Dutch mixes "inloggen" with the site's
"aanmelden". With the msgids listed here the site's own wording wins in both languages.

Nothing calls this module; the strings are only marked. Each msgid must stay exactly as
the library spells it (apostrophes included), or the library's own text comes back."""

from django.utils.translation import gettext_noop, ngettext_lazy

# django.contrib.auth.password_validation: errors and the hints under the password field.
PASSWORD_VALIDATION = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)

# allauth.account.forms, fields and adapter: labels, placeholders and errors of the log-in,
# sign-up, password reset and password change forms.
ALLAUTH_FORMS = (
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Remember Me"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Forgot your password?"),
)
