"""Deleting an account from the admin goes through ``delete_member`` like the member's own
"Delete my account": Wagtail's own delete view and its bulk "Delete" would remove the row
alone, leaving the member's name on their reactions, in mentions, in the mail log and in
the search index, so both are sent to the page that asks the two questions."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from core import converters  # noqa: F401 - registers <id:…>, used by the routes below

from .delete_views import admin_delete_member, decide_on_left_post, may_decide_on_left_posts, posts_left_behind
from .deletion import LOG_ACTION, PostChoice, ReactionChoice


@hooks.register("register_admin_urls")
def register_deletion_urls():
    return [
        path("leden/<id:user_id>/account-verwijderen/", admin_delete_member, name="member_data_delete_member"),
        path("vertrokken-leden/berichten/", posts_left_behind, name="posts_left_behind"),
        path("vertrokken-leden/berichten/<id:post_id>/", decide_on_left_post, name="decide_on_left_post"),
    ]


@hooks.register("before_delete_user")
def delete_through_member_data(request, user):
    return redirect("member_data_delete_member", user_id=user.pk)


@hooks.register("before_bulk_action")
def no_bulk_deletion_of_members(request, action_type, objects, action_class_instance):
    models = getattr(action_class_instance, "models", [])
    if action_type == "delete" and models and models[0]._meta.label_lower == "accounts.user":
        messages.error(
            request,
            _("Delete accounts one at a time: each asks what becomes of the member's reactions and posts."),
        )
        return redirect("wagtailusers_users:index")
    return None


class LeftBehindMenuItem(MenuItem):
    def is_shown(self, request):
        return may_decide_on_left_posts(request.user)


@hooks.register("register_reports_menu_item")
def register_left_behind_menu_item():
    return LeftBehindMenuItem(
        _("Posts of members who left"),
        reverse("posts_left_behind"),
        name="posts-left-behind",
        icon_name="bin",
        order=720,
    )


@hooks.register("register_log_actions")
def register_member_deletion(actions):
    @actions.register_action(LOG_ACTION)
    class MemberDeleted(LogFormatter):
        label = _("Delete a member's account")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            reactions = dict(ReactionChoice.choices).get(data.get("reactions"), "")
            posts = dict(PostChoice.choices).get(data.get("posts"), "")
            return _("Account of member %(id)s deleted. Reactions: %(reactions)s. Posts: %(posts)s.") % {
                "id": data.get("member", ""),
                "reactions": reactions,
                "posts": posts,
            }
