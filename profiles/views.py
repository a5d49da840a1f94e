"""A member's public page: who they are, what they wrote, where they reacted; only what
the viewer may see."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from wagtail.models import Locale, Page

from access.policy import viewable
from accounts.models import User
from blog.listings import for_cards, post_cards
from blog.models import BlogPage
from engagement.models import Reaction
from engagement.reactions import shown

PROFILE_POSTS = 10
PROFILE_REACTIONS = 10


def posts_by(member, viewer):
    # In the reader's language only: an English profile lists the English versions.
    posts = BlogPage.readable(viewer, Locale.get_active()).filter(author=member)
    return post_cards(for_cards(posts)[:PROFILE_POSTS])


def latest_reactions(member, viewer, request):
    """The member's latest visible reactions, each with the post it is under."""
    recent = list(
        shown(Reaction.objects.filter(user=member, site_id=settings.SITE_ID)).order_by("-submit_date")[
            : PROFILE_REACTIONS * 3
        ]
    )
    page_ids = {int(r.object_pk) for r in recent if r.object_pk.isdigit()}
    pages = {p.pk: p for p in viewable(viewer, Page.objects.filter(pk__in=page_ids))}
    # Reactions live on the Dutch page; link to the version in the reader's language.
    active = Locale.get_active()
    in_reader_language = {
        p.translation_key: p
        for p in viewable(
            viewer, Page.objects.filter(translation_key__in=[p.translation_key for p in pages.values()], locale=active)
        )
    }
    # A post without a version in the reader's language is left out, as in every listing.
    pages = {
        pk: in_reader_language[page.translation_key]
        for pk, page in pages.items()
        if page.translation_key in in_reader_language
    }
    result = []
    for reaction in recent:
        page = pages.get(int(reaction.object_pk)) if reaction.object_pk.isdigit() else None
        if page is None:
            continue
        reaction.post = page
        reaction.post_url = page.get_url(request)
        result.append(reaction)
        if len(result) == PROFILE_REACTIONS:
            break
    return result


def profile(request, pk):
    """A member's public page: who they are, what they wrote, where they reacted; only
    what the viewer may see."""
    member = get_object_or_404(User, pk=pk, is_active=True)
    return render(
        request,
        "profiles/profile.html",
        {
            "member": member,
            "posts": posts_by(member, request.user),
            "reactions": latest_reactions(member, request.user, request),
            "is_own": request.user.is_authenticated and request.user.pk == member.pk,
        },
    )
