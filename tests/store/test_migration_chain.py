"""The migrations form one line: one head, every revision reachable, numbered in order."""

from alembic.script import ScriptDirectory

from complaint_desk.store.database import _alembic_config


def test_the_migrations_form_a_single_ordered_line():
    script = ScriptDirectory.from_config(_alembic_config())
    assert len(script.get_heads()) == 1
    revisions = [r.revision for r in script.walk_revisions()][::-1]
    assert revisions[0] == "0001"
    assert revisions == sorted(revisions)


def test_the_head_read_from_the_scripts_text_is_alembics_head():
    from complaint_desk.store.database import head_revision

    assert head_revision() == ScriptDirectory.from_config(_alembic_config()).get_current_head()
