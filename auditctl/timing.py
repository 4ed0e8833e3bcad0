"""Phase timings for `--verbose` and the benchmark: wall time per named phase, never in reports."""

from __future__ import annotations

from time import perf_counter


class Stopwatch:
    """Adds the time since the last lap to the named phase."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = perf_counter()

    def lap(self, phase: str) -> None:
        now = perf_counter()
        self.laps[phase] = self.laps.get(phase, 0.0) + now - self._last
        self._last = now

    def line(self) -> str:
        """`timings: load=0.120s validate=0.030s …`, as the benchmark reads it."""
        return "timings: " + " ".join(f"{k}={v:.3f}s" for k, v in self.laps.items())
