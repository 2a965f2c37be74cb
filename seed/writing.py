"""Writing seed orders through the register's own command path, batch by batch."""

from __future__ import annotations

from collections.abc import Sequence

from tqdm import tqdm

from lifecycle.errors import RegisterError
from registry.service import Order, Recorded, Registry


class SeedRefused(RuntimeError):
    """The register refused an order of a seed: the seed and the rules disagree."""

    def __init__(self, order: Order, error: RegisterError) -> None:
        target = order.code or getattr(order.command, "code", "")
        super().__init__(
            f"{type(order.command).__name__} of {target} dated {order.command.effective_on} "
            f"was refused: {error.code}: {error.message}"
        )
        self.order, self.error = order, error


def carry_out(
    registry: Registry,
    orders: Sequence[Order],
    *,
    batch_size: int = 500,
    progress: bool = False,
    description: str = "seed",
) -> int:
    """Carries out every order in batches of ``batch_size``; raises on the first refusal.

    Answers the number of events recorded.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    recorded = 0
    with tqdm(total=len(orders), desc=description, unit="ev", disable=not progress) as bar:
        for start in range(0, len(orders), batch_size):
            batch = orders[start : start + batch_size]
            outcomes = registry.carry_out_batch(batch)
            for order, outcome in zip(batch, outcomes, strict=True):
                if not isinstance(outcome, Recorded):
                    raise SeedRefused(order, outcome)
            recorded += len(batch)
            bar.update(len(batch))
    return recorded
