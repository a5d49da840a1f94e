"""The site's addresses that are never a Wagtail page and always answer fresh, by the start
of their path. The page cache never looks them up, the language middleware leaves those
outside /nl/ and /en/ alone, robots.txt keeps robots out of the endpoints, and the
admin's get no Content-Security-Policy of the public site's.

The sitemap, robots.txt, the search pages and the feeds are not pages either, but they
are stored and served like pages, so they are not here. tests/core/test_addresses.py
checks every entry against the URL configuration, and that nothing outside the language
prefixes is missing."""

from django.conf import settings

# Wagtail's admin, and the documents it serves after its own permission checks.
ADMIN_PREFIXES = tuple(settings.ADMIN_URL_PREFIXES)
# What a reader's browser calls to do something: reactions, the reading beacon, ratings,
# stopping the group mails or a kind of notification mail, the language switch.
ENDPOINT_PREFIXES = ("/reacties/", "/beoordelen/", "/statistieken/", "/lidmaatschap/", "/meldingen/", "/taal/")
# Files: static ones (whitenoise) and uploads.
FILE_PREFIXES = (settings.STATIC_URL, settings.MEDIA_URL)
# The load balancer's two questions (site_config/health.py).
HEALTH_PATHS = ("/healthz", "/readyz")
# What browsers ask for by themselves: a redirect to the theme's icon (theme/views.py).
ICON_PATHS = ("/favicon.ico",)

# Everything that lives outside the language prefixes on purpose.
UNPREFIXED = ADMIN_PREFIXES + ENDPOINT_PREFIXES + FILE_PREFIXES + HEALTH_PATHS + ICON_PATHS
# Inside each language: the account forms, the member profiles and each member's
# notifications (whose address is translated), answered per member.
MEMBER_PREFIXES = tuple(f"/{code}/{section}/" for code, _name in settings.LANGUAGES for section in ("account", "leden"))
MEMBER_PREFIXES += ("/nl/meldingen/", "/en/notifications/")
NOT_PAGES = UNPREFIXED + MEMBER_PREFIXES
