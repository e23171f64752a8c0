"""Reads of matching: the engine's data from records (`engine_data`), and what the
pages show: suggestions, matches and allocation rounds."""
