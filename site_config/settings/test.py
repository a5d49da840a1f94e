"""Fast, isolated test runs: cheap hashing, local memory cache, plain static files,
mail kept in memory and videos embedded by a finder that never leaves the machine."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "samen-test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Mail goes through the outbox as on the site (tests/conftest.py puts EMAIL_BACKEND back
# after Django's test set-up) and is delivered into django.core.mail.outbox.
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the call that enqueues them, unless a test is about the queue
# itself: those use the database queue and real workers (tests/background/).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A line for every task run is noise here; a failing task still logs.
LOGGING["loggers"]["django_tasks"]["level"] = "WARNING"  # noqa: F405
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="samen-test-media-"))
MEMBER_DATA_EXPORT_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": tempfile.mkdtemp(prefix="samen-test-exports-"), "base_url": None},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A file, not memory, so that worker processes started by a test see its database.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"samen-test-{os.getpid()}.sqlite3")}  # noqa: F405
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finder.LocalVideoFinder"}]
# The browser journeys add passkeys on http://localhost (live_server).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
