#!/usr/bin/env python3
"""make-seeds.py - builds fuzzing seed corpora from the golden cases.

    python3 fuzz/make-seeds.py OUTDIR [--sample N]

Writes OUTDIR/<target>/ for each harness (the first byte of every seed is the harness's
option byte, see the comment at the top of fuzz/fuzz_<target>.c):
  template  every template of every case, plain with data (0x03) and in Helm mode (0x07)
  yaml      every values file (mode 0) and, as JSON/TOML-looking files, modes 3 and 4
  set       the --set family arguments of every case, one flag per line (option 0x03)
  chart     every case as a whole chart in the case format (form 0)
With --sample N only every Nth seed is kept (the committed fuzz/corpus/ uses a sample; a fuzzing
run uses the full set). File names are content hashes, so reruns do not duplicate seeds.
"""
import hashlib
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "golden"))
import casefile  # noqa: E402

SET_KINDS = {"--set": 0, "--set-string": 1, "--set-json": 2, "--set-file": 3, "--set-literal": 4}


def set_lines(args):
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        name, eq, val = a.partition("=")
        if name in SET_KINDS:
            if not eq:
                i += 1
                val = args[i] if i < len(args) else ""
            out.append(bytes([ord("0") + SET_KINDS[name]]) + val.encode())
        i += 1
    return out


def case_text(c):
    parts = []
    for rel, content in sorted(c.files.items()):
        base = rel[len("templates/"):]
        if rel.startswith("templates/") and "/" not in base:
            name = base
        elif casefile.chart_path(rel) == rel:
            name = rel
        else:
            name = "./" + rel
        parts.append(b"--- " + name.encode() + b"\n" + content)
        if not content.endswith(b"\n"):
            parts.append(b"\n")
    return b"".join(parts)


def seeds():
    cdir = os.path.join(HERE, "..", "tests", "golden", "cases")
    for fn in sorted(os.listdir(cdir)):
        if not fn.endswith(".case"):
            continue
        for c in casefile.parse_file(os.path.join(cdir, fn)):
            for rel, content in sorted(c.files.items()):
                if rel.startswith("templates/") or rel.endswith(".tpl"):
                    yield "template", b"\x03" + content
                    yield "template", b"\x07" + content
                elif rel.endswith((".yaml", ".yml")) and rel != "Chart.yaml":
                    yield "yaml", b"\x00" + content
                    yield "yaml", b"\x07" + content
                elif rel.endswith(".json"):
                    yield "yaml", b"\x03" + content
                elif rel.endswith(".toml"):
                    yield "yaml", b"\x04" + content
            lines = set_lines(c.args)
            if lines:
                yield "set", b"\x03" + b"\n".join(lines)
            yield "chart", b"\x00" + case_text(c)


def main():
    out = sys.argv[1]
    sample = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else 1
    count = {}
    for target, data in seeds():
        n = count.get(target, 0)
        count[target] = n + 1
        if n % sample:
            continue
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    for t, n in sorted(count.items()):
        print("%s: %d seeds" % (t, (n + sample - 1) // sample))


if __name__ == "__main__":
    main()
