"""Where pages may live: the home page holds the two index pages and the pages about the
site (accessibility statement, privacy, contact, colophon)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from about.models import AboutPage, AccessibilityStatementPage
from blog.models import BlogIndexPage, BlogPage
from groups.models import GroupIndexPage, GroupPage
from home.models import HomePage


class HomePageTreeTests(WagtailPageTestCase):
    def test_home_holds_only_the_indexes_and_the_pages_about_the_site(self):
        self.assertAllowedSubpageTypes(HomePage, {GroupIndexPage, BlogIndexPage, AboutPage, AccessibilityStatementPage})

    def test_home_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_cannot_hold_groups_or_posts_directly(self):
        self.assertCanNotCreateAt(HomePage, GroupPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_the_indexes_can_be_created_under_home(self):
        self.assertCanCreateAt(HomePage, GroupIndexPage)
        self.assertCanCreateAt(HomePage, BlogIndexPage)
