"""What a step that cannot be taken raises; the message is shown to the person as it is."""


class WorkflowError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyHandled(WorkflowError):
    """Someone else moved the record while this person was looking at it."""


class InvalidInput(WorkflowError):
    """What the person gave the service is wrong (a choice not offered, a text left empty):
    bad input, not a conflict, and `field` names the input. A WorkflowError, so the pages that
    show a refused step show it exactly as before; the API answers it with 400 on the field,
    where a step no longer allowed is a 409."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


class MissingReason(InvalidInput):
    """The step asks for a written reason and none was given."""

    def __init__(self, message: str):
        super().__init__(message, field="reason")
