"""The interface is translated to the last string. (Whether the code has strings the
catalogues lack needs GNU gettext; `make check` runs that part.)"""

from pathlib import Path

from django.conf import settings

import polib
import pytest

from core.management.commands.check_catalogues import mo_mismatches

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalogue_is_complete(lang):
    po = polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compiled_catalogue_matches_its_source(lang):
    assert mo_mismatches(LOCALE_DIR, lang) == []


def test_a_stale_compiled_catalogue_is_noticed(tmp_path):
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.pofile(str(LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.po"))
    po.save_as_mofile(str(folder / "django.mo"))
    po.find("just now").msgstr = "net nu"
    po.save(str(folder / "django.po"))
    assert mo_mismatches(tmp_path, "nl") == ["django.mo differs from django.po for 'just now'"]
