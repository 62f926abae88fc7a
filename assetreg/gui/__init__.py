"""The PySide6 desktop app. The only package (with app.py) that imports Qt."""
