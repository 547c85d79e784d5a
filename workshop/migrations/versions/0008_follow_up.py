"""The follow-up plan (Rencana Tindak Lanjut): an action plan's owner agency,
deadline and status with its history; the workshop's life cycle (state)

Revision ID: 0008_follow_up
Revises: 0007_report_signature
Create Date: 2026-12-02 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_follow_up'
down_revision = '0007_report_signature'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('state', sa.String(length=12), server_default='running', nullable=False)
        )
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('status_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('status_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('status_by_staff', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_action_plan_status_by_id_participant'),
            'participant', ['status_by_id'], ['id'],
        )
    op.create_table(
        'plan_update',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('participant_id', sa.Integer(), nullable=True),
        sa.Column('by_staff', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshop.id'],
            name=op.f('fk_plan_update_workshop_id_workshop'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['card_id'], ['card.id'], name=op.f('fk_plan_update_card_id_card'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['participant_id'], ['participant.id'],
            name=op.f('fk_plan_update_participant_id_participant'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_update')),
    )
    with op.batch_alter_table('plan_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_update_card_id'), ['card_id'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_plan_update_workshop_id'), ['workshop_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('plan_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_update_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_plan_update_card_id'))
    op.drop_table('plan_update')
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_action_plan_status_by_id_participant'), type_='foreignkey'
        )
        batch_op.drop_column('status_by_staff')
        batch_op.drop_column('status_by_id')
        batch_op.drop_column('status_at')
        batch_op.drop_column('status_note')
        batch_op.drop_column('status')
        batch_op.drop_column('deadline')
        batch_op.drop_column('agency')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('state')
