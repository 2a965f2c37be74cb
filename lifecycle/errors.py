"""Domain errors: one class per refused rule, each with a stable machine-readable code.

The families say what kind of refusal it is (``lifecycle.refusal``); the boundary (HTTP,
command line) maps a family to its own words once. Nothing here knows about HTTP.
Malformed commands are refused by the classes of ``lifecycle.malformed``, commands the
product's state forbids by those of ``lifecycle.state_refusals``, and the refusals of other
modules: all are named here too (imported ``as`` themselves), so every refusal reads errors.X.
"""

from __future__ import annotations

from lifecycle.catalogue_refusals import (
    CriteriaSetNotFound as CriteriaSetNotFound,
    GroupNeededUnderSet as GroupNeededUnderSet,
    UnknownProductSubgroup as UnknownProductSubgroup,
)
from lifecycle.handoff_refusals import (
    AlreadyHandedOff as AlreadyHandedOff,
    BelowHandOffThreshold as BelowHandOffThreshold,
    NoEvaluationToHandOn as NoEvaluationToHandOn,
    NoHandOffFromLevel as NoHandOffFromLevel,
    NotHandedOff as NotHandedOff,
)
from lifecycle.malformed import (
    BonusAboveCap as BonusAboveCap,
    BonusAboveKindCap as BonusAboveKindCap,
    BonusNotCounted as BonusNotCounted,
    ControlCharacterInText as ControlCharacterInText,
    CorrectiveDeadlinePassed as CorrectiveDeadlinePassed,
    CriteriaPartsMismatch as CriteriaPartsMismatch,
    DuplicateGtin as DuplicateGtin,
    EffectiveDateInFuture as EffectiveDateInFuture,
    InvalidGtin as InvalidGtin,
    InvalidProductCode as InvalidProductCode,
    MandatoryCriteriaUnstated as MandatoryCriteriaUnstated,
    MandatoryLevelsWithGap as MandatoryLevelsWithGap,
    MemberScoredTwice as MemberScoredTwice,
    NegativePoints as NegativePoints,
    NoCriteriaSet as NoCriteriaSet,
    PointsAboveMaximum as PointsAboveMaximum,
    PointsTooPrecise as PointsTooPrecise,
    PublicReasonTooLong as PublicReasonTooLong,
    QuorumNotMet as QuorumNotMet,
    ScoresGivenTwice as ScoresGivenTwice,
    StarsNotCertifiable as StarsNotCertifiable,
    TooManyGtins as TooManyGtins,
    TotalAboveMaximum as TotalAboveMaximum,
    UnknownBonusKind as UnknownBonusKind,
    UnknownProductGroup as UnknownProductGroup,
    UnknownStarLevel as UnknownStarLevel,
)
from lifecycle.place_refusals import (
    DistrictLevelEnded as DistrictLevelEnded,
    PlaceInMergedProvince as PlaceInMergedProvince,
    PlaceNotSuccessor as PlaceNotSuccessor,
    ProvinceNoLongerStands as ProvinceNoLongerStands,
    UnknownProvince as UnknownProvince,
)
from lifecycle.refusal import (
    InvalidCommand as InvalidCommand,
    NotPermitted as NotPermitted,
    RegisterError as RegisterError,
    RuleRefused as RuleRefused,
)
from lifecycle.renewal_refusals import CertificateNotLapsed as CertificateNotLapsed
from lifecycle.state_refusals import (
    BandTooLow as BandTooLow,
    CertificateAlreadyRevoked as CertificateAlreadyRevoked,
    CertificateExpired as CertificateExpired,
    CertificateNotCurrent as CertificateNotCurrent,
    CertificateStillCurrent as CertificateStillCurrent,
    EffectiveDateOutOfOrder as EffectiveDateOutOfOrder,
    EvaluationNotByIssuingLevel as EvaluationNotByIssuingLevel,
    EvaluationUnderSupersededCriteria as EvaluationUnderSupersededCriteria,
    MandatoryCriteriaFailed as MandatoryCriteriaFailed,
    NoCertificate as NoCertificate,
    NoEvaluation as NoEvaluation,
    NotSuspended as NotSuspended,
    ProductAlreadyRegistered as ProductAlreadyRegistered,
    ProductRemoved as ProductRemoved,
    ProductSuspended as ProductSuspended,
)


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
