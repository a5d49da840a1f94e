"""System checks of the single sign-on settings: a mistake in them is reported when the site
starts (and by ``manage.py check``), with what to change, instead of failing a member's
log-in later."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.checks import Error, Warning, register
from django.db import DatabaseError

from .sso import provider_app, read_groups_by_domain


@register()
def check_single_sign_on(app_configs, **kwargs):
    mapping = read_groups_by_domain(settings.SSO_GROUPS)
    problems = [
        Error(f"SSO_GROUPS: {error}.", hint="Write domain=Group,Group;domain=Group.", id="accounts.E001")
        for error in mapping.errors
    ]
    app = provider_app()
    if app is not None and not (app.get("client_id") and app.get("secret")):
        problems.append(
            Error(
                "SSO_ISSUER is set without SSO_CLIENT_ID and SSO_CLIENT_SECRET.",
                hint="Set both to what the organisation's provider registered for this site.",
                id="accounts.E002",
            )
        )
    if mapping.groups and app is None:
        problems.append(
            Warning("SSO_GROUPS is set, but without SSO_ISSUER nobody logs in through it.", id="accounts.W001")
        )
    names = mapping.names()
    if names:
        try:
            known = set(Group.objects.filter(name__in=names).values_list("name", flat=True))
        except DatabaseError:
            # Before the first migration there are no groups to compare with.
            return [
                *problems,
                Warning("The groups named in SSO_GROUPS could not be looked up in the database.", id="accounts.W002"),
            ]
        problems.extend(
            Error(
                f"SSO_GROUPS names the group {name!r}, which does not exist.",
                hint="Use the name of a group (a role in the admin's Groups), exactly as spelt there.",
                id="accounts.E003",
            )
            for name in names
            if name not in known
        )
    return problems
