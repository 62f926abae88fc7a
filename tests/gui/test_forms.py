"""The forms (offscreen Qt): dates typed or picked, problems beside their fields, the disposal-notice questions and
their live note, and the bidder-request warnings. Widgets are driven as a person would; dialogs are never exec()ed
— each is built and its save slot called."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from assetreg.domain import entities as e
from assetreg.domain.enums import AssetCategory, DisposalKind, ExemptionCode, LegalForm, PartyKind
from assetreg.domain.records import RecordKind
from assetreg.gui.context import AppContext
from assetreg.gui.forms.asset_form import AssetDialog
from assetreg.gui.forms.forms import FormDialog
from assetreg.gui.forms.notice_form import NOT_KNOWN, DisposalNoticeDialog
from assetreg.gui.forms.request_form import BidderRequestDialog
from assetreg.gui.messages import Messages
from assetreg.gui.widgets.date_edit import DateEdit, date_text, parse_date
from assetreg.gui.widgets.form_widgets import GOOD, INFO, NEW, WARNING
from assetreg.services.records import Records
from assetreg.services.register import Register

TODAY = date(2025, 9, 15)  # the register fixture's clock: Mon 15 Sep 2025
NOTICE_RECEIVED = date(2025, 8, 31)  # a Sunday; the interim moratorium ends Sat 11 Oct 2025


class StubMessages(Messages):
    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []

    def error(self, parent, title: str, text: str) -> None:
        self.errors.append((title, text))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        return True


@pytest.fixture
def context(register: Register) -> AppContext:
    return AppContext(register, StubMessages())


@pytest.fixture
def listed(register: Register) -> dict[str, str]:
    """A council, a listed pub with its freeholder, a notice received Sun 31 Aug 2025, and three groups."""
    records = Records(register)
    council = records.create(e.Authority(name="Sevenoaks District Council")).value
    pub = records.create(e.Asset(name="The Red Lion", category=AssetCategory.PUB, authority_ref=council.reference))
    asset = pub.value.reference
    records.create(e.ListEntry(asset_ref=asset, entered_on=date(2024, 3, 1)))
    brewery = records.create(e.Party(name="Greene Valley Brewing", kind=PartyKind.ORGANISATION)).value
    records.create(e.Interest(asset_ref=asset, party_ref=brewery.reference, role="freeholder"))
    notice = records.create(
        e.DisposalNotice(asset_ref=asset, owner_ref=brewery.reference, received_on=NOTICE_RECEIVED)
    ).value
    ours = records.create(
        e.CommunityGroup(name="Ashcombe Pub Society", legal_form=LegalForm.CHARITY, is_own_group=True)
    )
    forum = records.create(e.CommunityGroup(name="Ashcombe Forum", legal_form=LegalForm.NEIGHBOURHOOD_FORUM))
    return {
        "council": council.reference,
        "asset": asset,
        "owner": brewery.reference,
        "notice": notice.reference,
        "ours": ours.value.reference,
        "forum": forum.value.reference,
    }


def shown(dialog: FormDialog) -> dict[str, str]:
    """The problems shown under fields, by field name (hidden ones left out)."""
    return {name: f.problem() for name, f in dialog.fields.items() if f.problem() and f.error_row.isVisibleTo(dialog)}


def type_into(qtbot, widget: QWidget, text: str) -> None:
    target = widget.line if isinstance(widget, DateEdit) else widget
    target.clear()
    qtbot.keyClicks(target, text)


# dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/08/2025", date(2025, 8, 31)),
        ("1/9/2025", date(2025, 9, 1)),
        ("01/09/2025", date(2025, 9, 1)),
        ("2025-08-31", date(2025, 8, 31)),
        (" 31.08.2025 ", date(2025, 8, 31)),
        ("29/02/2028", date(2028, 2, 29)),
        ("Sun 31 Aug 2025", date(2025, 8, 31)),  # as AssetReg writes dates, so one can be copied back in
        ("31st August 2025", date(2025, 8, 31)),
    ],
)
def test_dates_in_the_three_formats(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert parse_date(date_text(expected)) == expected


def test_empty_is_allowed_only_where_the_date_is_optional() -> None:
    assert parse_date("") is None and parse_date("   ") is None
    with pytest.raises(ValueError, match="cannot be left blank"):
        parse_date("", optional=False)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("31/02/2025", "“31/02/2025” is not a real date: February 2025 has 28 days; check it."),
        ("29/02/2025", "“29/02/2025” is not a real date: February 2025 has 28 days; check it."),
        ("2025-13-01", "“2025-13-01” is not a real date: there is no month 13; check it."),
        ("next Tuesday", "“next Tuesday” is not a date; write it like 31/08/2025 or 2025-08-31."),
        ("31/08/25", "“31/08/25” does not give the year in four figures; write it in full, for example 31/08/2025."),
        ("08/31/2025", "“08/31/2025” is written month first; write the day first, as 31/08/2025."),
        ("Sat 31 Aug 2025", "“Sat 31 Aug 2025” does not fit: 31 Aug 2025 is a Sunday; check which day you mean."),
        ("31/08/1025", "“31/08/1025” is in the year 1025; check the year."),
    ],
)
def test_anything_else_is_refused_in_plain_words(text: str, words: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    assert words in str(refused.value)


def test_a_typed_date_is_read_back_with_its_weekday(qtbot) -> None:
    edit = DateEdit(today=lambda: TODAY)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit.line, "31/08/2025")
    assert edit.date() == date(2025, 8, 31) and edit.problem() == ""
    assert edit.read_back.text() == "Sun 31 Aug 2025"
    type_into(qtbot, edit, "31/02/2025")
    assert edit.read_back.text() == "" and edit.problem().startswith("“31/02/2025” is not a real date")


def test_a_date_picked_from_the_calendar(qtbot) -> None:
    edit = DateEdit(today=lambda: TODAY)
    qtbot.addWidget(edit)
    edit._menu.aboutToShow.emit()  # opening the calendar shows today when the field is blank
    assert edit.calendar.selectedDate() == QDate(2025, 9, 15)
    with qtbot.waitSignal(edit.editing_finished):
        edit.calendar.activated.emit(QDate(2025, 10, 11))  # Enter on a day
    assert edit.line.text() == "11/10/2025" and edit.date() == date(2025, 10, 11)
    assert edit.read_back.text() == "Sat 11 Oct 2025"
    edit._menu.aboutToShow.emit()  # and the date already entered when there is one
    assert edit.calendar.selectedDate() == QDate(2025, 10, 11)


def test_the_calendar_button_and_the_line_are_named_for_screen_readers(qtbot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.set_accessible_name("Date the council received it")
    assert edit.line.accessibleName() == "Date the council received it"
    assert edit.button.accessibleName() == "Calendar for date the council received it"
    assert edit.button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert edit.focusProxy() is edit.line


# the asset form and problems beside their fields


def test_a_bad_postcode_is_shown_beside_the_postcode(qtbot, context: AppContext, listed) -> None:
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.name, "The Fox and Hounds")
    type_into(qtbot, dialog.postcode, "ZZ1")
    type_into(qtbot, dialog.uprn, "12ab")
    dialog.save()
    problems = shown(dialog)
    assert set(problems) == {"postcode", "uprn"}
    assert "“ZZ1” is not a UK postcode" in problems["postcode"]
    field = dialog.fields["postcode"]
    assert field.error_row.isVisibleTo(dialog)
    assert dialog.postcode.accessibleDescription() == problems["postcode"]  # what a screen reader says
    assert not dialog.fields["name"].error_row.isVisibleTo(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(Records(context.register).list(RecordKind.ASSET)) == 1  # nothing written
    type_into(qtbot, dialog.postcode, "tn14 6ah")
    type_into(qtbot, dialog.uprn, "100062045999")
    with qtbot.waitSignal(context.data_changed) as changed:
        dialog.save()
    assert RecordKind.ASSET in changed.args[0].kinds
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shown(dialog) == {} and dialog.postcode.accessibleDescription() == ""
    saved = Records(context.register).get(dialog.changed.value.reference)
    assert (saved.name, saved.postcode, saved.uprn) == ("The Fox and Hounds", "TN14 6AH", "100062045999")


def test_a_problem_about_no_field_on_the_form_is_shown_above_the_buttons(qtbot, context: AppContext) -> None:
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    dialog.show_problems({"latitude": "Enter both the latitude and the longitude, or neither."})
    assert dialog.general_problem.text() == "Enter both the latitude and the longitude, or neither."
    assert dialog.general_problem_row.isVisibleTo(dialog) and shown(dialog) == {}
    dialog.clear_problems()
    assert not dialog.general_problem_row.isVisibleTo(dialog)


def test_an_asset_with_a_new_council_and_title_numbers(qtbot, context: AppContext) -> None:
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.fields["new_council"].row.isVisibleTo(dialog)
    type_into(qtbot, dialog.name, "Ashcombe Library")
    dialog.category.set_value(AssetCategory.LIBRARY)
    dialog.council.set_value(NEW)
    assert dialog.fields["new_council"].row.isVisibleTo(dialog)
    dialog.save()
    assert "council's name" in shown(dialog)["new_council"]
    type_into(qtbot, dialog.council_name, "Sevenoaks District Council")
    type_into(qtbot, dialog.title_numbers, "k123456, sy 12345")
    dialog.save()
    saved = dialog.changed.value
    council = Records(context.register).get(saved.authority_ref)
    assert council.name == "Sevenoaks District Council"
    assert saved.title_numbers == ("K123456", "SY12345") and saved.category is AssetCategory.LIBRARY
    assert {RecordKind.ASSET, RecordKind.AUTHORITY} <= dialog.changed.changes.kinds


def test_editing_an_asset_changes_only_what_was_changed(qtbot, context: AppContext, listed) -> None:
    asset = Records(context.register).get(listed["asset"])
    dialog = AssetDialog(context, asset)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit The Red Lion"
    assert dialog.name.text() == "The Red Lion" and dialog.council.value() == listed["council"]
    type_into(qtbot, dialog.name, "The Red Lion Inn")
    dialog.save()
    assert Records(context.register).get(listed["asset"]).name == "The Red Lion Inn"
    changes = [(h.field, h.new_value) for h in Records(context.register).history(listed["asset"]) if h.field]
    assert changes == [("name", "The Red Lion Inn")]


def test_every_field_has_a_label_with_a_mnemonic_and_an_accessible_name(qtbot, context: AppContext, listed) -> None:
    for dialog in (
        AssetDialog(context),
        DisposalNoticeDialog(context, listed["asset"]),
        BidderRequestDialog(context, listed["notice"]),
    ):
        qtbot.addWidget(dialog)
        keys = []
        for field in dialog.fields.values():
            assert field.label.buddy() is field.widget
            assert "&" in field.label.text(), field.label.text()
            keys.append(field.label.text().split("&")[1][0].lower())
            assert field.widget.accessibleName() == field.label.text().replace("&", "").rstrip(":"), field.name
        keys.append("s")  # the Save button
        assert len(keys) == len(set(keys)), (dialog.windowTitle(), sorted(keys))


# the disposal-notice form


def notice_dialog(qtbot, context: AppContext, asset_ref: str) -> DisposalNoticeDialog:
    dialog = DisposalNoticeDialog(context, asset_ref)
    qtbot.addWidget(dialog)
    return dialog


def test_the_relevant_disposal_questions_come_before_any_date(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    order = list(dialog.fields)
    assert order.index("disposal_kind") < order.index("sent_on") < order.index("published_interim_end_on")
    for question in ("disposal_kind", "lease_term_years", "vacant_possession", "exemption_claimed", "share_sale"):
        assert order.index(question) < order.index("owner_ref")
    assert dialog.kind.value() is None  # asked, not assumed
    assert dialog.relevance.kind == INFO and "Answer the questions" in dialog.relevance.text()
    assert not dialog.lease_years.isEnabled()
    assert dialog.owner.value() == listed["owner"]  # the asset's freeholder is offered first


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ("exemption", "The owner claims an exempt disposal (Gift)"),
        ("shares", "A sale of shares in the owning company is not a relevant disposal"),
        ("tenant", "A sale without vacant possession (with a sitting tenant) is not a relevant disposal"),
        ("short lease", "Only a lease of 25 years or more is a relevant disposal; this one is 10 years"),
        ("no lease term", "The lease term is not recorded"),
    ],
)
def test_the_live_note_says_why_no_moratorium_will_start(qtbot, context: AppContext, listed, answer, why) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    dialog.kind.buttons[0].click()  # the freehold
    dialog.vacant.buttons[0].click()  # with vacant possession
    assert dialog.relevance.kind == GOOD
    if answer == "exemption":
        dialog.exemption.set_value(ExemptionCode.GIFT)
    elif answer == "shares":
        dialog.shares.buttons[1].click()
    elif answer == "tenant":
        dialog.vacant.buttons[1].click()
    else:
        dialog.kind.buttons[1].click()  # a new lease
        assert dialog.lease_years.isEnabled()
        if answer == "short lease":
            qtbot.keyClicks(dialog.lease_years, "10")
    assert dialog.relevance.kind == WARNING
    assert dialog.relevance.text().startswith("No moratorium will start.")
    assert why in dialog.relevance.text()
    assert not dialog.relevance.isHidden()


def test_the_live_note_for_a_relevant_disposal(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    dialog.kind.buttons[2].click()  # the assignment of an existing lease
    qtbot.keyClicks(dialog.lease_years, "99")
    assert dialog.vacant.value() == NOT_KNOWN
    assert dialog.relevance.kind == INFO and "Ask the council whether the sale is with vacant possession" in (
        dialog.relevance.text()
    )
    dialog.vacant.buttons[0].click()
    assert dialog.relevance.kind == GOOD
    assert dialog.relevance.text().startswith("This is a relevant disposal")


def test_the_note_says_when_the_land_was_not_listed_on_the_day(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    dialog.kind.buttons[0].click()
    dialog.vacant.buttons[0].click()
    type_into(qtbot, dialog.received_on, "15/01/2024")  # before the listing of Fri 1 Mar 2024
    assert (
        dialog.relevance.kind == WARNING
        and "not on the list of assets of community value on Mon 15 Jan 2024" in dialog.relevance.text()
    )


def test_dates_from_the_sent_date_are_provisional(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    type_into(qtbot, dialog.sent_on, "28/08/2025")
    assert dialog.dates_note.kind == WARNING and "provisional" in dialog.dates_note.text()
    assert "(provisional)" in dialog.fields["published_interim_end_on"].hint
    type_into(qtbot, dialog.received_on, "31/08/2025")
    assert "Sat 11 Oct 2025" in dialog.dates_note.text() and "provisional" not in dialog.dates_note.text()


def test_a_received_date_still_to_come_is_questioned_before_the_dates_worked_out_from_it(qtbot, context, listed):
    # Today is Mon 15 Sep 2025: 2026 is almost surely a slip for 2025.
    dialog = notice_dialog(qtbot, context, listed["asset"])
    type_into(qtbot, dialog.received_on, "31/08/2026")
    assert dialog.dates_note.kind == WARNING
    assert dialog.dates_note.text() == (
        "The day it was received, Mon 31 Aug 2026, is still to come (today is Mon 15 Sep 2025); check the date."
    )
    type_into(qtbot, dialog.received_on, "31/08/2025")
    assert dialog.dates_note.kind == INFO and "Sat 11 Oct 2025" in dialog.dates_note.text()
    request = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, request.received_on, "10/09/2026")
    assert request.warning.kind == WARNING and "Thu 10 Sep 2026, is still to come" in request.warning.text()


def test_published_dates_are_shown_beside_the_worked_out_ones(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    fields = dialog.fields
    assert "once a date is entered" in fields["published_full_end_on"].hint
    type_into(qtbot, dialog.received_on, "31/08/2025")
    assert fields["published_interim_end_on"].hint == "Worked out here: Sat 11 Oct 2025."
    assert fields["published_full_end_on"].hint == (
        "Worked out here: Sat 28 Feb 2026. Only if a valid request to bid is received in time."
    )
    type_into(qtbot, dialog.published["published_interim_end_on"], "10/10/2025")
    assert "1 day earlier; act by the council's date" in fields["published_interim_end_on"].hint
    type_into(qtbot, dialog.published["published_full_end_on"], "03/03/2026")
    assert "3 days later" in fields["published_full_end_on"].hint


def test_saving_a_notice_with_a_new_owner(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    dialog.kind.buttons[0].click()
    dialog.vacant.buttons[0].click()
    dialog.owner.set_value(NEW)
    assert dialog.fields["new_owner"].row.isVisibleTo(dialog)
    type_into(qtbot, dialog.owner_name, "Ashcombe Estates Ltd")
    type_into(qtbot, dialog.sent_on, "28/08/2025")
    type_into(qtbot, dialog.received_on, "2025-08-31")
    type_into(qtbot, dialog.published["published_interim_end_on"], "11/10/2025")
    type_into(qtbot, dialog.basis, "Council's letter of 2 Sep 2025")
    with qtbot.waitSignal(context.data_changed):
        dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    notice = dialog.changed.value
    assert notice.disposal_kind is DisposalKind.FREEHOLD and notice.vacant_possession is True
    assert (notice.sent_on, notice.received_on) == (date(2025, 8, 28), NOTICE_RECEIVED)
    assert notice.published_interim_end_on == date(2025, 10, 11)
    assert Records(context.register).get(notice.owner_ref).name == "Ashcombe Estates Ltd"
    assert {RecordKind.DISPOSAL_NOTICE, RecordKind.PARTY} <= dialog.changed.changes.kinds


def test_problems_on_saving_a_notice_are_shown_by_their_fields(qtbot, context: AppContext, listed) -> None:
    records = Records(context.register)
    before = len(records.list(RecordKind.DISPOSAL_NOTICE))
    dialog = notice_dialog(qtbot, context, listed["asset"])
    dialog.owner.set_value(NEW)
    type_into(qtbot, dialog.sent_on, "31/02/2025")
    dialog.save()
    problems = shown(dialog)
    assert set(problems) == {"disposal_kind", "new_owner", "sent_on"}
    assert problems["sent_on"] == "“31/02/2025” is not a real date: February 2025 has 28 days; check it."
    assert dialog.sent_on.line.accessibleDescription() == problems["sent_on"]
    # The service's own checks come back beside their fields too: a lease needs its term; dates in order.
    dialog.kind.buttons[1].click()
    type_into(qtbot, dialog.owner_name, "Ashcombe Estates Ltd")
    type_into(qtbot, dialog.sent_on, "05/09/2025")
    type_into(qtbot, dialog.received_on, "31/08/2025")
    dialog.save()
    problems = shown(dialog)
    assert set(problems) == {"lease_term_years", "received_on"}
    assert "Enter the lease term in years" in problems["lease_term_years"]
    assert "cannot be before the date the owner sent it" in problems["received_on"]
    assert len(records.list(RecordKind.DISPOSAL_NOTICE)) == before  # nothing written, not even the new owner
    assert [p.name for p in records.list(RecordKind.PARTY)] == ["Greene Valley Brewing"]


def test_a_date_problem_shows_when_the_field_is_left(qtbot, context: AppContext, listed) -> None:
    dialog = notice_dialog(qtbot, context, listed["asset"])
    qtbot.keyClicks(dialog.received_on.line, "32/08/2025")
    dialog.received_on.line.editingFinished.emit()
    assert shown(dialog) == {"received_on": "“32/08/2025” is not a real date: August 2025 has 31 days; check it."}
    type_into(qtbot, dialog.received_on, "31/08/2025")
    dialog.received_on.line.editingFinished.emit()
    assert shown(dialog) == {}


# the request form


def request_dialog(qtbot, context: AppContext, notice_ref: str) -> BidderRequestDialog:
    dialog = BidderRequestDialog(context, notice_ref)
    qtbot.addWidget(dialog)
    return dialog


def test_the_users_own_group_comes_first(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    assert dialog.group.value() == listed["ours"]
    assert dialog.group.itemText(0) == "Ashcombe Pub Society (your group)"
    assert dialog.group.values()[-1] == NEW
    assert not dialog.fields["new_group_name"].row.isVisibleTo(dialog)


def test_a_request_in_time_from_a_charity_counts(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    assert dialog.warning.kind == INFO and "No received date" in dialog.warning.text()
    type_into(qtbot, dialog.received_on, "10/09/2025")
    # It counts if the charity is a community interest group: its local connection is not recorded yet.
    assert dialog.warning.kind == INFO
    assert "so the full moratorium applies. That holds only if the group is a community interest group" in (
        dialog.warning.text()
    )
    assert "local connection with the land is not recorded" in dialog.warning.text()


def test_a_request_from_a_group_the_register_shows_to_qualify_counts_plainly(qtbot, context, listed) -> None:
    Records(context.register).update(listed["ours"], local_connection="Meets weekly in the village hall")
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "10/09/2025")
    assert dialog.warning.kind == GOOD
    assert dialog.warning.text().endswith("so the full moratorium applies.")


def test_warns_that_a_neighbourhood_forum_cannot_trigger_the_full_moratorium(qtbot, context, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "10/09/2025")
    dialog.group.set_value(listed["forum"])
    assert dialog.warning.kind == WARNING
    assert dialog.warning.text().startswith("A designated neighbourhood forum cannot trigger the full moratorium")
    assert "recorded either way" in dialog.warning.text()


def test_a_request_from_a_group_whose_kind_is_not_known_counts_if_it_qualifies(qtbot, context, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    dialog.group.set_value(NEW)
    type_into(qtbot, dialog.group_name, "Ashcombe Pub Group")
    dialog.group_type.set_value(LegalForm.NOT_KNOWN)
    type_into(qtbot, dialog.received_on, "10/09/2025")
    assert dialog.warning.kind == INFO and "cannot trigger" not in dialog.warning.text()
    assert "what kind of body the group is, which is not recorded (record its legal form)" in dialog.warning.text()


def test_warns_when_the_request_is_late(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "12/10/2025")  # the day after the interim moratorium ended
    assert dialog.warning.kind == WARNING
    assert "after the interim moratorium ended on Sat 11 Oct 2025" in dialog.warning.text()


def test_warns_when_the_request_came_before_the_notice(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "30/08/2025")
    assert dialog.warning.kind == WARNING
    assert "before the council received the disposal notice on Sun 31 Aug 2025" in dialog.warning.text()


def test_a_late_request_is_still_recorded_and_the_assessment_said(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.sent_on, "10/10/2025")
    type_into(qtbot, dialog.received_on, "13/10/2025")
    with qtbot.waitSignal(context.data_changed):
        dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    recorded = dialog.changed.value
    assert recorded.request.received_on == date(2025, 10, 13) and recorded.request.group_ref == listed["ours"]
    assert recorded.verdict is not None and not recorded.verdict.starts_full_moratorium
    ((title, text),) = context.messages.infos
    assert title == "Request recorded" and text == recorded.verdict.why
    assert "after the interim moratorium ended" in text


def test_a_request_the_council_counts_is_shown_as_such_and_its_day_once_entered_decides(qtbot, context, listed):
    # As an import of Camden's list records it: the group named, the day not given.
    counted = (
        Records(context.register)
        .create(e.BidderRequest(notice_ref=listed["notice"], group_ref=listed["ours"], council_counted=True))
        .value
    )
    dialog = BidderRequestDialog(context, listed["notice"], existing=counted)
    qtbot.addWidget(dialog)
    assert dialog.counted.isChecked() and dialog.counted.isEnabled()
    assert dialog.warning.text().startswith("The council's list says this group asked to be treated as a bidder")
    dialog.counted.setChecked(False)  # not so after all: no day, so no full moratorium
    assert "No received date has been entered" in dialog.warning.text()
    dialog.counted.setChecked(True)
    type_into(qtbot, dialog.received_on, "12/10/2025")  # found: a day after the interim moratorium ended
    assert not dialog.counted.isEnabled() and dialog.warning.kind == WARNING
    with qtbot.waitSignal(context.data_changed):
        dialog.save()
    saved = Records(context.register).get(counted.reference)
    assert (saved.received_on, saved.council_counted) == (date(2025, 10, 12), False)
    assert not dialog.changed.value.verdict.starts_full_moratorium
    # One undo puts the council's word back with the blank day, and redo takes it away again.
    from assetreg.gui.undo import undo_history

    history = undo_history(context)
    history.stack.undo()
    back = Records(context.register).get(counted.reference)
    assert (back.received_on, back.council_counted) == (None, True)
    history.stack.redo()
    assert Records(context.register).get(counted.reference).council_counted is False


def test_a_request_from_a_group_not_yet_in_the_register(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    dialog.group.set_value(NEW)
    assert dialog.fields["new_group_name"].row.isVisibleTo(dialog)
    assert dialog.warning.kind == INFO and "Choose the group's type" in dialog.warning.text()
    dialog.save()
    assert set(shown(dialog)) == {"new_group_name", "new_group_type"}
    type_into(qtbot, dialog.group_name, "Ashcombe Residents")
    dialog.group_type.set_value(LegalForm.UNINCORPORATED_BODY)
    type_into(qtbot, dialog.received_on, "10/09/2025")
    assert dialog.warning.kind == WARNING and dialog.warning.text().startswith("An unincorporated body cannot")
    dialog.save()
    group = Records(context.register).get(dialog.changed.value.request.group_ref)
    assert (group.name, group.legal_form) == ("Ashcombe Residents", LegalForm.UNINCORPORATED_BODY)
    assert {RecordKind.GROUP, RecordKind.BIDDER_REQUEST} <= dialog.changed.changes.kinds


def test_notes_are_in_words_with_an_icon_and_reachable_by_keyboard(qtbot, context: AppContext, listed) -> None:
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "12/10/2025")
    note = dialog.warning
    assert note.icon.pixmap() is not None and not note.icon.pixmap().isNull()
    assert note.text_label.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert note.text_label.accessibleDescription() == note.text()
    assert isinstance(note.text_label, QLabel) and note.text_label.accessibleName()


def test_dialogs_are_freed_without_the_garbage_collector(qtbot, context: AppContext, listed) -> None:
    """No reference cycles: a cycle is freed by the collector later, perhaps with the context it holds."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for make in (
            lambda: AssetDialog(context),
            lambda: DisposalNoticeDialog(context, listed["asset"]),
            lambda: BidderRequestDialog(context, listed["notice"]),
        ):
            dialog = make()
            dialog.show_problems({"name": "A problem.", "elsewhere": "Another."})
            fields = weakref.ref(next(iter(dialog.fields.values())).widget)
            gone = weakref.ref(dialog)
            del dialog
            assert gone() is None and fields() is None
    finally:
        if was_enabled:
            gc.enable()


def test_the_first_field_with_a_problem_takes_the_focus(qtbot, context: AppContext) -> None:
    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.name, "The Fox")
    type_into(qtbot, dialog.postcode, "ZZ1")
    type_into(qtbot, dialog.uprn, "12ab")
    dialog.save()  # the service names the UPRN first; the postcode comes first on the form
    qtbot.waitUntil(dialog.postcode.hasFocus)


def test_warns_when_the_notice_itself_starts_no_moratorium(qtbot, context: AppContext, listed) -> None:
    Records(context.register).update(listed["notice"], share_sale=True)
    dialog = request_dialog(qtbot, context, listed["notice"])
    type_into(qtbot, dialog.received_on, "10/09/2025")
    assert dialog.warning.kind == WARNING
    assert dialog.warning.text().startswith(
        "This notice starts no moratorium, so the request cannot start the full one"
    )
    assert "a sale of shares in the owning company is not a relevant disposal" in dialog.warning.text()
    dialog.save()
    ((_, said),) = context.messages.infos
    assert said.startswith("This notice starts no moratorium, so the request cannot start the full one")


def test_saving_a_form_is_one_step_that_can_be_undone_and_redone(qtbot, context: AppContext) -> None:
    from assetreg.gui.undo import undo_history

    dialog = AssetDialog(context)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.name, "Ashcombe Library")
    dialog.council.set_value(NEW)
    type_into(qtbot, dialog.council_name, "Sevenoaks District Council")
    dialog.save()
    asset, council = dialog.changed.value.reference, dialog.changed.value.authority_ref
    history = undo_history(context)
    assert history.stack.undoText() == "saving Ashcombe Library"
    history.stack.undo()  # the asset and the council it brought with it go to the trash together
    records = Records(context.register)
    assert {r.reference for r in records.trash(RecordKind.ASSET)} == {asset}
    assert {r.reference for r in records.trash(RecordKind.AUTHORITY)} == {council}
    history.stack.redo()
    assert records.get(asset).authority_ref == council and records.get(council).name == "Sevenoaks District Council"


class AskingMessages(StubMessages):
    def __init__(self, answer: bool) -> None:
        super().__init__()
        self.answer, self.asked = answer, []

    def confirm(self, parent, title: str, text: str) -> bool:
        self.asked.append(title)
        return self.answer


@pytest.mark.parametrize("discard", [False, True])
def test_cancel_on_a_changed_form_asks_before_discarding(qtbot, register: Register, discard: bool) -> None:
    messages = AskingMessages(discard)
    dialog = AssetDialog(AppContext(register, messages))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing typed yet: it closes without a question
    assert messages.asked == [] and dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    qtbot.keyClicks(dialog.name, "The Red Lion")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert messages.asked == ["Discard your changes?"]
    assert dialog.isVisible() is not discard
    assert dialog.name.text() == "The Red Lion"


def test_the_delete_question_names_each_record_going_with_it_once(qtbot, register, monkeypatch) -> None:
    from assetreg.gui.views.asset_tabs.record_actions import confirm_delete

    records = Records(register)
    asset = records.create(e.Asset(name="The Crown")).value.reference
    records.create(e.Nomination(asset_ref=asset, received_on=date(2025, 3, 1)))
    records.create(e.ListEntry(asset_ref=asset, nomination_ref="NOM-0001", entered_on=date(2025, 4, 20)))
    asked = []

    class Asking(StubMessages):
        def confirm(self, parent, title: str, text: str) -> bool:
            asked.append(text)
            return False  # "No": nothing is deleted

    context = AppContext(register, Asking())
    widget = QWidget()
    qtbot.addWidget(widget)
    assert not confirm_delete(context, widget, records.get(asset))
    (question,) = asked
    going = question.split("These go with it: ")[1].split(".")[0]
    assert sorted(going.split(", ")) == ["list entry LST-0001", "nomination NOM-0001"]
    assert records.get(asset).name == "The Crown"  # still there
