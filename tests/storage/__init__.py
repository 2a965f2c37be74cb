"""The storage room: the database URL, the SQL adapter and its connections."""
