"""The GUI's forms."""
