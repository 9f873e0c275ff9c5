"""The stage application as a task list (GOV.UK / 一网通办 pattern): the form answered and kept as a draft, each
material of the stage's checklist uploaded against its own line (必需 from the item catalogue, 可选 from the
唐山 checklist), the answers checked, then one submission that is refused while a required material has no file.

The draft (``ApplicationDraft``) is a table of ``projects`` beside ``StageApplication``: the task pages read it.

May import: the core (work items, catalogue, time limits, projects), ``task_view`` and ``materials``.
"""
