"""Run the command line: ``python -m fieldapp``."""

from fieldapp.cli.main import main

raise SystemExit(main())
