"""The council's forms as data: the evaluation it submits from its members' sheets, and the
hand-offs it makes on its own evaluation (forwarding to the province, proposing to the
central level as potential 5 stars), each with its fields in the command's names."""

from __future__ import annotations

from lifecycle import commands
from lifecycle.authority import Change
from lifecycle.handoffs import HandOffKind
from pages.words import N_
from workspace.forms import Field
from workspace.inspection_acts import EFFECTIVE, NOTE, Act

EVALUATION_FIELDS = (
    Field("minutes_ref", N_("Minutes of the council's meeting"), hint=N_("For example 12/BB-HĐ")),
    Field(
        "council_members",
        N_("Members of the council"),
        hint=N_("How many members the council has (at least two thirds must have scored)."),
    ),
    Field(
        "group",
        N_("Product group under this criteria set"),
        "choice",
        N_("Only when the product's own group is not one of this set's."),
        optional=True,
    ),
    Field("subgroup", N_("Sub-group"), "choice", optional=True),
    EFFECTIVE,
    NOTE,
)
DISPATCH = Field("dispatch_ref", N_("Dispatch"), hint=N_("The letter that sends the dossier up"))

HAND_OFFS = {
    "forward": (
        HandOffKind.FORWARD,
        Act(
            Change.FORWARD,
            N_("Forward to the province"),
            (DISPATCH, EFFECTIVE, NOTE),
            commands.ForwardProduct,
            N_("%(code)s: the product was forwarded to the province."),
        ),
    ),
    "propose": (
        HandOffKind.PROPOSE_POTENTIAL_FIVE_STAR,
        Act(
            Change.PROPOSE,
            N_("Propose as potential 5 stars"),
            (DISPATCH, EFFECTIVE, NOTE),
            commands.ProposePotentialFiveStar,
            N_("%(code)s: the product was proposed to the central level as potential 5 stars."),
        ),
    ),
}
# The bonus kinds (``lifecycle/scoring_figures.py``) in the pages' words.
BONUS_WORDS = {
    "women-participation": N_("women's participation"),
    "ethnic-minority-participation": N_("ethnic minorities' participation"),
    "local-materials": N_("local materials"),
    "local-labour": N_("local labour"),
}
# The councils' levels as the pages name them (``_(level.value)`` in the templates).
LEVEL_WORDS = (N_("commune"), N_("district"), N_("province"), N_("central"))
EVALUATED = N_("%(code)s: the council's evaluation was recorded.")
