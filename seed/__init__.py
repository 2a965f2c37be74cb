"""Seed data written through the register's own commands: the demo and the Quảng Ninh scenario.

Their words are the programme's one vocabulary of builders, shared with the tests and the
benchmark: who acts (``seed.principals``), what they ask (``seed.builders``) and how a
command reads as an HTTP body (``seed.bodies``).
"""

from __future__ import annotations

from seed.demo import DEMO_PRINCIPALS, load_demo
from seed.quang_ninh import ScenarioReport, build_quang_ninh_2020, plan_quang_ninh_2020
from seed.writing import SeedRefused

__all__ = [
    "DEMO_PRINCIPALS",
    "ScenarioReport",
    "SeedRefused",
    "build_quang_ninh_2020",
    "load_demo",
    "plan_quang_ninh_2020",
]
