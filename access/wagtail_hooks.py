from wagtail import hooks

from .admin_permissions import without_restricted


@hooks.register("construct_explorer_page_queryset")
def hide_restricted_in_explorer(parent_page, pages, request):
    return without_restricted(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_restricted_in_choosers(pages, request):
    return without_restricted(request.user, pages)
