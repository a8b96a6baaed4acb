from django import forms

from ..notifications import CHOOSABLE
from ..notifications.mandatory import KindSetting


def field_name(kind_key: str) -> str:
    return kind_key.replace(".", "__")


class NotificationSettingsForm(forms.Form):
    """One row of channel boxes per kind; a channel the office makes mandatory is shown
    ticked and cannot be unticked (its box is disabled, and cleaned back in)."""

    def __init__(self, *args, settings: list[KindSetting], **kwargs):
        super().__init__(*args, **kwargs)
        self.settings = settings
        for row in settings:
            self.fields[field_name(row.kind.key)] = forms.MultipleChoiceField(
                label=row.kind.label,
                choices=[(c.value, c.label) for c in CHOOSABLE],
                initial=sorted(row.chosen),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def choices(self) -> dict[str, set[str]]:
        """Per kind key, the channels ticked plus the mandatory ones."""
        return {
            row.kind.key: set(self.cleaned_data[field_name(row.kind.key)]) | row.mandatory
            for row in self.settings
        }

    def rule_value(self) -> dict[str, list[str]]:
        """The office's form as the mandatory-channels rule stores it."""
        return {key: sorted(channels) for key, channels in self.choices().items() if channels}
