"""Helpers shared by the reaction and member tests."""

import datetime
import time

from django.contrib.auth.models import Group
from django.utils import timezone

from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup

from accounts.factories import UserFactory
from engagement.forms import ReactionForm
from engagement.reactions import store_reaction

POST_URL = "/reacties/plaatsen/"


def verified_member(**kwargs):
    """A member who can log in through allauth: the e-mail address is confirmed."""
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def member_of(group_name, **kwargs):
    """A verified member in the Django group ``group_name`` (Editors, Moderators, …)."""
    user = verified_member(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def reaction_data(page, comment="Mooi bericht!", reply_to=0, next_url=None, **overrides):
    """What the reaction form under ``page`` posts: its security fields and the text."""
    data = dict(ReactionForm(page).initial)
    data.update({"comment": comment, "reply_to": reply_to, "next": next_url if next_url is not None else page.url})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_reaction(page, user, comment="Een reactie.", parent=None, when=None, **fields):
    """A reaction stored the way the site stores one (XtdComment.save() sets the thread)."""
    parent_id = parent.pk if parent is not None else 0
    return store_reaction(page, user, comment, parent_id=parent_id, submit_date=when, **fields)


def minutes_ago(n):
    return timezone.now() - datetime.timedelta(minutes=n)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response):
    """The visible text of a page, whitespace collapsed."""
    return " ".join(soup(response).get_text(" ").split())


def thread_ids(response):
    """Ids of top-level reactions, in the order the page shows them."""
    page = soup(response)
    return [
        int(li["id"].removeprefix("reactie-"))
        for li in page.select("li.reaction")
        if "reaction--reply" not in li.get("class", [])
    ]


def reply_ids(response):
    return [int(li["id"].removeprefix("reactie-")) for li in soup(response).select("li.reaction--reply")]


def textarea_value(response):
    area = soup(response).select_one("textarea[name=comment]")
    return area.get_text() if area is not None else None


def final_response(client, method, url, data=None):
    """The answer after following redirects. Django's LocaleMiddleware answers an
    unknown address outside the language prefix with a redirect to the same path under
    /nl/ (which Wagtail then answers with 404): every hop must stay on the site."""
    response = getattr(client, method)(url, data or {}, follow=True)
    for location, _status in response.redirect_chain:
        assert location.startswith("/") and not location.startswith("//"), location
    return response


def within_one_clock_minute(seconds_needed=10):
    """The site's throttle counts per clock minute: wait for a fresh minute when a burst
    of requests might otherwise straddle two."""
    remaining = 60 - time.time() % 60
    if remaining < seconds_needed:
        time.sleep(remaining + 0.1)
