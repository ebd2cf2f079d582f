"""Form widgets of the portal."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A ``<select>`` written in Python instead of through a template per option, with the markup of Django's.

    The filter bars offer hundreds of options (organisations, départements, themes): through the templates, their
    selects took more time than the rest of the page together (issue 7); through ``Select.get_context``, which builds
    a dict of attributes per option, still a millisecond on the colleague search. The options are written straight
    from ``choices``, with ``Select.optgroups``' rules: groups, a ``None`` key as "", one option selected unless the
    select is multiple. Escaped with the standard library's ``html.escape`` of the text, which is what Django's
    ``escape`` returns, without its lazy string wrapper: four times faster over a few hundred options."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        multiple = self.allow_multiple_selected
        if multiple:
            attrs["multiple"] = True
        chosen = set(self.format_value(value))
        parts = [f'<select name="{escape(str(name))}"{flatatt(attrs)}>']
        has_selected = False
        for key, label in self.choices:
            grouped = isinstance(label, (list, tuple))
            if grouped:
                parts.append(f'<optgroup label="{escape(str(key))}">')
            for option_key, option_label in label if grouped else (("" if key is None else key, label),):
                option_key = str(option_key)
                selected = (multiple or not has_selected) and option_key in chosen
                has_selected |= selected
                marked = " selected" if selected else ""
                parts.append(f'<option value="{escape(option_key)}"{marked}>{escape(str(option_label))}</option>')
            if grouped:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # a widget; every part is escaped above  # nosec B308


class QuickTextInput(forms.TextInput):
    """An ``<input>`` written in Python instead of through Django's three widget templates, with the same markup.

    A search box answers as the person types, on pages issue 7 wants within a few milliseconds: through the templates,
    the company search's box took 0.13 ms, half its filter bar, against 0.01 ms here. Value and attributes still come
    from ``Input.get_context`` (``format_value``, ``build_attrs``), so the field behaves as in Django."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<input type="{escape(str(widget["type"]))}" name="{escape(str(widget["name"]))}"']
        if widget["value"] is not None:
            parts.append(f' value="{escape(str(widget["value"]))}"')
        for attribute, setting in widget["attrs"].items():  # in their order, as django/forms/widgets/attrs.html
            if setting is True:
                parts.append(f" {escape(attribute)}")
            elif setting is not False:
                parts.append(f' {escape(attribute)}="{escape(str(setting))}"')
        parts.append(">")
        return mark_safe("".join(parts))  # a widget; every part is escaped above  # nosec B308


class CommuneInput(forms.TextInput):
    """The text box of a commune field and, when what was typed means several communes, the choice among them.

    ``CommuneField.clean`` sets ``candidates`` (communes) when it refuses a value as ambiguous; each is offered as a
    radio button named ``<name>_pick`` whose value is the commune's label, which reads back to that commune alone.
    A pick, when one is sent, is the field's value."""

    template_name = "network/widgets/commune_input.html"
    candidates = ()

    def value_from_datadict(self, data, files, name):
        return data.get(f"{name}_pick") or super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_pick" not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        from network.communes import commune_label

        context = super().get_context(name, value, attrs)
        context["widget"]["candidates"] = [
            {"label": commune_label(commune), "commune": commune} for commune in self.candidates
        ]
        context["widget"]["pick_name"] = f"{name}_pick"
        return context
