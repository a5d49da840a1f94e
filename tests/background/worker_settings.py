"""Settings of the worker processes the tests start (tests/background/workers.py): the
test settings with the database queue, mail over SMTP to the test's own server, and
times short enough for a test. The test says which database and which port."""

import os

from site_config.settings.test import *  # noqa: F403
from site_config.settings.test import PERIODIC_JOBS

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SAMEN_TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 10
MAIL_BATCH_SIZE = int(os.environ.get("SAMEN_TEST_MAIL_BATCH", "100"))
# Ten attempts a second apart: long enough for a test to stop and start its mail server.
MAIL_RETRY_DELAYS = [1] * 10
TASK_WORKER_BEAT_SECONDS = 0.5
TASK_WORKER_LOST_AFTER = 3
# Every periodic job every second.
PERIODIC_JOBS = {name: (path, 1) for name, (path, _every) in PERIODIC_JOBS.items()}
