#!/usr/bin/env python3
"""gen-k8s-schema.py - writes libhtmpl/lint/generated/k8s_schema.c: compact C tables of the Kubernetes API
types (fields, value types, required fields, enums, quantities) of every Kubernetes minor from
1.28 to 1.35 for `htmpl lint --validate`, as ONE union table: each field entry carries a bitmask
of the minors that have it with exactly these attributes (bit 0 = 1.28 ... bit 7 = 1.35), so
what the versions share is stored once.

Sources (npm packages, unpacked with `npm pack`; none is committed). @kubernetes/client-node,
one release per minor, named by the OpenAPI document each was generated from:
    1.28 0.20.0 (release-1.28)   1.29 0.21.0 (release-1.29)   1.30 0.22.3 (release-1.30)
    1.32 1.1.2 (v1.32.0)         1.33 1.3.0 (v1.33.0)         1.34 1.4.0 (v1.34.0)
    1.35 2.0.2 (v1.35.0)
  No release was generated from 1.31 (0.22.x is 1.30, 1.0.0 is already 1.32), so 1.31's bit is
  the union of 1.30's and 1.32's: a field or kind either neighbour has is accepted, so 1.31 can
  miss a fault but never rejects what a 1.31 server accepts (unless 1.31 had a field both
  neighbours lack, which the API's deprecation policy rules out for GA types).
  Their models carry attributeTypeMap (JSON field name, TypeScript type and, from 1.0 on, the
  OpenAPI format; 0.x releases lack the format, which is then taken from a 1.x release's same
  field) and their .d.ts files mark optional fields with `?`, so required fields are the others.
  kubernetes-models 4.4.2, 4.5.1 and 5.1.0: their .d.ts files spell enums as string-literal
  unions ("Always" | "IfNotPresent" | "Never"), mark resource.Quantity fields, and give each kind
  its apiVersion literal. Used only for those three facts; field lists come from client-node.
  The catalogue of popular custom resources (CATALOGUE below) joins the same table, from the
  @kubernetes-models operator packages (generated from the operators' Go API types).

Usage:
  mkdir /tmp/k8s && cd /tmp/k8s
  for v in 0.20.0 0.21.0 0.22.3 1.1.2 1.3.0 1.4.0 2.0.2; do npm pack @kubernetes/client-node@$v &&
    mkdir cn-$v && tar xzf kubernetes-client-node-$v.tgz -C cn-$v; done
  for v in 4.4.2 4.5.1 5.1.0; do npm pack kubernetes-models@$v && mkdir km-$v &&
    tar xzf kubernetes-models-$v.tgz -C km-$v; done
  for p in prometheus-operator@6.0.0 cert-manager@6.0.0 gateway-api@2.0.0 argo-cd@4.0.0 \\
    argo-rollouts@2.0.0 keda@2.0.0 external-secrets@2.0.0 istio@3.0.1; do n=${p%@*}; npm pack @kubernetes-models/$p &&
    mkdir cat-$n && tar xzf kubernetes-models-$n-${p#*@}.tgz -C cat-$n; done
  tools/gen-k8s-schema.py 28=cn-0.20.0/package 29=cn-0.21.0/package 30=cn-0.22.3/package \\
    32=cn-1.1.2/package 33=cn-1.3.0/package 34=cn-1.4.0/package 35=cn-2.0.2/package \\
    km-5.1.0/package km-4.5.1/package km-4.4.2/package \\
    $(for c in prometheus-operator cert-manager gateway-api argo-cd argo-rollouts keda external-secrets istio; do
      echo cat=cat-$c/package; done) > libhtmpl/lint/generated/k8s_schema.c
"""
import os
import re
import sys

FIRST_MINOR, NMINORS = 28, 8
INTERPOLATED = {31: (30, 32)}

# Field types of the C table (keep in sync with validate.h enum hk8s_type).
T = {"string": 0, "int32": 1, "int64": 2, "number": 3, "bool": 4, "intstr": 5,
     "quantity": 6, "time": 7, "bytes": 8, "any": 9, "object": 10}
SHAPE = {"scalar": 0, "array": 1, "map": 2, "maparray": 3}


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


ATTR_RE = re.compile(r'"name": "([^"]*)",\s*"baseName": "([^"]*)",\s*"type": "([^"]*)"(?:,\s*"format": "([^"]*)")?')


def load_client_node(root):
    """{TypeName: [(json_name, ts_type, format, required)]}"""
    mdir = os.path.join(root, "dist", "gen", "models")
    old = not os.path.isdir(mdir)  # 0.x: dist/gen/model/v1Pod.js, no formats
    if old:
        mdir = os.path.join(root, "dist", "gen", "model")
    types = {}
    for fn in sorted(os.listdir(mdir)):
        if not fn.endswith(".js") or fn in ("all.js", "ObjectSerializer.js", "models.js"):
            continue
        name = fn[:-3]
        cls = name[0].upper() + name[1:]
        js = read(os.path.join(mdir, fn))
        if "attributeTypeMap" not in js:
            continue
        dts_path = os.path.join(mdir, name + ".d.ts")
        dts = read(dts_path) if os.path.exists(dts_path) else ""
        req = set(re.findall(r"^    '([^']+)':", dts, re.M))
        fields = []
        for m in ATTR_RE.finditer(js):
            _, base, ts, fmt = m.groups()
            fields.append((base, ts, None if old else (fmt or ""), base in req))
        types[cls] = fields
    return types


KM_EXPORT_RE = re.compile(r"export type \{ I(\w+) as I(\w+),")


def km_field_block(dts):
    """The body of the first `export interface` block: [(name, type_text)]."""
    m = re.search(r"^export interface \w+(?: extends \w+)? \{\n(.*?)^\}", dts, re.M | re.S)
    if not m:
        return []
    body = m.group(1)
    out = []
    for fm in re.finditer(r'^    "([^"]+)"\??: (.*?);\n(?=    [\"/]|\Z)', body, re.M | re.S):
        out.append((fm.group(1), fm.group(2)))
    return out


def load_kubernetes_models(root):
    """(kinds, facts): kinds = [(apiVersion, kind, fullname)]; facts = {fullname: {field: (enum|None, quantity)}}"""
    kinds, facts = [], {}
    for dp, _, files in os.walk(root):
        if "_schemas" in dp or "node_modules" in dp:
            continue
        for fn in files:
            if not fn.endswith(".d.ts") or fn == "index.d.ts":
                continue
            dts = read(os.path.join(dp, fn))
            em = KM_EXPORT_RE.search(dts)
            if not em:
                continue
            full = em.group(2)
            fields = km_field_block(dts)
            f = {}
            av = kd = None
            for name, ty in fields:
                lit = re.fullmatch(r'"([^"]*)"', ty)
                if name == "apiVersion" and lit:
                    av = lit.group(1)
                    continue
                if name == "kind" and lit:
                    kd = lit.group(1)
                    continue
                inner = ty
                am = re.fullmatch(r"Array<(.*)>", ty, re.S)
                if am:
                    inner = am.group(1)
                parts = [p.strip() for p in inner.split("|")]
                enum = None
                if len(parts) > 1 and all(re.fullmatch(r'"[^"]*"', p) for p in parts):
                    enum = [p[1:-1] for p in parts]
                quantity = "ResourceQuantity" in ty
                if enum or quantity:
                    f[name] = (enum, quantity)
            facts[full] = f
            if av and kd:
                kinds.append((av, kd, full))
    return kinds, facts


def cn_name_for(full, cn):
    """Maps a kubernetes-models name (IoK8sApiAppsV1DeploymentSpec) to client-node's."""
    m = re.match(r"IoK8sApi([A-Z][a-z0-9]*)(V\d+(?:(?:alpha|beta)\d+)?)(\w+)$", full)
    if m:
        group, ver, name = m.groups()
    else:
        m = re.match(r"IoK8s(?:Apimachinery|Apiextensions|KubeAggregator)\w*?Pkg(?:Apis|Api)?(?:Meta|Apiextensions|Apiregistration|Resource|Runtime|Util\w*)?"
                     r"(V\d+(?:(?:alpha|beta)\d+)?)?(\w+)$", full)
        if not m:
            return None
        group, ver, name = "", m.group(1) or "V1", m.group(2)
    for cand in (group + ver + name, ver + name):
        if cand in cn:
            return cand
    return None


def classify(ts, fmt):
    """(shape, base type or referenced type name)"""
    shape = "scalar"
    m = re.fullmatch(r"Array<(.*)>", ts)
    if m:
        shape, ts = "array", m.group(1)
    m = re.fullmatch(r"\{ \[key: string\]: (.*); \}", ts)
    if m:
        shape, ts = "map", m.group(1)
        m2 = re.fullmatch(r"Array<(.*)>", ts)
        if m2:
            shape, ts = "maparray", m2.group(1)
    if ts == "string":
        base = "bytes" if fmt == "byte" else "string"
    elif ts == "number":
        base = {"int32": "int32", "int64": "int64"}.get(fmt, "number")
    elif ts == "boolean":
        base = "bool"
    elif ts == "Date":
        base = "time"
    elif ts == "IntOrString":
        base = "intstr"
    elif ts == "any" or ts == "object":
        base = "any"
    else:
        base = ts  # a referenced model
    return shape, base


# The catalogue of popular custom resources: (apiVersion, kind) per @kubernetes-models package
# (given as cat=ROOT). Those packages are generated from the operators' Go API types; each
# model's `declare class` lists every JSON field (embedded structs flattened), `?` marks the
# optional ones, and string-literal unions are enums. Istio's package spells its types inline, in
# one `export interface`, with oneOf as a TypeScript intersection `{...} & (Exclude<...> | ...)`:
# load_inline_interfaces names each inline object type after its path and keeps the left side
# of each intersection (the fields), so a oneOf's exclusivity is not checked.
CATALOGUE = {
    "prometheus-operator": [("monitoring.coreos.com/v1", k) for k in ("ServiceMonitor", "PodMonitor", "PrometheusRule")],
    "cert-manager": [("cert-manager.io/v1", k) for k in ("Certificate", "Issuer", "ClusterIssuer")],
    "gateway-api": [("gateway.networking.k8s.io/v1", "HTTPRoute")],
    "argo-cd": [("argoproj.io/v1alpha1", "Application")],
    "argo-rollouts": [("argoproj.io/v1alpha1", "Rollout")],
    "keda": [("keda.sh/v1alpha1", "ScaledObject")],
    "external-secrets": [("external-secrets.io/v1", "ExternalSecret")],
    "istio": [("networking.istio.io/" + v, k) for v in ("v1", "v1beta1", "v1alpha3")
              for k in ("VirtualService", "DestinationRule")],
}

FIELD_RE = re.compile(r'\s*"([^"]+)"(\?)?:\s*')


def ts_type_end(body, i):
    """Index of the ';' that ends the type starting at i (brackets balanced)."""
    depth = 0
    while i < len(body):
        ch = body[i]
        if ch in "{<(":
            depth += 1
        elif ch in "}>)":
            depth -= 1
        elif ch == ";" and depth == 0:
            return i
        elif ch == '"':
            i = body.index('"', i + 1)
        i += 1
    return i


def load_catalogue_package(root):
    """{FullName: ("object", [(field, ts, required)]) | ("alias", ts)}, {(av, kind): FullName}"""
    types, kinds = {}, {}
    for dp, _, files in os.walk(root):
        if "_schemas" in dp or "node_modules" in dp:
            continue
        for fn in files:
            if not fn.endswith(".d.ts") or fn == "index.d.ts":
                continue
            dts = read(os.path.join(dp, fn))
            em = re.search(r"export type \{ I(\w+) as I(\w+),", dts)
            if not em:
                continue
            full = "I" + em.group(2)
            am = re.search(r"^export type I\w+ = (.*?);\n", dts, re.M | re.S)
            cm = re.search(r"^export declare class \w+ extends Model<\w+> implements \w+ \{\n(.*?)^\}", dts, re.M | re.S)
            if cm:
                body, fields, i = cm.group(1), [], 0
                while True:
                    m = FIELD_RE.match(body, i)
                    if not m:
                        nl = body.find("\n", i)
                        if nl < 0:
                            break
                        i = nl + 1
                        continue
                    j = ts_type_end(body, m.end())
                    fields.append((m.group(1), " ".join(body[m.end():j].split()), not m.group(2)))
                    i = j + 1
                types[full] = ("object", fields)
                av = next((t for f, t, _ in fields if f == "apiVersion"), None)
                kd = next((t for f, t, _ in fields if f == "kind"), None)
                if av and kd and av.startswith('"') and kd.startswith('"'):
                    kinds[(av.strip('"'), kd.strip('"'))] = full
            elif am:
                types[full] = ("alias", " ".join(am.group(1).split()))
    return types, kinds


TS_TOKEN_RE = re.compile(r'\s*(?:("(?:[^"\\]|\\.)*")|([A-Za-z_$][\w$]*)|(.))', re.S)


def ts_tokens(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    out, i = [], 0
    while True:
        m = TS_TOKEN_RE.match(text, i)
        if not m or m.end() == i:
            break
        i = m.end()
        out.append(m.group(1) or m.group(2) or m.group(3))
    return out


class InlineTypes:
    """Parses TypeScript type expressions of an inline interface into the catalogue's type
    strings (catalogue_field's input), naming each object literal after its path. Object types
    with the same fields share one name, so DestinationRule's many copies of a traffic policy,
    and the three Istio API versions, cost one table entry each."""

    ALIASES = {"IObjectMeta": "IIoK8sApimachineryPkgApisMetaV1ObjectMeta"}

    def __init__(self, types):
        self.types, self.by_fields = types, {}

    def parse(self, toks, name):
        self.t, self.i = toks, 0
        ts = self.union(name)
        return ts

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else None

    def take(self, want=None):
        tok = self.peek()
        if want is not None and tok != want:
            raise ValueError("expected %r, got %r at token %d" % (want, tok, self.i))
        self.i += 1
        return tok

    def union(self, name):
        parts = [self.inter(name)]
        while self.peek() == "|":
            self.take()
            parts.append(self.inter(name))
        return " | ".join(parts)

    def inter(self, name):
        first = self.primary(name)
        while self.peek() == "&":  # oneOf variants: their fields are the left side's
            self.take()
            self.primary(name + "Variant")
        return first

    def primary(self, name):
        tok = self.take()
        if tok == "(":
            ts = self.union(name)
            self.take(")")
            return ts
        if tok == "{":
            return self.object(name)
        if tok in ("Array", "Exclude"):
            self.take("<")
            ts = self.union(name)
            while self.peek() == ",":
                self.take()
                self.union(name + "Excluded")
            self.take(">")
            return "Array<%s>" % ts if tok == "Array" else ts
        if tok.startswith('"'):
            return tok
        if self.peek() == "[":  # IKind["spec"]
            self.take()
            self.take()
            self.take("]")
            return "any"
        return self.ALIASES.get(tok, tok)

    def object(self, name):
        fields, index = [], None
        while self.peek() != "}":
            if self.peek() == "[":  # [key: string]: T
                self.take()
                self.take()
                self.take(":")
                self.take()
                self.take("]")
                self.take(":")
                index = self.union(name + "Value")
            else:
                key = self.take().strip('"')
                opt = self.peek() == "?"
                if opt:
                    self.take()
                self.take(":")
                fields.append((key, self.union(name + key[:1].upper() + key[1:]), not opt))
            if self.peek() == ";":
                self.take()
        self.take("}")
        if index is not None:  # a map (fields beside an index signature are the map's too)
            return "{ [key: string]: %s; }" % (index if not fields else "any")
        key = tuple(fields)
        if key not in self.by_fields:
            n, unique = 1, name
            while unique in self.types:  # another version's object of this path
                n += 1
                unique = "%s%d" % (name, n)
            self.by_fields[key] = unique
            self.types[unique] = ("object", fields)
        return self.by_fields[key]


def load_inline_interfaces(root, types, kinds, wanted):
    """Adds the wanted (apiVersion, kind)s of a package whose .d.ts files spell their types
    inline (Istio's)."""
    parser = InlineTypes(types)
    for dp, _, files in sorted(os.walk(root)):
        for fn in sorted(files):
            if not fn.endswith(".d.ts") or fn == "index.d.ts" or "_schemas" in dp:
                continue
            dts = read(os.path.join(dp, fn))
            im = re.search(r"^export interface I(\w+) \{\n(.*?)^\}", dts, re.M | re.S)
            if not im or re.search(r"export type \{ I\w+ as I\w+,", dts):
                continue
            body = ts_tokens("{" + im.group(2) + "}")
            av = re.search(r'^    "apiVersion": "([^"]+)";', im.group(2), re.M)
            kd = re.search(r'^    "kind": "([^"]+)";', im.group(2), re.M)
            if not av or not kd or (av.group(1), kd.group(1)) not in wanted:
                continue
            group = "".join(w[:1].upper() + w[1:] for w in reversed(av.group(1).split("/")[0].split(".")))
            full = parser.parse(body, "I" + group + kd.group(1))
            kinds[(av.group(1), kd.group(1))] = full


def catalogue_field(ts, ctypes, every, seen=()):
    """(shape, base) for a catalogue field type: base is a T key, a catalogue type name, a
    client-node type name (prefixed "cn:"), or ("enum", values)."""
    ts = ts.strip()
    m = re.fullmatch(r"Array<(.*)>", ts)
    if m:
        _, base = catalogue_field(m.group(1), ctypes, every, seen)
        return "array", base
    m = re.fullmatch(r"\{ \[key: string\]: (.*); \}", ts)
    if m:
        inner = m.group(1)
        m2 = re.fullmatch(r"Array<(.*)>", inner)
        if m2:
            return "maparray", catalogue_field(m2.group(1), ctypes, every, seen)[1]
        return "map", catalogue_field(inner, ctypes, every, seen)[1]
    parts = [p.strip() for p in ts.split("|")]
    if len(parts) > 1 and all(re.fullmatch(r'"[^"]*"', p) for p in parts):
        return "scalar", ("enum", [p[1:-1] for p in parts])
    if re.fullmatch(r'"[^"]*"', ts):
        return "scalar", ("enum", [ts[1:-1]])
    simple = {"string": "string", "number": "number", "boolean": "bool", "any": "any", "object": "any"}
    if ts in simple:
        return "scalar", simple[ts]
    special = {"IIoK8sApimachineryPkgUtilIntstrIntOrString": "intstr",
               "IIoK8sApimachineryPkgApiResourceQuantity": "quantity",
               "IIoK8sApimachineryPkgApisMetaV1Time": "time"}
    if ts in special:
        return "scalar", special[ts]
    if ts in ctypes and ts not in seen:
        kind, x = ctypes[ts]
        if kind == "alias":
            return catalogue_field(x, ctypes, every, seen + (ts,))
        return "scalar", ts
    if ts.startswith("IIoK8s"):
        n = cn_name_for(ts[1:], every)
        if n:
            return "scalar", "cn:" + n
    return "scalar", "any"


def json_name(root):
    import json
    with open(os.path.join(root, "package.json"), encoding="utf-8") as f:
        pj = json.load(f)
    return pj["name"], pj["version"]


def fill_formats(versions):
    """0.x releases give "number" without a format: take it from a 1.x release's same field."""
    fmts = {}
    for cn in versions.values():
        for t, fields in cn.items():
            for name, ts, fmt, _ in fields:
                if fmt is not None:
                    fmts.setdefault((t, name, ts), fmt)
    for cn in versions.values():
        for t in cn:
            cn[t] = [(n, ts, fmts.get((t, n, ts), "") if fmt is None else fmt, r) for n, ts, fmt, r in cn[t]]


def main():
    versions, km_roots, cat_roots = {}, [], []
    for a in sys.argv[1:]:
        if a.startswith("cat="):
            cat_roots.append(a[4:])
        elif "=" in a:
            minor, root = a.split("=", 1)
            versions[int(minor)] = load_client_node(root)
        else:
            km_roots.append(a)
    fill_formats(versions)
    # Facts and kinds from every kubernetes-models release given, the first one winning.
    km_kinds, km_facts = {}, {}
    for root in km_roots:
        ks, fs = load_kubernetes_models(root)
        for av, kd, full in ks:
            km_kinds.setdefault((av, kd), full)
        for full, f in fs.items():
            for k, x in f.items():
                km_facts.setdefault(full, {}).setdefault(k, x)
    every = {}
    for cn in versions.values():
        for t, fl in cn.items():
            every.setdefault(t, fl)
    facts = {}
    for full, f in km_facts.items():
        n = cn_name_for(full, every)
        if n:
            for k, x in f.items():
                facts.setdefault(n, {}).setdefault(k, x)

    def bit(m):
        return 1 << (m - FIRST_MINOR)

    def mask_of(present):
        """present: set of minors; adds the interpolated minors."""
        m = 0
        for v in present:
            m |= bit(v)
        for v, (lo, hi) in INTERPOLATED.items():
            if lo in present or hi in present:
                m |= bit(v)
        return m

    extra_roots = []
    kinds = {}  # (av, kind) -> {type name: set of minors}
    for (av, kd), full in sorted(km_kinds.items()):
        for minor, cn in versions.items():
            n = cn_name_for(full, cn)
            if n and any(f[0] == "metadata" for f in cn[n]):
                kinds.setdefault((av, kd), {}).setdefault(n, set()).add(minor)
    # The catalogue: its types join the union table (present in every minor), its kinds are
    # flagged so that their apiVersions do not count as built-in groups.
    cat_types, cat_kinds, cat_notes = {}, {}, []
    for root in cat_roots:
        pkg = json_name(root)
        ctypes, ckinds = load_catalogue_package(root)
        load_inline_interfaces(root, ctypes, ckinds, set(CATALOGUE.get(pkg[0].split("/")[-1], [])))
        for av, kd in CATALOGUE.get(pkg[0].split("/")[-1], []):
            if (av, kd) in ckinds:
                cat_kinds[(av, kd)] = ckinds[(av, kd)]
                cat_notes.append("%s %s (%s %s)" % (av, kd, pkg[0], pkg[1]))
        stack = [ckinds[k] for k in cat_kinds if k in ckinds]
        while stack:
            t = stack.pop()
            if t in cat_types or t not in ctypes or ctypes[t][0] != "object":
                continue
            fields = []
            for name, ts, req in ctypes[t][1]:
                shape, base = catalogue_field(ts, ctypes, every)
                fields.append((name, shape, base, req))
                if isinstance(base, str) and base in ctypes:
                    stack.append(base)
                if isinstance(base, str) and base.startswith("cn:"):
                    extra_roots.append(base[3:])
            cat_types[t] = fields
    # Types reachable from the kinds, in any version.
    order, seen = [], set()
    stack = [n for per in kinds.values() for n in per] + extra_roots
    while stack:
        t = stack.pop()
        if t in seen or t not in every:
            continue
        seen.add(t)
        order.append(t)
        for cn in versions.values():
            for _, ts, fmt, _ in cn.get(t, []):
                _, base = classify(ts, fmt)
                if base not in T:
                    stack.append(base)
    order += sorted(cat_types)
    order.sort()
    index = {t: i for i, t in enumerate(order)}
    enums, enum_index = [], {}
    fields_out, types_out = [], []
    for t in order:
        first = len(fields_out)
        entries = {}  # (name, ty, shape, ref, enum, req) -> set of minors
        for name, shape, base, req in cat_types.get(t, []):
            ref = enum_i = 0
            if isinstance(base, tuple):
                ty = "string"
                key = "|".join(base[1])
                if key not in enum_index:
                    enum_index[key] = len(enums) + 1
                    enums.append(key)
                enum_i = enum_index[key]
            elif base in T:
                ty = base
            elif base.startswith("cn:") and base[3:] in index:
                ty, ref = "object", index[base[3:]]
            elif base in index:
                ty, ref = "object", index[base]
            else:
                ty = "any"
            k = (name, T[ty], SHAPE[shape], ref, enum_i, 1 if req else 0)
            entries.setdefault(k, set()).update(versions)
        for minor, cn in versions.items():
            for name, ts, fmt, req in cn.get(t, []):
                shape, base = classify(ts, fmt)
                ref = 0
                enum_i = 0
                enum, quantity = facts.get(t, {}).get(name, (None, False))
                if base in T:
                    ty = base
                elif base in index:
                    ty, ref = "object", index[base]
                else:
                    ty = "any"
                if quantity and ty in ("string", "any"):
                    ty = "quantity"
                if enum and ty == "string":
                    key = "|".join(enum)
                    if key not in enum_index:
                        enum_index[key] = len(enums) + 1
                        enums.append(key)
                    enum_i = enum_index[key]
                k = (name, T[ty], SHAPE[shape], ref, enum_i, 1 if req else 0)
                entries.setdefault(k, set()).add(minor)
        for k in sorted(entries, key=lambda e: (e[0].encode(), min(entries[e]))):
            fields_out.append(k + (mask_of(entries[k]),))
        types_out.append((t, first, len(fields_out) - first))
    kinds_out = []
    for (av, kd), per in kinds.items():
        for n, minors in sorted(per.items()):
            kinds_out.append((av, kd, index[n], mask_of(minors), 0))
    for (av, kd), full in cat_kinds.items():
        if (av, kd) not in kinds:
            kinds_out.append((av, kd, index[full], (1 << NMINORS) - 1, 1))
    kinds_out.sort(key=lambda k: (k[0].encode(), k[1].encode()))
    w = sys.stdout.write
    w("/* k8s_schema.c - GENERATED by tools/gen-k8s-schema.py; do not edit.\n"
      " *\n"
      " * The Kubernetes API types of every minor from 1.28 to 1.35 as one union table for validate.c:\n"
      " * each type's fields (sorted by name, then by first minor) with their value type, shape\n"
      " * (scalar, list, map), referenced type, enum, whether the field is required, and the bitmask\n"
      " * of the minors that have the field so (bit 0 = 1.28 ... bit 7 = 1.35); a field whose\n"
      " * attributes changed has one entry per form. The kinds (apiVersion, kind) with their root\n"
      " * type and minors. Facts from the OpenAPI documents as published in @kubernetes/client-node\n"
      " * 0.20.0 (1.28), 0.21.0 (1.29), 0.22.3 (1.30), 1.1.2 (1.32), 1.3.0 (1.33), 1.4.0 (1.34),\n"
      " * 2.0.2 (1.35); 1.31 is the union of 1.30 and 1.32 (no release was generated from it);\n"
      " * enums, quantities and apiVersions from kubernetes-models 5.1.0, 4.5.1 and 4.4.2.\n"
      " * The catalogue of custom resources (kinds flagged `catalogue`), from @kubernetes-models:\n")
    for note in sorted(cat_notes):
        w(" *   %s\n" % note)
    w(" */\n")
    w('#include "lint/validate.h"\n\n')
    w("const unsigned hk8s_first_minor = %d, hk8s_nminors = %d;\n\n" % (FIRST_MINOR, NMINORS))
    w("/* Enum value lists: values separated by '|' (an empty value is allowed). */\n")
    w("const char *const hk8s_enums[] = {\n\tNULL,\n")
    for e in enums:
        w('\t"%s",\n' % e)
    w("};\n\n")
    w("const hk8s_field hk8s_fields[] = {\n")
    for name, ty, shape, ref, en, req, mask in fields_out:
        w('\t{"%s", %d, %d, %d, %d, %d, 0x%02x},\n' % (name, ref, en, ty, shape, req, mask))
    w("};\n\n")
    w("const hk8s_typedef hk8s_types[] = {\n")
    for t, first, n in types_out:
        w('\t{"%s", %d, %d},\n' % (t, first, n))
    w("};\nconst size_t hk8s_ntypes = sizeof hk8s_types / sizeof *hk8s_types;\n\n")
    w("/* Sorted by apiVersion, then kind. */\n")
    w("const hk8s_kind hk8s_kinds[] = {\n")
    for av, kd, n, mask, cat in kinds_out:
        w('\t{"%s", "%s", %d, 0x%02x, %d},\n' % (av, kd, n, mask, cat))
    w("};\nconst size_t hk8s_nkinds = sizeof hk8s_kinds / sizeof *hk8s_kinds;\n")
    sys.stderr.write("%d kinds, %d types, %d fields, %d enums\n" % (len(kinds_out), len(order), len(fields_out), len(enums)))


if __name__ == "__main__":
    main()
