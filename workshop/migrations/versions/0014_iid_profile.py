"""A proposal's KIPP group (Umum, Replikasi) and its Indeks Inovasi Daerah profile

Revision ID: 0014_iid_profile
Revises: 0013_document_settings
Create Date: 2026-12-08 00:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_iid_profile'
down_revision = '0013_document_settings'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kipp_group', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('iid', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_column('iid')
        batch_op.drop_column('kipp_group')
