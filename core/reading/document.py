"""What every reader produces: the document as paragraphs and tables in document order."""
from __future__ import annotations

from dataclasses import dataclass, field

from core.text import clean_text

# The most a document may hold for us to read it: far more than any roadmap or school list
# (a roadmap has hundreds of rows), far less than what costs the server minutes.
MAX_ROWS, MAX_COLUMNS = 20_000, 100


def too_many_rows(where: str = "В документе") -> str:
    rows = f"{MAX_ROWS:,}".replace(",", "\u00a0")
    return (f"{where} больше {rows} строк таблиц — столько не бывает ни в дорожной карте, "
            f"ни в перечне школ. Сохраните в отдельный файл только нужную таблицу и "
            f"загрузите его.")


@dataclass
class Paragraph:
    """A paragraph of running text (several source lines may be joined with newlines)."""

    text: str


@dataclass
class Table:
    """A table as a grid of cell texts.

    ``rows`` is rectangular after reading (every row padded to the table's width).
    Merged cells are described, not repeated blindly:

    * a horizontally merged cell (Word ``gridSpan``, an Excel range) keeps its text in its
      first grid column, the other spanned columns are ``""``; ``spans[(row, col)]`` is
      the number of columns it covers;
    * a vertically merged cell repeats the text of the cell above in every row it
      covers, and those positions are listed in ``from_above`` (so the structure builder
      can tell "the same value as above" from a value of its own: a repeated number or a
      repeated deadline is not a new measure or a second deadline).
    """

    rows: list[list[str]]
    spans: dict[tuple[int, int], int] = field(default_factory=dict)
    from_above: set[tuple[int, int]] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


Block = Paragraph | Table


@dataclass
class RawDocument:
    """A document as read, before any interpretation: blocks in document order."""

    blocks: list[Block]
    kind: str = ""  # "text", "docx" or "xlsx": where the blocks came from

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]


def pad_rows(rows: list[list[str]]) -> list[list[str]]:
    """Make a ragged list of rows rectangular by padding with empty cells."""
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


def cleaned(doc: RawDocument) -> RawDocument:
    """The document with control characters removed from every cell and paragraph
    (``core.text.clean_text``): what every reader returns."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = clean_text(block.text)
        else:
            block.rows = [[clean_text(cell) for cell in row] for row in block.rows]
    return doc
