"""What the public reads of a change: a short reason written for it, or a neutral text.

Inspectors and authorities write notes and findings for the record; only the short public
reason given with a change is published. Without one, the public reads a neutral text
derived from the reason's code, never the officials' own notes.
"""

from __future__ import annotations

from lifecycle.events import ProductEvent, Reinstated, Removed, Revoked, Suspended
from lifecycle.values import RemovalReason, RevocationReason

PUBLIC_REASON_MAX = 300

REINSTATED = "The breach was corrected on re-inspection; the certificate is reinstated."
REVOKED: dict[RevocationReason, str] = {
    RevocationReason.EXPIRED_NOT_RENEWED: "The certificate expired and was not renewed.",
    RevocationReason.FAILED_MANDATORY_CRITERIA: (
        "The product failed the mandatory criteria on re-evaluation."
    ),
    RevocationReason.PRODUCTION_STOPPED: "Production of the product stopped.",
    RevocationReason.BREACH_OF_REGULATION: "A breach of the programme's regulations.",
    RevocationReason.OTHER: "Withdrawn by decision of the certifying authority.",
}
REMOVED: dict[RemovalReason, str] = {
    RemovalReason.NO_LONGER_PRODUCED: "The product is no longer produced.",
    RemovalReason.BELOW_STANDARD: "The product fell below the programme's standard.",
    RemovalReason.NO_POTENTIAL: "The product has no potential to develop further.",
    RemovalReason.OWNER_REQUEST: "Removed at the owner's request.",
    RemovalReason.OTHER: "Removed by decision of the programme office.",
}


def public_reason(event: ProductEvent) -> str | None:
    """The reason the public reads for a suspension, reinstatement, revocation or removal.

    A suspension publishes its stated reason (the form says so); the other changes publish
    their own short public reason, or the neutral text for their reason's code.
    """
    if isinstance(event, Suspended):
        return event.reason
    if isinstance(event, Reinstated):
        return event.public_reason or REINSTATED
    if isinstance(event, Revoked):
        return event.public_reason or REVOKED[event.reason]
    if isinstance(event, Removed):
        return event.public_reason or REMOVED[event.reason]
    return None


def reason_code(event: ProductEvent) -> str | None:
    """The machine-readable reason of a revocation or removal, as the programme names it."""
    if isinstance(event, (Revoked, Removed)):
        code: str = event.reason.value
        return code
    return None
