import datetime
import json

from django.utils import timezone

import factory
import wagtail_factories

from accounts.factories import UserFactory

from .models import BlogIndexPage, BlogPage, BlogPageRelatedPin


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blogs"
    slug = "blogs"
    show_in_menus = True

    class Meta:
        model = BlogIndexPage


class BlogPageFactory(wagtail_factories.PageFactory):
    """A published post. ``tags=["a", "b"]`` tags it; ``body`` takes the stream as a list of
    ``{"type": ..., "value": ...}`` dicts."""

    title = factory.Sequence(lambda n: f"Blogbericht {n}")
    teaser = "Een korte inleiding op dit bericht."
    author = factory.SubFactory(UserFactory)
    date_published = factory.Sequence(
        lambda n: timezone.make_aware(datetime.datetime(2024, 1, 1, 9, 0)) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(lambda: json.dumps([{"type": "paragraph", "value": "<p>Een eerste alinea.</p>"}]))

    class Meta:
        model = BlogPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()


class BlogPageRelatedPinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogPageRelatedPin
