"""Settings shared by every environment. Environment-specific values come from
``environment.py``; dev, test and production only adjust what differs."""

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
from csp import constants as csp

from . import environment as env

BASE_DIR = env.BASE_DIR
SITE_CONFIG_DIR = BASE_DIR / "site_config"

DEBUG = env.DEBUG
SECRET_KEY = env.SECRET_KEY
ALLOWED_HOSTS = env.ALLOWED_HOSTS

INSTALLED_APPS = [
    # The project's apps, from the top layer down (see the README's layout).
    "home",
    "search",
    "profiles",
    "about",
    "digests",
    "member_data",
    "groups",
    "blog",
    "notifications",
    "access",
    "pages",
    "privacy",
    "accounts",
    "theme",
    "pagecache",
    "outbox",
    # Before django_tasks_db: its db_worker command is the one manage.py runs.
    "background",
    "core",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.SamenUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "widget_tweaks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # For its system checks on the policy below.
    "csp",
    "django_comments_xtd",
    "django_comments",
    # After django_comments_xtd: its ready() connects a hook that engagement's ready() undoes.
    "engagement",
    "demo",
    "bench",
]

MIDDLEWARE = [
    # First: it sees every response last, cookies included (pagecache/middleware.py).
    "pagecache.middleware.NoSharedCookiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages for browsers that ask for gzip. Below WhiteNoise, which answers
    # static files (already compressed at collectstatic) before this is reached; above the
    # page cache, so the cache keeps one plain copy of a page and every reader's answer,
    # from the cache or not, is compressed for that reader alone (with Vary:
    # Accept-Encoding). Django masks the CSRF token anew in every answer (BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SamenLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "access.policy.AccessFactsMiddleware",
    "access.admin_permissions.AdminPageGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A log-in through the organisation's provider that cannot reach it ends on a page that
    # says so, never a server error (accounts/sso_errors.py).
    "accounts.sso_errors.ProviderFailureMiddleware",
    # The admin is closed to anyone who may open it without a second factor (accounts/second_factor.py).
    "accounts.second_factor.AdminSecondFactorMiddleware",
    # When each member's session was last used, noted at most every few minutes
    # (accounts/sessions.py), and a member who has not agreed to the privacy statement in
    # force asked to first (privacy/consent.py): both above the page cache, so that members'
    # pages from their shells pass them too.
    "accounts.sessions.SessionActivityMiddleware",
    "privacy.consent.PrivacyConsentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a page served from the cache still passes every middleware above.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "accounts.context_processors.accounts",
                # After Django's own csrf processor, which it overrides while a member's
                # page is being made into a shell.
                "pagecache.personal_parts.csrf_placeholder",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env.DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A laptop runs the web server and a task worker on one SQLite file: readers never wait
    # for a writer (WAL), and a transaction takes the write lock when it begins, so that two
    # writers queue up (for up to 20 s) instead of one being refused half way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif env.POSTGRES_OPTIONS:
    DATABASES["default"]["OPTIONS"] = {"options": env.POSTGRES_OPTIONS}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# One log-in for everyone: allauth's, rate-limited and closed to unconfirmed addresses.
# The admin, pages that require a log-in, and Wagtail's own log-in address lead there
# (site_config/urls.py); the admin's password reset is allauth's too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Dutch is the source language: the first Locale and the root page take this code.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Submitting a page for translation makes a draft, not a live copy of the Dutch text under
# /en/ (wagtail-localize's default publishes it at once when the source is live).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

SITE_ID = 1

STATIC_URL = "/static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.MEDIA_ROOT
# Uploads served by the site itself (site_config/media.py); always in debug mode.
SERVE_MEDIA = env.SERVE_MEDIA
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if env.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis_cache.RedisCache",
            "LOCATION": env.REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

PAGE_CACHE_SECONDS = env.PAGE_CACHE_SECONDS
PAGE_CACHE_STALE_SECONDS = env.PAGE_CACHE_STALE_SECONDS
MEMBER_PAGE_CACHE = env.MEMBER_PAGE_CACHE
# Which members share a shell of a page: the access policy says (pagecache knows no roles).
PAGE_CACHE_AUDIENCE = "access.audience.Audience"
# A CDN in front of the site is purged with the shared cache (pagecache/purging.py).
_FRONTEND_CACHES = {
    "http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": env.FRONTEND_CACHE_LOCATION},
    "cloudflare": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.FRONTEND_CACHE_TOKEN,
        "ZONEID": env.FRONTEND_CACHE_ZONE,
    },
    "cloudfront": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.FRONTEND_CACHE_DISTRIBUTION,
    },
}
if env.FRONTEND_CACHE:
    if env.FRONTEND_CACHE not in _FRONTEND_CACHES:
        raise ImproperlyConfigured(f"FRONTEND_CACHE must be one of {', '.join(_FRONTEND_CACHES)}.")
    WAGTAILFRONTENDCACHE = {"default": _FRONTEND_CACHES[env.FRONTEND_CACHE]}
# Samen names every translation's address itself; Wagtail would guess them by prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Every mail goes into the outbox (outbox/), in the transaction of the change that causes
# it, and the task workers send it through MAIL_DELIVERY_BACKEND: SMTP in production, the
# console on a laptop.
EMAIL_BACKEND = "outbox.backend.QueueBackend"
MAIL_DELIVERY_BACKEND = env.EMAIL_BACKEND
EMAIL_HOST = env.EMAIL_HOST
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
# A mail server that stops answering must not hold a worker for ever.
EMAIL_TIMEOUT = env.EMAIL_TIMEOUT
SERVER_EMAIL = env.DEFAULT_FROM_EMAIL
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
# Mails a task sends over one connection to the mail server.
MAIL_BATCH_SIZE = 100
# After the n-th failed attempt a mail waits MAIL_RETRY_DELAYS[n - 1] seconds; after the
# last it has failed (about a day in all) and is shown to the administrators in the admin.
MAIL_RETRY_DELAYS = [60, 5 * 60, 15 * 60, 60 * 60, 3 * 60 * 60, 6 * 60 * 60, 12 * 60 * 60]
# A mail claimed this long ago by a task that has not sent it is free to be sent again.
MAIL_SENDING_TIMEOUT = 15 * 60
MAIL_KEEP_SENT_DAYS = 14
MAIL_KEEP_FAILED_DAYS = 90

# Work outside the request (background/): Django's task framework (the django-tasks
# backport Wagtail 8 uses for its own background work) with the queue in the site's own
# database, so a task is enqueued in the same transaction as the change that causes it.
# `manage.py db_worker` runs the tasks, as many workers on as many machines as needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often a worker reports itself alive and looks at the clock.
TASK_WORKER_BEAT_SECONDS = 5
# A worker that has not reported for this long has died; its tasks are run again, at
# most TASK_MAX_LOST_RUNS times (a task that kills its worker every time is left failed).
TASK_WORKER_LOST_AFTER = 60
TASK_MAX_LOST_RUNS = 3
TASK_RESULTS_KEEP_DAYS = 7
TASK_FAILURES_KEEP_DAYS = 30
# Periodic jobs: name -> (function, every how many seconds). Each worker keeps time; each
# period's run is enqueued once, however many workers there are (background/schedule.py).
MINUTE = 60
DAY = 24 * 60 * 60
PERIODIC_JOBS = {
    "publish-scheduled": ("background.jobs.publish_scheduled", MINUTE),
    "recover-lost-tasks": ("background.recovery.recover_lost_tasks", MINUTE),
    "send-due-mail": ("outbox.maintenance.send_due_mail", MINUTE),
    "clear-sessions": ("background.jobs.clear_sessions", DAY),
    "prune-finished-tasks": ("background.jobs.prune_finished_tasks", DAY),
    "prune-mail": ("outbox.maintenance.prune_mail", DAY),
    "search-garbage-collect": ("background.jobs.collect_search_garbage", DAY),
    "remove-unconfirmed-guest-reactions": ("engagement.guests.remove_unconfirmed", DAY),
    "remove-unconfirmed-accounts": ("accounts.unconfirmed.remove_unconfirmed_accounts", DAY),
    "prune-login-history": ("accounts.login_history.prune_login_history", DAY),
    # "Most read" counts the last 30 days: the oldest day drops out once a day.
    "recount-recent-reads": ("engagement.readership.recount_recent_reads", DAY),
    # A deleted member's goodbye mail, once sent, takes the last copy of their address along.
    "forget-goodbye-mail": ("member_data.deletion.forget_goodbye_mail", MINUTE),
    # Members' downloads of their data whose links expired (member_data/exports.py).
    "remove-expired-data-exports": ("member_data.exports.remove_expired_exports", DAY),
    # Hourly: a digest goes out within the hour after its day, week or month ends.
    "send-digests": ("digests.jobs.enqueue_due_digests", 60 * MINUTE),
}
# Two runs of one periodic job never overlap; a run that died frees its job after this.
PERIODIC_JOB_LOCK_SECONDS = 15 * 60

# Log lines of the site's own modules and of the task workers go to the console (the
# process manager's log): the workers say what they run, and every failed mail, lost task
# and failed job is reported there as well as in the admin.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        name: {"handlers": ["console"], "level": "INFO", "propagate": False}
        for name in ("background", "outbox", "django_tasks", "django_tasks_db", "member_data")
    },
}

# Wagtail's page editor can exceed Django's default field limit on long posts.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Samen"
# No Gravatar pictures in the admin: they would send a hash of every editor's e-mail address
# to a third party (and show a broken image where that site cannot be reached).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Security headers on every environment (production adds HTTPS, HSTS and secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No framing; Wagtail's own preview views allow their same-origin frame themselves.
X_FRAME_OPTIONS = "DENY"
# Where embedded videos may come from (the video block).
CSP_FRAME_SOURCES = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Wagtail's admin, and the documents it serves after its own permission checks: never
# pages (core/addresses.py), and with their own Content-Security-Policy.
ADMIN_URL_PREFIXES = ("/admin/", "/documents/")
# Scripts only from files on this site, never inline. The Wagtail admin and its document
# downloads are left out: the admin runs inline scripts of its own.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ADMIN_URL_PREFIXES,
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "img-src": [csp.SELF, "data:", "https:"],
        "frame-src": CSP_FRAME_SOURCES or [csp.NONE],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    },
}
# Browser features Samen never uses, switched off on every page.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
    # Passkeys and security keys (allauth's WebAuthn), on the site's own pages only.
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}
SITE_BASE_URL = env.SITE_BASE_URL
WAGTAILADMIN_BASE_URL = env.SITE_BASE_URL
# One index, each language stemmed as itself on PostgreSQL (see search/backends.py);
# "en" and "simple" only search, with the English and the unstemmed configuration.
# Approving a group's post publishes it, whoever approved (groups/workflow.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "groups.workflow.publish_approved"

SEARCH_BACKEND = {"BACKEND": "search.backends", "ATOMIC_REBUILD": False}
WAGTAILSEARCH_BACKENDS = {
    "default": {**SEARCH_BACKEND, "SEARCH_CONFIG": "dutch"},
    "en": {**SEARCH_BACKEND, "SEARCH_CONFIG": "english", "AUTO_UPDATE": False},
    "simple": {**SEARCH_BACKEND, "SEARCH_CONFIG": "simple", "AUTO_UPDATE": False},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Every uploaded picture is decoded and stored re-encoded, without its EXIF, XMP and ICC
# metadata (core/uploaded_images.py). The pixel limits stay well under Pillow's own
# decompression-bomb threshold (about 89 megapixels): 50 takes a 48-megapixel phone photo.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_library.ImageForm"
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# A member's picture is shown at most 96 pixels wide (192 on a sharp screen): it is
# stored no larger than this on its longest side.
SAMEN_AVATAR_MAX_PIXELS = 25_000_000
SAMEN_AVATAR_MAX_EDGE = 512

# Accounts (django-allauth): log in by e-mail, confirm the address before the first log-in.
SAMEN_SIGNUP_OPEN = env.SIGNUP_OPEN
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The display name, and agreeing to the privacy statement in force (privacy/forms.py).
ACCOUNT_SIGNUP_FORM_CLASS = "privacy.forms.SignupWithPrivacyForm"
# An address only counts as taken once an account has confirmed it (or logs in with it);
# every form with two password fields reports a mismatch with the other errors.
ACCOUNT_FORMS = {
    "signup": "accounts.signup.SignupForm",
    "change_password": "accounts.password_forms.ChangePasswordForm",
    "set_password": "accounts.password_forms.SetPasswordForm",
    "reset_password_from_key": "accounts.password_forms.ResetPasswordKeyForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Logs in only when the link is opened in the browser that signed up (allauth keeps the
# pending log-in in that session); elsewhere the member lands on the log-in page, told that
# the address is confirmed (accounts/adapter.py). A link alone never logs anyone in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Samen] "
ACCOUNT_RATE_LIMITS = {
    # Five failed attempts for one address lock it for fifteen minutes; twenty from one
    # client address per minute slow a sweep across many accounts.
    "login_failed": "20/m/ip,5/15m/key",
    # Wrong passwords for a page behind a shared password (pages/page_password.py): ten from
    # one client address, thirty for one password from everyone, in fifteen minutes.
    "page_password_failed": "10/15m/ip,30/15m/key",
}
# The client address is the connection's own unless a trusted proxy is configured.
ALLAUTH_TRUSTED_PROXY_COUNT = env.TRUSTED_PROXY_COUNT

# Members' sessions (allauth.usersessions) and log-ins. Each session's row notes when and
# from where it was last used, written at most once every USERSESSIONS_ACTIVITY_SECONDS by
# accounts.sessions.SessionActivityMiddleware: allauth's own middleware would write on every
# request of a logged-in member, so it is not installed (TRACK_ACTIVITY only makes allauth
# show the column). Log-ins and failed attempts are kept LOGIN_HISTORY_DAYS days, the
# member sees the last LOGIN_HISTORY_SHOWN of them (accounts/login_history.py).
USERSESSIONS_TRACK_ACTIVITY = True
USERSESSIONS_ACTIVITY_SECONDS = 5 * 60
LOGIN_HISTORY_DAYS = env.LOGIN_HISTORY_DAYS
LOGIN_HISTORY_SHOWN = 50
# Accounts signed up but never confirmed nor logged in are removed after this many days
# (accounts/unconfirmed.py), unless one of these relations points at them.
ACCOUNT_UNCONFIRMED_DAYS = env.ACCOUNT_UNCONFIRMED_DAYS
ACCOUNT_UNCONFIRMED_KEPT_BY = [
    "wagtailcore.Page.owner",
    "blog.BlogPage.author",
    "django_comments.Comment.user",
    "engagement.Rating.user",
]

# Second factors (allauth.mfa): an authenticator app, passkeys or security keys, and
# recovery codes for when both are out of reach. Members choose; everyone who may open the
# Wagtail admin must have one (accounts/second_factor.py). A member who has lost every
# factor asks an administrator, who turns them off in the user admin.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# A passkey logs in on its own, without the password.
MFA_PASSKEY_LOGIN_ENABLED = True
# The name the authenticator app shows next to the codes. The organisation's name is a
# setting in the database (theme), which an app's account entry keeps once made.
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Browsers offer WebAuthn only over HTTPS (and on localhost); allauth also checks that the
# origin is HTTPS, which dev and test relax for http://localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
MFA_FORMS = {
    "authenticate": "accounts.second_factor_forms.CodeForm",
    "reauthenticate": "accounts.second_factor_forms.ReauthenticateCodeForm",
    "activate_totp": "accounts.second_factor_forms.ActivateAuthenticatorAppForm",
    "add_webauthn": "accounts.second_factor_forms.AddKeyForm",
    "edit_webauthn": "accounts.second_factor_forms.EditKeyForm",
}

# Single sign-on (allauth.socialaccount) with the organisation's OpenID Connect provider,
# only when SSO_ISSUER is set: a button on the log-in page, and accounts found by the
# e-mail address the provider vouches for (accounts/social_adapter.py, accounts/sso.py).
# The provider registers <site>/nl/account/oidc/organisation/login/callback/ and the same
# under /en/ as this site's redirect URIs.
SSO_PROVIDER_ID = "organisation"
SSO_LABEL = env.SSO_LABEL
SSO_SIGNUP = env.SSO_SIGNUP
SSO_GROUPS = env.SSO_GROUPS
SSO_DOMAINS = [domain.strip().lower().removeprefix("@") for domain in env.SSO_DOMAINS]
SOCIALACCOUNT_ADAPTER = "accounts.social_adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {}
if env.SSO_ISSUER:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": SSO_PROVIDER_ID,
                "name": env.SSO_LABEL,
                "client_id": env.SSO_CLIENT_ID,
                "secret": env.SSO_CLIENT_SECRET,
                "settings": {"server_url": env.SSO_ISSUER, "oauth_pkce_enabled": True, "fetch_userinfo": True},
            }
        ]
    }
# The provider's verified address logs in the account that confirmed it, and links the
# two for the next time; an account is never made or entered without a confirmed address.
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_AUTO_SIGNUP = True
# A member waits for every request to the provider: a provider that does not answer
# within seconds is down, and the member is told so.
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
# The callback address the provider is given carries the site's own scheme, also behind
# a proxy that does not say it terminated HTTPS.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env.SITE_BASE_URL.startswith("https:") else "http"

# Reactions (django-comments-xtd), one level of replies, rendered by our own templates.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "engagement.models.Reaction"
COMMENTS_XTD_MAX_THREAD_LEVEL = 1
COMMENTS_XTD_CONFIRM_EMAIL = False
REACTION_MAX_LENGTH = 5000
REACTIONS_PER_MINUTE = 5
# Reactions by guests (when the site setting allows them): the mailed link to confirm one
# works this many days, after which an unconfirmed reaction is removed; at most so many
# reactions an hour from one e-mail address, and from one network (an IPv4 /24, an IPv6 /64).
GUEST_CONFIRMATION_DAYS = 3
GUEST_REACTIONS_PER_ADDRESS = 3
GUEST_REACTIONS_PER_NETWORK = 10
# Giving, changing or withdrawing stars, per member.
RATINGS_PER_MINUTE = 20

# Reads of a post: user agents that announce themselves as bots, crawlers or link
# previewers are not readers (matched case-insensitively anywhere in the User-Agent), and
# neither are the networks listed in VIEW_COUNT_IGNORED_NETWORKS (e.g. the office's own
# monitoring, as CIDR ranges).
VIEW_COUNT_BOT_PATTERNS = [
    r"bot\b",
    r"bot/",
    r"crawl",
    r"spider",
    r"slurp",
    r"mediapartners",
    r"facebookexternalhit",
    r"embedly",
    r"preview",
    r"headless",
    r"python-requests",
    r"curl/",
    r"wget/",
    r"httpclient",
    r"monitor",
    r"uptime",
    r"lighthouse",
    r"pingdom",
    r"scrapy",
    r"feedfetcher",
]
VIEW_COUNT_IGNORED_NETWORKS = env.VIEW_COUNT_IGNORED_NETWORKS

# A member's download of their data (member_data/). The ZIP is kept in a storage of its
# own that no address serves (never under MEDIA_ROOT, whose files the proxy or the S3
# bucket hands to anyone), and only the download view, for the member logged in, reads it.
MEMBER_DATA_EXPORT_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": env.MEMBER_DATA_EXPORT_ROOT, "base_url": None},
}
# How long the mailed link works; then the file is removed (daily job), and the record
# of it kept a few days more so that the old link says it expired.
MEMBER_DATA_EXPORT_HOURS = 24
MEMBER_DATA_EXPORT_KEEP_DAYS = 7
# Downloads a member may ask for per 24 hours (one at a time in any case).
MEMBER_DATA_EXPORTS_PER_DAY = 3
# A failed export is tried again after these many seconds, then given up and logged.
MEMBER_DATA_EXPORT_RETRY_SECONDS = [60, 10 * 60, 60 * 60]
