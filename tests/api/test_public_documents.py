"""A public lookup sends the document the projector stored, with its ETag: a reader holding
that ETag gets 304 until the product changes, and the bytes are what the OpenAPI document
describes."""

from __future__ import annotations

from typing import Any

import jsonschema_rs

from projections import documents
from tests.api import bodies
from tests.api.conftest import Api
from tests.api.test_public_answers import PUBLIC, P, certified_and_suspended, posted

LOOKUPS = (
    (f"{PUBLIC}/QN-0001", "/v1/public/products/{code}"),
    ("/v1/public/certificates/QN-0001-C1", "/v1/public/certificates/{certificate_no}"),
)


def suspended_at(api: Api) -> int:
    """The story of ``certified_and_suspended``; the position of its last event."""
    certified_and_suspended(api)
    return int(api.services.read_side.head())


def test_a_lookup_names_its_etag_and_a_reader_holding_it_gets_304(api: Api) -> None:
    position = suspended_at(api)
    for path, _ in LOOKUPS:
        first: Any = api.get(None, path, position=position)
        assert first.status_code == 200 and first.headers["content-type"] == "application/json"
        etag = first.headers["etag"]
        assert etag == documents.etag_of(first.content)
        for held in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            again = api.client.get(path, headers={"If-None-Match": held})
            assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
        other = api.client.get(path, headers={"If-None-Match": '"not-this-one"'})
        assert (other.status_code, other.content) == (200, first.content)


def test_after_a_change_the_etag_held_no_longer_matches(api: Api) -> None:
    position = suspended_at(api)
    held = {path: api.get(None, path, position=position) for path, _ in LOOKUPS}
    reinstated = posted(api, "inspector_qn", f"{P}/QN-0001/reinstatements", bodies.reinstatement())
    for path, _ in LOOKUPS:
        before: Any = held[path]
        after: Any = api.client.get(
            path, params={"position": reinstated}, headers={"If-None-Match": before.headers["etag"]}
        )
        assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
        assert before.json()["reasons"][-1]["kind"] == "suspended"
        assert after.json()["reasons"][-1]["kind"] == "reinstated"


def test_the_stored_bytes_are_what_the_openapi_document_describes(api: Api) -> None:
    position = suspended_at(api)
    described = api.client.get("/openapi.json").json()
    for path, template in LOOKUPS:
        answer = described["paths"][template]["get"]["responses"]["200"]
        schema = answer["content"]["application/json"]["schema"]
        validator = jsonschema_rs.Draft202012Validator(
            {**schema, "components": described["components"]}
        )
        sent: Any = api.get(None, path, position=position)
        validator.validate(sent.json())
        assert set(answer["headers"]) == {"ETag"}
