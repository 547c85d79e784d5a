"""Cockpit actions: causes that skip the approval queue, a pinned spotlight or focus

Revision ID: 0011_cockpit_actions
Revises: 0010_spotlight
Create Date: 2026-12-07 21:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_cockpit_actions'
down_revision = '0010_spotlight'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('causes_skip_approval', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('spotlight_pinned', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('focus_pinned', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('focus_pinned')
        batch_op.drop_column('spotlight_pinned')
        batch_op.drop_column('causes_skip_approval')
