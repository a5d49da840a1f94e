"""The account menu is the member's own part of every page (see pagecache/personal_parts.py)."""

from django.conf import settings

from pagecache.personal_parts import csrf_token, part


@part("account", "includes/account_menu.html")
def account_menu(request):
    return {
        "user": request.user,
        "request": request,
        "signup_open": settings.SAMEN_SIGNUP_OPEN,
        "csrf_token": csrf_token(request) if request.user.is_authenticated else "",
    }
