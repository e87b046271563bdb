/* render.c - Helm's engine (pkg/engine/engine.go render, sortTemplates, cleanupParseError,
 * cleanupExecError) and the manifest side of `helm template` (pkg/releaseutil/manifest.go
 * SplitManifests, manifest_sorter.go SortManifests, kind_sorter.go InstallOrder). The printing,
 * --show-only and --output-dir live in render_out.c-like helpers at the end of this file, and
 * the entry point is hrender_chart(). */
#include "helm/funcmap.h"
#include "helm/slog.h"
#include "helm/render.h"
#include "helm/manifest_head.h"
#include "data/json.h"
#include "core/pool.h"
#include "helm/parse_cache.h"
#include "helm/values_report.h"

#include "value/fmt.h"
#include "helm/objects.h"
#include "core/path.h"
#include "core/semver.h"
#include "core/strconv.h"
#include "data/yaml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---------------------------------------------------------------- small string helpers */

/* unicode.IsSpace for ASCII (strings.TrimSpace) */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* RE2's \s: [\t\n\f\r ], no \v */
static bool re_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void hrender_trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;
	while (n && is_space(*p))
		p++, n--;
	while (n && is_space(p[n - 1]))
		n--;
	*s = p;
	*len = n;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && memcmp(s + n - m, suf, m) == 0;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static size_t count_slashes(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '/';
	return n;
}

/* ---------------------------------------------------------------- the template list */

typedef struct tentry {
	const char *name;      /* full path: c/charts/sub/templates/x.yaml */
	const char *base;      /* c/charts/sub/templates */
	const hfile *file;
	const hrchart *chart;
	hv *top;               /* the chart's top-level map */
} tentry;

typedef struct tlist {
	tentry *v;
	size_t n, cap;
} tlist;

static bool is_library(const hchart *c)
{
	hv *t = hv_is_map(&c->metadata) ? hmap_gets(c->metadata.m, "type") : NULL;
	return c->is_library || (t && t->type == HT_STRING && strcasecmp(t->s->data, "library") == 0);
}

/* path.Join(dir, file) in the arena: a chart named "." or "/" gives templates/x.yaml and
 * /templates/x.yaml (values/err-chart-name-dot). */
static char *join_path(harena *a, const char *dir, const char *file)
{
	hbuf b = HBUF_INIT, j = HBUF_INIT;
	hbuf_printf(&j, "%s/%s", dir, file);
	hpath_clean(&b, hbuf_cstr(&j), j.len);
	char *out = hbuf_ok(&b) && hbuf_ok(&j) ? harena_strndup(a, hbuf_cstr(&b), b.len) : NULL;
	hbuf_free(&b);
	hbuf_free(&j);
	return out;
}

static bool tlist_add(harena *a, tlist *l, const hrchart *rc, const hfile *f, hv *top)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		tentry *v = harena_realloc(a, l->v, l->cap * sizeof *v, cap * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	char *name = join_path(a, rc->path, f->name), *base = join_path(a, rc->path, "templates");
	if (!name || !base)
		return false;
	l->v[l->n++] = (tentry){name, base, f, rc, top};
	return true;
}

/* recAllTpls: every template of every enabled chart, each with its chart's top map. The top
 * maps come from hobj_top, which mirrors the hrchart tree in .Subcharts. */
static bool collect(harena *a, tlist *l, const hrchart *rc, hv *top)
{
	bool lib = is_library(rc->chart);
	for (size_t i = 0; i < rc->chart->ntemplates; i++) {
		const hfile *f = &rc->chart->templates[i];
		if (lib && base_name(f->name)[0] != '_')
			continue;
		if (!tlist_add(a, l, rc, f, top))
			return false;
	}
	hv *subs = hmap_gets(top->m, "Subcharts");
	for (size_t i = 0; i < rc->nsubs; i++) {
		hv *st = subs && hv_is_map(subs) ? hmap_gets(subs->m, rc->subs[i]->name) : NULL;
		if (!st || !hv_is_map(st))
			continue;
		if (!collect(a, l, rc->subs[i], st))
			return false;
	}
	return true;
}

/* sortTemplates: more path segments first; equal depth in reverse byte order. */
static int cmp_templates(const void *pa, const void *pb)
{
	const tentry *a = pa, *b = pb;
	size_t ca = count_slashes(a->name), cb = count_slashes(b->name);
	if (ca != cb)
		return ca > cb ? -1 : 1;
	return -strcmp(a->name, b->name);
}

/* ---------------------------------------------------------------- Helm's error rewriting */

/* Splits "FILE:LINE[:COL]" into the error's position (for the CLI's caret). */
static void set_where(herr *err, const char *loc, size_t n)
{
	char buf[1024];
	if (n >= sizeof buf)
		return;
	memcpy(buf, loc, n);
	buf[n] = 0;
	int line = 0, col = 0;
	char *c1 = strrchr(buf, ':');
	if (!c1)
		return;
	*c1 = 0;
	char *c2 = strrchr(buf, ':');
	if (c2 && c2[1] >= '0' && c2[1] <= '9') {
		*c2 = 0;
		line = atoi(c2 + 1);
		col = atoi(c1 + 1);
	} else {
		line = atoi(c1 + 1);
	}
	err->file = strdup(buf);
	err->line = line;
	err->col = col;
}

/* cleanupParseError: keep token 1 (the location) and the last token of ": "-split. */
static bool parse_error(herr *err, const char *filename, herr *perr)
{
	const char *msg = perr->message;
	if (perr->code == HTMPL_ERR_NOMEM || perr->code == HTMPL_ERR_LIMIT) {
		herr_move(err, perr);
		return false;
	}
	const char *t1 = strstr(msg, ": ");
	if (!t1) {
		herr_set(err, HTMPL_ERR_PARSE, "parse error in (%s): %s", filename, msg);
		htmpl_error_clear(perr);
		return false;
	}
	t1 += 2;
	const char *t1e = strstr(t1, ": ");
	const char *last = t1e ? t1e + 2 : t1 + strlen(t1);
	size_t loclen = t1e ? (size_t)(t1e - t1) : strlen(t1);
	for (const char *p = last; (p = strstr(p, ": ")); p += 2)
		last = p + 2;
	herr_set(err, HTMPL_ERR_PARSE, "parse error at (%.*s): %s", (int)loclen, t1, t1e ? last : "");
	if (err && err->code == HTMPL_ERR_PARSE)
		set_where(err, t1, loclen);
	htmpl_error_clear(perr);
	return false;
}

/* helm 4: the multi-line layout of reformatExecErrorMsg (exec_error4.c), where it applies. */
static void exec_error4(herr *err)
{
	hbuf b = HBUF_INIT;
	if (err && err->code == HTMPL_ERR_EXEC &&
	    hrender_exec_error4(err->message, strlen(err->message), &b) && hbuf_ok(&b)) {
		herr tmp = HTMPL_ERROR_INIT;
		herr_setn(&tmp, HTMPL_ERR_EXEC, b.data, b.len);
		if (tmp.code == HTMPL_ERR_EXEC) {
			herr_where(&tmp, err->file, err->line, err->col);
			htmpl_error_clear(err);
			herr_move(err, &tmp);
		}
		htmpl_error_clear(&tmp);
	}
	hbuf_free(&b);
}

/* cleanupExecError (helm 4: reformatExecErrorMsg): a HELM_ERR_START...HELM_ERR_END message
 * (fail, required) becomes `execution error at (LOCATION): MSG`; every other error passes
 * unchanged in helm 3 and is laid out on several lines by helm 4 (exec_error4.c). */
static bool exec_error(const henv *env, herr *err, herr *xerr)
{
	const char *msg = xerr->message;
	if (xerr->code != HTMPL_ERR_EXEC || strncmp(msg, "template: ", 10) != 0) {
		herr_move(err, xerr);
		return false;
	}
	const char *loc = msg + 10;
	const char *loce = strstr(loc, ": ");
	const char *s = loce ? strstr(loce + 2, "HELM_ERR_START") : NULL;
	const char *e = NULL;
	for (const char *p = s; p && (p = strstr(p, "HELM_ERR_END")); p++)
		e = p;
	if (!s || !e || e < s + 14) {
		if (loce && err && !err->code) {
			herr_move(err, xerr);
			if (!err->file)
				set_where(err, loc, (size_t)(loce - loc));
			if (htmpl_env_get_helm_version(env) == 4)
				exec_error4(err);
		} else {
			herr_move(err, xerr);
		}
		return false;
	}
	s += 14;
	herr_set(err, HTMPL_ERR_EXEC, "execution error at (%.*s): %.*s", (int)(loce - loc), loc,
	         (int)(e - s), s);
	if (err && err->code == HTMPL_ERR_EXEC && !err->file)
		set_where(err, loc, (size_t)(loce - loc));
	htmpl_error_clear(xerr);
	return false;
}

/* ---------------------------------------------------------------- the engine */

/* strings.ReplaceAll(out, "<no value>", "") */
static bool strip_no_value(harena *a, const char *s, size_t n, hrendered *out)
{
	static const char nv[] = "<no value>";
	char *d = harena_alloc(a, n + 1);
	if (!d)
		return false;
	size_t j = 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == '<' && n - i >= 10 && memcmp(s + i, nv, 10) == 0) {
			i += 10;
			continue;
		}
		d[j++] = s[i++];
	}
	d[j] = 0;
	out->text = d;
	out->len = j;
	return true;
}

/* helm 4's Values type is common.Values (value.h HV_F_COMMON). */
static uint8_t helm4_values_flag(const henv *env)
{
	return htmpl_env_get_helm_version(env) == 4 ? HV_F_COMMON : 0;
}

static bool exec_all(hrender *r, htset *set, tlist *l, hrendered *files, size_t *nfiles,
                     herr *err)
{
	hexec_opts xo = {
		.arena = r->arena,
		.lint_mode = r->lint_mode,
		.max_depth = htmpl_env_get_limit(r->env, HTMPL_LIMIT_INCLUDE_DEPTH),
		.max_output = htmpl_env_get_limit(r->env, HTMPL_LIMIT_OUTPUT_BYTES),
		.helm = r,
		.warnings = r->warnings,
		.track = r->track,
	};
	hbuf out = HBUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		tentry *t = &l->v[i];
		if (base_name(t->name)[0] == '_')
			continue;
		hv tv;
		bool made = hobj_template(r->arena, t->name, t->base, &tv);
		tv.flags |= helm4_values_flag(r->env);
		if (!made || !hmap_set(t->top->m, "Template", 8, tv)) {
			hbuf_free(&out);
			return herr_nomem(err);
		}
		hbuf_reset(&out);
		herr xerr = HTMPL_ERROR_INIT;
		/* renderable.vals is a chartutil.Values, while .Subcharts holds the same maps as
		 * map[string]interface {} (conf-lang/var-basic: `$ | typeOf`). */
		hv dot = *t->top;
		dot.type = HT_VALUES;
		dot.flags |= helm4_values_flag(r->env);
		if (!hexec_execute(set, t->name, &dot, &xo, &out, &xerr)) {
			hbuf_free(&out);
			if (!xerr.code)
				return herr_nomem(err);
			return exec_error(r->env, err, &xerr);
		}
		if (!hbuf_ok(&out)) {
			hbuf_free(&out);
			return herr_nomem(err);
		}
		files[n].name = t->name;
		if (!strip_no_value(r->arena, out.data ? out.data : "", out.len, &files[n])) {
			hbuf_free(&out);
			return herr_nomem(err);
		}
		n++;
	}
	hbuf_free(&out);
	*nfiles = n;
	return true;
}

/* ---------------------------------------------------------------- the parallel engine
 *
 * The top-level templates run on a thread pool (core/pool.c), each into its own buffer, and
 * the results are taken in Helm's order. Each task sees a copy of the top maps made before the
 * pool starts, with every chart's .Template as the serial order would have left it at that
 * point (Helm sets .Template in the chart's shared top map before each file, and a parent's
 * template sees its subcharts' last one through .Subcharts). Everything shared is read-only to
 * a task (value.h's writer guard): a template that writes a shared value (set, unset, merge on
 * .Values or $ ...) would change what later templates see, so the attempt fails the task.
 * Any failed task (that, an error, a limit, asking for a fixed random source) throws the whole
 * parallel pass away and the templates run serially, which gives Helm's output and its first
 * error exactly. */

typedef struct ptops {
	const hmap **m; /* every chart's top map, in collect()'s order */
	size_t n, cap;
} ptops;

typedef struct ptask {
	const tentry *t;
	size_t chart; /* index in ptops */
	hv dot;
	hbuf out, warnings;
} ptask;

typedef struct pjob {
	const hrender *r;
	const htset *set;
	ptask *tasks;
	harena **arenas; /* one per worker, made by the worker */
	henv tenv;       /* r->env with a refusing random source, when the source is fixed */
	bool use_tenv;
	bool failed;     /* atomic */
} pjob;

static bool ptops_add(harena *a, ptops *pt, const hv *top)
{
	if (pt->n == pt->cap) {
		size_t cap = pt->cap ? pt->cap * 2 : 8;
		const hmap **m = harena_realloc(a, pt->m, pt->cap * sizeof *m, cap * sizeof *m);
		if (!m)
			return false;
		pt->m = m;
		pt->cap = cap;
	}
	pt->m[pt->n++] = top->m;
	return true;
}

/* The tops collect() walks, in its order. */
static bool ptops_collect(harena *a, ptops *pt, const hrchart *rc, const hv *top)
{
	if (!ptops_add(a, pt, top))
		return false;
	hv *subs = hmap_gets(top->m, "Subcharts");
	for (size_t i = 0; i < rc->nsubs; i++) {
		hv *st = subs && hv_is_map(subs) ? hmap_gets(subs->m, rc->subs[i]->name) : NULL;
		if (st && hv_is_map(st) && !ptops_collect(a, pt, rc->subs[i], st))
			return false;
	}
	return true;
}

static size_t ptops_index(const ptops *pt, const hmap *m)
{
	for (size_t i = 0; i < pt->n; i++)
		if (pt->m[i] == m)
			return i;
	return (size_t)-1;
}

/* A copy of top (and, through .Subcharts, of the tops below it) with each chart's .Template
 * from cur (HT_INVALID: not set yet); made[i] receives the copy of chart i's top. */
static bool copy_top(harena *a, const ptops *pt, const hv *top, const hv *cur, hv *made)
{
	size_t ci = ptops_index(pt, top->m);
	hmap *m = hmap_new(a, top->m->live + 1);
	if (!m)
		return false;
	for (size_t i = 0; i < top->m->n; i++) {
		const hmap_entry *e = &top->m->e[i];
		if (!e->key)
			continue;
		hv v = e->val;
		if (e->key->len == 9 && memcmp(e->key->data, "Subcharts", 9) == 0 && hv_is_map(&v) && v.m) {
			hmap *sm = hmap_new(a, v.m->live);
			if (!sm)
				return false;
			for (size_t j = 0; j < v.m->n; j++) {
				const hmap_entry *se = &v.m->e[j];
				if (!se->key)
					continue;
				hv sv = se->val;
				if (hv_is_map(&sv) && ptops_index(pt, sv.m) != (size_t)-1 &&
				    !copy_top(a, pt, &se->val, cur, made))
					return false;
				if (hv_is_map(&sv) && ptops_index(pt, sv.m) != (size_t)-1)
					sv = made[ptops_index(pt, sv.m)];
				if (!hmap_set_str(sm, se->key, sv))
					return false;
			}
			v.m = sm;
		}
		if (!hmap_set_str(m, e->key, v))
			return false;
	}
	if (ci != (size_t)-1 && cur[ci].type != HT_INVALID && !hmap_set(m, "Template", 8, cur[ci]))
		return false;
	hv out = *top;
	out.m = m;
	if (ci != (size_t)-1)
		made[ci] = out;
	return true;
}

static bool refuse_random(void *ud, void *buf, size_t n)
{
	(void)ud, (void)buf, (void)n;
	return false;
}

static void run_task(void *ud, size_t i, unsigned w, hpool *p)
{
	pjob *j = ud;
	ptask *k = &j->tasks[i];
	if (!j->arenas[w]) {
		j->arenas[w] = harena_new();
		if (j->arenas[w])
			harena_set_limit(j->arenas[w], harena_limit(j->r->arena));
	}
	bool ok = j->arenas[w] != NULL;
	if (ok) {
		hrender tr = *j->r;
		tr.arena = j->arenas[w];
		tr.warnings = j->r->warnings ? &k->warnings : NULL;
		if (j->use_tenv)
			tr.env = &j->tenv;
		hexec_opts xo = {
			.arena = tr.arena,
			.lint_mode = tr.lint_mode,
			.max_depth = htmpl_env_get_limit(tr.env, HTMPL_LIMIT_INCLUDE_DEPTH),
			.max_output = htmpl_env_get_limit(tr.env, HTMPL_LIMIT_OUTPUT_BYTES),
			.helm = &tr,
			.warnings = tr.warnings,
			.env = tr.env,
		};
		herr xerr = HTMPL_ERROR_INIT;
		hv_guard_begin(tr.arena);
		ok = hexec_execute(j->set, k->t->name, &k->dot, &xo, &k->out, &xerr) && hbuf_ok(&k->out);
		ok = !hv_guard_end() && ok;
		htmpl_error_clear(&xerr);
	}
	if (!ok) {
		__atomic_store_n(&j->failed, true, __ATOMIC_RELAXED);
		hpool_stop(p);
	}
}

/* Below this much template text, the default (jobs 0) renders serially: starting and joining
 * threads costs about what a chart that small takes to parse and execute. */
enum { AUTO_MIN_TEMPLATE_BYTES = 128 * 1024 };

/* The threads a render of l uses: the environment's setting; 0 means the online CPUs, or 1
 * for a chart of little template text. */
static unsigned render_jobs(const henv *env, const tlist *l)
{
	unsigned j = htmpl_env_get_jobs(env);
	if (j)
		return j;
	size_t bytes = 0;
	for (size_t i = 0; i < l->n; i++)
		bytes += l->v[i].file->len;
	return bytes < AUTO_MIN_TEMPLATE_BYTES ? 1 : hpool_online_cpus();
}

typedef enum { PAR_DONE, PAR_SERIAL, PAR_ERROR } par_result;

/* The top-level templates of l on `jobs` threads: PAR_DONE with files filled as exec_all
 * fills them, PAR_SERIAL when they must run serially instead (nothing has changed), PAR_ERROR
 * (out of memory) with err set. */
static par_result exec_parallel(hrender *r, htset *set, tlist *l, const hv *root_top,
                                const hrchart *root, unsigned jobs, hrendered *files,
                                size_t *nfiles, herr *err)
{
	/* The tasks and the top copies live in an arena of their own: in the render's they would
	 * count against its memory limit, which the serial path never spends on them. */
	harena *a = r->arena, *ja = harena_new();
	par_result res = PAR_ERROR;
	ptops pt = {0};
	if (!ja || !ptops_collect(ja, &pt, root, root_top)) {
		harena_free(ja);
		return herr_nomem(err), PAR_ERROR;
	}
	size_t nt = 0;
	for (size_t i = 0; i < l->n; i++)
		nt += base_name(l->v[i].name)[0] != '_';
	ptask *tasks = harena_zalloc(ja, (nt ? nt : 1) * sizeof *tasks);
	hv *cur = harena_zalloc(ja, pt.n * sizeof *cur);
	hv *made = harena_zalloc(ja, pt.n * sizeof *made);
	if (!tasks || !cur || !made)
		goto nomem;
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		tentry *t = &l->v[i];
		if (base_name(t->name)[0] == '_')
			continue;
		size_t ci = ptops_index(&pt, t->top->m);
		if (ci == (size_t)-1) {
			harena_free(ja);
			return PAR_SERIAL;
		}
		hv tv;
		if (!hobj_template(ja, t->name, t->base, &tv))
			goto nomem;
		tv.flags |= helm4_values_flag(r->env);
		cur[ci] = tv;
		if (!copy_top(ja, &pt, root_top, cur, made))
			goto nomem;
		hv dot = made[ci];
		dot.type = HT_VALUES;
		dot.flags |= helm4_values_flag(r->env);
		tasks[k++] = (ptask){.t = t, .chart = ci, .dot = dot};
	}
	/* Templates range over .Values: sort the shared maps once now, not in every task. */
	for (size_t i = 0; i < pt.n; i++) {
		hv *vals = hmap_gets(pt.m[i], "Values");
		if (vals)
			hv_presort(vals, 0);
	}
	pjob j = {.r = r, .set = set, .tasks = tasks};
	if (henv_random_fixed(r->env)) {
		j.tenv = *r->env;
		j.tenv.random = refuse_random;
		j.tenv.random_ud = NULL;
		j.use_tenv = true;
	}
	harena *arenas[256] = {0};
	j.arenas = arenas;
	if (jobs > 256)
		jobs = 256;
	hpool_run(jobs, nt, run_task, &j);
	res = j.failed ? PAR_SERIAL : PAR_DONE;
	/* HTMPL_LIMIT_MEMORY_BYTES bounds the whole render, which the serial path allocates in
	 * one arena: when the workers' arenas together come near it (a chunk of slack each), the
	 * serial path decides, so that a render fails or passes at every -j alike. */
	size_t lim = harena_limit(a), used = harena_used(a);
	for (unsigned w = 0; w < jobs && lim; w++)
		used += arenas[w] ? harena_used(arenas[w]) + (1u << 20) : 0;
	if (lim && used > lim)
		res = PAR_SERIAL;
	size_t n = 0;
	for (size_t i = 0; i < nt && res == PAR_DONE; i++) {
		files[n].name = tasks[i].t->name;
		if (!strip_no_value(a, tasks[i].out.data ? tasks[i].out.data : "", tasks[i].out.len,
		                    &files[n])) {
			res = PAR_ERROR;
			herr_nomem(err);
			break;
		}
		n++;
		if (r->warnings && tasks[i].warnings.len)
			hbuf_put(r->warnings, tasks[i].warnings.data, tasks[i].warnings.len);
	}
	for (size_t i = 0; i < nt; i++) {
		hbuf_free(&tasks[i].out);
		hbuf_free(&tasks[i].warnings);
	}
	for (unsigned w = 0; w < jobs; w++)
		harena_free(arenas[w]);
	if (res == PAR_DONE)
		*nfiles = n;
	harena_free(ja);
	return res;
nomem:
	harena_free(ja);
	return herr_nomem(err), PAR_ERROR;
}

/* ---------------------------------------------------------------- parsing
 *
 * Each file parses on its own (template/parse.h hparse_file), on the pool, into one arena
 * per worker; the parses then join the set in sortTemplates order, which is what parsing them
 * one by one into the set does. A loaded chart keeps them (helm/parse_cache.h), so its next
 * renders only join them. The first file that fails, in that order, gives the error. */

typedef struct pfile {
	const tentry *t;
	hparsed p;
	herr err;
	bool ok;
} pfile;

typedef struct parsejob {
	const henv *env;
	pfile *files;
	size_t *todo;    /* indexes into files of the parses to make */
	harena **arenas; /* one per worker */
} parsejob;

static void parse_task(void *ud, size_t i, unsigned w, hpool *p)
{
	parsejob *j = ud;
	pfile *f = &j->files[j->todo[i]];
	if (!j->arenas[w])
		j->arenas[w] = harena_new();
	const hfile *hf = f->t->file;
	f->ok = j->arenas[w] ? hparse_file(j->env, j->arenas[w], f->t->name, hf->data ? hf->data : "",
	                                   hf->len, &f->p, &f->err)
	                     : herr_nomem(&f->err);
	if (!f->ok)
		hpool_stop(p); /* every earlier file has been handed out: the first error is known */
}

/* Parses l's files into set. The arenas of new parses go to the chart's cache, or, without
 * one, to keep (at most 256; the caller frees them after the render). */
static bool parse_all(hrender *r, const hrchart *root, tlist *l, htset *set, unsigned jobs,
                      harena **keep, herr *err)
{
	hparsecache *cache = r->no_cache ? NULL : root->chart->pcache;
	pfile *files = harena_zalloc(r->arena, (l->n ? l->n : 1) * sizeof *files);
	size_t *todo = harena_alloc(r->arena, (l->n ? l->n : 1) * sizeof *todo);
	if (!files || !todo)
		return herr_nomem(err);
	size_t ntodo = 0;
	for (size_t i = 0; i < l->n; i++) {
		files[i].t = &l->v[i];
		files[i].ok = hparsecache_get(cache, r->env, l->v[i].file, l->v[i].name, &files[i].p);
		if (!files[i].ok)
			todo[ntodo++] = i;
	}
	harena *arenas[256] = {0};
	if (jobs > 256)
		jobs = 256;
	parsejob j = {r->env, files, todo, arenas};
	if (ntodo)
		hpool_run(jobs, ntodo, parse_task, &j);
	bool ok = true;
	for (size_t i = 0; i < l->n && ok; i++) {
		if (!files[i].ok) {
			ok = false;
			if (!files[i].err.code)
				herr_nomem(err);
			else
				parse_error(err, files[i].t->name, &files[i].err);
		} else if (!htset_add_parsed(set, &files[i].p)) {
			ok = herr_nomem(err);
		}
	}
	for (size_t i = 0; i < l->n; i++)
		htmpl_error_clear(&files[i].err);
	unsigned nkeep = 0;
	for (unsigned w = 0; w < jobs; w++) {
		if (!arenas[w])
			continue;
		if (!ok)
			harena_free(arenas[w]);
		else if (cache)
			ok = hparsecache_adopt(cache, arenas[w]) || herr_nomem(err);
		else
			keep[nkeep++] = arenas[w];
	}
	for (size_t k = 0; ok && cache && k < ntodo; k++)
		hparsecache_put(cache, r->env, files[todo[k]].t->file, files[todo[k]].t->name,
		            &files[todo[k]].p);
	return ok;
}

bool hrender_templates(hrender *r, const hrchart *root, hrendered **files, size_t *nfiles,
                       herr *err)
{
	hv release, caps, top;
	hkubever kv;
	if (!hobj_parse_kube_version_env(r->env, r->arena, r->opts->kube_version, &kv, err))
		return false;
	bool v4 = htmpl_env_get_helm_version(r->env) == 4;
	if (!hobj_release(r->arena, r->opts, &release) ||
	    !(v4 ? hobj_capabilities4 : hobj_capabilities)(r->arena, r->opts, &kv, &caps) ||
	    !hobj_top(r->arena, root, &release, &caps, v4, &top))
		return herr_nomem(err);
	tlist l = {0};
	if (!collect(r->arena, &l, root, &top))
		return herr_nomem(err);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, cmp_templates);
	htset *set = htset_new(r->env);
	if (!set)
		return herr_nomem(err);
	unsigned jobs = render_jobs(r->env, &l);
	harena *keep[256] = {0};
	bool ok = parse_all(r, root, &l, set, jobs, keep, err);
	*files = ok ? harena_alloc(r->arena, (l.n ? l.n : 1) * sizeof **files) : NULL;
	if (ok && !*files)
		ok = herr_nomem(err);
	par_result pr = !ok ? PAR_ERROR
	                : jobs > 1 && l.n > 1 && !r->track ? exec_parallel( /* the tracker is one thread's */r, set, &l, &top, root, jobs, *files,
	                                                      nfiles, err)
	                                      : PAR_SERIAL;
	ok = ok && (pr == PAR_DONE || (pr == PAR_SERIAL && exec_all(r, set, &l, *files, nfiles, err)));
	htset_free(set);
	for (size_t i = 0; i < 256 && keep[i]; i++)
		harena_free(keep[i]);
	return ok;
}

/* ---------------------------------------------------------------- SplitManifests */

/* Length of a `(?:^|\s*\n)---\s*` match starting exactly at i, or 0. `^` is the start of the
 * text only (Go's regexp without (?m)). */
static size_t sep_at(const char *s, size_t len, size_t i)
{
	size_t j = i;
	if (i == 0 && len >= 3 && memcmp(s, "---", 3) == 0) {
		j = 3;
	} else {
		/* \s*\n---: the \n must end the whitespace run, since '-' is not a space. */
		size_t k = i;
		while (k < len && re_space(s[k]))
			k++;
		if (k == i || s[k - 1] != '\n' || len - k < 3 || memcmp(s + k, "---", 3) != 0)
			return 0;
		j = k + 3;
	}
	while (j < len && re_space(s[j]))
		j++;
	return j - i;
}

bool hrender_split(const char *s, size_t len, hrender_piece_fn fn, void *ud)
{
	hrender_trim(&s, &len);
	size_t beg = 0, i = 0;
	while (i < len) {
		size_t m = sep_at(s, len, i);
		if (!m) {
			/* The next match is the whitespace run that ends at the next "\n---". */
			const char *nl = s + i;
			while ((nl = memchr(nl, '\n', len - (size_t)(nl - s))) && (len - (size_t)(nl - s) < 4 ||
			                                                        memcmp(nl + 1, "---", 3)))
				nl++;
			if (!nl)
				break;
			size_t w = (size_t)(nl - s);
			while (w > beg && w > i && re_space(s[w - 1]))
				w--;
			i = w > i ? w : i + 1;
			continue;
		}
		if (i > beg) {
			const char *p = s + beg;
			size_t n = i - beg;
			hrender_trim(&p, &n);
			if (!fn(ud, p, n))
				return false;
		}
		i += m;
		beg = i;
	}
	if (len > beg) {
		const char *p = s + beg;
		size_t n = len - beg;
		hrender_trim(&p, &n);
		if (!fn(ud, p, n))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- SortManifests */

/* releaseutil's InstallOrder; helm 4 appends the two admission webhook kinds. */
static const char *const install_order[] = {
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
	"PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
	"ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
	"CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
	"DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
	"APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};
enum { HELM3_KINDS = 36 }; /* helm 3.17.3's list ends at APIService */

int hrender_kind_rank(const char *kind, bool helm4)
{
	size_t n = helm4 ? sizeof install_order / sizeof *install_order : HELM3_KINDS;
	for (size_t i = 0; i < n; i++)
		if (strcmp(kind, install_order[i]) == 0)
			return (int)i;
	return -1;
}

/* lessByKind on ranks already taken. */
static bool rank_less(int ra, const char *a, int rb, const char *b)
{
	if (ra < 0 && rb < 0)
		return strcmp(a, b) < 0;
	if (ra < 0)
		return false;
	if (rb < 0)
		return true;
	return ra < rb;
}

bool hrender_kind_less(const char *a, const char *b, bool helm4)
{
	return rank_less(hrender_kind_rank(a, helm4), a, hrender_kind_rank(b, helm4), b);
}

typedef struct manifest {
	const char *name; /* source path */
	const char *content;
	size_t len;
	const char *kind;
	int rank;
	bool test;   /* a hook with the test event */
	size_t seq;  /* input order, for a stable sort */
} manifest;

typedef struct mlist {
	manifest *v;
	size_t n, cap;
} mlist;

typedef struct sorter {
	hrender *r;
	const char *file;
	mlist generic, hooks;
	herr *err;
	size_t seq;
} sorter;

static bool head_error(sorter *st, const hv *v, const char *field, const char *type)
{
	if (field)
		return herr_set(st->err, HTMPL_ERR_YAML,
		                "YAML parse error on %s: error unmarshaling JSON: while decoding JSON: json: "
		                "cannot unmarshal %s into Go struct field %s of type %s",
		                st->file, hjson_kind(v), field, type);
	return herr_set(st->err, HTMPL_ERR_YAML,
	                "YAML parse error on %s: error unmarshaling JSON: while decoding JSON: json: "
	                "cannot unmarshal %s into Go value of type %s",
	                st->file, hjson_kind(v), type);
}

/* A scalar as sigs.k8s.io/yaml turns it into a string field; "" for nil. */
static const char *scalar_text(harena *a, const hv *v)
{
	if (!v || hv_is_nil(v))
		return "";
	if (v->type == HT_STRING)
		return v->s->data;
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	char *s = harena_strndup(a, b.data ? b.data : "", b.len);
	hbuf_free(&b);
	return s;
}

static bool scalar_ok(const hv *v)
{
	return !v || (!hv_is_map(v) && !hv_is_list(v));
}

static const char metadata_type[] =
	"struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string "
	"\"json:\\\"annotations\\\"\" }";

/* The typed decode of releaseutil.SimpleHead: the first mismatch in (sorted) key order. */
static bool check_head(sorter *st, const hv *doc, const hv **annotations)
{
	*annotations = NULL;
	if (hv_is_nil(doc))
		return true;
	if (!hv_is_map(doc))
		return head_error(st, doc, NULL, htmpl_env_get_helm_version(st->r->env) == 4
		                                     ? "util.SimpleHead" /* render/err-head-scalar */
		                                     : "releaseutil.SimpleHead");
	hv *av = hmap_gets(doc->m, "apiVersion"), *kv = hmap_gets(doc->m, "kind");
	hv *md = hmap_gets(doc->m, "metadata");
	if (!scalar_ok(av))
		return head_error(st, av, "SimpleHead.apiVersion", "string");
	if (!scalar_ok(kv))
		return head_error(st, kv, "SimpleHead.kind", "string");
	if (!md || hv_is_nil(md))
		return true;
	if (!hv_is_map(md))
		return head_error(st, md, "SimpleHead.metadata", metadata_type);
	hv *an = hmap_gets(md->m, "annotations"), *nm = hmap_gets(md->m, "name");
	if (an && !hv_is_nil(an)) {
		if (!hv_is_map(an))
			return head_error(st, an, ".metadata.annotations", "map[string]string");
		hmap_entry **e = hmap_sorted(an->m);
		if (!e && hmap_len(an->m))
			return herr_nomem(st->err);
		for (size_t i = 0; i < hmap_len(an->m); i++)
			if (!scalar_ok(&e[i]->val))
				return head_error(st, &e[i]->val, ".metadata.annotations", "string");
		*annotations = an;
	}
	if (!scalar_ok(nm))
		return head_error(st, nm, ".metadata.name", "string");
	return true;
}

static bool mlist_push(harena *a, mlist *l, manifest m)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		manifest *v = harena_realloc(a, l->v, l->cap * sizeof *v, cap * sizeof *v);
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = m;
	return true;
}

/* Hook events of `helm.sh/hook`: false (with *unknown) if any event is not Helm's. */
static bool hook_events(const char *s, bool *test)
{
	static const char *const events[] = {
		"pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
		"post-upgrade", "pre-rollback", "post-rollback", "test", "test-success",
	};
	*test = false;
	for (;;) {
		const char *e = strchr(s, ',');
		const char *p = s;
		size_t n = e ? (size_t)(e - s) : strlen(s);
		hrender_trim(&p, &n);
		bool known = false;
		for (size_t i = 0; i < sizeof events / sizeof *events && !known; i++)
			if (strlen(events[i]) == n && strncasecmp(events[i], p, n) == 0) {
				known = true;
				*test |= i >= 8;
			}
		if (!known)
			return false;
		if (!e)
			return true;
		s = e + 1;
	}
}

/* Puts one manifest in its bucket, given SimpleHead's kind and hook text (NULL: no hook). */
static bool place_piece(sorter *st, const char *s, size_t len, const char *kind, const char *events)
{
	harena *a = st->r->arena;
	manifest m = {.name = st->file, .content = s, .len = len, .seq = st->seq++, .kind = kind};
	m.rank = hrender_kind_rank(m.kind, htmpl_env_get_helm_version(st->r->env) == 4);
	if (!events)
		return mlist_push(a, &st->generic, m) || herr_nomem(st->err);
	if (!hook_events(events, &m.test)) {
		if (st->r->warnings && htmpl_env_get_helm_version(st->r->env) == 4) {
			hslog_line(st->r->warnings, "INFO", "skipping unknown hooks", "hookTypes", events, NULL);
		} else if (st->r->warnings) {
			hbuf_puts(st->r->warnings, "manifest_sorter.go:190: info: skipping unknown hook: ");
			hstrconv_quote(st->r->warnings, events, strlen(events), false);
			hbuf_putc(st->r->warnings, '\n');
		}
		return true;
	}
	return mlist_push(a, &st->hooks, m) || herr_nomem(st->err);
}

static bool sort_piece(void *ud, const char *s, size_t len)
{
	sorter *st = ud;
	harena *a = st->r->arena;
	hmanifest_head_t h; /* most documents: their head without a YAML load (manifest_head.c) */
	if (hmanifest_head(s, len, &h)) {
		const char *kind = harena_strndup(a, h.kind, h.kind_len);
		const char *events = h.has_hook ? harena_strndup(a, h.hook, h.hook_len) : NULL;
		if (!kind || (h.has_hook && !events))
			return herr_nomem(st->err);
		return place_piece(st, s, len, kind, events);
	}
	hv doc;
	herr yerr = HTMPL_ERROR_INIT;
	if (!hyaml_load(a, s, len, &doc, &yerr)) {
		if (yerr.code == HTMPL_ERR_NOMEM || yerr.code == HTMPL_ERR_LIMIT)
			herr_move(st->err, &yerr);
		else
			herr_set(st->err, HTMPL_ERR_YAML, "YAML parse error on %s: %s", st->file,
			         yerr.message);
		htmpl_error_clear(&yerr);
		return false;
	}
	const hv *an;
	if (!check_head(st, &doc, &an))
		return false;
	const char *kind = hv_is_map(&doc) ? scalar_text(a, hmap_gets(doc.m, "kind")) : "";
	if (!kind)
		return herr_nomem(st->err);
	hv *hook = an && hmap_len(an->m) ? hmap_gets(an->m, "helm.sh/hook") : NULL;
	const char *events = hook ? scalar_text(a, hook) : NULL;
	if (hook && !events)
		return herr_nomem(st->err);
	return place_piece(st, s, len, kind, events);
}

static int cmp_manifest(const void *pa, const void *pb)
{
	const manifest *a = pa, *b = pb;
	if (rank_less(a->rank, a->kind, b->rank, b->kind))
		return -1;
	if (rank_less(b->rank, b->kind, a->rank, a->kind))
		return 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_rendered(const void *pa, const void *pb)
{
	return strcmp(((const hrendered *)pa)->name, ((const hrendered *)pb)->name);
}

/* SortManifests: files in path order, each split, parsed and put in a bucket. */
static bool sort_manifests(sorter *st, hrendered *files, size_t n)
{
	if (n > 1)
		qsort(files, n, sizeof *files, cmp_rendered);
	for (size_t i = 0; i < n; i++) {
		const char *s = files[i].text;
		size_t len = files[i].len;
		hrender_trim(&s, &len);
		if (!len)
			continue;
		st->file = files[i].name;
		if (!hrender_split(files[i].text, files[i].len, sort_piece, st))
			return false;
	}
	if (st->generic.n > 1)
		qsort(st->generic.v, st->generic.n, sizeof *st->generic.v, cmp_manifest);
	if (st->hooks.n > 1)
		qsort(st->hooks.v, st->hooks.n, sizeof *st->hooks.v, cmp_manifest);
	return true;
}

/* ---------------------------------------------------------------- --output-dir */

/* filepath.Join(dir, name) for the release level: joined, then // and trailing / removed. */
static char *join_clean(harena *a, const char *dir, const char *name)
{
	size_t dn = strlen(dir), nn = strlen(name);
	char *p = harena_alloc(a, dn + nn + 2);
	if (!p)
		return NULL;
	size_t j = 0;
	const char *parts[2] = {dir, name};
	for (int k = 0; k < 2; k++) {
		if (k && j && p[j - 1] != '/')
			p[j++] = '/';
		for (const char *s = parts[k]; *s; s++)
			if (!(*s == '/' && j && p[j - 1] == '/'))
				p[j++] = *s;
	}
	while (j > 1 && p[j - 1] == '/')
		j--;
	p[j] = 0;
	return p;
}

static bool make_dirs(char *path, herr *err)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int rc = mkdir(path, 0755);
		int e = errno;
		*p = '/';
		if (rc != 0 && e != EEXIST)
			return herr_set(err, HTMPL_ERR_IO, "mkdir %.*s: %s", (int)(p - path), path, strerror(e));
	}
	return true;
}

/* writeToFile: DIR/NAME (a plain join, as helm does), created or appended, and the
 * `wrote` line helm prints on stdout. */
static bool write_file(harena *a, hbuf *out, const char *dir, const char *name, const char *data,
                       size_t len, bool append, herr *err)
{
	size_t dn = strlen(dir), nn = strlen(name);
	char *path = harena_alloc(a, dn + nn + 2);
	if (!path)
		return herr_nomem(err);
	memcpy(path, dir, dn);
	path[dn] = '/';
	memcpy(path + dn + 1, name, nn + 1);
	if (!make_dirs(path, err))
		return false;
	FILE *f = fopen(path, append ? "ab" : "wb");
	if (!f)
		return herr_set(err, HTMPL_ERR_IO, "open %s: %s", path, strerror(errno));
	bool ok = fprintf(f, "---\n# Source: %s\n", name) >= 0 && fwrite(data, 1, len, f) == len &&
	          fputc('\n', f) != EOF;
	ok = (fclose(f) == 0) && ok;
	if (!ok)
		return herr_set(err, HTMPL_ERR_IO, "write %s: %s", path, strerror(errno));
	hbuf_printf(out, "wrote %s\n", path);
	return true;
}

/* fileWritten of renderResources and template.go: names already written in this run. */
typedef struct written {
	const char **v;
	size_t n, cap;
} written;

static bool was_written(const written *w, const char *name)
{
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->v[i], name) == 0)
			return true;
	return false;
}

static bool mark_written(harena *a, written *w, const char *name)
{
	if (was_written(w, name))
		return true;
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		const char **v = harena_realloc(a, w->v, w->cap * sizeof *v, cap * sizeof *v);
		if (!v)
			return false;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = name;
	return true;
}

/* ---------------------------------------------------------------- printing */

typedef struct crd_ctx {
	hrender *r;
	hbuf *b;       /* stdout text */
	written *w;
	herr *err;
} crd_ctx;

static void put_doc(hbuf *b, const char *name, const char *s, size_t n)
{
	hbuf_puts(b, "---\n# Source: ");
	hbuf_puts(b, name);
	hbuf_putc(b, '\n');
	hbuf_put(b, s, n);
	hbuf_putc(b, '\n');
}

/* chart.CRDObjects: crds/ files of the chart, then of each enabled subchart, recursively. */
static bool put_crds(crd_ctx *c, const hrchart *rc)
{
	const hchart *ch = rc->chart;
	for (size_t i = 0; i < ch->ncrds; i++) {
		const hfile *f = &ch->crds[i];
		char *name = join_path(c->r->arena, rc->path, f->name);
		if (!name)
			return herr_nomem(c->err);
		const char *dir = c->r->opts->output_dir;
		if (!dir) {
			put_doc(c->b, name, f->data, f->len);
			continue;
		}
		if (!write_file(c->r->arena, c->b, dir, name, f->data, f->len, was_written(c->w, name),
		                c->err) ||
		    !mark_written(c->r->arena, c->w, name))
			return herr_isset(c->err) ? false : herr_nomem(c->err);
	}
	for (size_t i = 0; i < rc->nsubs; i++)
		if (!put_crds(c, rc->subs[i]))
			return false;
	return true;
}

/* --show-only: the printed text is split again and each piece whose `# Source: CHART/PATH`
 * matches a pattern (filepath.Match on PATH) is printed, in pattern order. */
typedef struct hpiece {
	const char *s;
	size_t len;
} hpiece;

typedef struct hpiece_vec {
	harena *arena;
	hpiece *v;
	size_t n, cap;
} hpiece_vec;

static bool collect_piece(void *ud, const char *s, size_t len)
{
	hpiece_vec *v = ud;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 32;
		hpiece *p = harena_realloc(v->arena, v->v, v->cap * sizeof *p, cap * sizeof *p);
		if (!p)
			return false;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = (hpiece){s, len};
	return true;
}

/* manifestNameRegex `# Source: [^/]+/(.+)`: the first `# Source: `, a run of non-'/' bytes
 * (which may cross lines), '/', then the rest of that line. */
static bool source_path(const char *s, size_t len, char *buf, size_t bufsz)
{
	static const char tag[] = "# Source: ";
	for (size_t i = 0; i + 10 <= len; i++) {
		if (memcmp(s + i, tag, 10) != 0)
			continue;
		size_t j = i + 10, k = j;
		while (k < len && s[k] != '/')
			k++;
		if (k == j || k >= len)
			continue;
		size_t e = ++k;
		while (e < len && s[e] != '\n')
			e++;
		if (e == k || e - k >= bufsz)
			continue;
		memcpy(buf, s + k, e - k);
		buf[e - k] = 0;
		return true;
	}
	return false;
}

static bool show_only(hrender *r, hbuf *text, hbuf *out, herr *err)
{
	hpiece_vec v = {.arena = r->arena};
	if (!hrender_split(text->data ? text->data : "", text->len, collect_piece, &v))
		return herr_nomem(err);
	hbuf sel = HBUF_INIT;
	char name[4096];
	for (size_t p = 0; p < r->opts->nshow; p++) {
		const char *pat = r->opts->show_only[p];
		bool missing = true;
		for (size_t i = 0; i < v.n; i++) {
			if (!source_path(v.v[i].s, v.v[i].len, name, sizeof name))
				continue;
			if (hobj_path_match(pat, name) != 1)
				continue;
			hbuf_puts(&sel, "---\n");
			hbuf_put(&sel, v.v[i].s, v.v[i].len);
			hbuf_putc(&sel, '\n');
			missing = false;
		}
		if (missing) {
			hbuf_free(&sel);
			return herr_set(err, HTMPL_ERR_USAGE, "could not find template %s in chart", pat);
		}
	}
	if (!hbuf_ok(&sel)) {
		hbuf_free(&sel);
		return herr_nomem(err);
	}
	hbuf_put(out, sel.data, sel.len);
	hbuf_free(&sel);
	return true;
}

/* renderResources' manifest block (CRDs, then manifests) and template.go's hooks. */
static bool print_all(hrender *r, const hrchart *root, sorter *st, hbuf *out, herr *err)
{
	const hopts *o = r->opts;
	const char *dir = o->output_dir;
	const char *mdir = dir;
	written w = {0};
	hbuf man = HBUF_INIT; /* rel.Manifest */
	hbuf *stdout_b = out;
	crd_ctx cc = {r, dir ? stdout_b : &man, &w, err};
	if ((o->flags & HTMPL_RENDER_INCLUDE_CRDS) && !put_crds(&cc, root))
		goto fail;
	if (dir && (o->flags & HTMPL_RENDER_OUTPUT_DIR_RELEASE) &&
	    !(mdir = join_clean(r->arena, dir, o->release ? o->release : "release-name"))) {
		herr_nomem(err);
		goto fail;
	}
	for (size_t i = 0; i < st->generic.n; i++) {
		manifest *m = &st->generic.v[i];
		if (!dir) {
			put_doc(&man, m->name, m->content, m->len);
			continue;
		}
		if (!write_file(r->arena, stdout_b, mdir, m->name, m->content, m->len,
		                was_written(&w, m->name), err) ||
		    !mark_written(r->arena, &w, m->name))
			goto fail;
	}
	/* fmt.Fprintln(&manifests, strings.TrimSpace(rel.Manifest)) */
	hbuf text = HBUF_INIT;
	const char *ms = man.data ? man.data : "";
	size_t ml = man.len;
	hrender_trim(&ms, &ml);
	hbuf_put(&text, ms, ml);
	hbuf_putc(&text, '\n');
	hbuf_free(&man);
	for (size_t i = 0; !(o->flags & HTMPL_RENDER_NO_HOOKS) && i < st->hooks.n; i++) {
		manifest *m = &st->hooks.v[i];
		if (m->test && (o->flags & HTMPL_RENDER_SKIP_TESTS))
			continue;
		if (!dir) {
			put_doc(&text, m->name, m->content, m->len);
			continue;
		}
		/* template.go appends to a hook's file whenever it already exists on disk. */
		char *full = join_clean(r->arena, mdir, m->name);
		struct stat sb;
		bool exists = full && stat(full, &sb) == 0;
		if (!full || !write_file(r->arena, stdout_b, mdir, m->name, m->content, m->len, exists, err)) {
			hbuf_free(&text);
			return herr_isset(err) ? false : herr_nomem(err);
		}
	}
	if (!hbuf_ok(&text)) {
		hbuf_free(&text);
		return herr_nomem(err);
	}
	bool ok = o->nshow ? show_only(r, &text, out, err) : (hbuf_put(out, text.data, text.len), true);
	hbuf_free(&text);
	return ok;
fail:
	hbuf_free(&man);
	return herr_isset(err) ? false : herr_nomem(err);
}

/* ---------------------------------------------------------------- checks before rendering */

static bool seg_ok(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!alnum && !(c == '-' && i > 0 && i + 1 < n))
			return false;
	}
	return true;
}

const char *hrender_check_release_name(const char *name)
{
	if (!*name)
		return "no name provided";
	bool ok = strlen(name) <= 53;
	for (const char *p = name; ok;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		ok = seg_ok(p, n);
		if (!dot)
			break;
		p = dot + 1;
	}
	return ok ? NULL
	          : "invalid release name, must match regex "
	            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the "
	            "length must not be longer than 53";
}

static const char *meta_str(const hchart *c, const char *key)
{
	hv *v = hv_is_map(&c->metadata) ? hmap_gets(c->metadata.m, key) : NULL;
	return v && v->type == HT_STRING ? v->s->data : NULL;
}

/* cmd/helm/install.go checkIfInstallable, the deprecation warning and CheckDependencies. */
static bool check_chart(const henv *env, const hchart *c, hbuf *warnings, harena *a, herr *err)
{
	if (warnings && c->load_log)
		hbuf_puts(warnings, c->load_log); /* loading came first */
	const char *type = meta_str(c, "type");
	if (type && *type && strcmp(type, "application") != 0)
		return herr_set(err, HTMPL_ERR_CHART, "%s charts are not installable", type);
	hv *dep = hv_is_map(&c->metadata) ? hmap_gets(c->metadata.m, "deprecated") : NULL;
	if (dep && dep->type == HT_BOOL && dep->b && warnings) {
		if (htmpl_env_get_helm_version(env) == 4)
			hslog_line(warnings, "WARN", "this chart is deprecated", NULL);
		else
			hbuf_puts(warnings, "WARNING: This chart is deprecated\n");
	}
	if (!hv_is_list(&c->dependencies))
		return true;
	hbuf missing = HBUF_INIT;
	for (size_t i = 0; i < c->dependencies.l->len; i++) {
		hv *d = &c->dependencies.l->v[i];
		hv *n = hv_is_map(d) ? hmap_gets(d->m, "name") : NULL;
		const char *name = n && n->type == HT_STRING ? n->s->data : "";
		bool found = false;
		for (size_t j = 0; j < c->nsubcharts && !found; j++)
			found = c->subcharts[j]->name && strcmp(c->subcharts[j]->name, name) == 0;
		if (!found) {
			if (missing.len)
				hbuf_puts(&missing, ", ");
			hbuf_puts(&missing, name);
		}
	}
	(void)a;
	if (missing.len)
		herr_set(err, HTMPL_ERR_CHART,
		         "%cn error occurred while checking for chart dependencies. You may need to run "
		         "`helm dependency build` to fetch missing dependencies: found in Chart.yaml, but "
		         "missing in charts/ directory: %s",
		         htmpl_env_get_helm_version(env) == 4 ? 'a' : 'A', /* helm 4 lower-cased it */
		         hbuf_cstr(&missing));
	bool oom = !hbuf_ok(&missing);
	hbuf_free(&missing);
	if (oom)
		return herr_nomem(err);
	return !herr_isset(err);
}

static bool check_release(const hopts *o, herr *err)
{
	const char *name = o->release ? o->release : "release-name";
	const char *why = hrender_check_release_name(name);
	if (!why)
		return true;
	hbuf q = HBUF_INIT;
	hstrconv_quote(&q, name, strlen(name), false);
	herr_set(err, HTMPL_ERR_USAGE, "release name %s: %s", hbuf_cstr(&q), why);
	hbuf_free(&q);
	return false;
}

/* renderResources: Chart.yaml kubeVersion against Capabilities (IsCompatibleRange: a bad
 * constraint counts as incompatible). */
static bool check_kube_version(const hchart *c, const hkubever *kv, herr *err)
{
	const char *want = meta_str(c, "kubeVersion");
	if (!want || !*want)
		return true;
	hsemver v;
	bool ok = false;
	herr cerr = HTMPL_ERROR_INIT;
	if (hsemver_parse(kv->normalized, strlen(kv->normalized), &v) &&
	    !hsemver_check(want, strlen(want), &v, &ok, &cerr))
		ok = false;
	bool oom = cerr.code == HTMPL_ERR_NOMEM;
	htmpl_error_clear(&cerr);
	if (oom)
		return herr_nomem(err); /* not "incompatible": tests/alloc */
	if (ok)
		return true;
	return herr_set(err, HTMPL_ERR_CHART,
	                "chart requires kubeVersion: %s which is incompatible with Kubernetes %s", want,
	                kv->normalized); /* caps.KubeVersion.String() */
}

/* A render that ran into HTMPL_LIMIT_MEMORY_BYTES fails as a limit, not as out of memory:
 * the message (often a function's `out of memory`) gains which limit was reached. */
static void memory_limit_error(herr *err, uint64_t lim)
{
	if (!err || (err->code != HTMPL_ERR_NOMEM && err->code != HTMPL_ERR_EXEC))
		return;
	char *old = err->message;
	herr e = HTMPL_ERROR_INIT;
	herr_set(&e, HTMPL_ERR_LIMIT, "%s (the render reached its memory limit of %llu bytes)",
	         old ? old : "out of memory", (unsigned long long)lim);
	if (e.code != HTMPL_ERR_LIMIT) {
		htmpl_error_clear(&e);
		return; /* no memory for the longer text: keep the original error */
	}
	e.file = err->file, e.line = err->line, e.col = err->col;
	err->file = NULL;
	htmpl_error_clear(err);
	*err = e;
}
/* ---------------------------------------------------------------- helm template */

/* action.go renderResources when SortManifests fails: every non-blank file as
 * `---\n# Source: NAME\nTEXT\n` (Go ranges over a map there; htmpl sorts by name), then
 * template.go prints strings.TrimSpace of it and a newline. */
static bool debug_files(hrendered *files, size_t n, hbuf *out)
{
	if (n > 1)
		qsort(files, n, sizeof *files, cmp_rendered);
	hbuf b = HBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const char *s = files[i].text;
		size_t len = files[i].len;
		hrender_trim(&s, &len);
		if (!len)
			continue;
		hbuf_printf(&b, "---\n# Source: %s\n", files[i].name);
		hbuf_put(&b, files[i].text, files[i].len);
		hbuf_putc(&b, '\n');
	}
	const char *s = b.data ? b.data : "";
	size_t len = b.len;
	hrender_trim(&s, &len);
	hbuf_put(out, s, len);
	hbuf_putc(out, '\n');
	hbuf_free(&b);
	return true;
}

static bool run(hrender *r, const hchart *c, hbuf *out, herr *err)
{
	const hopts *o = r->opts;
	hkubever kv;
	/* helm 4's loader knows chart API v3 (loaded, then refused by install.go) and refuses
	 * any other unknown apiVersion (conf-charts/err-chart-apiversion-v3) */
	const char *av = c->api_version ? c->api_version : "";
	if (htmpl_env_get_helm_version(r->env) == 4 && !strcmp(av, "v3"))
		return herr_set(err, HTMPL_ERR_CHART, "invalid chart apiVersion");
	if (htmpl_env_get_helm_version(r->env) == 4 && *av && strcmp(av, "v1") && strcmp(av, "v2"))
		return herr_set(err, HTMPL_ERR_CHART, "unsupported chart version");
	if (!hobj_parse_kube_version_env(r->env, r->arena, o->kube_version, &kv, err) ||
	    !check_chart(r->env, c, r->warnings, r->arena, err) || !check_release(o, err))
		return false;
	hrchart *root = NULL;
	hopts vo = *o; /* values files are read as the render's env says (values4.c) */
	vo.env = r->env;
	vo.flags |= HOPTS_F_INSTALL;
	if (!hvalues_prepare(c, &vo, r->arena, &root, r->warnings, err))
		return false;
	if (!root)
		return herr_set(err, HTMPL_ERR_CHART, "no chart to render");
	if (!check_kube_version(c, &kv, err))
		return false;
	hrendered *files;
	size_t n = 0;
	if (!hrender_templates(r, root, &files, &n, err))
		return false;
	if (r->report && !hvalues_report_build(r->report, r->env, o, root, r->track, r->report_what, err))
		return false;
	/* NOTES.txt is rendered (its errors count) but never printed. */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!has_suffix(files[i].name, "NOTES.txt"))
			files[k++] = files[i];
	if (r->files_only)
		return debug_files(files, k, out);
	sorter st = {.r = r, .err = err};
	if (!sort_manifests(&st, files, k))
		return herr_isset(err) ? false : herr_nomem(err);
	return print_all(r, root, &st, out, err);
}

static bool render_chart(const henv *env, const hchart *c, const hopts *o, hbuf *out,
                         hbuf *warnings, herr *err, bool files_only, unsigned what,
                         htmpl_report *report)
{
	henv *own = NULL;
	if (!env && !(env = own = hfuncmap_new()))
		return herr_nomem(err);
	hrender r = {
		.env = env,
		.opts = o,
		.arena = harena_new(),
		.warnings = warnings,
		.lint_mode = (o->flags & HTMPL_RENDER_LINT_MODE) != 0,
		.files_only = files_only,
		.no_cache = own != NULL, /* its parses would be keyed by an env about to go */
		.report_what = what,
		.report = report,
	};
	bool ok = false;
	if (report && !(r.track = htrack_new())) {
		harena_free(r.arena);
		htmpl_env_free(own);
		return herr_nomem(err);
	}
	if (!r.arena) {
		herr_nomem(err);
	} else {
		uint64_t lim = htmpl_env_get_limit(env, HTMPL_LIMIT_MEMORY_BYTES);
		if (lim && lim < SIZE_MAX)
			harena_set_limit(r.arena, (size_t)lim);
		ok = run(&r, c, out, err);
		if (ok && !hbuf_ok(out))
			ok = herr_nomem(err);
		if (!ok && harena_limit_hit(r.arena))
			memory_limit_error(err, lim);
	}
	harena_free(r.arena);
	htrack_free(r.track);
	htmpl_env_free(own);
	return ok;
}

bool hrender_chart(const henv *env, const hchart *c, const hopts *o, hbuf *out, hbuf *warnings,
                   herr *err)
{
	return render_chart(env, c, o, out, warnings, err, false, 0, NULL);
}

bool hrender_chart_report(const henv *env, const hchart *c, const hopts *o, hbuf *out,
                          hbuf *warnings, unsigned what, htmpl_report *report, herr *err)
{
	return render_chart(env, c, o, out, warnings, err, false, what, report);
}

/* `htmpl values`: the values steps of run() only. */
bool hrender_values(const henv *env, const hchart *c, const hopts *o, bool show_origin,
                    hbuf *out, hbuf *warnings, herr *err)
{
	henv *own = NULL;
	if (!env && !(env = own = hfuncmap_new()))
		return herr_nomem(err);
	harena *a = harena_new();
	hrchart *root = NULL;
	hopts vo = *o;
	vo.env = env;
	vo.flags |= HOPTS_F_INSTALL;
	bool ok = a && hvalues_prepare(c, &vo, a, &root, warnings, err);
	if (!a)
		herr_nomem(err);
	if (ok && !root)
		ok = herr_set(err, HTMPL_ERR_CHART, "no chart to render");
	if (ok)
		ok = hvalues_report_tree(out, env, &vo, root, show_origin, err);
	harena_free(a);
	htmpl_env_free(own);
	return ok;
}

bool hrender_chart_files(const henv *env, const hchart *c, const hopts *o, hbuf *out,
                         hbuf *warnings, herr *err)
{
	return render_chart(env, c, o, out, warnings, err, true, 0, NULL);
}
