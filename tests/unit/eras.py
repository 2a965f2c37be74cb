"""The unit tests' clock and eras; who acts and what they ask come from ``seed.builders``.

Every story starts in an *era*, a date well inside one criteria set's period, and moves on
by a few days per event. The unit clock (``TODAY``) lies late enough that a certificate
issued under any criteria set, the latest included, can already have expired.
"""

from __future__ import annotations

from datetime import date

import pytest

TODAY = date(2029, 12, 31)
ERAS: dict[str, date] = {
    "quang-ninh-978-2018": date(2018, 6, 4),
    "1048-2019": date(2020, 1, 6),
    "148-2023": date(2023, 3, 1),
    "1489-2025": date(2025, 7, 7),
}
ALL_ERAS = pytest.mark.parametrize("era", list(ERAS))
