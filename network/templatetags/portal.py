from django import forms, template
from django.utils.html import conditional_escape

from network import french

register = template.Library()

_GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.inclusion_tag("components/field.html")
def render_field(bound_field, unlabeled=False):
    """One form field the accessible way: label, hint and error tied to the input by aria-describedby."""
    widget = bound_field.field.widget
    is_group = isinstance(widget, _GROUP_WIDGETS)
    is_check = isinstance(widget, forms.CheckboxInput)
    if is_group:
        # A group of options: a fieldset whose legend is the label; each option is a labelled checkbox or radio.
        widget.attrs["class"] = "form-check-input"
        return {
            "field": bound_field,
            "is_group": True,
            "is_check": False,
            "is_hidden": False,
            "widget_html": "",
            "described_by": " ".join(
                ([f"{bound_field.auto_id}_helptext"] if bound_field.help_text else [])
                + ([f"{bound_field.auto_id}_error"] if bound_field.errors else [])
            ),
        }
    if is_check:
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    elif getattr(widget, "input_type", "") == "color":
        css = "form-control form-control-color"
    else:
        css = "form-control"
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        css += " is-invalid"
        described_by.append(f"{bound_field.auto_id}_error")
    attrs = {"class": f"{widget.attrs.get('class', '')} {css}".strip()}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    if unlabeled and not is_check and "placeholder" not in widget.attrs:
        attrs["placeholder"] = bound_field.label
    return {
        "field": bound_field,
        "widget_html": bound_field.as_widget(attrs=attrs),
        "is_group": False,
        "is_check": is_check,
        "is_hidden": bound_field.is_hidden,
        "described_by": "",
    }


@register.filter
def add_class(bound_field, css_class):
    """Render a bound field's widget with an extra CSS class (for compact filter bars)."""
    existing = bound_field.field.widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{existing} {css_class}".strip()})


@register.filter(is_safe=True, needs_autoescape=True)
def elide(text, name, autoescape=True):
    """French elision before ``name`` in a translated sentence: ``{% blocktranslate with name=x asvar text %}...
    {% endblocktranslate %}{{ text|elide:x }}`` reads "la charte d'Agathe", not "de Agathe" (network/french.py).
    Chain it for several names; the name is matched escaped, as ``blocktranslate`` wrote it."""
    return french.elide(text, conditional_escape(name) if autoescape else name)
