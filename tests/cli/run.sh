#!/bin/sh
# tests/cli/run.sh HTMPL - the command line: exit codes, flags, argument order and stderr.
# Expected texts are helm 3.17.3's where helm has one (see cmd/helm/template.go): the checks
# run with HTMPL_HELM=3, except those of the --helm switch itself.
set -u
htmpl=$1
HTMPL_HELM=3
export HTMPL_HELM
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0

# check NAME WANT_RC STDOUT_GREP STDERR_GREP -- CMD...
check() {
	name=$1 want=$2 outpat=$3 errpat=$4
	shift 5
	"$@" >"$t/out" 2>"$t/err"
	rc=$?
	ok=1
	[ "$rc" -eq "$want" ] || ok=0
	if [ -n "$outpat" ] && ! grep -q -e "$outpat" "$t/out"; then ok=0; fi
	if [ -n "$errpat" ] && ! grep -q -e "$errpat" "$t/err"; then ok=0; fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name (rc $rc, want $want)"
		sed 's/^/  out: /' "$t/out" | head -5
		sed 's/^/  err: /' "$t/err" | head -5
	fi
}

mkdir -p "$t/c/templates" "$t/bad/templates" "$t/req/templates"
printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$t/c/Chart.yaml"
printf 'x: default\n' >"$t/c/values.yaml"
cat >"$t/c/templates/t.yaml" <<'T'
kind: ConfigMap
name: {{ .Release.Name }}
ns: {{ .Release.Namespace }}
x: {{ .Values.x }}
up: {{ .Release.IsUpgrade }}
T
cat >"$t/c/templates/hook.yaml" <<'T'
kind: Pod
metadata:
  annotations: {helm.sh/hook: test}
T
printf 'apiVersion: v2\nname: bad\nversion: 0.1.0\n' >"$t/bad/Chart.yaml"
printf 'a: 1\nb: {{ fail "boom" }}\n' >"$t/bad/templates/t.yaml"
printf 'apiVersion: v2\nname: req\nversion: 0.1.0\n' >"$t/req/Chart.yaml"
printf 'a: {{ .Values.x\n' >"$t/req/templates/t.yaml"
printf 'x: from-file\n' >"$t/v1.yaml"
printf 'y: second\n' >"$t/v2.yaml"

check help 0 'Usage' '' -- "$htmpl" --help
check version 0 'htmpl' '' -- "$htmpl" version
# the Helm version switch: --helm 3|4 on every command, HTMPL_HELM, the flag wins, default 4
check helm-env-3 0 'helm v3.17.3' '' -- "$htmpl" version
check helm-flag-4 0 'helm v4.1.4' '' -- "$htmpl" version --helm 4
check helm-flag-eq 0 'helm v4.1.4' '' -- "$htmpl" --helm=4 version
check helm-default-4 0 'helm v4.1.4' '' -- env -u HTMPL_HELM "$htmpl" version
check helm-env-4 0 'helm v4.1.4' '' -- env HTMPL_HELM=4 "$htmpl" version
check helm-flag-wins 0 'helm v3.17.3' '' -- env HTMPL_HELM=4 "$htmpl" version --helm 3
check helm-flag-wins-bad-env 0 'helm v4.1.4' '' -- env HTMPL_HELM=9 "$htmpl" version --helm 4
check helm-bad-flag 1 '' '^Error: invalid argument "5" for "--helm" flag: accepted values are 3 and 4$' -- "$htmpl" render "$t/c" --helm 5
check helm-bad-env 1 '' '^Error: invalid value "v4" for HTMPL_HELM: accepted values are 3 and 4$' -- env HTMPL_HELM=v4 "$htmpl" render "$t/c"
check helm-flag-no-arg 1 '' '^Error: flag needs an argument: --helm' -- "$htmpl" render "$t/c" --helm
check helm-render-3 0 '^name: rel$' '' -- "$htmpl" render "$t/c" --release-name rel --helm 3
check helm-render-4 0 '^name: rel$' '' -- "$htmpl" render --helm 4 "$t/c" --release-name rel
check helm-template-4 0 '^name: rel$' '' -- "$htmpl" template rel "$t/c" --helm=4
check helm-lint-4 0 '1 chart(s) linted, 0 chart(s) failed' '' -- "$htmpl" lint "$t/c" --helm 4
check helm-lint-bad 1 '' 'accepted values are 3 and 4' -- "$htmpl" lint "$t/c" --helm 2
check no-args 0 "Usage" "" -- "$htmpl"
check unknown-command 1 '' '^Error: unknown command "bogus"' -- "$htmpl" bogus
check render-no-chart 1 '' 'requires at least 1 argument' -- "$htmpl" render
check render-missing-dir 1 '' '^Error: ' -- "$htmpl" render "$t/nope"
check unknown-flag 1 '' '^Error: unknown flag: --bogus' -- "$htmpl" render "$t/c" --bogus
check flag-needs-arg 1 '' '^Error: flag needs an argument' -- "$htmpl" render "$t/c" --namespace
check render-ok 0 '^name: release-name$' '' -- "$htmpl" render "$t/c"
check render-release 0 '^name: rel$' '' -- "$htmpl" render "$t/c" --release-name rel
check render-release-eq 0 '^name: rel$' '' -- "$htmpl" render "$t/c" --release-name=rel
check namespace-short 0 '^ns: ns1$' '' -- "$htmpl" render "$t/c" -n ns1
check namespace-attached 0 '^ns: ns2$' '' -- "$htmpl" render "$t/c" -nns2
check namespace-eq 0 '^ns: ns3$' '' -- "$htmpl" render "$t/c" --namespace=ns3
check default-namespace 0 '^ns: default$' '' -- "$htmpl" render "$t/c"
check set 0 '^x: cli$' '' -- "$htmpl" render "$t/c" --set x=cli
check set-eq 0 '^x: cli$' '' -- "$htmpl" render "$t/c" --set=x=cli
check values-file 0 '^x: from-file$' '' -- "$htmpl" render "$t/c" -f "$t/v1.yaml"
check values-csv 0 '^x: from-file$' '' -- "$htmpl" render "$t/c" -f "$t/v2.yaml,$t/v1.yaml"
check values-missing 1 '' '^Error: ' -- "$htmpl" render "$t/c" -f "$t/none.yaml"
check is-upgrade 0 '^up: true$' '' -- "$htmpl" render "$t/c" --is-upgrade
check bool-flag-value 0 '^up: false$' '' -- "$htmpl" render "$t/c" --is-upgrade=false
check bool-flag-bad 1 '' 'invalid argument "maybe"' -- "$htmpl" render "$t/c" --is-upgrade=maybe
check skip-tests 0 '' '' -- "$htmpl" render "$t/c" --skip-tests
if grep -q 'kind: Pod' "$t/out"; then fail=$((fail + 1)); echo "FAIL skip-tests kept the test hook"; else pass=$((pass + 1)); fi
check show-only 0 'hook.yaml' '' -- "$htmpl" render "$t/c" -s templates/hook.yaml
check show-only-missing 1 '' '^Error: could not find template templates/x.yaml in chart$' -- "$htmpl" render "$t/c" -s templates/x.yaml
check kube-version-bad 1 '' "^Error: invalid kube version 'abc': Invalid Semantic Version" -- "$htmpl" render "$t/c" --kube-version abc

# template: helm's argument order
check template-two-args 0 '^name: rel$' '' -- "$htmpl" template rel "$t/c"
check template-one-arg 0 '^name: release-name$' '' -- "$htmpl" template "$t/c"
check template-bad-name 1 '' '^Error: release name "Bad_Name": invalid release name, must match regex' -- "$htmpl" template Bad_Name "$t/c"
check template-empty-name 1 '' '^Error: release name "": no name provided' -- "$htmpl" template "" "$t/c"
check template-too-many 1 '' '^Error: expected at most two arguments, unexpected arguments: x' -- "$htmpl" template a "$t/c" x
check template-generate-and-name 1 '' '^Error: cannot set --generate-name and also specify a name' -- "$htmpl" template a "$t/c" --generate-name
check template-name-template 0 '^name: tpl-rel$' '' -- "$htmpl" template "$t/c" --name-template 'tpl-{{ "rel" }}'
check render-generate-name 0 '^name: c-[0-9]*$' '' -- "$htmpl" render "$t/c" --generate-name

# errors: helm's text, the --debug hint, then the source line with a caret
check fail-message 1 '' '^Error: execution error at (bad/templates/t.yaml:2:6): boom$' -- "$htmpl" render "$t/bad"
check fail-debug-hint 1 '' '^Use --debug flag to render out invalid YAML$' -- "$htmpl" render "$t/bad"
check fail-caret 1 '' '^        \^$' -- "$htmpl" render "$t/bad"
check fail-source 1 '' '^  b: {{ fail "boom" }}$' -- "$htmpl" render "$t/bad"
check parse-error 1 '' '^Error: parse error at (req/templates/t.yaml:' -- "$htmpl" render "$t/req"

# --output-dir writes files and prints `wrote` lines
check output-dir 0 "^wrote $t/od/c/templates/t.yaml$" '' -- "$htmpl" render "$t/c" --output-dir "$t/od"
if grep -q '^# Source: c/templates/t.yaml$' "$t/od/c/templates/t.yaml" 2>/dev/null; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL output-dir file"; fi
check output-dir-release 0 "^wrote $t/o2/rel/c/templates/t.yaml$" '' -- "$htmpl" template rel "$t/c" --output-dir "$t/o2" --release-name

# limit flags (cli/limits.c), before or after the chart, and their environment variables
check limits-help 0 'max-output-bytes' '' -- "$htmpl" --help
check limit-output 1 '' 'exceeds the limit of 10 bytes' -- "$htmpl" render "$t/c" --max-output-bytes 10
check limit-output-eq 1 '' 'exceeds the limit of 10 bytes' -- "$htmpl" render --max-output-bytes=10 "$t/c"
check limit-output-env 1 '' 'exceeds the limit of 10 bytes' -- env HTMPL_MAX_OUTPUT_BYTES=10 "$htmpl" render "$t/c"
check limit-flag-wins 0 '^name: release-name$' '' -- env HTMPL_MAX_OUTPUT_BYTES=10 "$htmpl" render "$t/c" --max-output-bytes 1M
check limit-bad-value 1 '' '^Error: invalid argument "x"' -- "$htmpl" render "$t/c" --max-output-bytes x
check limit-needs-arg 1 '' '^Error: flag needs an argument: --max-output-bytes' -- "$htmpl" render "$t/c" --max-output-bytes

# --validate: the output is printed, findings go to stderr and make the exit status 1
mkdir -p "$t/val/templates"
printf 'apiVersion: v2\nname: val\nversion: 0.1.0\n' >"$t/val/Chart.yaml"
printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: "x"\n' >"$t/val/templates/s.yaml"
check validate-finding 1 '^kind: Service$' 'spec.ports\[0\].port' -- "$htmpl" render "$t/val" --validate
check validate-clean 0 '^kind: Service$' '' -- "$htmpl" render "$t/val" --validate --set x=1 --show-only templates/s.yaml --validate=false
# --validate-output FORMAT for CI (report on stderr, with the summary); --strict-schemas
# turns a CR without schema into a finding; a CR is checked against its chart's CRD
check validate-json 1 '^kind: Service$' '"summary": {"valid": 0, "invalid": 1, "errors": 0, "skipped": 0}' -- "$htmpl" render "$t/val" --validate --validate-output json
check validate-tap 1 '' '^not ok 1 - val/templates/s.yaml (Service s) line 2$' -- "$htmpl" render "$t/val" --validate --validate-output tap
check validate-junit 1 '' '<failure message="1 finding"' -- "$htmpl" render "$t/val" --validate --validate-output junit
check validate-github 1 '' '^::error file=val/templates/s.yaml,line=2,title=document 0::Service' -- "$htmpl" render "$t/val" --validate --validate-output github
check validate-bad-output 1 '' 'invalid output format "xml"' -- "$htmpl" render "$t/val" --validate --validate-output xml
mkdir -p "$t/cr/templates" "$t/cr/crds"
printf 'apiVersion: v2\nname: cr\nversion: 0.1.0\n' >"$t/cr/Chart.yaml"
printf 'apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  sise: 1\n' >"$t/cr/templates/t.yaml"
check validate-cr-skipped 0 '^kind: Thing$' '' -- "$htmpl" render "$t/cr" --validate
check validate-cr-strict 1 '' 'could not find schema for Thing' -- "$htmpl" render "$t/cr" --validate --strict-schemas
printf 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n  names: {kind: Thing, plural: things}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              size: {type: integer}\n' >"$t/cr/crds/thing.yaml"
check validate-cr-crd 1 '' 'spec.sise: unknown field' -- "$htmpl" render "$t/cr" --validate

# --validate without --kube-version uses helm's Capabilities default: v1.35.0 under --helm 4,
# v1.32.0 under --helm 3 (Pod spec.hostnameOverride is new in 1.34)
mkdir -p "$t/kv/templates"
printf 'apiVersion: v2\nname: kv\nversion: 0.1.0\n' >"$t/kv/Chart.yaml"
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: x\n  hostnameOverride: h\n' >"$t/kv/templates/p.yaml"
check validate-default-kube-4 0 '^  hostnameOverride: h$' '' -- "$htmpl" --helm 4 render "$t/kv" --validate
check validate-default-kube-3 1 '' 'spec.hostnameOverride: unknown field' -- "$htmpl" --helm 3 render "$t/kv" --validate
check lint-validate-default-kube-4 0 '1 chart(s) linted, 0 chart(s) failed' '' -- "$htmpl" --helm 4 lint "$t/kv" --validate
check lint-validate-default-kube-3 1 'spec.hostnameOverride: unknown field' '' -- "$htmpl" --helm 3 lint "$t/kv" --validate

# lint dispatches to cli/lint_cmd.c
check lint-help 0 'htmpl lint' '' -- "$htmpl" lint --help
# lint's CI outputs: a failing --validate finding as a JUnit failure and a TAP "not ok"
check lint-junit 1 '<failure message="Service &quot;s&quot;: spec.ports\[0\].port: invalid type: expected integer, got string &quot;x&quot;" type="ERROR">' '' -- "$htmpl" lint "$t/val" --validate -o junit
check lint-junit-ok 0 '<testsuites name="htmpl lint" tests="[0-9]*" failures="0" errors="0">' '' -- "$htmpl" lint "$t/c" -o junit
check lint-tap 1 '^not ok 1 - .*/val$' '' -- "$htmpl" lint "$t/val" --validate -o tap
check lint-tap-diag 1 '^  # \[ERROR\] templates/s.yaml: Service "s": spec.ports\[0\].port: invalid type' '' -- "$htmpl" lint "$t/val" --validate -o tap
check lint-bad-output 1 '' 'invalid output format "xml" (text, json, github, junit or tap)' -- "$htmpl" lint "$t/c" -o xml

# flags htmpl refuses (docs/cli-flags.md: they need a network), each naming the flag and why
check refuse-repo 1 '' '^Error: --repo: downloading a chart .*needs the network' -- "$htmpl" template rel "$t/c" --repo https://charts.example.invalid
check refuse-enable-dns 1 '' '^Error: --enable-dns: .*needs the network' -- "$htmpl" template rel "$t/c" --enable-dns
check enable-dns-false 0 '^name: rel$' '' -- "$htmpl" template rel "$t/c" --enable-dns=false
check refuse-values-url 1 '' '^Error: -f https://x/v.yaml: values from a URL need the network' -- "$htmpl" template rel "$t/c" -f https://x/v.yaml
check refuse-chart-url 1 '' 'needs the network' -- "$htmpl" template rel oci://r.example.invalid/c
check refuse-pr-output-dir 1 '' '^Error: --post-renderer with --output-dir is not supported' -- "$htmpl" template rel "$t/c" --post-renderer /bin/cat --output-dir "$t/prod"
check refuse-pr-show-only 1 '' '^Error: --post-renderer with --show-only is not supported' -- "$htmpl" template rel "$t/c" --post-renderer /bin/cat -s templates/t.yaml
check verify-archive 1 '' '^Error: --verify: checking a chart' -- "$htmpl" template rel "$t/nope.tgz" --verify
check lint-global-flags 0 '1 chart(s) linted, 0 chart(s) failed' '' -- "$htmpl" lint "$t/c" --kube-context x --kubeconfig y --qps 2 --burst-limit 3 --debug

# helm's environment: HELM_NAMESPACE is -n's default, HELM_DEBUG turns --debug on
check helm-namespace 0 '^ns: envns$' '' -- env HELM_NAMESPACE=envns "$htmpl" template rel "$t/c"
check helm-namespace-flag 0 '^ns: flagns$' '' -- env HELM_NAMESPACE=envns "$htmpl" template rel "$t/c" -n flagns
check helm-namespace-empty 0 '^ns: default$' '' -- env HELM_NAMESPACE=envns "$htmpl" template rel "$t/c" -n ''
check helm-debug 1 '^a: \[$' '' -- env HELM_DEBUG=true "$htmpl" template rel "$(dirname "$0")/golden/fixtures/b"
check helm-debug-flag-wins 1 '' 'Use --debug flag' -- env HELM_DEBUG=true "$htmpl" template rel "$(dirname "$0")/golden/fixtures/b" --debug=false

# per-command help, completion scripts, the flag list
check template-help 0 '^  -f, --values string' '' -- "$htmpl" template --help
check render-help 0 'release-name string' '' -- "$htmpl" render -h
check help-template 0 'htmpl template \[NAME\]' '' -- "$htmpl" help template
check completion-bash 0 '^complete -o default -F _htmpl htmpl$' '' -- "$htmpl" completion bash
check completion-zsh 0 '^#compdef htmpl$' '' -- "$htmpl" completion zsh
check completion-fish 0 "^complete -c htmpl -n '__fish_seen_subcommand_from lint' -l strict" '' -- "$htmpl" completion fish
check completion-bad 1 '' '^Error: unknown command "tcsh"' -- "$htmpl" completion tcsh
check flags-list 0 '^--post-renderer	-	template,render	3,4	implemented	' '' -- "$htmpl" __flags
check unknown-suggest 1 '' '^	lint$' -- "$htmpl" lnt

# dependencies from a repository cache in a temporary HELM_CACHE_HOME (helm 3 cannot build
# these offline; helm 4 resolves the same version, see tests/cli/golden cache-* cases)
hh=$(cd "$(dirname "$0")/golden/fixtures/helm-home" && pwd)
mkdir -p "$t/home/cache" "$t/fr"
cp -r "$hh/cache/." "$t/home/cache/"
cp -r "$(dirname "$0")/golden/fixtures/dp/fromrepo/." "$t/fr/"
check dep-cache-build 0 '^Downloading sub from repo @myrepo$' '' -- env HELM_CACHE_HOME="$t/home/cache" HELM_CONFIG_HOME="$hh/config" "$htmpl" dependency build "$t/fr"
if [ -f "$t/fr/charts/sub-0.2.0.tgz" ] && grep -q '^  version: 0.2.0$' "$t/fr/Chart.lock"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL dep-cache-build wrote no charts/sub-0.2.0.tgz or Chart.lock"; fi
check dep-cache-render 0 '^r: 1$' '' -- env HELM_CACHE_HOME="$t/home/cache" HELM_CONFIG_HOME="$hh/config" "$htmpl" template rel "$t/fr"
rm -rf "$t/fr/charts" "$t/fr/Chart.lock"
check dep-cache-template 0 '^r: 1$' '' -- env HELM_REPOSITORY_CACHE="$t/home/cache/repository" HELM_CONTENT_CACHE="$t/home/cache/content" HELM_REPOSITORY_CONFIG="$hh/config/repositories.yaml" "$htmpl" template rel "$t/fr" --dependency-update
rm -rf "$t/fr/charts" "$t/fr/Chart.lock" "$t/home/cache/content"
check dep-cache-not-cached 1 '' 'is not in the local content cache; downloading it needs the network' -- env HELM_CACHE_HOME="$t/home/cache" HELM_CONFIG_HOME="$hh/config" "$htmpl" dependency build "$t/fr"
check dep-cache-no-index 1 '' "^Error: no cached repository for myrepo found" -- env HELM_CACHE_HOME="$t/empty" HELM_CONFIG_HOME="$hh/config" "$htmpl" dependency build "$t/fr"
sed -i 's|"@myrepo"|https://other.example.invalid|' "$t/fr/Chart.yaml"
check dep-url-undefined 1 '' 'is not in repositories.yaml.*needs the network' -- env HELM_CACHE_HOME="$t/home/cache" HELM_CONFIG_HOME="$hh/config" "$htmpl" dependency build "$t/fr"
sed -i 's|https://other.example.invalid|oci://r.example.invalid/charts|' "$t/fr/Chart.yaml"
check dep-oci 1 '' 'OCI registries need the network' -- "$htmpl" dependency update "$t/fr"

# value reports (README "Value reports"; tests/reports/run has one case per rule): a typo in
# a user -f file on the flagship chart, with its line and a did-you-mean; stdout unchanged
todo=$(dirname "$0")/../../charts/todo-app
printf 'replicas: 1\nrevisionHistoryLimt: 3\n' >"$t/typo.yaml"
check report-typo 0 '' 'typo.yaml:2: revisionHistoryLimt is set but no template reads it (did you mean revisionHistoryLimit?)' -- "$htmpl" render "$todo" -f "$t/typo.yaml" --report-unused
check report-typo-lint 0 'typo.yaml:2: revisionHistoryLimt .*did you mean revisionHistoryLimit' '' -- "$htmpl" lint "$todo" -f "$t/typo.yaml" --unused-values
"$htmpl" render "$todo" -f "$t/typo.yaml" >"$t/plain.yaml" 2>/dev/null
check report-stdout-same 0 '' '' -- sh -c '"$1" render "$2" -f "$3" --report-unused --include-defaults --missing-keys --report-floats 2>/dev/null | cmp -s - "$4"' sh "$htmpl" "$todo" "$t/typo.yaml" "$t/plain.yaml"
check report-fail-on 1 '' 'revisionHistoryLimt' -- "$htmpl" render "$todo" -f "$t/typo.yaml" --report-unused --fail-on unused
check report-fail-on-bad 1 '' 'invalid --fail-on "x"' -- "$htmpl" lint "$todo" --fail-on x
check values-origin 0 '^revisionHistoryLimt: 3  # .*typo.yaml:2$' '' -- "$htmpl" values "$todo" -f "$t/typo.yaml" --show-origin
check values-missing-chart 1 '' 'requires at least 1 argument' -- "$htmpl" values
check values-bad-file 1 '' 'no such file' -- "$htmpl" values "$todo" -f "$t/nope.yaml"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
