"""trust: sign-in state, concerned staff, event redactions

Revision ID: 0004_trust
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = '0004_trust'
down_revision = '0002_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('user_sign_in',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_sign_in_at', sa.DateTime(), nullable=True),
    sa.Column('password_changed_at', sa.DateTime(), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sign_in_user_id_users')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_sign_in'))
    )
    op.create_table('concerned_staff',
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_concerned_staff_complaint_id_complaints')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_concerned_staff_user_id_users')),
    sa.PrimaryKeyConstraint('complaint_id', 'user_id', name=op.f('pk_concerned_staff'))
    )
    with op.batch_alter_table('concerned_staff', schema=None) as batch_op:
        batch_op.create_index('ix_concerned_staff_user', ['user_id'], unique=False)
    op.create_table('event_redactions',
    sa.Column('event_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sealed_by', sa.Integer(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_redactions_event_id_events')),
    sa.ForeignKeyConstraint(['sealed_by'], ['events.id'], name=op.f('fk_event_redactions_sealed_by_events')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_event_redactions'))
    )


def downgrade() -> None:
    op.drop_table('event_redactions')
    with op.batch_alter_table('concerned_staff', schema=None) as batch_op:
        batch_op.drop_index('ix_concerned_staff_user')
    op.drop_table('concerned_staff')
    op.drop_table('user_sign_in')
