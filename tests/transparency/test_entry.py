"""The log's entry of an event: canonical public facts, and a hash committing to the rest."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import rfc8785

from lifecycle.events import ProductEvent, Registered
from lifecycle.product import Product
from seed import builders as make
from tests.unit.eras import TODAY
from tests.unit.stages import later, suspended
from transparency.entry import entry, leaf_index, payload_hash
from transparency.tree import leaf_hash


def a_whole_story() -> list[ProductEvent]:
    """Registered, evaluated and forwarded by the district, evaluated by the province,
    certified, suspended, reinstated, revoked, removed."""
    product: Product = suspended("148-2023")
    product.reinstate(make.reinstatement(later(product)), make.inspector(), TODAY)
    revoking = make.revocation(later(product), note="Confidential: owner's tax file 0123")
    product.revoke(revoking, make.authority(), TODAY)
    product.remove(make.removal(later(product)), make.office(), TODAY)
    return [event for event in product.pending_events if isinstance(event, ProductEvent)]


def entries(events: list[ProductEvent]) -> list[dict[str, object]]:
    return [json.loads(entry(i + 1, make.CODE, event)) for i, event in enumerate(events)]


def test_each_kind_of_event_has_an_entry_with_its_public_facts() -> None:
    events = a_whole_story()
    made = entries(events)
    assert [e["kind"] for e in made] == [
        "registered", "evaluated", "forwarded", "evaluated", "certified", "suspended",
        "reinstated", "revoked", "removed",
    ]  # fmt: skip
    assert [e["position"] for e in made] == list(range(1, 10))
    assert [e["version"] for e in made] == [event.originator_version for event in events]
    assert {e["product"] for e in made} == {make.CODE}
    registered, _, forwarded, _, certified, suspension, _, revoked, removed = made
    assert forwarded["fields"] == {}  # a hand-off's score is no more public than an evaluation
    assert registered["fields"]["owner_name"] == make.OWNER.name  # type: ignore[index]
    assert certified["fields"]["stars"] == 4  # type: ignore[index]
    assert suspension["fields"]["public_reason"] == "Product quality below the committed standard"  # type: ignore[index]
    assert revoked["fields"]["reason_code"] == "breach-of-regulation"  # type: ignore[index]
    assert removed["effective_on"] == events[-1].effective_on.isoformat()
    assert made[0]["recorded_at"] == events[0].timestamp.isoformat()


def test_an_entry_is_canonical_json() -> None:
    for event in a_whole_story():
        made = entry(9, make.CODE, event)
        assert rfc8785.dumps(json.loads(made)) == made


def test_no_personal_data_or_officials_words_reach_the_public_entry() -> None:
    events = a_whole_story()
    published = b"".join(entry(i, make.CODE, event) for i, event in enumerate(events, 1))
    secrets = {
        make.OWNER.organisation_id,
        "Confidential: owner's tax file 0123",
        "Essential oil content below the committed standard",  # the inspector's findings
        make.CORRECTED,
        *(event.actor.principal_id for event in events),
        *(event.note for event in events if event.note),
    }
    assert [s for s in secrets if s.encode() in published] == []


def test_the_payload_hash_commits_to_what_the_entry_leaves_out() -> None:
    registration = a_whole_story()[0]
    assert isinstance(registration, Registered)
    other_owner = dataclasses.replace(
        registration, owner=dataclasses.replace(registration.owner, organisation_id="999")
    )
    assert (
        json.loads(entry(1, make.CODE, registration))["fields"]
        == json.loads(entry(1, make.CODE, other_owner))["fields"]
    )
    assert payload_hash(registration) != payload_hash(other_owner)
    assert entry(1, make.CODE, registration) != entry(1, make.CODE, other_owner)
    assert len(bytes.fromhex(payload_hash(registration))) == hashlib.sha256().digest_size


def test_the_first_position_is_the_first_leaf() -> None:
    registration = a_whole_story()[0]
    assert leaf_index(1) == 0
    assert (
        leaf_hash(entry(1, make.CODE, registration))
        == hashlib.sha256(b"\x00" + entry(1, make.CODE, registration)).digest()
    )
