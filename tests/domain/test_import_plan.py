"""Planning an import against the register's records: what it would change, said in plain words (no Qt, no DB)."""

from __future__ import annotations

from datetime import date

from assetreg.domain import entities as e
from assetreg.domain.council_rows import read_rows
from assetreg.domain.enums import NominationDecision
from assetreg.domain.import_matching import Existing
from assetreg.domain.import_plan import plan_import
from assetreg.domain.import_review import described

SWAN = e.Asset(reference="AST-0007", name="The Swan", address="1 High St", postcode="SK4 2AB")
NOMINATION = e.Nomination(
    reference="NOM-0003", asset_ref="AST-0007", decision=NominationDecision.LISTED, decided_on=date(2019, 5, 20)
)
ENTRY = e.ListEntry(reference="LST-0002", asset_ref="AST-0007", nomination_ref="NOM-0003", entered_on=date(2019, 5, 20))


def test_each_change_to_an_asset_already_in_the_register_is_said_from_what_to_what():
    fields = ["name", "address", "postcode", "decision_date", "notice_received", "bid_intention_received",
              "interested_group"]  # fmt: skip
    rows = [["The Swan", "1 High Street", "SK4 2AB", "21/05/2019", "10/11/2026", "20/11/2026", "Swan Society"]]
    imported, _ = read_rows(fields, rows)
    (plan,), _ = plan_import(imported, Existing(assets=[SWAN], nominations=[NOMINATION], entries=[ENTRY]), "",
                             date(2026, 12, 2))  # fmt: skip
    assert described(plan) == [
        "address: “1 High St” → “1 High Street”",
        "NOM-0003 day of the decision: Mon 20 May 2019 → Tue 21 May 2019",
        "LST-0002 day entered on the list: Mon 20 May 2019 → Tue 21 May 2019",
        "a disposal notice received Tue 10 Nov 2026 added",
        "a request to be treated as a bidder from Swan Society, received Fri 20 Nov 2026, added",
    ]
    new, _ = plan_import(imported, Existing(), "", date(2026, 12, 2))
    assert described(new[0]) == []  # a new asset is all new: the count says so
