"""Domain errors: one class per refused rule, each with a stable machine-readable code.

The families say what kind of refusal it is; the boundary (HTTP, command line) maps a family
to its own words once. Nothing here knows about HTTP.
"""

from __future__ import annotations


class RegisterError(Exception):
    """Base of every refusal by the register."""

    code = "register-error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidCommand(RegisterError):
    """The command itself is malformed, whatever the product's state."""


class RuleRefused(RegisterError):
    """A programme rule forbids the command in the product's current state."""


class NotPermitted(RegisterError):
    """The principal's role, level or province may not make this change."""


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


# Malformed commands, whatever the product's state.


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


class TotalAboveMaximum(InvalidCommand):
    """Total above 100 points."""

    code = "total-above-maximum"


class StarsNotCertifiable(InvalidCommand):
    """Only 3, 4, 5 stars."""

    code = "stars-not-certifiable"


class CorrectiveDeadlinePassed(InvalidCommand):
    """The corrective deadline falls before the suspension."""

    code = "corrective-deadline-before-suspension"


class ControlCharacterInText(InvalidCommand):
    """A text field holds a control character other than tab and newline."""

    code = "control-character-in-text"


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


class NotYetRegistered(RegisterError):
    """The product was not on the register at the date, version or moment asked about."""

    code = "not-registered-then"


class ConcurrentChange(RuleRefused):
    """Other writers kept changing the product while this change was retried."""

    code = "concurrent-change"


class CertificateNotFound(RegisterError):
    """No certificate was ever issued under that number."""

    code = "certificate-not-found"
