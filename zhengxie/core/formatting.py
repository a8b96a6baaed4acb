"""How figures are printed. Rates are fractions (0..1) in every selector, cache and export's
data; they become percentages only here, when a person reads them."""


def percent(rate: float | None, digits: int = 1) -> str:
    """0.4567 -> "45.7%"; None (no rate) -> "—"."""
    if rate is None:
        return "—"
    return f"{rate * 100:.{digits}f}%"
