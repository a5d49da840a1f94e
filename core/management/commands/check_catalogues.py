import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

import polib

LANGUAGES = ("nl", "en")
IGNORE = [".venv", "tests", "staticfiles", "media"]


def message_keys(po):
    return {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in po if not entry.obsolete}


class Command(BaseCommand):
    help = (
        "Fail when the code has strings the catalogues lack (or the catalogues keep strings the "
        "code dropped), when an entry is empty or fuzzy, or when a .mo is out of step with its .po."
    )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        problems = []
        with tempfile.TemporaryDirectory() as backup:
            shutil.copytree(locale_dir, Path(backup) / "locale")
            try:
                committed = {lang: polib.pofile(str(self.po_path(locale_dir, lang))) for lang in LANGUAGES}
                call_command(
                    "makemessages", locale=list(LANGUAGES), ignore_patterns=IGNORE, no_obsolete=True, verbosity=0
                )
                fresh = {lang: polib.pofile(str(self.po_path(locale_dir, lang))) for lang in LANGUAGES}
            finally:
                shutil.rmtree(locale_dir)
                shutil.copytree(Path(backup) / "locale", locale_dir)

        for lang in LANGUAGES:
            missing = message_keys(fresh[lang]) - message_keys(committed[lang])
            stale = message_keys(committed[lang]) - message_keys(fresh[lang])
            problems += [f"{lang}: not in the catalogue: {key[1]!r}" for key in sorted(missing, key=str)]
            problems += [f"{lang}: no longer in the code: {key[1]!r}" for key in sorted(stale, key=str)]
            po = committed[lang]
            problems += [f"{lang}: untranslated: {entry.msgid!r}" for entry in po.untranslated_entries()]
            problems += [f"{lang}: fuzzy: {entry.msgid!r}" for entry in po.fuzzy_entries()]
            problems += [f"{lang}: {issue}" for issue in mo_mismatches(locale_dir, lang)]
            # The scripts' catalogue holds only corrections of other packages' strings, by hand.
            if (locale_dir / lang / "LC_MESSAGES" / "djangojs.po").exists():
                problems += [f"{lang}: {issue}" for issue in mo_mismatches(locale_dir, lang, "djangojs")]

        if problems:
            raise CommandError("Message catalogues are out of step:\n  " + "\n  ".join(problems))
        self.stdout.write(self.style.SUCCESS("Catalogues complete and in step with the code."))

    @staticmethod
    def po_path(locale_dir, lang):
        return locale_dir / lang / "LC_MESSAGES" / "django.po"


def translations(catalogue):
    result = {}
    for entry in catalogue:
        if entry.msgid == "" or "fuzzy" in entry.flags:
            continue
        value = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        result[(entry.msgctxt, entry.msgid)] = value
    return result


def mo_mismatches(locale_dir, lang, domain="django"):
    """Differences between the .po and the compiled .mo next to it."""
    folder = locale_dir / lang / "LC_MESSAGES"
    mo_file = folder / f"{domain}.mo"
    if not mo_file.exists():
        return [f"{domain}.mo is missing: run `make messages`"]
    from_po = translations(polib.pofile(str(folder / f"{domain}.po")))
    from_mo = translations(polib.mofile(str(mo_file)))
    return [
        f"{domain}.mo differs from {domain}.po for {key[1]!r}" for key in from_po if from_po[key] != from_mo.get(key)
    ] + [f"{domain}.mo has {key[1]!r}, which {domain}.po has not" for key in from_mo.keys() - from_po.keys()]
