"""A service's refusal shown to the person who asked: on the form they filled in (each message
beside the field it names, the rest above the form), or, for a button posted from a record
page, as messages on the page they are sent back to.

Services refuse with a ValidationError, naming fields where the input was wrong; a few raise
an exception of their own whose text is the message (the workflow engine's WorkflowError,
duty's YearClosedError), and a PermissionDenied's text is shown the same way.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def messages_of(error: Exception) -> list[str]:
    """What the refusal says, one text per message."""
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error)]


def show_on_form(form: BaseForm, error: Exception) -> None:
    """Field errors go to the field they name when the form has it; the rest above the form.
    A ValidationError keeps its code there, so a page can answer a throttle with 429."""
    if not isinstance(error, ValidationError):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def show_as_messages(request: HttpRequest, error: Exception) -> None:
    for text in messages_of(error):
        messages.error(request, text)


def show_form_errors_as_messages(request: HttpRequest, form: BaseForm) -> None:
    """A form posted from a record page is not shown again: each error becomes a message
    naming the field ("标题：……")."""
    for field, texts in form.errors.items():
        label = form[field].label if field in form.fields else ""
        for text in texts:
            messages.error(request, f"{label}：{text}" if label else text)
