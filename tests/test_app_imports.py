"""No two apps import each other (the layers contract in pyproject.toml says more: which
way each may import)."""

from tests.app_imports import app_imports, apps, mutual_pairs


def test_every_app_is_found():
    assert {"access", "blog", "core", "groups", "home", "pagecache"} <= set(apps())


def test_no_two_apps_import_each_other():
    assert mutual_pairs(app_imports()) == []


def test_a_pair_importing_each_other_is_reported():
    assert mutual_pairs({("blog", "groups"): 3, ("groups", "blog"): 1, ("home", "blog"): 2}) == [("blog", "groups")]
