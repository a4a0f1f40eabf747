"""Reading plan files: YAML with locations, shapes, sources."""
