"""Domain services: plain async code the CLI and the Discord adapters call (never imports discord)."""
