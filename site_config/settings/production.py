"""Production: PostgreSQL with persistent connections, Redis for the cache (and a read
copy of the sessions, which live in the database), media on S3-compatible storage when a
bucket is named, compressed and hashed static files, HTTPS everywhere. Everything comes
from the environment; a missing secret stops start-up."""

from django.core.exceptions import ImproperlyConfigured

from . import environment as env
from .base import *  # noqa: F403
from .base import DATABASES, DEBUG, SECRET_KEY, STORAGES

# The workers send real mail over SMTP unless told otherwise (EMAIL_HOST, EMAIL_PORT, ...).
MAIL_DELIVERY_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

if not DEBUG and not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# Keep connections open between requests, and check them before use.
DATABASES["default"]["CONN_MAX_AGE"] = env.CONN_MAX_AGE
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if not env.REDIS_URL:
    # Each worker would keep its own copies, and a purge would reach only one of them.
    PAGE_CACHE_SECONDS = 0

if env.REDIS_URL:
    CACHES = {"default": {"BACKEND": "pagecache.redis_cache.RedisCache", "LOCATION": env.REDIS_URL}}
    # Sessions are rows in the database, with a read copy in Redis. Redis is a cache with a
    # memory limit that evicts any key when full (maxmemory, allkeys-lru: see the README),
    # and an evicted session must never log anyone out; a limit and eviction apply to a
    # whole Redis server, so another database number would not keep them apart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

if env.S3_BUCKET:
    S3_BUCKET_OPTIONS = {
        "bucket_name": env.S3_BUCKET,
        "endpoint_url": env.S3_ENDPOINT_URL or None,
        "region_name": env.S3_REGION or None,
        "access_key": env.S3_ACCESS_KEY_ID or None,
        "secret_key": env.S3_SECRET_ACCESS_KEY or None,
    }
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **S3_BUCKET_OPTIONS,
                "custom_domain": env.S3_CUSTOM_DOMAIN or None,
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": False,
            },
        },
    }
    # Members' downloads of their data in the same bucket, under a prefix of their own,
    # private, read only by the download view through the storage's credentials.
    MEMBER_DATA_EXPORT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_BUCKET_OPTIONS,
            "location": "private/member-data",
            "file_overwrite": False,
            "default_acl": "private",
        },
    }

CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS
# Behind a proxy that terminates TLS, trust its word on the scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.TRUSTED_PROXY_COUNT else None
SECURE_SSL_REDIRECT = env.HTTPS_ONLY
# The load balancer asks over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = env.HTTPS_ONLY
CSRF_COOKIE_SECURE = env.HTTPS_ONLY
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if env.HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.HTTPS_ONLY
SECURE_HSTS_PRELOAD = env.HTTPS_ONLY
