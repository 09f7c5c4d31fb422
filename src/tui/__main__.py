"""Allow ``python -m tui``."""

# The guard matters: worker processes (forkserver/spawn) import the main module. Nothing is
# imported above it, so that Ctrl-C is quiet from the first instant (see tui.launch).
if __name__ == "__main__":
    from tui.launch import main

    raise SystemExit(main())
