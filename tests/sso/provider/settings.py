"""An OpenID Connect provider for the single sign-on tests: django-oauth-toolkit with its
OIDC support, its own SQLite database and a signing key made when it starts. Nothing of
the site is installed here; the site talks to it over HTTP as to an organisation's."""

import os

from jwcrypto import jwk

SECRET_KEY = "provider-test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.sso.provider.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SSO_PROVIDER_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/login/"
# The provider's log-in page, the one template it needs.
LOGIN_FORM = """<!doctype html><title>Provider</title>
<form method="post">{% csrf_token %}{{ form.as_p }}<button type="submit">Log in</button></form>"""
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("django.template.loaders.locmem.Loader", {"registration/login.html": LOGIN_FORM})],
            "context_processors": ["django.template.context_processors.csrf"],
        },
    }
]
# Who the people at the provider are, and what it says about them (tests/sso/conftest.py).
CLAIMS_FILE = os.environ["SSO_PROVIDER_CLAIMS"]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": jwk.JWK.generate(kty="RSA", size=2048)
    .export_to_pem(private_key=True, password=None)
    .decode(),
    "SCOPES": {"openid": "OpenID Connect", "profile": "Name", "email": "E-mail address"},
    "OAUTH2_VALIDATOR_CLASS": "tests.sso.provider.validator.ClaimsValidator",
    "PKCE_REQUIRED": True,
}
