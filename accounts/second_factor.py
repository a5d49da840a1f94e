"""The Wagtail admin asks for a second factor.

Whoever may open the admin (the permission ``wagtailadmin.access_admin``: editors,
moderators, translators, the writers and approvers of a group; superusers have every
permission) can change what many members read, so a guessed or leaked password alone must
not be enough. Until such a person has an authenticator app or a passkey, every admin
address answers 403 with a page that says why and leads to setting one up, and back to
where they were going. Members who never open the admin may add a second factor; nobody
asks them to.

A middleware, not a Wagtail hook: Wagtail has no hook that runs before every admin view,
and the admin API, the choosers and the views apps add under /admin/ must all be closed.
It asks only about requests under the admin's address, for logged-in people: one query,
whether they have a factor, after Django has read their permissions (the admin asks for
them anyway)."""

from functools import cache

from django.shortcuts import render
from django.urls import reverse

from allauth.mfa.models import Authenticator

from core.links import safe_next

# Recovery codes only stand in for one of these; allauth removes them with the last one.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user):
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


def may_open_admin(user):
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def needs_second_factor(user):
    """Is ``user`` kept out of the admin until they set up a second factor?"""
    return may_open_admin(user) and not has_second_factor(user)


@cache
def _admin_prefix():
    return reverse("wagtailadmin_home")


class AdminSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(_admin_prefix()) and needs_second_factor(request.user):
            return second_factor_required(request)
        return self.get_response(request)


def second_factor_required(request):
    """The page a person who may open the admin gets there without a second factor."""
    # Back to the admin page they asked for; a POST or an API call is not worth repeating.
    wanted = request.get_full_path() if request.method == "GET" else _admin_prefix()
    back = safe_next(request, wanted, fallback=_admin_prefix())
    return render(request, "accounts/second_factor_required.html", {"next_url": back}, status=403)
