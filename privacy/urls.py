from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        pgettext_lazy("address of the privacy agreement page", "privacy-statement/agree/"),
        views.consent,
        name="consent",
    ),
]
