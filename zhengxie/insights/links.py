"""Where each figure leads: the list behind it, filtered to the same committee and year.
A module whose list page is not installed simply has no link."""

from django.urls import NoReverseMatch, reverse

from zhengxie.core.models import Committee

# (section, figure) -> (url name, query parameters beyond committee and year)
FIGURE_LISTS: dict[tuple[str, str], tuple[str, dict]] = {}


def figure_links(committee: Committee, year: int) -> dict[str, dict[str, str]]:
    links: dict[str, dict[str, str]] = {}
    for (section, key), (url_name, params) in FIGURE_LISTS.items():
        try:
            base = reverse(url_name)
        except NoReverseMatch:
            continue
        query = "&".join(
            f"{k}={v}" for k, v in {"committee": committee.code, "year": year, **params}.items()
        )
        links.setdefault(section, {})[key] = f"{base}?{query}"
    return links
