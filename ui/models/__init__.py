"""Qt item models over the core: they read the store and turn edits into operations."""
