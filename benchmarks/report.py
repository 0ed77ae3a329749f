"""The one table `make bench` prints: ours against hello-world, as ratios, with targets."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    metric: str
    ours: float
    baseline: float
    unit: str
    target: str = ""
    met: bool | None = None  # None: reported, no target

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")


def _figure(value: float, unit: str) -> str:
    if unit == "KiB":
        return f"{value:,.0f} KiB"
    return f"{value:.3f} {unit}" if value < 10 else f"{value:.1f} {unit}"


def render_table(rows: list[Row]) -> str:
    header = ("metric", "ours", "hello-world", "ratio", "target", "met")
    lines = [
        (
            row.metric,
            _figure(row.ours, row.unit),
            _figure(row.baseline, row.unit),
            f"{row.ratio:.2f}",
            row.target,
            "" if row.met is None else ("yes" if row.met else "NO"),
        )
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]

    def render(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    divider = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(header), divider, *(render(cells) for cells in lines)])
