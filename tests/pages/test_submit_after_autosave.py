"""Wagtail saves the editor's form on its own (autosave); a button pressed during such a
save sent the form to the create address a second time, making a second page or a server
error. The editor loads the script that makes the press wait (the browser journey
tests/browser/test_group_author_journey.py presses while Wagtail saves)."""

from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from blog.factories import BlogPageFactory

pytestmark = pytest.mark.django_db

SCRIPT = "pages/js/submit-after-autosave.js"


@pytest.fixture
def editor(client, superuser):
    client.force_login(superuser)
    return client


def test_the_create_and_edit_views_load_the_script(editor, group, superuser):
    post = BlogPageFactory(parent=group, author=superuser)
    for address in (
        reverse("wagtailadmin_pages:add", args=["blog", "blogpage", group.pk]),
        reverse("wagtailadmin_pages:edit", args=[post.pk]),
    ):
        response = editor.get(address)
        assert response.status_code == 200
        assert f'<script src="/static/{SCRIPT}"></script>' in response.content.decode(), address


def test_the_script_waits_for_the_save_wagtail_announces():
    with open(finders.find(SCRIPT), encoding="utf-8") as script:
        source = script.read()
    # The events Wagtail's autosave dispatches on the form (w-autosave, Wagtail 8).
    for event in ("w-autosave:save", "w-autosave:success", "w-autosave:error"):
        assert f'"{event}"' in source


def test_wagtails_autosave_still_has_what_the_script_relies_on():
    """The script turns autosave off through the controller's ``active`` value and listens
    for its save, success and error events; a Wagtail upgrade that renames them fails here."""
    with open(finders.find("wagtailadmin/js/core.js"), encoding="utf-8") as core:
        wagtail = core.read()
    assert 'identifier:"w-autosave"' in wagtail
    assert "static values={active:{type:Boolean" in wagtail
    for event in ('this.dispatch("save"', 'this.dispatch("success"', 'this.dispatch("error"'):
        assert event in wagtail
    with open(finders.find(SCRIPT), encoding="utf-8") as script:
        assert '"data-w-autosave-active-value"' in script.read()
