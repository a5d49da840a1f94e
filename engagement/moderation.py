"""Moderating reactions in the Wagtail admin: a "Reacties" listing that filters by post,
author, flagged and removed, searches the text, and lets a moderator hide or restore."""

from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters
from django_comments.models import CommentFlag

from accounts.models import User

from .markup import plain_text
from .models import Reaction
from .tasks import mail_followers


class ReactionPermissionPolicy(ModelPermissionPolicy):
    """Reactions are written on the site, never made up in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


def _posts_with_reactions():
    ids = Reaction.objects.values_list("object_pk", flat=True).distinct()
    return Page.objects.filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()]).order_by("title")


class ReactionFilterSet(WagtailFilterSet):
    post = django_filters.ModelChoiceFilter(
        label=_("Post"), queryset=lambda request: _posts_with_reactions(), method="filter_post"
    )
    user = django_filters.ModelChoiceFilter(
        label=_("Author"),
        queryset=User.objects.filter(comment_comments__isnull=False).distinct().order_by("display_name"),
    )
    flagged = django_filters.BooleanFilter(label=_("Reported"), method="filter_flagged", widget=forms.NullBooleanSelect)
    is_removed = django_filters.BooleanFilter(label=_("Removed"), widget=forms.NullBooleanSelect)
    is_public = django_filters.BooleanFilter(label=_("Visible"), widget=forms.NullBooleanSelect)
    awaiting_approval = django_filters.BooleanFilter(label=_("Awaiting approval"), widget=forms.NullBooleanSelect)

    class Meta:
        model = Reaction
        fields = ["post", "user", "flagged", "is_removed", "is_public", "awaiting_approval"]

    def filter_post(self, queryset, name, value):
        return queryset.filter(object_pk=str(value.pk)) if value else queryset

    def filter_flagged(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(flag_count__gt=0) if value else queryset.filter(flag_count=0)


class ReactionIndexView(IndexView):
    def get_base_queryset(self):
        post_title = Page.objects.filter(pk=Cast(OuterRef("object_pk"), IntegerField())).values("title")[:1]
        return (
            super()
            .get_base_queryset()
            .select_related("user")
            .annotate(
                post_title=Subquery(post_title),
                flag_count=Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL), distinct=True),
            )
        )


class ReactionForm(forms.ModelForm):
    def save(self, commit=True):
        reaction = super().save(commit=False)
        approved = reaction.awaiting_approval and reaction.is_public
        if approved:
            reaction.awaiting_approval = False
        if commit:
            reaction.save()
            if approved:
                # A guest's reaction a moderator approved reaches the followers now.
                mail_followers.enqueue(reaction.pk)
        return reaction

    class Meta:
        model = Reaction
        fields = ["is_public", "is_removed"]
        labels = {"is_public": _("Visible on the site"), "is_removed": _("Removed")}
        help_texts = {
            "is_public": _("Untick to hide the reaction from readers; tick again to restore it."),
            "is_removed": _(
                "Removed by its author or a moderator; a removed reaction with replies shows a placeholder."
            ),
        }


def reaction_excerpt(reaction):
    return plain_text(reaction.comment, limit=90)


def reaction_author(reaction):
    """The member, or a guest's name marked as a guest's (their address stays out of lists)."""
    if reaction.is_by_former_member:
        return _("former member")
    if reaction.user_id is None:
        return _("%(name)s (guest)") % {"name": reaction.user_name}
    return str(reaction.user)


def reaction_status(reaction):
    if reaction.is_removed:
        return _("removed")
    if reaction.is_unconfirmed:
        return _("not confirmed by its guest")
    if reaction.awaiting_approval and not reaction.is_public:
        return _("awaiting approval")
    if not reaction.is_public:
        return _("hidden")
    return _("visible")


class ReactionViewSet(ModelViewSet):
    model = Reaction
    icon = "comment"
    menu_label = _("Reactions")
    menu_order = 250
    add_to_admin_menu = True
    name = "reactions"
    index_view_class = ReactionIndexView
    filterset_class = ReactionFilterSet
    form_fields = ["is_public", "is_removed"]
    search_fields = ["comment", "user_name"]
    search_backend_name = None
    inspect_view_enabled = True
    list_per_page = 50
    list_display = [
        TitleColumn("excerpt", label=_("Reaction"), accessor=reaction_excerpt, url_name="reactions:edit"),
        Column("author", label=_("Author"), accessor=reaction_author),
        Column("post_title", label=_("Post")),
        DateColumn("submit_date", label=_("Written")),
        Column("flag_count", label=_("Reports")),
        StatusTagColumn("status", label=_("Status"), accessor=reaction_status, primary=lambda r: r.is_visible),
    ]

    def get_form_class(self, for_update=False):
        return ReactionForm
