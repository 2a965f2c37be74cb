"""Each criteria set's catalogue of product groups and sub-groups, as data to check against
the decisions line by line.

Under 1048 a product belongs to one of 6 groups ("ngành") and, within it, one of 26 product
sets ("bộ sản phẩm"), each scored by its own score sheet; under 148 (and 1489, which keeps
148's appendices) to one of 6 groups and, within it, a sub-group of Appendix I. A
registration names its group and, optionally, its sub-group under the set in force; an
evaluation under a later set names the product's group under that set when its own is not
one of that set's (``lifecycle/grouping.py``). Every entry cites its ``source``; where only
a summary or memory of the text was at hand it says ASSUMPTION and what it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subgroup:
    """A sub-group (under 1048, a product set) of a group, with its source."""

    id: str
    name: str
    source: str


@dataclass(frozen=True)
class Group:
    """A product group of a criteria set and its sub-groups."""

    id: str
    name: str
    subgroups: tuple[Subgroup, ...]

    def subgroup_ids(self) -> list[str]:
        """The identifiers of the group's sub-groups, in the catalogue's order."""
        return [subgroup.id for subgroup in self.subgroups]


S = Subgroup
# Sources, cited per entry.
SETS_1048 = (
    "Decision 1048/QĐ-TTg (21/8/2019), Appendix: 6 groups, 26 product sets (count as the "
    "decision states it); ASSUMPTION (appendix not at hand): the set's name and its place "
    "follow the 148 sub-group of the same content (Decision 148/QĐ-TTg, Appendix I)"
)
APPENDIX_148 = (
    "Decision 148/QĐ-TTg (24/2/2023), Appendix I (classification of OCOP products), as "
    "reprinted in the summary of 919/QĐ-TTg (1/8/2022) and Appendix I's table"
)
GUESS_148 = (
    "ASSUMPTION (Appendix I not at hand in full): from 919/QĐ-TTg (1/8/2022)'s list of the "
    "group's products, which 148 Appendix I details"
)

CATALOGUE_1048: tuple[Group, ...] = (
    Group("food", "Thực phẩm (food)", (
        S("fresh-produce", "Rau, củ, quả, hạt tươi (fresh vegetables, fruit, nuts)", SETS_1048),
        S("fresh-meat-eggs-milk", "Thịt, trứng, sữa tươi (fresh meat, eggs, milk)", SETS_1048),
        S("rice-cereals", "Gạo, ngũ cốc (rice and cereals)", SETS_1048),
        S("honey", "Mật ong, sản phẩm từ mật ong, mật khác (honey and others)", SETS_1048),
        S("other-raw-foods", "Nông sản thực phẩm thô, sơ chế khác (other raw foods)", SETS_1048),
        S("fast-food", "Đồ ăn nhanh (fast food)", SETS_1048),
        S("processed-cereals", "Chế biến từ gạo, ngũ cốc (processed rice, cereals)", SETS_1048),
        S("processed-produce", "Chế biến từ rau, củ, quả, hạt (processed produce)", SETS_1048),
        S("processed-meat-eggs-milk", "Chế biến từ thịt, trứng, sữa (processed meat, eggs, "
          "milk)", SETS_1048),
        S("processed-seafood", "Chế biến từ thủy sản (processed seafood)", SETS_1048),
        S("liquid-condiments", "Tương, nước mắm, gia vị dạng lỏng (sauces, fish sauce)",
          SETS_1048),
        S("other-spices", "Gia vị khác (other spices)", SETS_1048),
        S("tea", "Chè tươi, chè chế biến (fresh and processed tea)", SETS_1048),
        S("other-tea-products", "Sản phẩm khác từ chè (other tea products)", SETS_1048),
        S("coffee-cocoa", "Cà phê, ca cao (coffee, cocoa)", SETS_1048),
    )),
    Group("beverages", "Đồ uống (beverages)", (
        S("spirits", "Rượu trắng (white spirits)", SETS_1048),
        S("other-alcoholic", "Đồ uống có cồn khác (other alcoholic drinks)", SETS_1048),
        S("non-alcoholic", "Đồ uống không cồn (non-alcoholic drinks)", SETS_1048),
    )),
    Group("herbal-products", "Thảo dược (herbal products)", (
        S("functional-foods-medicines", "Thực phẩm chức năng, thuốc từ dược liệu, thuốc y học "
          "cổ truyền (functional foods, herbal and traditional medicines)", SETS_1048),
        S("herbal-cosmetics", "Mỹ phẩm có nguồn gốc thảo dược (herbal cosmetics)", SETS_1048),
        S("essential-oils", "Tinh dầu và thảo dược khác (essential oils, other herbal "
          "products)", SETS_1048),
    )),
    Group("textiles-garments", "Vải và may mặc (textiles and garments)", (
        S("textiles-garments", "Vải, may mặc (textiles, garments)", SETS_1048),
    )),
    Group("souvenirs-furniture-decoration", "Lưu niệm - nội thất - trang trí (souvenirs, "
          "furniture and decoration)", (
        S("wood", "Đồ gỗ (woodwork)", SETS_1048),
        S("rattan-bamboo", "Mây tre đan (rattan and bamboo)", SETS_1048),
        S("other-crafts", "Gốm sứ, thủ công mỹ nghệ khác (pottery, other crafts)", SETS_1048),
    )),
    Group("rural-tourism", "Dịch vụ du lịch nông thôn, bán hàng (rural tourism services and "
          "sales points)", (
        S("rural-tourism", "Dịch vụ du lịch nông thôn, điểm bán hàng (rural tourism, sales "
          "points)", SETS_1048),
    )),
)  # fmt: skip

CATALOGUE_148: tuple[Group, ...] = (
    Group("food", "Thực phẩm (food)", (
        S("fresh-produce", "Rau, củ, quả, hạt tươi (fresh vegetables, fruit, nuts)",
          APPENDIX_148),
        S("fresh-meat-seafood-eggs-milk", "Thịt, thủy sản, trứng, sữa tươi (fresh meat, "
          "seafood, eggs, milk)", APPENDIX_148),
        S("rice-cereals", "Gạo, ngũ cốc, hạt sơ chế khác (rice, cereals, other grains)",
          APPENDIX_148),
        S("honey", "Mật ong, mật khác và nông sản thực phẩm khác (honey, other raw foods)",
          APPENDIX_148),
        S("fast-food", "Đồ ăn nhanh (fast food)", APPENDIX_148),
        S("processed-cereals", "Chế biến từ gạo, ngũ cốc (processed rice, cereals)",
          APPENDIX_148),
        S("processed-produce", "Chế biến từ rau, củ, quả, hạt (processed produce)",
          APPENDIX_148),
        S("processed-meat-eggs-milk", "Chế biến từ thịt, trứng, sữa (processed meat, eggs, "
          "milk)", GUESS_148),
        S("processed-seafood", "Chế biến từ thủy sản (processed seafood)", GUESS_148),
        S("liquid-condiments", "Tương, nước mắm, gia vị dạng lỏng (sauces, fish sauce)",
          GUESS_148),
        S("other-spices", "Gia vị khác (other spices)", GUESS_148),
        S("tea", "Chè tươi, chè chế biến (fresh and processed tea)", GUESS_148),
        S("other-tea-products", "Sản phẩm khác từ chè (other tea products)", GUESS_148),
        S("coffee-cocoa", "Cà phê, ca cao (coffee, cocoa)", GUESS_148),
    )),
    Group("beverages", "Đồ uống (beverages)", (
        S("spirits", "Rượu trắng (white spirits)", GUESS_148),
        S("other-alcoholic", "Đồ uống có cồn khác (other alcoholic drinks)", APPENDIX_148),
        S("non-alcoholic", "Đồ uống không cồn (non-alcoholic drinks)", APPENDIX_148),
    )),
    Group("medicinal-herbs", "Dược liệu và sản phẩm từ dược liệu (medicinal herbs and herbal "
          "products)", (
        S("functional-foods", "Thực phẩm chức năng, thực phẩm bổ sung, đồ uống có thảo dược "
          "(functional foods, supplements, herbal drinks)", APPENDIX_148),
        S("herbal-medicines", "Thuốc dược liệu, thuốc y học cổ truyền (herbal and "
          "traditional medicines)", APPENDIX_148),
        S("herbal-cosmetics", "Mỹ phẩm có thành phần từ thảo dược (herbal cosmetics)",
          APPENDIX_148),
        S("essential-oils", "Tinh dầu và dược liệu khác (essential oils, other herbs)",
          APPENDIX_148),
    )),
    Group("handicrafts", "Thủ công mỹ nghệ (handicrafts)", (
        S("wood", "Sản phẩm từ gỗ (woodwork)", GUESS_148),
        S("natural-fibres", "Sản phẩm từ sợi tự nhiên, mây tre (natural fibres, rattan, "
          "bamboo)", GUESS_148),
        S("metal-pottery", "Kim loại, gốm sứ, thủy tinh (metal, pottery, glass)", GUESS_148),
        S("textiles-embroidery", "Dệt may, thêu ren (textiles, embroidery)", GUESS_148),
    )),
    Group("ornamental-plants-animals", "Sinh vật cảnh (ornamental plants and animals)", (
        S("flowers", "Hoa (flowers)", APPENDIX_148),
        S("ornamental-plants", "Cây cảnh (ornamental plants)", APPENDIX_148),
        S("ornamental-animals", "Động vật cảnh (ornamental animals)", APPENDIX_148),
    )),
    Group("community-tourism", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch "
          "(community tourism, eco-tourism and tourist sites)", (
        S("community-tourism", "Du lịch cộng đồng, du lịch sinh thái, điểm du lịch "
          "(community tourism, eco-tourism, tourist sites)", APPENDIX_148),
    )),
)  # fmt: skip

# Each set's catalogue; the provincial legacy set's is 1048's (ASSUMPTION, as its figures).
CATALOGUES: dict[str, tuple[Group, ...]] = {
    "provincial-legacy": CATALOGUE_1048,
    # ASSUMPTION (their texts are not at hand): Quảng Ninh's own sets, as the generic one.
    "quang-ninh-3479-2015": CATALOGUE_1048,
    "quang-ninh-978-2018": CATALOGUE_1048,
    "1048-2019": CATALOGUE_1048,
    "148-2023": CATALOGUE_148,
    "1489-2025": CATALOGUE_148,
}


def catalogue_of(criteria_id: str) -> dict[str, Group]:
    """The groups of a criteria set's catalogue, by identifier."""
    return {group.id: group for group in CATALOGUES[criteria_id]}
