"""The regional directive is read from the order's preamble, nested quotes and all."""
from datetime import date

from roadmaps.importers.directive import find_directive
from tests.support.seeds import raw


def paragraphs(prefix):
    return [p.text for p in raw(prefix).paragraphs]


def test_the_molchanovo_order_cites_the_tomsk_department_directive():
    ref = find_directive(paragraphs("000"))
    assert ref.kind == "распоряжение"
    assert ref.issuer == "Департамента общего образования Томской области"
    assert (ref.issued_on, ref.number) == (date(2020, 4, 13), "293")
    assert ref.title == ("Об организации работы со школами с низкими образовательными результатами "
                         "на территории Томской области")


def test_a_title_with_nested_quotes_is_read_whole():
    ref = find_directive(paragraphs("001"))
    assert (ref.kind, ref.number, ref.issued_on) == ("приказ", "515", date(2024, 3, 26))
    assert ref.title.startswith("Об утверждении Плана мероприятий («дорожная карта») по сопровождению")
    assert ref.title.endswith("в Новосибирской области в 2024 году")


def test_an_approval_stamp_without_a_preamble_has_no_directive():
    assert find_directive(paragraphs("003")) is None
