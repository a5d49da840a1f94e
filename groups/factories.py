import factory
import wagtail_factories

from .models import GroupIndexPage, GroupPage


class GroupIndexPageFactory(wagtail_factories.PageFactory):
    title = "Groepen"
    slug = "groepen"
    show_in_menus = True

    class Meta:
        model = GroupIndexPage


class GroupPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Groep {n}")
    description = "Een groep van mensen die samen iets willen bereiken"

    class Meta:
        model = GroupPage
