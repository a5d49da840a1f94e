from django.utils.translation import gettext_lazy as _

from blog.listings import latest_posts
from blog.models import BlogPage
from engagement.ratings import attach_ratings, with_ratings
from groups.models import GroupPage
from pages.models import IntroPage


class HomePage(IntroPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "groups.GroupIndexPage",
        "blog.BlogIndexPage",
        "about.AboutPage",
        "about.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = attach_ratings(
            with_ratings(GroupPage.objects.live().filter(locale=self.locale).select_related("image").order_by("title"))
        )
        context["groups"] = groups
        context["latest_posts"] = latest_posts(BlogPage.readable(request.user, self.locale), limit=6, groups=groups)
        return context
