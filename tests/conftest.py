"""Shared fixtures: the Discord emulator (tests/fixtures/emulator.py)."""

pytest_plugins = ["tests.fixtures.emulator"]
