"""What the access policy needs of the page types it rules, without knowing them.

A page type takes part by inheriting one of these mixins; the policy finds the concrete
types among Django's models. They add no fields: the page type keeps its own, named as
below, so that its migrations stay its own."""

import functools

from django.apps import apps


class GroupOfMembers:
    """A page type whose pages are groups: ``is_closed`` (members only), and members
    recorded in ``Membership`` by the page's ``translation_key``. Blog posts of a group
    are its child pages."""


class ReadByAccessLevel:
    """A page type whose pages say who may read them: ``access_level`` (an
    ``AccessLevel``) and ``author`` (whose own page it always is)."""


@functools.cache
def _concrete(mixin):
    return tuple(model for model in apps.get_models() if issubclass(model, mixin) and not model._meta.abstract)


def group_types():
    return _concrete(GroupOfMembers)


def restricted_types():
    return _concrete(ReadByAccessLevel)
