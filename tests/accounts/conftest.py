import pytest

from tests.engagement.helpers import verified_member


@pytest.fixture
def anna(db):
    return verified_member(email="anna@x.nl", display_name="Anna de Vries")


@pytest.fixture
def bob(db):
    return verified_member(email="bob@x.nl", display_name="Bob Jansen")
