"""Searching the assets table finds exactly the rows whose words contain every term, however it finds them.

``AssetRows.matching`` takes short cuts: a council's name is searched once for all its assets, and a search of
every row in a sorted table looks at them in load order and sorts what it finds. These tests hold it to the plain
definition on generated registers, in every order, over every row and over some of them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from assetreg.domain.enums import AssetCategory
from assetreg.domain.status import AssetStatus
from assetreg.gui.tables.asset_table import AssetRows, AssetTableModel, search_terms
from assetreg.services.assets import AssetSummary

# Few letters, so that terms often match some rows, every row, or none, and often match where two fields meet.
WORD = st.text(alphabet="abcd1 '’", max_size=6)
TERM = st.text(alphabet="abcd1'", min_size=1, max_size=3)


def summary(number: int, name: str, address: str, postcode: str, uprn: str, council: str) -> AssetSummary:
    return AssetSummary(
        reference=f"AST-{number:04d}",
        name=name,
        category=AssetCategory.PUB,
        status=AssetStatus.LISTED,
        authority=council,
        authority_ref=council,
        jurisdiction=None,
        address=address,
        postcode=postcode,
        uprn=uprn,
    )


@st.composite
def registers(draw) -> list[AssetSummary]:
    councils = draw(st.lists(WORD, min_size=1, max_size=4))
    count = draw(st.integers(min_value=0, max_value=80))
    return [
        summary(n + 1, draw(WORD), draw(WORD), draw(WORD), draw(WORD), draw(st.sampled_from(councils)))
        for n in range(count)
    ]


def contains(asset: AssetSummary, term: str) -> bool:
    """The definition: one of the asset's fields holds the term, case and apostrophes aside."""
    fields = (asset.reference, asset.name, asset.address, asset.postcode, asset.postcode.replace(" ", ""))
    fields += (asset.uprn, asset.authority)
    return any(term in field.casefold().replace("'", "").replace("’", "") for field in fields)


@settings(max_examples=300, deadline=None)
@given(
    assets=registers(),
    term=TERM,
    sort=st.none() | st.tuples(st.integers(min_value=0, max_value=5), st.booleans()),
    keep=st.integers(min_value=1, max_value=3),
)
def test_matching_finds_exactly_the_rows_containing_the_term(assets, term, sort, keep) -> None:
    rows = AssetRows(assets)
    term = search_terms(term)[0] if search_terms(term) else "a"
    order = rows.ids if sort is None else rows.order(*sort)
    for pool in (order, order[::keep]):  # every row, then some of them, in the same order
        expected = [i for i in pool if contains(assets[i], term)]
        assert rows.matching(term, pool, sort) == expected


def test_a_rare_word_in_a_large_register_is_found_in_order() -> None:
    # A search of every row, sorted by name both ways, then one word in a council's name and one in every one.
    assets = [summary(n, f"The Swan {n}", "High Street", "SK4 4NY", "", "Stockport Council") for n in range(1, 3001)]
    assets[2500] = summary(2501, "The Red Lion", "Church Lane", "SK4 4NY", "", "Stockport Council")
    assets[7] = summary(8, "Red Lion Inn", "Market Place", "TN14 6AA", "", "Sevenoaks Council")
    model = AssetTableModel()
    model.set_assets(assets)
    model.sort(1, Qt.SortOrder.AscendingOrder)  # by name: "Red Lion Inn" before "The Red Lion"
    model.set_search("lion")
    assert [model.asset(r).reference for r in range(model.rowCount())] == ["AST-0008", "AST-2501"]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.asset(r).reference for r in range(model.rowCount())] == ["AST-2501", "AST-0008"]
    model.set_search("sevenoaks")  # in one council's name only
    assert [model.asset(r).reference for r in range(model.rowCount())] == ["AST-0008"]
    model.set_search("council")  # in every council's name
    assert model.rowCount() == 3000
