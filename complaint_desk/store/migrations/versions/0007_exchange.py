"""exchange with headquarters: office keys, export and import logs, event origins, case states

Revision ID: 0007_exchange
Revises: 0006_policy
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_exchange'
down_revision = '0006_policy'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exchange_office_keys',
    sa.Column('office_code', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('private_key', sa.String(length=64), nullable=True),
    sa.Column('registered_at', sa.DateTime(), nullable=False),
    sa.Column('registered_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('office_code', name=op.f('pk_exchange_office_keys'))
    )
    op.create_table('exchange_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('after_event_id', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.Integer(), nullable=False),
    sa.Column('last_event_hash', sa.String(length=64), nullable=True),
    sa.Column('complaints', sa.Integer(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('personal_included', sa.Boolean(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_exports')),
    sa.UniqueConstraint('package_id', name=op.f('uq_exchange_exports_package_id'))
    )
    op.create_table('exchange_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.String(length=36), nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=False),
    sa.Column('package_created_at', sa.DateTime(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('format_version', sa.Integer(), nullable=False),
    sa.Column('complaints_new', sa.Integer(), nullable=False),
    sa.Column('complaints_updated', sa.Integer(), nullable=False),
    sa.Column('complaints_unchanged', sa.Integer(), nullable=False),
    sa.Column('events_new', sa.Integer(), nullable=False),
    sa.Column('events_known', sa.Integer(), nullable=False),
    sa.Column('conflicts', sa.Integer(), nullable=False),
    sa.Column('personal_included', sa.Boolean(), nullable=False),
    sa.Column('report', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_imports')),
    sa.UniqueConstraint('package_id', name=op.f('uq_exchange_imports_package_id'))
    )
    with op.batch_alter_table('exchange_imports', schema=None) as batch_op:
        batch_op.create_index('ix_exchange_imports_office', ['office_code', 'package_created_at'], unique=False)

    op.create_table('exchange_event_origins',
    sa.Column('event_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('office_code', sa.String(length=16), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('origin_prev_hash', sa.String(length=64), nullable=False),
    sa.Column('origin_hash', sa.String(length=64), nullable=False),
    sa.Column('origin_seq', sa.Integer(), nullable=False),
    sa.Column('redacted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_exchange_event_origins_event_id_events')),
    sa.ForeignKeyConstraint(['import_id'], ['exchange_imports.id'], name=op.f('fk_exchange_event_origins_import_id_exchange_imports')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_exchange_event_origins'))
    )
    with op.batch_alter_table('exchange_event_origins', schema=None) as batch_op:
        batch_op.create_index('ix_exchange_event_origins_hash', ['origin_hash'], unique=False)

    op.create_table('exchange_case_states',
    sa.Column('complaint_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('state_at', sa.DateTime(), nullable=False),
    sa.Column('state_office', sa.String(length=16), nullable=False),
    sa.Column('state_seq', sa.Integer(), nullable=False),
    sa.Column('state_event_uuid', sa.String(length=36), nullable=False),
    sa.Column('offices', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_exchange_case_states_complaint_id_complaints')),
    sa.PrimaryKeyConstraint('complaint_id', name=op.f('pk_exchange_case_states'))
    )


def downgrade() -> None:
    op.drop_table('exchange_case_states')
    with op.batch_alter_table('exchange_event_origins', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_event_origins_hash')
    op.drop_table('exchange_event_origins')
    with op.batch_alter_table('exchange_imports', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_imports_office')
    op.drop_table('exchange_imports')
    op.drop_table('exchange_exports')
    op.drop_table('exchange_office_keys')
