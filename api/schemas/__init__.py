"""Request and response models of the HTTP API, kept apart from the domain's own types."""
