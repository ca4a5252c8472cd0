"""Text helpers shared by the engine and by rules: character classes and display width."""
