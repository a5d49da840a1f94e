"""The load balancer's two questions, and the security headers on every public page."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from wagtail.documents import get_document_model

import pytest
from bs4 import BeautifulSoup

from blog.factories import BlogPageFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_asking_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "cache": "ok"}}


@pytest.fixture
def unreachable_database():
    """Point the connection at a database that cannot be reached (a port nothing listens
    on, or a file in a folder that does not exist), for real, then put it back."""
    connection.close()
    saved = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    else:
        connection.settings_dict["NAME"] = "/nonexistent-folder/samen.sqlite3"
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.django_db(transaction=True)
def test_readyz_fails_when_the_database_is_down(client, unreachable_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failing", "cache": "ok"}


def test_readyz_fails_when_the_cache_is_down(client, settings):
    # A Redis cache on a port nothing listens on (changing CACHES resets Django's handler).
    settings.CACHES = {"default": {"BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"


PUBLIC_PAGES = ["/nl/", "/nl/blogs/", "/nl/groepen/", "/nl/zoeken/?q=samen", "/nl/account/login/"]


@pytest.fixture
def site(blog_index, group):
    BlogPageFactory(parent=group, title="Een bericht")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_carries_the_security_headers(client, site, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_run_no_inline_script(client, site, group):
    """With script-src 'self', an inline script would not run: the site's own JavaScript
    is in files, and the only inline script elements are data (JSON-LD, and the JSON the
    passkey button on the log-in page reads), which browsers never run."""
    post_url = group.get_children().first().url
    for url in [*PUBLIC_PAGES, post_url]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src")]
        assert all(s.get("type") in ("application/ld+json", "application/json") for s in inline), url
        assert not soup.select("[onclick], [onload], [onerror], [onsubmit]"), url


def test_the_admin_is_left_to_set_its_own_policy(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_document_downloads_keep_wagtails_stricter_policy(client):
    document = get_document_model().objects.create(
        title="Notulen", file=ContentFile(b"Notulen van de vergadering", name="notulen.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    # Nothing in a download may run or load anything (Wagtail's own header, not the site's).
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "camera=()" in response["Permissions-Policy"]


def deploy_check(**extra_environment):
    # The browser journeys' conftest allows Django's ORM in async contexts for the test
    # process only; a production server never has that switch.
    own = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **own,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-for-this-check-only-" + "x" * 20,
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{settings.BASE_DIR / 'check.sqlite3'}"),
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "ALLOWED_HOSTS": "samen.example.nl",
        "SITE_BASE_URL": "https://samen.example.nl",
        **extra_environment,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_settings_pass_the_deploy_check():
    result = deploy_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_production_settings_refuse_to_start_without_a_secret():
    result = deploy_check(SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_production_settings_cache_in_redis_keep_sessions_in_the_database_and_keep_connections():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE, s.CACHES[s.SESSION_CACHE_ALIAS]['LOCATION'],"
        " s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'],"
        " s.STORAGES['staticfiles']['BACKEND'], s.STORAGES['default']['BACKEND'], s.CSRF_TRUSTED_ORIGINS)"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "x" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        "SITE_BASE_URL": "https://samen.example.nl",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "pagecache.redis_cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "redis://127.0.0.1:6379/1",
        "600",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "django.core.files.storage.FileSystemStorage",
        "['https://samen.example.nl']",
    ]


def test_media_go_to_s3_when_a_bucket_is_named():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_config.settings.production",
        "SECRET_KEY": "x" * 60,
        "S3_BUCKET": "samen-media",
        "S3_ENDPOINT_URL": "https://s3.example.nl",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.core.files.storage import default_storage as d;"
            "print(type(d._wrapped if hasattr(d, '_wrapped') else d).__name__, d.bucket_name, d.endpoint_url)",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "samen-media", "https://s3.example.nl"]
