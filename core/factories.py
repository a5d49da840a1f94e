from wagtail.models import Collection

import factory
import wagtail_factories

from .generated_images import generated_image_file


class ImageFactory(wagtail_factories.ImageFactory):
    """A generated picture in the root collection (never a new collection per image)."""

    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(lambda obj: generated_image_file(obj.title))
