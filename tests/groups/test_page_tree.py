"""Where group pages may live: groups under "Groepen", and one "Groepen" per home page."""

from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase

from blog.models import BlogIndexPage, BlogPage
from groups.factories import GroupIndexPageFactory
from groups.models import GroupIndexPage, GroupPage
from home.models import HomePage


class GroupPageTreeTests(WagtailPageTestCase):
    def test_group_index_holds_only_groups(self):
        self.assertAllowedSubpageTypes(GroupIndexPage, {GroupPage})

    def test_group_index_lives_only_under_home(self):
        self.assertAllowedParentPageTypes(GroupIndexPage, {HomePage})

    def test_group_holds_only_blog_posts(self):
        self.assertAllowedSubpageTypes(GroupPage, {BlogPage})
        self.assertCanNotCreateAt(GroupPage, GroupPage)
        self.assertCanNotCreateAt(GroupPage, BlogIndexPage)

    def test_group_lives_only_under_the_group_index(self):
        self.assertAllowedParentPageTypes(GroupPage, {GroupIndexPage})
        self.assertCanNotCreateAt(HomePage, GroupPage)

    def test_one_group_index_per_home(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.assertTrue(GroupIndexPage.can_create_at(home))

        GroupIndexPageFactory(parent=home)

        self.assertFalse(GroupIndexPage.can_create_at(home))
