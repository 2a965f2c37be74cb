"""The 2025 merger of provinces through HTTP: a Hà Giang product is under Hà Giang's
principals until 30 June 2025 and Tuyên Quang's from 1 July 2025; a Hà Giang key or a
district one no longer acts from then; the programme office renames the product's place;
the public register and its statistics answer to old and new names, now and as of 2024."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from lifecycle.values import Level, Location, Role
from seed import builders as make
from seed.bodies import body_of
from tests.api import bodies
from tests.api.conftest import Api

HG_LOCATION = bodies.HG_LOCATION
BEFORE, MERGED = date(2025, 6, 30), date(2025, 7, 1)
HERBAL_148 = "medicinal-herbs"  # a herbal product's group under 148


def tuyen_quang(api: Api, role: Role, level: Level | None = None) -> dict[str, str]:
    """A bearer header for a Tuyên Quang principal (the province standing after the merger)."""
    key, _ = api.services.keys.create(role, level=level, province="Tuyên Quang")
    return {"Authorization": f"Bearer {key}"}


def register(api: Api, who: str, code: str, location: dict[str, str]) -> int:
    """Registered on the builders' day (2 September 2019), before every change below; the
    log position to read after."""
    answer: Any = api.post(who, "/v1/products", bodies.registration(code, location=location))
    assert answer.status_code == 201, answer.json()
    return int(answer.json()["position"])


def scored(on: date) -> dict[str, Any]:
    """A council's 80 points, naming the herbal group under the set in force (148's)."""
    return body_of(make.evaluation(on, 80, minutes_ref=f"BB-{on:%Y%m%d}", group=HERBAL_148))


def forwarded_by_the_district(api: Api, code: str, province: str) -> None:
    """The district council's evaluation and forwarding to the province, before the merger."""
    day = BEFORE - timedelta(days=1)
    for actor, command in make.steps_to(Level.PROVINCE, day, 80, province, group=HERBAL_148):
        api.services.registry.change(code, actor, command)


def test_a_hà_giang_product_is_hà_giangs_until_the_merger_and_tuyên_quangs_from_it(
    api: Api,
) -> None:
    register(api, "office_hg", "HG-0001", HG_LOCATION)
    forwarded_by_the_district(api, "HG-0001", "Hà Giang")
    council_tq = tuyen_quang(api, Role.EVALUATION_COUNCIL, Level.PROVINCE)
    path = "/v1/products/HG-0001/evaluations"

    early = api.client.post(path, json=scored(BEFORE), headers=council_tq)
    assert early.status_code == 403 and early.json()["code"] == "outside-jurisdiction"
    late: Any = api.post("council_province_hg", path, scored(MERGED))
    assert late.status_code == 403
    assert late.json()["code"] == "province-no-longer-stands"
    assert "Tuyên Quang" in late.json()["detail"] and "2025-07-01" in late.json()["detail"]
    assert late.headers["content-type"] == "application/problem+json"
    assert api.version_of("HG-0001") == 3  # refusals store nothing

    accepted: Any = api.post("council_province_hg", path, scored(BEFORE))
    assert accepted.status_code == 201, accepted.json()
    successor = api.client.post(path, json=scored(MERGED), headers=council_tq)
    assert successor.status_code == 201, successor.json()
    assert api.version_of("HG-0001") == 5


def test_a_district_council_no_longer_acts_from_the_merger(api: Api) -> None:
    register(api, "office_qn", "QN-0001", bodies.registration()["location"])
    path = "/v1/products/QN-0001/evaluations"
    refused: Any = api.post("council_district_qn", path, scored(MERGED))
    assert refused.status_code == 403 and refused.json()["code"] == "district-level-ended"
    assert api.version_of("QN-0001") == 1
    accepted: Any = api.post("council_district_qn", path, scored(BEFORE))
    assert accepted.status_code == 201, accepted.json()


def renamed(province: str, on: date = MERGED) -> dict[str, Any]:
    place = Location(province, "", "Lũng Cú")
    return body_of(make.place_renamed(on, place, decision_ref="202/2025/QH15"))


def test_the_successors_office_renames_the_place_and_every_reader_sees_it(api: Api) -> None:
    register(api, "office_hg", "HG-0001", HG_LOCATION)
    office_tq = tuyen_quang(api, Role.PROGRAMME_OFFICE)
    path = "/v1/products/HG-0001/place"

    moved = api.client.post(path, json=renamed("Lào Cai"), headers=office_tq)
    assert moved.status_code == 422 and moved.json()["code"] == "place-not-successor"
    assert "Tuyên Quang" in moved.json()["detail"] and "Lào Cai" in moved.json()["detail"]
    gone: Any = api.post("office_hg", path, renamed("Tuyên Quang"))
    assert gone.status_code == 403 and gone.json()["code"] == "province-no-longer-stands"
    assert api.version_of("HG-0001") == 1

    done = api.client.post(path, json=renamed("Tuyên Quang"), headers=office_tq)
    assert done.status_code == 201, done.json()
    after = done.json()["position"]
    public: Any = api.get(None, "/v1/public/products/HG-0001", position=after)
    assert public.json()["province"] == "Tuyên Quang" and public.json()["commune"] == "Lũng Cú"
    history: Any = api.get("auditor", "/v1/products/HG-0001/history")
    last = history.json()[-1]
    assert last["event"]["type"] == "PlaceRenamed"
    assert last["event"]["facts"]["decision_ref"] == "202/2025/QH15"
    assert last["state"]["location"]["province"] == "Tuyên Quang"
    assert history.json()[0]["state"]["location"]["province"] == "Hà Giang"  # as registered
    trail: Any = api.get("auditor", "/v1/events", position=after)
    assert trail.json()["events"][-1]["type"] == "PlaceRenamed"
    assert trail.json()["events"][-1]["refs"]["decision_ref"] == "202/2025/QH15"
    feed: Any = api.get(None, "/v1/public/changes", province="Tuyên Quang", position=after)
    changes = [(item["data"]["kind"], item["data"]["province"]) for item in feed.json()["items"]]
    assert changes == [("registered", "Hà Giang"), ("place-renamed", "Tuyên Quang")]
    assert feed.json()["items"][-1]["data"]["decision_ref"] == "202/2025/QH15"
    as_read = api.client.get("/v1/products/HG-0001", params={"position": after}, headers=office_tq)
    assert as_read.status_code == 200 and as_read.json()["province"] == "Tuyên Quang"


def codes(api: Api, after: int, **params: object) -> set[str]:
    answer: Any = api.get(None, "/v1/public/products", position=after, **params)
    assert answer.status_code == 200, answer.json()
    return {item["code"] for item in answer.json()["items"]}


def statistics(api: Api, to: str, province: str | None = None) -> dict[str, Any]:
    region = {"province": province} if province else {}
    answer: Any = api.get(
        None, "/v1/public/statistics", **{"from": "2019-01-01", "to": to}, **region
    )
    assert answer.status_code == 200, answer.json()
    found: dict[str, Any] = answer.json()
    return found


def test_search_and_statistics_answer_to_old_and_new_names_now_and_as_of_2024(api: Api) -> None:
    register(api, "office_hg", "HG-0001", HG_LOCATION)
    tq_location = {"province": "Tuyên Quang", "district": "Na Hang", "commune": "Thượng Giáp"}
    old_tq_office = tuyen_quang(api, Role.PROGRAMME_OFFICE)  # acts in 2019 for the old province
    answer = api.client.post(
        "/v1/products", json=bodies.registration("TQ-0001", location=tq_location),
        headers=old_tq_office,
    )  # fmt: skip
    assert answer.status_code == 201, answer.json()
    after = register(api, "office_qn", "QN-0001", bodies.registration()["location"])

    assert codes(api, after, province="Tuyên Quang") == {"HG-0001", "TQ-0001"}
    assert codes(api, after, province="tuyen quang") == {"HG-0001", "TQ-0001"}
    assert codes(api, after, province="Hà Giang") == {"HG-0001"}
    assert codes(api, after, province="Quảng Ninh") == {"QN-0001"}

    then, now = "2024-12-31", "2026-11-29"
    assert statistics(api, then, "Tuyên Quang")["joined_total"] == 1
    assert statistics(api, then, "Hà Giang")["joined_total"] == 1
    assert statistics(api, now, "Tuyên Quang")["joined_total"] == 2
    assert statistics(api, now, "ha giang")["joined_total"] == 1
    by_province = statistics(api, now, "Tuyên Quang")["now"]["by_province"]
    assert by_province == {"Tuyên Quang": 2}
    at_end = "in_programme_at_end_by_province"
    assert statistics(api, then)[at_end] == {"Hà Giang": 1, "Quảng Ninh": 1, "Tuyên Quang": 1}
    assert statistics(api, now)[at_end] == {"Quảng Ninh": 1, "Tuyên Quang": 2}
    assert statistics(api, then, "Tuyên Quang")[at_end] == {"Tuyên Quang": 1}
    assert statistics(api, now)["now"]["by_province"] == {"Quảng Ninh": 1, "Tuyên Quang": 2}


def test_the_open_data_names_the_province_a_place_lay_in_on_its_day(api: Api) -> None:
    after = register(api, "office_hg", "HG-0001", HG_LOCATION)
    for as_of, province in (("2024-12-31", "Hà Giang"), ("2026-11-29", "Tuyên Quang")):
        answer: Any = api.get(None, "/v1/public/register.json", as_of=as_of, position=after)
        assert answer.status_code == 200, answer.text
        (row,) = answer.json()
        assert (row["province"], row["province_as_of"]) == ("Hà Giang", province)
    csv: Any = api.get(None, "/v1/public/register.csv", position=after)
    assert "province_as_of" in csv.text.splitlines()[0]
    assert "Tuyên Quang" in csv.text.splitlines()[1]


def test_a_product_registers_after_the_merger_without_a_district(api: Api) -> None:
    office_tq = tuyen_quang(api, Role.PROGRAMME_OFFICE)
    place = {"province": "Tuyên Quang", "commune": "Lũng Cú"}
    body = {**bodies.registration("TQ-0002", location=place), "effective_on": "2026-03-02"}
    body["group"] = "medicinal-herbs"  # the herbal group's name under the sets since 2023
    answer = api.client.post("/v1/products", json=body, headers=office_tq)
    assert answer.status_code == 201, answer.json()
    assert api.services.registry.product("TQ-0002").location.district == ""
    too_long = {**place, "district": "x" * 501}
    body = {**body, "code": "TQ-0003", "location": too_long}
    refused = api.client.post("/v1/products", json=body, headers=office_tq)
    assert refused.status_code == 422 and api.version_of("TQ-0003") == 0


def test_a_product_registered_after_the_merger_in_a_merged_province_is_refused(api: Api) -> None:
    office_tq = tuyen_quang(api, Role.PROGRAMME_OFFICE)
    body = {**bodies.registration("HG-0009", location=HG_LOCATION), "effective_on": "2026-03-02"}
    body["group"] = "medicinal-herbs"
    refused = api.client.post("/v1/products", json=body, headers=office_tq)
    assert refused.status_code == 422 and refused.json()["code"] == "place-in-merged-province"
    assert "Tuyên Quang" in refused.json()["detail"] and api.version_of("HG-0009") == 0
