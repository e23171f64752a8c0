"""A few real countries as the matching engine sees them (UN M49 areas, groups)."""

from mutua.matching.engine.places import Place

AFRICA = {"region": "002", "region_name": "Africa"}
SUB_SAHARAN = {"subregion": "202", "subregion_name": "Sub-Saharan Africa"}
WEST = {"intermediate": "011", "intermediate_name": "Western Africa"}
EAST = {"intermediate": "014", "intermediate_name": "Eastern Africa"}

PLACES = {
    p.iso3: p
    for p in [
        Place(
            "SEN", "Senegal", **AFRICA, **SUB_SAHARAN, **WEST,
            groups=frozenset({"LDC", "developing"}),
        ),
        Place("GHA", "Ghana", **AFRICA, **SUB_SAHARAN, **WEST, groups=frozenset({"developing"})),
        Place(
            "MWI", "Malawi", **AFRICA, **SUB_SAHARAN, **EAST,
            groups=frozenset({"LDC", "LLDC", "developing"}),
        ),
        Place(
            "FJI", "Fiji", region="009", region_name="Oceania", subregion="054",
            subregion_name="Melanesia", groups=frozenset({"SIDS", "developing"}),
        ),
        Place(
            "DEU", "Germany", region="150", region_name="Europe", subregion="155",
            subregion_name="Western Europe",
        ),
        Place(
            "COD", "Congo, The Democratic Republic of the", **AFRICA, **SUB_SAHARAN,
            intermediate="017", intermediate_name="Middle Africa",
            groups=frozenset({"LDC", "developing"}),
        ),
    ]
}  # fmt: skip
