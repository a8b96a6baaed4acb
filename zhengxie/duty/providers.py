"""What other apps give the duty file: the cards on 我的履职 and residents' ratings.

The apps that own these records depend on duty (they credit through duty.services), so duty
cannot import them; each registers its providers here from its AppConfig.ready(). Nothing is
looked up by name and nothing falls back in silence: a provider registered twice under one key,
or a ratings source nobody registered, raises ImproperlyConfigured, and a provider that fails
fails the page instead of leaving its card empty forever."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

# f(*, member) -> [{"title", "url", "when"}]: only what the member may open, constant queries.
SectionProvider = Callable[..., list[dict]]
# f(*, member_ids, year) -> {member_id: (rated, satisfied or basically satisfied)}
RatingsSource = Callable[..., dict[int, tuple[int, int]]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    provider: SectionProvider
    order: int


_sections: dict[str, Section] = {}
_showcase_sections: dict[str, Section] = {}
_ratings: list[RatingsSource] = []


def _register(registry: dict[str, Section], page: str, section: Section) -> None:
    """Registering the same provider again (a second ready()) is harmless."""
    known = registry.get(section.key)
    if known is not None and known.provider is not section.provider:
        raise ImproperlyConfigured(f"{page}: section {section.key!r} is registered twice.")
    registry[section.key] = section


def register_section(*, key: str, title: str, provider: SectionProvider, order: int) -> None:
    """A card on 我的履职."""
    _register(_sections, "我的履职", Section(key, title, provider, order))


def registered_sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: section.order)


def register_showcase_section(
    *, key: str, title: str, provider: SectionProvider, order: int
) -> None:
    """A card on a member's public page (委员风采): the provider returns only what a guest may
    read about the member (published records), never contact details."""
    _register(_showcase_sections, "委员风采", Section(key, title, provider, order))


def showcase_sections() -> list[Section]:
    return sorted(_showcase_sections.values(), key=lambda section: section.order)


def register_ratings_source(source: RatingsSource) -> None:
    if _ratings and _ratings[0] is not source:
        raise ImproperlyConfigured("Residents' ratings have a source already.")
    _ratings[:] = [source]


def ratings_source() -> RatingsSource:
    """The one source of residents' ratings (群众满意度); the grassroots app registers it."""
    if not _ratings:
        raise ImproperlyConfigured("No app registered the residents' ratings source.")
    return _ratings[0]
