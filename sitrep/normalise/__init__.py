"""normalise stage package."""
