"""The port for people across a county: its own cadres, and the leaders of its towns."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class CountyPeopleRepo(Protocol):
    async def of_county(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on the county itself."""
        ...

    async def of_towns(self, county_id: int, roles: Sequence[str]) -> list[int]:
        """Ids of active people holding one of `roles` on a township of the county."""
        ...
