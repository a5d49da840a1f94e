from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .viewsets import SECOND_FACTORS_REMOVED


@hooks.register("register_log_actions")
def register_account_actions(actions):
    actions.register_action(
        SECOND_FACTORS_REMOVED,
        _("Turn off two-factor authentication"),
        _("Two-factor authentication turned off"),
    )
