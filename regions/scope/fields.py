"""The form field for one region: a select in a network of a few hundred, a name beyond."""

from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import NameOrChoiceField


class RegionField(NameOrChoiceField):
    """One region. A network a thousand times the demo's size has 16,016 regions: listing them
    would put 1.5 MB of options in every form, so beyond ``many`` the region's name is typed.

    For a model form: ``Meta.field_classes = {"region": RegionField}``.
    """

    default_error_messages = {
        "no_match": _("No region is called “%(value)s”."),
        "several": _(
            "“%(value)s” is part of several regions' names: %(names)s. Please type more of it."
        ),
    }
