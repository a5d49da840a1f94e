from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from access.models import Membership
from access.page_types import GroupOfMembers
from access.policy import MEMBER_ROLES, forget_facts, is_site_editor
from core import converters  # noqa: F401 - registers <id:…>, used by the routes below
from core.locales import default_locale_id
from core.translations import follow_source, lead_translations
from engagement.ratings import Rateable, attach_ratings, with_ratings
from engagement.sections import rating_context
from pagecache.labels import LISTINGS, SEARCH, page_label
from pages.models import TEXT_FEATURES, BasePage, IntroPage

from . import views
from .image_collections import GroupImages  # noqa: F401 - a model of this app
from .membership import can_manage, counted, membership_with_role, own_role_in

POSTS_PER_PAGE = 10
# Addresses below a group that its own routes answer; no post may take them as its slug.
RESERVED_SLUGS = {"leden", "members", "lidmaatschap"}


class GroupIndexPage(IntroPage):
    """ "Groepen": every group of the site, in alphabetical order."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["groups.GroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("group index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = attach_ratings(
            with_ratings(GroupPage.objects.child_of(self).live().select_related("image").order_by("title"))
        )
        return context


class GroupPage(GroupOfMembers, Rateable, RoutablePageMixin, BasePage):
    """A group: people around one theme, and the blog posts they write."""

    description = models.CharField(
        _("description"),
        max_length=200,
        help_text=_("One line that says what the group is about; shown in listings and beside its posts."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(
        _("introduction"),
        features=["h2", "h3", *TEXT_FEATURES],
        blank=True,
        help_text=_("A longer introduction on the group's own page."),
    )
    is_closed = models.BooleanField(
        _("closed group"),
        default=False,
        help_text=_(
            "Members join on request and a group admin accepts or refuses; the group's posts are for its members only."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("intro"),
        FieldPanel("is_closed"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("description"),
        index.SearchField("intro"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("description"),
        TranslatableField("intro"),
        SynchronizedField("image"),
        SynchronizedField("is_closed"),
    ]

    parent_page_types = ["groups.GroupIndexPage"]
    subpage_types = ["blog.BlogPage"]

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    @classmethod
    def for_serving(cls):
        # The header shows the group's image.
        return super().for_serving().select_related("image")

    def save(self, *args, **kwargs):
        follow_source(self, "is_closed")
        super().save(*args, **kwargs)
        lead_translations(self, "is_closed", kwargs.get("update_fields"))
        forget_facts()

    def serve(self, request, view=None, args=None, kwargs=None):
        # Every route of the group (its page, the members page, the membership forms)
        # answers to the same rules as any other page.
        return self.refusal_or_redirect(request) or super().serve(request, view=view, args=args, kwargs=kwargs)

    # The members page answers to the word in either language.
    @path("leden/", name="members")
    @path("members/", name="members_en")
    def members(self, request):
        return views.members_page(self, request)

    @path("lidmaatschap/", name="membership")
    def membership(self, request):
        return views.own_membership(self, request)

    @path("leden/<id:member_id>/", name="manage_member")
    def manage_member(self, request, member_id):
        return views.manage_member(self, request, member_id)

    def what_a_change_purges(self, moved_from=None, cdn=False):
        return [page_label(self), LISTINGS, SEARCH], [self]

    def get_cached_paths(self):
        # A CDN holds the members page too; purging the group purges both.
        route = "members_en" if self.locale.language_code == "en" else "members"
        return ["/", self.reverse_subpage(route)]

    def members_url(self):
        route = "members_en" if self.locale.language_code == "en" else "members"
        return (self.url or "") + self.reverse_subpage(route)

    def new_post_url(self, post_type):
        """Where a member writes a new post in this group: the admin's create view under the
        group in the site's source language (posts are translated from there)."""
        source = self
        if self.locale_id != default_locale_id():
            source = self.get_translations().filter(locale_id=default_locale_id()).first() or self
        meta = post_type._meta
        return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, source.pk])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The posts are the page type allowed below a group (subpage_types), which knows
        # how to list itself for cards; this app does not import it.
        (post_type,) = self.specific_class.allowed_subpage_models()
        context["posts_page"], context["posts"] = post_type.listing_in(self, request, POSTS_PER_PAGE)
        context["group_rating"] = None
        if self.pk:
            # The group's stars, its numbers of members and of requests, and the reader's
            # own place in it, in one query.
            numbers = (
                with_ratings(GroupPage.objects.filter(pk=self.pk).only("translation_key"))
                .annotate(
                    members=counted(MEMBER_ROLES),
                    pending=counted([Membership.Role.PENDING]),
                    own_role=own_role_in(request.user),
                )
                .get()
            )
            (numbers,) = attach_ratings([numbers])
            context["group_rating"] = rating_context(request, self, summary=numbers.rating)
            own = membership_with_role(request.user, self, numbers.own_role)
            is_member = own is not None and own.is_member
            # A closed group keeps its posts for its members; the others hear that it has them.
            if self.is_closed and not is_member and not is_site_editor(request.user):
                shown = context["posts_page"].paginator.count
                context["posts_for_members"] = max(post_type.objects.child_of(self).live().count() - shown, 0)
            if is_member or is_site_editor(request.user):
                context["new_post_url"] = self.new_post_url(post_type)
            context["membership"] = {
                "own": own,
                "count": numbers.members,
                "managing": can_manage(request.user, self, own),
                "pending_count": numbers.pending if own is not None and own.is_manager else 0,
            }
        return context
