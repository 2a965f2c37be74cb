"""Property: for random valid histories, the documents the projector stores for each product
and each certificate are, on every day that matters (before and after each certificate
ends, around the mergers, today), the very bytes the answer computed afresh gives, rendered
as FastAPI renders a response model; a rebuild stores the same documents; on SQLite and
PostgreSQL."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import TypeAdapter

from lifecycle.places import JURISDICTION_CHANGES
from projections import Projector, ReadSide, documents, questions
from projections.public_answers import PublicCertificate, PublicProduct
from registry.service import Registry
from tests.conftest import TODAY
from tests.projections import programme as story
from tests.projections.histories import Step, carry_out, dates_of, histories
from tests.projections.test_rebuild_equivalence import projected


def as_fastapi_sends(model: type[Any], answer: dict[str, Any]) -> bytes:
    """The body FastAPI sends for ``answer`` under ``response_model=model``."""
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    return adapter.dump_json(adapter.validate_python(answer))


def days_that_matter(read_side: ReadSide) -> list[date]:
    """Each certificate's last day and the next, the mergers' eves and days, and today."""
    ends = [row["valid_until"] for row in read_side.snapshot()["certificates"]]
    days = {TODAY, date(2019, 1, 1), *JURISDICTION_CHANGES}
    days |= {day - timedelta(days=1) for day in JURISDICTION_CHANGES}
    days |= {end + timedelta(days=shift) for end in ends for shift in (0, 1)}
    return sorted(days)


def assert_documents_are_the_answers(read_side: ReadSide) -> None:
    """Every stored document, on every day that matters, is the answer computed afresh."""
    tables = read_side.snapshot()
    codes = [row["code"] for row in tables["product_status"]]
    numbers = [row["number"] for row in tables["certificates"]]
    for day in days_that_matter(read_side):
        for kind, keys, question, model in (
            (documents.PRODUCT, codes, questions.public_product, PublicProduct),
            (documents.CERTIFICATE, numbers, questions.public_certificate, PublicCertificate),
        ):
            for key in keys:
                document = read_side.ask(questions.public_document(kind, key, on=day))
                answer = read_side.ask(question(key, on=day))
                assert document is not None and answer is not None, (kind, key, day)
                assert document.body == as_fastapi_sends(model, answer), (kind, key, day)
                assert document.etag == documents.etag_of(document.body)


@contextmanager
def fresh_schema(postgres_database: str) -> Iterator[str]:
    """A store URL with a schema of its own, dropped after."""
    schema = f"d_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_database, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{postgres_database}?schema={schema}"
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


def check_history(url: str, history: list[Step]) -> None:
    with projected(url, batch_size=4) as (registry, projector, read_side):
        for step, day in zip(history, dates_of(history), strict=True):
            carry_out(registry, step, day)
            if step.catch_up_after:
                projector.catch_up()
        projector.catch_up()
        assert_documents_are_the_answers(read_side)
        stored = read_side.snapshot()["public_documents"]
        projector.rebuild()
        assert read_side.snapshot()["public_documents"] == stored


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(history=histories)
def test_stored_documents_are_the_answers_on_sqlite(
    tmp_path_factory: pytest.TempPathFactory, history: list[Step]
) -> None:
    check_history(f"sqlite:///{tmp_path_factory.mktemp('history')}/ocop.db", history)


@pytest.mark.postgres
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(history=histories)
def test_stored_documents_are_the_answers_on_postgres(
    postgres_database: str, history: list[Step]
) -> None:
    with fresh_schema(postgres_database) as url:
        check_history(url, history)


def test_a_certificate_past_its_last_day_reads_expired_from_its_document(
    registry: Registry, projector: Projector, read_side: ReadSide
) -> None:
    story.register(registry, "QN-0801", "Trà hoa vàng", date(2020, 3, 2))
    story.certify(registry, "QN-0801", 4, date(2020, 6, 1))
    projector.catch_up()
    last_day = read_side.snapshot()["product_status"][0]["valid_until"]
    for on, status, stars in (
        (last_day, "certified", 4),
        (last_day + timedelta(1), "expired", None),
    ):
        product = read_side.ask(questions.public_document(documents.PRODUCT, "QN-0801", on=on))
        assert product is not None
        assert b'"status":"%s"' % status.encode() in product.body
        assert (b'"stars":%d,' % stars if stars else b'"stars":null,') in product.body
