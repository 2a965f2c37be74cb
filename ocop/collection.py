"""The garbage collector of ``ocop serve``'s process (or of each of ``--workers N``), set
once its site is built.

What is built before serving (modules, routes, models, templates, pools) lives as long as
the process, yet each full collection walked it again: under load a full collection came
every second or two and stopped every request for 110 to 230 ms (BENCHMARKS.md, 3 December
2026). ``gc.freeze`` sets what exists at that moment aside from every later collection, and
a first generation larger than CPython's 700 lets reference counting free a request's
short-lived objects before a collection finds them alive and promotes them. Cycles are
still collected, later and less often.
"""

from __future__ import annotations

import gc

FIRST_GENERATION = 20_000  # net allocations between two collections of the youngest objects


def settle() -> None:
    """Sets aside every object built so far from collections to come, and collects the
    youngest objects less often (see above); call it once the site is built."""
    gc.collect()  # what is garbage already is freed, not frozen
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(FIRST_GENERATION, middle, oldest)
