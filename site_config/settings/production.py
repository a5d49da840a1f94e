"""Production: everything comes from the environment, and a missing secret stops start-up."""

from django.core.exceptions import ImproperlyConfigured

from . import environment as env
from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY

# Production sends real mail over SMTP unless told otherwise (EMAIL_HOST, EMAIL_PORT, ...).
EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
