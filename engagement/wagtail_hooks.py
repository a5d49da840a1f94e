from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Reaction
from .moderation import ReactionPermissionPolicy, ReactionViewSet

register_permission_policy(Reaction, ReactionPermissionPolicy(Reaction))


@hooks.register("register_admin_viewset")
def register_reaction_viewset():
    return ReactionViewSet()
