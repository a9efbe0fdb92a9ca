"""How the roadmap table of the order breaks over pages and lines, read back from the PDF.

A section heading never ends a page; short rows stay whole and long ones continue on the
next page, so no page is left half empty; nothing is hyphenated but a word too long for its
column — never an abbreviation, never a column header; no word is cut.
"""
import re
import subprocess
from datetime import date
from xml.etree import ElementTree

import pytest

from roadmaps.documents.build import build_order_document, build_roadmap_table
from roadmaps.documents.data import Appendix, OrderDocument, RoadmapTable, TableRow
from roadmaps.documents.metrics import SOFT_HYPHEN, fit_words, is_abbreviation, line_count
from roadmaps.documents.pdf import render_pdf
from tests.support.documents import squash

HYPHEN = "\u2010"  # what WeasyPrint draws where it hyphenates a word
LINE_PT = 12 * 1.1  # a table line: 12 pt type, line-height 1.1


def _pdf(data: bytes, tmp_path) -> str:
    path = tmp_path / "layout.pdf"
    path.write_bytes(data)
    return str(path)


def _pages(path: str) -> list[str]:
    """Each page's text in drawing order (`pdftotext -raw`, page by page)."""
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", path], check=True, capture_output=True, text=True).stdout)[1])
    return [subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), path, "-"],
                           check=True, capture_output=True, text=True).stdout
            for n in range(1, count + 1)]


def _lowest_text(path: str) -> list[tuple[float, float]]:
    """Per page: (the bottom of its lowest word, the page height), from `pdftotext -bbox`."""
    xml = subprocess.run(["pdftotext", "-bbox", path, "-"], check=True, capture_output=True,
                         text=True).stdout
    root = ElementTree.fromstring(xml.replace(' xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [(max(float(w.get("yMax")) for w in page.iter("word")), float(page.get("height")))
            for page in root.iter("page")]


def _table_pages(pages: list[str]) -> list[int]:
    return [i for i, page in enumerate(pages) if "Мероприятие" in page.split()]


def _table_lines(page: str, table: RoadmapTable) -> list[str]:
    """The lines of a page below the table's header row."""
    lines = page.splitlines()
    last_header = next(i for i, line in enumerate(lines) if table.headers[-1] in line.split())
    return lines[last_header + 1:]


def _seed_pdf(seed_orders, tmp_path, key):
    seed, roadmap, order = seed_orders(key)
    path = _pdf(render_pdf(build_order_document(order)), tmp_path)
    return seed, build_roadmap_table(roadmap), path


# --- page breaks -------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["001", "003"])
def test_no_page_ends_with_a_section_heading(seed_orders, tmp_path, key):
    _, table, path = _seed_pdf(seed_orders, tmp_path, key)
    pages = [squash(page) for page in _pages(path)]

    for i, row in enumerate(table.rows[:-1]):
        if not row.is_section:
            continue
        heading = squash(row.text)
        on = next(n for n, page in enumerate(pages) if heading in page.split("Результат", 1)[-1])
        following = squash(table.rows[i + 1].text)[:25]
        assert following in pages[on], (
            f"page {on + 1} ends with the heading «{row.number} {row.text}»")


@pytest.mark.parametrize("key", ["001", "003"])
def test_table_pages_are_filled_before_the_table_goes_on(seed_orders, tmp_path, key):
    """Only a short row (up to eight lines) goes over whole, so a page loses at most that."""
    _, _, path = _seed_pdf(seed_orders, tmp_path, key)
    pages = _pages(path)
    bottoms = _lowest_text(path)
    table_pages = _table_pages(pages)

    for n in table_pages[:-1]:
        lowest, height = bottoms[n]
        room_left = height - 20 * 72 / 25.4 - lowest  # above the 20 mm bottom margin
        assert room_left < 9 * LINE_PT, f"page {n + 1} leaves {room_left:.0f} pt empty"


def test_a_long_row_does_not_leave_the_page_before_it_half_empty(tmp_path):
    long_text = "Организация работы:\n" + "\n".join(
        f"- мероприятие {n} по плану методической службы района" for n in range(1, 31))
    rows = [TableRow(False, str(n), "Проведение совещания с руководителями ОО", "Март 2024",
                     "Управление образования") for n in range(1, 13)]
    rows.append(TableRow(False, "13", long_text, "В течение года", "МКУ ЦИМО"))
    doc = _narrow_document()
    doc.appendices[0] = Appendix(number=1, kind="roadmap", title="Карта", table=RoadmapTable(
        title="Карта", rows=rows, show_result=False, show_output_form=False))
    path = _pdf(render_pdf(doc), tmp_path)
    pages = _pages(path)
    first = _table_pages(pages)[0]
    lowest, height = _lowest_text(path)[first]

    assert "13" in pages[first].split()  # the long row starts under the short ones
    assert height - 20 * 72 / 25.4 - lowest < 9 * LINE_PT


def test_a_long_row_continues_on_the_next_page_and_a_short_one_stays_whole():
    rows = [TableRow(False, "1", "Короткое мероприятие", "Март 2024", "Управление образования"),
            TableRow(False, "2", "\n".join(f"- строка {n} длинного перечня" for n in range(12)),
                     "Постоянно", "МКУ ЦИМО")]
    printed = RoadmapTable(title="", rows=rows, show_result=False, show_output_form=False)

    assert [p.keep for p in printed.pdf_rows] == [True, False]
    assert [p.keep for p in printed.docx_rows] == [True, False]


# --- hyphenation -------------------------------------------------------------------------

def _hyphen_breaks(text: str) -> list[tuple[str, str]]:
    """(the end of a line broken with a hyphen, the start of the next line)."""
    lines = [line.strip() for line in text.splitlines()]
    return [(a.split()[-1], b.split()[0]) for a, b in zip(lines, lines[1:], strict=False)
            if a and b and a[-1] in f"-{HYPHEN}"]


def _abbreviation_split(before: str, after: str) -> bool:
    """«ТОИП-» + «КРО»: both pieces in capitals, or a capitals piece glued to the rest."""
    head = re.sub(r"\W", "", before)
    tail = re.sub(r"\W", "", after)
    return bool(head) and bool(tail) and (head.isupper() and tail[:1].isupper()
                                          or is_abbreviation(head + tail))


@pytest.mark.parametrize("key", ["001", "003"])
def test_the_seed_orders_are_not_hyphenated_at_all(seed_orders, tmp_path, key):
    _, _, path = _seed_pdf(seed_orders, tmp_path, key)

    for n, page in enumerate(_pages(path), 1):
        assert HYPHEN not in page, f"page {n}: a hyphenated word"


def _narrow_document(layout="order") -> OrderDocument:
    """A six-column table whose narrow columns hold abbreviations at every line position."""
    rows = []
    for n in range(24):
        filler = " ".join(["школы"] * (n // 3) + ["и"] * (n % 3))
        rows.append(TableRow(
            False, f"2.{n + 1}", "Методическое сопровождение школ", "Постоянно",
            f"Руководители ОО {filler} ТОИПКРО, НИПКиПРО, ЦНППМ", f"{filler} ТОИПКРО ГАУ ДПО",
            f"справка {filler} МКУ ЦИМО ТОИПКРО"))
    table = RoadmapTable(title="Дорожная карта", rows=rows)
    doc = OrderDocument(layout=layout, header_lines=["УПРАВЛЕНИЕ ОБРАЗОВАНИЯ"], title="Об утверждении",
                        number="1", issued_on=date(2024, 4, 3), place="", preamble="",
                        points=[], signatory_position="Начальник", signatory_name="О.Ю. Бурлуцкая")
    doc.appendices.append(Appendix(number=1, kind="roadmap", title=table.title, table=table))
    return doc


@pytest.mark.parametrize("layout", ["order", "approval_stamp"])
def test_no_abbreviation_and_no_column_header_is_hyphenated(tmp_path, layout):
    pages = _pages(_pdf(render_pdf(_narrow_document(layout)), tmp_path))
    table_pages = _table_pages(pages)

    assert table_pages
    for n in table_pages:
        words = pages[n].split()
        for header in ("Мероприятие", "Срок", "Ответственные", "Результат", "Форма"):
            assert header in words, f"page {n + 1}: the header «{header}» is broken"
        broken = [pair for pair in _hyphen_breaks(pages[n]) if _abbreviation_split(*pair)]
        assert not broken, f"page {n + 1}: {broken}"


def test_only_a_word_too_long_for_its_column_gets_soft_hyphens():
    narrow = 60  # pt: «общеобразовательных» is about 100 pt wide at 12 pt

    assert fit_words("общеобразовательных организаций", narrow, 12) == \
        f"об{SOFT_HYPHEN}ще{SOFT_HYPHEN}об{SOFT_HYPHEN}ра{SOFT_HYPHEN}зо{SOFT_HYPHEN}ва" \
        f"{SOFT_HYPHEN}тель{SOFT_HYPHEN}ных ор{SOFT_HYPHEN}га{SOFT_HYPHEN}ни{SOFT_HYPHEN}за" \
        f"{SOFT_HYPHEN}ций"
    assert fit_words("ТОИПКРО НИПКиПРО ГБУДПОНСОНИПКиПРО", 30, 12) == \
        "ТОИПКРО НИПКиПРО ГБУДПОНСОНИПКиПРО"
    assert fit_words("образования", 200, 12) == "образования"
    assert fit_words("Март 2023 г. Май 2023 г., МБОУ СОШ № 92", 200, 12) == \
        "Март 2023\u00a0г. Май 2023\u00a0г., МБОУ СОШ №\u00a092"
    assert line_count("один\nдва три", 200, 12) == 2


def test_a_word_too_long_for_its_column_is_hyphenated_not_cut(tmp_path):
    rows = [TableRow(False, "1", "Мероприятие", "Март 2024", "Управление образования", "",
                     "Информационно-аналитическая справка общеобразовательных организаций")]
    table = RoadmapTable(title="Карта", rows=rows, show_result=False)
    table_widths = table.column_widths
    doc = _narrow_document()
    doc.appendices[0] = Appendix(number=1, kind="roadmap", title="Карта", table=table)
    text = "\n".join(_pages(_pdf(render_pdf(doc), tmp_path)))

    assert table_widths[-1] == 12  # percent: about 84 pt of text, «общеобразовательных» 107
    assert f"обще{HYPHEN}" in text or f"общеобразова{HYPHEN}" in text
    joined = squash(text.replace(f"{HYPHEN}\n", ""))
    assert "Информационно-аналитическаясправкаобщеобразовательныхорганизаций" in joined


@pytest.mark.parametrize("key", ["001", "003"])
def test_no_word_of_the_table_is_cut(seed_orders, tmp_path, key):
    """Every word on a line of the table is a word of the roadmap as typed (or a piece of a
    hyphenated compound broken at its hyphen)."""
    seed, table, path = _seed_pdf(seed_orders, tmp_path, key)
    source = " ".join(" ".join([r.number, r.text, r.deadline_text, r.responsible, r.result,
                                r.output_form]) for r in table.rows)
    vocabulary = set(source.split())
    for word in list(vocabulary):
        parts = re.split(r"(?<=[-–/])(?![-–/])", word)  # where a line may break
        vocabulary.update(parts)
        vocabulary.update("".join(parts[i:]) for i in range(len(parts)))
    vocabulary.update(squash(h) for h in " ".join(table.headers).split())

    pages = _pages(path)
    for n in _table_pages(pages):
        for line in _table_lines(pages[n], table):
            for word in line.split():
                assert word in vocabulary or word.isdigit(), f"page {n + 1}: «{word}» in «{line}»"
