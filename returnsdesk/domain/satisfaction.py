"""Customer satisfaction survey: two marks from 1 to 5 and a comment, typed or pasted.

The survey message (template ``satisfaction_survey``) asks two questions — how
easy the return was, and how satisfied the customer is with the outcome — and
invites a reply such as ``Ease: 4  Outcome: 5`` followed by a comment. A pasted
reply is read here; what cannot be read with confidence is left for the user to
fill in, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from returnsdesk.domain.errors import InputError
from returnsdesk.domain.i18n import t

MAX_COMMENT = 4000

_EASE = r"(?:ease|easy|facilit[ée]|simplicit[ée]|simple)"
_OUTCOME = r"(?:outcome|result|satisf\w*|r[ée]sultat|solution)"
_MARK = r"[^0-9\n]{0,40}?([1-5])(?:\s*/\s*5)?(?![0-9])"
_QUOTED = re.compile(r"^\s*>")
_COMMENT = re.compile(r"^\s*(?:comments?|commentaires?)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class SurveyMarks:
    ease: int
    outcome: int
    comment: str = ""

    def __post_init__(self) -> None:
        for name in ("ease", "outcome"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise InputError(
                    t("The {name} mark must be a whole number from 1 to 5.", name=name)
                )
        if len(self.comment) > MAX_COMMENT:
            raise InputError(
                t(
                    "The comment is too long (at most {max_comment:,} characters).",
                    max_comment=MAX_COMMENT,
                )
            )


@dataclass(frozen=True)
class ParsedReply:
    """What could be read from a pasted reply; ``None`` where nothing clear was found."""

    ease: int | None
    outcome: int | None
    comment: str


def parse_reply(text: str) -> ParsedReply:
    """Read the two marks and the comment from a customer's reply (English or French).

    Lines quoted from our own message (starting with ``>``) are ignored. A mark
    is the first digit 1–5 after the question's key word on the same line. The
    comment is what remains once the mark lines are removed.
    """
    lines = [line for line in (text or "").splitlines() if not _QUOTED.match(line)]
    ease = outcome = None
    rest = []
    for line in lines:
        used = False
        if ease is None:
            found = re.search(_EASE + _MARK, line, re.IGNORECASE)
            if found:
                ease, used = int(found.group(1)), True
        if outcome is None:
            found = re.search(_OUTCOME + _MARK, line, re.IGNORECASE)
            if found:
                outcome, used = int(found.group(1)), True
        if not used:
            rest.append(line)
    labelled = [i for i, line in enumerate(rest) if _COMMENT.match(line)]
    if labelled:  # what follows "Comment:" is the comment; a greeting before it is not
        rest = rest[labelled[0] :]
        rest[0] = _COMMENT.sub("", rest[0], count=1)
    comment = "\n".join(rest).strip()
    return ParsedReply(ease, outcome, comment[:MAX_COMMENT].strip())
