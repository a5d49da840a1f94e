"""Reacting as a guest (without an account), when the site setting allows it: the form's
endpoint, the page that says a link is on its way, the link that confirms, and the
one-click stop for guests who follow a post by e-mail. Every refusal is a 4xx page that
says why and keeps what was typed."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from wagtail.models import Page

from access.policy import can_view
from core.links import safe_next
from core.translations import version_in

from . import guests
from .forms import GuestReactionForm
from .guest_mail import read_guest_unfollow_token
from .models import GuestFollow, Reaction
from .reactions import ThreadChoices, batch_number_of, canonical_post, reactions_closed
from .readership import client_address
from .rules import guests_may_react
from .tasks import mail_guest_confirmation
from .views import post_from_security_fields, problem_page


def _page(request, status, message, **context):
    return problem_page(request, status, message, template="engagement/guest_problem.html", **context)


def _from_another_site(request):
    """Whether the browser says the form was sent from another site. The guest form has
    no session token (one shared copy of the page serves every visitor), so the origin
    a browser names is what tells a form on this site from a forged one."""
    if "HTTP_ORIGIN" not in request.META:
        return False
    return not CsrfViewMiddleware(lambda _request: None)._origin_verified(request)  # noqa: SLF001


def _language_of(path):
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


@csrf_exempt  # no session token in a shared page; the origin is checked instead (above)
def post_guest_reaction(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    post = post_from_security_fields(request.POST)
    if post is None or not can_view(AnonymousUser(), post) or canonical_post(post).pk != post.pk:
        return _page(request, 400, _("This reaction does not belong to a post on this site."))
    back = safe_next(request, request.POST.get("next"), fallback=post.get_url(request) or "/")
    language = _language_of(back)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    data = request.POST.copy()
    data["reply_to"] = data.get("reply_to") or "0"
    form = GuestReactionForm(post, data=data)
    kept = GuestReactionForm(post, initial={key: data.get(key, "") for key in ("name", "email", "comment")})

    def refuse(status, message, with_form=True):
        return _page(request, status, message, post=post, form=kept if with_form else None, back_url=back)

    if request.user.is_authenticated:
        return refuse(400, _("You are logged in: react with the form under the post instead."), with_form=False)
    if not guests_may_react(post, guests.guest_settings().allowed):
        return refuse(
            403, _("Only members who are logged in can react to this post. Log in to react."), with_form=False
        )
    if _from_another_site(request):
        return refuse(403, _("This form was sent from another site. Send your reaction from the post itself."))
    if not form.is_valid():
        if form.security_errors():
            return refuse(400, _("This form was too old or had been changed. Your text is kept below: send it again."))
        return _page(request, 400, _("Your reaction could not be placed."), post=post, form=form, back_url=back)
    if form.cleaned_data.get("reply_to"):
        return refuse(400, _("As a guest you can react to the post, not reply to a reaction."))
    if reactions_closed(post):
        return refuse(403, _("Reactions to this post are closed."))
    if not guests.within_limits(form.cleaned_data["email"], client_address(request)):
        return refuse(
            429,
            _("Many reactions came from this address or network in the last hour. Wait an hour and send it again."),
        )

    with transaction.atomic():
        reaction = guests.store_guest_reaction(
            post,
            form.cleaned_data["name"],
            form.cleaned_data["email"],
            form.cleaned_data["comment"],
            follow=form.cleaned_data["follow"],
            ip_address=client_address(request) or None,
        )
        mail_guest_confirmation.enqueue(reaction.pk, guests.confirmation_token(reaction, language), language)
    return redirect(f"{reverse('engagement:guest_sent')}?{urlencode({'next': back})}")


@require_GET
def guest_reaction_sent(request):
    back = safe_next(request, request.GET.get("next"), fallback="/")
    translation.activate(_language_of(back))
    days = settings.GUEST_CONFIRMATION_DAYS
    return render(request, "engagement/guest_sent.html", {"back_url": back, "GUEST_CONFIRMATION_DAYS": days})


def _where_it_shows(reaction, post, language):
    version = version_in(post, language)
    number = batch_number_of(reaction, post, ThreadChoices())
    query = f"?{urlencode({**ThreadChoices().query(), 'page': number})}" if number > 1 else ""
    return f"{version.url}{query}#reactie-{reaction.pk}"


@csrf_exempt  # the signed link is the permission; a form on the page only confirms it
def confirm_guest_reaction(request, token):
    """The link in the mail: a page with one button (mail programs open links to check
    them, which must not confirm anything), and the button confirms."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    heading = _("Confirm your reaction")
    try:
        reaction_id, language = guests.read_confirmation_token(token)
    except guests.LinkExpired:
        days = settings.GUEST_CONFIRMATION_DAYS
        return _page(
            request,
            410,
            _("This link has expired: it worked for %(days)d days. Send your reaction again from the post.")
            % {"days": days},
            heading=heading,
        )
    except signing.BadSignature:
        return _page(request, 400, _("This link is not valid. Use the link from the e-mail as it is."), heading=heading)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language
    reaction = Reaction.objects.filter(pk=reaction_id, user__isnull=True, is_removed=False).first()
    post = reaction.content_object if reaction is not None else None
    if reaction is None or post is None or not can_view(AnonymousUser(), post):
        return _page(
            request,
            410,
            _("This reaction is no longer waiting to be confirmed. Send your reaction again from the post."),
            heading=heading,
        )
    if request.method == "POST" and reaction.confirmed_at is None:
        reaction = guests.confirm(reaction, language)
        if reaction.is_public:
            return redirect(_where_it_shows(reaction, post, language))
    version = version_in(post, language)
    return render(
        request,
        "engagement/guest_confirm.html",
        {
            "reaction": reaction,
            "post": version,
            "reaction_url": _where_it_shows(reaction, post, language) if reaction.is_visible else "",
        },
    )


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a session or token
def guest_stop_following(request, token):
    found = read_guest_unfollow_token(token)
    if found is None:
        return _page(request, 400, _("This link is not valid (any more)."), heading=_("Stop following"))
    follow_id, translation_key = found
    follow_row = GuestFollow.objects.filter(pk=follow_id, translation_key=translation_key).first()
    if follow_row is not None:
        translation.activate(follow_row.language)
        follow_row.delete()
    post = Page.objects.filter(translation_key=translation_key, live=True).order_by("pk").first()
    return render(request, "engagement/stopped.html", {"post": post})
