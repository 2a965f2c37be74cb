"""The API tests' own helpers must be able to fail: a store error is no "nothing stored"."""

from __future__ import annotations

import pytest
from eventsourcing.persistence import OperationalError

from registry.service import Registry
from tests.api import bodies
from tests.api.conftest import Api


def test_version_of_reads_zero_only_for_a_product_never_registered(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert api.version_of("QN-0001") == 0
    api.post("office_qn", "/v1/products", bodies.registration())
    assert api.version_of("QN-0001") == 1

    def store_fails(self: Registry, code: str) -> None:
        raise OperationalError("the store cannot be reached")

    monkeypatch.setattr(Registry, "product", store_fails)
    with pytest.raises(OperationalError):
        api.version_of("QN-0001")
    with pytest.raises(OperationalError):
        api.version_of("QN-0002")
