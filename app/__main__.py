"""Allow ``python -m app`` as well as the ``reviewdesk`` console script (``main`` calls freeze_support)."""

from app.cli.main import main

# Guarded: background jobs start child processes with "spawn", which imports this module again.
if __name__ == "__main__":
    raise SystemExit(main())
