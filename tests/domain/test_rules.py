"""The rule catalogue (RULES.md §4) as data."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from assetreg.domain.counting import Counting, Length, Unit
from assetreg.domain.enums import Jurisdiction
from assetreg.domain.rules import CATALOGUE, Confidence, Event, Rule, rule, rules_for_event

# code: (event, length, counting, citation) exactly as in RULES.md §4; None length/counting = derived.
RULES_MD = {
    "ACV-NOM-DECIDE": ("nomination-received", Length(8, Unit.WEEKS), "AFTER", "reg 7"),
    "ACV-LIST-END": ("listing-entered", Length(5, Unit.YEARS), "BW", "s.87(3)"),
    "ACV-RENOMINATE-BY": ("listing-entered", None, None, "s.87(3)"),
    "ACV-UNSUCC-END": ("unsuccessful-entered", Length(5, Unit.YEARS), "BW", "s.93"),
    "ACV-REVIEW-REQ": ("listing-notice-given", Length(8, Unit.WEEKS), "BW", "reg 10, Sch 2"),
    "ACV-REVIEW-DECIDE": ("review-request-received", Length(8, Unit.WEEKS), "BW", "Sch 2"),
    "ACV-FTT-LIST": ("review-decision-sent", Length(28, Unit.DAYS), "AFTER", "reg 11; GRC r.22"),
    "ACV-IMP-END": ("disposal-notice-received", Length(6, Unit.WEEKS), "BW", "s.95, s.97"),
    "ACV-FMP-END": ("disposal-notice-received", Length(6, Unit.MONTHS), "BW", "s.95; reg 14(3)"),
    "ACV-OWNER-FREE": ("disposal-notice-received", None, None, "s.95(3)"),
    "ACV-PP-END": ("disposal-notice-received", Length(18, Unit.MONTHS), "BW", "s.95(4)"),
    "ACV-RENOTIFY": ("disposal-notice-received", None, None, "s.95(4)"),
    "ACV-COMP-CLAIM": ("loss-incurred", Length(13, Unit.WEEKS), "AFTER", "reg 14"),
    "ACV-COMP-REVIEW-REQ": ("compensation-decision-given", Length(8, Unit.WEEKS), "BW", "reg 16"),
    "ACV-FTT-COMP": ("compensation-review-sent", Length(28, Unit.DAYS), "AFTER", "reg 17; GRC r.22"),
    "SCOT-ATR-DECIDE": ("atr-validated", Length(6, Unit.MONTHS), "AFTER", "SSI 2016/357 reg 10"),
    "SCOT-ATR-REVIEW": ("atr-decision-notice", Length(20, Unit.WORKING_DAYS), "WD_BW", "SSI 2016/358 reg 3"),
    "SCOT-ATR-APPEAL": ("atr-decision-notice", Length(20, Unit.WORKING_DAYS), "WD_BW", "SSI 2016/359 reg 3"),
    "SCOT-ATR-OFFER-MIN": ("atr-decision-notice", Length(6, Unit.MONTHS), "AFTER", "CE(S)A 2015 s.83"),
    "SCOT-ATR-REPEAT": ("atr-refused", Length(2, Unit.YEARS), "AFTER", "CE(S)A 2015 s.93"),
    "SCOT-CRTB-REG-END": ("crtb-registered", Length(5, Unit.YEARS), "BW", "LR(S)A 2003 Part 2"),
}

CONFIDENCE = {
    "ACV-NOM-DECIDE": "M",
    "ACV-LIST-END": "V",
    "ACV-RENOMINATE-BY": "advice",
    "ACV-UNSUCC-END": "S",
    "ACV-REVIEW-REQ": "S",
    "ACV-REVIEW-DECIDE": "S",
    "ACV-FTT-LIST": "V",
    "ACV-IMP-END": "S",
    "ACV-FMP-END": "V",
    "ACV-OWNER-FREE": "V",
    "ACV-PP-END": "S",
    "ACV-RENOTIFY": "V",
    "ACV-COMP-CLAIM": "S",
    "ACV-COMP-REVIEW-REQ": "S",
    "ACV-FTT-COMP": "V",
    "SCOT-ATR-DECIDE": "V",
    "SCOT-ATR-REVIEW": "V",
    "SCOT-ATR-APPEAL": "V",
    "SCOT-ATR-OFFER-MIN": "S",
    "SCOT-ATR-REPEAT": "S",
    "SCOT-CRTB-REG-END": "M",
}


def test_every_code_of_rules_md_is_in_the_catalogue_exactly_once() -> None:
    # RULES.md §4's table, plus the 2026 Act's provisional moratorium (§1: reported, every item [M]).
    counts = Counter(r.code for r in CATALOGUE)
    assert counts == Counter([*RULES_MD, "EDCEA-MOR-END"])
    assert all(n == 1 for n in counts.values())


@pytest.mark.parametrize("code", sorted(RULES_MD))
def test_rule_matches_rules_md(code: str) -> None:
    event, length, counting, citation = RULES_MD[code]
    r = rule(code)
    assert r.code == code
    assert r.event == event
    assert r.length == length
    assert r.counting == counting
    assert r.citation == citation
    assert r.confidence == CONFIDENCE[code]
    assert r.label and r.name
    assert r.confidence_note


def test_acv_rules_apply_in_england_only_and_scottish_rules_in_scotland_only() -> None:
    for r in CATALOGUE:
        if r.code.startswith("ACV-"):
            assert r.jurisdictions == frozenset({Jurisdiction.ENGLAND}), r.code
            assert r.regime == "LA2011"
        elif r.code.startswith("EDCEA-"):  # provisional, and never a 2011 Act rule
            assert r.jurisdictions == frozenset({Jurisdiction.ENGLAND}), r.code
            assert r.regime == "EDCEA2026" and r.confidence is Confidence.M
        else:
            assert r.jurisdictions == frozenset({Jurisdiction.SCOTLAND}), r.code
            assert r.regime != "LA2011"


def test_full_moratorium_is_conditional_and_nothing_else_is() -> None:
    assert [r.code for r in CATALOGUE if r.conditional] == ["ACV-FMP-END"]
    assert "valid request" in rule("ACV-FMP-END").condition
    assert all(r.condition == "" for r in CATALOGUE if not r.conditional)


def test_interim_moratorium_end_is_a_date_by_which_a_request_must_be_received() -> None:
    imp = rule("ACV-IMP-END")
    assert imp.must_be_received
    assert "receive a request to be treated as a potential bidder" in imp.label
    assert imp.default_reminder_days == (21, 14, 7, 3)


def test_derived_rules() -> None:
    owner_free = rule("ACV-OWNER-FREE")
    assert (owner_free.derived_from, owner_free.instead_if_applies, owner_free.offset_days) == (
        "ACV-IMP-END",
        "ACV-FMP-END",
        1,
    )
    renotify = rule("ACV-RENOTIFY")
    assert (renotify.derived_from, renotify.instead_if_applies, renotify.offset_days) == ("ACV-PP-END", None, 1)
    renominate = rule("ACV-RENOMINATE-BY")
    assert (renominate.derived_from, renominate.offset_days) == ("ACV-LIST-END", -70)
    assert renominate.confidence is Confidence.ADVICE
    assert {r.code for r in CATALOGUE if r.is_derived} == {"ACV-OWNER-FREE", "ACV-RENOTIFY", "ACV-RENOMINATE-BY"}


def test_derived_rules_rest_on_rules_of_the_same_event_and_jurisdictions() -> None:
    for r in CATALOGUE:
        for base_code in (r.derived_from, r.instead_if_applies):
            if base_code is None:
                continue
            base = rule(base_code)
            assert base.event is r.event and base.jurisdictions == r.jurisdictions, r.code
            assert not base.is_derived


def test_every_event_triggers_at_least_one_rule_and_has_a_label() -> None:
    assert {r.event for r in CATALOGUE} == set(Event)
    assert len(Event) == 14
    assert set(Event._labels()) == {event.value for event in Event}  # every event has its own label
    assert Event.DISPOSAL_NOTICE_RECEIVED.label == "Disposal notice received by the council"
    for event in Event:
        assert event.phrase.startswith("the "), event


def test_reminders_are_days_before_in_descending_order() -> None:
    for r in CATALOGUE:
        assert list(r.default_reminder_days) == sorted(r.default_reminder_days, reverse=True), r.code
        assert all(days > 0 for days in r.default_reminder_days), r.code


def test_confidence_labels() -> None:
    assert [c.label for c in Confidence] == [
        "checked against the legislation",
        "how it is counted is taken from council, government or legal guidance, not settled by the legislation itself",
        "not confirmed",
        "advice",
    ]
    assert Confidence.S.needs_confirmation and Confidence.M.needs_confirmation
    assert not Confidence.V.needs_confirmation and not Confidence.ADVICE.needs_confirmation


def test_rules_for_event_filters_by_jurisdiction_in_catalogue_order() -> None:
    disposal = Event.DISPOSAL_NOTICE_RECEIVED
    assert [r.code for r in rules_for_event(disposal, Jurisdiction.ENGLAND)] == [
        "ACV-IMP-END",
        "ACV-FMP-END",
        "ACV-OWNER-FREE",
        "ACV-PP-END",
        "ACV-RENOTIFY",
    ]
    assert rules_for_event(disposal, Jurisdiction.WALES) == []
    assert rules_for_event(disposal, Jurisdiction.SCOTLAND) == []
    assert [r.code for r in rules_for_event(Event.ATR_DECISION_NOTICE, Jurisdiction.SCOTLAND)] == [
        "SCOT-ATR-REVIEW",
        "SCOT-ATR-APPEAL",
        "SCOT-ATR-OFFER-MIN",
    ]
    assert rules_for_event(Event.ATR_DECISION_NOTICE, Jurisdiction.ENGLAND) == []


def test_unknown_code() -> None:
    with pytest.raises(KeyError):
        rule("ACV-NOPE")


def test_a_rule_is_counted_or_derived_not_both() -> None:
    base = rule("ACV-IMP-END")
    with pytest.raises(ValueError):
        dataclasses.replace(base, derived_from="ACV-PP-END")
    with pytest.raises(ValueError):
        dataclasses.replace(base, length=None)
    with pytest.raises(ValueError):
        dataclasses.replace(base, length=None, counting=None)
    with pytest.raises(ValueError):
        dataclasses.replace(base, conditional=True)


def test_rules_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule("ACV-IMP-END").code = "X"  # type: ignore[misc]


def test_a_new_rule_is_data_only() -> None:
    extra = Rule(
        "TEST-RULE",
        "Test",
        "A test rule",
        Event.LOSS_INCURRED,
        Length(3, Unit.DAYS),
        Counting.BW,
        "none",
        Confidence.M,
        "[M]",
        frozenset({Jurisdiction.ENGLAND}),
        "LA2011",
    )
    assert not extra.is_derived and not extra.conditional
