"""Text as it enters the system, made safe to store, print and export (pure: no Django).

``clean_text`` is applied once, where text comes in: by the readers to every cell and
paragraph of an imported document, and by the forms (``core.forms.CleanTextMixin``,
the admin's ``CleanTextModelForm``) to everything a person types. After it a text holds
no character that PostgreSQL refuses (NUL), that XML 1.0 forbids (the C0 controls but
tab and line feed, U+FFFE, U+FFFF, lone surrogates) — so openpyxl, python-docx and
WeasyPrint accept it — and no invisible C1 control.
"""
from __future__ import annotations

import re

# Line breaks of every kind become "\n": Word's manual line break arrives as U+000B.
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """The text without control characters (tab and line feed stay; other line breaks
    become a line feed)."""
    if not value:
        return value
    return _FORBIDDEN.sub("", _BREAKS.sub("\n", value))
