"""Loading: files of a bundle → records with places, and diagnostics for what cannot be read."""
