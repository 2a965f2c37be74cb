"""The programme office's and the certifying authority's forms through HTTP: an office
registers a product from the catalogue's groups, corrects it, transfers it and removes it;
an authority certifies a product at the stars its evaluation and competence allow (only
those offered), revokes the certificate and finds its QR label. A refused form shows the
rule's message beside its field in the page's language and stores nothing; a form posted
twice records one event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lifecycle.values import Level
from registry.orders import Order
from seed.builders import council, evaluation, forwarding, office, registration
from tests.pages.conftest import caught_up
from tests.workspace.conftest import Workspace, tokens

TODAY = "2026-11-29"
NEW = {
    "code": "QN-HL-90",
    "name": "Nước mắm Cái Rồng",
    "owner_id": "5701234567",
    "owner_name": "HTX Thủy sản Cái Rồng",
    "owner_kind": "cooperative",
    "province": "Quảng Ninh",
    "district": "",
    "commune": "Vân Đồn",
    "group": "food",
    "subgroup": "",
    "gtins": "",
    "effective_on": TODAY,
}


def events(workspace: Workspace, code: str) -> list[Any]:
    return workspace.client.services.registry.events_of(code)  # type: ignore[attr-defined,no-any-return]


def posted(client: TestClient, path: str, fields: dict[str, str], lang: str = "vi") -> Any:
    """The form at ``path`` opened (its tokens) and posted with ``fields``."""
    form = tokens(client.get(f"{path}?lang={lang}"))
    data = {**fields, "csrf": form["csrf"], "form_token": form["form_token"]}
    return client.post(path, data=data, follow_redirects=False)


def scored_by_the_province(workspace: Workspace, code: str, met_for: tuple[int, ...]) -> None:
    """A product the commune scored and forwarded, and the province scored 80 points."""
    registry = workspace.client.services.registry  # type: ignore[attr-defined]
    day = date(2026, 11, 20)
    registry.carry_out(Order(office(), registration(date(2026, 11, 2), code)))
    registry.change(code, council(Level.COMMUNE), evaluation(day, 75))
    registry.change(code, council(Level.COMMUNE), forwarding(day))
    registry.change(code, council(), evaluation(day, 80, mandatory_met_for=met_for))
    caught_up(workspace.client.services)  # type: ignore[attr-defined]


def test_an_office_registers_corrects_transfers_and_removes_a_product(
    workspace: Workspace,
) -> None:
    office_member = workspace.signed_in("qn-office")
    form = office_member.get("/staff/products/new?lang=en")
    assert '<option value="food"' in form.text and '<option value="Quảng Ninh"' in form.text
    answer = posted(office_member, "/staff/products/new", NEW)
    assert answer.status_code == 303, answer.text
    page = office_member.get(answer.headers["location"] + "&lang=en")
    assert "QN-HL-90: the product was registered." in page.text
    registered = events(workspace, "QN-HL-90")[-1]
    assert type(registered).__name__ == "Registered"
    assert registered.actor.principal_id == "staff:qn-office"

    correction = {"name": "Nước mắm Cái Rồng Vân Đồn", "owner_name": "", "district": "",
                  "commune": "", "reason": "Tên đăng ký thiếu địa danh", "decision_ref": "1/QĐ",
                  "effective_on": TODAY}  # fmt: skip
    assert posted(office_member, "/staff/products/QN-HL-90/correct", correction).status_code == 303
    owner = {"owner_id": "5709999999", "owner_name": "Công ty TNHH Cái Rồng",
             "owner_kind": "enterprise", "decision_ref": "2/QĐ", "effective_on": TODAY}  # fmt: skip
    assert posted(office_member, "/staff/products/QN-HL-90/transfer", owner).status_code == 303
    removal = {"decision_ref": "3/QĐ", "reason": "owner-request", "effective_on": TODAY}
    removed = posted(office_member, "/staff/products/QN-HL-90/remove", removal)
    assert removed.status_code == 303
    office_member.get(removed.headers["location"])  # as a browser does: it waits for the write
    assert [type(e).__name__ for e in events(workspace, "QN-HL-90")][1:] == [
        "RegistrationCorrected",
        "OwnershipTransferred",
        "Removed",
    ]
    public = workspace.client.get("/p/QN-HL-90?lang=en")
    assert "Nước mắm Cái Rồng Vân Đồn" in public.text


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Đã có sản phẩm đăng ký với mã này."),
        ("en", "A product is registered under this code already."),
    ],
)
def test_a_code_taken_is_refused_beside_the_code_and_stores_nothing(
    workspace: Workspace, lang: str, message: str
) -> None:
    office_member = workspace.signed_in("qn-office")
    before = len(events(workspace, "QN-UB-01"))
    answer = posted(office_member, "/staff/products/new", {**NEW, "code": "QN-UB-01"}, lang)
    assert answer.status_code == 409
    assert '<p class="field-error" id="code-error">' in answer.text and message in answer.text
    assert len(events(workspace, "QN-UB-01")) == before


def test_a_registration_posted_twice_records_one_event(workspace: Workspace) -> None:
    office_member = workspace.signed_in("qn-office")
    form = tokens(office_member.get("/staff/products/new"))
    data = {**NEW, "code": "QN-HL-91", "csrf": form["csrf"], "form_token": form["form_token"]}
    first = office_member.post("/staff/products/new", data=data, follow_redirects=False)
    again = office_member.post("/staff/products/new", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert len(events(workspace, "QN-HL-91")) == 1


def test_an_authority_certifies_the_stars_offered_and_revokes(workspace: Workspace) -> None:
    scored_by_the_province(workspace, "QN-HL-92", (3, 4))
    authority = workspace.signed_in("qn-authority")
    form = authority.get("/staff/products/QN-HL-92/certify")
    assert '<option value="4"' in form.text and '<option value="3"' in form.text
    assert '<option value="5"' not in form.text  # the band and the province's competence
    assert "80 điểm, hội đồng cấp tỉnh" in form.text  # the evaluation it rests on
    issued = {"stars": "4", "decision_ref": "88/QĐ-UBND", "effective_on": TODAY}
    answer = posted(authority, "/staff/products/QN-HL-92/certify", issued)
    assert answer.status_code == 303
    starred = events(workspace, "QN-HL-92")[-1]
    assert type(starred).__name__ == "Starred" and starred.stars == 4
    assert starred.actor.principal_id == "staff:qn-authority"
    page = authority.get(answer.headers["location"])
    assert 'href="/p/QN-HL-92/label"' in page.text
    revocation = {"decision_ref": "99/QĐ-UBND", "reason": "production-stopped",
                  "effective_on": TODAY}  # fmt: skip
    assert posted(authority, "/staff/products/QN-HL-92/revoke", revocation).status_code == 303
    assert type(events(workspace, "QN-HL-92")[-1]).__name__ == "Revoked"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Kết quả đánh giá xác định chưa đạt tiêu chí bắt buộc của hạng sao này."),
        ("en", "The evaluation found these stars' mandatory criteria unmet."),
    ],
)
def test_stars_beyond_the_mandatory_criteria_are_refused_beside_the_stars(
    workspace: Workspace, lang: str, message: str
) -> None:
    code = f"QN-HL-8{lang == 'en':d}"
    scored_by_the_province(workspace, code, (3,))
    authority = workspace.signed_in("qn-authority")
    form = authority.get(f"/staff/products/{code}/certify")
    assert '<option value="3"' in form.text and '<option value="4"' not in form.text
    issued = {"stars": "4", "decision_ref": "88/QĐ-UBND", "effective_on": TODAY}
    answer = posted(authority, f"/staff/products/{code}/certify", issued, lang)
    assert answer.status_code == 409
    assert 'id="stars-error"' in answer.text and message in answer.text
    assert type(events(workspace, code)[-1]).__name__ == "Evaluated"
