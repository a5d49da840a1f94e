"""gunicorn for Samen: a few worker processes with threads, recycled now and then so that
no process grows without limit. Everything can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() + 1, 4)))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Each worker listens on its own socket and the kernel spreads new connections over them.
# With one shared socket, whichever worker wakes first accepts a whole burst of
# connections, and a few keep-alive clients can end up on one worker (one core).
reuse_port = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycled now and then as a guard against slow leaks, but rarely: a restart costs a
# worker boot, and at cached-page rates 2,000 requests pass in seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
# "-" logs to standard output; an empty value switches the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
wsgi_app = "site_config.wsgi:application"
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'site_config.settings.production')}"]
