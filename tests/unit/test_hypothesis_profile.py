"""Property tests are reproducible under CI: the CI profile draws the same examples each run."""

from __future__ import annotations

import os

from hypothesis import settings


def test_the_ci_profile_is_derandomized_and_prints_a_replay_blob() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.print_blob
    if os.environ.get("CI"):
        assert settings.default.derandomize  # the profile is the one loaded under CI
