"""A CDN or proxy in front of the site is purged with the shared cache: a real HTTP
server here stands in for Varnish and records the PURGE requests Wagtail sends it."""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from django.conf import settings

import pytest

from blog.factories import BlogPageFactory
from engagement.ratings import cast_vote
from tests.engagement.helpers import make_reaction, verified_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def proxy():
    """A proxy that answers PURGE with 200 and remembers each (host, path)."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, purged
    server.shutdown()
    server.server_close()


@pytest.fixture
def frontend_cache(settings, proxy):
    server, purged = proxy
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    return purged


@pytest.fixture
def posts(group, other_group, blog_index):
    post = BlogPageFactory(parent=group, title="Gezond werken", slug="gezond-werken", tags=["gezondheid"])
    unrelated = BlogPageFactory(parent=other_group, title="Iets anders", slug="iets-anders", tags=["digitaal"])
    return post, unrelated


def paths(purged):
    return {path for _host, path in purged}


def test_publishing_a_post_purges_the_post_its_group_and_the_indexes(
    frontend_cache, posts, group, other_group, home, django_capture_on_commit_callbacks
):
    post, unrelated = posts
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Gezond werken, bijgewerkt"
        post.save_revision().publish()
    purged = paths(frontend_cache)
    assert {post.url, group.url, group.members_url(), home.url, "/nl/blogs/", "/nl/groepen/"} <= purged
    assert unrelated.url not in purged
    assert other_group.url not in purged
    # The CDN is told the site's own address (Wagtail's Site record follows SITE_BASE_URL).
    assert {host for host, _path in frontend_cache} == {urlsplit(settings.SITE_BASE_URL).netloc}


def test_a_reaction_and_a_vote_purge_the_post(frontend_cache, posts, django_capture_on_commit_callbacks):
    post, unrelated = posts
    with django_capture_on_commit_callbacks(execute=True):
        make_reaction(post, verified_member(), "Goed punt.")
    assert post.url in paths(frontend_cache)
    frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cast_vote(verified_member(), post, 5)
    assert post.url in paths(frontend_cache)
    assert unrelated.url not in paths(frontend_cache)


def test_without_a_frontend_cache_nothing_is_sent(settings, proxy, posts, django_capture_on_commit_callbacks):
    _server, purged = proxy
    assert not getattr(settings, "WAGTAILFRONTENDCACHE", None)
    post, _unrelated = posts
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert purged == []


def settings_in_production(setting="WAGTAILFRONTENDCACHE", **variables):
    """Load the production settings in a fresh interpreter with ``variables`` set, and
    print ``setting`` as JSON."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "x" * 60,
        **variables,
    }
    return subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [
            sys.executable,
            "-c",
            "import django, json; django.setup(); from django.conf import settings as s;"
            f"print(json.dumps(getattr(s, {setting!r}, None)))",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, None),
        (
            {"FRONTEND_CACHE": "http", "FRONTEND_CACHE_LOCATION": "http://varnish:6081"},
            {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish:6081"},
        ),
        (
            {"FRONTEND_CACHE": "cloudflare", "FRONTEND_CACHE_TOKEN": "t0k3n", "FRONTEND_CACHE_ZONE": "z0n3"},
            {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": "t0k3n",
                "ZONEID": "z0n3",
            },
        ),
        (
            {"FRONTEND_CACHE": "cloudfront", "FRONTEND_CACHE_DISTRIBUTION": "E123"},
            {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend", "DISTRIBUTION_ID": "E123"},
        ),
    ],
)
def test_the_frontend_cache_is_switched_on_by_environment_variables(variables, expected):
    result = settings_in_production(**variables)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == (None if expected is None else {"default": expected})


def test_an_unknown_frontend_cache_stops_start_up():
    result = settings_in_production(FRONTEND_CACHE="akamai")
    assert result.returncode != 0
    assert "FRONTEND_CACHE must be one of http, cloudflare, cloudfront" in result.stderr


@pytest.mark.parametrize(("redis_url", "seconds"), [("", 0), ("redis://127.0.0.1:6379/1", 600)])
def test_without_a_shared_cache_production_keeps_no_page_copies(redis_url, seconds):
    # Each gunicorn worker would keep its own copies, and a purge would reach one of them.
    result = settings_in_production("PAGE_CACHE_SECONDS", REDIS_URL=redis_url, PAGE_CACHE_SECONDS="600")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == seconds
