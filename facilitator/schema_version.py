"""What marks a file as a Facilitator workspace, and which schema it holds: cheap to import.

Opening an up-to-date workspace needs only these two numbers. The migrations themselves
(`facilitator.schema`, and sqlite-utils, which takes about 90 ms to import) are loaded only when a
file has to be created or upgraded.
"""

from __future__ import annotations

APPLICATION_ID = 0x46414349  # "FACI": marks the file as a Facilitator workspace

SCHEMA_VERSION = 2
"""How many migrations this version of the app knows; stored in `PRAGMA user_version`.

Add one with every migration in `facilitator.schema` (a test and `schema.py` itself check it).
"""
