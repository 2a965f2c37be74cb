"""Contract suites: each runs once per store backend (SQLite and PostgreSQL)."""
