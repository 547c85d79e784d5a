"""The workshop's time zone (WIB, WITA, WIT), for the times its documents print

Revision ID: 0013_document_settings
Revises: 0012_join_shown
Create Date: 2026-12-08 00:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_document_settings'
down_revision = '0012_join_shown'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'time_zone', sa.String(length=40), nullable=False, server_default='Asia/Jakarta'
            )
        )


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
