"""Allow ``python -m tui``."""

from tui.cli import main

# The guard matters: worker processes (forkserver/spawn) import the main module.
if __name__ == "__main__":
    raise SystemExit(main())
