// Placeholder; the CLI helper writes the real one.
