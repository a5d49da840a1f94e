"""The delete form's two questions as a screen reader meets them: each a fieldset named by
its legend and described by its explanation, and by its error once there is one."""

import pytest

from tests.engagement.helpers import soup, verified_member
from tests.helpers import nl

from .deletion_helpers import DELETE_URL, LEAVER_EMAIL, LEAVER_NAME, log_in

HELP = {
    "reactions": nl(
        "Kept, they show “former member” instead of your name, without a link or picture. Removed, they "
        "disappear; one that others replied to stays as “Reaction removed” so that the replies can still be read."
    ),
    "posts": nl(
        "Left with their group, they stay online without an author, and the group's owner looks after them. "
        "Taken offline, an editor decides whether to delete them or give them to the group."
    ),
}


@pytest.fixture
def leaver(db):
    return verified_member(display_name=LEAVER_NAME, email=LEAVER_EMAIL, language="nl")


def descriptions(page, name):
    """The texts the fieldset of question ``name`` points to with aria-describedby."""
    fieldset = page.find("fieldset", id=f"id_{name}")
    ids = fieldset.get("aria-describedby", "").split()
    return [" ".join(page.find(id=described).get_text(" ").split()) for described in ids]


@pytest.mark.django_db
def test_each_question_is_described_by_its_explanation(client, leaver):
    log_in(client, LEAVER_EMAIL)
    page = soup(client.get(DELETE_URL))
    for name, explanation in HELP.items():
        assert descriptions(page, name) == [explanation]


@pytest.mark.django_db
def test_an_unanswered_question_is_described_by_its_error_too(client, leaver):
    log_in(client, LEAVER_EMAIL)
    response = client.post(DELETE_URL, {"posts": "group", "confirm": "on"})
    assert response.status_code == 400
    page = soup(response)
    assert descriptions(page, "reactions") == [HELP["reactions"], nl("Choose what becomes of the reactions.")]
    assert descriptions(page, "posts") == [HELP["posts"]]
