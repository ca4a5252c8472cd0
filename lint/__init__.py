"""wenlint's engine: document model, rule protocol, registry, runner, config, fixes, reporters."""

__version__ = "0.1.0"
