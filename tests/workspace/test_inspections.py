"""The inspector's worklist and forms: an inspector suspends a certified product after an
inspection and the public page shows it suspended, extends its deadline and reinstates it,
each event recorded under the staff member; a refused form shows the rule's message beside
its field in the page's language and stores nothing; a form posted twice records once."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.workspace.conftest import Workspace, tokens

TODAY = "2026-11-29"
SUSPENSION = {
    "inspection_ref": "61/BB-KT",
    "findings": "Hàm lượng tinh dầu thấp hơn mức đã công bố.",
    "reason": "Chất lượng sản phẩm không đạt như cam kết",
    "corrective_deadline": "2027-01-31",
    "effective_on": TODAY,
}


def posted(
    client: TestClient, code: str, act: str, fields: dict[str, str], lang: str = "vi"
) -> Any:
    """The act's form opened (its tokens) and posted with ``fields``."""
    form = tokens(client.get(f"/staff/inspections/{code}/{act}?lang={lang}"))
    return client.post(
        f"/staff/inspections/{code}/{act}",
        data={**fields, "csrf": form["csrf"], "form_token": form["form_token"]},
        follow_redirects=False,
    )


def events(workspace: Workspace, code: str) -> list[Any]:
    return workspace.client.services.registry.events_of(code)  # type: ignore[attr-defined,no-any-return]


def test_an_inspector_suspends_extends_and_reinstates_and_the_public_sees_it(
    workspace: Workspace,
) -> None:
    inspector = workspace.signed_in("qn-inspector")
    answer = posted(inspector, "QN-UB-01", "suspend", SUSPENSION)
    assert answer.status_code == 303
    worklist = inspector.get(answer.headers["location"])
    assert "QN-UB-01: giấy chứng nhận đã bị tạm đình chỉ." in worklist.text
    assert "/staff/inspections/QN-UB-01/reinstate" in worklist.text
    suspended = events(workspace, "QN-UB-01")[-1]
    assert type(suspended).__name__ == "Suspended"
    assert suspended.actor.principal_id == "staff:qn-inspector"
    assert suspended.inspection_ref == "61/BB-KT"
    public = workspace.client.get("/p/QN-UB-01?lang=en")
    assert "suspended" in public.text and "Chất lượng sản phẩm không đạt" in public.text

    extended = {"corrective_deadline": "2027-03-31", "reason": "Chờ kết quả kiểm nghiệm lại"}
    answer = posted(inspector, "QN-UB-01", "extend", {**extended, "effective_on": TODAY})
    assert answer.status_code == 303
    assert type(events(workspace, "QN-UB-01")[-1]).__name__ == "CorrectiveDeadlineExtended"

    reinstatement = {"reinspection_ref": "70/BB-KT", "corrected": "Ba lô kiểm nghiệm lại đạt."}
    answer = posted(inspector, "QN-UB-01", "reinstate", {**reinstatement, "effective_on": TODAY})
    assert answer.status_code == 303
    assert type(events(workspace, "QN-UB-01")[-1]).__name__ == "Reinstated"
    inspector.get(answer.headers["location"])  # the worklist waits for the reinstatement
    assert "Còn hiệu lực" in workspace.client.get("/p/QN-UB-01?lang=vi").text


def test_a_refused_suspension_says_why_beside_the_field_and_stores_nothing(
    workspace: Workspace,
) -> None:
    inspector = workspace.signed_in("qn-inspector")
    before = len(events(workspace, "QN-UB-01"))
    early = {**SUSPENSION, "corrective_deadline": "2026-11-01"}
    refused = posted(inspector, "QN-UB-01", "suspend", early)
    assert refused.status_code == 409
    assert 'id="corrective_deadline-error"' in refused.text
    assert "Hạn khắc phục không được trước ngày tạm đình chỉ có hiệu lực." in refused.text
    refused = posted(inspector, "QN-UB-01", "suspend", early, lang="en")
    assert "The corrective deadline cannot be before the suspension takes effect." in refused.text
    assert 'value="61/BB-KT"' in refused.text  # what was typed is kept
    future = posted(inspector, "QN-UB-01", "suspend", {**SUSPENSION, "effective_on": "2027-01-01"})
    assert future.status_code == 409 and 'id="effective_on-error"' in future.text
    assert len(events(workspace, "QN-UB-01")) == before


def test_a_malformed_form_is_answered_field_by_field(workspace: Workspace) -> None:
    inspector = workspace.signed_in("qn-inspector")
    answer = posted(
        inspector, "QN-UB-01", "suspend", {**SUSPENSION, "findings": "", "effective_on": "29/11"}
    )
    assert answer.status_code == 422
    assert 'id="findings-error"' in answer.text and "Hãy điền mục này." in answer.text
    assert 'id="effective_on-error"' in answer.text


def test_reinstating_a_product_that_is_not_suspended_is_refused_for_the_whole_form(
    workspace: Workspace,
) -> None:
    inspector = workspace.signed_in("qn-inspector")
    fields = {"reinspection_ref": "1/BB-KT", "corrected": "-", "effective_on": TODAY}
    refused = posted(inspector, "QN-VD-01", "reinstate", fields)
    assert refused.status_code == 409 and "Sản phẩm này không bị tạm đình chỉ." in refused.text


def test_a_form_posted_twice_records_one_suspension(workspace: Workspace) -> None:
    inspector = workspace.signed_in("qn-inspector")
    before = len(events(workspace, "QN-HL-01"))
    form = tokens(inspector.get("/staff/inspections/QN-HL-01/suspend"))
    data = {**SUSPENSION, "csrf": form["csrf"], "form_token": form["form_token"]}
    first = inspector.post("/staff/inspections/QN-HL-01/suspend", data=data, follow_redirects=False)
    again = inspector.post("/staff/inspections/QN-HL-01/suspend", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"]
    assert len(events(workspace, "QN-HL-01")) == before + 1
    changed = {**data, "reason": "Một lý do khác"}  # back, changed, sent again: not twice
    refused = inspector.post("/staff/inspections/QN-HL-01/suspend", data=changed)
    assert refused.status_code == 409 and "Biểu mẫu này đã được ghi nhận." in refused.text
    assert len(events(workspace, "QN-HL-01")) == before + 1


def test_the_worklist_puts_overdue_suspensions_first(workspace: Workspace) -> None:
    inspector = workspace.signed_in("tq-inspector")
    page = inspector.get("/staff/inspections?lang=en").text
    assert "Inspections in Tuyên Quang" in page
    assert "HG-QB-01" in page and "days overdue" in page  # a Hà Giang product, now Tuyên Quang's
    assert "QN-UB-01" not in page


def test_a_product_code_typed_into_the_worklist_opens_its_suspension_form(
    workspace: Workspace,
) -> None:
    inspector = workspace.signed_in("qn-inspector")
    answer = inspector.get("/staff/inspections/go?code=QN-BL-01", follow_redirects=False)
    assert answer.headers["location"] == "/staff/inspections/QN-BL-01/suspend"
    assert inspector.get("/staff/inspections/go?code=%3Cx%3E").status_code == 404
    assert inspector.get("/staff/inspections/QN-NONE-99/suspend").status_code == 404
