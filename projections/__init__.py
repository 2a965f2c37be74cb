"""Read models of the register and the projector that keeps them up to date.

The read models live in the register's own database (on PostgreSQL in the store's schema):
``status`` (a row per product), ``certificates`` (a row per certificate, with dated reasons),
``audit`` (a row per event), ``public_register`` (the diacritics-free search key),
``milestones`` (dated counts) and ``public_changes`` (a row per public change, only ever
added: the change feed, and the open data of ``open_data`` as of any day). ``Projector``
applies the log to them in batches, each batch in one transaction with the tracking
position, and given a ``Lease`` (``lease``) only while it is the one active projector of
several; ``ReadSide.ask`` answers the API's questions (``questions``), each able to wait
first for a log position (read your writes). The SQL adapter, the connections and the event
log they read are the ``storage`` room's.
"""

from projections.projector import Projector
from projections.readside import ProjectionBehind, ReadSide
from projections.rebuild import RebuildReport
from projections.vietnamese import search_key
from projections.waiting import PositionBeyondHead, TooManyWaits

__all__ = [
    "PositionBeyondHead",
    "ProjectionBehind",
    "Projector",
    "ReadSide",
    "RebuildReport",
    "TooManyWaits",
    "search_key",
]
