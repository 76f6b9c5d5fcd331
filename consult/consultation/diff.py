"""A readable word-level difference between two texts, as safe HTML with <del> and <ins>."""

import difflib
import re

from markupsafe import escape

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def word_diff_html(before: str, after: str) -> str:
    """Return ``after`` compared to ``before`` word by word: removed words in <del>, added ones in <ins>.

    Line breaks are kept as <br>; every piece of text is escaped, so the result is safe to show.
    """
    old, new = _tokens(before), _tokens(after)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(_html("".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{_html(''.join(old[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_html(''.join(new[j1:j2]))}</ins>")
    return "".join(out)


def has_changed(before: str, after: str) -> bool:
    """Whether two texts differ by more than surrounding whitespace."""
    return (before or "").strip() != (after or "").strip()


def _html(text: str) -> str:
    return str(escape(text)).replace("\n", "<br>\n")
