"""Small factories for request bodies, with realistic defaults a test can override."""

from __future__ import annotations

from typing import Any

QN_LOCATION = {"province": "Quảng Ninh", "district": "Uông Bí", "commune": "Thượng Yên Công"}
HG_LOCATION = {"province": "Hà Giang", "district": "Đồng Văn", "commune": "Lũng Cú"}


def registration(code: str = "QN-0001", **overrides: Any) -> dict[str, Any]:
    """A Quảng Ninh product registered under Decision 1048."""
    body = {
        "code": code,
        "name": "Tinh dầu trầu tiên Yên Tử",
        "owner": {"organisation_id": "5700101234", "name": "HTX Yên Tử", "kind": "cooperative"},
        "location": QN_LOCATION,
        "group": "herbal-products",
        "subgroup": "essential oils",
        "effective_on": "2019-09-02",
    }
    return {**body, **overrides}


def evaluation(**overrides: Any) -> dict[str, Any]:
    """A provincial council's 4-star evaluation under 1048."""
    body = {
        "points": {"A": 30, "B": 20, "C": 30},
        "mandatory_met": True,
        "minutes_ref": "BB-12/HĐ-OCOP",
        "effective_on": "2019-10-01",
    }
    return {**body, **overrides}


def certificate(**overrides: Any) -> dict[str, Any]:
    """A province's 4-star decision."""
    return {"stars": 4, "decision_ref": "2656/QĐ-UBND", "effective_on": "2019-11-01", **overrides}


def suspension(**overrides: Any) -> dict[str, Any]:
    """An inspection that found the committed quality unmet."""
    body = {
        "inspection_ref": "45/BB-KT",
        "findings": "Essential oil content below the committed standard",
        "reason": "Product quality below the committed standard",
        "corrective_deadline": "2020-04-30",
        "effective_on": "2020-02-10",
    }
    return {**body, **overrides}


def reinstatement(**overrides: Any) -> dict[str, Any]:
    """The re-inspection after correction."""
    body = {
        "reinspection_ref": "52/BB-KT",
        "corrected": "New distillation line; lab test 12/2020 meets the standard",
        "effective_on": "2020-04-20",
    }
    return {**body, **overrides}


def revocation(**overrides: Any) -> dict[str, Any]:
    """A province's decision withdrawing the certificate."""
    body = {
        "decision_ref": "1234/QĐ-UBND",
        "reason": "breach-of-regulation",
        "effective_on": "2020-06-01",
    }
    return {**body, **overrides}


def removal(**overrides: Any) -> dict[str, Any]:
    """The programme office's decision to remove the product."""
    body = {
        "decision_ref": "789/QĐ-UBND",
        "reason": "no-longer-produced",
        "effective_on": "2020-06-15",
    }
    return {**body, **overrides}
