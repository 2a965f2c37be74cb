"""The public log's entries of the offices' corrections: the details as they read after, the
decision's reference and the new deadline; never the reason, the old details or the owner's
tax number, which only the payload's hash commits to."""

from __future__ import annotations

import json
from datetime import timedelta

from lifecycle.events import ProductEvent
from seed import builders as make, corrections as fix
from tests.unit.eras import TODAY
from tests.unit.stages import later, suspended
from transparency.entry import entry, payload_hash

SECRET_REASON = "Hồ sơ của ông Nguyễn Văn B ghi sai tên"


def corrected_story() -> list[ProductEvent]:
    """Suspended under 148, its name corrected, sold, its deadline extended."""
    product = suspended("148-2023")
    correction = fix.correction(later(product, 1), name="Tinh dầu Trầu tiên", reason=SECRET_REASON)
    product.correct_registration(correction, make.office(), TODAY)
    product.transfer_ownership(fix.transfer(later(product, 1)), make.office(), TODAY)
    assert product.certificate is not None and product.certificate.corrective_deadline
    deadline = product.certificate.corrective_deadline + timedelta(days=30)
    product.extend_deadline(fix.extension(later(product, 1), deadline), make.inspector(), TODAY)
    return [e for e in product.pending_events if isinstance(e, ProductEvent)][-3:]


def test_each_correction_has_an_entry_with_only_its_public_facts() -> None:
    events = corrected_story()
    made = [json.loads(entry(i, make.CODE, event)) for i, event in enumerate(events, 1)]
    assert [e["kind"] for e in made] == ["corrected", "transferred", "deadline-extended"]
    corrected, transferred, extended = (e["fields"] for e in made)
    assert corrected == {"corrected": {"name": "Tinh dầu Trầu tiên"}, "decision_ref": "15/CV-OCOP"}
    assert transferred == {
        "owner_name": fix.NEW_OWNER.name,
        "owner_kind": "enterprise",
        "decision_ref": "22/QĐ-OCOP",
    }
    assert extended == {"corrective_deadline": events[2].corrective_deadline.isoformat()}  # type: ignore[attr-defined]
    published = "".join(json.dumps(e, ensure_ascii=False) for e in made)
    for secret in (SECRET_REASON, make.NAME, fix.NEW_OWNER.organisation_id, "Equipment"):
        assert secret not in published
    assert all(e["payload_sha256"] == payload_hash(ev) for e, ev in zip(made, events, strict=True))
