"""What seedread keeps about its user: the config file (keys), search history, theme.

No UI here: the app reads these at start and writes them as they change.
"""
