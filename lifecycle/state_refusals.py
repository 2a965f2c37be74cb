"""Refusals of a rule the product's state forbids, whatever the command's own shape (read
them through ``lifecycle.errors``, which names every refusal)."""

from __future__ import annotations

from lifecycle.refusal import RuleRefused


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
