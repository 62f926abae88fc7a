"""initial register schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("record_kind", sa.String(length=32), nullable=False),
        sa.Column("record_reference", sa.String(length=16), nullable=False),
        sa.Column("field", sa.Text(), server_default="", nullable=False),
        sa.Column("old_value", sa.Text(), server_default="", nullable=False),
        sa.Column("new_value", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entries_record", ["record_kind", "record_reference"], unique=False)

    op.create_table(
        "authorities",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("code", sa.Text(), server_default="", nullable=False),
        sa.Column("jurisdiction", sa.String(length=48), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("website", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorities")),
        sa.UniqueConstraint("reference", name=op.f("uq_authorities_reference")),
    )
    op.create_table(
        "community_groups",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("legal_form", sa.String(length=48), nullable=False),
        sa.Column("is_own_group", sa.Boolean(), nullable=False),
        sa.Column("charity_number", sa.Text(), server_default="", nullable=False),
        sa.Column("company_number", sa.Text(), server_default="", nullable=False),
        sa.Column("society_number", sa.Text(), server_default="", nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=True),
        sa.Column("local_elector_count", sa.Integer(), nullable=True),
        sa.Column("local_connection", sa.Text(), server_default="", nullable=False),
        sa.Column("contact_name", sa.Text(), server_default="", nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("postcode", sa.Text(), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_groups")),
        sa.UniqueConstraint("reference", name=op.f("uq_community_groups_reference")),
    )
    op.create_table(
        "parties",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("postcode", sa.Text(), server_default="", nullable=False),
        sa.Column("email", sa.Text(), server_default="", nullable=False),
        sa.Column("phone", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
        sa.UniqueConstraint("reference", name=op.f("uq_parties_reference")),
    )
    op.create_table(
        "reference_counters",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_reference_counters")),
    )
    op.create_table(
        "assets",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=48), nullable=False),
        sa.Column("authority_ref", sa.String(length=16), nullable=True),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.Column("postcode", sa.String(length=10), server_default="", nullable=False),
        sa.Column("uprn", sa.String(length=12), server_default="", nullable=False),
        sa.Column("title_numbers", sa.Text(), server_default="", nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["authority_ref"], ["authorities.reference"], name=op.f("fk_assets_authority_ref_authorities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assets")),
        sa.UniqueConstraint("reference", name=op.f("uq_assets_reference")),
    )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assets_authority_ref"), ["authority_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_assets_postcode"), ["postcode"], unique=False)

    op.create_table(
        "disposal_notices",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("owner_ref", sa.String(length=16), nullable=True),
        sa.Column("disposal_kind", sa.String(length=48), nullable=False),
        sa.Column("lease_term_years", sa.Integer(), nullable=True),
        sa.Column("vacant_possession", sa.Boolean(), nullable=True),
        sa.Column("share_sale", sa.Boolean(), nullable=False),
        sa.Column("exemption_claimed", sa.String(length=48), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("regime", sa.String(length=48), nullable=False),
        sa.Column("published_interim_end_on", sa.Date(), nullable=True),
        sa.Column("published_full_end_on", sa.Date(), nullable=True),
        sa.Column("published_protected_end_on", sa.Date(), nullable=True),
        sa.Column("published_basis", sa.Text(), server_default="", nullable=False),
        sa.Column("outcome", sa.String(length=48), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_disposal_notices_asset_ref_assets")),
        sa.ForeignKeyConstraint(
            ["owner_ref"], ["parties.reference"], name=op.f("fk_disposal_notices_owner_ref_parties")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disposal_notices")),
        sa.UniqueConstraint("reference", name=op.f("uq_disposal_notices_reference")),
    )
    with op.batch_alter_table("disposal_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disposal_notices_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_disposal_notices_owner_ref"), ["owner_ref"], unique=False)

    op.create_table(
        "exempt_disposals",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("exemption", sa.String(length=48), nullable=False),
        sa.Column("disposed_on", sa.Date(), nullable=False),
        sa.Column("previous_owner_ref", sa.String(length=16), nullable=True),
        sa.Column("new_owner_ref", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_exempt_disposals_asset_ref_assets")),
        sa.ForeignKeyConstraint(
            ["new_owner_ref"], ["parties.reference"], name=op.f("fk_exempt_disposals_new_owner_ref_parties")
        ),
        sa.ForeignKeyConstraint(
            ["previous_owner_ref"],
            ["parties.reference"],
            name=op.f("fk_exempt_disposals_previous_owner_ref_parties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exempt_disposals")),
        sa.UniqueConstraint("reference", name=op.f("uq_exempt_disposals_reference")),
    )
    with op.batch_alter_table("exempt_disposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exempt_disposals_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_exempt_disposals_new_owner_ref"), ["new_owner_ref"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_exempt_disposals_previous_owner_ref"), ["previous_owner_ref"], unique=False
        )

    op.create_table(
        "interests",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("party_ref", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=48), nullable=False),
        sa.Column("lease_term_years", sa.Integer(), nullable=True),
        sa.Column("since_on", sa.Date(), nullable=True),
        sa.Column("until_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_interests_asset_ref_assets")),
        sa.ForeignKeyConstraint(["party_ref"], ["parties.reference"], name=op.f("fk_interests_party_ref_parties")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interests")),
        sa.UniqueConstraint("reference", name=op.f("uq_interests_reference")),
    )
    with op.batch_alter_table("interests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interests_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_interests_party_ref"), ["party_ref"], unique=False)

    op.create_table(
        "nominations",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("nominator_ref", sa.String(length=16), nullable=True),
        sa.Column("boundary_description", sa.Text(), server_default="", nullable=False),
        sa.Column("community_value_reasons", sa.Text(), server_default="", nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=48), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_reasons", sa.Text(), server_default="", nullable=False),
        sa.Column("council_reference", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_nominations_asset_ref_assets")),
        sa.ForeignKeyConstraint(
            ["nominator_ref"],
            ["community_groups.reference"],
            name=op.f("fk_nominations_nominator_ref_community_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nominations")),
        sa.UniqueConstraint("reference", name=op.f("uq_nominations_reference")),
    )
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nominations_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_nominations_nominator_ref"), ["nominator_ref"], unique=False)

    op.create_table(
        "transfer_applications",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("authority_ref", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("transfer_type", sa.String(length=48), nullable=False),
        sa.Column("lease_term_years", sa.Integer(), nullable=True),
        sa.Column("stage", sa.String(length=48), nullable=False),
        sa.Column("council_profile", sa.Text(), server_default="", nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("validated_on", sa.Date(), nullable=True),
        sa.Column("decision_notice_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["asset_ref"], ["assets.reference"], name=op.f("fk_transfer_applications_asset_ref_assets")
        ),
        sa.ForeignKeyConstraint(
            ["authority_ref"],
            ["authorities.reference"],
            name=op.f("fk_transfer_applications_authority_ref_authorities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_applications")),
        sa.UniqueConstraint("reference", name=op.f("uq_transfer_applications_reference")),
    )
    with op.batch_alter_table("transfer_applications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_applications_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_transfer_applications_authority_ref"), ["authority_ref"], unique=False)

    op.create_table(
        "user_deadlines",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("asset_ref", sa.String(length=16), nullable=True),
        sa.Column("lead_days", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_user_deadlines_asset_ref_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_deadlines")),
        sa.UniqueConstraint("reference", name=op.f("uq_user_deadlines_reference")),
    )
    with op.batch_alter_table("user_deadlines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_deadlines_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_user_deadlines_due_on"), ["due_on"], unique=False)

    op.create_table(
        "bidder_requests",
        sa.Column("notice_ref", sa.String(length=16), nullable=False),
        sa.Column("group_ref", sa.String(length=16), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("method", sa.String(length=48), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_ref"],
            ["community_groups.reference"],
            name=op.f("fk_bidder_requests_group_ref_community_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["notice_ref"],
            ["disposal_notices.reference"],
            name=op.f("fk_bidder_requests_notice_ref_disposal_notices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bidder_requests")),
        sa.UniqueConstraint("reference", name=op.f("uq_bidder_requests_reference")),
    )
    with op.batch_alter_table("bidder_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bidder_requests_group_ref"), ["group_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_bidder_requests_notice_ref"), ["notice_ref"], unique=False)

    op.create_table(
        "documents",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("original_filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.Text(), server_default="", nullable=False),
        sa.Column("asset_ref", sa.String(length=16), nullable=True),
        sa.Column("application_ref", sa.String(length=16), nullable=True),
        sa.Column("pack_section", sa.Text(), server_default="", nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_ref"],
            ["transfer_applications.reference"],
            name=op.f("fk_documents_application_ref_transfer_applications"),
        ),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_documents_asset_ref_assets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("reference", name=op.f("uq_documents_reference")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_application_ref"), ["application_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_sha256"), ["sha256"], unique=False)

    op.create_table(
        "list_entries",
        sa.Column("asset_ref", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("nomination_ref", sa.String(length=16), nullable=True),
        sa.Column("entered_on", sa.Date(), nullable=False),
        sa.Column("notice_given_on", sa.Date(), nullable=True),
        sa.Column("council_reference", sa.Text(), server_default="", nullable=False),
        sa.Column("regime", sa.String(length=48), nullable=False),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removal_reason", sa.String(length=48), nullable=True),
        sa.Column("removal_notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["asset_ref"], ["assets.reference"], name=op.f("fk_list_entries_asset_ref_assets")),
        sa.ForeignKeyConstraint(
            ["nomination_ref"],
            ["nominations.reference"],
            name=op.f("fk_list_entries_nomination_ref_nominations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_entries")),
        sa.UniqueConstraint("reference", name=op.f("uq_list_entries_reference")),
    )
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_list_entries_asset_ref"), ["asset_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_list_entries_nomination_ref"), ["nomination_ref"], unique=False)

    op.create_table(
        "stage_changes",
        sa.Column("application_ref", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=48), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_ref"],
            ["transfer_applications.reference"],
            name=op.f("fk_stage_changes_application_ref_transfer_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_changes")),
        sa.UniqueConstraint("reference", name=op.f("uq_stage_changes_reference")),
    )
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stage_changes_application_ref"), ["application_ref"], unique=False)

    op.create_table(
        "challenges",
        sa.Column("list_entry_ref", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("loss_incurred_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("decision_sent_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=48), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["list_entry_ref"],
            ["list_entries.reference"],
            name=op.f("fk_challenges_list_entry_ref_list_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
        sa.UniqueConstraint("reference", name=op.f("uq_challenges_reference")),
    )
    with op.batch_alter_table("challenges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_challenges_list_entry_ref"), ["list_entry_ref"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("challenges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_challenges_list_entry_ref"))

    op.drop_table("challenges")
    with op.batch_alter_table("stage_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stage_changes_application_ref"))

    op.drop_table("stage_changes")
    with op.batch_alter_table("list_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_list_entries_nomination_ref"))
        batch_op.drop_index(batch_op.f("ix_list_entries_asset_ref"))

    op.drop_table("list_entries")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_sha256"))
        batch_op.drop_index(batch_op.f("ix_documents_asset_ref"))
        batch_op.drop_index(batch_op.f("ix_documents_application_ref"))

    op.drop_table("documents")
    with op.batch_alter_table("bidder_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bidder_requests_notice_ref"))
        batch_op.drop_index(batch_op.f("ix_bidder_requests_group_ref"))

    op.drop_table("bidder_requests")
    with op.batch_alter_table("user_deadlines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_deadlines_due_on"))
        batch_op.drop_index(batch_op.f("ix_user_deadlines_asset_ref"))

    op.drop_table("user_deadlines")
    with op.batch_alter_table("transfer_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_applications_authority_ref"))
        batch_op.drop_index(batch_op.f("ix_transfer_applications_asset_ref"))

    op.drop_table("transfer_applications")
    with op.batch_alter_table("nominations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nominations_nominator_ref"))
        batch_op.drop_index(batch_op.f("ix_nominations_asset_ref"))

    op.drop_table("nominations")
    with op.batch_alter_table("interests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interests_party_ref"))
        batch_op.drop_index(batch_op.f("ix_interests_asset_ref"))

    op.drop_table("interests")
    with op.batch_alter_table("exempt_disposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exempt_disposals_previous_owner_ref"))
        batch_op.drop_index(batch_op.f("ix_exempt_disposals_new_owner_ref"))
        batch_op.drop_index(batch_op.f("ix_exempt_disposals_asset_ref"))

    op.drop_table("exempt_disposals")
    with op.batch_alter_table("disposal_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disposal_notices_owner_ref"))
        batch_op.drop_index(batch_op.f("ix_disposal_notices_asset_ref"))

    op.drop_table("disposal_notices")
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assets_postcode"))
        batch_op.drop_index(batch_op.f("ix_assets_name"))
        batch_op.drop_index(batch_op.f("ix_assets_authority_ref"))

    op.drop_table("assets")
    op.drop_table("reference_counters")
    op.drop_table("parties")
    op.drop_table("community_groups")
    op.drop_table("authorities")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_record")

    op.drop_table("audit_entries")
