"""What every page's header and footer show is kept until a purge: in the shared cache,
and in each process as well, so that a page reads only the labels' versions for it."""

from unittest import mock

from django.core.cache import cache

import pytest

from pagecache import labels
from pagecache.labels import SITE, kept_until_purged, purge


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    labels._held.clear()
    yield
    labels._held.clear()


def test_a_kept_value_is_computed_once_and_then_read_without_the_shared_copy():
    computed = []

    def compute():
        computed.append(1)
        return ["menu"]

    assert kept_until_purged("test:menu", [SITE], compute, 60) == ["menu"]
    with mock.patch.object(cache, "get", wraps=cache.get) as shared_get:
        assert kept_until_purged("test:menu", [SITE], compute, 60) == ["menu"]
    assert computed == [1]
    assert not any(call.args[0] == "test:menu" for call in shared_get.call_args_list)


@pytest.mark.django_db  # a purge is repeated when the transaction commits
def test_a_purge_makes_the_process_copy_stale_and_it_is_computed_again():
    values = iter(["old menu", "new menu"])
    assert kept_until_purged("test:menu", [SITE], lambda: next(values), 60) == "old menu"

    purge(SITE)

    assert kept_until_purged("test:menu", [SITE], lambda: next(values), 60) == "new menu"


def test_another_process_reads_the_shared_copy_instead_of_computing():
    kept_until_purged("test:menu", [SITE], lambda: "menu", 60)
    labels._held.clear()  # as a process that never computed it

    def must_not_run():
        raise AssertionError("computed again although the shared copy is current")

    assert kept_until_purged("test:menu", [SITE], must_not_run, 60) == "menu"


def test_a_process_copy_is_not_served_after_the_shared_copy_would_have_expired():
    values = iter(["first", "second"])
    with mock.patch.object(labels.time, "monotonic", return_value=1000.0):
        assert kept_until_purged("test:menu", [SITE], lambda: next(values), 60) == "first"
    cache.delete("test:menu")  # expired in the shared cache as well
    with mock.patch.object(labels.time, "monotonic", return_value=1061.0):
        assert kept_until_purged("test:menu", [SITE], lambda: next(values), 60) == "second"
