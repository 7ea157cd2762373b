"""cli stage package."""
