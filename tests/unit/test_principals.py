"""Which roles, levels and provinces make a principal: councils and authorities act at a
level, nobody else does; everyone belongs to one province but the central councils, the
ministry, auditors and administrators."""

from __future__ import annotations

from itertools import product

import pytest

from lifecycle import errors
from lifecycle.authority import check_principal_fits
from lifecycle.values import Level, Role

QN = "Quảng Ninh"
# Every principal the programme knows, restated from the SPEC's table of roles.
FITTING = {
    (Role.PROGRAMME_OFFICE, None, QN),
    (Role.INSPECTOR, None, QN),
    (Role.EVALUATION_COUNCIL, Level.COMMUNE, QN),  # 1489/2025: the commune assesses
    (Role.EVALUATION_COUNCIL, Level.DISTRICT, QN),
    (Role.EVALUATION_COUNCIL, Level.PROVINCE, QN),
    (Role.EVALUATION_COUNCIL, Level.CENTRAL, None),
    (Role.CERTIFYING_AUTHORITY, Level.COMMUNE, QN),
    (Role.CERTIFYING_AUTHORITY, Level.DISTRICT, QN),
    (Role.CERTIFYING_AUTHORITY, Level.PROVINCE, QN),
    (Role.CERTIFYING_AUTHORITY, Level.CENTRAL, None),
    (Role.AUDITOR, None, None),
    (Role.AUDITOR, None, QN),
    (Role.ADMIN, None, None),
    (Role.ADMIN, None, QN),
}
EVERY = list(product(Role, [None, *Level], [None, QN]))


@pytest.mark.parametrize(("role", "level", "province"), sorted(FITTING, key=str))
def test_the_programmes_principals_fit(
    role: Role, level: Level | None, province: str | None
) -> None:
    check_principal_fits(role, level, province)


@pytest.mark.parametrize(
    ("role", "level", "province"), [p for p in EVERY if p not in FITTING], ids=str
)
def test_every_other_combination_is_refused_with_one_code(
    role: Role, level: Level | None, province: str | None
) -> None:
    with pytest.raises(errors.InvalidPrincipal) as refused:
        check_principal_fits(role, level, province)
    assert refused.value.code == "invalid-principal"
