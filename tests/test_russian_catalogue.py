"""The Russian catalogues (compliance and the demo newsroom): complete, their placeholders intact,
compiled, and used when a reader asks for Russian."""

import gettext
import re
from pathlib import Path

import pytest

from tests.test_admin import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "compliance" / "locale" / "ru" / "LC_MESSAGES" / "django.po",
    ROOT / "newsroom" / "locale" / "ru" / "LC_MESSAGES" / "django.po",
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.mark.parametrize("path", CATALOGUES, ids=["compliance", "newsroom"])
def test_every_string_has_a_russian_translation_with_its_placeholders(path):
    header, *entries = read_po(path)
    assert "Language: ru" in header["msgstr"] and "nplurals=4;" in header["msgstr"]
    assert entries
    for entry in entries:
        where = f"{path.name}: msgid {entry['msgid']!r}"
        assert not entry["obsolete"] and "fuzzy" not in entry["flags"], where
        forms = sorted(k for k in entry if k.startswith("msgstr"))
        plural = "msgid_plural" in entry
        assert forms == ([f"msgstr[{n}]" for n in range(4)] if plural else ["msgstr"]), where
        for form in forms:
            assert entry[form].strip(), where
            found = set(PLACEHOLDER.findall(entry[form]))
            if plural:  # a form may name the count the English singular leaves out ("1 flag" is 21 in Russian)
                assert found <= set(PLACEHOLDER.findall(entry["msgid"] + entry["msgid_plural"])), where
                assert set(PLACEHOLDER.findall(entry["msgid"])) <= found, where
            else:
                assert sorted(PLACEHOLDER.findall(entry[form])) == sorted(PLACEHOLDER.findall(entry["msgid"])), where
    compiled = gettext.GNUTranslations(path.with_suffix(".mo").open("rb"))
    assert all(compiled.gettext(e["msgid"]) == e["msgstr"] for e in entries if "msgstr" in e and "msgctxt" not in e)


def test_a_reader_who_asks_for_russian_gets_the_pages_in_russian(client, db):
    page = client.get("/people/", HTTP_ACCEPT_LANGUAGE="ru")
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="ru"' in html
    assert "В розыске международных судов" in html and "Wanted by international courts" not in html
