"""The council's score sheet through HTTP: a commune council enters its members' sheets as
drafts, sees the running average and band, submits the evaluation and forwards the product;
the province's council finds it handed to it, scores it and proposes it as potential 5
stars. A refused sheet or evaluation shows the rule's message beside its field in the page's
language and stores nothing; an evaluation posted twice records one event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from registry.orders import Order
from seed.builders import office, registration
from tests.pages.conftest import caught_up
from tests.workspace.conftest import Workspace, tokens

TODAY = "2026-11-29"


def register(workspace: Workspace, code: str) -> None:
    """A product of Quảng Ninh joins the programme under 1489 (its commune council scores)."""
    command = registration(date(2026, 11, 2), code)
    workspace.client.services.registry.carry_out(Order(office(), command))  # type: ignore[attr-defined]
    caught_up(workspace.client.services)  # type: ignore[attr-defined]


def events(workspace: Workspace, code: str) -> list[Any]:
    return workspace.client.services.registry.events_of(code)  # type: ignore[attr-defined,no-any-return]


def save_sheet(
    client: TestClient, code: str, member: str, a: str, b: str, c: str, lang: str = "vi"
) -> Any:
    """One member's sheet posted from the score sheet page."""
    page = tokens(client.get(f"/staff/councils/{code}?lang={lang}"))
    fields = {"member": member, "points-A": a, "points-B": b, "points-C": c}
    return client.post(f"/staff/councils/{code}/sheets", data={**fields, "csrf": page["csrf"]})


def submit(client: TestClient, code: str, members: str, met: tuple[int, ...] = (3, 4, 5)) -> Any:
    """The council's evaluation posted from the score sheet page (its one-time token)."""
    page = tokens(client.get(f"/staff/councils/{code}"))
    fields = {
        "minutes_ref": "07/BB-HĐ",
        "council_members": members,
        "effective_on": TODAY,
        **{f"mandatory-{level}": "1" for level in met},
    }
    data = {**fields, "csrf": page["csrf"], "form_token": page["form_token"]}
    return client.post(f"/staff/councils/{code}/evaluation", data=data, follow_redirects=False)


def hand_on(client: TestClient, code: str, way: str) -> Any:
    """The forwarding or the proposal posted from its form."""
    page = tokens(client.get(f"/staff/councils/{code}/{way}"))
    fields = {"dispatch_ref": "15/CV-OCOP", "effective_on": TODAY}
    data = {**fields, "csrf": page["csrf"], "form_token": page["form_token"]}
    return client.post(f"/staff/councils/{code}/{way}", data=data, follow_redirects=False)


def test_a_commune_council_scores_and_forwards_and_the_province_scores_and_proposes(
    workspace: Workspace,
) -> None:
    register(workspace, "QN-UB-91")
    commune = workspace.signed_in("qn-commune-council")
    sheet = commune.get("/staff/councils/QN-UB-91?lang=en")
    assert "Decision 1489" in sheet.text and "(at most 40)" in sheet.text
    assert save_sheet(commune, "QN-UB-91", "Member 1", "30", "20", "25").status_code == 200
    saved = save_sheet(commune, "QN-UB-91", "Member 2", "31.5", "20", "24", lang="en")
    assert "Running average: 75.25 points, the 4-star band by points." in saved.text
    answer = submit(commune, "QN-UB-91", "3")
    assert answer.status_code == 303
    evaluated = events(workspace, "QN-UB-91")[-1]
    assert type(evaluated).__name__ == "Evaluated"
    assert evaluated.actor.principal_id == "staff:qn-commune-council"
    assert [s.member for s in evaluated.evaluation.sheets] == ["Member 1", "Member 2"]
    assert str(evaluated.evaluation.total) == "75.25" and evaluated.evaluation.band == 4
    after = commune.get(answer.headers["location"] + "&lang=en")
    assert "No sheet saved yet." in after.text  # the drafts went with the evaluation
    assert "Forward to the province" in after.text

    forwarded = hand_on(commune, "QN-UB-91", "forward")
    assert forwarded.status_code == 303
    commune.get(forwarded.headers["location"])  # as a browser does: it waits for the write
    assert type(events(workspace, "QN-UB-91")[-1]).__name__ == "Forwarded"

    province = workspace.signed_in("qn-council")
    assert "QN-UB-91" in province.get("/staff/councils").text
    for member, points in (("Ủy viên 1", ("38", "24", "33")), ("Ủy viên 2", ("37", "25", "31"))):
        assert save_sheet(province, "QN-UB-91", member, *points).status_code == 200
    assert submit(province, "QN-UB-91", "3").status_code == 303
    assert hand_on(province, "QN-UB-91", "propose").status_code == 303
    proposed = events(workspace, "QN-UB-91")[-1]
    assert type(proposed).__name__ == "ProposedAsPotentialFiveStar"
    assert proposed.actor.principal_id == "staff:qn-council"
    assert str(proposed.total) == "94"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Điểm một phần vượt quá điểm tối đa của phần đó."),
        ("en", "A part's points are above its maximum."),
    ],
)
def test_a_sheet_above_a_part_maximum_is_refused_beside_the_points(
    workspace: Workspace, lang: str, message: str
) -> None:
    register(workspace, f"QN-UB-8{lang == 'en':d}")
    commune = workspace.signed_in("qn-commune-council")
    code = f"QN-UB-8{lang == 'en':d}"
    answer = save_sheet(commune, code, "Member 1", "41", "20", "25", lang)
    assert answer.status_code == 422
    assert message in answer.text
    assert "No sheet saved yet." in answer.text or "Chưa có phiếu nào được lưu." in answer.text


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Ít nhất hai phần ba số thành viên hội đồng phải có phiếu đã lưu."),
        ("en", "At least two thirds of the council's members must have a sheet saved."),
    ],
)
def test_an_evaluation_without_a_quorum_is_refused_beside_the_members_and_stores_nothing(
    workspace: Workspace, lang: str, message: str
) -> None:
    code = f"QN-UB-7{lang == 'en':d}"
    register(workspace, code)
    commune = workspace.signed_in("qn-commune-council")
    save_sheet(commune, code, "Member 1", "30", "20", "25")
    save_sheet(commune, code, "Nobody", "30", "20", "25")  # saved by mistake, then removed
    csrf = tokens(commune.get(f"/staff/councils/{code}"))["csrf"]
    removed = {"member": "Nobody", "remove": "1", "csrf": csrf}
    assert "Nobody" not in commune.post(f"/staff/councils/{code}/sheets", data=removed).text
    before = len(events(workspace, code))
    commune.get(f"/staff/councils/{code}?lang={lang}")
    answer = submit(commune, code, "5")
    assert answer.status_code == 409
    assert message in answer.text
    assert 'id="council_members-error"' in answer.text
    assert len(events(workspace, code)) == before


def test_a_province_council_is_refused_a_product_nothing_handed_to_it(
    workspace: Workspace,
) -> None:
    register(workspace, "QN-UB-61")
    province = workspace.signed_in("qn-council")
    save_sheet(province, "QN-UB-61", "Member 1", "38", "24", "33")
    answer = submit(province, "QN-UB-61", "1")
    assert answer.status_code == 409
    assert "Chưa có gì chuyển sản phẩm này lên cấp của hội đồng bạn." in answer.text
    assert len(events(workspace, "QN-UB-61")) == 1


def test_an_evaluation_posted_twice_records_one_event(workspace: Workspace) -> None:
    register(workspace, "QN-UB-51")
    commune = workspace.signed_in("qn-commune-council")
    save_sheet(commune, "QN-UB-51", "Member 1", "30", "20", "25")
    page = tokens(commune.get("/staff/councils/QN-UB-51"))
    data = {
        "minutes_ref": "08/BB-HĐ",
        "council_members": "1",
        "effective_on": TODAY,
        "mandatory-3": "1",
        "csrf": page["csrf"],
        "form_token": page["form_token"],
    }
    first = commune.post("/staff/councils/QN-UB-51/evaluation", data=data, follow_redirects=False)
    again = commune.post("/staff/councils/QN-UB-51/evaluation", data=data, follow_redirects=False)
    assert first.status_code == again.status_code == 303
    assert [type(e).__name__ for e in events(workspace, "QN-UB-51")] == [
        "Registered",
        "Evaluated",
    ]


def test_a_product_of_an_older_sets_group_is_scored_in_its_group_under_the_set_in_force(
    workspace: Workspace,
) -> None:
    registered = registration(date(2019, 9, 2), "QN-UB-41")  # 1048's "herbal-products"
    workspace.client.services.registry.carry_out(Order(office(), registered))  # type: ignore[attr-defined]
    caught_up(workspace.client.services)  # type: ignore[attr-defined]
    commune = workspace.signed_in("qn-commune-council")
    save_sheet(commune, "QN-UB-41", "Member 1", "30", "20", "25")
    refused = submit(commune, "QN-UB-41", "1")
    assert refused.status_code == 409 and 'id="group-error"' in refused.text
    assert "hãy chọn nhóm của sản phẩm theo bộ tiêu chí này" in refused.text
    assert '<option value="medicinal-herbs">' in refused.text
    page = tokens(commune.get("/staff/councils/QN-UB-41"))
    data = {"minutes_ref": "09/BB-HĐ", "council_members": "1", "effective_on": TODAY,
            "mandatory-3": "1", "group": "medicinal-herbs", "subgroup": "essential-oils",
            "csrf": page["csrf"], "form_token": page["form_token"]}  # fmt: skip
    answer = commune.post("/staff/councils/QN-UB-41/evaluation", data=data, follow_redirects=False)
    assert answer.status_code == 303
    evaluated = events(workspace, "QN-UB-41")[-1]
    assert (evaluated.group, evaluated.subgroup) == ("medicinal-herbs", "essential-oils")
