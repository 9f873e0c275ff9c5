"""申请材料 (materials): files an owner, or an agent under a grant, attaches to a stage application.

Bytes live in the database, in a content-addressed blob table keyed by sha256 (one row per distinct
content), so a rolled-back request never leaves an orphan file and SQLite and PostgreSQL behave alike.
Types are detected from the bytes (never the extension or the client's Content-Type) and display names
are refused when they carry path tricks; names are only ever shown, never used as paths.

May import: the rest of ``engine`` (agency rules, audit, projects, work-item models), SQLAlchemy.
"""
