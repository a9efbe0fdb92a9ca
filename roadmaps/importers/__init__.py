"""Importers: Word, Excel and text files → one table reader → a parsed roadmap.

Pure code (no Django). The public API:

* ``readers.read_document(filename, data)`` → ``RawDocument`` (also ``read_text``,
  ``decode_text``, ``read_docx``, ``read_xlsx``); refused files raise
  ``errors.DocumentError`` with a Russian message for the user;
* ``table.parse_roadmap(doc, mapping=None, period=None)`` → ``ParsedRoadmap`` (also
  ``infer_period``, ``split_responsible``, ``read_abbreviations``, ``iter_measures``).

Modules: ``document`` (the blocks), ``text_reader``, ``docx_reader`` (+ ``numbering``),
``xlsx_reader``, ``containers`` (file types, zip safety), ``rows`` (the main table, its
continuations, column mapping via ``columns``), ``assemble`` (placing rows), ``joining``,
``numbers``, ``responsible``, ``title``, ``period``.
"""
