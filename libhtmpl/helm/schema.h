/* schema.h - values.schema.json validation as Helm 3.17 does it (pkg/chartutil/jsonschema.go
 * with xeipuuv/gojsonschema v1.2.0, JSON Schema draft-07), with Helm's error text:
 * `values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- x:
 * Invalid type. Expected: string, given: integer\n`. */
#ifndef HTMPL_SCHEMA_H
#define HTMPL_SCHEMA_H

#include "helm/coalesce.h"

/* ValidateAgainstSchema over the chart tree (each chart against its own table of vals). */
bool hschema_validate_tree(hvctx *x, const hwchart *c, hmap *vals);
/* ValidateAgainstSingleSchema: appends `- field: message\n` lines to out for each failure;
 * returns false only when the schema itself cannot be used (err set). */
/* hschema_validate as helm 4.1.4's validator sees it when v6 (formats not asserted, no
 * compile checks, trailing JSON refused, the metaschema check of schema4.c); the messages
 * stay gojsonschema's. */
bool hschema_validate_v(harena *a, const char *schema, size_t len, const hv *values, bool v6,
                        hbuf *out, herr *err);
/* schema4.c: the metaschema check; true with helm 4's message in out when s fails it. */
bool hschema4_metaschema(const hv *s, hbuf *out);
/* schema6.c: helm 4.1.4's validation (santhosh-tekuri/jsonschema v6) of values against a
 * decoded schema, its error lines (`- at '/x': got number, want string`, a newline at the
 * end) appended to out; false with *oom when memory ran out. */
bool hschema6_validate(harena *a, const hv *schema, const hv *values, hbuf *out, bool *oom);
bool hschema_validate(harena *a, const char *schema, size_t len, const hv *values, hbuf *out,
		      herr *err);

#endif
