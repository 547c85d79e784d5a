"""Root causes: cause cards on a fishbone, a problem tree, and what solutions address

Revision ID: 0005_root_causes
Revises: 0004_speakers
Create Date: 2026-12-02 15:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_root_causes'
down_revision = '0004_speakers'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bone', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('depth', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('is_root', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('analysed', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('addresses_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_card_addresses_id_card'), 'card', ['addresses_id'], ['id']
        )
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allow_causes', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cause_bones', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('cause_depth', sa.Integer(), nullable=False, server_default='3'))
        batch_op.add_column(sa.Column('causes_open', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('focus_card_id', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('focus_card_id')
        batch_op.drop_column('causes_open')
        batch_op.drop_column('cause_depth')
        batch_op.drop_column('cause_bones')
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.drop_column('allow_causes')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_card_addresses_id_card'), type_='foreignkey')
        batch_op.drop_column('addresses_id')
        batch_op.drop_column('analysed')
        batch_op.drop_column('is_root')
        batch_op.drop_column('depth')
        batch_op.drop_column('bone')
