"""A member's own data: downloading it and leaving the site, under /nl/leden/ and /en/leden/."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "member_data"

urlpatterns = [
    path(pgettext_lazy("address of the member's data page", "your-data/"), views.index, name="index"),
    path("gegevens/download/<str:token>/", views.download, name="download"),
]
