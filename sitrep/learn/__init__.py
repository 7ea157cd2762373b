"""learn stage package."""
