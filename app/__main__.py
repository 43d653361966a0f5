"""Allow ``python -m app`` as well as the ``reviewdesk`` console script."""

import multiprocessing

from app.cli.main import main

# Guarded: background jobs start child processes with "spawn", which imports this module again.
if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
