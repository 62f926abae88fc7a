"""SQLAlchemy 2.0 models, the register file (engine, migrations, backups) and all queries."""
