"""A 2027 holiday schedule that differs from the statutory-only guess: 元旦 and 春节 longer, a 调休 Saturday.
Shared by the schedule-loading tests and the provisional-calendar feature (test data, not the real notice)."""

NOTICE_2027 = """\
date,kind,note
2027-01-01,holiday,元旦
2027-01-04,holiday,元旦
2027-02-05,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-20,workday,春节调休
"""
