"""Closed vocabularies of the domain, with the codes of RULES.md as their values.

Values are the stable codes stored in the register and used in exports; labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum

from .i18n import tr

_LABELS: dict[type, dict[str, str]] = {}  # each enum's labels, translated once


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry a plain-English label (see ``LABELS`` on each subclass)."""

    @property
    def label(self) -> str:
        labels = _LABELS.get(type(self))
        if labels is None:
            make = getattr(type(self), "_labels", None)
            labels = _LABELS[type(self)] = make() if make else {}
        return labels.get(self.value) or self.value.replace("-", " ").capitalize()

    @classmethod
    def parse(cls, value: str) -> LabelledEnum:
        """The member whose code or label is ``value`` (case-insensitive)."""
        wanted = value.strip().lower()
        for member in cls:
            if wanted in (member.value, member.label.lower(), member.name.lower()):
                return member
        raise ValueError(value)


class Jurisdiction(LabelledEnum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "england": tr("England"),
            "wales": tr("Wales"),
            "scotland": tr("Scotland"),
            "northern-ireland": tr("Northern Ireland"),
        }

    @property
    def has_acv_regime(self) -> bool:
        """Only England has the Localism Act 2011 community right to bid (RULES.md §1)."""
        return self.value == "england"  # a string comparison: asked once per asset of a large register


class Regime(LabelledEnum):
    """The statutory regime a listing or disposal notice was made under; never recomputed later."""

    LA2011 = "LA2011"
    EDCEA2026 = "EDCEA2026"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "LA2011": tr("Localism Act 2011 (community right to bid)"),
            "EDCEA2026": tr("English Devolution and Community Empowerment Act 2026 (provisional)"),
        }


class Period(LabelledEnum):
    """What a rule's date ends: one of a disposal notice's three periods (s.95), or the listing (s.87(3))."""

    INTERIM = "interim"
    FULL = "full"
    PROTECTED = "protected"
    LISTING = "listing"
    MORATORIUM_2026 = "moratorium-2026"  # the 2026 Act's single moratorium (provisional: RULES.md §1)

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "interim": tr("Interim moratorium"),
            "full": tr("Full moratorium"),
            "protected": tr("Protected period"),
            "listing": tr("Listing"),
            "moratorium-2026": tr("Moratorium under the 2026 Act (provisional)"),
        }


class LegalForm(LabelledEnum):
    """What kind of body a group is; decides whether it may nominate or trigger a full moratorium."""

    PARISH_COUNCIL = "parish-council"
    NEIGHBOURHOOD_FORUM = "neighbourhood-forum"
    UNINCORPORATED_BODY = "unincorporated-body"
    CHARITY = "charity"
    COMPANY_LIMITED_BY_GUARANTEE = "company-limited-by-guarantee"
    COMMUNITY_BENEFIT_SOCIETY = "co-operative-or-community-benefit-society"
    COMMUNITY_INTEREST_COMPANY = "community-interest-company"
    OTHER_PUBLIC_BODY = "other-public-body"
    INDIVIDUAL = "individual"
    OTHER = "other"
    NOT_KNOWN = "not-known"  # a group a council's list names without saying what kind of body it is

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "parish-council": tr("Parish or town council"),
            "neighbourhood-forum": tr("Designated neighbourhood forum"),
            "unincorporated-body": tr("Unincorporated body (21 or more members)"),
            "charity": tr("Charity"),
            "company-limited-by-guarantee": tr("Company limited by guarantee"),
            "co-operative-or-community-benefit-society": tr("Co-operative or community benefit society"),
            "community-interest-company": tr("Community interest company"),
            "other-public-body": tr("Other public body"),
            "individual": tr("Individual"),
            "other": tr("Other"),
            "not-known": tr("Not known yet"),
        }


class AssetCategory(LabelledEnum):
    PUB = "pub"
    SHOP = "shop"
    POST_OFFICE = "post-office"
    LIBRARY = "library"
    COMMUNITY_CENTRE = "community-centre"
    SPORTS_GROUND = "sports-ground"
    OPEN_SPACE = "open-space"
    PLACE_OF_WORSHIP = "place-of-worship"
    SCHOOL = "school"
    HERITAGE = "heritage"
    OTHER = "other"


class PartyKind(LabelledEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class InterestRole(LabelledEnum):
    """How a party is connected with an asset (RULES.md §2.1(b), §7.1)."""

    FREEHOLDER = "freeholder"
    LEASEHOLDER = "leaseholder"
    OCCUPIER = "occupier"
    CONTACT = "contact"


class NominationDecision(LabelledEnum):
    PENDING = "pending"
    LISTED = "listed"
    UNSUCCESSFUL = "unsuccessful"
    WITHDRAWN = "withdrawn"


class ListEntryKind(LabelledEnum):
    """Which of the council's two lists the entry is on (s.87 list of assets, s.93 unsuccessful nominations)."""

    LISTED = "listed"
    UNSUCCESSFUL = "unsuccessful"


class RemovalReason(LabelledEnum):
    EXPIRED = "expired"
    REVIEW = "review"
    APPEAL = "appeal"
    NO_LONGER_QUALIFIES = "no-longer-qualifies"
    AFTER_DISPOSAL = "after-disposal"
    OTHER = "other"


class ChallengeKind(LabelledEnum):
    """An owner's challenge to a listing, or a compensation claim and its review and appeal (RULES.md §2.4, §2.9)."""

    LISTING_REVIEW = "listing-review"
    LISTING_APPEAL = "listing-appeal"
    COMPENSATION_CLAIM = "compensation-claim"
    COMPENSATION_REVIEW = "compensation-review"
    COMPENSATION_APPEAL = "compensation-appeal"


class ChallengeOutcome(LabelledEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    OVERTURNED = "overturned"
    WITHDRAWN = "withdrawn"


class DisposalKind(LabelledEnum):
    """What the owner proposes; only freehold or a lease of 25 years or more, with vacant possession, is relevant."""

    FREEHOLD = "freehold"
    LEASE_GRANT = "lease-grant"
    LEASE_ASSIGNMENT = "lease-assignment"


class NoticeOutcome(LabelledEnum):
    """How a disposal notice ended, where it ended other than by its clocks running out (RULES.md §5)."""

    OPEN = "open"
    DISPOSED = "disposed"
    DISPOSED_TO_COMMUNITY_GROUP = "disposed-to-community-group"
    WITHDRAWN = "withdrawn"


class MarkState(LabelledEnum):
    """What the group says about one deadline: it has been done, or it does not apply to them."""

    DONE = "done"
    NOT_APPLICABLE = "not-applicable"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"done": tr("Done"), "not-applicable": tr("Not applicable")}


class DeliveryMethod(LabelledEnum):
    EMAIL = "email"
    POST = "post"
    RECORDED_DELIVERY = "recorded-delivery"
    HAND = "hand"
    OTHER = "other"
    NOT_KNOWN = "not-known"  # a request known from a council's list, which does not say how it was sent


class ExemptionCode(LabelledEnum):
    """Exempt disposals (s.95(5), Sch 3) as the codes of RULES.md §2.8."""

    GIFT = "gift"
    WILL_INTESTACY = "will-intestacy"
    ESTATE_DEBTS = "estate-debts"
    FAMILY_MEMBER = "family-member"
    PART_LISTED = "part-listed"
    BUSINESS_GOING_CONCERN = "business-going-concern"
    COURT_ORDER = "court-order"
    SEPARATION_AGREEMENT = "separation-agreement"
    INCAPACITY = "incapacity"
    PLANNING_OBLIGATION_OR_OPTION = "planning-obligation-or-option"
    TRUSTEES_CHANGE = "trustees-change"
    PARTNERSHIP_CHANGE = "partnership-change"
    CLOSED_CHURCH = "closed-church"
    HEALTH_SERVICES = "health-services"
    SCHOOL_OR_16_19 = "school-or-16-19"
    STATUTORY_REQUIREMENT = "statutory-requirement"
    GROUP_COMPANY = "group-company"
    INSOLVENCY = "insolvency"
    COMPULSORY_PURCHASE = "compulsory-purchase"


class ApplicationKind(LabelledEnum):
    COMMUNITY_ASSET_TRANSFER = "community-asset-transfer"
    SCOTTISH_ASSET_TRANSFER_REQUEST = "scottish-asset-transfer-request"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {
            "community-asset-transfer": tr("Community asset transfer (council policy)"),
            "scottish-asset-transfer-request": tr("Asset transfer request (Community Empowerment (Scotland) Act 2015)"),
        }

    @property
    def stages(self) -> tuple[str, ...]:
        """The stage codes an application of this kind moves through (RULES.md §5)."""
        if self is ApplicationKind.SCOTTISH_ASSET_TRANSFER_REQUEST:
            return ATR_STAGES
        return CAT_STAGES


class TransferType(LabelledEnum):
    BUY = "buy"
    LEASE = "lease"
    MANAGE = "manage"
    OTHER_RIGHTS = "other-rights"


CAT_STAGES: tuple[str, ...] = (
    "idea",
    "expression-of-interest",
    "invited",
    "full-application",
    "assessment",
    "approved-in-principle",
    "refused",
    "heads-of-terms",
    "legal",
    "completed",
    "monitoring",
)

ATR_STAGES: tuple[str, ...] = (
    "draft",
    "submitted",
    "validated",
    "agreed",
    "refused",
    "deemed-refused",
    "review",
    "appeal",
    "offer",
    "concluded",
    "lapsed",
)
