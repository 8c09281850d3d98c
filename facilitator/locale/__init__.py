"""Message catalogs of the texts the app prints (the minutes), one folder per language.

`minutes.pot` is the template extracted from the code; `<language>/LC_MESSAGES/minutes.po` holds a
language's translations and `minutes.mo` their compiled form, which the app loads with the
standard library's `gettext` (shipped, so the app needs no build step). `update_catalogs` brings
them up to date after the wording in the code changes.
"""
