"""The web application: users, API tokens, bundle owners and versions, reviewer assignments,
the session secret, and the cross-review index behind the themes view and search.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _created_at() -> sa.Column:
    return sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("council", sa.String(200), nullable=True),
        _created_at(),
    )
    op.create_table(
        "api_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("label", sa.String(200), nullable=False, server_default=""),
        _created_at(),
    )
    op.create_table(
        "bundle_owners",
        sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
        sa.Column("council", sa.String(200), nullable=True),
        sa.Column("uploaded_by", sa.String(32), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("previous_id", sa.String(32), sa.ForeignKey("bundles.id"), nullable=True),
    )
    op.create_index("ix_bundle_owners_council", "bundle_owners", ["council"])
    op.create_table(
        "assignments",
        sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
        sa.Column("user_id", sa.String(32), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("assigned_by", sa.String(32), sa.ForeignKey("users.id"), nullable=True),
        _created_at(),
    )
    op.create_table(
        "web_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    op.create_table(
        "review_index",
        sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("council_name", sa.String(300), nullable=True),
        sa.Column("la_code", sa.String(20), nullable=True),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("la_type", sa.String(20), nullable=True),
        sa.Column("period", sa.String(10), nullable=True),
        sa.Column("themes", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_table(
        "review_lines",
        sa.Column("bundle_id", sa.String(32), sa.ForeignKey("bundles.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("directorate", sa.String(300), nullable=True),
        sa.Column("period", sa.String(10), nullable=True),
        sa.Column("amount_gbp", sa.Float, nullable=True),
        sa.Column("at_risk", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("rag", sa.String(10), nullable=True),
        sa.Column("file", sa.String(1000), nullable=True),
        sa.Column("page", sa.Integer, nullable=True),
        sa.Column("locator", sa.String(300), nullable=True),
        sa.Column("ref", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    op.drop_index("ix_bundle_owners_council", "bundle_owners")
    for name in (
        "review_lines",
        "review_index",
        "web_secrets",
        "assignments",
        "bundle_owners",
        "api_tokens",
        "users",
    ):
        op.drop_table(name)
