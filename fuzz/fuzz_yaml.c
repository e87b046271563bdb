/* fuzz_yaml - the data layer: values YAML, JSON and TOML in and out (yaml_load.c,
 * yaml_emit.c, json.c, toml.c), as values files, fromYaml/fromJson/fromToml and toYaml reach it.
 *
 * The first byte picks the mode (low 3 bits) and flags; the rest is the document:
 *   0, 1  YAML load + toYaml; the output must load again and re-emit to the same bytes
 *   2     every document (fromYamlArray-like load_all), then toYaml of the list
 *   3     JSON decode + encode (bit 3: no HTML escaping, bit 4: indented); idempotent
 *   4     TOML decode + encode
 *   5     YAML load + toYamlPretty
 *   6     yaml.Unmarshal into a map (fromYaml), then JSON encode
 *   7     YAML load -> JSON encode -> JSON decode -> toYaml must equal toYaml of the load
 * Node counts are bounded (HTMPL_LIMIT_YAML_NODES-style) so alias bombs fail fast. */
#include "core/error.h"
#include "data/json.h"
#include "data/toml.h"
#include "data/yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NODES 100000

static bool same(const hbuf *a, const hbuf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* out = emit(load(text)); then emit(load(out)) must equal out. */
static void yaml_roundtrip(harena *a, const char *s, size_t n, herr *err)
{
	hv v, w;
	hbuf once = HBUF_INIT, twice = HBUF_INIT;
	if (hyaml_load_limit(a, s, n, MAX_NODES, &v, err) && hyaml_emit(&once, &v, err)) {
		herr e2 = HTMPL_ERROR_INIT;
		if (hyaml_load_limit(a, once.data ? once.data : "", once.len, MAX_NODES, &w, &e2) &&
		    hyaml_emit(&twice, &w, &e2) && !same(&once, &twice))
			abort(); /* toYaml is not idempotent */
		htmpl_error_clear(&e2);
	}
	hbuf_free(&once);
	hbuf_free(&twice);
}

static void json_roundtrip(harena *a, const char *s, size_t n, unsigned flags, herr *err)
{
	hv v, w;
	hbuf once = HBUF_INIT, twice = HBUF_INIT;
	if (hjson_decode(a, s, n, &v, err) && hjson_encode(&once, &v, flags, err)) {
		herr e2 = HTMPL_ERROR_INIT;
		if (hjson_decode(a, once.data ? once.data : "", once.len, &w, &e2) &&
		    hjson_encode(&twice, &w, flags, &e2) && !same(&once, &twice))
			abort(); /* toJson is not idempotent */
		htmpl_error_clear(&e2);
	}
	hbuf_free(&once);
	hbuf_free(&twice);
}

/* YAML -> JSON -> YAML: the JSON step must not change what toYaml prints. */
static void yaml_via_json(harena *a, const char *s, size_t n, herr *err)
{
	hv v, w;
	hbuf direct = HBUF_INIT, json = HBUF_INIT, via = HBUF_INIT;
	if (hyaml_load_limit(a, s, n, MAX_NODES, &v, err) && hyaml_emit(&direct, &v, err) &&
	    hjson_encode(&json, &v, 0, err)) {
		herr e2 = HTMPL_ERROR_INIT;
		if (hjson_decode(a, json.data ? json.data : "", json.len, &w, &e2) && hyaml_emit(&via, &w, &e2) &&
		    !same(&direct, &via))
			abort(); /* the JSON round trip changed the value */
		htmpl_error_clear(&e2);
	}
	hbuf_free(&direct);
	hbuf_free(&json);
	hbuf_free(&via);
}

static void emit_with(harena *a, bool ok, const hv *v, int how, herr *err)
{
	(void)a;
	hbuf b = HBUF_INIT;
	if (ok) {
		if (how == 0)
			hyaml_emit(&b, v, err);
		else if (how == 1)
			hyaml_emit_pretty(&b, v, err);
		else if (how == 2)
			hjson_encode(&b, v, 0, err);
		else
			htoml_encode(&b, v, err);
	}
	hbuf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 256 * 1024)
		return 0;
	harena *a = harena_new();
	if (!a)
		return 0;
	harena_set_limit(a, 256u << 20);
	herr err = HTMPL_ERROR_INIT;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	hv v;
	switch (data[0] & 7) {
	case 0:
	case 1: yaml_roundtrip(a, s, n, &err); break;
	case 2: emit_with(a, hyaml_load_all_limit(a, s, n, MAX_NODES, &v, &err), &v, 0, &err); break;
	case 3: json_roundtrip(a, s, n, (data[0] >> 3) & 3, &err); break;
	case 4: emit_with(a, htoml_decode(a, s, n, &v, &err), &v, 3, &err); break;
	case 5: emit_with(a, hyaml_load_limit(a, s, n, MAX_NODES, &v, &err), &v, 1, &err); break;
	case 6:
		emit_with(a, hyaml_load_map(a, s, n, MAX_NODES, "map[string]interface {}", &v, &err), &v, 2,
		          &err);
		break;
	default: yaml_via_json(a, s, n, &err); break;
	}
	htmpl_error_clear(&err);
	harena_free(a);
	return 0;
}
