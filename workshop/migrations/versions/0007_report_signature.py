"""The activity report's signature block: signer's position, name and NIP, place and date

Revision ID: 0007_report_signature
Revises: 0006_dismissals
Create Date: 2026-12-02 18:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_report_signature'
down_revision = '0006_dismissals'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_place', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('report_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('signer_position', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('signer_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('signer_nip', sa.String(length=30), nullable=True))


def downgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('signer_nip')
        batch_op.drop_column('signer_name')
        batch_op.drop_column('signer_position')
        batch_op.drop_column('report_date')
        batch_op.drop_column('report_place')
