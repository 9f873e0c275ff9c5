"""Tampering with the audit trail is detected."""

import pytest
from sqlalchemy import select, update

from engine.audit.models import AuditEvent
from engine.audit.trail import Entry, chain_of, read_heads, record, verify_chain
from tests.support.office import Office


def test_an_edited_or_removed_event_breaks_the_chain(office: Office, step):
    code, instance_id = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    chain = f"instance:{instance_id}"
    with step(write=False) as s:
        assert verify_chain(s, chain) == []
    with step() as s:
        s.execute(update(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq == 2)
                  .values(decision="reject"))
    with step(write=False) as s:
        assert any("edited" in p for p in verify_chain(s, chain))
    with step() as s:
        s.delete(s.scalar(select(AuditEvent).where(AuditEvent.chain == chain, AuditEvent.seq == 2)))
    with step(write=False) as s:
        assert any("missing" in p for p in verify_chain(s, chain))


def test_events_appended_in_one_transaction_link_up_even_past_a_rolled_back_savepoint(office: Office, step,
                                                                                        runtime):
    """A transaction remembers its chains' last links (``read_heads``, then each event it adds): an event added
    in a savepoint that is rolled back is forgotten, and the next one links to the event before it."""
    code, _ = office.new_project()
    chain = chain_of(code, None)
    with step() as s:
        record(s, runtime, None, Entry("probe_before", code))
    with step() as s:
        read_heads(s, [chain, chain_of(code, 999_999)])  # the second chain is empty: its first event is seq 1
        record(s, runtime, None, Entry("probe_kept", code))
        with pytest.raises(RuntimeError), s.begin_nested():
            record(s, runtime, None, Entry("probe_rolled_back", code))
            s.flush()
            raise RuntimeError
        record(s, runtime, None, Entry("probe_after", code))
        record(s, runtime, None, Entry("probe_last", code))
    with step(write=False) as s:
        assert verify_chain(s, chain) == []
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.chain == chain).order_by(AuditEvent.seq))
        assert [a for a in actions if a.startswith("probe")] == ["probe_before", "probe_kept", "probe_after",
                                                                  "probe_last"]
