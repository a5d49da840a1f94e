"""gunicorn for Samen: a few worker processes with threads. Everything can be overridden
from the environment."""

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
# Workers are not recycled unless GUNICORN_MAX_REQUESTS asks for it: a worker that
# restarts under load drops the connections waiting on its own socket (reuse_port), which
# make bench saw as failed requests, and their memory stays flat (docs/performance.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# "-" logs to standard output; an empty value switches the access log off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
wsgi_app = "site_config.wsgi:application"
raw_env = [f"DJANGO_SETTINGS_MODULE={os.environ.get('DJANGO_SETTINGS_MODULE', 'site_config.settings.production')}"]
# gunicorn's control socket (for gunicornc) defaults to one path per user account,
# ~/.gunicorn/gunicorn.ctl: a second server on the machine (make bench beside make
# serve-prod, the two-server tests) unlinks the first one's socket and takes the path, so
# commands meant for one server reach the other. Samen's servers are run with signals;
# a server gets a control socket only at a path given for it alone.
control_socket_path = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if control_socket_path:
    control_socket = control_socket_path
else:
    control_socket_disable = True
