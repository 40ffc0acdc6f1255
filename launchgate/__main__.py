"""Run the command line as ``python -m launchgate``."""

from launchgate.cli import main

raise SystemExit(main())
