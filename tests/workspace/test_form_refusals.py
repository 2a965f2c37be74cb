"""Every new form of the workspace refused by the register's rules: the rule's message
beside its field (or in the summary, for a rule of the whole change), in Vietnamese and in
English, and nothing stored."""

from __future__ import annotations

import pytest

from tests.workspace.conftest import Workspace, tokens

LATER = "2027-01-01"  # after the tests' today
FUTURE = ("effective_on", "Ngày có hiệu lực không được sau hôm nay.",
          "The effective date cannot be after today.")  # fmt: skip
NO_OWN_EVALUATION = (
    "form",
    "Hội đồng chỉ chuyển tiếp kết quả đánh giá của chính mình",
    "Your council hands on its own evaluation, and the product's latest is not yours.",
)
NOTHING = ("form", "Hãy ghi ít nhất một thông tin cần đính chính.",
           "Name at least one detail to correct.")  # fmt: skip
DETAILS = {"name": "", "owner_name": "", "district": "", "commune": ""}
# (member, form's path, fields, (field, message in vi, message in en))
FORMS = {
    "correct": ("qn-office", "/staff/products/QN-UB-01/correct",
                {**DETAILS, "reason": "x", "decision_ref": "1/QĐ", "effective_on": "2026-11-29"},
                NOTHING),
    "transfer": ("qn-office", "/staff/products/QN-UB-01/transfer",
                 {"owner_id": "5709999999", "owner_name": "Công ty TNHH A",
                  "owner_kind": "enterprise", "decision_ref": "2/QĐ", "effective_on": LATER},
                 FUTURE),
    "remove": ("qn-office", "/staff/products/QN-UB-01/remove",
               {"decision_ref": "3/QĐ", "reason": "owner-request", "effective_on": LATER}, FUTURE),
    "revoke": ("qn-authority", "/staff/products/QN-UB-01/revoke",
               {"decision_ref": "4/QĐ", "reason": "other", "effective_on": LATER}, FUTURE),
    "forward": ("qn-commune-council", "/staff/councils/QN-UB-01/forward",
                {"dispatch_ref": "5/CV", "effective_on": "2026-11-29"}, NO_OWN_EVALUATION),
    "propose": ("qn-council", "/staff/councils/QN-UB-01/propose",
                {"dispatch_ref": "6/CV", "effective_on": LATER}, FUTURE),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_refused_form_shows_the_rule_beside_its_field_and_stores_nothing(
    workspace: Workspace, form: str, lang: str
) -> None:
    name, path, fields, (field, vi, en) = FORMS[form]
    member = workspace.signed_in(name)
    registry = workspace.client.services.registry  # type: ignore[attr-defined]
    before = len(registry.events_of("QN-UB-01"))
    opened = tokens(member.get(f"{path}?lang={lang}"))
    data = {**fields, "csrf": opened["csrf"], "form_token": opened["form_token"]}
    answer = member.post(path, data=data, follow_redirects=False)
    assert answer.status_code == 409
    assert (vi if lang == "vi" else en) in answer.text
    if field != "form":
        assert f'id="{field}-error"' in answer.text
    assert f'href="#{field}"' in answer.text  # the error summary leads to it
    assert len(registry.events_of("QN-UB-01")) == before
