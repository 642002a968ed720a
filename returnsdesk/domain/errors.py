"""The one exception family for input the app refuses.

Every rule that rejects what a user (or a file) gave raises a subclass of
``InputError`` with a message meant for that user; screens and the command
line show the message as is and change nothing.
"""


class InputError(ValueError):
    """Input the app refuses; ``str(error)`` is the message for the user."""
