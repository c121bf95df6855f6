"""Reading advice files: markup cleaning, splitting posts into entries, curated entry files."""
