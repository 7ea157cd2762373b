"""api stage package."""
