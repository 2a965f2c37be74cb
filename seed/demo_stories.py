"""The demo register's stories: each product's registration and the changes that followed.

Dates are chosen so each certificate falls under the criteria set in force on its decision
date: a provincial legacy certificate of 2017, Decision 1048 certificates by provinces, a
district-issued 3-star under Decision 148, 5-star certificates by the ministry, and 3- and
4-star certificates by provinces under Decision 1489. Hà Giang's stories cross the merger
of 1 July 2025: Hà Giang's principals act before it, Tuyên Quang's office renames a place
after it; districts are those in use when each product registered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lifecycle.commands import IssueCertificate, ProductCommand, RecordEvaluation, RegisterProduct
from lifecycle.values import Location, Owner, OwnerKind, RemovalReason, RevocationReason
from seed import builders as make
from seed.principals import PROVINCES, TUYEN_QUANG

Story = tuple[RegisterProduct, list[tuple[str, ProductCommand]]]
ENTERPRISE, COOPERATIVE = OwnerKind.ENTERPRISE, OwnerKind.COOPERATIVE
GROUP, HOUSEHOLD = OwnerKind.COOPERATIVE_GROUP, OwnerKind.HOUSEHOLD_BUSINESS


def _joins(
    code: str,
    name: str,
    owner: tuple[str, str, OwnerKind],
    where: str,
    group: str,
    on: str,
    gtins: tuple[str, ...] = (),
) -> RegisterProduct:
    district, commune = where.split("/")
    location = Location(PROVINCES[code[:2].lower()], district, commune)
    joins = make.registration(
        date.fromisoformat(on), code, name=name, owner=Owner(*owner), location=location,
        group=group, subgroup="",
    )  # fmt: skip
    return replace(joins, gtins=gtins)


def _scored(
    on: str, abc: tuple[int, int, int], minutes: str, bonus: int = 0, group: str = ""
) -> RecordEvaluation:
    # The demo's bonus points: local materials first, then local labour (2 each at most).
    # A product of a group the set lacks is evaluated in the ``group`` the council names.
    points = dict(zip("ABC", abc, strict=True))
    by_kind = {"local-materials": min(bonus, 2), "local-labour": max(bonus - 2, 0)}
    return make.evaluation(
        date.fromisoformat(on), points=points, bonus=by_kind, minutes_ref=minutes, group=group
    )


def _starred(on: str, stars: int, decision: str) -> IssueCertificate:
    return make.certificate(date.fromisoformat(on), stars, decision)


TRAU_TIEN = "QN-UB-01"
TRAU_TIEN_GTIN = "8936012345674"  # on its label: /01/8936012345674 opens its page
FIRST_CODE = TRAU_TIEN
STORIES: list[Story] = [
    (
        _joins(TRAU_TIEN, "Tinh dầu trầu tiên Yên Tử", ("5701874562", "HTX Dược liệu Yên Tử",
               COOPERATIVE), "Uông Bí/Thượng Yên Công", "herbal-products", "2019-04-10",
               gtins=(TRAU_TIEN_GTIN,)),
        [
            ("qn-province-council", _scored("2024-08-15", (33, 20, 28), "15/BB-HĐOCOP", 2,
                                            "medicinal-herbs")),
            ("qn-province-authority", _starred("2024-09-10", 4, "2318/QĐ-UBND")),
            ("qn-inspector", make.suspension(date(2025, 3, 18), 92, inspection_ref="08/BB-KT",
                findings="Hàm lượng tinh dầu của hai lô kiểm nghiệm thấp hơn mức đã cam kết "
                "trong hồ sơ công bố chất lượng.",
                reason="Chất lượng sản phẩm không đạt như cam kết")),
            ("qn-inspector", make.reinstatement(date(2025, 5, 27), reinspection_ref="21/BB-KT",
                corrected="Chuẩn hóa quy trình chưng cất; ba lô kiểm nghiệm lại đạt chỉ tiêu "
                "đã công bố.")),
        ],
    ),
    (
        _joins("QN-HL-01", "Chả mực giã tay Hạ Long", ("5701563208", "Công ty TNHH Thực phẩm "
               "Hạ Long Xanh", ENTERPRISE), "Hạ Long/Hồng Hải", "food", "2016-03-22"),
        [
            ("qn-province-council", _scored("2017-10-20", (30, 21, 36), "22/BB-HĐOCOP")),
            ("qn-province-authority", _starred("2017-11-15", 4, "3460/QĐ-UBND")),
            ("qn-province-council", _scored("2020-10-05", (31, 21, 35), "31/BB-HĐOCOP")),
            ("qn-province-authority", _starred("2020-11-10", 4, "3891/QĐ-UBND")),
            ("central-council", _scored("2024-10-22", (37, 23, 32), "09/BB-HĐTW")),
            ("central-authority", _starred("2024-12-05", 5, "4987/QĐ-BNN-KTHT")),
        ],
    ),
    (
        _joins("QN-BL-01", "Miến dong Bình Liêu", ("5700921437", "HTX Nông nghiệp Đồng Văn",
               COOPERATIVE), "Bình Liêu/Đồng Văn", "food", "2018-07-02"),
        [
            ("qn-province-council", _scored("2021-04-20", (24, 16, 26), "11/BB-HĐOCOP")),
            ("qn-province-authority", _starred("2021-06-15", 3, "1902/QĐ-UBND")),
        ],
    ),
    (
        _joins("QN-VD-01", "Sá sùng khô Quan Lạn", ("5702210984", "Hộ kinh doanh Phạm Thị Hoa",
               HOUSEHOLD), "Vân Đồn/Quan Lạn", "food", "2025-05-12"),
        [
            ("qn-province-council", make.evaluation(date(2026, 6, 18),
                points={"A": 28, "B": 12, "C": 19}, mandatory_met=False, minutes_ref="14/BB-HĐOCOP",
                note="Chưa có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.")),
        ],
    ),
    (
        _joins("QN-BC-01", "Rượu ba kích Ba Chẽ", ("5701348826", "HTX Ba kích Thanh Sơn",
               COOPERATIVE), "Ba Chẽ/Thanh Sơn", "beverages", "2019-10-07"),
        [
            ("qn-province-council", _scored("2020-09-25", (25, 15, 28), "27/BB-HĐOCOP")),
            ("qn-province-authority", _starred("2020-10-30", 3, "3655/QĐ-UBND")),
            ("qn-province-authority", make.revocation(date(2022, 11, 18),
                decision_ref="4120/QĐ-UBND",
                note="Dùng nhãn OCOP cho sản phẩm ngoài danh mục được công nhận.")),
        ],
    ),
    (
        _joins("HG-HSP-01", "Trà Shan tuyết cổ thụ Thông Nguyên", ("5100458731", "HTX Chè "
               "Shan tuyết Thông Nguyên", COOPERATIVE), "Hoàng Su Phì/Thông Nguyên",
               "beverages", "2019-05-14"),
        [
            ("central-council", _scored("2023-10-12", (38, 23, 31), "04/BB-HĐTW", 2)),
            ("central-authority", _starred("2024-01-15", 5, "152/QĐ-BNN-KTHT")),
            # Synthetic: the commune's name after the 2025 commune mergers is not at hand.
            ("tq-programme-office", make.place_renamed(date(2025, 7, 1),
                Location(TUYEN_QUANG, "", "Thông Nguyên"))),
        ],
    ),
    (
        _joins("HG-QB-01", "Mật ong bạc hà Quản Bạ", ("5100612390", "HTX Ong mật Cán Tỷ",
               COOPERATIVE), "Quản Bạ/Cán Tỷ", "food", "2020-03-09"),
        [
            ("hg-province-council", _scored("2024-04-10", (30, 19, 25), "07/BB-HĐOCOP")),
            ("hg-province-authority", _starred("2024-05-08", 4, "986/QĐ-UBND")),
            ("hg-inspector", make.suspension(date(2025, 5, 20), 92, inspection_ref="12/BB-KT",
                findings="Hàm lượng HMF của mật ong thành phẩm vượt ngưỡng đã công bố.",
                reason="Chất lượng không đạt như công bố")),
        ],
    ),
    (
        _joins("HG-DV-01", "Bánh tam giác mạch Đồng Văn", ("5100733214", "Hộ kinh doanh Vàng "
               "Thị Mai", HOUSEHOLD), "Đồng Văn/Sủng Là", "food", "2024-03-05"),
        [("hg-district-council", _scored("2024-06-12", (20, 10, 16), "03/BB-HĐOCOP"))],
    ),
    (
        _joins("TN-TP-01", "Chè Tân Cương đặc biệt", ("4601287653", "Công ty TNHH Chè Tân "
               "Cương Xanh", ENTERPRISE), "Thái Nguyên/Tân Cương", "beverages", "2019-12-02"),
        [
            ("tn-province-council", _scored("2025-09-16", (34, 20, 28), "19/BB-HĐOCOP", 3)),
            ("tn-province-authority", _starred("2025-10-21", 4, "2145/QĐ-UBND")),
        ],
    ),
    (
        _joins("TN-DT-01", "Chè búp La Bằng", ("4601542276", "Tổ hợp tác chè an toàn La Bằng",
               GROUP), "Đại Từ/La Bằng", "beverages", "2023-04-11"),
        [
            ("tn-district-council", _scored("2024-05-21", (26, 15, 20), "05/BB-HĐOCOP", 3)),
            ("tn-district-authority", _starred("2024-06-18", 3, "1376/QĐ-UBND")),
        ],
    ),
    (
        _joins("TN-DH-01", "Măng khô Định Hóa", ("4601860045", "Hộ kinh doanh Ma Văn Tuấn",
               HOUSEHOLD), "Định Hóa/Phú Đình", "food", "2021-03-16"),
        [
            ("tn-province-council", _scored("2021-08-24", (15, 9, 14), "16/BB-HĐOCOP")),
            ("tn-programme-office", make.removal(date(2023, 8, 10),
                decision_ref="1655/QĐ-UBND")),
        ],
    ),
    (
        _joins("DT-LV-01", "Quýt hồng Lai Vung", ("1401978342", "HTX Quýt hồng Long Hậu",
               COOPERATIVE), "Lai Vung/Long Hậu", "food", "2022-05-09"),
        [
            ("dt-province-council", _scored("2025-11-12", (30, 17, 19), "23/BB-HĐOCOP", 2)),
            ("dt-province-authority", _starred("2025-12-09", 3, "2874/QĐ-UBND")),
        ],
    ),
    (
        _joins("DT-SD-01", "Hoa hồng cổ Sa Đéc", ("1402215567", "Hộ kinh doanh Nguyễn Văn Tám",
               HOUSEHOLD), "Sa Đéc/Tân Quy Đông", "ornamental-plants-animals", "2025-03-17"),
        [],
    ),
    (
        _joins("DT-TM-01", "Trà tim sen Tháp Mười", ("1401436618", "Công ty TNHH Sen Tháp "
               "Mười", ENTERPRISE), "Tháp Mười/Mỹ Hòa", "beverages", "2020-06-22"),
        [
            ("dt-province-council", _scored("2020-11-18", (24, 16, 27), "29/BB-HĐOCOP")),
            ("dt-province-authority", _starred("2020-12-22", 3, "3310/QĐ-UBND")),
            ("dt-province-authority", make.revocation(date(2024, 2, 20),
                RevocationReason.EXPIRED_NOT_RENEWED, decision_ref="412/QĐ-UBND")),
            ("dt-programme-office", make.removal(date(2024, 3, 26), RemovalReason.OWNER_REQUEST,
                decision_ref="680/QĐ-UBND")),
        ],
    ),
]  # fmt: skip
