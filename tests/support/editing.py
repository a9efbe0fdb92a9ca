"""Reading a roadmap back as the editor shows it."""


def numbers(roadmap) -> list[tuple[str, str]]:
    """(section number, measure number) in print order."""
    from roadmaps.selectors.table import roadmap_table

    out = []
    for block in roadmap_table(roadmap):
        for m in block.measures:
            out.append((block.section.number if block.section else "", m.number))
    return out
