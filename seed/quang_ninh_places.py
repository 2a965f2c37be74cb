"""Quảng Ninh as the 2020 scenario draws it: districts and communes, products, names.

Districts and towns are those of 2020 (Hoành Bồ had joined Hạ Long in 2019), each with a
slug for its council's principal id, a weight (how many OCOP owners it had, roughly) and its
communes or wards. Product bases are by criteria-set group (Decision 1048's groups, which the
provincial legacy set shared); some are a district's known specialities.
"""

from __future__ import annotations

PROVINCE = "Quảng Ninh"

# fmt: off
DISTRICTS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "Hạ Long": ("ha-long", 16, ("Hồng Hải", "Bãi Cháy", "Hà Khẩu", "Hùng Thắng", "Việt Hưng",
                "Sơn Dương", "Kỳ Thượng", "Đồng Lâm", "Đồng Sơn", "Quảng La", "Vũ Oai",
                "Thống Nhất", "Lê Lợi", "Tân Dân")),
    "Uông Bí": ("uong-bi", 8, ("Thượng Yên Công", "Phương Đông", "Phương Nam", "Vàng Danh",
                "Nam Khê", "Quang Trung", "Bắc Sơn")),
    "Cẩm Phả": ("cam-pha", 7, ("Cộng Hòa", "Dương Huy", "Cẩm Hải", "Quang Hanh", "Cửa Ông",
                "Mông Dương")),
    "Móng Cái": ("mong-cai", 8, ("Hải Hòa", "Hải Xuân", "Vạn Ninh", "Hải Đông", "Bình Ngọc",
                 "Quảng Nghĩa", "Hải Tiến", "Trà Cổ")),
    "Đông Triều": ("dong-trieu", 12, ("Yên Đức", "An Sinh", "Bình Khê", "Tràng An", "Thủy An",
                   "Hồng Thái Tây", "Hồng Thái Đông", "Nguyễn Huệ", "Tràng Lương")),
    "Quảng Yên": ("quang-yen", 9, ("Sông Khoai", "Hiệp Hòa", "Liên Vị", "Tiền Phong", "Cẩm La",
                  "Hoàng Tân", "Liên Hòa")),
    "Vân Đồn": ("van-don", 8, ("Quan Lạn", "Minh Châu", "Bản Sen", "Thắng Lợi", "Ngọc Vừng",
                "Đông Xá", "Đài Xuyên", "Vạn Yên", "Bình Dân", "Đoàn Kết")),
    "Tiên Yên": ("tien-yen", 7, ("Phong Dụ", "Đông Ngũ", "Hải Lạng", "Đồng Rui", "Đại Dực",
                 "Hà Lâu", "Điền Xá", "Yên Than")),
    "Bình Liêu": ("binh-lieu", 6, ("Đồng Văn", "Hoành Mô", "Lục Hồn", "Tình Húc", "Húc Động",
                  "Vô Ngại", "Đồng Tâm")),
    "Đầm Hà": ("dam-ha", 6, ("Quảng Lâm", "Quảng Tân", "Đại Bình", "Tân Bình", "Dực Yên",
               "Quảng An")),
    "Hải Hà": ("hai-ha", 7, ("Quảng Long", "Quảng Đức", "Quảng Phong", "Quảng Thành",
               "Đường Hoa", "Cái Chiên", "Quảng Sơn")),
    "Ba Chẽ": ("ba-che", 6, ("Thanh Sơn", "Thanh Lâm", "Đạp Thanh", "Nam Sơn", "Đồn Đạc",
               "Lương Mông", "Minh Cầm")),
    "Cô Tô": ("co-to", 3, ("Đồng Tiến", "Thanh Lân", "Cô Tô")),
}

GROUP_WEIGHTS = {
    "food": 45,
    "beverages": 15,
    "herbal-products": 15,
    "textiles-garments": 4,
    "souvenirs-furniture-decoration": 11,
    "rural-tourism": 6,
}
PRODUCTS: dict[str, tuple[str, ...]] = {
    "food": ("Chả mực", "Sá sùng khô", "Ruốc tôm", "Mắm tôm", "Nước mắm", "Gà đồi", "Miến dong",
             "Hàu sữa", "Ngán", "Cá thu một nắng", "Tôm he khô", "Bánh gio", "Gạo nếp cái hoa vàng",
             "Mật ong rừng", "Lợn bản", "Vịt biển", "Giò chả", "Bánh răng bừa", "Khoai môn",
             "Vải chín sớm", "Na dai", "Chả cá", "Sâm đất", "Dầu lạc", "Mực khô", "Bánh gật gù"),
    "beverages": ("Rượu ba kích", "Rượu mơ", "Rượu nếp cái hoa vàng", "Trà hoa vàng",
                  "Chè xanh", "Rượu ngán", "Rượu sim", "Trà túi lọc lá sen"),
    "herbal-products": ("Tinh dầu quế", "Ba kích tím", "Trà hoa vàng túi lọc", "Tinh dầu sả",
                        "Cao xương khớp", "Thuốc tắm người Dao", "Nấm linh chi", "Trà giảo cổ lam",
                        "Xà phòng thảo dược", "Tinh dầu hồi"),
    "textiles-garments": ("Khăn thổ cẩm", "Trang phục người Dao Thanh Phán", "Túi thổ cẩm",
                          "Áo chàm người Tày"),
    "souvenirs-furniture-decoration": ("Tranh than đá", "Trang sức ngọc trai", "Gốm sứ",
                                       "Chổi đót", "Mành tre", "Đồ gỗ mỹ nghệ", "Mô hình tàu gỗ"),
    "rural-tourism": ("Điểm du lịch cộng đồng", "Homestay bản", "Điểm bán hàng OCOP"),
}
SPECIALITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "Hạ Long": (("food", "Chả mực"), ("souvenirs-furniture-decoration", "Trang sức ngọc trai")),
    "Cẩm Phả": (("souvenirs-furniture-decoration", "Tranh than đá"),),
    "Vân Đồn": (("food", "Sá sùng khô"), ("beverages", "Rượu ngán"), ("food", "Hàu sữa")),
    "Tiên Yên": (("food", "Gà đồi"), ("food", "Vịt biển")),
    "Bình Liêu": (("food", "Miến dong"), ("textiles-garments", "Khăn thổ cẩm")),
    "Ba Chẽ": (("herbal-products", "Ba kích tím"), ("beverages", "Rượu ba kích")),
    "Hải Hà": (("beverages", "Chè xanh"), ("beverages", "Trà hoa vàng")),
    "Đông Triều": (("souvenirs-furniture-decoration", "Gốm sứ"), ("food", "Gạo nếp cái hoa vàng")),
    "Quảng Yên": (("food", "Na dai"), ("food", "Ngán")),
    "Móng Cái": (("food", "Ruốc tôm"), ("food", "Bánh gật gù")),
    "Cô Tô": (("food", "Cá thu một nắng"), ("food", "Mực khô")),
    "Đầm Hà": (("food", "Lợn bản"), ("herbal-products", "Tinh dầu quế")),
    "Uông Bí": (("food", "Mật ong rừng"), ("herbal-products", "Trà giảo cổ lam")),
}
BRANDS = ("Hương Rừng", "Thành Vinh", "Minh Châu", "Hạ Long Xanh", "Biển Bạc", "An Phú",
          "Phú Hải", "Đông Bắc", "Kim Long", "Yên Tử", "Vạn Lộc", "Hoàng Gia", "Thiên Phúc",
          "Tân An", "Bình Minh", "Ngọc Trai", "Bảo Ngọc", "Trường Xuân", "Hải Đăng", "Lộc Phát")
TRADES = ("Thực phẩm", "Thương mại và Dịch vụ", "Dược liệu", "Nông sản", "Thủy sản",
          "Đầu tư và Phát triển")
ACTIVITIES = ("Nông nghiệp", "Dịch vụ nông nghiệp", "Thủy sản", "Dược liệu", "Chè",
              "Nông lâm nghiệp", "Chế biến nông sản", "Sản xuất và Thương mại")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
            "Lý", "Vi", "Triệu", "Chíu", "Đinh", "Lương", "Tô")
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Quang", "Thị Thu", "Ngọc")
GIVEN_NAMES = ("Hùng", "Hoa", "Lan", "Tuấn", "Hải", "Dũng", "Hương", "Mai", "Thắng", "Nga",
               "Sơn", "Bình", "Tâm", "Phượng", "Cường", "Huyền", "Long", "Yến", "Quý", "Thủy")
# fmt: on
