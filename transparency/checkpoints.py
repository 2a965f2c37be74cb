"""The log's stored checkpoints: the latest signed one per origin, with the witnesses'
cosignatures collected for it, replaced only by a compare-and-swap.

After a projected batch (or when idle) the projector hands its connection to
``Checkpointer.after_batch``: at most one new checkpoint per ``interval`` seconds, signed and
stored in a transaction of its own (never the batch's), and only where the stored one still
is what was read: ``UPDATE ... WHERE size = :previous AND root = :previous``. Two projectors
racing can never store two different trees, nor a smaller one after a larger. The table is
not a read model: a rebuild keeps it, so a rebuilt tree that differs is refused, not signed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic, time

from storage.sql import Database
from transparency import leaves
from transparency.note import Checkpoint, SigningKey
from transparency.subtrees import subtree_root

TABLE = "log_checkpoints"
DDL = (
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        origin TEXT PRIMARY KEY, size BIGINT NOT NULL, root TEXT NOT NULL, note TEXT NOT NULL,
        signed_at DOUBLE PRECISION NOT NULL, cosignatures TEXT NOT NULL)""",
)


class ForkRefused(Exception):
    """The tree the read side holds is not the one the stored checkpoint signed."""

    code = "log-fork-refused"


@dataclass(frozen=True)
class Stored:
    """A stored checkpoint: what it states, its signed note, the cosignature lines."""

    checkpoint: Checkpoint
    note: str
    cosignatures: tuple[str, ...] = ()

    @property
    def cosigned(self) -> str:
        """The note with the witnesses' cosignature lines appended (signed-note format)."""
        return self.note + "".join(line + "\n" for line in self.cosignatures)


def create(db: Database) -> None:
    """Creates the table if it is missing (idempotent)."""
    for statement in DDL:
        db.run(statement)


def latest(db: Database, origin: str, *, lock: bool = False) -> Stored | None:
    """The latest stored checkpoint of ``origin``, if one was ever stored (``lock``: its
    row locked until the transaction ends, on PostgreSQL)."""
    clause = db.lock_clause if lock else ""
    rows = db.rows(f"SELECT * FROM {TABLE} WHERE origin = ?{clause}", [origin])
    if not rows:
        return None
    row = rows[0]
    state = Checkpoint(origin, int(row["size"]), bytes.fromhex(row["root"]))
    lines = tuple(line for line in str(row["cosignatures"]).split("\n") if line)
    return Stored(state, str(row["note"]), lines)


def store(db: Database, note: str, new: Checkpoint, previous: Checkpoint | None) -> bool:
    """Stores ``new`` in place of ``previous`` (none: the first); False if another
    projector stored something else first, or ``new`` would go backwards."""
    if previous is not None and new.size <= previous.size:
        return False
    if previous is None:
        sql = (
            f"INSERT INTO {TABLE} (origin, size, root, note, signed_at, cosignatures) "
            "VALUES (?, ?, ?, ?, ?, '') ON CONFLICT (origin) DO NOTHING RETURNING size"
        )
        return bool(db.rows(sql, [new.origin, new.size, new.root.hex(), note, time()]))
    sql = (
        f"UPDATE {TABLE} SET size = ?, root = ?, note = ?, signed_at = ?, cosignatures = '' "
        "WHERE origin = ? AND size = ? AND root = ? RETURNING size"
    )
    values = [new.size, new.root.hex(), note, time(), new.origin, previous.size]
    return bool(db.rows(sql, [*values, previous.root.hex()]))


def unlike_signed(db: Database) -> str:
    """Why the stored tree is not the tree a stored checkpoint signed ('' if it is): its
    root at the signed size is read from the stored nodes, in O(log n) small reads. A
    history rewritten and then rebuilt into the read models is caught here, however old."""
    size = leaves.frontier(db).size
    for row in db.rows(f"SELECT origin, size, root FROM {TABLE}"):
        signed = int(row["size"])
        if signed > size:
            return f"the tree has {size} leaves, fewer than the {signed} signed"
        if subtree_root(db, 0, signed).hex() != row["root"]:
            return f"the tree of {signed} leaves is not the one signed for {row['origin']}"
    return ""


def add_cosignature(db: Database, state: Checkpoint, line: str) -> bool:
    """Appends a witness's cosignature line to the stored checkpoint, if it is still
    ``state`` and does not hold the line yet."""
    stored = latest(db, state.origin, lock=True)  # two pushers never lose each other's line
    if stored is None or stored.checkpoint != state:
        return False
    if any(signer(kept) == signer(line) for kept in stored.cosignatures):
        return False  # that witness's line is kept already (asked twice, at two times)
    lines = "\n".join((*stored.cosignatures, line))
    db.run(
        f"UPDATE {TABLE} SET cosignatures = ? WHERE origin = ? AND size = ? AND root = ?",
        [lines, state.origin, state.size, state.root.hex()],
    )
    return True


def signer(line: str) -> tuple[str, str]:
    """Who signed a signature line: its name and the first three bytes of its key ID (the
    first four base64 characters of the signature)."""
    _dash, name, signature = [*line.split(" ", 2), "", ""][:3]
    return name, signature[:4]


class Checkpointer:
    """Signs and stores the tree's checkpoint after projected batches, at most one per
    ``interval`` seconds; ``on_stored`` hears of each new one (e.g. to push to witnesses)."""

    def __init__(
        self,
        key: SigningKey,
        interval: float = 2.0,
        on_stored: Callable[[Stored], object] = lambda stored: None,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.key, self.interval, self.on_stored, self.clock = key, interval, on_stored, clock
        self._last = float("-inf")
        self._created = False

    def after_batch(self, db: Database) -> Stored | None:
        """Stores a checkpoint of the tree as it is now, unless one was stored less than
        ``interval`` ago or the stored one covers it; ``ForkRefused`` if the tree of the
        stored size is another tree. Returns what it stored. Looks first without a write
        transaction, so an idle projector's look takes no write lock."""
        if self.clock() - self._last < self.interval:
            return None
        if not self._created:
            with db.transaction():
                create(db)
            self._created = True
        if self._due(db) is None:
            return None
        with db.transaction():
            found = self._due(db)
            if found is None:
                return None
            new, previous = found
            note = self.key.sign(new.text)
            if not store(db, note, new, previous):
                return None
        self._last = self.clock()
        stored = Stored(new, note)
        self.on_stored(stored)
        return stored

    def _due(self, db: Database) -> tuple[Checkpoint, Checkpoint | None] | None:
        """The tree's checkpoint and the stored one it would replace, if it grew."""
        tree = leaves.frontier(db)
        stored = latest(db, self.key.name)
        previous = stored.checkpoint if stored else None
        new = Checkpoint(self.key.name, tree.size, tree.root())
        if previous is not None and previous.size >= new.size:
            if previous.size == new.size and previous != new:
                self._last = self.clock()  # refused loudly, once an interval
                raise ForkRefused(f"the tree of {new.size} leaves is not the one signed")
            return None
        return new, previous
