from django.core.cache import cache

import pytest

from tests.engagement.helpers import verified_member


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Log-in rate limits live in the (shared, in-memory) cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anna(db):
    return verified_member(email="anna@x.nl", display_name="Anna de Vries")


@pytest.fixture
def bob(db):
    return verified_member(email="bob@x.nl", display_name="Bob Jansen")
