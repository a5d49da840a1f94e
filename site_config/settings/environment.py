"""Every setting that differs between a laptop and production is read here, once.

Each variable is declared with its type and a default that runs on a laptop; the README
lists the same table. Settings modules import the values from here and never call
``os.environ`` themselves.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = env_str("REDIS_URL", "")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Members' downloads of their own data: on disk outside MEDIA_ROOT, which no address serves.
MEMBER_DATA_EXPORT_ROOT = Path(env_str("MEMBER_DATA_EXPORT_ROOT", str(BASE_DIR / "private" / "member-data")))
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(env_str("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samen <noreply@samen.localhost>")
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", True)
# Days an account that never confirmed its address is kept; days log-ins are remembered.
ACCOUNT_UNCONFIRMED_DAYS = int(env_str("ACCOUNT_UNCONFIRMED_DAYS", "7"))
LOGIN_HISTORY_DAYS = int(env_str("LOGIN_HISTORY_DAYS", "90"))
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
VIEW_COUNT_IGNORED_NETWORKS = env_list("VIEW_COUNT_IGNORED_NETWORKS", [])
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000")
# Production only: HTTPS everywhere (redirect, HSTS, secure cookies). Switch off only to
# try the production settings over plain HTTP on this machine (make serve-prod).
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_BASE_URL])
CONN_MAX_AGE = int(env_str("CONN_MAX_AGE", "600"))
# PostgreSQL settings for each connection of the site's (its "options" at start-up). The
# site's queries are short: JIT compilation costs them more than it saves, and with the
# data in memory or on SSD an index lookup costs little more than reading in order.
# Empty for none (a pooler that refuses start-up options, such as PgBouncer by default).
POSTGRES_OPTIONS = env_str("POSTGRES_OPTIONS", "-c jit=off -c random_page_cost=1.1")
# Media on S3-compatible storage when a bucket is named; files on disk otherwise.
S3_BUCKET = env_str("S3_BUCKET", "")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL", "")
S3_REGION = env_str("S3_REGION", "")
S3_ACCESS_KEY_ID = env_str("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = env_str("S3_SECRET_ACCESS_KEY", "")
S3_CUSTOM_DOMAIN = env_str("S3_CUSTOM_DOMAIN", "")
# The site itself answers MEDIA_URL from MEDIA_ROOT: only to try the production settings on
# one machine (make serve-prod); in production a proxy or the S3 storage serves the media.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# The full-page cache for anonymous readers (pagecache/middleware.py): how long a copy may be
# served, and how much longer a CDN may serve it while fetching a fresh one. 0 switches it off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_STALE_SECONDS = int(env_str("PAGE_CACHE_STALE_SECONDS", "60"))
# Members' pages from the same cache: what their audience shares, with their own parts
# rendered fresh (pagecache/personal_parts.py). "false" renders every member's page whole.
MEMBER_PAGE_CACHE = env_bool("MEMBER_PAGE_CACHE", True)
# A CDN or reverse proxy in front of the site, purged through Wagtail's frontend cache:
# "http" (Varnish and the like: PURGE requests to FRONTEND_CACHE_LOCATION), "cloudflare"
# (FRONTEND_CACHE_TOKEN, FRONTEND_CACHE_ZONE) or "cloudfront" (FRONTEND_CACHE_DISTRIBUTION).
FRONTEND_CACHE = env_str("FRONTEND_CACHE", "")
FRONTEND_CACHE_LOCATION = env_str("FRONTEND_CACHE_LOCATION", "")
FRONTEND_CACHE_TOKEN = env_str("FRONTEND_CACHE_TOKEN", "")
FRONTEND_CACHE_ZONE = env_str("FRONTEND_CACHE_ZONE", "")
FRONTEND_CACHE_DISTRIBUTION = env_str("FRONTEND_CACHE_DISTRIBUTION", "")
# Single sign-on with the organisation's OpenID Connect provider (accounts/sso.py); none at
# all without an issuer. SSO_LABEL is the log-in button's text (empty: a translated
# default), SSO_SIGNUP whether a first log-in may create an account, SSO_GROUPS which
# e-mail domains join which groups ("gemeente.nl=Medewerkers,Redactie;provincie.nl=
# Medewerkers", checked at start-up), SSO_DOMAINS the only domains it admits (empty: any).
SSO_ISSUER = env_str("SSO_ISSUER", "")
SSO_CLIENT_ID = env_str("SSO_CLIENT_ID", "")
SSO_CLIENT_SECRET = env_str("SSO_CLIENT_SECRET", "")
SSO_LABEL = env_str("SSO_LABEL", "")
SSO_SIGNUP = env_bool("SSO_SIGNUP", True)
SSO_GROUPS = env_str("SSO_GROUPS", "")
SSO_DOMAINS = env_list("SSO_DOMAINS", [])
