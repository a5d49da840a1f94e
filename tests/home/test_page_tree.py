"""Where pages may live: the home page holds exactly the two index pages."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPage
from groups.models import GroupIndexPage, GroupPage
from home.models import HomePage


class HomePageTreeTests(WagtailPageTestCase):
    def test_home_holds_only_the_group_index_and_the_blog_index(self):
        self.assertAllowedSubpageTypes(HomePage, {GroupIndexPage, BlogIndexPage})

    def test_home_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_cannot_hold_groups_or_posts_directly(self):
        self.assertCanNotCreateAt(HomePage, GroupPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_the_indexes_can_be_created_under_home(self):
        self.assertCanCreateAt(HomePage, GroupIndexPage)
        self.assertCanCreateAt(HomePage, BlogIndexPage)
