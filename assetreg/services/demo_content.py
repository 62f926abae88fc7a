"""What the demo register holds: an invented campaign whose dates are relative to ``today``.

Fourteen assets across every state a group meets (see ``demo.py``); the people and places are invented.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

from ..domain import entities as e
from ..domain.enums import (
    ApplicationKind,
    AssetCategory,
    ChallengeKind,
    DeliveryMethod,
    ExemptionCode,
    InterestRole,
    Jurisdiction,
    LegalForm,
    ListEntryKind,
    NominationDecision,
    PartyKind,
    TransferType,
)
from ..domain.records import RecordKind
from .demo_answers import answer_youth_centre_pack
from .documents import attach
from .records import Records
from .register import Register


def fill(register: Register, today: date, scratch: Path) -> dict[str, int]:
    records = Records(register)

    def add(entity):
        return records.create(entity).value.reference

    def ago(**delta: int) -> date:
        return today - relativedelta(**delta)

    # Councils: several English, one Scottish, one Welsh.
    sevenoaks = add(
        e.Authority(
            name="Sevenoaks District Council",
            code="local-authority:SEV",
            email="community.assets@sevenoaks.example.gov.uk",
            website="https://www.sevenoaks.gov.uk",
        )
    )
    stockport = add(
        e.Authority(
            name="Stockport Metropolitan Borough Council",
            code="local-authority:SKP",
            email="acv@stockport.example.gov.uk",
        )
    )
    camden = add(
        e.Authority(name="London Borough of Camden", code="local-authority:CMD", email="acv@camden.example.gov.uk")
    )
    cornwall = add(
        e.Authority(name="Cornwall Council", code="local-authority:CON", email="acv@cornwall.example.gov.uk")
    )
    highland = add(
        e.Authority(
            name="The Highland Council",
            code="local-authority:HLD",
            jurisdiction=Jurisdiction.SCOTLAND,
            email="asset.transfer@highland.example.gov.uk",
        )
    )
    powys = add(
        e.Authority(
            name="Powys County Council",
            code="local-authority:POW",
            jurisdiction=Jurisdiction.WALES,
            email="cat@powys.example.gov.uk",
        )
    )

    # Groups: ours, and the other bodies we deal with.
    society = add(
        e.CommunityGroup(
            name="Ashcombe Community Pub Society Limited",
            legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
            is_own_group=True,
            society_number="RS009321",
            member_count=243,
            local_elector_count=201,
            local_connection="Activities are wholly or partly concerned with Ashcombe parish, Sevenoaks District.",
            contact_name="Margaret Okafor (Secretary)",
            address="The Old Vicarage, Church Lane, Ashcombe, Kent",
            postcode="tn14 6ab",
            email="secretary@ashcombepub.example.org",
            phone="01732 000123",
        )
    )
    parish = add(
        e.CommunityGroup(
            name="Ashcombe Parish Council",
            legal_form=LegalForm.PARISH_COUNCIL,
            contact_name="Parish Clerk",
            email="clerk@ashcombe-pc.example.org.uk",
            local_connection="The parish council for Ashcombe.",
        )
    )
    friends = add(
        e.CommunityGroup(
            name="Friends of Kentish Town Library",
            legal_form=LegalForm.UNINCORPORATED_BODY,
            member_count=64,
            local_elector_count=52,
            local_connection="Members live in Kentish Town and the surrounding wards.",
        )
    )
    stockport_trust = add(
        e.CommunityGroup(
            name="Heaton Plough Community Benefit Society",
            legal_form=LegalForm.COMMUNITY_BENEFIT_SOCIETY,
            society_number="RS010877",
            member_count=180,
            local_elector_count=171,
        )
    )
    bothy = add(
        e.CommunityGroup(
            name="Inverbrae Community Trust",
            legal_form=LegalForm.CHARITY,
            charity_number="SC049812",
            company_number="SC612345",
            member_count=96,
        )
    )
    llanfair = add(
        e.CommunityGroup(name="Llanfair Village Hall Committee", legal_form=LegalForm.CHARITY, charity_number="1187654")
    )

    def party(name: str, address: str, postcode: str = "", kind: PartyKind = PartyKind.ORGANISATION) -> str:
        return add(e.Party(name=name, kind=kind, address=address, postcode=postcode))

    brewery = party("Greene Valley Brewing and Retailing Ltd", "Westgate Brewery, Bury St Edmunds", "IP33 1QT")
    pubco = party("Northway Pubs & Co Ltd", "Jubilee House, Second Avenue, Burton upon Trent", "DE14 2WF")
    holloways = party("Mr and Mrs A. Holloway", "Rose Cottage, Heaton Lane, Stockport", "SK4 2NB", PartyKind.PERSON)
    holloway_jr = party("Mr D. Holloway", "12 Mersey Road, Stockport", "SK4 3DD", PartyKind.PERSON)
    developer = party("Fairmile Developments Ltd", "4 Canal Wharf, Manchester", "M1 3HE")
    camden_estates = party("London Borough of Camden (Property Services)", "5 Pancras Square, London", "N1C 4AG")
    kernow = party("Kernow Land Holdings Ltd", "Lemon Street, Truro", "TR1 2PN")
    tenant = party("Jane Whitlock", "The Red Lion, The Street, Ashcombe", "TN14 6AD", PartyKind.PERSON)
    sevenoaks_property = party(
        "Sevenoaks District Council (Property)", "Council Offices, Argyle Road, Sevenoaks", "TN13 1HG"
    )

    def asset(name, category, authority, address, postcode, uprn="", titles=(), point=(None, None), description=""):
        return add(
            e.Asset(
                name=name,
                category=category,
                authority_ref=authority,
                address=address,
                postcode=postcode,
                uprn=uprn,
                title_numbers=titles,
                latitude=point[0],
                longitude=point[1],
                description=description,
            )
        )

    def listed(asset_ref, entered: date, nominator=society, council_ref="", kind=ListEntryKind.LISTED):
        nomination = add(
            e.Nomination(
                asset_ref=asset_ref,
                nominator_ref=nominator,
                sent_on=entered - timedelta(days=52),
                received_on=entered - timedelta(days=50),
                decided_on=entered,
                decision=NominationDecision.LISTED if kind is ListEntryKind.LISTED else NominationDecision.UNSUCCESSFUL,
                boundary_description="The building and its garden, as edged red on the attached plan.",
                community_value_reasons="A meeting place for clubs, quiz nights and the village fete committee.",
            )
        )
        return add(
            e.ListEntry(
                asset_ref=asset_ref,
                kind=kind,
                nomination_ref=nomination,
                entered_on=entered,
                notice_given_on=entered + timedelta(days=1) if kind is ListEntryKind.LISTED else None,
                council_reference=council_ref,
            )
        )

    def interest(asset_ref, party_ref, role=InterestRole.FREEHOLDER, **extra):
        add(e.Interest(asset_ref=asset_ref, party_ref=party_ref, role=role, **extra))

    # 1. Interim moratorium running today: the owner's notice reached the council 20 days ago.
    red_lion = asset(
        "The Red Lion",
        AssetCategory.PUB,
        sevenoaks,
        "The Street, Ashcombe, Sevenoaks",
        "TN14 6AD",
        "100062045123",
        ("K123456",),
        (51.3050, 0.1420),
        "Grade II listed 17th-century village pub with skittle alley and garden.",
    )
    interest(red_lion, brewery)
    interest(red_lion, tenant, InterestRole.OCCUPIER, notes="Tenant landlord on a 5-year tenancy.")
    listed(red_lion, ago(years=2, months=3), council_ref="SDC/ACV/031")
    add(
        e.DisposalNotice(
            asset_ref=red_lion,
            owner_ref=brewery,
            vacant_possession=True,
            sent_on=today - timedelta(days=22),
            received_on=today - timedelta(days=20),
        )
    )

    # 2. Full moratorium: a valid request from a community benefit society arrived within six weeks.
    plough = asset(
        "The Plough Inn",
        AssetCategory.PUB,
        stockport,
        "Heaton Moor Road, Stockport",
        "SK4 4NY",
        "100011234567",
        ("GM765432",),
        (53.4230, -2.1860),
    )
    interest(plough, pubco)
    listed(plough, ago(years=3, months=1), nominator=stockport_trust, council_ref="SMBC-ACV-2022-07")
    plough_notice = add(
        e.DisposalNotice(
            asset_ref=plough,
            owner_ref=pubco,
            vacant_possession=True,
            sent_on=today - timedelta(days=72),
            received_on=today - timedelta(days=70),
        )
    )
    add(
        e.BidderRequest(
            notice_ref=plough_notice,
            group_ref=stockport_trust,
            method=DeliveryMethod.EMAIL,
            sent_on=today - timedelta(days=61),
            received_on=today - timedelta(days=60),
            notes="Emailed and sent by recorded delivery; council acknowledged next day.",
        )
    )

    # 3. Listed, and the listing ends in about six weeks: time to renominate.
    library = asset(
        "Kentish Town Library",
        AssetCategory.LIBRARY,
        camden,
        "262-266 Kentish Town Road, London",
        "NW5 2AA",
        "5023741",
        ("NGL245678",),
        (51.5480, -0.1420),
    )
    interest(library, camden_estates)
    listed(library, ago(years=5) + timedelta(days=42), nominator=friends, council_ref="CAMACV09")

    # 4. Expired: listed six years ago and never renominated.
    forge = asset("The Old Forge Village Shop", AssetCategory.SHOP, sevenoaks, "1 Forge Lane, Ashcombe", "TN14 6AF")
    interest(forge, party("Mrs P. Ellery", "1 Forge Lane, Ashcombe", "TN14 6AF", PartyKind.PERSON))
    listed(forge, ago(years=6, months=2), council_ref="SDC/ACV/012")

    # 5. Unsuccessful nomination.
    field = asset(
        "Trewartha Playing Field", AssetCategory.SPORTS_GROUND, cornwall, "Trewartha Road, St Erme", "TR4 9BA"
    )
    interest(field, kernow)
    listed(field, ago(years=1, months=1), nominator=parish, kind=ListEntryKind.UNSUCCESSFUL)

    # 6. Exempt disposal: a gift within the family; the new owner must notify afresh before selling.
    crown = asset("The Crown", AssetCategory.PUB, stockport, "Crown Street, Reddish, Stockport", "SK5 6RP")
    interest(crown, holloway_jr)
    listed(crown, ago(years=2, months=6), nominator=stockport_trust, council_ref="SMBC-ACV-2023-02")
    add(
        e.ExemptDisposal(
            asset_ref=crown,
            exemption=ExemptionCode.FAMILY_MEMBER,
            disposed_on=ago(months=4),
            previous_owner_ref=holloways,
            new_owner_ref=holloway_jr,
            notes="Transferred from parents to son; council told of the change of owner (reg 19).",
        )
    )

    # 7. Protected period: a notice ten months ago, no request, so the owner may sell until it ends.
    bulls_head = asset("The Bull's Head", AssetCategory.PUB, camden, "Fortess Road, London", "NW5 1AD")
    interest(bulls_head, developer)
    listed(bulls_head, ago(years=3), nominator=friends, council_ref="CAMACV17")
    add(
        e.DisposalNotice(
            asset_ref=bulls_head,
            owner_ref=developer,
            vacant_possession=True,
            sent_on=ago(months=10, days=3),
            received_on=ago(months=10),
            published_interim_end_on=ago(months=10) + timedelta(days=41),
            published_basis="Council's published list of assets",
        )
    )

    # 8. Lapsed notice: the protected period of an old notice is over; the pub is still listed.
    railway = asset("The Railway Tavern", AssetCategory.PUB, stockport, "Station Road, Cheadle Hulme", "SK8 7AA")
    interest(railway, pubco)
    listed(railway, ago(years=4), council_ref="SMBC-ACV-2021-11")
    add(
        e.DisposalNotice(asset_ref=railway, owner_ref=pubco, vacant_possession=True, received_on=ago(years=2, months=2))
    )

    # 9. Nominated, awaiting the council's decision.
    allotments = asset("Hillside Allotments", AssetCategory.OPEN_SPACE, cornwall, "Hillside, Probus", "TR2 4LR")
    interest(allotments, kernow)
    add(
        e.Nomination(
            asset_ref=allotments,
            nominator_ref=parish,
            sent_on=today - timedelta(days=23),
            received_on=today - timedelta(days=21),
            boundary_description="The allotment site of about 1.2 hectares, as shown on the plan.",
            community_value_reasons="Forty plots used by residents; a community orchard; school visits.",
        )
    )

    # 10. Listed, with the owner's review of the listing pending.
    swan = asset("The Swan", AssetCategory.PUB, camden, "Swains Lane, London", "N6 6QX")
    interest(swan, developer)
    swan_entry = listed(swan, ago(months=3), nominator=friends, council_ref="CAMACV31")
    add(e.Challenge(list_entry_ref=swan_entry, kind=ChallengeKind.LISTING_REVIEW, received_on=ago(months=2)))

    # 11. A nomination we are still writing.
    post_office = asset(
        "Ashcombe Post Office", AssetCategory.POST_OFFICE, sevenoaks, "2 The Street, Ashcombe", "TN14 6AE"
    )
    add(
        e.Nomination(
            asset_ref=post_office,
            nominator_ref=society,
            community_value_reasons="The only post office counter within five miles.",
        )
    )

    # 12. Community asset transfer part-way through, with its pack documents.
    youth_centre = asset(
        "Ashcombe Youth Centre",
        AssetCategory.COMMUNITY_CENTRE,
        sevenoaks,
        "Recreation Ground, Ashcombe",
        "TN14 6AG",
        description="Single-storey council building on the recreation ground.",
    )
    interest(youth_centre, sevenoaks_property)
    cat = add(
        e.TransferApplication(
            asset_ref=youth_centre,
            authority_ref=sevenoaks,
            transfer_type=TransferType.LEASE,
            lease_term_years=25,
            stage="full-application",
            council_profile="sevenoaks",
            submitted_on=ago(months=1),
        )
    )
    for stage, when in (
        ("idea", ago(months=9)),
        ("expression-of-interest", ago(months=6)),
        ("invited", ago(months=4)),
        ("full-application", ago(months=1)),
    ):
        add(e.StageChange(application_ref=cat, stage=stage, changed_on=when))

    # 13. Scottish asset transfer request, validated two months ago.
    schoolhouse = asset("Inverbrae Old Schoolhouse", AssetCategory.SCHOOL, highland, "Inverbrae, Lairg", "IV27 4AB")
    atr = add(
        e.TransferApplication(
            asset_ref=schoolhouse,
            authority_ref=highland,
            kind=ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST,
            applicant_ref=bothy,  # the Highland trust asks, not the Kent pub society that keeps the register
            transfer_type=TransferType.BUY,
            stage="validated",
            submitted_on=ago(months=2, days=20),
            validated_on=ago(months=2),
        )
    )
    add(e.StageChange(application_ref=atr, stage="submitted", changed_on=ago(months=2, days=20)))
    add(e.StageChange(application_ref=atr, stage="validated", changed_on=ago(months=2)))

    # 14. Wales: no right-to-bid clocks, a council transfer only.
    hall = asset(
        "Llanfair Village Hall", AssetCategory.COMMUNITY_CENTRE, powys, "Llanfair Caereinion, Welshpool", "SY21 0RY"
    )
    add(
        e.TransferApplication(
            asset_ref=hall,
            authority_ref=powys,
            transfer_type=TransferType.BUY,
            stage="expression-of-interest",
            applicant_ref=llanfair,
        )
    )

    add(
        e.UserDeadline(
            title="Committee meeting: agree bid strategy for the Red Lion",
            asset_ref=red_lion,
            due_on=today + timedelta(days=6),
            lead_days=3,
        )
    )
    add(
        e.UserDeadline(
            title="Sevenoaks Cabinet considers the youth centre transfer",
            asset_ref=youth_centre,
            due_on=today + timedelta(days=45),
        )
    )

    _attach_documents(register, scratch, red_lion, cat, atr, bothy)
    answer_youth_centre_pack(register, cat)
    counted = (RecordKind.ASSET, RecordKind.DISPOSAL_NOTICE, RecordKind.TRANSFER_APPLICATION, RecordKind.DOCUMENT)
    return dict(
        zip(
            ("assets", "notices", "applications", "documents"),
            (len(records.list(kind)) for kind in counted),
            strict=True,
        )
    )


def _attach_documents(register: Register, scratch: Path, red_lion: str, cat: str, atr: str, bothy: str) -> None:
    files = {
        "Red Lion nomination plan.txt": (red_lion, "", "", "Site plan: the pub, car park and garden edged red."),
        "Society rules (model rules 2019).txt": (
            "",
            cat,
            "governing-document",
            "Rule 3: the Society may hold, lease and manage land and buildings.",
        ),
        "Youth centre business plan 2026-2031.txt": (
            "",
            cat,
            "finance",
            "Five-year projections: income from lettings, café and grants.",
        ),
        "Consultation results.csv": (
            "",
            cat,
            "need-and-support",
            "question,yes,no\nWould you use the centre weekly?,312,41\n",
        ),
        "Inverbrae trust constitution.txt": (
            "",
            atr,
            "governing-document",
            f"Constitution of the Inverbrae Community Trust ({bothy}).",
        ),
    }
    for name, (asset_ref, application_ref, section, text) in files.items():
        source = scratch / name
        source.write_text(text + "\n", encoding="utf-8")
        attach(register, source, asset_ref=asset_ref, application_ref=application_ref, pack_section=section)
        source.unlink()
