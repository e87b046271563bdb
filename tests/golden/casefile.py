"""casefile.py - parse htmpl golden case files and materialise cases as charts.

A case file (tests/golden/cases/<area>.case) holds many small charts, each
rendered by `helm template rel c --namespace ns ARGS` to record the expected
output (see regen) and by `htmpl render c --release-name rel --namespace ns
ARGS` to check it (see run).

Format (bytes are taken verbatim; only '\\n' ends a line):

    # comment lines before the first case are ignored
    === case-name
    --- t.yaml
    a: {{ .Values.x | quote }}
    --- values.yaml
    x: 1
    --- args
    --set y=2
    === next-case

* `=== NAME` starts a case; NAME matches [A-Za-z0-9_.-]+ and is unique in
  its file.  Between the `===` line and the first `---` line only blank
  lines and `#` comment lines are allowed.
* `--- PATH` starts a file of the chart.  Its content is every following line
  up to the next line that starts with `--- ` or `=== ` (or the end of the
  file), including the final newline.  `--- PATH -n` drops that final
  newline.
* PATH is relative to the chart directory `c`.  A bare name (no `/`) means
  `templates/NAME`, except these names, which stay at the chart root:
  Chart.yaml, Chart.lock, values.yaml, values.schema.json, .helmignore,
  requirements.yaml, requirements.lock, README.md, LICENSE, and any bare
  name starting with `values` or `extra` (`values-dev.yaml`, `extra.yaml`).
  Write `./NAME` to put any other file at the root (`./a.txt`).
* `--- args` holds extra command-line arguments, split like a POSIX shell
  (shlex); several lines are joined.  Paths in it are relative to the
  directory that contains `c` (so `-f c/extra.yaml` works).
* A default Chart.yaml (apiVersion v2, name c, version 0.1.0) is added unless
  the case gives one, or gives files under `Chart.yaml/` (Chart.yaml is then a
  directory).
"""

import os
import re
import shlex

DEFAULT_CHART_YAML = b"apiVersion: v2\nname: c\nversion: 0.1.0\n"

NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")

ROOT_NAMES = {
    "Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json",
    ".helmignore", "requirements.yaml", "requirements.lock", "README.md",
    "LICENSE",
}


class CaseError(Exception):
    """A malformed case file; the message starts with FILE:LINE."""


class Case:
    """One case: area (file stem), name, files {relpath: bytes}, args [str]."""

    def __init__(self, area, name, path, line):
        self.area = area
        self.name = name
        self.path = path          # the case file
        self.line = line          # line of the `===` header
        self.files = {}           # chart-relative path -> content bytes
        self.args = []            # extra arguments (list of str)

    @property
    def id(self):
        return "%s/%s" % (self.area, self.name)

    def __repr__(self):
        return "Case(%s)" % self.id


def chart_path(name):
    """Map a `--- PATH` name to a path relative to the chart directory."""
    if name.startswith("./"):
        return name[2:]
    if "/" in name:
        return name
    if name in ROOT_NAMES or name.startswith("values") or name.startswith("extra"):
        return name
    return "templates/" + name


def _lines(data):
    """Split bytes into lines that keep their '\\n' (only '\\n' splits)."""
    start = 0
    n = len(data)
    while start < n:
        end = data.find(b"\n", start)
        if end < 0:
            yield data[start:]
            return
        yield data[start:end + 1]
        start = end + 1


def _check_path(where, rel):
    parts = rel.split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise CaseError("%s: bad file path %r" % (where, rel))


def _finish_section(case, section, body, where):
    """Store the section that just ended into case."""
    if section is None:
        return
    name, chomp = section
    content = b"".join(body)
    if chomp and content.endswith(b"\n"):
        content = content[:-1]
    if name == "args":
        try:
            text = content.decode("utf-8")
            case.args = shlex.split(text.replace("\n", " "))
        except (ValueError, UnicodeDecodeError) as e:
            raise CaseError("%s: bad args: %s" % (where, e))
        return
    rel = chart_path(name)
    _check_path(where, rel)
    if rel in case.files:
        raise CaseError("%s: file %s given twice" % (where, rel))
    case.files[rel] = content


def parse_bytes(data, path="<case>", area=None):
    """Parse case-file bytes into a list of Case objects (in file order)."""
    if area is None:
        area = os.path.splitext(os.path.basename(path))[0]
    cases = []
    seen = set()
    case = None
    section = None      # (name, chomp) of the open `---` section
    section_line = 0
    body = []
    for lineno, line in enumerate(_lines(data), 1):
        where = "%s:%d" % (path, lineno)
        if line.startswith(b"=== ") or line.startswith(b"--- "):
            if case is not None:
                _finish_section(case, section, body, "%s:%d" % (path, section_line))
            section, body = None, []
            head = line[4:].decode("utf-8", "replace").strip()
            if line.startswith(b"=== "):
                if not NAME_RE.match(head):
                    raise CaseError("%s: bad case name %r" % (where, head))
                if head in seen:
                    raise CaseError("%s: duplicate case name %r" % (where, head))
                seen.add(head)
                case = Case(area, head, path, lineno)
                cases.append(case)
                continue
            if case is None:
                raise CaseError("%s: file section before the first case" % where)
            words = head.split()
            if not words or len(words) > 2 or (len(words) == 2 and words[1] != "-n"):
                raise CaseError("%s: bad section header %r" % (where, head))
            section = (words[0], len(words) == 2)
            section_line = lineno
            continue
        if section is not None:
            body.append(line)
            continue
        stripped = line.strip()
        if case is not None and stripped and not stripped.startswith(b"#"):
            raise CaseError("%s: text outside a `---` section" % where)
    if case is not None:
        _finish_section(case, section, body, "%s:%d" % (path, section_line))
    for c in cases:
        # a case with files under Chart.yaml/ wants Chart.yaml to be a directory
        if "Chart.yaml" not in c.files and \
                not any(k.startswith("Chart.yaml/") for k in c.files):
            c.files["Chart.yaml"] = DEFAULT_CHART_YAML
    return cases


def parse_file(path):
    """Parse one .case file."""
    with open(path, "rb") as f:
        return parse_bytes(f.read(), path)


def materialise(case, dest):
    """Write case's chart as DEST/c (DEST is created); returns DEST/c."""
    chart = os.path.join(dest, "c")
    os.makedirs(chart, exist_ok=True)
    for rel, content in case.files.items():
        full = os.path.join(chart, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content)
    return chart


# ---- chart argument lists (tests/golden/<area>.args) -----------------------
#
# Real charts under charts/<area> are tested with a list of variants, one per
# line: `NAME ARGS...` (shell words).  The chart is rendered from the repository
# root as `charts/<area>`, so paths such as `-f charts/todo-app/values-dev.yaml`
# work.  Blank lines and `#` comments are ignored.

class ArgsCase:
    """One variant of a real chart: area, name, chart dir (relative), args."""

    def __init__(self, area, name, chart, args, path, line):
        self.area = area
        self.name = name
        self.chart = chart
        self.args = args
        self.path = path
        self.line = line

    @property
    def id(self):
        return "%s/%s" % (self.area, self.name)

    def __repr__(self):
        return "ArgsCase(%s)" % self.id


def parse_args_file(path):
    area = os.path.splitext(os.path.basename(path))[0]
    out = []
    seen = set()
    with open(path, "r", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            where = "%s:%d" % (path, lineno)
            try:
                words = shlex.split(text)
            except ValueError as e:
                raise CaseError("%s: %s" % (where, e))
            name = words[0]
            if not NAME_RE.match(name) or name in seen:
                raise CaseError("%s: bad or duplicate variant name %r" % (where, name))
            seen.add(name)
            out.append(ArgsCase(area, name, "charts/" + area, words[1:], path, lineno))
    return out


MODES = (3, 4)


def expected_dir(mode):
    """The directory of a mode's recordings: `expected` holds helm 3.17.3's output of every
    case, `expected4` helm 4.1.4's, only for the cases where it differs from helm 3.17.3's."""
    return "expected" if mode == 3 else "expected4"


def expected_paths(root, case, mode=3):
    """(out, err) paths of a case's recording for MODE under tests/golden/expected[4]."""
    base = os.path.join(root, expected_dir(mode), case.area, case.name)
    return base + ".out", base + ".err"


def parse_modes(text):
    """`--mode 3|4|both` as a tuple of modes."""
    if text == "both":
        return MODES
    if text in ("3", "4"):
        return (int(text),)
    raise ValueError("--mode must be 3, 4 or both, not %r" % text)


# ---- discovery and running, shared by regen and run ------------------------

def golden_dir():
    return os.path.dirname(os.path.abspath(__file__))


def repo_root():
    return os.path.dirname(os.path.dirname(golden_dir()))


def source_files(gdir, selected=None):
    """The case and args files to use: SELECTED (paths) or all of them."""
    if selected:
        return [os.path.abspath(p) for p in selected]
    cdir = os.path.join(gdir, "cases")
    files = []
    if os.path.isdir(cdir):
        files += [os.path.join(cdir, f) for f in sorted(os.listdir(cdir)) if f.endswith(".case")]
    files += [os.path.join(gdir, f) for f in sorted(os.listdir(gdir)) if f.endswith(".args")]
    return files


def load(path):
    """Cases of one .case or .args file."""
    if path.endswith(".args"):
        return parse_args_file(path)
    return parse_file(path)


def clean_env(home):
    """A minimal environment: no HELM_*/KUBECONFIG, fixed TZ and HOME."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TZ": "UTC",
        "LANG": "C",
        "LC_ALL": "C",
    }


def prepare(case, tmproot, rroot):
    """Materialise CASE under TMPROOT; return (cwd, chart argument)."""
    if isinstance(case, ArgsCase):
        return rroot, case.chart
    dest = os.path.join(tmproot, case.area, case.name)
    materialise(case, dest)
    return dest, "c"


def first_line(data):
    """The first line of stderr bytes, decoded, without its newline."""
    return data.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
