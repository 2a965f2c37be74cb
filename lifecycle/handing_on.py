"""A council hands a product on: a district's (under 1489 a commune's) forwards it to the
province, a province's proposes it to the central level as potential 5 stars.

Each records one event of ``lifecycle.handoff_events`` on the council's own latest
evaluation, from the threshold ``lifecycle.handoffs`` gives; the product aggregate
(``lifecycle.product``) is built on these commands, as on its corrections.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from lifecycle.authority import check_acts_at_a_level
from lifecycle.commands import ForwardProduct, HandOffCommand, ProposePotentialFiveStar
from lifecycle.facts import facts_for
from lifecycle.handoff_events import Forwarded, HandedOff, ProposedAsPotentialFiveStar
from lifecycle.handoff_rules import hand_off_facts
from lifecycle.rules import check_criteria_in_force
from lifecycle.standing import Standing
from lifecycle.values import Actor


class HandingOn(Standing):
    """The hand-offs a product's record takes, each checked by its rules."""

    if TYPE_CHECKING:

        def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None:
            """The aggregate's: records the event on the product."""

    def forward(self, command: ForwardProduct, actor: Actor, today: date) -> None:
        """A district council (under 1489, a commune's) forwards the product to the province."""
        self.hand_off(Forwarded, command, actor, today)

    def propose(self, command: ProposePotentialFiveStar, actor: Actor, today: date) -> None:
        """A province's council proposes the product to the central level as potential 5★."""
        self.hand_off(ProposedAsPotentialFiveStar, command, actor, today)

    def hand_off(
        self, event: type[HandedOff], command: HandOffCommand, actor: Actor, today: date
    ) -> None:
        """A council hands the product up, on its own latest evaluation, from the threshold."""
        self.check_dated_in_order(command.effective_on, today)
        self.check_not_suspended(command.effective_on)
        criteria = check_criteria_in_force(command.effective_on, self.location.province)
        level = check_acts_at_a_level(actor)
        computed = hand_off_facts(
            criteria, event.kind, level, self.latest_evaluation, self.handed_to
        )
        self.trigger_event(event, **facts_for(event, command, actor, **computed))
