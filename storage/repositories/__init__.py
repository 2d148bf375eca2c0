"""Repositories: queries on one session; they never commit (the unit of work does)."""
