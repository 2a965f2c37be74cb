"""docker-compose.yml cannot run here (no Docker engine), so its shape is checked instead."""

from __future__ import annotations

from pathlib import Path

import yaml

from lifecycle.store import store_environment

ROOT = Path(__file__).resolve().parent.parent


def test_compose_runs_the_api_on_postgres_after_the_database_is_healthy() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    api, db = compose["services"]["api"], compose["services"]["db"]
    assert db["image"].startswith("postgres:15")
    assert api["depends_on"]["db"]["condition"] == "service_healthy"
    assert api["command"][:2] == ["ocop", "serve"]
    url = api["environment"]["OCOP_DATABASE_URL"]
    env = store_environment(url)
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert env["POSTGRES_HOST"] == "db" and env["POSTGRES_USER"] == db["environment"][
        "POSTGRES_USER"]
    assert env["POSTGRES_DBNAME"] == db["environment"]["POSTGRES_DB"]
    assert "POSTGRES_ENABLE_DB_FUNCTIONS" not in env
    assert "8000:8000" in api["ports"]


def test_the_image_installs_the_three_packages_and_serves() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("lifecycle", "projections", "api"):
        assert f"COPY {package} ./{package}" in dockerfile
    assert 'CMD ["ocop", "serve"]' in dockerfile
