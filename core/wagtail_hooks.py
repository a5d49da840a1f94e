from django.urls import path

from wagtail import hooks

from .translation_admin import SubmitPageTranslation, confirm_incomplete_publish


# Ahead of wagtail-localize's own hooks (order 0): the same address, resolved here first.
@hooks.register("register_admin_urls", order=-1)
def register_translation_submit_url():
    return [
        path("localize/submit/page/<id:page_id>/", SubmitPageTranslation.as_view(), name="samen_submit_translation")
    ]


@hooks.register("before_edit_page", order=-1)
def ask_before_publishing_an_incomplete_translation(request, page):
    return confirm_incomplete_publish(request, page)
