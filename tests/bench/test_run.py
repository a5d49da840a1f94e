"""``make bench``'s runner: it installs nothing itself, and it measures the member and the
post that ``generate_load_data`` makes."""

import json

from django.conf import settings
from django.utils.text import slugify

import pytest

from bench import plan, scenarios
from bench.after_purge import PAGE_CACHE_KEYS
from bench.errors import BenchError
from bench.server import production_environment
from bench.wrk import require_wrk
from demo import content
from pagecache.keys import ASKED_PREFIX, ENTRY_PREFIX, MEMBER_PREFIX
from pagecache.labels import LABEL_PREFIX

CONTENT = content.FOLDER


def test_without_wrk_it_stops_and_names_the_package_to_install(tmp_path, monkeypatch):
    # Neither wrk nor apt-get on the PATH: a runner that tried to install wrk fails here, installing nothing.
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(BenchError, match=r"Install the package wrk: as root, make bench-tools"):
        require_wrk()


def test_with_wrk_installed_it_goes_ahead(tmp_path, monkeypatch):
    wrk = tmp_path / "wrk"
    wrk.write_text("#!/bin/sh\n")
    wrk.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    require_wrk()


def test_it_logs_in_as_the_member_and_loads_the_post_the_load_data_makes():
    assert scenarios.MEMBER_EMAIL == plan.BENCH_MEMBER_EMAIL
    assert scenarios.MEMBER_PASSWORD == plan.BENCH_MEMBER_PASSWORD
    # The featured post lives in the first group, under the demo's group index.
    group = f"/nl/{content.SITE['group_index']['slug']}/{slugify(plan.THEMES[0]['title'])}/"
    post = f"{group}{plan.FEATURED_SLUG}/"
    assert group == scenarios.GROUP
    assert post == scenarios.FEATURED_POST


def test_the_demo_post_is_one_of_the_demos_own_dutch_posts_with_few_reactions():
    posts = json.loads((CONTENT / "posts.json").read_text(encoding="utf-8"))
    reactions = json.loads((CONTENT / "reactions.json").read_text(encoding="utf-8"))
    group, slug = scenarios.DEMO_POST.strip("/").split("/")[-2:]

    post = next(post for post in posts if post["slug"] == slug)
    assert post["group"] == group
    assert post.get("access", "public") == "public"
    assert sum(reaction["post"] == slug for reaction in reactions) <= 3
    # Nothing that reaches out to another server while it renders.
    assert "video" not in {block["type"] for block in post["body"]}


def test_only_the_demos_posts_are_in_english():
    # The load data is written in the site's language alone: the English blog index holds
    # the demo's translated posts only.
    assert settings.LANGUAGE_CODE == "nl"
    assert f"/en/{content.SITE['blog_index']['slug']}/" == scenarios.DEMO_BLOG_INDEX
    assert f"/nl/{content.SITE['blog_index']['slug']}/" == scenarios.BLOG_INDEX


def test_the_page_cache_is_emptied_by_the_keys_it_uses():
    assert set(PAGE_CACHE_KEYS) == {ENTRY_PREFIX, MEMBER_PREFIX, LABEL_PREFIX, ASKED_PREFIX}


def test_the_wagtail_floor_is_the_page_the_load_data_makes():
    assert f"/{settings.LANGUAGE_CODE}/{plan.WAGTAIL_FLOOR_SLUG}/" == scenarios.WAGTAIL_FLOOR


def test_the_whole_server_is_the_cached_one_with_the_page_cache_off():
    cached, whole = production_environment(8002), production_environment(8002, whole=True)

    assert "PAGE_CACHE_SECONDS" not in cached and "MEMBER_PAGE_CACHE" not in cached
    assert (whole.pop("PAGE_CACHE_SECONDS"), whole.pop("MEMBER_PAGE_CACHE")) == ("0", "false")
    assert whole == cached
