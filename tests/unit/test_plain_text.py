"""Every text a command carries is kept for ever and shown to the public: it may hold tabs and
newlines, but no NUL nor any other control character (issue 8.1)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from lifecycle import errors
from lifecycle.text import check_plain_text
from lifecycle.values import Actor, Role
from registry.service import Order, Registry
from seed import builders as make
from tests.unit.eras import ERAS, TODAY

DAY = ERAS["148-2023"]
COMMANDS = [
    make.registration(DAY),
    make.evaluation(DAY),
    make.certificate(DAY),
    make.suspension(DAY),
    make.reinstatement(DAY),
    make.revocation(DAY),
    make.removal(DAY),
]


def spoiled(value: Any, bad: str, where: str = "") -> Iterator[tuple[str, Any]]:
    """``value`` once per text field inside it, with ``bad`` in that field."""
    for field in dataclasses.fields(value):
        inner = getattr(value, field.name)
        path = f"{where}{field.name}"
        if isinstance(inner, str):
            yield path, dataclasses.replace(value, **{field.name: inner + bad})
        elif dataclasses.is_dataclass(inner):
            for deeper, part in spoiled(inner, bad, f"{path}."):
                yield deeper, dataclasses.replace(value, **{field.name: part})


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1f", "\r", "\x7f", "\x85", "\ud800"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: type(c).__name__)
def test_a_control_character_in_any_text_field_is_refused_naming_the_field(
    command: Any, bad: str
) -> None:
    fields = list(spoiled(command, bad))
    assert fields
    for where, spoilt in fields:
        with pytest.raises(errors.ControlCharacterInText) as refused:
            check_plain_text(spoilt)
        assert refused.value.code == "control-character-in-text"
        assert where in refused.value.message
        assert f"U+{ord(bad):04X}" in refused.value.message


def test_tabs_newlines_and_vietnamese_are_plain_text() -> None:
    check_plain_text(dataclasses.replace(COMMANDS[0], name="Trà\thoa vàng\nBa Chẽ ₫ 🍵"))


def test_scores_and_the_actor_are_checked_too() -> None:
    with pytest.raises(errors.ControlCharacterInText):
        check_plain_text(dataclasses.replace(make.evaluation(DAY), points={"A\x00": 1}))
    with pytest.raises(errors.ControlCharacterInText):
        check_plain_text(Actor("office\x00", Role.PROGRAMME_OFFICE, "QN"))


def test_every_path_into_the_register_refuses_a_nul_and_stores_nothing() -> None:
    registry = Registry(clock=lambda: TODAY)
    registry.register_product(make.office(), make.registration(DAY))
    bad_name = dataclasses.replace(make.registration(DAY, code="QN-0124"), name="a\x00b")
    bad_minutes = dataclasses.replace(
        make.evaluation(DAY + timedelta(days=1)), minutes_ref="BB\x00"
    )
    with pytest.raises(errors.ControlCharacterInText):
        registry.register_product(make.office(), bad_name)
    with pytest.raises(errors.ControlCharacterInText):
        registry.change("QN-0001", make.council(), bad_minutes)
    outcomes = registry.carry_out_batch(
        [Order(make.office(), bad_name), Order(make.council(), bad_minutes, "QN-0001")]
    )
    assert [getattr(o, "code", None) for o in outcomes] == ["control-character-in-text"] * 2
    assert registry.product("QN-0001").version == 1
    assert registry.recorder.max_notification_id() == 1
