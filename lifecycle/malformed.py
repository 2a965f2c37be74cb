"""Refusals of a malformed command, whatever the product's state (read them through
``lifecycle.errors``, which names every refusal)."""

from __future__ import annotations

from lifecycle.refusal import InvalidCommand


class InvalidProductCode(InvalidCommand):
    """Code is not 3-32 of A-Z 0-9 -."""

    code = "invalid-product-code"


class EffectiveDateInFuture(InvalidCommand):
    """Dated after today."""

    code = "effective-date-in-future"


class NoCriteriaSet(InvalidCommand):
    """No criteria set in force that day."""

    code = "no-criteria-set"


class UnknownProductGroup(InvalidCommand):
    """Group not in the set."""

    code = "unknown-product-group"


class CriteriaPartsMismatch(InvalidCommand):
    """Scores must name exactly the set's parts."""

    code = "criteria-parts-mismatch"


class PointsAboveMaximum(InvalidCommand):
    """A part's points exceed its maximum or are negative."""

    code = "points-above-maximum"


class NegativePoints(InvalidCommand):
    """Points and bonus points are never negative."""

    code = "negative-points"


class BonusNotCounted(InvalidCommand):
    """The set has no bonus points."""

    code = "bonus-not-counted"


class PointsTooPrecise(InvalidCommand):
    """Points carry more decimal places than the texts' precision; never rounded."""

    code = "points-too-precise"


class UnknownBonusKind(InvalidCommand):
    """Bonus points of a kind the set does not award."""

    code = "unknown-bonus-kind"


class BonusAboveKindCap(InvalidCommand):
    """One kind's bonus points exceed that kind's cap."""

    code = "bonus-above-kind-cap"


class BonusAboveCap(InvalidCommand):
    """The bonus points together exceed the set's cap."""

    code = "bonus-above-cap"


class MandatoryCriteriaUnstated(InvalidCommand):
    """An evaluation says which levels' mandatory criteria were met, one way, once."""

    code = "mandatory-criteria-unstated"


class UnknownStarLevel(InvalidCommand):
    """Mandatory criteria are set for the 3-, 4- and 5-star levels only."""

    code = "unknown-star-level"


class MandatoryLevelsWithGap(InvalidCommand):
    """A higher level's mandatory criteria met while a lower level's are not."""

    code = "mandatory-levels-with-gap"


class QuorumNotMet(InvalidCommand):
    """Too few of the council's members scored, or more sheets than members."""

    code = "quorum-not-met"


class MemberScoredTwice(InvalidCommand):
    """Each member gives one sheet."""

    code = "member-scored-twice"


class ScoresGivenTwice(InvalidCommand):
    """Either the members' sheets or one set of points (one-member council), not both."""

    code = "scores-given-twice"


class TotalAboveMaximum(InvalidCommand):
    """Total above 100 points."""

    code = "total-above-maximum"


class StarsNotCertifiable(InvalidCommand):
    """Only 3, 4, 5 stars."""

    code = "stars-not-certifiable"


class PublicReasonTooLong(InvalidCommand):
    """A public reason is a short published text, not the record's notes."""

    code = "public-reason-too-long"


class CorrectiveDeadlinePassed(InvalidCommand):
    """The corrective deadline falls before the suspension."""

    code = "corrective-deadline-before-suspension"


class ControlCharacterInText(InvalidCommand):
    """A text field holds a control character other than tab and newline."""

    code = "control-character-in-text"


class InvalidGtin(InvalidCommand):
    """A GTIN is 8, 12, 13 or 14 digits ending in its GS1 check digit."""

    code = "invalid-gtin"


class TooManyGtins(InvalidCommand):
    """A product names a few trade item numbers, not a catalogue."""

    code = "too-many-gtins"


class DuplicateGtin(InvalidCommand):
    """Each trade item number is named once."""

    code = "duplicate-gtin"
