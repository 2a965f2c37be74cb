"""The auditor's read-only pages: the global log of every province page by page, a
product's history with its state after each event, its state on a date and as known at a
moment, and what can be told now of the log's verification."""

from __future__ import annotations

from tests.workspace.conftest import Workspace


def test_the_auditor_reads_the_log_of_every_province_page_by_page(workspace: Workspace) -> None:
    auditor = workspace.signed_in("auditor")
    first = auditor.get("/staff/log?lang=en")
    assert first.status_code == 200 and "The register's log" in first.text
    assert "QN-UB-01" in first.text and "HG-QB-01" in first.text  # two provinces
    assert 'href="/staff/log?after=50"' in first.text
    later = auditor.get("/staff/log?after=50")
    assert later.status_code == 200 and "/staff/log/products/" in later.text


def test_a_products_history_shows_the_state_after_each_event_and_on_a_date(
    workspace: Workspace,
) -> None:
    auditor = workspace.signed_in("auditor")
    page = auditor.get("/staff/log/products/QN-UB-01?lang=en")
    assert page.status_code == 200
    assert page.text.count("<tr>") >= 6 and "Suspended" in page.text and "staff:" not in page.text
    during = auditor.get("/staff/log/products/QN-UB-01?as_of=2025-04-01&lang=en")
    assert "The state on 1 April 2025" in during.text and "badge-suspended" in during.text
    known = auditor.get("/staff/log/products/QN-UB-01?known_at=2000-01-01T00:00&lang=en")
    assert known.status_code == 422
    assert "The product was not yet on the register then." in known.text
    bad = auditor.get("/staff/log/products/QN-UB-01?as_of=1%2F4%2F2025")
    assert bad.status_code == 422 and 'id="as_of-error"' in bad.text
    assert auditor.get("/staff/log/products/QN-NONE-99").status_code == 404


def test_the_verification_page_says_the_tree_is_the_signed_one(workspace: Workspace) -> None:
    auditor = workspace.signed_in("auditor")
    page = auditor.get("/staff/log/verification?lang=en")
    assert page.status_code == 200
    assert "no event is missing" in page.text
