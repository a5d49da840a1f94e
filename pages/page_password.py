"""Wagtail's form for a page behind a shared password, with a limit on wrong passwords.

Wagtail checks the password on every try, as fast as the server answers, so anyone could
guess at it. This view answers at Wagtail's own address under its own name (see
site_config/urls.py), so Wagtail's form posts here, and hands each request to Wagtail's
view. Each wrong password counts against the reader's address and against the password
itself (the page's restriction), with allauth's rate limits like the log-in form's
(``page_password_failed`` in ACCOUNT_RATE_LIMITS); past either limit no password is
checked, right or wrong, until the oldest failure is old enough."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail import views as wagtail_views
from wagtail.models import Page

from allauth.core import ratelimit

from core.links import safe_next

ACTION = "page_password_failed"


def authenticate_with_password(request, page_view_restriction_id, page_id):
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # The password belongs to the restriction: any page id may be sent along with it.
    key = str(page_view_restriction_id)
    if not ratelimit.consume(request, action=ACTION, key=key, dry_run=True):
        return _too_many(request, page_id)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    # Wagtail redirects after the right password and shows its form again after a wrong
    # one; an unknown restriction or page is a 404 and no guess.
    if response.status_code == 200:
        ratelimit.consume(request, action=ACTION, key=key)
    return response


def _too_many(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    fallback = (page.get_url(request) if page is not None else None) or "/"
    return render(
        request,
        "engagement/problem.html",
        {
            "heading": _("Too many wrong passwords"),
            "message": _("A wrong password was entered for this page too often. Wait 15 minutes and try again."),
            "back_url": safe_next(request, request.POST.get("return_url"), fallback=fallback),
        },
        status=429,
    )
