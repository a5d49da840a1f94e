"""Single sign-on with the organisation's OpenID Connect provider: whether it is on, which
addresses it admits, and which groups an address's domain joins.

The provider itself is allauth's ``openid_connect`` provider with one app, configured in
the settings from the environment (SSO_ISSUER and the rest); who may log in through it is
decided in ``accounts.social_adapter``. ``SSO_GROUPS`` reads
``gemeente.nl=Medewerkers,Redactie;provincie.nl=Medewerkers``: each domain (the part of
the address after the @, exactly) with the names of the Django groups, the site's roles,
that its members join at every log-in through the provider. Groups are only ever added:
a group that no longer matches stays, because the site cannot tell it apart from one an
administrator gave by hand."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from allauth.account.signals import user_logged_in

logger = logging.getLogger(__name__)

PROVIDER = "openid_connect"
# A domain as a mail address ends: labels of letters, digits and hyphens, with a dot.
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


@dataclass
class GroupsByDomain:
    """``SSO_GROUPS`` read: the groups per domain, and what could not be read."""

    groups: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def names(self):
        return sorted({name for names in self.groups.values() for name in names})


def read_groups_by_domain(text):
    """The mapping in ``text`` (the ``SSO_GROUPS`` format), with an error for each entry
    that is not ``domain=Group,Group``. Never raises: a wrong setting is reported by the
    system check (accounts/checks.py), and the entries that could be read still apply."""
    mapping = GroupsByDomain()
    for entry in (part.strip() for part in (text or "").split(";")):
        if not entry:
            continue
        domain, equals, names = entry.partition("=")
        domain = domain.strip().lower().removeprefix("@")
        groups = [name.strip() for name in names.split(",") if name.strip()]
        if not equals or not _DOMAIN.match(domain):
            mapping.errors.append(f"{entry!r} does not start with an e-mail domain and '=' (gemeente.nl=Group)")
        elif not groups:
            mapping.errors.append(f"{entry!r} names no group after '='")
        elif domain in mapping.groups:
            mapping.errors.append(f"the domain {domain} is named twice")
        else:
            mapping.groups[domain] = groups
    return mapping


def provider_app():
    """The app of the organisation's provider in the settings, or None when there is none."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get(PROVIDER, {}).get("APPS", [])
    return next((app for app in apps if app.get("provider_id") == settings.SSO_PROVIDER_ID), None)


def sso_enabled():
    return provider_app() is not None


def is_sso_login(sociallogin):
    return sociallogin is not None and sociallogin.account.provider == settings.SSO_PROVIDER_ID


def domain_of(email):
    return email.rpartition("@")[2].lower()


def domain_admitted(email):
    """Whether ``SSO_DOMAINS`` (when it names any) admits the address."""
    return not settings.SSO_DOMAINS or domain_of(email) in settings.SSO_DOMAINS


def verified_email(sociallogin):
    """The address the provider vouches for in this log-in, or None: present (allauth
    keeps only a valid address the site's column can hold) and marked ``email_verified``."""
    address = next((address for address in sociallogin.email_addresses if address.verified), None)
    return address.email.lower() if address is not None else None


def join_groups_of_domain(user, email):
    """Add ``user`` to the groups ``SSO_GROUPS`` gives the address's domain. A name without
    a group (removed since start-up, when the check passed) is logged and left out."""
    names = read_groups_by_domain(settings.SSO_GROUPS).groups.get(domain_of(email), [])
    if not names:
        return
    groups = list(Group.objects.filter(name__in=names))
    missing = set(names) - {group.name for group in groups}
    if missing:
        logger.warning("SSO_GROUPS names groups that do not exist: %s", ", ".join(sorted(missing)))
    with transaction.atomic():
        user.groups.add(*groups)


def join_groups_on_sso_login(sender, request, user, sociallogin=None, **kwargs):
    """allauth's ``user_logged_in``: a log-in through the provider (after the second
    factor, when the member has one) joins the groups of the address it vouched for."""
    if not is_sso_login(sociallogin):
        return
    email = verified_email(sociallogin)
    if email:
        join_groups_of_domain(user, email)


def connect():
    user_logged_in.connect(join_groups_on_sso_login, dispatch_uid="sso_join_groups")
