"""The commands: generate, explain, batch, content, and how fast they start."""
