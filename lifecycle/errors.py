"""Domain errors: one class per refused rule, each with a stable machine-readable code.

The families say what kind of refusal it is (``lifecycle.refusal``); the boundary (HTTP,
command line) maps a family to its own words once. Nothing here knows about HTTP.
Malformed commands are refused by the classes of ``lifecycle.malformed``, commands the
product's state forbids by those of ``lifecycle.state_refusals``; both are named here too.
"""

from __future__ import annotations

from lifecycle.handoff_refusals import (
    AlreadyHandedOff,
    BelowHandOffThreshold,
    NoEvaluationToHandOn,
    NoHandOffFromLevel,
    NotHandedOff,
)
from lifecycle.malformed import (
    BonusAboveCap,
    BonusAboveKindCap,
    BonusNotCounted,
    ControlCharacterInText,
    CorrectiveDeadlinePassed,
    CriteriaPartsMismatch,
    DuplicateGtin,
    EffectiveDateInFuture,
    InvalidGtin,
    InvalidProductCode,
    MandatoryCriteriaUnstated,
    MandatoryLevelsWithGap,
    MemberScoredTwice,
    NegativePoints,
    NoCriteriaSet,
    PointsAboveMaximum,
    PointsTooPrecise,
    PublicReasonTooLong,
    QuorumNotMet,
    ScoresGivenTwice,
    StarsNotCertifiable,
    TooManyGtins,
    TotalAboveMaximum,
    UnknownBonusKind,
    UnknownProductGroup,
    UnknownStarLevel,
)
from lifecycle.refusal import (
    InvalidCommand,
    NotPermitted,
    RegisterError,
    RuleRefused,
)
from lifecycle.state_refusals import (
    BandTooLow,
    CertificateAlreadyRevoked,
    CertificateExpired,
    CertificateNotCurrent,
    CertificateStillCurrent,
    EffectiveDateOutOfOrder,
    EvaluationNotByIssuingLevel,
    EvaluationUnderSupersededCriteria,
    MandatoryCriteriaFailed,
    NoCertificate,
    NoEvaluation,
    NotSuspended,
    ProductAlreadyRegistered,
    ProductRemoved,
    ProductSuspended,
)

# Refusals defined in other modules, named here too so that every refusal reads errors.X.
__all__ = [
    "AlreadyHandedOff",
    "BandTooLow",
    "BelowHandOffThreshold",
    "BonusAboveCap",
    "BonusAboveKindCap",
    "BonusNotCounted",
    "CertificateAlreadyRevoked",
    "CertificateExpired",
    "CertificateNotCurrent",
    "CertificateStillCurrent",
    "ControlCharacterInText",
    "CorrectiveDeadlinePassed",
    "CriteriaPartsMismatch",
    "DuplicateGtin",
    "EffectiveDateInFuture",
    "EffectiveDateOutOfOrder",
    "EvaluationNotByIssuingLevel",
    "EvaluationUnderSupersededCriteria",
    "InvalidCommand",
    "InvalidGtin",
    "InvalidProductCode",
    "MandatoryCriteriaFailed",
    "MandatoryCriteriaUnstated",
    "MandatoryLevelsWithGap",
    "MemberScoredTwice",
    "NegativePoints",
    "NoCertificate",
    "NoCriteriaSet",
    "NoEvaluation",
    "NoEvaluationToHandOn",
    "NoHandOffFromLevel",
    "NotHandedOff",
    "NotPermitted",
    "NotSuspended",
    "PointsAboveMaximum",
    "PointsTooPrecise",
    "ProductAlreadyRegistered",
    "ProductRemoved",
    "ProductSuspended",
    "PublicReasonTooLong",
    "QuorumNotMet",
    "RegisterError",
    "RuleRefused",
    "ScoresGivenTwice",
    "StarsNotCertifiable",
    "TooManyGtins",
    "TotalAboveMaximum",
    "UnknownBonusKind",
    "UnknownProductGroup",
    "UnknownStarLevel",
]


class ProductNotFound(RegisterError):
    """No product is registered under that code."""

    code = "product-not-found"

    def __init__(self, code: str) -> None:
        super().__init__(f"No product is registered under code {code!r}.")


class StaleVersion(RegisterError):
    """The caller expected another version than the product's current one."""

    code = "stale-version"

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"The product is at version {actual}, not {expected}.")
        self.actual = actual


# Who may act.


class RoleNotPermitted(NotPermitted):
    """Another role makes this change."""

    code = "role-not-permitted"


class OutsideJurisdiction(NotPermitted):
    """Another province's product."""

    code = "outside-jurisdiction"


class LevelNotCompetent(NotPermitted):
    """That level may not certify those stars."""

    code = "level-not-competent"


class CouncilLevelNotInSet(NotPermitted):
    """No council of that level under the set."""

    code = "council-level-not-in-set"


class InvalidPrincipal(RegisterError):
    """A role, level and province that make no principal of the programme, or a principal
    id already standing for another."""

    code = "invalid-principal"


class NotYetRegistered(RegisterError):
    """The product was not on the register at the date, version or moment asked about."""

    code = "not-registered-then"


class VersionNotFound(RegisterError):
    """The product never reached the version asked about."""

    code = "version-not-found"


class ConcurrentChange(RuleRefused):
    """Other writers kept changing the product while this change was retried."""

    code = "concurrent-change"


class CertificateNotFound(RegisterError):
    """No certificate was ever issued under that number."""

    code = "certificate-not-found"
