from django import forms, template

register = template.Library()

_CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.inclusion_tag("components/field.html")
def render_field(bound_field, unlabeled=False):
    """One form field the accessible way: label, hint and error tied to the input by aria-describedby."""
    widget = bound_field.field.widget
    is_check = isinstance(widget, _CHECK_WIDGETS)
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
        "is_check": is_check,
        "is_hidden": bound_field.is_hidden,
    }
