"""The families of refusal: every error of the register belongs to one.

The boundary (HTTP, command line) maps a family to its own words once; ``lifecycle.errors``
names every refusal, family by family.
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
