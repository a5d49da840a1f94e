"""A member's own data: downloading it and leaving the site, under /nl/leden/ and /en/leden/."""

from django.urls import include, path
from django.utils.translation import pgettext_lazy

from . import delete_views, views

app_name = "member_data"

urlpatterns = [
    path(
        pgettext_lazy("address of the member's data page", "your-data/"),
        include(
            [
                path("", views.index, name="index"),
                path("download/<str:token>/", views.download, name="download"),
            ]
        ),
    ),
    path(
        pgettext_lazy("address of the page to delete one's account", "delete-account/"),
        delete_views.delete_account,
        name="delete",
    ),
    path(
        pgettext_lazy("address of the page after an account was deleted", "account-deleted/"),
        delete_views.account_deleted,
        name="deleted",
    ),
]
