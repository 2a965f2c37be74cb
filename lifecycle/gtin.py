"""The trade item numbers (GTINs) printed in a product's barcodes, named at registration.

A GTIN is GS1's number for a trade item: 8, 12, 13 or 14 digits, the last a check digit
computed from the others. Public pages resolve a label's GTIN (GS1 Digital Link) to the
product, so a mistyped number is refused here, before anything is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from lifecycle import errors

GTIN_LENGTHS = frozenset({8, 12, 13, 14})
MOST_GTINS = 20


def gs1_check_digit(digits: str) -> int:
    """The GS1 check digit for the digits before it: weights 3 and 1 alternate from the right."""
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - weighted % 10) % 10


def check_gtin(gtin: str) -> None:
    """A GTIN is 8, 12, 13 or 14 ASCII digits whose last is the GS1 check digit."""
    if not (gtin.isascii() and gtin.isdigit() and len(gtin) in GTIN_LENGTHS):
        raise errors.InvalidGtin(f"GTIN {gtin!r} must be 8, 12, 13 or 14 digits.")
    if int(gtin[-1]) != gs1_check_digit(gtin[:-1]):
        raise errors.InvalidGtin(
            f"GTIN {gtin!r} ends in {gtin[-1]}; its check digit is {gs1_check_digit(gtin[:-1])}."
        )


def check_gtins(gtins: Sequence[str]) -> None:
    """A product names at most ``MOST_GTINS`` GTINs, each valid and each once."""
    if len(gtins) > MOST_GTINS:
        raise errors.TooManyGtins(
            f"{len(gtins)} GTINs given; a product names at most {MOST_GTINS}."
        )
    for gtin in gtins:
        check_gtin(gtin)
    repeated = sorted({gtin for gtin in gtins if gtins.count(gtin) > 1})
    if repeated:
        raise errors.DuplicateGtin(f"GTIN {repeated[0]} is named more than once.")
