"""The register's database, for every room that keeps something in it.

``url`` reads the database URL once into a ``StoreUrl``; ``environment`` turns it into the
eventsourcing library's settings; ``sql`` is the one SQL adapter (dict rows, ``?``
placeholders, transactions) and ``connections`` where its connections come from (one pool per
process on PostgreSQL); ``event_log`` reads the library's log of events and waits for news.
"""
