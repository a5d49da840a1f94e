from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import TEXT_FEATURES, BasePage, IntroPage
from home.pagination import paginate
from home.translations import follow_source, lead_translations

from .access import forget_facts, viewable

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
        from engagement.ratings import attach_ratings

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = attach_ratings(
            GroupPage.objects.child_of(self).live().select_related("image").order_by("title")
        )
        return context


class GroupPage(RoutablePageMixin, BasePage):
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
        from .views import members_page

        return members_page(self, request)

    @path("lidmaatschap/", name="membership")
    def membership(self, request):
        from .views import own_membership

        return own_membership(self, request)

    @path("leden/<int:member_id>/", name="manage_member")
    def manage_member(self, request, member_id):
        from .views import manage_member

        return manage_member(self, request, member_id)

    def get_cached_paths(self):
        # A CDN holds the members page too; purging the group purges both.
        route = "members_en" if self.locale.language_code == "en" else "members"
        return ["/", self.reverse_subpage(route)]

    def members_url(self):
        route = "members_en" if self.locale.language_code == "en" else "members"
        return (self.url or "") + self.reverse_subpage(route)

    def get_context(self, request, *args, **kwargs):
        from blog.listings import for_cards, post_cards
        from blog.models import BlogPage
        from engagement.context import rating_context

        from .membership import can_manage, member_count, membership_of

        context = super().get_context(request, *args, **kwargs)
        posts = for_cards(viewable(request.user, BlogPage.objects.child_of(self)).order_by("-date_published", "-pk"))
        page = paginate(request, posts, POSTS_PER_PAGE)
        context["posts_page"] = page
        context["posts"] = post_cards(page.object_list, group=self)
        context["group_rating"] = rating_context(request, self) if self.pk else None
        if self.pk:
            own = membership_of(request.user, self)
            context["membership"] = {
                "own": own,
                "count": member_count(self),
                "managing": can_manage(request.user, self, own),
                "pending_count": (
                    Membership.objects.filter(group_key=self.translation_key, role=Membership.Role.PENDING).count()
                    if own is not None and own.is_manager
                    else 0
                ),
            }
        return context


class Membership(models.Model):
    """A member's place in a group, in every language version of it (keyed by the
    group's translation key)."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        ADMIN = "admin", _("admin")
        MEMBER = "member", _("member")
        PENDING = "pending", _("request pending")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    group_key = models.UUIDField(_("group"), db_index=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    notify_posts = models.BooleanField(_("mail me new posts"), default=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "group_key"], name="groups_membership_once")]

    @property
    def is_member(self):
        return self.role in (self.Role.OWNER, self.Role.ADMIN, self.Role.MEMBER)

    @property
    def is_manager(self):
        return self.role in (self.Role.OWNER, self.Role.ADMIN)
