"""A serving process sets its garbage collector once its site is built (``ocop.collection``):
what exists then is frozen, garbage already made is not, and the youngest generation is
collected less often. Checked in a process of its own (it would change this one's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ocop.collection import FIRST_GENERATION

PROBE = """
import gc, json, weakref
from ocop.collection import settle
class Cycle:
    pass
kept, garbage = Cycle(), Cycle()
kept.me, garbage.me = kept, garbage
garbage_seen = weakref.ref(garbage)
del garbage
before = gc.get_threshold()
settle()
frozen = gc.get_freeze_count()
print(json.dumps({"frozen": frozen, "before": before, "after": gc.get_threshold(),
                  "garbage_left": garbage_seen() is not None,
                  "kept_frozen": kept not in gc.get_objects()}))
"""


def test_settling_freezes_what_exists_frees_garbage_and_collects_the_youngest_less_often() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    seen = json.loads(done.stdout)
    assert seen["frozen"] > 1000 and seen["kept_frozen"]  # the modules, and what the code kept
    assert not seen["garbage_left"]  # the unreachable cycle was collected, not frozen
    assert seen["after"] == [FIRST_GENERATION, *seen["before"][1:]]
    assert seen["before"][0] < FIRST_GENERATION


def test_each_process_of_several_workers_settles_its_collector(tmp_path: Path) -> None:
    """``ocop serve --workers N``: each API process builds its site (``worker_site``), then
    settles as one process does."""
    probe = (
        "import gc, json, os\n"
        "from ocop.site import worker_site\n"
        "worker_site()\n"
        "print(json.dumps([gc.get_threshold()[0], gc.get_freeze_count()]), flush=True)\n"
        "os._exit(0)\n"
    )
    env = {**os.environ, "OCOP_DATABASE_URL": f"sqlite:///{tmp_path}/ocop.db"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    threshold, frozen = json.loads(done.stdout.splitlines()[-1])
    assert threshold == FIRST_GENERATION and frozen > 1000
