"""Days of the agenda (a workshop's days, a phase's day) and signed attendance

Revision ID: 0016_agenda_attendance
Revises: 0015_card_support
Create Date: 2026-12-08 00:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_agenda_attendance'
down_revision = '0015_card_support'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('days', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day', sa.Integer(), nullable=False, server_default='1'))
    op.create_table(
        'attendance_signature',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('phase_id', sa.Integer(), nullable=True),
        sa.Column('day', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=12), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('agency', sa.String(length=120), nullable=False),
        sa.Column('position', sa.String(length=80), nullable=True),
        sa.Column('image', sa.LargeBinary(), nullable=False),
        sa.Column('width', sa.Integer(), nullable=False),
        sa.Column('height', sa.Integer(), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_attendance_signature_participant_id_participant'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['phase_id'], ['phase.id'], name=op.f('fk_attendance_signature_phase_id_phase'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_attendance_signature_workshop_id_workshop'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_signature')),
    )
    with op.batch_alter_table('attendance_signature', schema=None) as batch_op:
        batch_op.create_index('ix_attendance_signature_day', ['workshop_id', 'day'], unique=False)


def downgrade():
    with op.batch_alter_table('attendance_signature', schema=None) as batch_op:
        batch_op.drop_index('ix_attendance_signature_day')
    op.drop_table('attendance_signature')
    with op.batch_alter_table('phase', schema=None) as batch_op:
        batch_op.drop_column('day')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('days')
