"""Roadmap views, one module per area: pages (reading), editing, imports, orders."""
