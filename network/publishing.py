"""One "publish a version" page for texts kept as numbered versions (the privacy notice, the code of conduct): a form
prefilled with the current version's text, publishing a new version on a valid post, and the list of versions.
Each caller keeps its own rule for who may publish, its service, and its wording; the page is
``templates/components/publish_versions.html``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class VersionTexts:
    """The wording of one page (already translated): its title, lead, the question before publishing, the line
    shown while there is no version yet, and the message after publishing (with ``%(version)s``)."""

    title: str
    lead: str
    confirm: str
    empty: str
    published: str


def publish_version_page(
    request,
    *,
    model,
    form_class,
    fields: tuple[str, ...],
    publish: Callable,
    url_name: str,
    texts: VersionTexts,
):
    """The page: ``publish(form, by)`` writes the new version and returns it; a clash with a version published at
    the same moment (IntegrityError) is shown on the form, which keeps its text."""
    current = model.objects.current()
    initial = {name: getattr(current, name) for name in fields} if current else {}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = publish(form=form, by=request.user)
        except IntegrityError:
            form.add_error(None, _("Another version was published at the same moment. Check the list and try again."))
        else:
            messages.success(request, texts.published % {"version": version.version})
            return redirect(url_name)
    return render(
        request,
        "components/publish_versions.html",
        {"form": form, "versions": model.objects.order_by("-version")[:50], "current": current, "texts": texts},
        status=400 if request.method == "POST" else 200,
    )
