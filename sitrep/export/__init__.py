"""export stage package."""
