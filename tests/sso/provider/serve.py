"""Start the test provider: migrate its database, make its people and the site's client
application, and serve it over HTTP on a free port of 127.0.0.1, which it prints first.

    SSO_PROVIDER_DB=... SSO_PROVIDER_CLAIMS=... SSO_PROVIDER_REDIRECT_URIS="..." \\
        python -m tests.sso.provider.serve CLIENT_ID CLIENT_SECRET
"""

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def set_up(client_id, client_secret):
    from django.conf import settings  # noqa: PLC0415 (after django.setup())
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    from oauth2_provider.models import Application  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    for username, person in json.loads(Path(settings.CLAIMS_FILE).read_text()).items():
        User.objects.create_user(username, password=person["password"])
    Application.objects.create(
        name="Samen",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["SSO_PROVIDER_REDIRECT_URIS"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main(client_id, client_secret):
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso.provider.settings"
    django.setup()
    set_up(client_id, client_secret)
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415

    server = make_server(
        "127.0.0.1", 0, get_wsgi_application(), server_class=ThreadingServer, handler_class=QuietHandler
    )
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:3])
