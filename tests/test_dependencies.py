"""The hash-locked requirements agree with pyproject.toml, and every install path uses them.

``requirements.lock`` is the service's own (runtime and build backend; the image installs
it); ``requirements-dev.lock`` adds the developers' tools within the same pins (``make``
installs it). Refresh both with ``make lock`` after changing a range in pyproject.toml.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.MULTILINE)


LOCKS = ("requirements.lock", "requirements-dev.lock")


def locked(lock: str = "requirements-dev.lock") -> dict[str, Version]:
    """Every package a lock pins, by its canonical name."""
    text = (ROOT / lock).read_text()
    return {canonicalize_name(name): Version(version) for name, version in PIN.findall(text)}


def declared(*, dev: bool = True) -> list[Requirement]:
    """The project's own ranges: runtime, the build group and (``dev``) the dev extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    texts = [*project["project"]["dependencies"], *project["dependency-groups"]["build"]]
    if dev:
        texts += project["project"]["optional-dependencies"]["dev"]
    return [Requirement(text) for text in texts]


def test_every_declared_range_is_pinned_in_the_lock_within_its_range() -> None:
    for lock, dev in zip(LOCKS, (False, True), strict=True):
        pins = locked(lock)
        for requirement in declared(dev=dev):
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement} is not in {lock}: run make lock"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"{lock} pins {name}=={pins[name]}, outside {requirement}: run make lock"
            )


def test_the_developers_lock_keeps_every_pin_of_the_service() -> None:
    service, developers = locked("requirements.lock"), locked("requirements-dev.lock")
    assert {name: developers.get(name) for name in service} == service


def test_what_each_extra_asked_for_brings_is_locked_too() -> None:
    pins = locked()
    for requirement in declared():
        for extra in requirement.extras:
            for text in metadata.requires(requirement.name) or []:
                brought = Requirement(text)
                if brought.marker and brought.marker.evaluate({"extra": extra}):
                    assert canonicalize_name(brought.name) in pins, f"{requirement}: {brought}"


def test_every_pin_carries_a_hash() -> None:
    for lock in LOCKS:
        text = (ROOT / lock).read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        pinned = [entry for entry in entries if PIN.match(entry)]
        assert len(pinned) == len(locked(lock)) > 10
        for entry in pinned:
            assert "--hash=sha256:" in entry, f"{lock}: {entry.splitlines()[0]}"


def test_make_ci_and_the_image_install_from_the_lock_with_hashes_checked() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes --no-deps -r $(DEV_LOCK)" in makefile
    assert "DEV_LOCK := requirements-dev.lock" in makefile
    assert "$(INSTALLED): pyproject.toml $(LOCK) $(DEV_LOCK)" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes --no-deps -r requirements.lock" in dockerfile
    assert "--no-deps --no-build-isolation" in dockerfile
