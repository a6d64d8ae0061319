"""The form renderer: Django's, except that a select's options are written in Python.

Django renders every ``<option>`` through two included templates. That is invisible for ten
choices and costs some 50 ms for the 1,600 regions a network 100 times the demo's has, on every
list page with a region filter and every public form with a region field. The HTML is the same
as Django's templates write (``django/forms/widgets/select.html``, ``select_option.html`` and
``attrs.html``); a project template overriding those would be bypassed, and there is none.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option: dict) -> str:
    return (
        f'\n  <option value="{conditional_escape(str(option["value"]))}"'
        f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
    )  # the newline that ends Django's option template


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        parts.extend(_option(option) for option in group_choices)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # every value in it was escaped above


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        # A widget whose options have a template of their own keeps Django's way.
        if template_name == SELECT_TEMPLATE and all(
            option["template_name"] == OPTION_TEMPLATE
            for _name, choices, _index in context["widget"]["optgroups"]
            for option in choices
        ):
            return render_select(context["widget"])
        return super().render(template_name, context, request)
