"""What a step that cannot be taken raises; the message is shown to the person as it is."""


class WorkflowError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AlreadyHandled(WorkflowError):
    """Someone else moved the record while this person was looking at it."""


class MissingReason(WorkflowError):
    """The step asks for a written reason and none was given: bad input, not a conflict."""
