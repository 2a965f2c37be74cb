"""Vietnam's provincial units as data, to be checked line by line against the texts.

Until 30 June 2025 there were 63 provincial units (58 provinces and 5 centrally-run cities);
from 1 July 2025, under the National Assembly's Resolution 202/2025/QH15 of 12 June 2025 on
the arrangement of provincial-level administrative units, there are 34: 11 kept their
boundaries and 23 were formed, each from two or three old units and under one old unit's name.

``OLD_UNITS`` gives each of the 63 with its code in the national list of administrative
units (Decision 124/2004/QĐ-TTg and its amendments; the General Statistics Office's codes).
``UNCHANGED`` names the 11 that kept their boundaries; ``MERGERS`` gives each new unit, the
old units it was formed from and the clause of the resolution's Article 1 that forms it.

ASSUMPTION (text of Resolution 202/2025/QH15 not at hand, the table is from the published
list of the 34 units): the clause numbers follow the order in which the resolution lists the
new units, as recalled; the membership of each merger is as published. The codes of the 23
new units are not given here (Decision 19/2025/QĐ-TTg gives codes from 1 July 2025, not at
hand): each new unit's code is its name without diacritics, lower-case, hyphenated, followed
by ``-2025``, so it never collides with an old unit's two-digit code. Huế keeps Thừa Thiên
Huế's code 46 (ASSUMPTION: same territory, same code); the number and date of the
resolution making it a city are as recalled.
"""

from __future__ import annotations

from datetime import date

MERGER_SOURCE = "Resolution 202/2025/QH15 (12/6/2025), in force for the new units 1/7/2025"
MERGED_ON = date(2025, 7, 1)
# Thừa Thiên Huế became the centrally-run city of Huế on 1 January 2025, same territory.
HUE_SOURCE = "Resolution 175/2024/QH15 (30/11/2024): Thừa Thiên Huế became Huế city, 1/1/2025"
HUE_ON = date(2025, 1, 1)

OLD_UNITS: dict[str, str] = {
    "Hà Nội": "01",
    "Hà Giang": "02",
    "Cao Bằng": "04",
    "Bắc Kạn": "06",
    "Tuyên Quang": "08",
    "Lào Cai": "10",
    "Điện Biên": "11",
    "Lai Châu": "12",
    "Sơn La": "14",
    "Yên Bái": "15",
    "Hòa Bình": "17",
    "Thái Nguyên": "19",
    "Lạng Sơn": "20",
    "Quảng Ninh": "22",
    "Bắc Giang": "24",
    "Phú Thọ": "25",
    "Vĩnh Phúc": "26",
    "Bắc Ninh": "27",
    "Hải Dương": "30",
    "Hải Phòng": "31",
    "Hưng Yên": "33",
    "Thái Bình": "34",
    "Hà Nam": "35",
    "Nam Định": "36",
    "Ninh Bình": "37",
    "Thanh Hóa": "38",
    "Nghệ An": "40",
    "Hà Tĩnh": "42",
    "Quảng Bình": "44",
    "Quảng Trị": "45",
    "Thừa Thiên Huế": "46",
    "Đà Nẵng": "48",
    "Quảng Nam": "49",
    "Quảng Ngãi": "51",
    "Bình Định": "52",
    "Phú Yên": "54",
    "Khánh Hòa": "56",
    "Ninh Thuận": "58",
    "Bình Thuận": "60",
    "Kon Tum": "62",
    "Gia Lai": "64",
    "Đắk Lắk": "66",
    "Đắk Nông": "67",
    "Lâm Đồng": "68",
    "Bình Phước": "70",
    "Tây Ninh": "72",
    "Bình Dương": "74",
    "Đồng Nai": "75",
    "Bà Rịa - Vũng Tàu": "77",
    "Hồ Chí Minh": "79",
    "Long An": "80",
    "Tiền Giang": "82",
    "Bến Tre": "83",
    "Trà Vinh": "84",
    "Vĩnh Long": "86",
    "Đồng Tháp": "87",
    "An Giang": "89",
    "Kiên Giang": "91",
    "Cần Thơ": "92",
    "Hậu Giang": "93",
    "Sóc Trăng": "94",
    "Bạc Liêu": "95",
    "Cà Mau": "96",
}

# The 11 units the resolution left as they were (Huế as the city it became on 1/1/2025).
UNCHANGED: tuple[str, ...] = (
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
)

# Each new unit: its name, the clause of Article 1 that forms it, the old units it joins.
MERGERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Tuyên Quang", "art. 1(1)", ("Hà Giang", "Tuyên Quang")),
    ("Lào Cai", "art. 1(2)", ("Lào Cai", "Yên Bái")),
    ("Thái Nguyên", "art. 1(3)", ("Bắc Kạn", "Thái Nguyên")),
    ("Phú Thọ", "art. 1(4)", ("Vĩnh Phúc", "Hòa Bình", "Phú Thọ")),
    ("Bắc Ninh", "art. 1(5)", ("Bắc Giang", "Bắc Ninh")),
    ("Hưng Yên", "art. 1(6)", ("Thái Bình", "Hưng Yên")),
    ("Hải Phòng", "art. 1(7)", ("Hải Dương", "Hải Phòng")),
    ("Ninh Bình", "art. 1(8)", ("Hà Nam", "Nam Định", "Ninh Bình")),
    ("Quảng Trị", "art. 1(9)", ("Quảng Bình", "Quảng Trị")),
    ("Đà Nẵng", "art. 1(10)", ("Quảng Nam", "Đà Nẵng")),
    ("Quảng Ngãi", "art. 1(11)", ("Kon Tum", "Quảng Ngãi")),
    ("Gia Lai", "art. 1(12)", ("Gia Lai", "Bình Định")),
    ("Khánh Hòa", "art. 1(13)", ("Ninh Thuận", "Khánh Hòa")),
    ("Lâm Đồng", "art. 1(14)", ("Đắk Nông", "Bình Thuận", "Lâm Đồng")),
    ("Đắk Lắk", "art. 1(15)", ("Phú Yên", "Đắk Lắk")),
    ("Hồ Chí Minh", "art. 1(16)", ("Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh")),
    ("Đồng Nai", "art. 1(17)", ("Bình Phước", "Đồng Nai")),
    ("Tây Ninh", "art. 1(18)", ("Long An", "Tây Ninh")),
    ("Cần Thơ", "art. 1(19)", ("Sóc Trăng", "Hậu Giang", "Cần Thơ")),
    ("Vĩnh Long", "art. 1(20)", ("Bến Tre", "Vĩnh Long", "Trà Vinh")),
    ("Đồng Tháp", "art. 1(21)", ("Tiền Giang", "Đồng Tháp")),
    ("Cà Mau", "art. 1(22)", ("Bạc Liêu", "Cà Mau")),
    ("An Giang", "art. 1(23)", ("Kiên Giang", "An Giang")),
)
