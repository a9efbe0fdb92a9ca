"""The same roadmap read from Word and Excel gives the same sections and measures as text."""
import pytest

from core.reading.readers import read_document
from roadmaps.importers.table import parse_roadmap
from tests.support.office_files import to_docx, to_xlsx
from tests.support.seeds import parsed, raw, shape

SEEDS = ["000", "001", "003"]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_word_file_with_a_split_table_and_merged_cells_reads_the_same(seed):
    reference = parsed(seed)
    data = to_docx(raw(seed), reference.mapping["responsible"])
    document = read_document("план.docx", data)
    assert document.kind == "docx"
    tables = document.tables
    assert len(tables) == len(raw(seed).tables) + 1  # the first table split in two
    assert any(table.from_above for table in tables)  # a vertically merged cell
    if seed != "000":
        assert any(table.spans for table in tables)  # a section row merged across
    roadmap = parse_roadmap(document)
    assert shape(roadmap) == shape(reference)
    assert (roadmap.title, roadmap.period) == (reference.title, reference.period)
    assert roadmap.unplaced == []


@pytest.mark.parametrize("seed", SEEDS)
def test_an_excel_sheet_with_a_merged_title_and_section_rows_reads_the_same(seed):
    reference = parsed(seed)
    data = to_xlsx(reference.title, raw(seed), reference.mapping["responsible"])
    document = read_document("план.xlsx", data)
    assert document.kind == "xlsx"
    (table,) = document.tables
    assert table.spans and table.from_above
    roadmap = parse_roadmap(document)
    assert shape(roadmap) == shape(reference)
    assert (roadmap.title, roadmap.period) == (reference.title, reference.period)
    width = len(reference.headers)
    assert roadmap.headers[:width] == reference.headers
    assert set(roadmap.headers[width:]) <= {""}  # columns with no header of their own
    assert roadmap.unplaced == []


def test_a_vertically_merged_responsible_cell_applies_to_every_row_it_covers():
    data = to_docx(raw("001"), responsible_column=3)
    roadmap = parse_roadmap(read_document("план.docx", data))
    bodies = {m.number: m.responsible for s in roadmap.sections for m in s.measures}
    assert bodies["27"] == bodies["28"] == bodies["29"] == [
        "Управление образования", "МКУ ЦИМО", "руководители ОО",
    ]
