"""A guest's reaction from the form to the reader's eyes through the real machinery: the
outbox, a task worker process (``manage.py db_worker``) and an SMTP server on this
machine (aiosmtpd). Once shown at once, once held for a moderator.

These tests commit their rows (the worker is another process), so they run after the
others (tests/conftest.py)."""

import re
from urllib.parse import urlsplit

from django.test import Client

from wagtail.models import Site

import pytest

from blog.factories import BlogPageFactory
from engagement.models import GuestReactions, Reaction
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.background.workers import start_worker
from tests.mailserver import MailServer

from .helpers import reaction_data, soup, verified_member

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def smtp():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def worker(smtp, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    running = start_worker("guest-mail-worker", smtp.port)
    yield running
    running.stop()


@pytest.mark.parametrize("need_approval", [False, True])
def test_form_mail_link_and_the_reaction_shown_or_held(home, smtp, worker, need_approval):
    GuestReactions.objects.create(
        site=Site.objects.get(is_default_site=True), allowed=True, need_approval=need_approval
    )
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    post = BlogPageFactory(parent=group, author=verified_member(email="auteur@samen.test"), title="Samen koken")
    client = Client()
    assert soup(client.get(post.url)).select_one("form[action='/reacties/gast/plaatsen/']") is not None

    data = {**reaction_data(post, "Lekker!"), "name": "Gast Gerda", "email": "gerda@voorbeeld.test"}
    assert client.post("/reacties/gast/plaatsen/", data).status_code == 302

    [received] = smtp.wait_for(1)
    assert received.rcpt_tos == ["gerda@voorbeeld.test"]
    body = next(
        part.get_payload(decode=True).decode()
        for part in received.message.walk()
        if part.get_content_type() == "text/plain"
    )
    link = urlsplit(re.search(r"https?://\S+/reacties/gast/bevestigen/\S+/", body).group(0)).path
    assert "Lekker!" not in client.get(post.url).content.decode()

    response = client.post(link)
    reaction = Reaction.objects.get()
    page = client.get(post.url).content.decode()
    if need_approval:
        assert response.status_code == 200
        assert reaction.awaiting_approval and not reaction.is_public
        assert "Lekker!" not in page
    else:
        assert response.status_code == 302
        assert reaction.is_public
        assert "Lekker!" in page
    assert "gerda@voorbeeld.test" not in page
