"""The programme's rules that read only the command and the criteria sets, not the product."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from lifecycle import errors
from lifecycle.criteria import CERTIFIABLE_STARS, CriteriaSet
from lifecycle.legacy_sets import criteria_for
from lifecycle.publication import PUBLIC_REASON_MAX
from lifecycle.values import PRODUCT_CODE, Certificate, Evaluation, Level


def check_product_code(code: str) -> None:
    """A product code is 3-32 characters of A-Z, 0-9 and '-'."""
    if not PRODUCT_CODE.fullmatch(code):
        raise errors.InvalidProductCode(
            f"Product code {code!r} must be 3-32 characters of A-Z, 0-9 and '-'."
        )


def check_not_in_future(effective_on: date, today: date) -> None:
    """A change cannot take legal effect after today."""
    if effective_on > today:
        raise errors.EffectiveDateInFuture(
            f"Effective date {effective_on} lies in the future (today is {today})."
        )


def check_criteria_in_force(day: date, province: str) -> CriteriaSet:
    """Some criteria set must be in force in the product's province on the effective date."""
    criteria = criteria_for(province, day)
    if criteria is None:
        raise errors.NoCriteriaSet(f"No OCOP criteria set was in force in {province} on {day}.")
    return criteria


def check_group_in_set(criteria: CriteriaSet, group: str) -> None:
    """The product group must be one the criteria set in force defines."""
    if group not in criteria.groups:
        raise errors.UnknownProductGroup(
            f"Group {group!r} is not defined under {criteria.id}; "
            f"expected one of {sorted(criteria.groups)}."
        )


def check_council_level_in_set(criteria: CriteriaSet, level: Level) -> None:
    """A council may only evaluate at a level the criteria set provides for."""
    if level not in criteria.evaluating_levels:
        raise errors.CouncilLevelNotInSet(
            f"Under {criteria.id} there is no {level.value} evaluation council."
        )


def check_stars_certifiable(stars: int) -> None:
    """Only 3, 4 and 5 stars are certified."""
    if stars not in CERTIFIABLE_STARS:
        raise errors.StarsNotCertifiable(f"{stars} stars cannot be certified; only 3, 4 or 5.")


def check_mandatory_criteria_met(evaluation: Evaluation, stars: int) -> None:
    """A product is certified at most at the highest star level whose mandatory criteria it
    meets, whatever its points."""
    if stars not in evaluation.mandatory_met_for:
        met = ", ".join(f"{level}-star" for level in evaluation.mandatory_met_for) or "no level"
        raise errors.MandatoryCriteriaFailed(
            f"The evaluation of {evaluation.evaluated_on} found {stars}-star's mandatory "
            f"criteria unmet (met for {met}); {evaluation.band_reason()}"
        )


def check_band_reaches(evaluation: Evaluation, stars: int) -> None:
    """The evaluation's band must be at least the stars asked for."""
    if evaluation.band < stars:
        raise errors.BandTooLow(
            f"The evaluation scored {evaluation.total} points ({evaluation.band}-star band); "
            f"{stars} stars need more."
        )


def check_level_competent(criteria: CriteriaSet, level: Level, stars: int) -> None:
    """The issuing level must be competent for the stars under the set on the decision date."""
    if not criteria.may_certify(level, stars):
        raise errors.LevelNotCompetent(
            f"Under {criteria.id} a {level.value} authority may not certify {stars} stars."
        )


def check_evaluation_set_accepted(criteria: CriteriaSet, evaluation: Evaluation, day: date) -> None:
    """An evaluation under a set no longer in force supports a certificate only within the
    new set's transitional provisions."""
    if not criteria.accepts_evaluation_under(evaluation.criteria_set, day):
        raise errors.EvaluationUnderSupersededCriteria(
            f"The evaluation of {evaluation.evaluated_on} was made under "
            f"{evaluation.criteria_set}; a decision of {day} under {criteria.id} needs an "
            f"evaluation under {criteria.id}."
        )


def check_evaluated_by_issuing_level(evaluation: Evaluation, level: Level) -> None:
    """A certificate rests on the evaluation of the council at the issuing level."""
    if evaluation.council_level is not level:
        raise errors.EvaluationNotByIssuingLevel(
            f"The latest evaluation is by a {evaluation.council_level.value} council; "
            f"a {level.value} certificate needs the {level.value} council's evaluation."
        )


def check_deadline_not_before(deadline: date, effective_on: date) -> None:
    """The corrective deadline cannot fall before the suspension takes effect."""
    if deadline < effective_on:
        raise errors.CorrectiveDeadlinePassed(
            f"Corrective deadline {deadline} falls before the suspension ({effective_on})."
        )


def check_public_reason_short(public_reason: str) -> None:
    """The reason published with a change is short; the record keeps the long notes."""
    if len(public_reason) > PUBLIC_REASON_MAX:
        raise errors.PublicReasonTooLong(
            f"The public reason has {len(public_reason)} characters; at most "
            f"{PUBLIC_REASON_MAX} are published."
        )


def check_level_may_revoke(
    certificate: Certificate, level: Level, day: date, province: str
) -> None:
    """The issuing level revokes, or the level that certifies those stars on that day."""
    criteria = criteria_for(province, day)
    now_competent = criteria is not None and criteria.may_certify(level, certificate.stars)
    if level is not certificate.issuing_level and not now_competent:
        raise errors.LevelNotCompetent(
            f"Certificate {certificate.number} ({certificate.stars} stars, issued at "
            f"{certificate.issuing_level.value} level) cannot be revoked at {level.value} level."
        )


def certificate_valid_until(criteria: CriteriaSet, valid_from: date) -> date:
    """The last day of validity: the set's validity in months from valid-from.

    A period of months ends the day before the same day of the month it ends in; where that
    month has no such day (a 29 February start), it ends on that month's last day.
    """
    same_day_later = valid_from + relativedelta(months=criteria.validity_months)
    if same_day_later.day != valid_from.day:
        return same_day_later
    return same_day_later - timedelta(days=1)


def stars_certifiable_from(
    evaluation: Evaluation, criteria: CriteriaSet, level: Level, day: date
) -> list[int]:
    """The stars an authority at ``level`` may certify on ``day`` from ``evaluation`` under
    ``criteria`` (the set on that day): those the evaluation's set, its council's level, its
    band and mandatory criteria and the level's competence all allow, by the same rules a
    certificate is checked by."""
    allowed = []
    for stars in sorted(CERTIFIABLE_STARS):
        try:
            check_evaluation_set_accepted(criteria, evaluation, day)
            check_evaluated_by_issuing_level(evaluation, level)
            check_mandatory_criteria_met(evaluation, stars)
            check_band_reaches(evaluation, stars)
            check_level_competent(criteria, level, stars)
        except errors.RegisterError:
            continue
        allowed.append(stars)
    return allowed
