#!/bin/sh
# check-symbols.sh NM LIBHTMPL.so HEADER: the shared library exports only htmpl_* names (no
# internal hv_/hexec_ ... and no symbols of the static libraries it links), and every
# function htmpl.h declares is exported. Prints the offenders and exits 1.
set -eu
nm=$1 lib=$2 header=$3
exported=$("$nm" -D --defined-only "$lib" | awk '{print $NF}' | sort -u)
stray=$(printf '%s\n' "$exported" | grep -v '^htmpl_' || true)
declared=$(sed -n 's/^HTMPL_API[^(]*[ *]\(htmpl_[a-z0-9_]*\)(.*/\1/p' "$header" | sort -u)
missing=$(printf '%s\n' "$declared" | while read -r f; do
	printf '%s\n' "$exported" | grep -qx "$f" || echo "$f"; done)
[ -n "$declared" ] || { echo "check-symbols: no HTMPL_API declarations found in $header"; exit 1; }
rc=0
if [ -n "$stray" ]; then echo "exported but not htmpl_*:"; printf '  %s\n' $stray; rc=1; fi
if [ -n "$missing" ]; then echo "declared in htmpl.h but not exported:"; printf '  %s\n' $missing; rc=1; fi
[ $rc = 0 ] && echo "check-symbols: $(printf '%s\n' "$exported" | wc -l) symbols, all htmpl_*, all declared ones present"
exit $rc
