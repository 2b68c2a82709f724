"""Reads of the CMS app: redirects for the storefront."""

from django.db.models import F, QuerySet
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


def redirect_list(*, site: Site | None) -> QuerySet[Redirect]:
    """Redirects of `site` (and those for all sites), to a URL or to a live page."""
    return (
        Redirect.get_for_site(site)
        .select_related("redirect_page")
        .exclude(redirect_page__live=False)
        .order_by("old_path", F("site").asc(nulls_last=True))
    )


def redirect_resolve(*, path: str, site: Site | None) -> Redirect | None:
    """The redirect for `path` (normalised as Wagtail does); a site's own wins over a global."""
    normalised = Redirect.normalise_path(path)
    return redirect_list(site=site).filter(old_path=normalised).first()
