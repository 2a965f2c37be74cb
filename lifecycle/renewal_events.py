"""The renewal notice: a fact of its own, recorded as an event.

The issuing body's notice before a certificate ends is what the owner's re-recognition and
a later revocation as "not renewed" rest on (Decision 148/QĐ-TTg: at least 30 days before
the end), so the register keeps when it was given and by which letter, and the list of
certificates due for notice can tell those told from those not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lifecycle.events import ProductEvent


@dataclass(frozen=True)
class RenewalNoticeGiven(ProductEvent):
    """The issuing body told the owner that the certificate's validity ends."""

    notice_ref: str
    certificate_number: str
    valid_until: date
    notice_by: date  # the last day on which notice was in time
