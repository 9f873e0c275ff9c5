"""联合竣工验收 additions: the 1/4/3/1 working-day timetable read as clocks, and the 竣工验收备案 deadline
(15 days after the joint opinion), visible to the owner and to supervisors."""
