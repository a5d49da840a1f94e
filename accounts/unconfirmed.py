"""Accounts nobody ever confirmed: signed up, never clicked the link in the mail, never
logged in. After ACCOUNT_UNCONFIRMED_DAYS days a daily job removes them, so that an
address someone typed in (perhaps not their own) is not kept for ever.

Only accounts made by signing up qualify (allauth keeps their unconfirmed address):
accounts an administrator made, in the admin or on the command line, have no address
record at all and are left for the administrator. Staff, administrators, members given a
role, and accounts with anything to their name (the relations named in the setting
ACCOUNT_UNCONFIRMED_KEPT_BY: posts, reactions, stars) are never removed."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from allauth.account.models import EmailAddress

from .models import User

logger = logging.getLogger(__name__)

# Accounts removed per statement: a long queue of them is worked off in steps.
BATCH_SIZE = 500


def _kept_by(relation):
    """A subquery for "``relation`` ("app_label.Model.field") points at this account"."""
    model_label, field = relation.rsplit(".", 1)
    model = apps.get_model(model_label)
    return Exists(model._base_manager.filter(**{field: OuterRef("pk")}))


def never_confirmed(now=None):
    """The accounts the daily job removes at ``now``."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.ACCOUNT_UNCONFIRMED_DAYS)
    addresses = EmailAddress.objects.filter(user_id=OuterRef("pk"))
    accounts = (
        User.objects.filter(date_joined__lt=cutoff, last_login__isnull=True, is_staff=False, is_superuser=False)
        .filter(Exists(addresses))
        .exclude(Exists(addresses.filter(verified=True)))
        .exclude(groups__isnull=False)
    )
    for relation in settings.ACCOUNT_UNCONFIRMED_KEPT_BY:
        accounts = accounts.exclude(_kept_by(relation))
    return accounts


def remove_unconfirmed_accounts():
    """The daily job. Each account goes with everything that is only its own (addresses,
    settings), as when a member leaves."""
    removed = 0
    while batch := list(never_confirmed().order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE]):
        # Asked again: someone may have confirmed in the meantime.
        _, by_model = never_confirmed().filter(pk__in=batch).delete()
        removed += by_model.get(User._meta.label, 0)
    if removed:
        logger.info("Removed %d never-confirmed accounts", removed)
    return removed
