"""The tables the benchmarks print: ours against baselines, as ratios, with targets."""

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
    return f"{value:.3f} {unit}" if abs(value) < 10 else f"{value:.1f} {unit}"


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
    return _render([header, *lines])


def _render(table: list[tuple[str, ...]]) -> str:
    """Markdown: the first row is the header."""
    widths = [max(len(cells[i]) for cells in table) for i in range(len(table[0]))]

    def render(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    divider = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(table[0]), divider, *(render(cells) for cells in table[1:])])


@dataclass(frozen=True)
class Line:
    """One metric of several packages; the first is ours, the ratios are ours to each other."""

    metric: str
    values: tuple[float, ...]
    unit: str
    target: str = ""
    met: bool | None = None  # None: reported, no target

    def ratio(self, column: int) -> float:
        return self.values[0] / self.values[column] if self.values[column] else float("inf")


def render_comparison(columns: tuple[str, ...], lines: list[Line]) -> str:
    """A table with a column per package, then `ours / other` ratios (and `ours - other`)."""
    others = range(1, len(columns))
    header = (
        "metric",
        *columns,
        *(f"/ {columns[i]}" for i in others),
        "target",
        "met",
    )
    cells = [
        (
            line.metric,
            *(_figure(value, line.unit) for value in line.values),
            *(f"{line.ratio(i):.2f}" for i in others),
            line.target,
            "" if line.met is None else ("yes" if line.met else "NO"),
        )
        for line in lines
    ]
    return _render([header, *cells])
