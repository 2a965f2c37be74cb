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
        "effective_on",
        N_("District principals do not act from 1 July 2025, when the districts were abolished."),
    ),
    "province-no-longer-stands": (
        "effective_on",
        N_("Your province no longer stands on this date: it has merged into another."),
    ),
    "points-above-maximum": ("points", N_("A part's points are above its maximum.")),
    "negative-points": ("points", N_("Points cannot be below zero.")),
    "points-too-precise": ("points", N_("Points carry at most two decimal places.")),
    "criteria-parts-mismatch": ("points", N_("Give points for every part of the set.")),
    "bonus-not-counted": ("bonus", N_("This criteria set awards no bonus points.")),
    "unknown-bonus-kind": ("bonus", N_("This criteria set awards no bonus of that kind.")),
    "bonus-above-kind-cap": ("bonus", N_("A kind of bonus is above its cap.")),
    "bonus-above-cap": ("bonus", N_("The bonus points together are above the set's cap.")),
    "total-above-maximum": ("bonus", N_("Points and bonus together are above 100.")),
    "quorum-not-met": (
        "council_members",
        N_("At least two thirds of the council's members must have a sheet saved."),
    ),
    "member-scored-twice": ("member", N_("This member has a sheet already.")),
    "mandatory-levels-with-gap": (
        "mandatory",
        N_("A level's mandatory criteria are met only if every lower level's are."),
    ),
    "not-handed-off": (WHOLE, N_("Nothing has handed this product to your council's level.")),
    "no-hand-off-from-level": (
        WHOLE,
        N_("Your council's level does not hand products on this way."),
    ),
    "no-evaluation-to-hand-on": (
        WHOLE,
        N_("Your council hands on its own evaluation, and the product's latest is not yours."),
    ),
    "below-hand-off-threshold": (
        WHOLE,
        N_("The evaluation scored below the points this hand-off needs."),
    ),
    "already-handed-off": (WHOLE, N_("This evaluation was handed on already.")),
    "no-criteria-set": (WHOLE, N_("No criteria set is in force for this product on that date.")),
    "group-needed-under-set": (
        "group",
        N_("The product's group is not one of this criteria set's: choose its group under it."),
    ),
    "product-already-registered": ("code", N_("A product is registered under this code already.")),
    "invalid-product-code": ("code", N_("A product code is 3 to 32 of A-Z, 0-9 and '-'.")),
    "unknown-product-group": ("group", N_("This group is not in the criteria set's catalogue.")),
    "unknown-product-subgroup": ("subgroup", N_("This sub-group is not one of the group's.")),
    "unknown-province": ("province", N_("No province has this name.")),
    "place-in-merged-province": (
        "province",
        N_("This province had merged into another by that date: name the one it became."),
    ),
    "invalid-gtin": ("gtins", N_("A barcode number is not a valid GTIN (check digit).")),
    "too-many-gtins": ("gtins", N_("Too many barcodes for one product.")),
    "nothing-to-correct": (WHOLE, N_("Name at least one detail to correct.")),
    "correction-changes-nothing": (WHOLE, N_("The correction changes nothing recorded.")),
    "transfer-to-same-owner": ("owner_id", N_("The product belongs to this owner already.")),
    "stars-not-certifiable": ("stars", N_("Only 3, 4 or 5 stars are certified.")),
    "band-too-low": ("stars", N_("The evaluation's band does not reach these stars.")),
    "mandatory-criteria-failed": (
        "stars",
        N_("The evaluation found these stars' mandatory criteria unmet."),
    ),
    "level-not-competent": ("stars", N_("Your level may not certify these stars.")),
    "no-evaluation": (WHOLE, N_("The product has no evaluation to certify from.")),
    "evaluation-not-by-issuing-level": (
        WHOLE,
        N_("The product's latest evaluation is not by your level's council."),
    ),
    "evaluation-under-superseded-criteria": (
        WHOLE,
        N_("The evaluation was made under criteria no longer accepted: re-evaluate first."),
    ),
    "certificate-already-revoked": (WHOLE, N_("This certificate was revoked already.")),
    "concurrent-change": (WHOLE, N_("The product kept changing meanwhile; try again.")),
    "product-not-found": (WHOLE, N_("No product has this code.")),
}


def beside_field(error: RegisterError) -> dict[str, tuple[str, dict[str, object]]]:
    """The refusal as a form's errors: the field it concerns, its message and the message's
    values."""
    field, message = REFUSALS.get(error.code, (WHOLE, ELSE))
    return {field: (message, {"code": error.code})}
