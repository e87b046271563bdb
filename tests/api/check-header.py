#!/usr/bin/env python3
"""check-header.py CC [CXX] -- -I... : compiles header_use.c against include/htmpl.h as C99,
C11 and C17, and as C++11 and C++17 when a C++ compiler is given, each with -pedantic -Wall
-Wextra -Werror; prints each compiler's complaints and exits 1 when any fails. C++ is
skipped (and said so) when no C++ compiler was found."""
import os, subprocess, sys

args = sys.argv[1:]
sep = args.index('--')
cc, cxx, incs = args[0], (args[1] if sep > 1 and args[1] else None), args[sep + 1:]
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'header_use.c')
strict = ['-pedantic', '-Wall', '-Wextra', '-Werror', '-fsyntax-only']
runs = [([cc, '-std=' + s], s) for s in ('c99', 'c11', 'c17')]
if cxx:
    runs += [([cxx, '-x', 'c++', '-std=' + s], s) for s in ('c++11', 'c++17')]
else:
    print('check-header: no C++ compiler, C++ skipped')
bad = 0
for cmd, name in runs:
    p = subprocess.run(cmd + strict + incs + [src], capture_output=True, text=True)
    print(('ok   ' if p.returncode == 0 else 'FAIL ') + name)
    if p.returncode:
        bad += 1
        sys.stdout.write(p.stderr)
sys.exit(1 if bad else 0)
