#!/bin/bash
# tests/cli/completion.bash HTMPL - loads `htmpl completion bash` into this bash and drives it
# as bash does on TAB: `complete -p htmpl` names the function, which is called with
# COMP_WORDS/COMP_CWORD set and must fill COMPREPLY.
set -u
htmpl=$1
fail=0
source <("$htmpl" completion bash) || { echo "FAIL: script does not load"; exit 1; }
spec=$(complete -p htmpl) || { echo "FAIL: complete -p htmpl: no completion"; exit 1; }
fn=$(sed -n 's/.*-F \([^ ]*\).*/\1/p' <<<"$spec")
[ -n "$fn" ] || { echo "FAIL: no function in: $spec"; exit 1; }

# expect WANT WORD... : complete the last word, WANT must be among COMPREPLY (or "!X": not)
expect() {
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" htmpl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
	local got=" ${COMPREPLY[*]} "
	if [[ $want == !* ]]; then
		[[ $got != *" ${want#!} "* ]] && return
	else
		[[ $got == *" $want "* ]] && return
	fi
	echo "FAIL: '$*' -> [${COMPREPLY[*]}], want $want"
	fail=1
}
expect template htmpl te
expect lint htmpl l
expect completion htmpl comp
expect --include-crds htmpl template rel c --incl
expect --post-renderer-args htmpl template --post
expect --namespace htmpl template --names
expect --strict htmpl lint --st
expect '!--include-crds' htmpl lint --incl
expect --kube-context htmpl lint --kube-con
expect bash htmpl completion ba
cd "$(mktemp -d)" && touch values-one.yaml
expect values-one.yaml htmpl template rel c -f values-o
rm -f values-one.yaml
[ $fail = 0 ] && echo "bash completion: all cases pass"
exit $fail
