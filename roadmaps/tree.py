"""The section tree of a roadmap, walked one way everywhere. Pure: no Django.

Two shapes of tree occur: flat rows that point to their parent (sections as stored:
`id`, `parent_id`, `position`), and nested objects that hold their children (sections
as the importer reads them, blocks as the page shows them). Both print depth first:
a section, then its sub-sections, in the order of their positions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar


class Node(Protocol):
    id: int
    parent_id: int | None
    position: int


N = TypeVar("N", bound=Node)
T = TypeVar("T")


def children_of(nodes: Iterable[N]) -> dict[int | None, list[N]]:
    """Each parent's children in position order; a parent that is not among the nodes
    counts as the top level, so a broken link never hides a section."""
    nodes = list(nodes)
    known = {n.id for n in nodes}
    out: dict[int | None, list[N]] = {}
    for n in sorted(nodes, key=lambda n: (n.position, n.id)):
        out.setdefault(n.parent_id if n.parent_id in known else None, []).append(n)
    return out


def walk(roots: Iterable[T], children: Callable[[T], Iterable[T]],
         depth: int = 0) -> Iterator[tuple[T, int]]:
    """Depth first, each item before its children, with its depth (0 at the top)."""
    for item in roots:
        yield item, depth
        yield from walk(children(item), children, depth + 1)


def flatten(roots: Iterable[T], children: Callable[[T], Iterable[T]]) -> list[T]:
    return [item for item, _ in walk(roots, children)]


def by_parent(tree: dict[int | None, list[N]]) -> list[N]:
    """Print order of a tree given as each parent's ordered children."""
    return flatten(tree.get(None, []), lambda n: tree.get(n.id, []))


def print_order(nodes: Iterable[N]) -> list[N]:
    """Sections as they print: each followed by its sub-sections."""
    return by_parent(children_of(nodes))


def subtree(nodes: Iterable[N], root_id: int) -> list[N]:
    """The node and every node under it, parents first."""
    tree = children_of(nodes)
    root = next((n for level in tree.values() for n in level if n.id == root_id), None)
    return [] if root is None else flatten([root], lambda n: tree.get(n.id, []))
