"""``make bench``'s runner: it installs nothing itself, and it measures the member and the
post that ``generate_load_data`` makes."""

from django.utils.text import slugify

import pytest

from bench import plan, scenarios
from bench.errors import BenchError
from bench.wrk import require_wrk
from demo import content


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
