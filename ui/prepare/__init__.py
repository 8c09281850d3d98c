"""Prepare mode: a planned meeting's details, roster, agenda and pre-loaded items, and its case."""
