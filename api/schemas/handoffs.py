"""What councils send to hand a product up: a district's (under 1489, a commune's)
forwarding to the province, a province's proposal of a potential 5-star product."""

from __future__ import annotations

from pydantic import Field

from api.schemas.requests import CommandBody, Text, example
from lifecycle import commands


class ForwardingBody(CommandBody):
    """The dispatch forwarding the product's dossier to the province, on the forwarding
    council's own latest evaluation (from the set's threshold: 50 points under 1048 and, by
    assumption, 1489; 70 under 148)."""

    command = commands.ForwardProduct
    model_config = example(dispatch_ref="45/UBND-NN", effective_on="2026-04-01")

    dispatch_ref: Text = Field(examples=["45/UBND-NN"])


class FiveStarProposalBody(CommandBody):
    """The province's dispatch proposing the product to the central level as potential
    5 stars ("tiềm năng 5 sao"), on its council's latest evaluation of 90 points and more."""

    command = commands.ProposePotentialFiveStar
    model_config = example(dispatch_ref="120/TTr-UBND", effective_on="2026-04-15")

    dispatch_ref: Text = Field(examples=["120/TTr-UBND"])
