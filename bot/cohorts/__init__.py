"""Cohorts (기수) and their discussion threads: models, rules and services (no Discord, no SQL)."""
