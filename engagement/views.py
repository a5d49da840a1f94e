"""Reaction endpoints. They live outside the language prefix and check everything
themselves: who is asking, whether they may read the post, and whether the form is one
this site handed out. Bad input gets a 4xx page that says what happened and keeps the text."""

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from django_comments.models import CommentFlag
from django_comments_xtd.models import MaxThreadLevelExceededException

from access.policy import can_view
from core.links import safe_next

from . import following
from .forms import EditReactionForm, ReactionForm
from .models import Follow, Reaction, ReactionSwitch
from .reactions import (
    PREFERENCE_COOKIE,
    ThreadChoices,
    batch_number_of,
    canonical_post,
    reactions_closed,
    shown,
    store_reaction,
)
from .rules import can_change_reaction, can_close_reactions, can_react
from .sections import reaction_context
from .tasks import mail_followers
from .throttle import allow


def problem_page(request, status, message, *, post=None, form=None, kept_text="", back_url="", heading="", template=""):
    """A page that says what went wrong, with the member's text still in the form (or,
    where it cannot be sent again, shown to copy). ``template``: the guest's own page."""
    return render(
        request,
        template or "engagement/problem.html",
        {
            "message": message,
            "post": post,
            "form": form,
            "kept_text": kept_text,
            "back_url": back_url,
            "heading": heading or _("Your reaction"),
        },
        status=status,
    )


def post_from_security_fields(data):
    """The page a reaction form says it belongs to, or None if it names no live page."""
    try:
        app_label, model_name = data.get("content_type", "").split(".", 1)
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        model = content_type.model_class()
        pk = int(data.get("object_pk", ""))
    except (ValueError, ContentType.DoesNotExist):
        return None
    if model is None or not issubclass(model, Page):
        return None
    return model.objects.filter(pk=pk).first()


def visible_page_or_404(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_view(request.user, page):
        raise Http404
    return page


def reaction_or_404(request, reaction_id):
    """A reaction the member may read, on a post they may read; 404 for anything else,
    so that ids of reactions elsewhere reveal nothing."""
    reaction = get_object_or_404(Reaction.objects.select_related("user"), pk=reaction_id, site_id=settings.SITE_ID)
    post = reaction.content_object
    if post is None or not isinstance(post, Page) or not can_view(request.user, post):
        raise Http404
    if not reaction.is_public and not can_change_reaction(request.user, reaction):
        raise Http404
    return reaction, post


def _group_of(post):
    parent = post.get_parent()
    return parent.specific if parent is not None else None


def _url_showing(request, back, reaction, post):
    """``back`` (the page the member came from) at the batch of the thread that shows
    ``reaction``, in the member's own order and batch size."""
    path, _, rest = back.partition("?")
    path = path.split("#")[0]
    query = QueryDict(rest.split("#")[0])
    saved = ThreadChoices.from_cookie(request.COOKIES.get(PREFERENCE_COOKIE, ""))
    choices = ThreadChoices.parse(query.get("order"), query.get("count"), query.get("auto"), fallback=saved)
    number = batch_number_of(reaction, post, choices)
    params = {**choices.query(), "page": number} if (number > 1 or rest) else {}
    suffix = f"?{urlencode(params)}" if params else ""
    return f"{path}{suffix}#reactie-{reaction.pk}"


@require_POST
def post_reaction(request):
    post = post_from_security_fields(request.POST)
    if post is None or not can_view(request.user, post):
        return problem_page(request, 400, _("This reaction does not belong to a post on this site."))
    if canonical_post(post).pk != post.pk:
        return problem_page(request, 400, _("This reaction does not belong to a post on this site."))

    back = safe_next(request, request.POST.get("next"), fallback=post.get_url(request) or "/")
    text = request.POST.get("comment", "")
    reply_to = request.POST.get("reply_to", "0")
    fresh = ReactionForm(post, initial={"comment": text, "reply_to": reply_to})

    def refuse(status, message):
        """A 4xx page that says why, with the member's text in a fresh form to send again."""
        return problem_page(request, status, message, post=post, form=fresh, back_url=back)

    if not request.user.is_authenticated:
        login = reverse("account_login") + "?" + urlencode({"next": back})
        return problem_page(
            request,
            403,
            _("Only members who are logged in can react. Log in and send your reaction again."),
            post=post,
            back_url=login,
        )

    form = ReactionForm(post, data=request.POST)
    if not form.is_valid():
        if form.security_errors():
            return refuse(400, _("This form was too old or had been changed. Your text is kept below: send it again."))
        return problem_page(request, 400, _("Your reaction could not be placed."), post=post, form=form, back_url=back)

    if not can_react(request.user, post, _group_of(post)):
        return problem_page(request, 403, _("You cannot react to this post."), post=post, form=None, back_url=back)
    if reactions_closed(post):
        # The form cannot be sent again, but the member keeps what they wrote.
        return problem_page(
            request, 403, _("Reactions to this post are closed."), post=post, kept_text=text, back_url=back
        )

    parent_id = form.cleaned_data.get("reply_to") or 0
    if parent_id:
        parent = shown(Reaction.objects.filter(pk=parent_id, site_id=settings.SITE_ID)).first()
        same_post = (
            parent is not None
            and parent.object_pk == str(post.pk)
            and parent.content_type_id == (ContentType.objects.get_for_model(post).pk)
        )
        if not same_post:
            return refuse(400, _("The reaction you reply to is not under this post."))
        if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            return refuse(400, _("Replies go one level deep: reply to the first reaction instead."))

    if not allow("reaction", request.user.pk, settings.REACTIONS_PER_MINUTE):
        return refuse(
            429, _("You are reacting very quickly. Wait a minute, then send your reaction again; it is kept below.")
        )

    try:
        # The reaction, its author's follow and the task that mails the followers are
        # committed together, or not at all.
        with transaction.atomic():
            reaction = store_reaction(
                post,
                request.user,
                form.cleaned_data["comment"],
                parent_id=parent_id,
                ip_address=request.META.get("REMOTE_ADDR"),
            )
            following.follow(request.user, post)
            mail_followers.enqueue(reaction.pk)
    except MaxThreadLevelExceededException:
        return refuse(400, _("Replies go one level deep: reply to the first reaction instead."))
    return redirect(_url_showing(request, back, reaction, post))


@require_GET
def reaction_batch(request, page_id):
    """The next batch of a thread, as an HTML fragment for loading in place."""
    page = visible_page_or_404(request, page_id)
    return render(request, "engagement/batch.html", reaction_context(request, page, group=_group_of(page)))


@require_GET
def save_choices(request):
    """Remember how the reader wants the thread (a cookie), then go back to the post with
    the same choices in the address. Works without JavaScript."""
    choices = ThreadChoices.from_request(request)
    back = safe_next(request, request.GET.get("next"), fallback="/")
    response = redirect(f"{back.split('?')[0].split('#')[0]}?{urlencode(choices.query())}#reacties")
    response.set_cookie(
        PREFERENCE_COOKIE, choices.cookie_value(), max_age=365 * 24 * 3600, samesite="Lax", httponly=False
    )
    return response


def _for_its_author_or_a_moderator(refusal):
    """A view of one reaction that only its author and moderators may use: it gets the
    reaction, its post and where to go back to; anyone else gets a 403 page with
    ``refusal``."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def checked(request, reaction_id):
            reaction, post = reaction_or_404(request, reaction_id)
            if reaction.is_removed or not can_change_reaction(request.user, reaction):
                return problem_page(request, 403, refusal, post=post, back_url=post.get_url(request))
            next_url = request.POST.get("next") or request.GET.get("next")
            return view(request, reaction, post, safe_next(request, next_url, fallback=post.get_url(request)))

        return checked

    return decorate


@_for_its_author_or_a_moderator(_("Only the author of a reaction or a moderator can change it."))
def edit_reaction(request, reaction, post, back):
    if request.method == "POST":
        form = EditReactionForm(request.POST)
        if form.is_valid():
            reaction.comment = form.cleaned_data["comment"]
            reaction.edited_at = timezone.now()
            reaction.save(update_fields=["comment", "edited_at"])
            return redirect(_url_showing(request, back, reaction, post))
        status = 400
    else:
        form = EditReactionForm(initial={"comment": reaction.comment})
        status = 200
    return render(
        request,
        "engagement/edit.html",
        {"form": form, "reaction": reaction, "post": post, "back_url": back},
        status=status,
    )


@_for_its_author_or_a_moderator(_("Only the author of a reaction or a moderator can remove it."))
def delete_reaction(request, reaction, post, back):
    if request.method == "POST":
        # Kept, marked removed: its replies stay readable under a placeholder.
        reaction.is_removed = True
        reaction.save(update_fields=["is_removed"])
        return redirect(f"{back.split('#')[0]}#reacties")
    return render(request, "engagement/delete.html", {"reaction": reaction, "post": post, "back_url": back})


@login_required
@require_POST
def flag_reaction(request, reaction_id):
    reaction, post = reaction_or_404(request, reaction_id)
    if not allow("flag", request.user.pk, 20):
        return problem_page(
            request,
            429,
            _("You are reporting very quickly. Wait a minute and try again."),
            post=post,
            back_url=post.get_url(request),
        )
    CommentFlag.objects.get_or_create(
        user=request.user,
        comment=reaction,
        flag=CommentFlag.SUGGEST_REMOVAL,
        defaults={"flag_date": timezone.now()},
    )
    back = safe_next(request, request.POST.get("next"), fallback=post.get_url(request))
    return render(request, "engagement/flagged.html", {"reaction": reaction, "post": post, "back_url": back})


@login_required
@require_POST
def toggle_follow(request, page_id):
    page = visible_page_or_404(request, page_id)
    canonical = canonical_post(page)
    if request.POST.get("action") == "unfollow":
        following.unfollow(request.user, canonical)
    else:
        following.follow(request.user, canonical)
    back = safe_next(request, request.POST.get("next"), fallback=page.get_url(request))
    return redirect(f"{back.split('#')[0]}#reacties")


@login_required
@require_POST
def toggle_closed(request, page_id):
    page = visible_page_or_404(request, page_id)
    if not can_close_reactions(request.user, page):
        return problem_page(
            request,
            403,
            _("Only the post's author or an editor can close its reactions."),
            post=page,
            back_url=page.get_url(request),
        )
    canonical = canonical_post(page)
    ReactionSwitch.objects.update_or_create(
        translation_key=canonical.translation_key,
        defaults={"closed": request.POST.get("action") == "close", "changed_by": request.user},
    )
    back = safe_next(request, request.POST.get("next"), fallback=page.get_url(request))
    return redirect(f"{back.split('#')[0]}#reacties")


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a session or token
def stop_following(request, token):
    """One click from an e-mail stops the mails for that post; no log-in needed, and the
    signed token works only for its own member and post."""
    found = following.read_unfollow_token(token)
    if found is None:
        return HttpResponseBadRequest(_("This link is not valid (any more)."))
    user_id, translation_key = found
    Follow.objects.filter(user_id=user_id, translation_key=translation_key).delete()
    post = Page.objects.filter(translation_key=translation_key, live=True).order_by("pk").first()
    return render(request, "engagement/stopped.html", {"post": post})
