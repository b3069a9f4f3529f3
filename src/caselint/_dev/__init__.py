"""Developer tools (not part of the public API): docs generation."""
