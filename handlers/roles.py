"""The roles of DESIGN.md, grouped as the rules use them."""
from __future__ import annotations

LEADERS = ("township_leader", "admin")  # hand off, verify, see every village, get digests, change the calendar
REPORTERS = ("secretary", "contact_official")  # report for their own village, update their own tasks
