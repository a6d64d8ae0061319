"""The form renderer writes selects itself (lotsen.core.renderers), byte for byte as Django's
templates do."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from lotsen.core.renderers import FormRenderer

DJANGO = DjangoTemplates()
OURS = FormRenderer()

CHOICES = [
    ("", "alle Regionen"),
    ("1", "Aachen"),
    ("2", 'Köln & "Umland" <Süd>'),
    ("Nordrhein-Westfalen", [("3", "Bergisches Städtedreieck"), ("4", "Düsseldorf")]),
]


class Choice(forms.Form):
    region = forms.ChoiceField(choices=CHOICES, required=False)
    regions = forms.MultipleChoiceField(choices=CHOICES[1:], required=True)
    level = forms.TypedChoiceField(
        choices=[(1, "A1"), (2, "A2")],
        coerce=int,
        widget=forms.Select(attrs={"aria-describedby": "hint", "disabled": True, "data-x": False}),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"region": "2", "regions": ["1", "4"], "level": "2"},
        {"region": "<script>", "regions": [], "level": ""},
    ],
)
def test_selects_come_out_as_djangos_templates_write_them(data):
    ours, djangos = Choice(data=data, renderer=OURS), Choice(data=data, renderer=DJANGO)
    for name in ours.fields:
        assert ours[name].as_widget() == djangos[name].as_widget()


def test_a_region_and_its_name_are_escaped():
    html = Choice(data={"region": "2"}, renderer=OURS)["region"].as_widget()
    assert '<option value="2" selected>Köln &amp; &quot;Umland&quot; &lt;Süd&gt;</option>' in html
    assert '<optgroup label="Nordrhein-Westfalen">' in html


def test_the_portal_renders_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
