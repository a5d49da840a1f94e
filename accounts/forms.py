from wagtail.users.forms import UserCreationForm, UserEditForm


class SamenUserCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class SamenUserEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name", "bio"}
