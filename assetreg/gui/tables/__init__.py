"""The GUI's tables."""
