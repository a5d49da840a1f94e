from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .addresses import UNPREFIXED


class SamenLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the language prefixes stays a
    404. Django would redirect it to /nl/<same path>, because Wagtail's catch-all makes
    every prefixed path look valid; for the reaction and statistics endpoints that only
    hides the real answer behind a redirect."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
