"""A school list of an absurd size is refused by the reader with a Russian message."""
import pytest

from core.reading.errors import DocumentError
from core.reading.readers import read_text
from schools.list_table import MAX_SCHOOLS, parse_school_table


def school_rows(count: int) -> str:
    return "Наименование\tЛогин ФИС ОКО\n" + "".join(
        f"МБОУ «Школа № {i}»\tsch{100000 + i}\n" for i in range(count))


def test_a_list_of_a_district_size_is_read():
    assert len(parse_school_table(read_text(school_rows(MAX_SCHOOLS)))) == MAX_SCHOOLS


def test_a_list_over_the_cap_is_refused():
    with pytest.raises(DocumentError) as excinfo:
        parse_school_table(read_text(school_rows(MAX_SCHOOLS + 1)))
    assert "не больше 2000" in str(excinfo.value)
