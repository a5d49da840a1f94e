"""Redis with a memory limit, as production runs it (README: maxmemory, allkeys-lru): a
flood of searches fills it, Redis evicts, and still every page answers, the memory stays
under the limit and a member who logged in stays logged in.

A throwaway redis-server on a free loopback port, with a limit of 1.5 MB, is the cache of
this test process, with the cache and session settings of site_config/settings/production.py
(read from those settings in a process of their own)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

import pytest
import redis

from accounts.factories import DEFAULT_PASSWORD
from blog.factories import BlogPageFactory
from tests.engagement.helpers import verified_member
from tests.production.servers import free_port

pytestmark = pytest.mark.django_db

LIMIT = 3 * 512 * 1024
SLACK = 64 * 1024
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PROFILE = "/nl/leden/profiel/bewerken/"


@pytest.fixture
def bounded_redis():
    """A redis-server of this test's own, limited to 1.5 MB and evicting any key when full."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide redis-server")
        pytest.skip("redis-server is not installed")
    port = free_port()
    folder = tempfile.mkdtemp(prefix="samen-bounded-redis-")
    process = subprocess.Popen(  # noqa: S603 - the machine's redis-server, on loopback only
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--maxmemory",
            str(LIMIT),
            "--maxmemory-policy",
            "allkeys-lru",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            folder,
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=5)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def production_cache_settings(redis_url):
    """CACHES, SESSION_ENGINE and SESSION_CACHE_ALIAS as the production settings make them
    for ``redis_url``."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({'CACHES': s.CACHES, 'SESSION_ENGINE': s.SESSION_ENGINE,"
        " 'SESSION_CACHE_ALIAS': s.SESSION_CACHE_ALIAS}))"
    )
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "x" * 60,
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter running our own settings
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_flood_of_searches_stays_under_the_limit_and_logs_nobody_out(bounded_redis, group):
    redis_url, server = bounded_redis
    for number in range(12):
        BlogPageFactory(parent=group, title=f"Welzijn in de wijk {number}", slug=f"welzijn-{number}")
    member = verified_member(email="blijft@samen.test", display_name="Blijft Ingelogd")

    with override_settings(**production_cache_settings(redis_url)):
        reader = Client(HTTP_USER_AGENT=BROWSER)
        logged_in = Client(HTTP_USER_AGENT=BROWSER)
        answer = logged_in.post(reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD})
        assert answer.status_code == 302
        assert logged_in.get(PROFILE).status_code == 200

        session_key = logged_in.cookies[settings.SESSION_COOKIE_NAME].value

        def session_in_redis():
            return any(server.scan_iter(match=f"*{session_key}*"))

        assert session_in_redis()
        # Searches, each asked twice so that it is stored (some 5 to 10 KB a copy), until
        # Redis has evicted the session's copy too: the oldest key of all.
        searches, peak = 0, 0
        while session_in_redis():
            assert searches < 1000, "a thousand searches and the session's copy is still there"
            for _ in range(10):
                url = f"/nl/zoeken/?q=welzijn+{searches}"
                for _ in range(2):
                    response = reader.get(url)
                    assert response.status_code == 200, url
                searches += 1
                peak = max(peak, server.info("memory")["used_memory"])
        assert server.info("stats")["evicted_keys"] > 0
        # Redis evicts before it runs a command, so the write just done may stand past the
        # limit until the next one: by one page copy at most.
        assert peak <= LIMIT + SLACK, f"{peak} bytes in use, the limit is {LIMIT}"

        # The member is still logged in, on the session they had: the database has it.
        profile = logged_in.get(PROFILE)
        assert profile.status_code == 200, profile.get("Location")
        assert "Blijft Ingelogd" in profile.content.decode()
        assert Session.objects.filter(session_key=session_key).exists()
        # And pages still come from the cache after the flood.
        post = group.get_children().live().first()
        reader.get(post.url)
        assert reader.get(post.url)["X-Cache"] == "HIT"
