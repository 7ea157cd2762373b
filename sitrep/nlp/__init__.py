"""nlp stage package."""
