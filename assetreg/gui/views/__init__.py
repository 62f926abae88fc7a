"""The GUI's views."""
