"""docker-compose.yml cannot run here (no Docker engine), so its shape is checked instead."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from ocop.settings import Settings
from storage.environment import store_environment
from tests.topology import COMPOSE, ROOT, command_of, compose


def service(name: str) -> dict[str, Any]:
    """One service of the compose file, anchors and merge keys resolved."""
    spec: dict[str, Any] = compose()["services"][name]
    return spec


REGISTER = ("init", "api-1", "api-2", "projector-1", "projector-2")


def test_compose_runs_init_two_apis_and_two_projectors_on_postgres_with_secrets_from_files() -> (
    None
):
    parsed = compose()
    db = service("db")
    assert db["image"].startswith("postgres:15")
    assert set(parsed["services"]) == {"db", *REGISTER}
    assert command_of(service("init"))[:2] == ["ocop", "init"]
    for name in ("api-1", "api-2"):
        assert service(name)["command"] == ["ocop", "serve", "--no-projector"]
    for name in ("projector-1", "projector-2"):
        assert service(name)["command"] == ["ocop", "project"]
    for name in REGISTER:
        part = service(name)
        assert part["depends_on"]["db"]["condition"] == "service_healthy"
        assert part["secrets"] == ["ocop_database_url"]
        assert all("PASSWORD" not in key for key in part.get("environment", {}))
        assert part["environment"]["OCOP_LOG_SIGNING_KEY_FILE"].startswith("/app/keys/")
    assert db["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/db_password"
    lines = COMPOSE.read_text().splitlines()
    settings = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    assert "POSTGRES_PASSWORD:" not in settings and "postgresql://" not in settings
    assert set(parsed["secrets"]) == {"db_password", "ocop_database_url"}
    for secret in parsed["secrets"].values():
        assert secret["file"].startswith("./secrets/")
    assert "secrets/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_services_start_after_init_succeeded_and_restart_with_healthchecks() -> None:
    init = service("init")
    assert init["restart"] == "no" and "healthcheck" not in init
    assert init["volumes"] == ["ocop-keys:/app/keys"]  # the one writer of the log's key
    for name in ("db", "api-1", "api-2", "projector-1", "projector-2"):
        part = service(name)
        assert part["restart"] in ("unless-stopped", "always"), name
        assert part["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name
    for name in ("api-1", "api-2", "projector-1", "projector-2"):
        condition = service(name)["depends_on"]["init"]["condition"]
        assert condition == "service_completed_successfully"
        assert service(name)["volumes"] == ["ocop-keys:/app/keys:ro"]
    assert "/healthz" in service("api-1")["healthcheck"]["test"][-1]
    assert service("projector-1")["healthcheck"]["test"] == ["CMD", "ocop", "ready"]


def test_the_apis_are_published_on_the_hosts_loopback_only_one_port_each() -> None:
    assert service("api-1")["ports"] == ["127.0.0.1:8001:8000"]
    assert service("api-2")["ports"] == ["127.0.0.1:8002:8000"]
    for name in ("db", "init", "projector-1", "projector-2"):
        assert "ports" not in service(name)


def test_the_image_is_built_in_two_stages_runs_unprivileged_on_a_base_pinned_by_digest() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package in packages["packages"]["find"]["include"]:
        name = package.rstrip("*")
        assert f"COPY {name} ./{name}" in dockerfile, f"the image lacks {name}"
    assert 'CMD ["ocop", "serve"]' in dockerfile
    bases = re.findall(r"^FROM (\S+)", dockerfile, re.MULTILINE)
    assert len(bases) == 2 and len(set(bases)) == 1  # builder and runtime, one pinned base
    assert re.fullmatch(r"python:3\.11-slim@sha256:[0-9a-f]{64}", bases[0])
    assert "--require-hashes" in dockerfile
    runtime = dockerfile.split("\nFROM ")[-1]
    assert re.findall(r"^COPY (.*)$", runtime, re.MULTILINE) == [
        "--from=builder /opt/venv /opt/venv"
    ]
    users = re.findall(r"^USER (\S+)", runtime, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")


def test_a_database_url_given_as_a_secret_file_is_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ocop_database_url").write_text("postgresql://ocop:s3cret@db:5432/ocop")
    monkeypatch.delenv("OCOP_DATABASE_URL", raising=False)
    settings = Settings(_secrets_dir=tmp_path)  # type: ignore[call-arg]
    assert store_environment(settings.store)["POSTGRES_PASSWORD"] == "s3cret"
