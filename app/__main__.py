"""Allow ``python -m app`` as well as the ``reviewdesk`` console script."""

from app.cli.main import main

raise SystemExit(main())
