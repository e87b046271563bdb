/* schema4.c - what helm 4.1.4's JSON Schema validator (santhosh-tekuri/jsonschema v6, which
 * replaced gojsonschema) rejects in a values.schema.json before validating anything: the
 * schema against its metaschema. A schema without `$schema` is draft 2020-12 there, so
 * draft-04 habits fail: a boolean exclusiveMaximum/exclusiveMinimum (number since draft-06)
 * and the array form of `items` (only boolean or object in 2020-12)
 * (schema/schema2-hybrid-exclusive-bool-ok, schema/schema2-additional-items-schema-ok).
 *
 * Only these keyword types are checked, the ones our corpus and charts meet; the message
 * follows v6's layout: under 2020-12 every schema on the way down adds an `'allOf' failed`
 * level (its metaschema is an allOf of vocabularies), under draft-06/07 the leaf stands
 * alone. Everything else about helm 4's validator (messages, formats not asserted) is in
 * schema.c under its v6 flag. */
#include "helm/schema.h"
#include "data/json.h"
#include "value/fmt.h"

#include <stdio.h>
#include <string.h>

typedef struct meta {
	bool allof;   /* 2020-12 / 2019-09 */
	bool items2020;
	bool exclusive_num; /* draft-06 and later */
	hbuf *out;
	int found;
} meta;

static bool is_number(const hv *v)
{
	return v->type == HT_FLOAT64 || v->type == HT_INT || v->type == HT_INT64;
}

/* A JSON pointer token: `~` is `~0`, `/` is `~1`. */
static void put_token(hbuf *p, const char *s, size_t n)
{
	hbuf_putc(p, '/');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '~')
			hbuf_puts(p, "~0");
		else if (s[i] == '/')
			hbuf_puts(p, "~1");
		else
			hbuf_putc(p, s[i]);
	}
}

static void line(meta *m, int level, const hbuf *path, const char *what)
{
	hbuf_putn(m->out, ' ', (size_t)level * 2);
	hbuf_puts(m->out, "- at '");
	hbuf_put(m->out, path->data, path->len);
	hbuf_puts(m->out, "': ");
	hbuf_puts(m->out, what);
	hbuf_putc(m->out, '\n');
}

static bool walk(meta *m, const hv *s, hbuf *path, int level, int depth);

/* The leaf problem of schema s itself, if any (its first, in keyword order). */
static bool leaf(meta *m, const hv *s, hbuf *path, int level)
{
	static const char *const ex[] = {"exclusiveMaximum", "exclusiveMinimum"};
	for (size_t i = 0; m->exclusive_num && i < 2; i++) {
		hv *v = hmap_gets(s->m, ex[i]);
		if (v && !is_number(v)) {
			size_t at = path->len;
			put_token(path, ex[i], strlen(ex[i]));
			char what[64];
			snprintf(what, sizeof what, "got %s, want number", hjson_schema_type(v));
			line(m, level, path, what);
			path->len = at;
			return true;
		}
	}
	/* multipleOf > 0 and non-negative counts (schema/schema2-compile-multiple-of-zero) */
	static const char *const counts[] = {"maxItems", "maxLength", "maxProperties",
	                                     "minItems", "minLength", "minProperties"};
	hv *mo = hmap_gets(s->m, "multipleOf");
	for (int k = -1; m->exclusive_num && k < 6; k++) {
		const char *kw = k < 0 ? "multipleOf" : counts[k];
		hv *v = k < 0 ? mo : hmap_gets(s->m, kw);
		if (!v || !is_number(v))
			continue;
		double d = v->type == HT_FLOAT64 ? v->f : (double)v->i;
		if (k < 0 ? d > 0 : d >= 0)
			continue;
		size_t at = path->len;
		put_token(path, kw, strlen(kw));
		hbuf what = HBUF_INIT;
		hbuf_puts(&what, k < 0 ? "exclusiveMinimum: got " : "minimum: got ");
		hfmt_value(&what, v);
		hbuf_puts(&what, ", want 0");
		line(m, level, path, hbuf_cstr(&what));
		hbuf_free(&what);
		path->len = at;
		return true;
	}
	hv *it = hmap_gets(s->m, "items");
	if (m->items2020 && it && !hv_is_map(it) && it->type != HT_BOOL) {
		size_t at = path->len;
		put_token(path, "items", 5);
		char what[64];
		snprintf(what, sizeof what, "got %s, want boolean or object", hjson_schema_type(it));
		line(m, level, path, what);
		path->len = at;
		return true;
	}
	return false;
}

/* Subschemas under a map of schemas (properties, $defs ...) or a list (allOf ...). */
static bool children(meta *m, const hv *s, hbuf *path, int level, int depth)
{
	static const char *const maps[] = {"$defs", "definitions", "dependentSchemas",
	                                   "patternProperties", "properties"};
	static const char *const one[] = {"additionalProperties", "contains", "else", "if",
	                                  "items", "not", "propertyNames", "then"};
	static const char *const lists[] = {"allOf", "anyOf", "oneOf", "prefixItems"};
	for (size_t k = 0; k < sizeof maps / sizeof *maps; k++) {
		hv *v = hmap_gets(s->m, maps[k]);
		if (!v || !hv_is_map(v) || !v->m)
			continue;
		hmap_entry **e = hmap_sorted(v->m);
		for (size_t i = 0; e && i < hmap_len(v->m); i++) {
			size_t at = path->len;
			put_token(path, maps[k], strlen(maps[k]));
			put_token(path, e[i]->key->data, e[i]->key->len);
			bool bad = walk(m, &e[i]->val, path, level, depth + 1);
			path->len = at;
			if (bad)
				return true;
		}
	}
	for (size_t k = 0; k < sizeof one / sizeof *one; k++) {
		hv *v = hmap_gets(s->m, one[k]);
		if (!v || !hv_is_map(v))
			continue;
		size_t at = path->len;
		put_token(path, one[k], strlen(one[k]));
		bool bad = walk(m, v, path, level, depth + 1);
		path->len = at;
		if (bad)
			return true;
	}
	for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
		hv *v = hmap_gets(s->m, lists[k]);
		for (size_t i = 0; v && hv_is_list(v) && i < v->l->len; i++) {
			size_t at = path->len;
			char idx[24];
			snprintf(idx, sizeof idx, "%zu", i);
			put_token(path, lists[k], strlen(lists[k]));
			put_token(path, idx, strlen(idx));
			bool bad = walk(m, &v->l->v[i], path, level, depth + 1);
			path->len = at;
			if (bad)
				return true;
		}
	}
	return false;
}

/* True when s or a subschema breaks a rule; the lines are written on the way back up. */
static bool walk(meta *m, const hv *s, hbuf *path, int level, int depth)
{
	if (!hv_is_map(s) || !s->m || depth > 200)
		return false;
	int child_level = m->allof ? level + 1 : level;
	/* does anything below fail? find it first, then put our allOf line before it */
	hbuf tmp = HBUF_INIT;
	hbuf *saved = m->out;
	m->out = &tmp;
	bool bad = leaf(m, s, path, child_level) || children(m, s, path, child_level, depth);
	m->out = saved;
	if (bad) {
		if (m->allof)
			line(m, level, path, "'allOf' failed");
		hbuf_put(m->out, tmp.data, tmp.len);
	}
	hbuf_free(&tmp);
	return bad;
}

bool hschema4_metaschema(const hv *s, hbuf *out)
{
	if (!hv_is_map(s))
		return false;
	hv *u = hmap_gets(s->m, "$schema");
	const char *url = u && u->type == HT_STRING ? u->s->data : "";
	meta m = {.out = out};
	const char *shown;
	if (!*url || strstr(url, "/draft/2020-12/") || strstr(url, "/draft/2019-09/")) {
		m.allof = m.exclusive_num = true;
		m.items2020 = !*url || strstr(url, "2020-12");
		shown = *url ? url : "https://json-schema.org/draft/2020-12/schema";
	} else if (strstr(url, "draft-06") || strstr(url, "draft-07")) {
		m.exclusive_num = true;
		shown = url;
	} else {
		return false; /* draft-04 and unknown: these keywords are fine */
	}
	hbuf lines = HBUF_INIT, path = HBUF_INIT;
	m.out = &lines;
	bool bad = walk(&m, s, &path, 0, 0);
	if (bad) {
		hbuf_puts(out, "\"file:///values.schema.json#\" is not valid against metaschema: "
		               "jsonschema validation failed with '");
		hbuf_puts(out, shown);
		if (!strchr(shown, '#'))
			hbuf_putc(out, '#');
		hbuf_puts(out, "'\n");
		hbuf_put(out, lines.data, lines.len);
	}
	hbuf_free(&lines);
	hbuf_free(&path);
	return bad;
}
