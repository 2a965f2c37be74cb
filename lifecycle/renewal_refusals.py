"""Refusals of the renewal rules (read them through ``lifecycle.errors``, which names every
refusal)."""

from __future__ import annotations

from lifecycle.refusal import RuleRefused


class CertificateNotLapsed(RuleRefused):
    """Revoked as not renewed before the certificate expired."""

    code = "certificate-not-lapsed"
