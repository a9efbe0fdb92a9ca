"""Russian text files in the encodings people's programs save them in read as Russian."""
import pytest

from core.reading.readers import decode_text, read_document
from roadmaps.importers.table import iter_measures, parse_roadmap
from tests.support.seeds import seed_text

# KOI8-R has no guillemets, en dash or numero sign: a file really saved in it has none.
_NOT_IN_KOI8 = str.maketrans({"«": '"', "»": '"', "–": "-", "—": "-", "№": "N", "\u00a0": " "})


def excerpt(prefix: str, lines: int) -> str:
    text = "\n".join(seed_text(prefix).splitlines()[:lines]).translate(_NOT_IN_KOI8)
    return "".join(char for char in text if _encodable(char))


def _encodable(char: str) -> bool:
    try:
        char.encode("koi8_r")
        char.encode("cp1251")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize("prefix,lines", [("000", 60), ("001", 80), ("003", 60)])
def test_a_koi8_r_seed_reads_as_its_text(prefix, lines):
    text = excerpt(prefix, lines)

    assert decode_text(text.encode("koi8_r")) == text


@pytest.mark.parametrize("prefix,lines", [("000", 60), ("001", 80), ("003", 60)])
def test_a_windows_1251_seed_still_reads_as_its_text(prefix, lines):
    text = excerpt(prefix, lines)

    assert decode_text(text.encode("cp1251")) == text


def test_a_koi8_r_roadmap_imports_the_same_measures_as_its_utf_8_original():
    text = excerpt("001", 10_000)

    from_koi8 = parse_roadmap(read_document("план.txt", text.encode("koi8_r")))
    from_utf8 = parse_roadmap(read_document("план.txt", text.encode("utf-8")))

    texts = [m.text for _, m in iter_measures(from_koi8)]
    assert texts == [m.text for _, m in iter_measures(from_utf8)]
    assert len(texts) > 20
    assert any("Управлени" in m.responsible_text for _, m in iter_measures(from_koi8))


@pytest.mark.parametrize("word", ["План", "мероприятий", "Срок", "школа", "ёлка"])
def test_a_single_short_word_is_not_taken_for_the_other_encoding(word):
    assert decode_text(f"{word} на 2024 год".encode("koi8_r")) == f"{word} на 2024 год"
    assert decode_text(f"{word} на 2024 год".encode("cp1251")) == f"{word} на 2024 год"
