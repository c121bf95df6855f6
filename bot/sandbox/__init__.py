"""The sandbox: the real bot against the local Discord emulator, driven from a prompt or a script."""
