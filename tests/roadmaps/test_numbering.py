"""Numbering follows the printed order: 1, 1.1, 1.2 …, sub-sections I, II; hand-fixed numbers stay."""
from roadmaps.numbering import Item, number_roadmap, roman


def test_measures_outside_sections_are_numbered_one_two_three():
    numbers = number_roadmap([], [Item(10, None, 2), Item(11, None, 1), Item(12, None, 3)])
    assert numbers.measures == {11: "1", 10: "2", 12: "3"}


def test_sections_number_their_measures_with_their_own_number():
    sections = [Item(1, None, 1), Item(2, None, 2)]
    measures = [Item(10, 1, 1), Item(11, 1, 2), Item(12, 2, 3)]
    numbers = number_roadmap(sections, measures)
    assert numbers.sections == {1: "1", 2: "2"}
    assert numbers.measures == {10: "1.1", 11: "1.2", 12: "2.1"}


def test_subsections_get_roman_numbers_and_continue_the_section_counter():
    sections = [Item(1, None, 1), Item(2, None, 2), Item(3, 2, 3), Item(4, 2, 4)]
    measures = [Item(10, 1, 1), Item(11, 2, 2), Item(12, 3, 3), Item(13, 3, 4), Item(14, 4, 5)]
    numbers = number_roadmap(sections, measures)
    assert numbers.sections == {1: "1", 2: "2", 3: "I", 4: "II"}
    assert numbers.measures == {10: "1.1", 11: "2.1", 12: "2.2", 13: "2.3", 14: "2.4"}


def test_a_number_fixed_by_hand_is_kept_and_the_next_ones_follow_it():
    sections = [Item(1, None, 1, "1", False)]
    measures = [Item(10, 1, 1), Item(11, 1, 2, "1.10", True), Item(12, 1, 3)]
    numbers = number_roadmap(sections, measures)
    assert numbers.measures == {10: "1.1", 11: "1.10", 12: "1.11"}


def test_a_hand_fixed_section_number_prefixes_its_measures():
    sections = [Item(1, None, 1, "5.", True), Item(2, None, 2)]
    measures = [Item(10, 1, 1), Item(11, 2, 2)]
    numbers = number_roadmap(sections, measures)
    assert numbers.sections == {1: "5.", 2: "6"}
    assert numbers.measures == {10: "5.1", 11: "6.1"}


def test_a_hand_fixed_number_of_another_shape_does_not_break_the_count():
    measures = [Item(10, None, 1), Item(11, None, 2, "2а", True), Item(12, None, 3)]
    assert number_roadmap([], measures).measures == {10: "1", 11: "2а", 12: "3"}


def test_roman_numerals():
    assert [roman(n) for n in (1, 2, 4, 9, 14, 40)] == ["I", "II", "IV", "IX", "XIV", "XL"]


def test_a_section_written_with_a_dot_keeps_its_style():
    sections = [Item(1, None, 2, "1."), Item(2, None, 1, "2.")]
    numbers = number_roadmap(sections, [Item(10, 1, 1)])
    assert numbers.sections == {2: "1.", 1: "2."}
    assert numbers.measures == {10: "2.1"}


def test_continuous_numbering_counts_measures_straight_through_the_sections():
    from roadmaps.numbering import CONTINUOUS

    sections = [Item(1, None, 1, "1."), Item(2, None, 2, "2."), Item(3, 2, 3)]
    measures = [Item(10, 1, 1), Item(11, 1, 2), Item(12, 2, 3), Item(13, 3, 4)]
    numbers = number_roadmap(sections, measures, CONTINUOUS)
    assert numbers.sections == {1: "1.", 2: "2.", 3: "I"}
    assert numbers.measures == {10: "1", 11: "2", 12: "3", 13: "4"}


def test_the_scheme_a_document_was_numbered_in_is_detected():
    from roadmaps.numbering import CONTINUOUS, HIERARCHICAL, detect_scheme

    sections = [Item(1, None, 1, "1"), Item(2, None, 2, "2")]
    straight = [Item(10, 1, 1, "1"), Item(11, 1, 2, "2"), Item(12, 2, 3, "3")]
    nested = [Item(10, 1, 1, "1.1"), Item(11, 1, 2, "1.2"), Item(12, 2, 3, "2.1")]
    assert detect_scheme(sections, straight) == CONTINUOUS
    assert detect_scheme(sections, nested) == HIERARCHICAL
    assert detect_scheme(sections, []) == HIERARCHICAL
