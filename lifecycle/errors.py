"""Domain errors: one class per refused rule, each with a stable machine-readable code.

The families say what kind of refusal it is (``lifecycle.refusal``); the boundary (HTTP,
command line) maps a family to its own words once. Nothing here knows about HTTP.
Malformed commands are refused by the classes of ``lifecycle.malformed``, named here too.
"""

from __future__ import annotations

from lifecycle.malformed import (
    BonusNotCounted,
    ControlCharacterInText,
    CorrectiveDeadlinePassed,
    CriteriaPartsMismatch,
    EffectiveDateInFuture,
    InvalidProductCode,
    NegativePoints,
    NoCriteriaSet,
    PointsAboveMaximum,
    PublicReasonTooLong,
    StarsNotCertifiable,
    TotalAboveMaximum,
    UnknownProductGroup,
)
from lifecycle.refusal import (
    InvalidCommand,
    NotPermitted,
    RegisterError,
    RuleRefused,
)

# Refusals defined in other modules, named here too so that every refusal reads errors.X.
__all__ = [
    "BonusNotCounted",
    "ControlCharacterInText",
    "CorrectiveDeadlinePassed",
    "CriteriaPartsMismatch",
    "EffectiveDateInFuture",
    "InvalidCommand",
    "InvalidProductCode",
    "NegativePoints",
    "NoCriteriaSet",
    "NotPermitted",
    "PointsAboveMaximum",
    "PublicReasonTooLong",
    "RegisterError",
    "RuleRefused",
    "StarsNotCertifiable",
    "TotalAboveMaximum",
    "UnknownProductGroup",
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


# Rules the product's state forbids.


class ProductAlreadyRegistered(RuleRefused):
    """Codes are unique for ever."""

    code = "product-already-registered"


class ProductRemoved(RuleRefused):
    """Removed is final."""

    code = "product-removed"


class ProductSuspended(RuleRefused):
    """Not while suspended."""

    code = "product-suspended"


class EffectiveDateOutOfOrder(RuleRefused):
    """Dated before the product's previous event."""

    code = "effective-date-out-of-order"


class NoEvaluation(RuleRefused):
    """Needs an evaluation since the last one."""

    code = "no-evaluation"


class MandatoryCriteriaFailed(RuleRefused):
    """Mandatory criteria not met: no stars at all."""

    code = "mandatory-criteria-failed"


class BandTooLow(RuleRefused):
    """The evaluation's band is below the stars."""

    code = "band-too-low"


class EvaluationNotByIssuingLevel(RuleRefused):
    """The council must be of the issuing level."""

    code = "evaluation-not-by-issuing-level"


class CertificateNotCurrent(RuleRefused):
    """Needs a current, unexpired certificate."""

    code = "certificate-not-current"


class NotSuspended(RuleRefused):
    """Only a suspended product."""

    code = "not-suspended"


class CertificateExpired(RuleRefused):
    """The certificate has expired."""

    code = "certificate-expired"


class NoCertificate(RuleRefused):
    """The product holds no certificate."""

    code = "no-certificate"


class CertificateAlreadyRevoked(RuleRefused):
    """The certificate is already revoked."""

    code = "certificate-already-revoked"


class CertificateStillCurrent(RuleRefused):
    """Revoke the current certificate first."""

    code = "certificate-still-current"


class EvaluationUnderSupersededCriteria(RuleRefused):
    """The evaluation was made under a set no longer in force, outside its transition."""

    code = "evaluation-under-superseded-criteria"


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
