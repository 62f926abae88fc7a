"""The GUI's widgets."""
