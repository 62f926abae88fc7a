"""PDF layout with reportlab Platypus: ``render(document_data, out)``; no Qt, no SQLAlchemy."""
