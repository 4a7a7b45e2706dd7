"""dossier-tui: a terminal reader for research dossiers."""

__version__ = "0.1.0"
