from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import (
    NeedsAnswer,
    Question,
    QuestionKind,
)
from organisations.models.needs import SCALE_MAX, SCALE_MIN


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question of the version, filled with the saved draft. No field is
    required here: a draft may be partial; the service checks required questions on
    submission."""

    def __init__(
        self,
        *args,
        questions: list[Question],
        answers: dict[int, NeedsAnswer],
        read_only: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            answer = answers.get(question.pk)
            label = question.text + (" *" if question.required else "")
            common = {"label": label, "required": False, "help_text": question.help_text,
                      "disabled": read_only}  # fmt: skip
            options = list(question.options.all())
            if question.kind == QuestionKind.CHOOSE_ONE:
                field: forms.Field = forms.TypedChoiceField(
                    choices=[(str(o.pk), o.label) for o in options],
                    widget=forms.RadioSelect,
                    coerce=int,
                    empty_value=None,
                    **common,
                )
                chosen = [o.pk for o in answer.options.all()] if answer else []
                initial = chosen[0] if chosen else None
            elif question.kind == QuestionKind.CHOOSE_SEVERAL:
                field = forms.TypedMultipleChoiceField(
                    choices=[(str(o.pk), o.label) for o in options],
                    widget=forms.CheckboxSelectMultiple,
                    coerce=int,
                    **common,
                )
                initial = [o.pk for o in answer.options.all()] if answer else []
            elif question.kind == QuestionKind.SCALE:
                field = forms.TypedChoiceField(
                    choices=[(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                    coerce=int,
                    empty_value=None,
                    **common,
                )
                initial = answer.scale if answer else None
            else:
                field = forms.CharField(
                    max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common
                )
                initial = answer.text if answer else ""
            field.initial = initial
            field.question = question  # type: ignore[attr-defined]
            field.option_by_pk = {o.pk: o for o in options}  # type: ignore[attr-defined]
            self.fields[field_name(question)] = field

    def values(self) -> dict:
        """The answers as ``services.save_answers`` takes them: question pk → value."""
        values: dict = {}
        for name, field in self.fields.items():
            question = field.question
            value = self.cleaned_data.get(name)
            if question.kind == QuestionKind.CHOOSE_ONE:
                values[question.pk] = field.option_by_pk.get(value) if value else None
            elif question.kind == QuestionKind.CHOOSE_SEVERAL:
                values[question.pk] = [field.option_by_pk[pk] for pk in value or []]
            else:
                values[question.pk] = value
        return values

    def bound_questions(self):
        return [self[field_name(question)] for question in self.questions]


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.fields["organisations"].label_from_instance = lambda o: f"{o.name} ({o.region.name})"
