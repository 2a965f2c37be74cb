"""Open data through HTTP: the register as CSV and JSON, as of a day, described by its data
package, with the same bytes for the same position and day, and an ETag to revalidate."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import jsonschema_rs
import pytest

from tests.api import bodies
from tests.api.conftest import Api

CSV, JSON = "/v1/public/register.csv", "/v1/public/register.json"
FORMULA_NAME = '=HYPERLINK("http://example.com","Mật ong")'


def a_small_register(api: Api) -> int:
    """QN-0001 certified in 2019 and suspended on 2020-02-10; QN-0002 registered only; a
    Hà Giang product whose name looks like a spreadsheet formula. The last write's position."""
    steps = [
        ("office_qn", "/v1/products", bodies.registration()),
        *bodies.handed_up(),
        ("council_province_qn", "/v1/products/QN-0001/evaluations", bodies.evaluation()),
        ("authority_province_qn", "/v1/products/QN-0001/certificates", bodies.certificate()),
        ("office_qn", "/v1/products", bodies.registration("QN-0002", effective_on="2020-01-15")),
        (
            "office_hg",
            "/v1/products",
            bodies.registration("HG-0001", name=FORMULA_NAME, location=bodies.HG_LOCATION),
        ),
        ("inspector_qn", "/v1/products/QN-0001/suspensions", bodies.suspension()),
    ]
    for who, path, body in steps:
        answer: Any = api.post(who, path, body)
        assert answer.status_code == 201, answer.text
    return int(answer.json()["position"])


def csv_rows(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The CSV's header and rows; it must start with the UTF-8 byte-order mark."""
    assert content.startswith(b"\xef\xbb\xbf")
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    header, *rows = list(reader)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def get(api: Api, path: str, position: int, **params: str) -> Any:
    return api.client.get(path, params={"position": position, **params})


def test_the_csv_has_one_row_per_product_and_exactly_the_documented_columns(api: Api) -> None:
    position = a_small_register(api)
    answer = get(api, CSV, position, as_of="2020-03-01")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'filename="ocop-register-2020-03-01.csv"' in answer.headers["content-disposition"]
    header, rows = csv_rows(answer.content)
    package = api.client.get("/v1/public/datapackage.json").json()
    documented = [
        [field["name"] for field in resource["schema"]["fields"]]
        for resource in package["resources"]
    ]
    assert documented == [header, header]
    assert header[:2] == ["code", "name"] and "status" in header and "as_of" in header
    assert [row["code"] for row in rows] == ["HG-0001", "QN-0001", "QN-0002"]
    by_code = {row["code"]: row for row in rows}
    assert by_code["QN-0001"]["status"] == "suspended"
    assert by_code["QN-0001"]["stars"] == "4"
    assert by_code["QN-0002"]["status"] == "participating" and by_code["QN-0002"]["stars"] == ""
    assert by_code["HG-0001"]["name"] == "'" + FORMULA_NAME  # shown, never run, by spreadsheets
    assert {row["as_of"] for row in rows} == {"2020-03-01"}


def test_today_the_export_says_what_the_search_says(api: Api) -> None:
    position = a_small_register(api)
    _, rows = csv_rows(get(api, CSV, position).content)
    assert {row["as_of"] for row in rows} == {api.services.clock().isoformat()}
    searched = api.client.get("/v1/public/products", params={"position": position}).json()
    assert [
        {k: "" if item[k] is None else str(item[k]) for k in ("code", "status", "stars")}
        for item in searched["items"]
    ] == [{k: row[k] for k in ("code", "status", "stars")} for row in rows]


def test_as_of_a_past_day_gives_that_days_statuses(api: Api) -> None:
    position = a_small_register(api)

    def statuses(day: str) -> dict[str, str]:
        answer = get(api, CSV, position, as_of=day)
        assert answer.status_code == 200, answer.text
        return {row["code"]: row["status"] for row in csv_rows(answer.content)[1]}

    assert statuses("2019-09-01") == {}
    assert statuses("2019-10-15") == {"QN-0001": "participating", "HG-0001": "participating"}
    before = statuses("2020-02-09")
    assert before == {
        "QN-0001": "certified",
        "QN-0002": "participating",
        "HG-0001": "participating",
    }
    assert statuses("2020-02-10")["QN-0001"] == "suspended"
    assert statuses("2023-01-01")["QN-0001"] == "expired"  # 36 months after 2019-11-01


def test_the_json_and_the_data_package_agree_with_the_csv(api: Api) -> None:
    position = a_small_register(api)
    _, rows = csv_rows(get(api, CSV, position, as_of="2020-03-01").content)
    answer = get(api, JSON, position, as_of="2020-03-01")
    assert answer.headers["content-type"].startswith("application/json")
    objects = answer.json()
    assert [list(item) for item in objects] == [list(row) for row in rows]
    for item, row in zip(objects, rows, strict=True):
        as_text = {k: "" if v is None else str(v) for k, v in item.items()}
        assert {**as_text, "name": row["name"].removeprefix("'")} == {
            **row,
            "name": row["name"].removeprefix("'"),
        }
    assert objects[0]["name"] == FORMULA_NAME  # the JSON keeps the text as recorded
    document = api.client.get("/openapi.json").json()
    schema = document["paths"][JSON]["get"]["responses"]["200"]["content"]["application/json"]
    jsonschema_rs.validate(schema["schema"], objects)
    package = api.client.get("/v1/public/datapackage.json").json()
    fields = package["resources"][1]["schema"]["fields"]
    assert [field["name"] for field in fields] == list(objects[0])
    types = {field["name"]: field["type"] for field in fields}
    assert types["stars"] == "integer" and types["valid_until"] == "date"
    assert isinstance(objects[1]["stars"], int) and types["name"] == "string"


def test_the_same_position_and_day_give_the_same_bytes_and_an_etag_to_revalidate(
    api: Api,
) -> None:
    position = a_small_register(api)
    etags = {}
    for path in (CSV, JSON):
        first, second = get(api, path, position), get(api, path, position)
        assert first.content == second.content
        etag = etags[path] = first.headers["etag"]
        assert etag == second.headers["etag"] and str(position) in etag
        again = api.client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
        assert again.status_code == 304 and again.content == b""
        assert api.client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
        other_day = get(api, path, position, as_of="2020-03-01")
        assert other_day.headers["etag"] != etag
    assert etags[CSV] != etags[JSON]
    later: Any = api.post("office_qn", "/v1/products", bodies.registration("QN-0003"))
    moved = get(api, CSV, later.json()["position"])
    assert moved.headers["etag"] != etags[CSV]
    assert b"QN-0003" in moved.content
    assert api.client.get(CSV, headers={"If-None-Match": etags[CSV]}).status_code == 200


@pytest.mark.parametrize(
    ("as_of", "code"),
    [
        ("2020-02-30", "invalid-as-of"),
        ("yesterday", "invalid-as-of"),
        ("2020-1-5", "invalid-as-of"),
        ("20200105", "invalid-as-of"),
        ("2027-01-01", "as-of-in-future"),
    ],
)
def test_a_bad_day_is_refused_as_a_problem_and_never_a_500(api: Api, as_of: str, code: str) -> None:
    for path in (CSV, JSON):
        answer = api.client.get(path, params={"as_of": as_of})
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["code"] == code


def test_the_data_package_describes_both_exports(api: Api) -> None:
    package = api.client.get("/v1/public/datapackage.json").json()
    assert package["profile"] == "tabular-data-package"
    csv_resource, json_resource = package["resources"]
    assert (csv_resource["path"], csv_resource["encoding"]) == ("register.csv", "utf-8-sig")
    assert (json_resource["path"], json_resource["format"]) == ("register.json", "json")
    for field in csv_resource["schema"]["fields"]:
        assert field["type"] in ("string", "integer", "date") and field["description"]
    assert json.dumps(package) == json.dumps(api.client.get("/v1/public/datapackage.json").json())
