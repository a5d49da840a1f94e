"""A laptop: debug on, a throwaway key, mail printed to the console."""

from . import environment as env
from .base import *  # noqa: F403

DEBUG = env.env_bool("DEBUG", True)
SECRET_KEY = env.SECRET_KEY or "samen-dev-only-not-secret"
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["*"])
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Passkeys on http://localhost:8000 (production is served over HTTPS).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
