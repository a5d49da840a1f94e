"""A member who proves again who they are by a code mailed to them (allauth's
re-authentication by code: members who log in only through their organisation have no
password to type) gets the site's pages, in their language."""

from django.urls import reverse
from django.utils import translation

import pytest

from tests.engagement.helpers import verified_member
from tests.helpers import nl, parse

pytestmark = pytest.mark.django_db


def test_a_member_confirms_it_is_them_with_a_mailed_code(client, home, mailoutbox):
    member = verified_member(email="code@samen.test", display_name="Code")
    client.force_login(member)
    with translation.override("nl"):
        request_code = reverse("account_request_reauthentication_code")
    page = parse(client.get(request_code))
    assert "code@samen.test" in page.select_one("main").get_text()
    assert page.select_one("main form input[name=recipient]")["value"] == "code@samen.test"

    response = client.post(request_code, {"recipient": "code@samen.test"})
    assert response.status_code == 302
    confirm = parse(client.get(response["Location"]))
    field = confirm.select_one("main form input[name=code]")
    assert confirm.find("label", attrs={"for": field["id"]}) is not None
    assert nl("Confirm") in confirm.select_one("main form button").get_text()
    [mail] = mailoutbox
    assert mail.to == ["code@samen.test"]


@pytest.mark.parametrize("recipient", ["", "iemand@anders.test", "<script>x</script>", "' OR 1=1 --", "x" * 5000])
def test_a_code_goes_only_to_the_members_own_address(client, home, mailoutbox, recipient):
    member = verified_member(email="code@samen.test", display_name="Code")
    client.force_login(member)
    with translation.override("nl"):
        request_code = reverse("account_request_reauthentication_code")
    response = client.post(request_code, {"recipient": recipient})
    assert response.status_code == 200
    assert parse(response).select_one("main form input[name=recipient]")["value"] == "code@samen.test"
    assert mailoutbox == []
