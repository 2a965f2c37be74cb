"""Operators see which projector is active (issue 14, item 2): ``ocop serve``'s in-process
projector stands by while another holds the lease, says so on ``/readyz``, and takes over
once it is free; ``/v1/operations/projector`` names the active one and since when."""

from __future__ import annotations

import os
import socket
from typing import Any

from ocop.settings import Settings
from projections.lease import Lease
from storage.session_lock import session_lock
from tests.api import bodies
from tests.api.conftest import Api, api_over
from tests.conftest import connections_to
from tests.projections.waiting import wait_until


def readiness(api: Api) -> Any:
    """What /readyz answers (ready or not)."""
    answer: Any = api.get(None, "/readyz")
    return answer.json()


def test_the_projector_here_stands_by_while_another_is_active_then_takes_over(
    store_url: str,
) -> None:
    connections = connections_to(store_url)
    elsewhere = Lease(connections, session_lock(connections), holder="ocop-projector-2:7")
    assert elsewhere.take()
    try:
        with api_over(Settings(database_url=store_url, projector_standby_seconds=0.05)) as api:
            assert wait_until(lambda: readiness(api)["projector"] == "standby")
            assert not api.services.projector.active
            report: Any = api.get("auditor", "/v1/operations/projector")
            assert report.json()["active_projector"] == "ocop-projector-2:7"
            assert report.json()["active_since"] is not None
            written: Any = api.post("office_qn", "/v1/products", bodies.registration("QN-0001"))
            assert written.status_code == 201, written.text
            elsewhere.release()
            assert api.services.read_side.wait_for(written.json()["position"])
            assert api.services.projector.active
            ready: Any = api.get(None, "/readyz")
            assert (ready.status_code, ready.json()["projector"]) == (200, "running")
            report = api.get("auditor", "/v1/operations/projector")
            assert report.json()["active_projector"] == f"{socket.gethostname()}:{os.getpid()}"
    finally:
        elsewhere.release()
        connections.close()
