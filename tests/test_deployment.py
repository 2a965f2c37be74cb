"""docker-compose.yml cannot run here (no Docker engine), so its shape is checked instead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ocop.settings import Settings
from storage.environment import store_environment

ROOT = Path(__file__).resolve().parent.parent


def test_compose_runs_api_and_projector_on_postgres_with_secrets_from_files() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    api, projector, db = services["api"], services["projector"], services["db"]
    assert db["image"].startswith("postgres:15")
    for part in (api, projector):
        assert part["depends_on"]["db"]["condition"] == "service_healthy"
        assert part["secrets"] == ["ocop_database_url"]
    assert api["command"] == ["ocop", "serve", "--no-projector"]
    assert projector["command"] == ["ocop", "project"]
    assert db["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    lines = (ROOT / "docker-compose.yml").read_text().splitlines()
    settings = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    assert "POSTGRES_PASSWORD:" not in settings and "postgresql://" not in settings
    assert all("PASSWORD" not in key for key in api.get("environment", {}))
    assert set(compose["secrets"]) == {"db_password", "ocop_database_url"}
    for secret in compose["secrets"].values():
        assert secret["file"].startswith("./secrets/")
    assert "secrets/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_api_is_published_on_the_hosts_loopback_only() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["api"]["ports"] == ["127.0.0.1:8000:8000"]
    assert "ports" not in compose["services"]["db"]
    assert "ports" not in compose["services"]["projector"]


def test_the_image_runs_as_an_unprivileged_user_on_a_base_pinned_by_digest() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("lifecycle", "registry", "projections", "api", "seed", "ocop", "pages"):
        assert f"COPY {package} ./{package}" in dockerfile
    assert 'CMD ["ocop", "serve"]' in dockerfile
    base = re.search(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert base and re.fullmatch(r"python:3\.11-slim@sha256:[0-9a-f]{64}", base.group(1))
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")


def test_a_database_url_given_as_a_secret_file_is_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ocop_database_url").write_text("postgresql://ocop:s3cret@db:5432/ocop")
    monkeypatch.delenv("OCOP_DATABASE_URL", raising=False)
    settings = Settings(_secrets_dir=tmp_path)  # type: ignore[call-arg]
    assert store_environment(settings.store)["POSTGRES_PASSWORD"] == "s3cret"
