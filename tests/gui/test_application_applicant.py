"""The application form names the group applying: our own by default, or another group in the register."""

from __future__ import annotations

from assetreg.domain import entities as e
from assetreg.domain.enums import LegalForm
from assetreg.gui.context import AppContext
from assetreg.gui.forms.application_form import ApplicationDialog
from assetreg.services.records import Records
from tests.gui.test_journeys_applications import Answering


def test_the_applicant_is_our_group_unless_another_is_chosen_and_the_choice_is_saved(qtbot, register) -> None:
    records = Records(register)
    records.create(e.CommunityGroup(name="Ashcombe Pub Society", legal_form=LegalForm.CHARITY, is_own_group=True))
    parish = records.create(e.CommunityGroup(name="Ashcombe Parish Council", legal_form=LegalForm.PARISH_COUNCIL))
    council = records.create(e.Authority(name="Sevenoaks District Council")).value
    asset = records.create(e.Asset(name="The Crown", authority_ref=council.reference)).value
    application = records.create(e.TransferApplication(asset_ref=asset.reference, authority_ref=council.reference))
    context = AppContext(register, Answering())

    dialog = ApplicationDialog(context, application.value)
    qtbot.addWidget(dialog)
    assert [dialog.applicant.itemText(i) for i in range(dialog.applicant.count())] == [
        "Ashcombe Pub Society (your group)",
        "Ashcombe Parish Council",
    ]
    assert dialog.applicant.value() == ""
    dialog.applicant.set_value(parish.value.reference)
    dialog.save()
    saved = records.get(application.value.reference)
    assert saved.applicant_ref == parish.value.reference

    again = ApplicationDialog(context, saved)
    qtbot.addWidget(again)
    assert again.applicant.currentText() == "Ashcombe Parish Council"
    again.applicant.set_value("")
    again.save()
    assert records.get(application.value.reference).applicant_ref == ""
