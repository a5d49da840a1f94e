"""Where blog pages may live, and writing a post through the page editor."""

from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.factories import DEFAULT_PASSWORD
from accounts.models import User
from blog.factories import BlogIndexPageFactory
from blog.models import BlogIndexPage, BlogPage
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from groups.models import GroupIndexPage, GroupPage
from home.models import HomePage


class BlogPageTreeTests(WagtailPageTestCase):
    def test_post_lives_only_in_a_group(self):
        self.assertAllowedParentPageTypes(BlogPage, {GroupPage})
        self.assertCanCreateAt(GroupPage, BlogPage)

    def test_post_cannot_be_created_under_home_or_the_blog_index(self):
        self.assertCanNotCreateAt(HomePage, BlogPage)
        self.assertCanNotCreateAt(BlogIndexPage, BlogPage)
        self.assertCanNotCreateAt(GroupIndexPage, BlogPage)

    def test_post_and_blog_index_have_no_children(self):
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertAllowedSubpageTypes(BlogIndexPage, set())

    def test_blog_index_lives_only_under_home(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})

    def test_one_blog_index_per_home(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.assertTrue(BlogIndexPage.can_create_at(home))

        BlogIndexPageFactory(parent=home)

        self.assertFalse(BlogIndexPage.can_create_at(home))


class CreatePostInTheEditorTests(WagtailPageTestCase):
    def setUp(self):
        home = Site.objects.get(is_default_site=True).root_page.specific
        self.group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), slug="menskracht")
        self.editor = User.objects.create_superuser(
            email="redactie@samen.test", password=DEFAULT_PASSWORD, display_name="Redactie Samen"
        )
        self.assertTrue(self.client.login(email=self.editor.email, password=DEFAULT_PASSWORD))
        self.add_url = reverse("wagtailadmin_pages:add", args=["blog", "blogpage", self.group.pk])

    def initial_author(self):
        response = self.client.get(self.add_url)
        self.assertEqual(response.status_code, 200)
        return response.context["form"].initial.get("author")

    def test_new_post_form_proposes_the_editor_as_author(self):
        self.assertEqual(self.initial_author(), self.editor.pk)

    def test_editor_can_publish_a_post_in_a_group(self):
        data = nested_form_data(
            {
                "title": "Talent zichtbaar maken",
                "slug": "talent-zichtbaar-maken",
                "teaser": "Drie manieren om te laten zien waar je goed in bent.",
                "access_level": "public",
                "author": self.initial_author(),
                "date_published": "",
                "hero_image": "",
                "hero_image_alt": "",
                "tags": "talent, leren",
                "body": streamfield(
                    [
                        ("heading", {"text": "Vertel wat je leerde", "level": "h2"}),
                        ("paragraph", rich_text("<p>Een verhaal zegt meer dan een lijst.</p>")),
                        ("quote", {"quote": "Talent groeit waar het gezien wordt.", "attribution": "Anouk"}),
                        ("callout", {"title": "Doe mee", "text": rich_text("<p>Schrijf mee.</p>")}),
                    ]
                ),
                "related_pins": inline_formset([]),
                "comments": inline_formset([]),
            }
        )

        self.assertCanCreate(self.group, BlogPage, data)

        post = BlogPage.objects.child_of(self.group).get(slug="talent-zichtbaar-maken")
        self.assertTrue(post.live)
        self.assertEqual(post.author, self.editor)
        self.assertIsNotNone(post.date_published, "publishing fills in the publication date")
        self.assertEqual([block.block_type for block in post.body], ["heading", "paragraph", "quote", "callout"])
        self.assertEqual(sorted(tag.name for tag in post.tags.all()), ["leren", "talent"])

    def test_preview_of_a_new_post_shows_the_real_template(self):
        data = nested_form_data(
            {
                "title": "Nog niet opgeslagen",
                "slug": "nog-niet-opgeslagen",
                "teaser": "Een korte inleiding.",
                "body": streamfield([("paragraph", rich_text("<p>Eerste alinea in de preview.</p>"))]),
                "related_pins": inline_formset([]),
            }
        )
        preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["blog", "blogpage", self.group.pk])
        self.assertEqual(self.client.post(preview_url, data).json(), {"is_valid": True, "is_available": True})
        response = self.client.get(preview_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Eerste alinea in de preview.")
        self.assertContains(response, '<h1 class="post__title utrecht-heading-1">Nog niet opgeslagen</h1>', html=True)
