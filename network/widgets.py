"""Form widgets of the portal."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python instead of through a template per option, with the same markup as Django's.

    The filter bars offer hundreds of options (organisations, départements, themes): through the templates, their
    selects took more time than the rest of the page together (issue 7). The options and their ``selected`` flag
    still come from ``Select.get_context``, so choices, groups and the bound value behave as in Django."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(group_name)}">')
            for option in options:
                selected = " selected" if option["selected"] else ""
                parts.append(f'<option value="{escape(option["value"])}"{selected}>{escape(option["label"])}</option>')
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))
