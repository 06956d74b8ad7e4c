"""Replaces the text between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in a README:
the one way summary.py and update_readme.py publish generated tables."""
import re


def replace_between_markers(readme, name, body):
    """Writes `body` between the `name` markers of the file `readme`, keeping the markers."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = open(readme).read()
    if begin not in text or end not in text:
        raise SystemExit(f"{readme}: markers {begin} … {end} not found")
    new = re.sub(re.escape(begin) + r"(?s:.*)" + re.escape(end),
                 lambda _: begin + "\n" + body + end, text)
    open(readme, "w").write(new)
