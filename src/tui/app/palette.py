"""Speaker colours taken from the active theme, so quotations follow dark and light."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style

_COLOUR_VARIABLES = ("text-accent", "text-success", "text-primary", "text-error",
                     "text-secondary", "text-warning")
_BACKGROUND_VARIABLES = ("accent-muted", "success-muted", "primary-muted", "error-muted",
                         "secondary-muted", "warning-muted")


@dataclass(frozen=True, slots=True)
class SpeakerStyle:
    """How one speaker's quotations, mentions and legend swatch are drawn."""

    quote: Style
    current: Style
    mention: Style
    swatch: Style


class Palette:
    """Assigns each speaker of an article a distinct colour from the theme's variables."""

    def __init__(self, variables: dict[str, str]) -> None:
        pairs: list[tuple[str, str]] = []
        seen: set[str] = set()
        for fg_name, bg_name in zip(_COLOUR_VARIABLES, _BACKGROUND_VARIABLES, strict=True):
            colour = variables.get(fg_name)
            if colour and colour.upper() not in seen:
                seen.add(colour.upper())
                pairs.append((colour, variables.get(bg_name) or variables.get("boost", "")))
        if not pairs:
            pairs = [("yellow", "grey23")]
        self._pairs = pairs
        muted = variables.get("foreground-muted") or variables.get("foreground") or "grey50"
        self.unattributed = SpeakerStyle(
            quote=Style(color=_opaque(muted), italic=True),
            current=Style(color=_opaque(muted), italic=True, reverse=True),
            mention=Style(),
            swatch=Style(color=_opaque(muted)),
        )
        self.cue = Style(underline=True, italic=True)
        self.label = Style(color=_opaque(muted), italic=True)
        self.dim = Style(color=_opaque(muted))
        self.title = Style(bold=True, color=variables.get("text-primary") or None)
        self.search_hit = Style(reverse=True, bold=True)

    def for_index(self, index: int) -> SpeakerStyle:
        """The style of the ``index``-th speaker of an article (cycling, with variations)."""
        colour, background = self._pairs[index % len(self._pairs)]
        round_ = index // len(self._pairs)
        return SpeakerStyle(
            quote=Style(color=colour, italic=round_ % 2 == 1),
            current=Style(color=colour, bgcolor=_opaque(background) or None, bold=True),
            mention=Style(color=colour, bold=True, underline=True),
            swatch=Style(color=colour),
        )


def _opaque(colour: str) -> str:
    """Rich cannot draw alpha: drop it from ``#RRGGBBAA`` colours."""
    if colour.startswith("#") and len(colour) == 9:
        return colour[:7]
    return colour
