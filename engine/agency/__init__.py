"""帮办代办: an owner's authorisation (授权委托) for an agent, and what an agent may do under it.

An owner grants an agent (帮办代办员) an authorisation for one of the owner's projects: which stages
(1–4), which acts (申报, 补正, 退回后处理/撤回, 查看), valid from/to. The owner may revoke it. An agent has
no rights of their own: every use case that an agent calls re-checks, at the runtime clock's "now",
that a granted, unexpired authorisation covers the project, the stage and the act, and then acts as
"agent X for owner Y" (``Actor.acting_for_id`` = the owner), which the decision, application and audit
rows record. Revocation and expiry therefore take effect on the very next request.

Commitments (承诺书: e.g. stage 3's 建设资金已落实承诺) are the owner's own declarations: an agent may
not submit a form that carries one (``rules.COMMITMENT_FORMS``); the owner submits it.

Modules: ``models`` (the table), ``grants`` (grant, revoke), ``rules`` (the checks the other use cases
call), ``queries`` (lists for owners and agents).
"""
