"""The register's benchmark suite (``make bench`` / ``python -m bench``).

Every figure is measured beside a baseline taken in the same run on the same machine, and
reported as a ratio to it; see ``BENCHMARKS.md`` for the method and the latest figures.
Each module measures one figure; ``suite`` runs them in order against a fresh PostgreSQL
database that it creates and drops.
"""
