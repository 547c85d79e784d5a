"""The join QR put large on the projector by the facilitator, for one phase

Revision ID: 0012_join_shown
Revises: 0011_cockpit_actions
Create Date: 2026-12-07 21:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_join_shown'
down_revision = '0011_cockpit_actions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('join_shown_in', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('join_shown_in')
