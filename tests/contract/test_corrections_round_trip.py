"""The offices' corrections come back from every store as they were recorded: the corrected
details beside the old, the new owner beside the previous one, the extended deadline beside
the one it replaced; and the product replayed from the store reads them. Once per backend."""

from __future__ import annotations

from datetime import date

from lifecycle.correction_events import (
    CorrectiveDeadlineExtended,
    OwnershipTransferred,
    RegistrationCorrected,
)
from lifecycle.values import Level, Owner, OwnerKind
from registry.service import Registry
from seed import builders as make, corrections as fix
from tests.contract.stories import CODE, Step, assert_identical, domain_state, live, record

SUSPENDED_ON = date(2024, 1, 10)
# Registered under 148 with a misspelt name, forwarded by the district, certified, sold to an
# enterprise, suspended, given more time, reinstated.
CORRECTED_LIFE: list[Step] = [
    (make.office(), make.registration(date(2023, 3, 1), CODE, name="Tinh dau trau tien")),
    (make.office(), fix.correction(date(2023, 3, 5), name=make.NAME, commune="Thượng Yên")),
    *make.steps_to(Level.PROVINCE, date(2023, 3, 10), 80),  # the district's, forwarded
    (make.council(), make.evaluation(date(2023, 3, 10), 80)),
    (make.authority(), make.certificate(date(2023, 3, 20), 4)),
    (make.office(), fix.transfer(date(2023, 6, 1))),
    (make.inspector(), make.suspension(SUSPENDED_ON, 30)),
    (make.inspector(), fix.extension(date(2024, 2, 1), date(2024, 3, 31))),
    (make.inspector(), make.reinstatement(date(2024, 3, 20))),
]


def test_every_correction_round_trips_with_every_field_intact(registry: Registry) -> None:
    record(registry, CORRECTED_LIFE)
    kept = live(CORRECTED_LIFE).pending_events
    stored = registry.events_of(CODE)
    assert [type(event) for event in stored] == [type(event) for event in kept]
    for stored_event, kept_event in zip(stored, kept, strict=True):
        for name, value in vars(kept_event).items():
            if name != "timestamp":
                assert_identical(getattr(stored_event, name), value, f"{name}")
    corrected, transferred, extended = stored[1], stored[6], stored[8]  # after the hand-off
    assert isinstance(corrected, RegistrationCorrected)
    assert corrected.previous == {"name": "Tinh dau trau tien", "commune": "Thượng Yên Công"}
    assert corrected.owner_name is None and corrected.district is None
    assert isinstance(transferred, OwnershipTransferred)
    assert type(transferred.owner) is Owner and transferred.owner.kind is OwnerKind.ENTERPRISE
    assert transferred.previous_owner == make.OWNER
    assert isinstance(extended, CorrectiveDeadlineExtended)
    assert type(extended.corrective_deadline) is date
    assert extended.previous_deadline == date(2024, 2, 9)


def test_the_stored_product_reads_its_corrections_now_and_as_of_a_date(registry: Registry) -> None:
    record(registry, CORRECTED_LIFE)
    assert domain_state(registry.product(CODE)) == domain_state(live(CORRECTED_LIFE))
    before = registry.state_at(CODE, as_of=date(2023, 3, 2))
    assert (before.name, before.location.commune) == ("Tinh dau trau tien", "Thượng Yên Công")
    assert before.owner == make.OWNER
    after = registry.state_at(CODE, as_of=date(2023, 6, 1))
    assert (after.name, after.location.commune) == (make.NAME, "Thượng Yên")
    assert after.owner == fix.NEW_OWNER
    extended = registry.state_at(CODE, as_of=date(2024, 2, 1))
    assert extended.certificate is not None
    assert extended.certificate.corrective_deadline == date(2024, 3, 31)
