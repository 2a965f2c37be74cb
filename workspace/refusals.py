"""A refused command in the page's words: which field the rule concerns and its message for
the catalogs, by the rule's stable code (the same codes the API's problems carry).

A rule not listed here is still shown, in the error summary, with its code.
"""

from __future__ import annotations

from lifecycle.errors import RegisterError
from pages.words import N_

# The error summary's own entry, for refusals of the whole form rather than of a field.
WHOLE = "form"
ELSE = N_("The register refused this change (%(code)s).")
REFUSALS: dict[str, tuple[str, str]] = {
    "effective-date-in-future": ("effective_on", N_("The effective date cannot be after today.")),
    "effective-date-out-of-order": (
        "effective_on",
        N_("The effective date is before the product's last recorded change."),
    ),
    "corrective-deadline-before-suspension": (
        "corrective_deadline",
        N_("The corrective deadline cannot be before the suspension takes effect."),
    ),
    "corrective-deadline-already-passed": (
        "effective_on",
        N_(
            "The corrective deadline had already passed on this date: it can no longer be extended."
        ),
    ),
    "deadline-not-extended": (
        "corrective_deadline",
        N_("The new deadline must be later than the current one."),
    ),
    "public-reason-too-long": ("public_reason", N_("This is too long: at most 300 characters.")),
    "control-character-in-text": (WHOLE, N_("A field holds a control character.")),
    "product-suspended": (WHOLE, N_("This product is suspended already.")),
    "not-suspended": (WHOLE, N_("This product is not suspended.")),
    "certificate-not-current": (WHOLE, N_("This product has no certificate standing that day.")),
    "certificate-expired": (WHOLE, N_("The product's certificate has expired.")),
    "no-certificate": (WHOLE, N_("This product has no certificate.")),
    "product-removed": (WHOLE, N_("This product has left the programme.")),
    "outside-jurisdiction": (WHOLE, N_("This product is outside your province.")),
    "role-not-permitted": (WHOLE, N_("This change is not for your role.")),
    "district-level-ended": (
        WHOLE,
        N_("District principals do not act from 1 July 2025, when the districts were abolished."),
    ),
    "province-no-longer-stands": (
        WHOLE,
        N_("Your province no longer stands on this date: it has merged into another."),
    ),
    "concurrent-change": (WHOLE, N_("The product kept changing meanwhile; try again.")),
    "product-not-found": (WHOLE, N_("No product has this code.")),
}


def beside_field(error: RegisterError) -> dict[str, tuple[str, dict[str, object]]]:
    """The refusal as a form's errors: the field it concerns, its message and the message's
    values."""
    field, message = REFUSALS.get(error.code, (WHOLE, ELSE))
    return {field: (message, {"code": error.code})}
