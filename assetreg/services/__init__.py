"""Use cases: each opens and commits its own transaction, and is the only door to the register's data."""
