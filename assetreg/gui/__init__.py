"""The PySide6 desktop app. The only package (with app.py) that imports Qt.

``views`` are the window's pages, ``forms`` the dialogs that make and correct records, ``tables`` the table
models, ``widgets`` the parts they share; the window, the context, undo and tasks stay here.
"""
