from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import SamenUserCreationForm, SamenUserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin, with the display name every byline shows."""

    def get_form_class(self, for_update=False):
        return SamenUserEditForm if for_update else SamenUserCreationForm
