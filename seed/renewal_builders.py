"""Builders for stories across criteria sets and renewals: an evaluation naming the group of
its day's set, and the issuing body's notice before a certificate ends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lifecycle import commands
from seed.builders import herbal_group


def regrouped(evaluation: commands.RecordEvaluation) -> commands.RecordEvaluation:
    """The evaluation naming the herbal group of its day, for a herbal product registered
    under an earlier set (its essential oils keep their sub-group's name)."""
    return replace(evaluation, group=herbal_group(evaluation.effective_on))


def renewal_notice(on: date, *, notice_ref: str = "15/TB-UBND") -> commands.GiveRenewalNotice:
    """The issuing body's notice that the certificate's validity ends."""
    return commands.GiveRenewalNotice(effective_on=on, notice_ref=notice_ref)
