"""好差评 (service ratings): after a stage is issued the owner rates the service once, on five levels;
a bad rating (不满意/非常不满意) opens a follow-up (整改回访) for the stage's lead department, which its
department lead closes with a reply the owner reads (REFERENCE §9: 差评 rectified within 15 working days,
100 % call-back).

Only the owner in person rates. An agent (帮办代办员) is government-side staff helping the owner
(REFERENCE §8): its own service is part of what is being rated, so a rating by an agent would be the
service rating itself; agents are refused (``评价须由建设单位本人作出``), even with a grant in force.

May import: the rest of ``engine`` (audit, projects, work-item decisions, the working calendar), SQLAlchemy.
"""
