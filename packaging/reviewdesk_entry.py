"""The bundle's entry point, for both executables (windowed ReviewDesk and console reviewdesk-cli)."""

import multiprocessing

from app.cli.main import main

if __name__ == "__main__":
    # Background import/analysis runs in a child process that starts this executable again.
    multiprocessing.freeze_support()
    raise SystemExit(main())
