"""Pure Python: entities, enums, rules as data, date counting, validation and errors.

Nothing here imports a framework or reads the clock.
"""
