"""The application layer: the register as a service, its orders, intake and store."""
