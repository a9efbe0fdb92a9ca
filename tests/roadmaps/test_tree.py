"""The section tree, walked one way: sections print with their sub-sections after them."""
from dataclasses import dataclass, field

from roadmaps.tree import children_of, flatten, print_order, subtree, walk


@dataclass
class S:
    id: int
    parent_id: int | None
    position: int


@dataclass
class Nested:
    name: str
    sections: list = field(default_factory=list)


SECTIONS = [S(1, None, 1), S(2, None, 4), S(3, 1, 2), S(4, 1, 3), S(5, 2, 5)]


def test_print_order_puts_each_section_before_its_sub_sections():
    assert [s.id for s in print_order(SECTIONS)] == [1, 3, 4, 2, 5]


def test_positions_decide_the_order_among_siblings_whatever_the_input_order():
    assert [s.id for s in print_order(reversed(SECTIONS))] == [1, 3, 4, 2, 5]


def test_a_section_whose_parent_is_gone_prints_at_the_top_level():
    orphan = S(6, 99, 0)
    assert [s.id for s in print_order([*SECTIONS, orphan])][0] == 6
    assert None in children_of([orphan])


def test_subtree_is_the_section_and_everything_under_it():
    assert [s.id for s in subtree(SECTIONS, 1)] == [1, 3, 4]
    assert subtree(SECTIONS, 42) == []


def test_nested_trees_walk_depth_first_with_depths():
    tree = [Nested("1", [Nested("I"), Nested("II", [Nested("a")])]), Nested("2")]
    assert [(n.name, d) for n, d in walk(tree, lambda n: n.sections)] == [
        ("1", 0), ("I", 1), ("II", 1), ("a", 2), ("2", 0)]
    assert [n.name for n in flatten(tree, lambda n: n.sections)] == ["1", "I", "II", "a", "2"]
