#!/usr/bin/env python3
"""check_scenarios.py - checks that charts/todo-app is right for the app it deploys.

Usage: tests/todo-app/check_scenarios.py HTMPL

The golden test proves that htmpl renders the chart as helm does; this proves that
what both render would work.  It reads helm's recorded renders of the README's
scenarios (tests/golden/expected/todo-app/scenario-*.out and a few others) and
asserts what the app needs (issue 17):

  - the Ingress sends /api/auth/* and /api/health to the frontend Service, the
    rest of /api to the backend Service and / to the frontend, by Ingress rules
    (Prefix paths match whole path elements; the longest match wins);
  - BETTER_AUTH_URL, NEXT_PUBLIC_BETTER_AUTH_URL and CORS_ORIGINS hold the public
    URL, NEXT_PUBLIC_API_URL a URL a browser can reach, API_URL the backend Service;
  - every secretKeyRef names the right Secret and key (custom key names too), and
    the chart's own Secret holds every required key;
  - checksum/secret changes when an existing Secret's version does;
  - names, ports, probes (300 s start-up budget), HPA numbers, PDBs, egress.

YAML is turned into JSON by htmpl itself (fromYaml | toJson in a scratch chart),
so the check needs no Python YAML module.  Negative controls render broken
variants with htmpl and require the checks to catch each defect, so a check that
cannot fail is noticed.  Ends with `N passed, N failed`; exit 1 if any failed.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHART = os.path.join(ROOT, "charts", "todo-app")
EXPECTED = os.path.join(ROOT, "tests", "golden", "expected", "todo-app")
ARGS = os.path.join(ROOT, "tests", "golden", "todo-app.args")
sys.dont_write_bytecode = True

DEFAULT_KEYS = {"DATABASE_URL": "DATABASE_URL", "BETTER_AUTH_SECRET": "BETTER_AUTH_SECRET",
                "OPENAI_API_KEY": "OPENAI_API_KEY", "COHERE_API_KEY": "COHERE_API_KEY"}
CUSTOM_KEYS = {"DATABASE_URL": "database-url", "BETTER_AUTH_SECRET": "better-auth-secret",
               "OPENAI_API_KEY": "openai-api-key", "COHERE_API_KEY": "cohere-api-key"}
# Variables each container must get from the Secret (the images' contract).
SECRET_VARS = {"backend": ["DATABASE_URL", "BETTER_AUTH_SECRET", "OPENAI_API_KEY", "COHERE_API_KEY"],
               "frontend": ["DATABASE_URL", "BETTER_AUTH_SECRET"]}
OPTIONAL_VARS = {"OPENAI_API_KEY", "COHERE_API_KEY"}
PORTS = {"backend": 8000, "frontend": 3000}

# Requests a browser makes, and which component must answer them.
ROUTES = [("/", "frontend"), ("/login", "frontend"), ("/_next/static/chunks/main.js", "frontend"),
          ("/api/auth", "frontend"), ("/api/auth/sign-in/email", "frontend"),
          ("/api/auth/get-session", "frontend"), ("/api/health", "frontend"),
          ("/api", "backend"), ("/api/tasks", "backend"), ("/api/chat", "backend"),
          ("/api/authority", "backend")]


class Htmpl:
    def __init__(self, exe):
        self.exe = exe
        self.tmp = tempfile.mkdtemp(prefix="todo-check-")

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def render(self, args):
        """htmpl render of charts/todo-app as the goldens run helm; returns the YAML stream."""
        cmd = [self.exe, "render", "charts/todo-app", "--release-name", "rel", "--namespace", "ns"] + args
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC", "HOME": self.tmp}
        p = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("htmpl render %s: %s" % (" ".join(args), p.stderr.decode(errors="replace")))
        return p.stdout.decode()

    def notes(self, args):
        """NOTES.txt as helm install would print it: rendered with tpl from a copy of the
        chart (helm template does not print NOTES)."""
        copy = os.path.join(self.tmp, "notes-chart")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(CHART, copy)
        shutil.move(os.path.join(copy, "templates", "NOTES.txt"), os.path.join(copy, "notes.txt"))
        with open(os.path.join(copy, "templates", "zz-notes.yaml"), "w") as f:
            f.write('# {{ tpl (.Files.Get "notes.txt") . | toJson }}\n')
        args = [a.replace("charts/todo-app/", copy + "/") for a in args]
        cmd = [self.exe, "render", copy, "--release-name", "rel", "--namespace", "ns",
               "-s", "templates/zz-notes.yaml"] + args
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("NOTES: " + p.stderr.decode(errors="replace"))
        for line in p.stdout.decode().split("\n"):
            if line.startswith('# "'):
                return json.loads(line[2:])
        raise RuntimeError("NOTES: no output")

    def objects(self, stream):
        """The documents of a YAML stream as Python objects (empty documents dropped)."""
        conv = os.path.join(self.tmp, "conv")
        shutil.rmtree(conv, ignore_errors=True)
        os.makedirs(os.path.join(conv, "templates"))
        os.makedirs(os.path.join(conv, "docs"))
        with open(os.path.join(conv, "Chart.yaml"), "w") as f:
            f.write("apiVersion: v2\nname: conv\nversion: 0.1.0\n")
        with open(os.path.join(conv, "templates", "t.yaml"), "w") as f:
            # Go's range over a map goes in key order: docs/00000.yaml, docs/00001.yaml, ...
            f.write('{{- range $p, $_ := .Files.Glob "docs/*.yaml" }}\n'
                    '# {{ $.Files.Get $p | fromYaml | toJson }}\n{{- end }}\n')
        docs, cur = [], []
        for line in stream.split("\n"):
            if line == "---":
                docs.append("\n".join(cur))
                cur = []
            else:
                cur.append(line)
        docs.append("\n".join(cur))
        for i, d in enumerate(docs):
            with open(os.path.join(conv, "docs", "%05d.yaml" % i), "w") as f:
                f.write(d + "\n")
        p = subprocess.run([self.exe, "render", conv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise RuntimeError("YAML to JSON: " + p.stderr.decode(errors="replace"))
        out = []
        for line in p.stdout.decode().split("\n"):
            if line.startswith("# {"):
                obj = json.loads(line[2:])
                if set(obj) == {"Error"}:
                    raise RuntimeError("YAML to JSON: " + obj["Error"])
                if obj:
                    out.append(obj)
        return out


def by_kind(objs, kind):
    return [o for o in objs if o.get("kind") == kind]


def component(obj):
    labels = obj.get("metadata", {}).get("labels", {}) or {}
    return labels.get("app.kubernetes.io/component")


def prefix_match(prefix, path):
    """Ingress pathType Prefix: matches element by element on '/'-split paths."""
    if prefix == "/":
        return True
    pe = [e for e in prefix.split("/") if e]
    xe = [e for e in path.split("/") if e]
    return xe[:len(pe)] == pe


def route(ingress, host, path):
    """The Service an Ingress sends host+path to: the longest matching path wins
    (Exact before Prefix at equal length), as the Ingress API specifies."""
    best = None
    for rule in ingress["spec"].get("rules", []):
        if rule.get("host") not in (None, host):
            continue
        for p in rule.get("http", {}).get("paths", []):
            kind = p.get("pathType")
            if kind == "Exact":
                ok, rank = p["path"] == path, (len(p["path"]), 1)
            else:
                ok, rank = prefix_match(p["path"], path), (len(p["path"].rstrip("/")), 0)
            if ok and (best is None or rank > best[0]):
                best = (rank, p["backend"]["service"])
    return best[1] if best else None


class Checker:
    def __init__(self):
        self.failures = []

    def expect(self, cond, what):
        if not cond:
            self.failures.append(what)
        return cond


def check_app(objs, exp):
    """Checks one render against what the scenario needs. exp: dict with publicUrl,
    publicApiUrl, ingress (bool), secret (name), keys (var -> key), ownSecret (bool),
    names (optional: component -> (deployment, service))."""
    c = Checker()
    services = {s["metadata"]["name"]: s for s in by_kind(objs, "Service")}
    svc_of = {}
    for name, s in services.items():
        svc_of[s["spec"]["selector"].get("app.kubernetes.io/component")] = name
    deployments = {component(d): d for d in by_kind(objs, "Deployment")}
    c.expect(set(deployments) == {"backend", "frontend"}, "Deployments: %s" % sorted(deployments))
    c.expect(set(svc_of) == {"backend", "frontend"}, "Services: %s" % sorted(svc_of))
    if c.failures:
        return c.failures
    ns = deployments["backend"]["metadata"]["namespace"]

    for comp, d in deployments.items():
        ctr = d["spec"]["template"]["spec"]["containers"][0]
        port = {p["name"]: p["containerPort"] for p in ctr.get("ports", [])}
        c.expect(port.get("http") == PORTS[comp], "%s listens on %s, not %d" % (comp, port, PORTS[comp]))
        svc = services[svc_of[comp]]
        c.expect(svc["spec"]["ports"][0]["targetPort"] == "http", "%s Service targets %r"
                 % (comp, svc["spec"]["ports"][0]["targetPort"]))
        sp = ctr.get("startupProbe") or {}
        budget = sp.get("initialDelaySeconds", 0) + sp.get("periodSeconds", 10) * sp.get("failureThreshold", 3)
        c.expect(budget >= 300, "%s startup probe allows %d s, not 300" % (comp, budget))
        c.expect(ctr.get("imagePullPolicy") in ("IfNotPresent", "Always", "Never"), "%s pull policy" % comp)
        if "names" in exp:
            want_deploy, want_svc = exp["names"][comp]
            c.expect(d["metadata"]["name"] == want_deploy, "%s Deployment is %r, not %r"
                     % (comp, d["metadata"]["name"], want_deploy))
            c.expect(svc_of[comp] == want_svc, "%s Service is %r, not %r" % (comp, svc_of[comp], want_svc))

        # Secrets: every variable from the right Secret and key.
        env = {e["name"]: e for e in ctr.get("env", [])}
        for var in SECRET_VARS[comp]:
            ref = env.get(var, {}).get("valueFrom", {}).get("secretKeyRef")
            if not c.expect(ref is not None, "%s: %s not taken from a Secret" % (comp, var)):
                continue
            c.expect(ref["name"] == exp["secret"], "%s: %s from Secret %r, not %r"
                     % (comp, var, ref["name"], exp["secret"]))
            c.expect(ref["key"] == exp["keys"][var], "%s: %s from key %r, not %r"
                     % (comp, var, ref["key"], exp["keys"][var]))
            c.expect(bool(ref.get("optional")) == (var in OPTIONAL_VARS), "%s: %s optional=%s"
                     % (comp, var, ref.get("optional")))
        ann = d["spec"]["template"]["metadata"].get("annotations", {})
        c.expect(len(ann.get("checksum/secret", "")) == 64, "%s: no checksum/secret" % comp)

    secrets = by_kind(objs, "Secret")
    if exp["ownSecret"]:
        if c.expect(len(secrets) == 1, "%d Secrets rendered, want the chart's own" % len(secrets)):
            s = secrets[0]
            c.expect(s["metadata"]["name"] == exp["secret"], "Secret is %r" % s["metadata"]["name"])
            for var, key in exp["keys"].items():
                if var not in OPTIONAL_VARS:
                    c.expect(key in s.get("data", {}), "Secret lacks key %r" % key)
            placeholders = s["metadata"].get("annotations", {}).get("todo-app/dev-placeholders")
            c.expect((placeholders or None) == exp.get("placeholders"), "dev placeholders %r, want %r"
                     % (placeholders, exp.get("placeholders")))
    else:
        c.expect(not secrets, "a Secret is rendered although an existing one is used")

    # URLs.
    cms = by_kind(objs, "ConfigMap")
    if c.expect(len(cms) == 1, "%d ConfigMaps" % len(cms)):
        data = cms[0]["data"]
        url = exp["publicUrl"]
        c.expect(data.get("BETTER_AUTH_URL") == url, "BETTER_AUTH_URL %r, want %r" % (data.get("BETTER_AUTH_URL"), url))
        c.expect(data.get("NEXT_PUBLIC_BETTER_AUTH_URL") == url, "NEXT_PUBLIC_BETTER_AUTH_URL %r, want %r"
                 % (data.get("NEXT_PUBLIC_BETTER_AUTH_URL"), url))
        c.expect(url in data.get("CORS_ORIGINS", "").split(","), "CORS_ORIGINS %r lacks %r"
                 % (data.get("CORS_ORIGINS"), url))
        api = data.get("NEXT_PUBLIC_API_URL", "")
        c.expect(api == exp["publicApiUrl"], "NEXT_PUBLIC_API_URL %r, want %r" % (api, exp["publicApiUrl"]))
        c.expect(".svc." not in api and api.startswith(("http://", "https://")),
                 "NEXT_PUBLIC_API_URL %r is no browser URL" % api)
        backend_port = services[svc_of["backend"]]["spec"]["ports"][0]["port"]
        want_api = "http://%s.%s.svc.cluster.local:%d" % (svc_of["backend"], ns, backend_port)
        c.expect(data.get("API_URL") == want_api, "API_URL %r, want %r" % (data.get("API_URL"), want_api))

    # Routes.
    ingresses = by_kind(objs, "Ingress")
    if exp["ingress"]:
        if c.expect(len(ingresses) == 1, "%d Ingresses" % len(ingresses)):
            ing = ingresses[0]
            host = ing["spec"]["rules"][0]["host"]
            tls = bool(ing["spec"].get("tls"))
            c.expect(exp["publicUrl"] == "%s://%s" % ("https" if tls else "http", host) or exp.get("publicUrlGiven"),
                     "public URL %r does not match the Ingress (%s, tls=%s)" % (exp["publicUrl"], host, tls))
            for path, comp in ROUTES:
                got = route(ing, host, path)
                want = svc_of[comp]
                if c.expect(got is not None and got.get("name") == want, "%s goes to %r, not the %s Service %r"
                            % (path, got and got.get("name"), comp, want)):
                    c.expect(got.get("port", {}).get("name") in [p.get("name") for p in services[want]["spec"]["ports"]],
                             "%s: port %r not on Service %r" % (path, got.get("port"), want))
    else:
        c.expect(not ingresses, "an Ingress is rendered")

    # Autoscaling and disruption budgets.
    hpas = {h["spec"]["scaleTargetRef"]["name"]: h for h in by_kind(objs, "HorizontalPodAutoscaler")}
    min_pods = {}
    for comp, d in deployments.items():
        h = hpas.get(d["metadata"]["name"])
        min_pods[comp] = h["spec"]["minReplicas"] if h else d["spec"].get("replicas", 1)
        if comp in exp.get("hpa", {}):
            want = exp["hpa"][comp]
            got = (h["spec"]["minReplicas"], h["spec"]["maxReplicas"]) if h else None
            c.expect(got == want, "%s HPA %s, want %s" % (comp, got, want))
            if h:
                up = h["spec"]["behavior"]["scaleUp"]
                pol = sorted((p["type"], p["value"], p["periodSeconds"]) for p in up["policies"])
                c.expect(pol == [("Percent", 100, 60), ("Pods", 2, 60)] and up.get("selectPolicy") == "Max",
                         "%s scale-up %s %s, want 100%% or +2 pods per 60 s" % (comp, pol, up.get("selectPolicy")))
    for pdb in by_kind(objs, "PodDisruptionBudget"):
        comp = component(pdb)
        m = pdb["spec"].get("minAvailable")
        c.expect(min_pods[comp] >= 2, "%s PDB with %d pod(s) blocks drains" % (comp, min_pods[comp]))
        if isinstance(m, int):
            c.expect(m < min_pods[comp], "%s PDB minAvailable %d >= %d pods" % (comp, m, min_pods[comp]))

    # Egress: DNS, PostgreSQL, HTTPS, and the frontend's calls to the backend.
    for np in by_kind(objs, "NetworkPolicy"):
        comp = component(np)
        if "Egress" not in np["spec"].get("policyTypes", []):
            c.expect(not exp.get("egress"), "%s NetworkPolicy has no egress rules" % comp)
            continue
        ports = {(p.get("port"), p.get("protocol", "TCP")) for r in np["spec"].get("egress", [])
                 for p in r.get("ports", [])}
        for want in [(53, "UDP"), (53, "TCP"), (5432, "TCP"), (443, "TCP")]:
            c.expect(want in ports, "%s egress lacks %s/%s" % (comp, want[0], want[1]))
        if comp == "frontend":
            c.expect((PORTS["backend"], "TCP") in ports, "frontend egress cannot reach the backend")
    return c.failures


def scenario_expectations():
    dev_secret = "rel-todo-app"
    return {
        # The Minikube guide: the plans' names, an existing Secret, the NodePort or the Ingress.
        "scenario-dev-nodeport": dict(publicUrl="http://192.168.49.2:30300", publicApiUrl="http://192.168.49.2:30300",
                                      ingress=False, secret="todo-secrets", keys=DEFAULT_KEYS, ownSecret=False,
                                      names={"backend": ("todo-backend", "backend-service"), "frontend": ("todo-frontend", "todo-frontend")}),
        "scenario-dev-ingress": dict(publicUrl="http://todo.local", publicApiUrl="http://todo.local",
                                     ingress=True, secret="todo-secrets", keys=DEFAULT_KEYS, ownSecret=False,
                                     names={"backend": ("todo-backend", "backend-service"), "frontend": ("todo-frontend", "todo-frontend")}),
        "scenario-dev-inline-secrets": dict(publicUrl="http://192.168.49.2:30300", publicApiUrl="http://192.168.49.2:30300",
                                            ingress=False, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True),
        "scenario-prod": dict(publicUrl="https://todo.example.com", publicApiUrl="https://todo.example.com",
                              ingress=True, secret="todo-secrets", keys=DEFAULT_KEYS, ownSecret=False,
                              hpa={"backend": (3, 20), "frontend": (3, 10)}, egress=True),
        "scenario-existing-secret-keys": dict(publicUrl="http://localhost:3000", publicApiUrl="http://localhost:3000",
                                              ingress=False, secret="todo-secrets", keys=CUSTOM_KEYS,
                                              ownSecret=False, hpa={"backend": (2, 10), "frontend": (2, 10)}),
        "dev": dict(publicUrl="http://localhost:30300", publicApiUrl="http://localhost:30300", ingress=False,
                    secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True, placeholders="betterAuthSecret,databaseUrl"),
        "dev-placeholders-partial": dict(publicUrl="http://localhost:30300", publicApiUrl="http://localhost:30300",
                                         ingress=False, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True,
                                         placeholders="betterAuthSecret"),
        "prod-inline-secret": dict(publicUrl="https://todo.example.com", publicApiUrl="https://todo.example.com",
                                   ingress=True, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True, egress=True),
        "frontend-paths-custom": dict(publicUrl="https://todo.example.org", publicApiUrl="https://todo.example.org",
                                      ingress=True, publicUrlGiven=True, secret=dev_secret, keys=DEFAULT_KEYS,
                                      ownSecret=True, placeholders="betterAuthSecret,databaseUrl"),
        "backend-nodeport": dict(publicUrl="http://localhost:3000", publicApiUrl="http://192.168.49.2:30800",
                                 ingress=False, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True,
                                 placeholders="betterAuthSecret,databaseUrl"),
        "own-secret-custom-keys": dict(publicUrl="http://localhost:3000", publicApiUrl="http://localhost:3000",
                                       ingress=False, secret=dev_secret, keys=CUSTOM_KEYS, ownSecret=True),
        "pdb-two-replicas": dict(publicUrl="http://localhost:3000", publicApiUrl="http://localhost:3000",
                                 ingress=False, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True,
                                 placeholders="betterAuthSecret,databaseUrl"),
        "pdb-one-replica": dict(publicUrl="http://localhost:3000", publicApiUrl="http://localhost:3000",
                                ingress=False, secret=dev_secret, keys=DEFAULT_KEYS, ownSecret=True,
                                placeholders="betterAuthSecret,databaseUrl"),
    }


# NOTES of a variant: texts that must appear, texts that must not.
NOTES_CHECKS = [
    ("dev", ["DEV-ONLY PLACEHOLDERS", "http://localhost:30300/", "port-forward service/rel-todo-app-frontend 30300:3000",
             "--set publicUrl=http://$(minikube ip):30300", "NEXT_PUBLIC_API_URL=http://localhost:30300"], ["<no value>"]),
    ("scenario-dev-nodeport", ["http://192.168.49.2:30300/", "helm test rel --namespace ns"],
     ["DEV-ONLY", "publicUrl is not set", "<no value>"]),
    ("scenario-dev-ingress", ["http://todo.local/", "sudo tee -a /etc/hosts"], ["DEV-ONLY", "<no value>"]),
    ("scenario-prod", ["https://todo.example.com/", 'existing Secret "todo-secrets"', "get hpa"],
     ["ghcr.io/example", "DEV-ONLY", "<no value>"]),
    ("prod", ["placeholder \"ghcr.io/example\""], ["<no value>"]),
    ("namespace", ['namespace "todo"', "helm test rel --namespace ns", 'the test pod runs in "todo"',
                   "kubectl --namespace todo get pods"], ["<no value>"]),
    ("scenario-dev-nodeport", ["logs deployment/todo-backend", "service/backend-service 8000:8000"], ["<no value>"]),
]

GUIDE_INGRESS = ["-f", "charts/todo-app/values-dev.yaml", "--set", "fullnameOverride=todo",
                 "--set", "backend.service.name=backend-service", "--set", "secrets.existingSecret=todo-secrets",
                 "--set", "ingress.enabled=true", "--set", "frontend.service.type=ClusterIP"]

# Broken variants: (name, args, scenario whose expectations apply, a failure text that must appear).
NEGATIVE = [
    ("no frontend paths: /api/auth reaches the backend",
     GUIDE_INGRESS + ["--set-json", "ingress.frontendPaths=[]"], "scenario-dev-ingress", "/api/auth goes to"),
    ("a frontend path that swallows the API",
     GUIDE_INGRESS + ["--set", "ingress.frontendPaths={/api/auth,/api/health,/api/tasks}"],
     "scenario-dev-ingress", "/api/tasks goes to"),
    ("only /api/health listed: Better Auth's routes reach the backend",
     GUIDE_INGRESS + ["--set", "ingress.frontendPaths={/api/health}", "--set", "ingress.backendPath=/api"],
     "scenario-dev-ingress", "/api/auth/sign-in/email goes to"),
    ("public URL not the one users open",
     ["-f", "charts/todo-app/values-dev.yaml", "--set-string", "secrets.databaseUrl=postgresql://x/y",
      "--set-string", "secrets.betterAuthSecret=s"], "scenario-dev-inline-secrets", "BETTER_AUTH_URL"),
    ("API URL set to the in-cluster name",
     ["-f", "charts/todo-app/values-dev.yaml", "--set", "publicUrl=http://192.168.49.2:30300",
      "--set", "publicApiUrl=http://rel-todo-app-backend.ns.svc.cluster.local:8000",
      "--set-string", "secrets.databaseUrl=postgresql://x/y", "--set-string", "secrets.betterAuthSecret=s"],
     "scenario-dev-inline-secrets", "NEXT_PUBLIC_API_URL"),
    ("wrong key name for the database URL",
     ["--set", "secrets.existingSecret=todo-secrets", "--set", "secrets.keys.databaseUrl=DATABASE_URL",
      "--set", "secrets.keys.betterAuthSecret=better-auth-secret", "--set", "secrets.keys.openaiApiKey=openai-api-key",
      "--set", "secrets.keys.cohereApiKey=cohere-api-key"], "scenario-existing-secret-keys", "DATABASE_URL from key"),
    ("wrong Secret name",
     ["--set", "secrets.existingSecret=todo-app-secrets", "--set", "secrets.keys.databaseUrl=database-url",
      "--set", "secrets.keys.betterAuthSecret=better-auth-secret", "--set", "secrets.keys.openaiApiKey=openai-api-key",
      "--set", "secrets.keys.cohereApiKey=cohere-api-key"], "scenario-existing-secret-keys", "from Secret"),
    ("60 s start-up budget",
     ["-f", "charts/todo-app/values-dev.yaml", "--set", "publicUrl=http://192.168.49.2:30300",
      "--set", "backend.startupProbe.periodSeconds=2", "--set", "backend.startupProbe.failureThreshold=30",
      "--set-string", "secrets.databaseUrl=postgresql://x/y", "--set-string", "secrets.betterAuthSecret=s"],
     "scenario-dev-inline-secrets", "startup probe"),
    ("prod without egress rules",
     ["-f", "charts/todo-app/values-prod.yaml", "--set", "secrets.existingSecret=todo-secrets",
      "--set", "networkPolicy.egress.enabled=false"], "scenario-prod", "no egress rules"),
    ("plan names without the recipe",
     ["-f", "charts/todo-app/values-dev.yaml", "--set", "secrets.existingSecret=todo-secrets",
      "--set", "publicUrl=http://192.168.49.2:30300"], "scenario-dev-nodeport", "Deployment is"),
]


def golden_args():
    """NAME -> argument list, from tests/golden/todo-app.args."""
    out = {}
    with open(ARGS) as f:
        for line in f:
            words = shlex.split(line, comments=True)
            if words:
                out[words[0]] = words[1:]
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    h = Htmpl(os.path.abspath(sys.argv[1]))
    passed = failed = 0
    try:
        exps = scenario_expectations()
        args = golden_args()
        for name, exp in exps.items():
            # helm's recorded render, and htmpl's render of the chart as it is now (so a
            # broken chart fails here even before the goldens are regenerated).
            with open(os.path.join(EXPECTED, name + ".out")) as f:
                renders = [("helm", f.read()), ("htmpl", h.render(args[name]))]
            for who, stream in renders:
                problems = check_app(h.objects(stream), exp)
                if problems:
                    failed += 1
                    print("FAIL %s (%s):\n  %s" % (name, who, "\n  ".join(problems)))
                else:
                    passed += 1

        # Rotation: a new existingSecretVersion must change checksum/secret (both recorded by helm).
        sums = []
        for name in ("scenario-existing-secret-keys", "scenario-existing-secret-rotated"):
            with open(os.path.join(EXPECTED, name + ".out")) as f:
                objs = h.objects(f.read())
            sums.append({component(d): d["spec"]["template"]["metadata"]["annotations"]["checksum/secret"]
                         for d in by_kind(objs, "Deployment")})
        if sums[0]["backend"] != sums[1]["backend"] and sums[0]["frontend"] != sums[1]["frontend"]:
            passed += 1
        else:
            failed += 1
            print("FAIL rotation: checksum/secret did not change with secrets.existingSecretVersion")

        # NOTES: what the user reads after helm install.
        for name, must, must_not in NOTES_CHECKS:
            text = h.notes(args[name])
            bad = [m for m in must if m not in text] + ["(unwanted) " + m for m in must_not if m in text]
            if bad:
                failed += 1
                print("FAIL NOTES of %s: %s\n%s" % (name, bad, text))
            else:
                passed += 1

        for what, args_, scen, needle in NEGATIVE:
            problems = check_app(h.objects(h.render(args_)), exps[scen])
            if any(needle in p for p in problems):
                passed += 1
            else:
                failed += 1
                print("FAIL negative control %r: the checks did not report %r (they said: %s)"
                      % (what, needle, problems or "nothing"))
    finally:
        h.close()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
