"""An unknown template variable fails the test that renders it.

pyproject.toml turns on pytest-django's ``--fail-on-template-vars`` for the whole suite: the
template engine's ``string_if_invalid`` becomes an object that calls ``pytest.fail``. These
tests fail when the option is switched off, or when a Django template engine renders without it.
"""

import pytest
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import render_to_string

UNDEFINED = pytest.fail.Exception  # what pytest-django raises for an unknown variable


def django_engines() -> list[str]:
    return [engine.name for engine in engines.all() if isinstance(engine, DjangoTemplates)]


def render(source: str, context: dict | None = None, engine: str = "django") -> str:
    return engines[engine].from_string(source).render(context or {})


def test_the_option_is_on_in_every_django_engine():
    # pytest-django arms the first engine of TEMPLATES only: a second one would render unchecked.
    assert django_engines()
    for engine in django_engines():
        with pytest.raises(UNDEFINED, match="Undefined template variable 'missing'"):
            render("<p>{{ missing }}</p>", engine=engine)


@pytest.mark.parametrize(
    "source",
    [
        "{{ known.missing }}",
        "{{ nothing.name }}",  # an attribute of None, as of an optional foreign key
        '{{ missing|default:"–" }}',  # |default does not help: it never sees the variable
        "{% url 'home' missing %}",
        "{% load i18n %}{% blocktranslate with n=missing %}Hi {{ n }}{% endblocktranslate %}",
    ],
)
def test_unknown_variables_fail_wherever_they_are(source):
    with pytest.raises(UNDEFINED, match="Undefined template variable"):
        render(source, {"known": object(), "nothing": None})


def test_unknown_variables_fail_in_the_portal_templates():
    assert render_to_string("emails/guide_invitation_subject.txt", {"portal_name": "Portal"})
    with pytest.raises(
        UNDEFINED, match=r"'portal_name' in '.*emails/guide_invitation_subject\.txt'"
    ):
        render_to_string("emails/guide_invitation_subject.txt", {"portal": "Portal"})


def test_tags_that_expect_absence_do_not_fail():
    source = (
        "{% if missing %}x{% endif %}{% firstof missing 'none' %}{% for x in missing %}{% endfor %}"
    )
    assert render(source) == "none"


@pytest.mark.ignore_template_errors
def test_the_marker_renders_unknown_variables_empty_as_in_production():
    assert render("<p>{{ missing }}</p>") == "<p></p>"
