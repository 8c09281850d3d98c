"""The window's panels: each one a module, each refreshed only by changes that name its tables."""
