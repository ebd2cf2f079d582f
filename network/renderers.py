from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """``{{ form }}`` renders with the portal's accessible components (error summary, labelled fields)."""

    form_template_name = "components/form.html"
