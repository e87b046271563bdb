#!/usr/bin/env python3
"""values_table.py - the "Values" table of charts/todo-app/README.md, from values.yaml.

Usage: tests/todo-app/values_table.py [--check]

Every key documented in values.yaml with a `# -- text` comment (continued by
further `#` lines) becomes one row: key path, default, text.  A default that is a
block (a map or list below the key) shows as "see values.yaml".  With --check it
compares the table with the one in the README (between the markers
`<!-- values-table -->` and `<!-- /values-table -->`) and exits 1 if they differ;
without it, it rewrites the README's table.  values.yaml is read line by line (it
keeps to one style: two-space indents, one key per line), so no YAML module is
needed.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHART = os.path.join(ROOT, "charts", "todo-app")
BEGIN, END = "<!-- values-table -->", "<!-- /values-table -->"


def rows(path):
    out, stack, doc = [], [], None
    lines = open(path).read().split("\n")
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("# --"):
            doc = [s[4:].strip()]
            continue
        if s.startswith("#"):
            if doc is not None:
                doc.append(s[1:].strip())
            continue
        m = re.match(r"^( *)([A-Za-z0-9_.]+):(.*)$", line)
        if not m:
            if not s.startswith("- "):
                doc = None
            continue
        depth = len(m.group(1)) // 2
        stack = stack[:depth] + [m.group(2)]
        value = m.group(3).strip()
        if doc is not None:
            if value == "":
                shown = "see values.yaml"
            else:
                shown = "`%s`" % value
            text = " ".join(doc).replace("|", "\\|")
            out.append("| `%s` | %s | %s |" % (".".join(stack), shown, text))
        doc = None
    return out


def table():
    return "\n".join(["| Key | Default | Description |", "|---|---|---|"] + rows(os.path.join(CHART, "values.yaml")))


def main():
    readme = os.path.join(CHART, "README.md")
    text = open(readme).read()
    a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
    want = "\n" + table() + "\n"
    if "--check" in sys.argv[1:]:
        if text[a:b] != want:
            print("charts/todo-app/README.md: the Values table is out of date; run tests/todo-app/values_table.py")
            return 1
        return 0
    with open(readme, "w") as f:
        f.write(text[:a] + want + text[b:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
