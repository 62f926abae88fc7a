"""What one cell of a council's list says: its text, the kind of asset or the decision it names, why an asset
left the list, a postcode or UPRN, a place on the map. Each reads one value and reports through ``problem`` what
it cannot take; ``council_rows`` puts a row's cells together into an asset.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .enums import AssetCategory, LabelledEnum, NominationDecision, RemovalReason
from .i18n import tr
from .validation import is_uprn, normalise_postcode

MAX_CELL = 2000  # characters: longer than any name, address or reason a council writes
_PAIR = re.compile(r"^\(?\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)?$")
_POINT = re.compile(r"^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$", re.IGNORECASE)
_UNSUCCESSFUL = re.compile(
    r"unsuccess|reject|refus|not list|unlist|declin|invalid|not valid|ineligib|not eligib|does not meet|not meet"
)
_LISTED = re.compile(r"list|success|approv|accept|moratorium|protected|removed|expired")
_REMOVED = re.compile(r"removed|delist|de-list|taken off")
_FORMULA = re.compile(r"^=\s*[A-Za-z_]+[A-Za-z0-9_.]*\s*\(|^=\s*[A-Z]{1,3}\d+")


def named(kind: type[LabelledEnum], text: str) -> LabelledEnum | None:
    """The member of ``kind`` a cell names by its code (``charity``) or its label (``Charity``), if it names one."""
    return _names(kind).get(" ".join(text.casefold().split())) if text else None


@lru_cache(maxsize=32)
def _names(kind: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    return {name: m for m in kind for name in (m.label.casefold(), m.value)}


# What councils call each kind of asset, where it is not AssetReg's own word; the first that matches wins.
_CATEGORY_WORDS = (
    (re.compile(r"\bpost office"), AssetCategory.POST_OFFICE),
    (re.compile(r"\b(pub|public house|inn|tavern|bar)\b"), AssetCategory.PUB),
    (re.compile(r"\b(shop|store|stores)\b"), AssetCategory.SHOP),
    (re.compile(r"\blibrary\b"), AssetCategory.LIBRARY),
    (re.compile(r"\b(community centre|village hall|hall)\b"), AssetCategory.COMMUNITY_CENTRE),
    (re.compile(r"\b(sport|playing field|pitch|ground|pavilion)"), AssetCategory.SPORTS_GROUND),
    (re.compile(r"\b(open space|green|park|allotment|garden)"), AssetCategory.OPEN_SPACE),
    (re.compile(r"\b(church|chapel|mosque|temple|synagogue|worship)"), AssetCategory.PLACE_OF_WORSHIP),
    (re.compile(r"\bschool\b"), AssetCategory.SCHOOL),
)


def category_of(text: str, problem) -> AssetCategory | None:
    if not text:
        return None
    found = _category_named(text)
    if found is None:
        problem(
            "category",
            tr(
                "“{text}” is not a kind of asset AssetReg knows, so the kind is not imported (a new asset is "
                "Other): change it on the asset's page."
            ).format(text=text),
            "warning",
        )
    return found


@lru_cache(maxsize=1024)
def _category_named(text: str) -> AssetCategory | None:
    """The kind of asset a council's word names (a list repeats a few words in every row)."""
    return named(AssetCategory, text) or _first_named(_CATEGORY_WORDS, text)


def _first_named(table: tuple, text: str):
    """What the first pattern of ``table`` that ``text`` matches stands for, if one does."""
    words = text.casefold()
    return next((meant for pattern, meant in table if pattern.search(words)), None)


_REMOVAL_WORDS = (
    (re.compile(r"expir"), RemovalReason.EXPIRED),
    (re.compile(r"tribunal|appeal"), RemovalReason.APPEAL),
    (re.compile(r"review"), RemovalReason.REVIEW),
    (re.compile(r"dispos|sold|sale"), RemovalReason.AFTER_DISPOSAL),
    (re.compile(r"no longer|ceased|not qualify"), RemovalReason.NO_LONGER_QUALIFIES),
)


def removal_reason(said: str, status: str) -> RemovalReason | None:
    """Why an asset left the list, from the list's reason or else its status words; None when neither says."""
    return named(RemovalReason, said) or _first_named(_REMOVAL_WORDS, f"{said} {status}")


def removed_undated(status: str) -> bool:
    """Whether a listed asset's status words say it has left the list (with no day given)."""
    return bool(_REMOVED.search(status))


def checked_codes(postcode: str, uprn: str, problem) -> tuple[str, str]:
    """The postcode and UPRN, each left out with a warning when it is not one: the asset still goes in."""
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValueError:
            problem(
                "postcode",
                tr(
                    "“{value}” is not a full UK postcode (like SK4 2AB), so the asset goes in without one: add it "
                    "on the asset's page."
                ).format(value=postcode),
                "warning",
            )
            postcode = ""
    if uprn and not is_uprn(uprn):
        problem(
            "uprn",
            tr(
                "“{value}” is not a UPRN (a number of up to 12 digits), so the asset goes in without one: add it "
                "on the asset's page."
            ).format(value=uprn),
            "warning",
        )
        uprn = ""
    return postcode, uprn


def check_cells(texts: dict[str, str], problem) -> None:
    """Blanks, with a problem for each, the cells too long to be a value and those holding a formula."""
    for name, text in texts.items():
        if len(text) > MAX_CELL:
            problem(
                name,
                tr("The cell is {n} characters long; AssetReg takes at most {max}. Shorten it in the list.").format(
                    n=len(text), max=MAX_CELL
                ),
            )
            texts[name] = ""
        elif text[:1] == "=" and _FORMULA.match(text):
            problem(name, tr("The cell holds a spreadsheet formula ({text}), not a value.").format(text=text[:40]))
            texts[name] = ""


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def location_of(texts: dict[str, str], problem) -> tuple[float | None, float | None]:
    if text := texts.get("location"):
        if match := _PAIR.match(text):
            return _checked_place(float(match.group(1)), float(match.group(2)), "location", problem)
        problem(
            "location",
            tr("“{text}” is not a location like (51.5, -0.14), so the asset goes in without one.").format(text=text),
            "warning",
        )
    if text := texts.get("point"):
        if match := _POINT.match(text):
            return _checked_place(float(match.group(2)), float(match.group(1)), "point", problem)
        problem(
            "point",
            tr("“{text}” is not a point like POINT(-0.14 51.5), so the asset goes in without one.").format(text=text),
            "warning",
        )
    return None, None


def _checked_place(lat: float, lon: float, name: str, problem) -> tuple[float | None, float | None]:
    if 49 <= lat <= 61 and -9 <= lon <= 2:
        return lat, lon
    problem(
        name,
        tr("({lat}, {lon}) is not in the United Kingdom; the location is left out.").format(lat=lat, lon=lon),
        "warning",
    )
    return None, None


def decision_of(texts: dict[str, str], decided_on: date | None) -> NominationDecision:
    if texts.get("unsuccessful_reason"):
        return NominationDecision.UNSUCCESSFUL
    said = _decision_said(f"{texts.get('decision', '')} {texts.get('status', '')}".casefold())
    if said is None:
        return NominationDecision.LISTED if decided_on else NominationDecision.PENDING
    return said


@lru_cache(maxsize=1024)
def _decision_said(words: str) -> NominationDecision | None:
    """The decision the list's words give, if they give one (a list repeats a few words in every row)."""
    if _UNSUCCESSFUL.search(words):
        return NominationDecision.UNSUCCESSFUL
    if "withdr" in words:
        return NominationDecision.WITHDRAWN
    if _LISTED.search(words):
        return NominationDecision.LISTED
    return None
