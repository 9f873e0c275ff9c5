"""Tampering with the audit trail is detected."""

from sqlalchemy import select, update

from engine.audit.models import AuditEvent
from engine.audit.trail import verify_chain
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
