"""The case account as JSON for scripts: the same answers the app and the letters give, in stable field names."""

from __future__ import annotations

from datetime import date
from typing import Any

from .output import plain


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def in_force_json(case: Any, x: Any) -> dict[str, Any]:
    """One thing protecting the land on the case's day: a listing, a moratorium or a protected period."""
    return {
        "asset": case.asset_ref,
        "asset_name": case.asset_name,
        "record": x.record_ref,
        "kind": x.period.value,
        "label": x.period.label,
        "rule": x.rule.code,
        "starts_on": _day(x.starts_on),
        "ends_on": _day(x.ends_on),
        "days_left": x.days_left(case.day),
    }


def notice_json(detail: Any) -> dict[str, Any]:
    """A disposal notice with its status, periods and requests as its case gives them."""
    case = detail.case
    return {
        **plain(detail.notice),
        "status": case.status.value,
        "status_label": case.status.label,
        "problem": case.problem,
        "awaits_listing_day": case.awaits_listing_day,  # the problem holds only until the listing's day is recorded
        "provisional": case.provisional,
        "period_ends_on": _day(case.period_ends_on),
        "owner_free_from": _day(case.owner_free_from),
        "periods": [
            {
                "kind": p.period.value,
                "rule": p.rule.code,
                "starts_on": _day(p.starts_on),
                "computed_end": _day(p.computed_end),
                "published_end": _day(p.published_end),
                "effective_end": _day(p.effective_end),
                "disagrees": p.disagrees,
                "ended_early": p.ended_early.value if p.ended_early else None,
                "why": p.why,
            }
            for p in case.periods
        ],
        # what the council published for a period the case does not run (a full moratorium no request starts)
        "published_without_period": [
            {"kind": period.value, "published_end": _day(day)} for period, day in case.published_without_period
        ],
        "requests": [
            {
                **plain(r.request),
                "starts_full_moratorium": r.verdict.starts_full_moratorium if r.verdict else None,
                # false: it starts it only if what is unknown holds, or (not starting) it is not known yet
                "shown": r.verdict.shown if r.verdict else None,
                "council_counted": r.verdict.council_counted if r.verdict else None,
                "why": r.verdict.why if r.verdict else "",
            }
            for r in detail.requests
        ],
    }


def asset_json(detail: Any) -> dict[str, Any]:
    """Everything about one asset, with its case on the day asked about."""
    case = detail.case
    data = {name: plain(getattr(detail, name)) for name in detail.__dataclass_fields__ if name not in ("case",)}
    data.update(
        {
            "today": _day(case.day),
            "status": case.status.value,
            "status_label": case.status.label,
            "status_ends_on": _day(case.status_ends_on),
            "listing_status": case.listing_status.value,
            "listing_ends_on": _day(case.listing_ends_on),
            "regime": case.regime.value,
            "owner_may_dispose_to": case.owner_may_dispose_to.value,
            "owner_may_dispose_to_label": case.owner_may_dispose_to.label,
            "notices": [notice_json(n) for n in detail.notices],
            "in_force": [in_force_json(case, x) for x in case.in_force],
            "next_steps": [
                {
                    "uid": d.uid,
                    "record": d.record_ref,
                    "rule": d.code,
                    "label": d.label,
                    "date": _day(d.date),
                    "overdue": d.overdue(case.day),
                    "action": d.action,
                }
                for d in case.next_steps
            ],
        }
    )
    return data
