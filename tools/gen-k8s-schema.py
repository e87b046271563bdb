#!/usr/bin/env python3
"""gen-k8s-schema.py - writes libhtmpl/lint/generated/k8s_schema.c: compact C tables of the Kubernetes API
types (fields, value types, required fields, enums, quantities) for `htmpl lint --validate`.

Sources (npm packages, unpacked with `npm pack`; neither is committed):
  * @kubernetes/client-node 1.1.2: generated from the Kubernetes v1.32.0 OpenAPI document.
    Its models carry attributeTypeMap (JSON field name, TypeScript type, OpenAPI format) and
    its .d.ts files mark optional fields with `?`, so required fields are the others.
  * kubernetes-models 5.1.0: its .d.ts files spell enums as string-literal unions
    ("Always" | "IfNotPresent" | "Never"), mark resource.Quantity fields, and give each kind
    its apiVersion literal. Used only for those three facts; field lists come from the first.

Usage:
  mkdir /tmp/k8s && cd /tmp/k8s
  npm pack @kubernetes/client-node@1.1.2 kubernetes-models@5.1.0
  mkdir cn km && tar xzf kubernetes-client-node-1.1.2.tgz -C cn && tar xzf kubernetes-models-5.1.0.tgz -C km
  tools/gen-k8s-schema.py /tmp/k8s/cn/package /tmp/k8s/km/package > libhtmpl/lint/generated/k8s_schema.c
"""
import os
import re
import sys

OPENAPI_VERSION = "v1.32.0"

# Field types of the C table (keep in sync with validate.h enum hk8s_type).
T = {"string": 0, "int32": 1, "int64": 2, "number": 3, "bool": 4, "intstr": 5,
     "quantity": 6, "time": 7, "bytes": 8, "any": 9, "object": 10}
SHAPE = {"scalar": 0, "array": 1, "map": 2, "maparray": 3}


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


ATTR_RE = re.compile(r'"name": "([^"]*)",\s*"baseName": "([^"]*)",\s*"type": "([^"]*)",\s*"format": "([^"]*)"')


def load_client_node(root):
    """{TypeName: [(json_name, ts_type, format, required)]}"""
    mdir = os.path.join(root, "dist", "gen", "models")
    types = {}
    for fn in sorted(os.listdir(mdir)):
        if not fn.endswith(".js") or fn in ("all.js", "ObjectSerializer.js"):
            continue
        name = fn[:-3]
        js = read(os.path.join(mdir, fn))
        if "attributeTypeMap" not in js:
            continue
        dts_path = os.path.join(mdir, name + ".d.ts")
        dts = read(dts_path) if os.path.exists(dts_path) else ""
        req = set(re.findall(r"^    '([^']+)':", dts, re.M))
        fields = []
        for m in ATTR_RE.finditer(js):
            _, base, ts, fmt = m.groups()
            fields.append((base, ts, fmt, base in req))
        types[name] = fields
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


def main():
    cn_root, km_root = sys.argv[1], sys.argv[2]
    cn = load_client_node(cn_root)
    km_kinds, km_facts = load_kubernetes_models(km_root)
    # Facts keyed by client-node type name.
    facts = {}
    for full, f in km_facts.items():
        n = cn_name_for(full, cn)
        if n:
            facts.setdefault(n, {}).update(f)
    kinds = []
    for av, kd, full in km_kinds:
        n = cn_name_for(full, cn)
        if n and any(f[0] == "metadata" for f in cn[n]):
            kinds.append((av, kd, n))
    kinds.sort()
    # Types reachable from the kinds.
    order, seen = [], set()
    stack = [k[2] for k in kinds]
    while stack:
        t = stack.pop()
        if t in seen or t not in cn:
            continue
        seen.add(t)
        order.append(t)
        for _, ts, fmt, _ in cn[t]:
            _, base = classify(ts, fmt)
            if base not in T:
                stack.append(base)
    order.sort()
    index = {t: i for i, t in enumerate(order)}
    enums, enum_index = [], {}
    fields_out, types_out = [], []
    for t in order:
        first = len(fields_out)
        for name, ts, fmt, req in sorted(cn[t], key=lambda f: f[0].encode()):
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
            fields_out.append((name, T[ty], SHAPE[shape], ref, enum_i, 1 if req else 0))
        types_out.append((t, first, len(fields_out) - first))
    w = sys.stdout.write
    w("/* k8s_schema.c - GENERATED by tools/gen-k8s-schema.py; do not edit.\n"
      " *\n"
      " * The Kubernetes %s API types as compact tables for validate.c: each type's fields (sorted\n"
      " * by name) with their value type, shape (scalar, list, map), referenced type, enum and\n"
      " * whether the field is required; and the kinds (apiVersion, kind) with their root type.\n"
      " * Facts from the OpenAPI document as published in @kubernetes/client-node 1.1.2 and\n"
      " * kubernetes-models 5.1.0 (enums, quantities, apiVersions). */\n" % OPENAPI_VERSION)
    w('#include "lint/validate.h"\n\n')
    w('const char hk8s_schema_version[] = "%s";\n\n' % OPENAPI_VERSION)
    w("/* Enum value lists: values separated by '|' (an empty value is allowed). */\n")
    w("const char *const hk8s_enums[] = {\n\tNULL,\n")
    for e in enums:
        w('\t"%s",\n' % e)
    w("};\n\n")
    w("const hk8s_field hk8s_fields[] = {\n")
    for name, ty, shape, ref, en, req in fields_out:
        w('\t{"%s", %d, %d, %d, %d, %d},\n' % (name, ref, en, ty, shape, req))
    w("};\n\n")
    w("const hk8s_typedef hk8s_types[] = {\n")
    for t, first, n in types_out:
        w('\t{"%s", %d, %d},\n' % (t, first, n))
    w("};\nconst size_t hk8s_ntypes = sizeof hk8s_types / sizeof *hk8s_types;\n\n")
    w("/* Sorted by apiVersion, then kind. */\n")
    w("const hk8s_kind hk8s_kinds[] = {\n")
    for av, kd, n in kinds:
        w('\t{"%s", "%s", %d},\n' % (av, kd, index[n]))
    w("};\nconst size_t hk8s_nkinds = sizeof hk8s_kinds / sizeof *hk8s_kinds;\n")
    sys.stderr.write("%d kinds, %d types, %d fields, %d enums\n" % (len(kinds), len(order), len(fields_out), len(enums)))


if __name__ == "__main__":
    main()
