#!/usr/bin/env python3
"""bench.py - htmpl against helm 3 and helm 4, side by side, on the same inputs.

    python3 tools/bench.py [--runs N] [--scaling] [--many] [--no-serial] [CHART ...]

Each row runs every tool once per round, the tools interleaved (so a load change on the
machine hits all of them alike), for N rounds (default 11); it prints the median wall time,
the median peak RSS (wait4's ru_maxrss) and helm's median divided by htmpl's. CHART
arguments are extra charts to render and lint with `rel CHART --namespace ns` (for example
kube-prometheus-stack and argo-cd; they are read in place, never copied). Rows:
todo-app with each values file, every CHART, a large synthetic chart, the sum over the test
charts of tests/compat/charts, and lint of todo-app, every CHART and the synthetic chart.
The htmpl column uses htmpl's default threads (-j: the online CPUs), the htmpl-j1 column the
serial path (-j 1; left out with --no-serial); ratios are against the htmpl column.
--many adds renders per second of one chart loaded once (examples/render_many: one thread,
one thread with -j CPUs, CPUs threads). --scaling adds htmpl's cost for 10 to 10,000 templates, values files (-f) of 1 KB to 10 MB
and 1 to 10,000 `tpl` calls, with the marginal cost per unit between rows, which stays flat
when cost is linear.

Timings are only meaningful on a quiet machine; nothing here is a test. Tools: HTMPL (default
build/libhtmpl/htmpl), HELM3 (~/.cache/htmpl-ref/helm3), HELM4 (~/.cache/htmpl-ref/helm4);
a missing helm is left out."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(argv, env):
    """Wall seconds and exit code of one run; output discarded."""
    t0 = time.perf_counter()
    rc = subprocess.call(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0, rc


TIME = shutil.which('time') and os.path.exists('/usr/bin/time') and '/usr/bin/time'


def peak_rss(argv, env):
    """Peak RSS in KiB of one more run. Through /usr/bin/time: a child forked from Python
    would count Python's own pages before its exec in ru_maxrss."""
    if not TIME:
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return os.wait4(p.pid, 0)[2].ru_maxrss
    with tempfile.NamedTemporaryFile('r') as f:
        subprocess.call([TIME, '-f', '%M', '-o', f.name, *argv], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, env=env)
        return int(f.read().split()[-1])


class Bench:
    def __init__(self, args):
        self.runs = args.runs
        self.tools = [('htmpl', args.htmpl)]
        if args.serial:
            self.tools.append(('htmpl-j1', args.htmpl))  # the same binary with -j 1
        for name, path in (('helm3', args.helm3), ('helm4', args.helm4)):
            if path and os.access(path, os.X_OK):
                self.tools.append((name, path))
        self.home = tempfile.mkdtemp(prefix='htmpl-bench-home-')
        self.env = dict(os.environ, HOME=self.home, HELM_CACHE_HOME=self.home + '/c',
                        HELM_CONFIG_HOME=self.home + '/g', HELM_DATA_HOME=self.home + '/d')
        self.failed = []

    def measure(self, label, argv_of):
        """argv_of(tool name, path) -> argv. Returns {tool: (median s, median KiB)}."""
        res = {name: [] for name, _ in self.tools}
        for _ in range(self.runs):
            for name, path in self.tools:
                t, rc = run_once(argv_of(name, path), self.env)
                what = '%s (%s exit %d)' % (label, name, rc)
                if rc != 0 and what not in self.failed:
                    self.failed.append(what)
                res[name].append(t)
        return {n: (statistics.median(ts), peak_rss(argv_of(n, p), self.env))
                for (n, p), ts in zip(self.tools, res.values())}

    def header(self):
        cols = ''.join('%12s %9s' % (n + ' ms', 'MiB') for n, _ in self.tools)
        ratios = ''.join('%9s' % (n + '/x') for n, _ in self.tools[1:])
        print('%-42s%s%s' % ('case (median of %d, interleaved)' % self.runs, cols, ratios))

    def row(self, label, m):
        x = m['htmpl'][0]
        cols = ''.join('%12.2f %9.1f' % (m[n][0] * 1e3, m[n][1] / 1024) for n, _ in self.tools)
        ratios = ''.join('%8.1fx' % (m[n][0] / x if x else 0) for n, _ in self.tools[1:])
        print('%-42s%s%s' % (label[:42], cols, ratios), flush=True)

    def render(self, label, chart, extra=()):
        def argv(name, path):
            if name.startswith('htmpl'):
                return [path, 'render', chart, '--release-name', 'rel', '--namespace', 'ns', *extra,
                        *jobs_of(name)]
            return [path, 'template', 'rel', chart, '--namespace', 'ns', *extra]
        m = self.measure(label, argv)
        self.row(label, m)
        return m

    def lint(self, label, chart):
        m = self.measure(label, lambda name, path: [path, 'lint', chart, *jobs_of(name)])
        self.row(label, m)
        return m


def jobs_of(name):
    """The htmpl-j1 column is htmpl with -j 1 (the serial path); htmpl uses its default."""
    return ['-j', '1'] if name == 'htmpl-j1' else []


def renders_per_second(args, charts):
    """examples/render_many: one chart loaded once, rendered many times in one process."""
    rm = os.path.join(os.path.dirname(args.htmpl), '..', 'examples', 'render_many')
    if not os.access(rm, os.X_OK):
        print('\nrenders per second: no %s (build with extras)' % rm)
        return
    cpus = os.cpu_count() or 1
    print('\nrenders per second from one loaded chart (examples/render_many, best of %d)' % args.runs)
    for label, chart, extra in charts:
        for what, t, j in (('1 thread, -j 1', 1, 1), ('1 thread, -j %d' % cpus, 1, cpus),
                           ('%d threads, -j 1' % cpus, cpus, 1)):
            best = 0.0
            for _ in range(max(1, args.runs // 2)):
                out = subprocess.run([rm, chart, '-n', '200', '-t', str(t), '-j', str(j), *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
                try:
                    best = max(best, float(out.split(': ')[1].split()[0]))
                except (IndexError, ValueError):
                    pass
            print('%-42s %10.1f renders/s' % ('%s, %s' % (label, what), best), flush=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


HELPERS = '''{{- define "big.name" -}}{{ .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "big.labels" -}}
app.kubernetes.io/name: {{ include "big.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end -}}
'''

DEPLOY = '''apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "big.name" . }}-%(i)d
  labels:
    {{- include "big.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      app: d%(i)d
  template:
    metadata:
      labels:
        app: d%(i)d
      annotations:
        checksum: {{ toYaml .Values.resources | sha256sum }}
    spec:
      containers:
        - name: c
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            {{- toYaml .Values.env | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
'''

VALUES = '''image: {repository: nginx, tag: "1.27"}
resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}
labels: {team: platform, tier: web}
env: [{name: A, value: a}, {name: B, value: b}, {name: C, value: c}]
'''


def synthetic(dir, templates, values_extra='', tpl_calls=0):
    """A chart of `templates` Deployments of typical shape (helpers, include, toYaml, range)."""
    shutil.rmtree(dir, ignore_errors=True)
    write(dir + '/Chart.yaml', 'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "2.0"\n')
    write(dir + '/values.yaml', VALUES + values_extra)
    write(dir + '/templates/_helpers.tpl', HELPERS)
    for i in range(templates):
        write(dir + '/templates/d%d.yaml' % i, DEPLOY % {'i': i})
    if tpl_calls:
        write(dir + '/templates/tpl.yaml',
              'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tpl\ndata:\n'
              '{{- range $i := until %d }}\n  k{{ $i }}: {{ tpl "{{ .Values.image.repository }}-{{ .Chart.Name }}" $ | quote }}\n'
              '{{- end }}\n' % tpl_calls)
    return dir


def values_of_size(size):
    """A values map of about `size` bytes: entries with a nested map each."""
    out, n, i = [], 0, 0
    out.append('data:\n')
    while n < size:
        line = '  key%d: {name: "value number %d", port: %d, on: true}\n' % (i, i, 1000 + i % 5000)
        out.append(line)
        n += len(line)
        i += 1
    return ''.join(out)


def scaling(b, tmp):
    """htmpl alone: the cost per unit stays flat when cost grows linearly."""
    only = Bench.__new__(Bench)
    only.__dict__.update(b.__dict__)
    only.tools = [t for t in b.tools if t[0] == 'htmpl']
    print('\nscaling (htmpl; median of %d)' % b.runs)
    print('%-28s %12s %9s %22s' % ('input', 'ms', 'MiB', 'marginal cost'))
    vals = tmp + '/values-extra.yaml'
    tables = [('templates', [10, 100, 1000, 10000], lambda n: dict(templates=n), 1, 'ms/template'),
              # a -f file: helm refuses chart files over 5 MiB
              ('values bytes', [1000, 10000, 100000, 1000000, 10000000],
               lambda n: write(vals, values_of_size(n)) or dict(templates=1), 1e6, 'ms/MB'),
              ('tpl calls', [1, 10, 100, 1000, 10000], lambda n: dict(templates=1, tpl_calls=n), 1, 'ms/call')]
    for name, sizes, kw, scale, unit in tables:
        prev = None
        for n in sizes:
            d = synthetic(tmp + '/scale', **kw(n))
            extra = ['-f', vals] if name == 'values bytes' else []
            m = only.measure('%s %d' % (name, n),
                             lambda _n, p: [p, 'render', d, '--release-name', 'rel', '--namespace', 'ns', *extra])
            ms = m['htmpl'][0] * 1e3
            # the cost of the units added since the previous row: flat when cost is linear
            per = '%12.4f %s' % ((ms - prev[1]) / ((n - prev[0]) / scale), unit) if prev else ''
            print('%-28s %12.2f %9.1f %22s' % ('%s %d' % (name, n), ms, m['htmpl'][1] / 1024, per), flush=True)
            prev = (n, ms)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--runs', type=int, default=11)
    ap.add_argument('--htmpl', default=os.environ.get('HTMPL', ROOT + '/build/libhtmpl/htmpl'))
    ap.add_argument('--helm3', default=os.environ.get('HELM3', os.path.expanduser('~/.cache/htmpl-ref/helm3')))
    ap.add_argument('--helm4', default=os.environ.get('HELM4', os.path.expanduser('~/.cache/htmpl-ref/helm4')))
    ap.add_argument('--scaling', action='store_true')
    ap.add_argument('--no-serial', dest='serial', action='store_false',
                    help='leave out the htmpl -j 1 column')
    ap.add_argument('--many', action='store_true',
                    help='renders per second of one loaded chart (examples/render_many)')
    ap.add_argument('--big', type=int, default=1000, help='templates in the synthetic chart')
    ap.add_argument('charts', nargs='*')
    args = ap.parse_args()
    if not os.access(args.htmpl, os.X_OK):
        sys.exit('bench: no htmpl at %s (build first)' % args.htmpl)
    os.chdir(ROOT)
    b = Bench(args)
    tmp = tempfile.mkdtemp(prefix='htmpl-bench-')
    try:
        with open('/proc/loadavg') as f:
            print('load average at start: %s' % f.read().split()[0])
        b.header()
        for v in ('values.yaml', 'values-dev.yaml', 'values-prod.yaml'):
            b.render('render todo-app -f ' + v, 'charts/todo-app',
                     ['-f', 'charts/todo-app/' + v, '--set', 'secrets.existingSecret=todo-secrets'])
        for c in args.charts:
            b.render('render ' + os.path.basename(c.rstrip('/')), c)
        big = synthetic(tmp + '/big', args.big)
        b.render('render synthetic (%d templates)' % args.big, big)
        tc = sorted(d for d in (os.path.join('tests/compat/charts', x) for x in os.listdir('tests/compat/charts'))
                    if os.path.isfile(d + '/Chart.yaml'))
        total = {n: [0.0, 0.0] for n, _ in b.tools}
        for c in tc:
            m = b.measure('render ' + c, lambda name, path, c=c: (
                [path, 'render', c, '--release-name', 'rel', '--namespace', 'ns', *jobs_of(name)]
                if name.startswith('htmpl')
                else [path, 'template', 'rel', c, '--namespace', 'ns']))
            for n in m:
                total[n][0] += m[n][0]
                total[n][1] = max(total[n][1], m[n][1])
        b.row('render all %d test charts (sum)' % len(tc), {n: tuple(v) for n, v in total.items()})
        b.lint('lint todo-app', 'charts/todo-app')
        for c in args.charts:
            b.lint('lint ' + os.path.basename(c.rstrip('/')), c)
        b.lint('lint synthetic (%d templates)' % args.big, big)
        if args.many:
            renders_per_second(args, [('todo-app -f values-dev.yaml', 'charts/todo-app',
                                       ['-f', 'charts/todo-app/values-dev.yaml'])] +
                               [(os.path.basename(c.rstrip('/')), c, []) for c in args.charts])
        if args.scaling:
            scaling(b, tmp)
        if b.failed:
            print('\nnon-zero exits (timed anyway): ' + ', '.join(b.failed))
        with open('/proc/loadavg') as f:
            print('load average at end: %s' % f.read().split()[0])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(b.home, ignore_errors=True)


if __name__ == '__main__':
    main()
