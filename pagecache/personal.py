"""The personal parts of a page, for a page that came from a shared cache.

A page rendered for an anonymous reader is the same for everyone, so a CDN or the
browser's back button may show it to a member too. The page's script then asks for the
same address again with the ``X-Samen-Personal`` header (and ``?persoonlijk=1``): the page
is rendered for this reader, never cached, and only its regions marked ``data-personal`` are sent back, for
the script to put in place (log-in state, forms with their CSRF token, the own vote)."""

from django.http import JsonResponse
from django.views.decorators.cache import patch_cache_control

from bs4 import BeautifulSoup

# The script adds this to the page's address, so that a CDN (which keys on the address,
# and may ignore Vary) never answers the request with the shared copy; the page itself
# is rendered as if it were not there.
MARKER = "persoonlijk"


def without_marker(request):
    if MARKER in request.GET:
        query = request.GET.copy()
        del query[MARKER]
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()


def personal_parts(request, response):
    member = bool(getattr(request, "user", None) and request.user.is_authenticated)
    fragments = {}
    if response.status_code == 200 and not response.streaming and "html" in response.get("Content-Type", ""):
        document = BeautifulSoup(response.content, "html.parser")
        for region in document.select("[data-personal]"):
            fragments.setdefault(region["data-personal"], str(region))
    answer = JsonResponse({"member": member, "fragments": fragments})
    patch_cache_control(answer, private=True, no_store=True)
    # A new security token minted for these forms still has to reach the browser.
    for name, morsel in response.cookies.items():
        answer.cookies[name] = morsel
    return answer
