"""Demo workshop content."""
