/* values_report.c - htmpl's value reports (values_report.h). Beyond Helm: no upstream.
 *
 * Paths are key segments joined by HYAML_PATH_SEP (data/yaml_lines.h) while computing and
 * shown with dots (a dot inside a key as `\.`, --set's escape).
 *
 * The rules of "read" (err on the side of read; the README lists them for users):
 *  - a leaf of the coalesced values is read when a template looked its key up in its map
 *    (field access, index, get, hasKey, dig, pluck), or consumed one of the maps or lists
 *    holding it as a whole (template/track.h), or is itself a list or map read whole;
 *  - global.X is read for every chart when any chart (parent or subchart) read its copy;
 *  - a dependency's condition paths, the tags and import-values paths are read (Helm's
 *    dependency processing reads them before any template runs);
 *  - a value set by the user that coalescing dropped (null, or a type clash with a table)
 *    is not judged; a user leaf whose final value is a table from the defaults is read when
 *    anything under it is;
 *  - with HTMPL_REPORT_DEFAULTS, the defaults of a subchart that is disabled are not judged
 *    (no template of it runs), nor a subchart's copy of global when the top level has it,
 *    nor a default whose key any template or file of the chart tree spells (it may be read
 *    under a switch that is off in this render): reported defaults are dead keys. */
#include "helm/values_report.h"

#include "helm/strvals.h"
#include "helm/values4.h"
#include "core/strconv.h"
#include "data/json.h"
#include "data/yaml.h"
#include "data/yaml_lines.h"
#include "value/fmt.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEP HYAML_PATH_SEP

/* One user source: a -f file or one --set-family argument. */
typedef struct src {
	const char *label; /* file name, or "--set #N (expr)" */
	const char *file;  /* finding file: the values file or the flag */
	hmap *vals;
	hmap *lines; /* path -> line; NULL for --set */
} src;

/* One chart of the tree, with its values path prefix. */
typedef struct cnode {
	const hrchart *rc;
	const char *prefix; /* "" for the top, else "sub", "sub\x1fsubsub" */
	hmap *lines;        /* lines of its values.yaml, read when first needed (chart_lines) */
} cnode;

typedef struct ctx {
	harena *a;
	const henv *env;
	const hopts *o;
	const hrchart *root;
	const htrack *t;
	herr *err;
	bool oom;
	hmap *leaves;  /* path -> HT_INT: bit 0 read, bits 1.. offset of global-relative part + 1 */
	hmap *greads;  /* global-relative path -> read by some chart */
	hmap *forced;  /* paths (and everything under them) read by dependency processing */
	hmap *mpaths;  /* map pointer bytes -> path (HT_STRING) */
	src *srcs;
	size_t nsrcs;
	cnode *charts;
	size_t ncharts, capcharts;
	hmap *disabled; /* values paths of disabled subcharts */
	hmap *words;    /* key words to look for in the tree's texts -> found (spelled) */
	uint64_t want[128]; /* bit n of want[c]: a word of words starts with c, n bytes long */
	hmap *touched;  /* paths with a read leaf below them */
} ctx;

static bool oom(ctx *c)
{
	c->oom = true;
	return false;
}

static int cmp_file_line(const void *pa, const void *pb);

/* ---------------------------------------------------------------- paths */

static char *join(ctx *c, const char *a, size_t an, const char *b, size_t bn)
{
	char *s = harena_alloc(c->a, an + bn + 2);
	if (!s)
		return oom(c), NULL;
	memcpy(s, a, an);
	size_t n = an;
	if (an && bn)
		s[n++] = SEP;
	memcpy(s + n, b, bn);
	s[n + bn] = 0;
	return s;
}

/* The shown form: dots between segments, `\.` for a dot in a key. */
static const char *shown(ctx *c, const char *p)
{
	hbuf b = HBUF_INIT;
	for (; *p; p++) {
		if (*p == SEP)
			hbuf_putc(&b, '.');
		else if (*p == '.')
			hbuf_puts(&b, "\\.");
		else
			hbuf_putc(&b, *p);
	}
	char *s = hbuf_ok(&b) ? harena_strndup(c->a, b.data ? b.data : "", b.len) : NULL;
	hbuf_free(&b);
	if (!s)
		oom(c);
	return s ? s : "";
}

/* The value at path p of map m, or NULL. */
static const hv *lookup(const hmap *m, const char *p)
{
	const hv *cur = NULL;
	while (m) {
		const char *e = strchr(p, SEP);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		cur = hmap_get(m, p, n);
		if (!cur || !e)
			return cur;
		if (!hv_is_map(cur))
			return NULL;
		m = cur->m;
		p = e + 1;
	}
	return NULL;
}

static bool is_leaf(const hv *v) { return !hv_is_map(v) || hmap_len(v->m) == 0; }

/* ---------------------------------------------------------------- the read index */

static bool is_chart_root(const ctx *c, const hmap *m)
{
	for (size_t i = 0; i < c->ncharts; i++)
		if (c->charts[i].rc->values.m == m)
			return true;
	return false;
}

static bool forced(const ctx *c, const char *p)
{
	size_t n = strlen(p);
	for (size_t i = 0; i < n; i++)
		if (p[i] == SEP && hmap_get(c->forced, p, i))
			return true;
	return hmap_get(c->forced, p, n) != NULL;
}

static void index_map(ctx *c, const hmap *m, const char *path, bool whole, long grel, int depth)
{
	if (depth > 200 || c->oom)
		return;
	whole = whole || htrack_whole_read(c->t, m);
	const hmap *key = m;
	if (!hmap_get(c->mpaths, (const char *)&key, sizeof key)) {
		hstr *ps = hstr_cstr(c->a, path);
		if (!ps || !hmap_set(c->mpaths, (const char *)&key, sizeof key, hv_of_str(ps)))
			oom(c);
	}
	bool root = is_chart_root(c, m);
	for (size_t i = 0; i < m->n && !c->oom; i++) {
		const hmap_entry *e = &m->e[i];
		if (!e->key)
			continue;
		size_t plen = strlen(path);
		char *p = join(c, path, plen, e->key->data, e->key->len);
		if (!p)
			return;
		long g = grel;
		if (root && g < 0 && !strcmp(e->key->data, "global"))
			g = (long)(plen ? plen + 1 : 0);
		bool kr = htrack_key_read(c->t, m, e->key);
		if (!is_leaf(&e->val)) {
			/* a map looked up and never read below is still a table of leaves */
			index_map(c, e->val.m, p, whole, g, depth + 1);
			continue;
		}
		const void *own = hv_is_map(&e->val) ? (const void *)e->val.m
		                  : hv_is_list(&e->val) ? (const void *)e->val.l : NULL;
		bool read = whole || kr || htrack_whole_read(c->t, own) || forced(c, p);
		if (!hmap_set(c->leaves, p, strlen(p), hv_int((read ? 1 : 0) | ((g + 1) << 1))))
			oom(c);
		if (read && g >= 0 && !hmap_set(c->greads, p + g, strlen(p + g), hv_bool(true)))
			oom(c);
	}
}

/* The read bit of a final leaf, with the global rule. -1 when p is no leaf. */
static int leaf_read(const ctx *c, const char *p)
{
	const hv *v = hmap_get(c->leaves, p, strlen(p));
	if (!v)
		return -1;
	if (v->i & 1)
		return 1;
	long g = (long)(v->i >> 1) - 1;
	return g >= 0 && hmap_get(c->greads, p + g, strlen(p + g)) ? 1 : 0;
}

/* A user leaf: read when the final leaf is, or (a table from the defaults below it) when
 * anything under it is. -1 when nothing of it is left. */
static int user_read(const ctx *c, const char *p)
{
	int r = leaf_read(c, p);
	if (r >= 0)
		return r;
	size_t n = strlen(p);
	bool any = false;
	for (size_t i = 0; i < c->leaves->n; i++) {
		const hmap_entry *e = &c->leaves->e[i];
		if (!e->key || e->key->len <= n || memcmp(e->key->data, p, n) || e->key->data[n] != SEP)
			continue;
		any = true;
		if (leaf_read(c, e->key->data) == 1)
			return 1;
	}
	return any ? 0 : -1;
}

/* ---------------------------------------------------------------- charts and dependency reads */

static bool add_chart(ctx *c, const hrchart *rc, const char *prefix)
{
	if (c->ncharts == c->capcharts) {
		size_t cap = c->capcharts ? c->capcharts * 2 : 8;
		cnode *v = harena_realloc(c->a, c->charts, c->capcharts * sizeof *v, cap * sizeof *v);
		if (!v)
			return oom(c);
		c->charts = v;
		c->capcharts = cap;
	}
	c->charts[c->ncharts++] = (cnode){rc, prefix, NULL};
	for (size_t i = 0; i < rc->nsubs; i++) {
		const char *n = rc->subs[i]->name;
		char *p = join(c, prefix, strlen(prefix), n, strlen(n));
		if (!p || !add_chart(c, rc->subs[i], p))
			return false;
	}
	return true;
}

static bool force(ctx *c, const char *prefix, const char *path, size_t n)
{
	hbuf b = HBUF_INIT;
	hbuf_puts(&b, prefix);
	if (*prefix && n)
		hbuf_putc(&b, SEP);
	for (size_t i = 0; i < n; i++)
		hbuf_putc(&b, path[i] == '.' ? SEP : path[i]);
	bool ok = hbuf_ok(&b) && hmap_set(c->forced, b.data ? b.data : "", b.len, hv_bool(true));
	hbuf_free(&b);
	return ok || oom(c);
}

static const char *dep_str(const hmap *d, const char *k)
{
	const hv *v = hmap_gets(d, k);
	return v && v->type == HT_STRING ? v->s->data : NULL;
}

/* What Helm's dependency processing reads: conditions, tags, import-values; and which
 * subcharts are disabled. */
static bool dependency_reads(ctx *c, const cnode *cn)
{
	const hv *deps = &cn->rc->chart->dependencies;
	if (!hv_is_list(deps) || !deps->l)
		return true;
	for (size_t i = 0; i < deps->l->len; i++) {
		const hv *d = &deps->l->v[i];
		if (!hv_is_map(d))
			continue;
		const char *name = dep_str(d->m, "alias");
		if (!name)
			name = dep_str(d->m, "name");
		const char *cond = dep_str(d->m, "condition");
		for (const char *p = cond; p && *p;) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			while (n && *p == ' ')
				p++, n--;
			while (n && p[n - 1] == ' ')
				n--;
			if (n && !force(c, cn->prefix, p, n))
				return false;
			p = e ? e + 1 : p + strlen(p);
		}
		const hv *tags = hmap_gets(d->m, "tags");
		for (size_t j = 0; tags && hv_is_list(tags) && tags->l && j < tags->l->len; j++) {
			const hv *t = &tags->l->v[j];
			if (t->type != HT_STRING)
				continue;
			char *p = join(c, "tags", 4, t->s->data, t->s->len);
			if (!p || !hmap_set(c->forced, p, strlen(p), hv_bool(true)))
				return oom(c);
		}
		const hv *imp = hmap_gets(d->m, "import-values");
		if (imp && hv_is_list(imp) && imp->l && name) {
			char *sub = join(c, cn->prefix, strlen(cn->prefix), name, strlen(name));
			if (!sub)
				return false;
			for (size_t j = 0; j < imp->l->len; j++) {
				const hv *iv = &imp->l->v[j];
				if (iv->type == HT_STRING) {
					char *ex = join(c, "exports", 7, iv->s->data, iv->s->len);
					if (!ex || !force(c, sub, ex, strlen(ex)) ||
					    !force(c, sub, iv->s->data, iv->s->len))
						return false;
				} else if (hv_is_map(iv)) {
					const char *ch = dep_str(iv->m, "child"), *pa = dep_str(iv->m, "parent");
					if ((ch && !force(c, sub, ch, strlen(ch))) ||
					    (pa && !force(c, cn->prefix, pa, strlen(pa))))
						return false;
				}
			}
		}
		bool on = false;
		for (size_t k = 0; name && k < cn->rc->nsubs; k++)
			on = on || !strcmp(cn->rc->subs[k]->name, name);
		if (name && !on) {
			char *p = join(c, cn->prefix, strlen(cn->prefix), name, strlen(name));
			if (!p || !hmap_set(c->disabled, p, strlen(p), hv_bool(true)))
				return oom(c);
		}
	}
	return true;
}

static bool under_disabled(const ctx *c, const char *p)
{
	size_t n = strlen(p);
	for (size_t i = 0; i <= n; i++)
		if ((i == n || p[i] == SEP) && hmap_get(c->disabled, p, i))
			return true;
	return false;
}

/* ---------------------------------------------------------------- sources */

static const char *const set_flag[] = {
	[HTMPL_SET] = "--set", [HTMPL_SET_STRING] = "--set-string", [HTMPL_SET_JSON] = "--set-json",
	[HTMPL_SET_FILE] = "--set-file", [HTMPL_SET_LITERAL] = "--set-literal",
};

static bool no_files(void *ud, harena *a, const char *s, size_t n, hv *out, herr *err)
{
	(void)ud, (void)s, (void)n, (void)err;
	return hv_string(a, "", 0, out); /* --set-file: where it came from, not what it holds */
}

/* Every user source, parsed again on its own (MergeValues order: files, then the --set kinds
 * in helm's order). A source that does not parse is skipped: the render reported it. */
static bool load_sources(ctx *c)
{
	const hopts *o = c->o;
	size_t n = c->root->nuser_texts + o->nsets;
	c->srcs = harena_zalloc(c->a, (n ? n : 1) * sizeof *c->srcs);
	if (!c->srcs)
		return oom(c);
	for (size_t i = 0; i < c->root->nuser_texts; i++) {
		const hvalues_src *v = &c->root->user_texts[i];
		const char *data = v->data;
		size_t len = v->len;
		if (!data)
			continue;
		hv val;
		herr e = HTMPL_ERROR_INIT;
		hmap *lines = NULL;
		bool ok;
		if (htmpl_env_get_helm_version(c->env) == 4) { /* as the render read it (values4.c) */
			hbuf msg = HBUF_INIT;
			ok = hvalues4_load(c->a, data, len, HYAML_DEFAULT_MAX_NODES, &val, &msg, &e) &&
			     hv_is_map(&val);
			hbuf_free(&msg);
		} else {
			ok = hyaml_load(c->a, data, len, &val, &e) && hv_is_map(&val);
		}
		if (ok && !hyaml_lines(c->a, data, len, &lines))
			ok = oom(c);
		htmpl_error_clear(&e);
		if (c->oom)
			return false;
		if (ok)
			c->srcs[c->nsrcs++] = (src){v->name, v->name, val.m, lines};
	}
	static const htmpl_set_kind order[] = {HTMPL_SET_JSON, HTMPL_SET, HTMPL_SET_STRING,
	                                       HTMPL_SET_FILE, HTMPL_SET_LITERAL};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		for (size_t i = 0; i < o->nsets; i++) {
			const hset_src *s = &o->sets[i];
			if (s->kind != order[k])
				continue;
			hmap *m = hmap_new(c->a, 4);
			if (!m)
				return oom(c);
			herr e = HTMPL_ERROR_INIT;
			const char *expr = s->expr ? s->expr : "";
			bool ok = hstrvals_parse_v(c->a, s->kind, expr, strlen(expr), m, no_files, NULL,
			                           htmpl_env_get_helm_version(c->env) == 4, &e);
			htmpl_error_clear(&e);
			if (!ok)
				continue;
			char label[64];
			snprintf(label, sizeof label, "%s #%zu", set_flag[s->kind], i + 1);
			hbuf b = HBUF_INIT;
			hbuf_printf(&b, "%s (%s)", label, expr);
			char *l = hbuf_ok(&b) ? harena_strndup(c->a, b.data, b.len) : NULL;
			char *f = harena_strdup(c->a, set_flag[s->kind]);
			hbuf_free(&b);
			if (!l || !f)
				return oom(c);
			c->srcs[c->nsrcs++] = (src){l, f, m, NULL};
		}
	return true;
}

static int src_line(const src *s, const char *p)
{
	const hv *l = s->lines ? hmap_get(s->lines, p, strlen(p)) : NULL;
	return l ? (int)l->i : 0;
}

/* ---------------------------------------------------------------- origins */

typedef struct origin {
	const char *text; /* "values-dev.yaml:12", "--set #2 (a=1)", "c/values.yaml:3" ... */
	bool user;
} origin;

/* The line of key path p in chart cn's values.yaml, 0 when unknown. */
static int chart_line(ctx *c, const cnode *cn, const char *p)
{
	cnode *w = (cnode *)cn; /* the lines are a cache */
	const hchart *ch = cn->rc->chart;
	if (!w->lines && ch->values_text && !hyaml_lines(c->a, ch->values_text, ch->values_len, &w->lines))
		return oom(c), 0;
	const hv *l = w->lines ? hmap_get(w->lines, p, strlen(p)) : NULL;
	return l ? (int)l->i : 0;
}

static const char *chart_file(ctx *c, const cnode *cn, int line)
{
	char t[1200];
	snprintf(t, sizeof t, "%s/values.yaml:%d", cn->rc->path, line);
	char *s = harena_strdup(c->a, t);
	return s ? s : (oom(c), "");
}

static const cnode *chart_at(const ctx *c, const char *prefix)
{
	for (size_t i = 0; i < c->ncharts; i++)
		if (!strcmp(c->charts[i].prefix, prefix))
			return &c->charts[i];
	return NULL;
}

/* Where the chart defaults put path p (relative to chart cn): the chart's own values.yaml,
 * a parent's values.yaml (parent override) or, for global, the parent's global. */
static const char *default_origin(ctx *c, const cnode *cn, const char *p, int depth)
{
	if (depth > 50)
		return NULL;
	/* a parent's values.yaml wins over the subchart's own */
	if (cn->rc->parent) {
		const char *pre = cn->prefix, *last = strrchr(pre, SEP);
		char *ppre = harena_strndup(c->a, pre, last ? (size_t)(last - pre) : 0);
		const cnode *pc = ppre ? chart_at(c, ppre) : NULL;
		if (pc) {
			const char *name = last ? last + 1 : pre;
			if (!strncmp(p, "global", 6) && (p[6] == SEP || !p[6])) {
				const char *g = default_origin(c, pc, p, depth + 1);
				if (g) {
					char t[1400];
					snprintf(t, sizeof t, "%s (global)", g);
					return harena_strdup(c->a, t);
				}
			}
			char *pp = join(c, name, strlen(name), p, strlen(p));
			const hv *v = pp ? lookup(pc->rc->chart->values.m, pp) : NULL;
			if (v && is_leaf(v)) {
				char t[1400];
				snprintf(t, sizeof t, "%s (parent override)", chart_file(c, pc, chart_line(c, pc, pp)));
				return harena_strdup(c->a, t);
			}
		}
	}
	const hv *v = hv_is_map(&cn->rc->chart->values) ? lookup(cn->rc->chart->values.m, p) : NULL;
	if (v && is_leaf(v)) {
		return chart_file(c, cn, chart_line(c, cn, p));
	}
	return NULL;
}

/* The origin of final path p (from the top). */
static origin origin_of(ctx *c, const char *p)
{
	for (size_t i = c->nsrcs; i-- > 0;) {
		const src *s = &c->srcs[i];
		const hv *v = lookup(s->vals, p);
		if (!v || !is_leaf(v) || hv_is_nil(v))
			continue;
		if (!s->lines)
			return (origin){s->label, true};
		char t[1200];
		int line = src_line(s, p);
		if (line)
			snprintf(t, sizeof t, "%s:%d", s->label, line);
		else
			snprintf(t, sizeof t, "%s", s->label);
		const char *d = harena_strdup(c->a, t);
		return (origin){d ? d : "", true};
	}
	/* the deepest chart whose prefix p starts with */
	const cnode *best = NULL;
	for (size_t i = 0; i < c->ncharts; i++) {
		const char *pre = c->charts[i].prefix;
		size_t n = strlen(pre);
		if (n && (strncmp(p, pre, n) || p[n] != SEP))
			continue;
		if (!best || n > strlen(best->prefix))
			best = &c->charts[i];
	}
	if (best) {
		const char *rel = *best->prefix ? p + strlen(best->prefix) + 1 : p;
		/* a subchart's copy of a global the user set at the top */
		if (*best->prefix && !strncmp(rel, "global", 6) && (rel[6] == SEP || !rel[6])) {
			origin top = origin_of(c, rel);
			if (top.user) {
				char t[1400];
				snprintf(t, sizeof t, "%s (global)", top.text);
				const char *d = harena_strdup(c->a, t);
				return (origin){d ? d : "", true};
			}
		}
		const char *d = default_origin(c, best, rel, 0);
		if (d)
			return (origin){d, false};
	}
	return (origin){"computed (import-values or a template-free default)", false};
}

/* ---------------------------------------------------------------- suggestions */

static size_t distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[130];
	if (la > 128 || lb > 128)
		return 999;
	for (size_t j = 0; j <= lb; j++)
		d[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = d[0];
		d[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t t = d[j];
			size_t sub = prev + ((a[i - 1] | 32) != (b[j - 1] | 32));
			size_t m = d[j] + 1 < d[j - 1] + 1 ? d[j] + 1 : d[j - 1] + 1;
			d[j] = m < sub ? m : sub;
			prev = t;
		}
	}
	return d[lb];
}

/* A key of the same parent that templates read (or asked for and missed), closest to the
 * last segment of p: at most 2 edits (a third of the key's length for long keys), or a
 * prefix ("enable" for "enabled"). */
static const char *suggest(ctx *c, const char *p)
{
	const char *last = strrchr(p, SEP);
	const char *k = last ? last + 1 : p;
	size_t kl = strlen(k);
	const hmap *m = c->root->values.m;
	if (last) {
		char *pp = harena_strndup(c->a, p, (size_t)(last - p));
		const hv *v = pp ? lookup(m, pp) : NULL;
		m = v && hv_is_map(v) ? v->m : NULL;
	}
	if (!m)
		return "";
	size_t limit = kl / 3 > 2 ? kl / 3 : 2, best_d = 999;
	const char *best = NULL;
	for (size_t i = 0; i < m->n; i++) {
		const hmap_entry *e = &m->e[i];
		if (!e->key || !strcmp(e->key->data, k))
			continue;
		bool r = htrack_key_read(c->t, m, e->key);
		if (!r)
			continue;
		size_t d = distance(k, kl, e->key->data, e->key->len);
		bool pre = (e->key->len > kl && !strncmp(e->key->data, k, kl)) ||
		           (kl > e->key->len && !strncmp(k, e->key->data, e->key->len));
		if (pre && d > 1)
			d = limit;
		if (d <= limit && d < best_d)
			best_d = d, best = e->key->data;
	}
	size_t nm;
	const htrack_missing *ms = htrack_missing_list(c->t, &nm);
	for (size_t i = 0; i < nm; i++) {
		if (ms[i].map != m || !strcmp(ms[i].key, k))
			continue;
		size_t d = distance(k, kl, ms[i].key, strlen(ms[i].key));
		if (d <= limit && d < best_d)
			best_d = d, best = ms[i].key;
	}
	if (!best)
		return "";
	char *s = last ? join(c, p, (size_t)(last - p), best, strlen(best)) : harena_strdup(c->a, best);
	return s ? shown(c, s) : (oom(c), "");
}

/* ---------------------------------------------------------------- findings */

static const char *dup(ctx *c, const char *s)
{
	char *d = harena_strdup(c->a, s ? s : "");
	return d ? d : (oom(c), "");
}

static bool push(htmpl_report *r, ctx *c, htmpl_finding f)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		htmpl_finding *v = harena_realloc(r->a, r->v, r->cap * sizeof *v, cap * sizeof *v);
		if (!v)
			return oom(c);
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = f;
	return true;
}

static bool finding_unused(htmpl_report *r, ctx *c, const char *p, const char *file, int line,
                           const char *from, bool dflt)
{
	htmpl_finding f = {.kind = HTMPL_FINDING_UNUSED};
	f.path = dup(c, shown(c, p));
	f.file = dup(c, file);
	f.line = line;
	f.origin = dup(c, from);
	f.suggestion = dup(c, suggest(c, p));
	f.text = "";
	f.from_defaults = dflt;
	return !c->oom && push(r, c, f);
}

static void user_leaves(htmpl_report *r, ctx *c, const src *s, const hmap *m, const char *path,
                        int depth)
{
	if (depth > 200)
		return;
	for (size_t i = 0; i < m->n && !c->oom; i++) {
		const hmap_entry *e = &m->e[i];
		if (!e->key)
			continue;
		char *p = join(c, path, strlen(path), e->key->data, e->key->len);
		if (!p)
			return;
		if (!is_leaf(&e->val)) {
			user_leaves(r, c, s, e->val.m, p, depth + 1);
			continue;
		}
		if (hv_is_nil(&e->val) || user_read(c, p) != 0)
			continue;
		char t[1200];
		int line = src_line(s, p);
		if (s->lines && line) /* 0: a key a `<<` merge brought in */
			snprintf(t, sizeof t, "%s:%d", s->label, line);
		else
			snprintf(t, sizeof t, "%s", s->label);
		finding_unused(r, c, p, s->file, line, t, false);
	}
}

static bool set_by_user(const ctx *c, const char *p)
{
	for (size_t i = 0; i < c->nsrcs; i++) {
		const hv *v = lookup(c->srcs[i].vals, p);
		if (v)
			return true;
	}
	return false;
}

/* A subchart's copy of a global the top level also has. */
static bool global_copy(const ctx *c, const char *p, long g)
{
	if (g <= 0)
		return false;
	return leaf_read(c, p + g) >= 0;
}

/* crds/ files are not searched: Helm installs them as they are and never renders them, so
 * no template text reaches a value through them (and they are most of a big chart's text). */
static bool searched(const hfile *f)
{
	return f->data && strncmp(f->name, "crds/", 5);
}

static bool text_has(const hfile *f, size_t n, const char *k, size_t kl)
{
	for (size_t i = 0; i < n; i++)
		if (searched(&f[i]) && memmem(f[i].data, f[i].len, k, kl))
			return true;
	return false;
}

static bool word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* Marks the words of the texts that c->words wants (one pass, no allocation). */
static void find_words(ctx *c, const hfile *f, size_t n)
{
	unsigned char wc[256];
	for (int i = 0; i < 256; i++)
		wc[i] = word_char((char)i);
	for (size_t i = 0; i < n; i++) {
		if (!searched(&f[i]))
			continue;
		const unsigned char *d = (const unsigned char *)f[i].data;
		size_t len_i = f[i].len;
		for (size_t j = 0; d && j < len_i;) {
			if (!wc[d[j]]) {
				j++;
				continue;
			}
			size_t k = j + 1;
			while (k < len_i && wc[d[k]])
				k++;
			size_t len = k - j;
			unsigned char ch0 = (unsigned char)f[i].data[j];
			hv *w = len < 64 && (c->want[ch0 & 127] >> len & 1)
			            ? hmap_get(c->words, f[i].data + j, len)
			            : len >= 64 ? hmap_get(c->words, f[i].data + j, len) : NULL;
			if (w)
				w->b = true;
			j = k;
		}
	}
}

/* Whether a template or file of the tree spells key k. Keys of word characters are looked
 * up as whole words: the first pass (collect) only gathers them in c->words, one scan of
 * the texts (find_words) marks those that occur; others are searched as substrings. */
static bool spelled(ctx *c, const char *k, size_t kl, bool collect)
{
	bool word = kl > 0;
	for (size_t i = 0; i < kl; i++)
		word = word && word_char(k[i]);
	if (word && collect) {
		if (!hmap_get(c->words, k, kl) && !hmap_set(c->words, k, kl, hv_bool(false)))
			oom(c);
		if (kl < 64)
			c->want[(unsigned char)k[0] & 127] |= 1ull << kl;
		return false;
	}
	if (word) {
		const hv *w = hmap_get(c->words, k, kl);
		return !w || w->b;
	}
	for (size_t i = 0; i < c->ncharts; i++) {
		const hchart *ch = c->charts[i].rc->chart;
		if (text_has(ch->templates, ch->ntemplates, k, kl) || text_has(ch->files, ch->nfiles, k, kl))
			return true;
	}
	return false;
}

/* A chart default is judged only when no template or file of any chart in the tree spells
 * a key of its path from the first one this render did not look up: a default read only
 * under a switch that is off in this render (`commitServer.enabled: false` keeps
 * commitServer.containerSecurityContext, which a template would toYaml) is not dead, and
 * reporting it would be a false "unused". With collect, only gathers the words to find. */
static bool spelled_anywhere(ctx *c, const char *p, bool collect)
{
	const hmap *m = c->root->values.m;
	bool untouched = false;
	for (const char *seg = p; seg;) {
		const char *e = strchr(seg, SEP);
		size_t n = e ? (size_t)(e - seg) : strlen(seg);
		const hv *v = m ? hmap_get(m, seg, n) : NULL;
		if (!untouched && v) {
			const hstr *key = ((const hmap_entry *)(const void *)((const char *)v -
			                   offsetof(hmap_entry, val)))->key;
			/* touched: looked up, or something below it was read */
			untouched = !htrack_key_read(c->t, m, key) &&
			            !hmap_get(c->touched, p, (size_t)(seg + n - p));
		} else {
			untouched = true;
		}
		if (untouched && spelled(c, seg, n, collect))
			return true;
		m = v && hv_is_map(v) ? v->m : NULL;
		seg = e ? e + 1 : NULL;
	}
	return false;
}

/* A chart default this render did not read, that the user did not set, outside a disabled
 * subchart and not a subchart's copy of a top-level global. */
static bool default_candidate(ctx *c, const hmap_entry *e)
{
	if (!e->key)
		return false;
	const char *p = e->key->data;
	long g = (long)(e->val.i >> 1) - 1;
	return !leaf_read(c, p) && !set_by_user(c, p) && !under_disabled(c, p) &&
	       !global_copy(c, p, g);
}

static int cmp_file_line(const void *pa, const void *pb)
{
	const htmpl_finding *a = pa, *b = pb;
	int d = strcmp(a->file, b->file);
	if (!d)
		d = a->line - b->line;
	return d ? d : strcmp(a->path, b->path);
}

static void default_leaves(htmpl_report *r, ctx *c)
{
	size_t n = c->leaves->n, start = r->n;
	if (!(c->touched = hmap_new(c->a, 256)))
		return (void)oom(c);
	for (size_t i = 0; i < n && !c->oom; i++) {
		const hmap_entry *e = &c->leaves->e[i];
		if (!e->key || leaf_read(c, e->key->data) != 1)
			continue;
		for (size_t j = 0; j < e->key->len; j++)
			if (e->key->data[j] == SEP && !hmap_get(c->touched, e->key->data, j) &&
			    !hmap_set(c->touched, e->key->data, j, hv_bool(true)))
				oom(c);
	}
	if (!(c->words = hmap_new(c->a, 256)))
		return (void)oom(c);
	for (size_t i = 0; i < n && !c->oom; i++)
		if (default_candidate(c, &c->leaves->e[i]))
			spelled_anywhere(c, c->leaves->e[i].key->data, true);
	for (size_t i = 0; hmap_len(c->words) && i < c->ncharts; i++) {
		const hchart *ch = c->charts[i].rc->chart;
		find_words(c, ch->templates, ch->ntemplates);
		find_words(c, ch->files, ch->nfiles);
	}
	for (size_t i = 0; i < n && !c->oom; i++) {
		const hmap_entry *e = &c->leaves->e[i];
		if (!default_candidate(c, e) || spelled_anywhere(c, e->key->data, false))
			continue;
		const char *p = e->key->data;
		origin o = origin_of(c, p);
		if (o.user)
			continue;
		/* the file and line of the origin text "path/values.yaml:N ..." */
		char file[1200];
		int line = 0;
		snprintf(file, sizeof file, "%s", o.text);
		char *colon = strstr(file, "values.yaml:");
		if (colon) {
			line = atoi(colon + 12);
			colon[11] = 0;
		}
		finding_unused(r, c, p, file, line, o.text, true);
	}
	if (r->n - start > 1)
		qsort(r->v + start, r->n - start, sizeof *r->v, cmp_file_line);
}

static const char *map_path(ctx *c, const hmap *m)
{
	const hv *v = m ? hmap_get(c->mpaths, (const char *)&m, sizeof m) : NULL;
	return v ? v->s->data : NULL;
}

static int cmp_missing(const void *pa, const void *pb)
{
	const htmpl_finding *a = pa, *b = pb;
	if (a->guarded != b->guarded)
		return a->guarded - b->guarded;
	int d = strcmp(a->file, b->file);
	if (d)
		return d;
	if (a->line != b->line)
		return a->line - b->line;
	if (a->col != b->col)
		return a->col - b->col;
	return strcmp(a->path, b->path);
}

static void missing(htmpl_report *r, ctx *c)
{
	size_t n, start = r->n;
	const htrack_missing *ms = htrack_missing_list(c->t, &n);
	for (size_t i = 0; i < n && !c->oom; i++) {
		const char *mp = map_path(c, ms[i].map);
		if (!mp)
			continue; /* not a map of .Values (a dict, .Chart, .Capabilities ...) */
		char *p = join(c, mp, strlen(mp), ms[i].key, strlen(ms[i].key));
		if (!p)
			return;
		htmpl_finding f = {.kind = HTMPL_FINDING_MISSING, .origin = "", .suggestion = "",
		                   .text = ""};
		f.path = dup(c, shown(c, p));
		f.file = dup(c, ms[i].file);
		f.line = ms[i].line;
		f.col = ms[i].col;
		f.guarded = ms[i].guarded;
		/* the same site and path reached through several maps (a loop) once */
		bool again = false;
		for (size_t j = start; j < r->n && !again; j++)
			again = !strcmp(r->v[j].path, f.path) && !strcmp(r->v[j].file, f.file) &&
			        r->v[j].line == f.line && r->v[j].col == f.col;
		if (!again && !push(r, c, f))
			return;
	}
	if (r->n - start > 1)
		qsort(r->v + start, r->n - start, sizeof *r->v, cmp_missing);
}

static void floats(htmpl_report *r, ctx *c)
{
	size_t n;
	const htrack_float *fs = htrack_float_list(c->t, &n);
	for (size_t i = 0; i < n && !c->oom; i++) {
		htmpl_finding f = {.kind = HTMPL_FINDING_FLOAT, .suggestion = ""};
		const char *mp = fs[i].key ? map_path(c, fs[i].map) : NULL;
		char *p = mp ? join(c, mp, strlen(mp), fs[i].key->data, fs[i].key->len) : NULL;
		f.path = p ? dup(c, shown(c, p)) : "";
		f.origin = p ? dup(c, origin_of(c, p).text) : "";
		f.file = dup(c, fs[i].file);
		f.line = fs[i].line;
		f.col = fs[i].col;
		f.text = dup(c, fs[i].text);
		if (!push(r, c, f))
			return;
	}
}

static bool setup(ctx *c, const htrack *t)
{
	c->leaves = hmap_new(c->a, 256);
	c->greads = hmap_new(c->a, 16);
	c->forced = hmap_new(c->a, 16);
	c->mpaths = hmap_new(c->a, 64);
	c->disabled = hmap_new(c->a, 4);
	if (!c->leaves || !c->greads || !c->forced || !c->mpaths || !c->disabled)
		return oom(c);
	if (!add_chart(c, c->root, ""))
		return false;
	for (size_t i = 0; i < c->ncharts; i++)
		if (!dependency_reads(c, &c->charts[i]))
			return false;
	if (t)
		index_map(c, c->root->values.m, "", false, -1, 0);
	return !c->oom && load_sources(c);
}

bool hvalues_report_build(htmpl_report *rep, const henv *env, const hopts *o, const hrchart *root,
                    const htrack *t, unsigned what, herr *err)
{
	if (!htrack_ok(t))
		return herr_nomem(err);
	ctx c = {.a = rep->a, .env = env, .o = o, .root = root, .t = t, .err = err};
	if (!setup(&c, t))
		return herr_nomem(err);
	if (what & HTMPL_REPORT_UNUSED) {
		for (size_t i = 0; i < c.nsrcs && !c.oom; i++) {
			size_t start = rep->n;
			user_leaves(rep, &c, &c.srcs[i], c.srcs[i].vals, "", 0);
			if (c.srcs[i].lines && rep->n - start > 1) /* in the file's order */
				qsort(rep->v + start, rep->n - start, sizeof *rep->v, cmp_file_line);
		}
		if (what & HTMPL_REPORT_DEFAULTS)
			default_leaves(rep, &c);
	}
	if (what & HTMPL_REPORT_MISSING)
		missing(rep, &c);
	if (what & HTMPL_REPORT_FLOAT)
		floats(rep, &c);
	return c.oom ? herr_nomem(err) : true;
}

htmpl_report *hvalues_report_new(void)
{
	htmpl_report *r = calloc(1, sizeof *r);
	if (r && !(r->a = harena_new())) {
		free(r);
		return NULL;
	}
	return r;
}

/* ---------------------------------------------------------------- htmpl values */

/* Appends `  # ORIGIN` to each line of yaml text whose key path is a leaf. */
static bool annotate(ctx *c, const char *y, size_t n, hbuf *out)
{
	hmap *lines;
	if (!hyaml_lines(c->a, y, n, &lines))
		return oom(c);
	size_t nl = 1;
	for (size_t i = 0; i < n; i++)
		nl += y[i] == '\n';
	const char **at = harena_zalloc(c->a, (nl + 1) * sizeof *at);
	if (!at)
		return oom(c);
	for (size_t i = 0; i < lines->n; i++) {
		const hmap_entry *e = &lines->e[i];
		if (!e->key || e->val.i < 1 || (size_t)e->val.i > nl)
			continue;
		const hv *v = lookup(c->root->values.m, e->key->data);
		if (v && is_leaf(v))
			at[e->val.i] = origin_of(c, e->key->data).text;
	}
	size_t line = 1;
	for (size_t i = 0; i < n;) {
		const char *e = memchr(y + i, '\n', n - i);
		size_t len = e ? (size_t)(e - (y + i)) : n - i;
		hbuf_put(out, y + i, len);
		if (at[line])
			hbuf_printf(out, "  # %s", at[line]);
		if (e)
			hbuf_putc(out, '\n');
		i += len + (e ? 1 : 0);
		line++;
	}
	return true;
}

bool hvalues_report_tree(hbuf *out, const henv *env, const hopts *o, const hrchart *root,
                     bool show_origin, herr *err)
{
	harena *a = harena_new();
	if (!a)
		return herr_nomem(err);
	ctx c = {.a = a, .env = env, .o = o, .root = root, .err = err};
	hbuf y = HBUF_INIT;
	hv top = root->values;
	top.type = HT_MAP;
	top.flags = 0;
	bool ok = hyaml_emit(&y, &top, err);
	if (ok && (!y.len || y.data[y.len - 1] != '\n'))
		hbuf_putc(&y, '\n');
	if (ok && !hbuf_ok(&y))
		ok = herr_nomem(err);
	if (ok && !show_origin)
		hbuf_put(out, y.data ? y.data : "", y.len);
	else if (ok && (!setup(&c, NULL) || !annotate(&c, y.data ? y.data : "", y.len, out)))
		ok = herr_nomem(err);
	hbuf_free(&y);
	harena_free(a);
	return ok;
}

/* ---------------------------------------------------------------- printing */

static const char *const kind_name[] = {"", "unused", "missing", "float"};

static void text_line(const htmpl_finding *f, const char *prefix, hbuf *b)
{
	hbuf_puts(b, prefix ? prefix : "");
	hbuf_printf(b, "%s: ", kind_name[f->kind]);
	switch (f->kind) {
	case HTMPL_FINDING_UNUSED:
		if (f->line)
			hbuf_printf(b, "%s:%d: ", f->file, f->line);
		else
			hbuf_printf(b, "%s: ", f->origin);
		hbuf_printf(b, "%s is set but no template reads it", f->path);
		if (*f->suggestion)
			hbuf_printf(b, " (did you mean %s?)", f->suggestion);
		break;
	case HTMPL_FINDING_MISSING:
		hbuf_printf(b, "%s:%d:%d: .Values.%s is not in the values (%s)", f->file, f->line, f->col,
		            f->path, f->guarded ? "guarded" : "unguarded: renders as empty");
		break;
	case HTMPL_FINDING_FLOAT:
		hbuf_printf(b, "%s:%d:%d: a float64 prints as %s", f->file, f->line, f->col, f->text);
		if (*f->path)
			hbuf_printf(b, " (.Values.%s from %s)", f->path, f->origin);
		hbuf_puts(b, "; quote the number in the values or print it with | int64");
		break;
	}
	hbuf_putc(b, '\n');
}

static void json_str(hbuf *b, const char *k, const char *v)
{
	hbuf_printf(b, ",\"%s\":", k);
	hstrconv_quote(b, v, strlen(v), false);
}

bool hvalues_report_format(const htmpl_report *r, htmpl_report_format fmt, const char *prefix,
                     hbuf *out)
{
	size_t counts[4] = {0};
	if (fmt == HTMPL_REPORT_FORMAT_JSON)
		hbuf_puts(out, "{\"findings\":[");
	for (size_t i = 0; r && i < r->n; i++) {
		const htmpl_finding *f = &r->v[i];
		counts[f->kind]++;
		if (fmt == HTMPL_REPORT_FORMAT_TEXT) {
			text_line(f, prefix, out);
		} else if (fmt == HTMPL_REPORT_FORMAT_JSON) {
			hbuf_printf(out, "%s{\"kind\":\"%s\"", i ? "," : "", kind_name[f->kind]);
			json_str(out, "path", f->path);
			json_str(out, "file", f->file);
			hbuf_printf(out, ",\"line\":%d,\"col\":%d", f->line, f->col);
			json_str(out, "origin", f->origin);
			json_str(out, "suggestion", f->suggestion);
			json_str(out, "text", f->text);
			hbuf_printf(out, ",\"guarded\":%s,\"from_defaults\":%s}", f->guarded ? "true" : "false",
			            f->from_defaults ? "true" : "false");
		} else {
			hbuf t = HBUF_INIT;
			text_line(f, NULL, &t);
			hbuf_printf(out, "::warning file=%s,line=%d", f->file, f->line);
			if (f->col)
				hbuf_printf(out, ",col=%d", f->col);
			hbuf_printf(out, ",title=htmpl %s::", kind_name[f->kind]);
			/* workflow commands escape %, CR and LF */
			for (size_t j = 0; t.data && j + 1 < t.len; j++) {
				char ch = t.data[j];
				if (ch == '%')
					hbuf_puts(out, "%25");
				else if (ch == '\r')
					hbuf_puts(out, "%0D");
				else if (ch == '\n')
					hbuf_puts(out, "%0A");
				else
					hbuf_putc(out, ch);
			}
			hbuf_putc(out, '\n');
			hbuf_free(&t);
		}
	}
	if (fmt == HTMPL_REPORT_FORMAT_JSON)
		hbuf_printf(out, "],\"counts\":{\"unused\":%zu,\"missing\":%zu,\"float\":%zu}}\n",
		            counts[1], counts[2], counts[3]);
	return hbuf_ok(out);
}
