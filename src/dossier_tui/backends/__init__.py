"""Where a dossier is read from: a local folder, or a dossier published into PostgreSQL (`protocol.py`)."""
