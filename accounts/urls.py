from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("<int:pk>/", views.profile, name="profile"),
    path("profiel/bewerken/", views.edit_profile, name="edit_profile"),
]
