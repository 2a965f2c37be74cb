"""Refusals of the administrative geography: a principal of a province that no longer
stands, a district principal after the district level ended, a province the table does not
know, and a change of place that does not follow the succession (read them through
``lifecycle.errors``, which names every refusal)."""

from __future__ import annotations

from lifecycle.refusal import InvalidCommand, NotPermitted


class ProvinceNoLongerStands(NotPermitted):
    """The principal's province was merged into another before the act's date."""

    code = "province-no-longer-stands"


class DistrictLevelEnded(NotPermitted):
    """District councils and authorities do not act from 1 July 2025."""

    code = "district-level-ended"


class UnknownProvince(InvalidCommand):
    """A province the table of provincial units does not know."""

    code = "unknown-province"


class PlaceNotSuccessor(InvalidCommand):
    """A change of place records an administrative change: the new province is the one the
    old became on that date."""

    code = "place-not-successor"


class PlaceInMergedProvince(InvalidCommand):
    """A product registered on or after a merger names the province it merged into."""

    code = "place-in-merged-province"
