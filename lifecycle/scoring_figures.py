"""The figures a council's scoring is held to, each with the text it comes from.

Criteria sets (``lifecycle/criteria.py``) name the bonus rule they apply; the precision of
points and the star levels that carry mandatory criteria hold under every set. Where no text
in hand settles a figure, its ``assumption`` says so and begins with ``ASSUMPTION``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class BonusRule:
    """The bonus points a set awards: each kind with its cap, a cap on their sum, and the
    text the figures come from. Bonus points never lift a total above 100."""

    kind_caps: dict[str, Decimal]
    total_cap: Decimal
    source: str
    assumption: str = ""


BONUS_148 = BonusRule(
    kind_caps={
        "women-participation": Decimal(2),
        "ethnic-minority-participation": Decimal(2),
        "local-materials": Decimal(2),
        "local-labour": Decimal(2),
    },
    total_cap=Decimal(5),
    source="Decision 148/QĐ-TTg (24/2/2023), Appendix I (the OCOP criteria and their scoring): "
    "bonus points for women's and ethnic minorities' participation and for local materials "
    "and labour, within the 100-point total; kept by Decision 1489/QĐ-TTg (6/7/2025).",
    assumption="ASSUMPTION (decision text not at hand): four kinds, each capped at 2 points, "
    "and 5 bonus points in all.",
)

# Points are the council's average of its members' totals, so they may carry decimals.
POINT_PLACES = 2
POINT_PLACES_SOURCE = (
    "Decision 1048/QĐ-TTg (21/8/2019) and 148/QĐ-TTg (24/2/2023): the council's average "
    "total places the product in its star band (69.5 is a 3-star product)."
)
POINT_PLACES_ASSUMPTION = (
    "ASSUMPTION (no text in hand gives the precision): points are recorded to two decimal "
    "places, as councils' minutes give averages; more digits are refused, never rounded."
)

# The star levels whose mandatory criteria ("the mandatory criteria of a 3-star product";
# 781/QĐ-TTg's minimum requirements) an evaluation finds met or not.
MANDATORY_STAR_LEVELS = (3, 4, 5)
MANDATORY_SOURCE = (
    "Decision 1048/QĐ-TTg (21/8/2019) as amended by 781/QĐ-TTg (8/6/2020): minimum "
    "requirements per star level; Decision 148/QĐ-TTg (24/2/2023), Appendix I: mandatory "
    "criteria per star level."
)
MANDATORY_ASSUMPTION = (
    "ASSUMPTION (texts not at hand): each level's mandatory criteria include the lower "
    "level's, so a council finding 4-star's met finds 3-star's met too (no gaps); a product "
    "failing 3-star's is in at most the 2-star band, which is never certified."
)
BELOW_CERTIFIED_BAND = 2

# A council's evaluation is valid when enough of its members scored (a quorum).
QUORUM = (2, 3)  # two thirds of the members
QUORUM_SOURCE = (
    "Decision 1048/QĐ-TTg (21/8/2019) and 148/QĐ-TTg (24/2/2023): councils at each level "
    "score the products on score sheets; the council's average places the product."
)
QUORUM_ASSUMPTION = (
    "ASSUMPTION (the councils' working rules not at hand): an evaluation needs the sheets of "
    "at least two thirds of the council's members, and the average of their totals is "
    "rounded half up to two decimal places."
)
