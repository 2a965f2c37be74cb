"""The register's interfaces: the HTTP API, the command line and the composition root."""
