"""Order statistics for benchmark samples (nearest-rank, no interpolation surprises)."""

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile; `fraction` in [0, 1]."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    count: int
    median: float
    p25: float
    p75: float
    p99: float
    minimum: float
    maximum: float

    @property
    def spread(self) -> float:
        """Interquartile range: robust against the odd descheduled run."""
        return self.p75 - self.p25


def summarize(samples: Sequence[float]) -> Summary:
    return Summary(
        count=len(samples),
        median=statistics.median(samples),
        p25=percentile(samples, 0.25),
        p75=percentile(samples, 0.75),
        p99=percentile(samples, 0.99),
        minimum=min(samples),
        maximum=max(samples),
    )
