"""The PostgreSQL backend: a dossier published into a database, read by many (#15)."""
