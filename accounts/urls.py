from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/bewerken/", views.edit_profile, name="edit_profile"),
]
