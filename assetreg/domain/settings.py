"""The group's own choices that change how deadlines are shown: reminders, margins, extra holidays."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .enums import Jurisdiction, Regime
from .errors import ValidationError
from .i18n import tr
from .rules import CATALOGUE, rule


@dataclass(frozen=True)
class Settings:
    """Everything here has a sensible default, so a new register needs no set-up.

    ``reminder_days`` overrides a rule's default lead times (days before the date); ``send_by_working_days`` is
    the margin before anything that must be *received*; ``extra_holidays`` are one-off days off the user adds
    (a royal funeral, say) to the bank holidays of the ``holidays`` package.
    """

    reminder_days: dict[str, tuple[int, ...]] = field(default_factory=dict)
    send_by_working_days: int = 3
    renomination_lead_days: int = 70
    extra_holidays: tuple[tuple[date, str], ...] = ()
    default_jurisdiction: Jurisdiction = Jurisdiction.ENGLAND
    new_regime_commencement: date | None = None

    def regime_on(self, day: date | None) -> Regime:
        """The regime a listing or notice dated ``day`` is recorded under: the 2026 Act's (provisional) from the
        commencement date the user set, the 2011 Act's before it or when no date is set. Kept on the record, so
        changing the setting later never changes a case already recorded."""
        if self.new_regime_commencement is not None and day is not None and day >= self.new_regime_commencement:
            return Regime.EDCEA2026
        return Regime.LA2011

    def reminders_for(self, code: str) -> tuple[int, ...]:
        """Days before a rule's date to remind the user: their own choice, else the catalogue's default."""
        if code in self.reminder_days:
            return self.reminder_days[code]
        return rule(code).default_reminder_days if code in _CODES else (7,)


_CODES = {r.code for r in CATALOGUE}
ROYAL_ASSENT_2026 = date(2026, 4, 29)  # of the English Devolution and Community Empowerment Act 2026


def validate_settings(settings: Settings) -> Settings:
    """The settings with lead times sorted and de-duplicated; ``ValidationError`` for anything impossible."""
    problems = {}
    unknown = sorted(set(settings.reminder_days) - _CODES)
    if unknown:
        problems["reminder_days"] = tr("{codes} is not a rule code; codes look like ACV-IMP-END.").format(
            codes=", ".join(unknown)
        )
    if any(day < 0 or day > 3650 for days in settings.reminder_days.values() for day in days):
        problems["reminder_days"] = tr("A reminder is given as days before the date, between 0 and 3650.")
    if not 0 <= settings.send_by_working_days <= 30:
        problems["send_by_working_days"] = tr("The send-by margin is a number of working days from 0 to 30.")
    if not 0 <= settings.renomination_lead_days <= 365:
        problems["renomination_lead_days"] = tr("Renominate between 0 and 365 days before a listing ends.")
    if problems:
        raise ValidationError(problems)
    cleaned = {code: tuple(sorted(set(days), reverse=True)) for code, days in settings.reminder_days.items()}
    holidays = tuple(sorted(set(settings.extra_holidays)))
    return Settings(
        cleaned,
        settings.send_by_working_days,
        settings.renomination_lead_days,
        holidays,
        settings.default_jurisdiction,
        settings.new_regime_commencement,
    )
