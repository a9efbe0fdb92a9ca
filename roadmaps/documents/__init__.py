"""Rendering the order and the roadmap (PDF, DOCX, XLSX, JSON) from plain data."""
