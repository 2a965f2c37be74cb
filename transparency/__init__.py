"""The register's public, verifiable log: a Merkle tree over every event (RFC 6962), its
entries, its tiles (C2SP tlog-tiles) and its signed checkpoints (C2SP tlog-checkpoint)."""
