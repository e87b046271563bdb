/* exec.c - the template executor, reproducing Go's text/template/exec.go (Go 1.23) with the
 * option missingkey=zero, plus Helm's include and tpl (helm pkg/engine/engine.go).
 *
 * The walk mirrors Go's state machine function for function (walk, evalPipeline,
 * evalCommand, evalField, evalCall, evalArg, validateType ...) and records the current node
 * the way Go's s.at() does, because Go's error messages take their location and <context>
 * from whatever node was recorded last. Errors travel up as false returns; the first one
 * wins. Value conventions (HT_INVALID vs HT_NIL vs HV_F_IFACE) are described in exec.h. */
#include "template/exec.h"
#include "value/fmt.h"
#include "template/lex.h"
#include "core/strconv.h"

#include "core/stack.h"

#include <stddef.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CTL_NONE, CTL_BREAK, CTL_CONTINUE };

static const uint64_t max_exec_depth = 100000; /* Go's maxExecDepth */
static const uint64_t recursion_max = 1000;     /* Helm's recursionMaxNums */

typedef struct xvar {
	const char *name;
	size_t n;
	hv v;
} xvar;

/* State shared by every nested execution of one hexec_execute (Go closes include/tpl over
 * one includedNames map per render; variables live on one stack with per-template bases). */
typedef struct xshared {
	const hexec_opts *o;
	harena *a;
	const henv *env;    /* hcall.env: hexec_opts.env or the set's */
	hmap *included;
	uint64_t depth;     /* nested executions (include, tpl, template calls) */
	uint64_t max_names; /* nested includes of one name (Helm's recursionMaxNums) */
	uint64_t tpls;      /* nested tpl calls, bounded by max_names too */
	xvar *vars;
	size_t nvars, capvars;
	const char *stack_limit;
	/* read tracking (track.h), all unused when o->track is NULL */
	htrack *trk;
	int guard;              /* > 0 inside if/with pipelines and default/required/... args */
	const hmap *last_m;     /* the last map entry a field access found, for float origins */
	const hstr *last_key;
} xshared;

struct hexec {
	xshared *sh;
	const htset *set;
	const htree *tmpl;
	const hnode *node;
	hbuf *out;
	herr *err;
	size_t var_base;
	uint64_t tdepth;
	int ctl;
};

typedef struct hexec X;

/* What evalCall calls: a function of the environment or a method of an object. */
typedef struct callee {
	const char *name;
	htmpl_func fn;
	const char *sig;
	size_t nparams;
	bool variadic;
	uint8_t builtin;
	const hfunc *f;
	bool has_recv;
	hv recv;
	const char *bad_results; /* hobj_method.bad_results */
} callee;

/* True when the stack is nearly used up. Template calls stop first (with Go's message);
 * the walk's own check, deeper in the margin, is only a last resort. */
static bool stack_low(const X *x, size_t slack)
{
	return x->sh->stack_limit && HSTACK_HERE() < x->sh->stack_limit - slack;
}

void *hexec_helm(const struct hexec *x) { return x && x->sh->o ? x->sh->o->helm : NULL; }

/* ---------------------------------------------------------------- errors */

static void vput(hbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !hbuf_grow(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

/* Go's state.errorf: "template: LOC: executing "NAME" at <NODE>: MSG". */
static bool fail_msg(X *x, const char *msg, size_t n)
{
	if (herr_isset(x->err))
		return false;
	hbuf b = HBUF_INIT;
	int line = 0, col = 0;
	if (!x->node) {
		hbuf_printf(&b, "template: %s: ", x->tmpl->name);
	} else {
		hbuf_puts(&b, "template: ");
		hnode_location(x->node, &b, &line, &col);
		hbuf_puts(&b, ": executing ");
		hstrconv_quote(&b, x->tmpl->name, strlen(x->tmpl->name), false);
		hbuf_puts(&b, " at <");
		hnode_string(x->node, &b);
		hbuf_puts(&b, ">: ");
	}
	hbuf_put(&b, msg, n);
	if (!hbuf_ok(&b)) {
		hbuf_free(&b);
		return herr_nomem(x->err);
	}
	herr_setn(x->err, HTMPL_ERR_EXEC, b.data, b.len);
	if (x->node)
		herr_where(x->err, x->node->tree->parse_name, line, col);
	hbuf_free(&b);
	return false;
}

static bool fail(X *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(X *x, const char *fmt, ...)
{
	hbuf m = HBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	vput(&m, fmt, ap);
	va_end(ap);
	bool r = hbuf_ok(&m) ? fail_msg(x, m.data ? m.data : "", m.len) : herr_nomem(x->err);
	hbuf_free(&m);
	return r;
}

/* An error whose message embeds a node's text (Go's %s of a Node). */
static bool fail_node(X *x, const char *before, const hnode *n, const char *after)
{
	hbuf m = HBUF_INIT;
	hbuf_puts(&m, before);
	hnode_string(n, &m);
	hbuf_puts(&m, after);
	bool r = hbuf_ok(&m) ? fail_msg(x, m.data, m.len) : herr_nomem(x->err);
	hbuf_free(&m);
	return r;
}

static bool nomem(X *x) { return herr_nomem(x->err); }

/* ---------------------------------------------------------------- values */

static hv unwrap(hv v)
{
	if (v.type == HT_NIL)
		return hv_invalid();
	v.flags &= (uint8_t)~HV_F_IFACE;
	return v;
}

static hv iface(hv v)
{
	if (v.type == HT_INVALID)
		v.type = HT_NIL;
	v.flags |= HV_F_IFACE;
	return v;
}

static bool is_iface(const hv *v) { return v->type == HT_NIL || (v->flags & HV_F_IFACE); }

static const char *go_type(char t)
{
	switch (t) {
	case 'v': return "interface {}";
	case 's': return "string";
	case 'i': return "int";
	case 'I': return "int64";
	case 'D': return "time.Duration";
	case 'u': return "uint32";
	case 'f': return "float64";
	case 'b': return "bool";
	case 'm': return "map[string]interface {}";
	case 'l': return "[]interface {}";
	case 't': return "time.Time";
	case 'w': return "io.Writer";
	case 'V': return "reflect.Value";
	default: return "<nil>";
	}
}

static bool can_be_nil(char t) { return t == 'v' || t == 'm' || t == 'l' || t == 'V' || t == 'w'; }

static bool zero_of(X *x, char t, hv *out)
{
	*out = hv_invalid();
	if (t == 'v' || t == 'w') {
		*out = hv_nil();
	} else if (t == 'm') {
		hmap *m = hmap_new(x->sh->a, 0);
		if (!m)
			return nomem(x);
		*out = hv_of_map(HT_MAP, m);
	} else if (t == 'l') {
		hlist *l = hlist_new(x->sh->a, 0);
		if (!l)
			return nomem(x);
		*out = hv_of_list(HT_LIST, l);
	}
	return true;
}

static bool type_matches(char t, const hv *v)
{
	switch (t) {
	case 's': return v->type == HT_STRING;
	case 'i': return v->type == HT_INT;
	case 'I': return v->type == HT_INT64;
	case 'D': return v->type == HT_OBJECT && strcmp(v->o->cls->type_name, "time.Duration") == 0;
	case 'u': return v->type == HT_UINT32;
	case 'f': return v->type == HT_FLOAT64;
	case 'b': return v->type == HT_BOOL;
	case 'm': return v->type == HT_MAP || v->type == HT_VALUES;
	case 'l': return v->type == HT_LIST;
	case 't': return v->type == HT_OBJECT && strcmp(v->o->cls->type_name, "time.Time") == 0;
	case 'w': return false; /* no template value is an io.Writer */
	default: return true;
	}
}

/* validateType: t is a signature letter, or 0 for Go's nil type (chain receivers). */
static bool validate_type(X *x, hv v, char t, hv *out)
{
	if (v.type == HT_INVALID) {
		if (t == 0) {
			*out = v;
			return true;
		}
		if (can_be_nil(t))
			return zero_of(x, t, out);
		return fail(x, "invalid value; expected %s", go_type(t));
	}
	if (t == 0 || t == 'V') {
		*out = v;
		return true;
	}
	if (t == 'v') {
		v.flags &= (uint8_t)~HV_F_IFACE;
		*out = v;
		return true;
	}
	if (v.type == HT_NIL)
		return fail(x, "wrong type for value; expected %s; got interface {}", go_type(t));
	v.flags &= (uint8_t)~HV_F_IFACE;
	if (!type_matches(t, &v))
		return fail(x, "wrong type for value; expected %s; got %s", go_type(t), hv_type_name(&v));
	*out = v;
	return true;
}

/* ---------------------------------------------------------------- variables */

static bool push_var(X *x, const char *name, size_t n, hv v)
{
	xshared *sh = x->sh;
	if (sh->nvars == sh->capvars) {
		size_t cap = sh->capvars ? sh->capvars * 2 : 16;
		xvar *nv = realloc(sh->vars, cap * sizeof *nv);
		if (!nv)
			return nomem(x);
		sh->vars = nv;
		sh->capvars = cap;
	}
	sh->vars[sh->nvars++] = (xvar){name, n, v};
	return true;
}

static xvar *find_var(X *x, const char *name, size_t n)
{
	for (size_t i = x->sh->nvars; i-- > x->var_base;) {
		xvar *v = &x->sh->vars[i];
		if (v->n == n && memcmp(v->name, name, n) == 0)
			return v;
	}
	return NULL;
}

static bool var_value(X *x, const hident *id, hv *out)
{
	xvar *v = find_var(x, id->s, id->n);
	if (!v)
		return fail(x, "undefined variable: %.*s", (int)id->n, id->s);
	*out = v->v;
	return true;
}

static bool set_var(X *x, const hident *id, hv val)
{
	xvar *v = find_var(x, id->s, id->n);
	if (!v)
		return fail(x, "undefined variable: %.*s", (int)id->n, id->s);
	v->v = val;
	return true;
}

/* ---------------------------------------------------------------- evaluation */

static bool eval_pipeline(X *x, hv dot, const hnode *pipe, hv *out);
static bool eval_arg(X *x, hv dot, char t, const hnode *n, hv *out);
static bool eval_field_chain(X *x, hv dot, hv recv, const hnode *node, const hident *ids,
                             size_t nids, hnode *const *args, size_t nargs, const hv *final, hv *out);
static bool eval_call(X *x, hv dot, const callee *ce, const hnode *node, hnode *const *args,
                      size_t nargs, const hv *final, hv *out);
static bool walk(X *x, hv dot, const hnode *n);

static bool not_a_function(X *x, hnode *const *args, size_t nargs, const hv *final)
{
	if (nargs > 1 || final)
		return fail_node(x, "can't give argument to non-function ", args[0], "");
	return true;
}

static bool ideal_constant(X *x, const hnode *c, hv *out)
{
	x->node = c;
	const char *t = c->num.text;
	size_t n = c->num.n;
	if (c->num.is_complex) {
		double *z = harena_alloc(x->sh->a, 2 * sizeof(double));
		if (!z)
			return nomem(x);
		z[0] = c->num.re;
		z[1] = c->num.im;
		*out = (hv){.type = HT_COMPLEX};
		out->c = z;
	} else if (c->num.is_float && c->num.float_text) {
		*out = hv_float(c->num.f);
	} else if (c->num.is_int) {
		*out = hv_int(c->num.i);
	} else if (c->num.is_uint) {
		return fail(x, "%.*s overflows int", (int)n, t);
	} else {
		*out = hv_invalid();
	}
	return true;
}

static hv string_node(const hnode *n) { return hv_of_str(n->str.val); }

static bool eval_field_node(X *x, hv dot, const hnode *f, hnode *const *args, size_t nargs,
                            const hv *final, hv *out)
{
	x->node = f;
	return eval_field_chain(x, dot, dot, f, f->field.ids, f->field.n, args, nargs, final, out);
}

static bool eval_chain_node(X *x, hv dot, const hnode *c, hnode *const *args, size_t nargs,
                            const hv *final, hv *out)
{
	x->node = c;
	if (c->field.node->type == HN_NIL)
		return fail_node(x, "indirection through explicit nil in ", c, "");
	hv recv;
	if (!eval_arg(x, dot, 0, c->field.node, &recv))
		return false;
	return eval_field_chain(x, dot, recv, c, c->field.ids, c->field.n, args, nargs, final, out);
}

static bool eval_variable_node(X *x, hv dot, const hnode *v, hnode *const *args, size_t nargs,
                               const hv *final, hv *out)
{
	x->node = v;
	hv val;
	if (!var_value(x, &v->field.ids[0], &val))
		return false;
	if (v->field.n == 1) {
		if (args && !not_a_function(x, args, nargs, final))
			return false;
		*out = val;
		return true;
	}
	return eval_field_chain(x, dot, val, v, v->field.ids + 1, v->field.n - 1, args, nargs, final, out);
}

static void sig_info(const char *sig, size_t *nparams, bool *variadic)
{
	size_t n = strlen(sig);
	*variadic = n > 0 && sig[n - 1] == '*';
	*nparams = *variadic ? n - 1 : n;
}

static bool eval_function(X *x, hv dot, const hnode *ident, const hnode *cmd, hnode *const *args,
                          size_t nargs, const hv *final, hv *out)
{
	x->node = ident;
	const hfunc *f = henv_lookup(x->set->env, ident->text.s, ident->text.n);
	if (!f) {
		hbuf q = HBUF_INIT;
		hstrconv_quote(&q, ident->text.s, ident->text.n, false);
		bool r = fail(x, "%s is not a defined function", hbuf_cstr(&q));
		hbuf_free(&q);
		return r;
	}
	callee ce = {.name = f->name, .fn = f->fn, .sig = f->sig, .nparams = f->nparams,
	             .variadic = f->variadic, .builtin = f->builtin, .f = f};
	return eval_call(x, dot, &ce, cmd, args, nargs, final, out);
}

/* ---- methods of chartutil.Values (Helm's .Values and .Template): AsMap, Table and
 * PathValue here; YAML and Encode need the data layer, so the Helm layer registers them in
 * the environment as "chartutil.Values.YAML" and "chartutil.Values.Encode" (names no template
 * can spell) and the table below finds them there. */

static bool table_lookup(hcall *c, hmap *m, const char *k, size_t n, hmap **out)
{
	hv *v = m ? hmap_get(m, k, n) : NULL;
	if (!v || (v->type != HT_MAP && v->type != HT_VALUES))
		return hcall_errorf(c, "\"%.*s\" is not a table", (int)n, k);
	*out = v->m;
	return true;
}

/* Values.Table: walk a dotted path of nested maps. */
static bool values_table_path(hcall *c, hmap *m, const char *p, size_t n, hmap **out)
{
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && p[j] != '.')
			j++;
		if (!table_lookup(c, m, p + i, j - i, &m))
			return false;
		if (j >= n)
			break;
		i = j + 1;
	}
	*out = m;
	return true;
}

static bool values_asmap(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)c, (void)argc;
	*out = hv_of_map(HT_MAP, argv[0].m);
	return true;
}

static bool values_table(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	hmap *m;
	if (!values_table_path(c, argv[0].m, argv[1].s->data, argv[1].s->len, &m))
		return false;
	*out = hv_of_map(HT_VALUES, m);
	out->flags = argv[0].flags & HV_F_COMMON; /* the receiver's Go type */
	return true;
}

static bool values_pathvalue(hcall *c, size_t argc, const hv *argv, hv *out)
{
	(void)argc;
	const char *p = argv[1].s->data;
	size_t n = argv[1].s->len, k = n;
	if (n == 0)
		return hcall_errorf(c, "YAML path cannot be empty");
	while (k > 0 && p[k - 1] != '.')
		k--;
	hmap *t = argv[0].m;
	if (k > 0) {
		/* Table's own error is replaced by "not a value": probe with a scratch message */
		hbuf scratch = HBUF_INIT;
		hcall probe = *c;
		probe.msg = &scratch;
		probe.failed = false;
		bool ok = values_table_path(&probe, t, p, k - 1, &t);
		hbuf_free(&scratch);
		if (!ok)
			return hcall_errorf(c, "\"%.*s\" is not a value", (int)(n - k), p + k);
	}
	hv *v = t ? hmap_get(t, p + k, n - k) : NULL;
	if (!v || v->type == HT_MAP)
		return hcall_errorf(c, "\"%.*s\" is not a value", (int)(n - k), p + k);
	*out = *v;
	return true;
}

/* Go's method set of chartutil.Values; fn NULL: registered by the Helm layer (see above). */
static const hobj_method values_methods[] = {
	{"AsMap", values_asmap, ""},
	{"Encode", NULL, "w"},
	{"PathValue", values_pathvalue, "s"},
	{"Table", values_table, "s"},
	{"YAML", NULL, ""},
};

/* A method of values_methods as a callee; false when its implementation is missing. */
static bool values_method(X *x, const hobj_method *m, hv recv, callee *ce)
{
	*ce = (callee){.name = m->name, .fn = m->fn, .sig = m->sig, .has_recv = true, .recv = recv};
	sig_info(m->sig, &ce->nparams, &ce->variadic);
	if (m->fn)
		return true;
	char name[64];
	int n = snprintf(name, sizeof name, "chartutil.Values.%s", m->name);
	const hfunc *f = n > 0 && (size_t)n < sizeof name ? henv_lookup(x->set->env, name, (size_t)n) : NULL;
	if (!f || !f->fn)
		return false;
	ce->fn = f->fn;
	ce->f = f;
	return true;
}

/* ---------------------------------------------------------------- read tracking (track.h) */

static int cmp_name(const void *k, const void *e);

static const hstr *entry_key(const hv *e)
{
	return ((const hmap_entry *)(const void *)((const char *)e - offsetof(hmap_entry, val)))->key;
}

/* A key looked up in map m: found (e) is read; not found is a missing key at the node. */
static void track_lookup(X *x, const hmap *m, const char *k, size_t n, const hv *e, bool guarded)
{
	htrack *t = x->sh->trk;
	if (e) {
		const hstr *key = entry_key(e);
		htrack_key(t, m, key);
		x->sh->last_m = m;
		x->sh->last_key = key;
		return;
	}
	const hnode *site = x->node;
	if (!site || htrack_missing_seen(t, site, m, k, n))
		return;
	int line = 0, col = 0;
	htrack_locate(t, site->tree->text, site->tree->len, site->pos, &line, &col);
	htrack_add_missing(t, m, k, n, site->tree->parse_name, line, col, guarded);
}

/* Records a float print that falls into the scientific-notation trap. */
static void track_float(X *x, const hv *v, const hmap *m, const hstr *key, const char *via)
{
	char text[64];
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	size_t n = b.len < sizeof text - 1 ? b.len : sizeof text - 1;
	memcpy(text, b.data ? b.data : "", n);
	text[n] = 0;
	hbuf_free(&b);
	if (!htrack_float_trap(v->f, text))
		return;
	const hnode *site = x->node;
	if (!site || htrack_float_seen(x->sh->trk, site, text))
		return;
	if (!m && x->sh->last_m && x->sh->last_key) {
		const hv *e = hmap_get(x->sh->last_m, x->sh->last_key->data, x->sh->last_key->len);
		if (e && e->type == HT_FLOAT64 && e->f == v->f)
			m = x->sh->last_m, key = x->sh->last_key;
	}
	int line = 0, col = 0;
	htrack_locate(x->sh->trk, site->tree->text, site->tree->len, site->pos, &line, &col);
	htrack_add_float(x->sh->trk, m, key, site->tree->parse_name, line, col, text, via);
}

/* toYaml of a tree: every float in it prints with %g too. */
static void track_floats_in(X *x, const hv *v, const char *via, int depth)
{
	if (depth > 200)
		return;
	if (hv_is_map(v) && v->m) {
		for (size_t i = 0; i < v->m->n; i++) {
			const hmap_entry *e = &v->m->e[i];
			if (!e->key)
				continue;
			if (e->val.type == HT_FLOAT64)
				track_float(x, &e->val, v->m, e->key, via);
			else
				track_floats_in(x, &e->val, via, depth + 1);
		}
	} else if (hv_is_list(v) && v->l && v->type == HT_LIST) {
		for (size_t i = 0; i < v->l->len; i++) {
			if (v->l->v[i].type == HT_FLOAT64)
				track_float(x, &v->l->v[i], NULL, NULL, via);
			else
				track_floats_in(x, &v->l->v[i], via, depth + 1);
		}
	}
}

/* Functions that hand their arguments on unchanged or only test them: they do not read a
 * map or list whole (sorted). */
static const char *const track_pass[] = {
	"coalesce", "default", "dict", "empty", "fail", "first", "kindIs", "kindOf", "last",
	"list", "required", "set", "ternary", "tuple", "typeIs", "typeIsLike", "typeOf", "unset",
};
/* Functions whose arguments are guarded lookups (missing keys there are expected; sorted). */
static const char *const track_guards[] = {
	"and", "coalesce", "default", "dig", "empty", "hasKey", "not", "or", "required", "ternary",
};
/* Functions that print their scalar arguments with %v (sorted). */
static const char *const track_printers[] = {
	"cat", "quote", "squote", "toString",
};

static bool in_table(const char *name, const char *const *tab, size_t n)
{
	return bsearch(name, tab, n, sizeof *tab, cmp_name) != NULL;
}
#define IN(name, tab) in_table(name, tab, sizeof tab / sizeof *tab)

static bool is_guard_call(const hnode *cmd)
{
	const hnode *f = cmd->list.n ? cmd->list.v[0] : NULL;
	if (!f || f->type != HN_IDENT)
		return false;
	char name[32];
	if (f->text.n >= sizeof name)
		return false;
	memcpy(name, f->text.s, f->text.n);
	name[f->text.n] = 0;
	return IN(name, track_guards);
}

/* Key lookups along one path (index, dig): each key found is read, a missing one recorded. */
static void track_path(X *x, hv cur, const hv *keys, size_t n, bool guarded)
{
	for (size_t i = 0; i < n; i++) {
		cur = hbuiltin_indirect(cur);
		if (!hv_is_map(&cur) || !cur.m) {
			htrack_whole(x->sh->trk, &cur);
			return;
		}
		if (keys[i].type != HT_STRING)
			return;
		hv *e = hmap_get(cur.m, keys[i].s->data, keys[i].s->len);
		track_lookup(x, cur.m, keys[i].s->data, keys[i].s->len, e, guarded);
		if (!e)
			return;
		cur = *e;
	}
}

/* What a call reads of its arguments (argv includes a method's receiver). */
static void track_call(X *x, const callee *ce, const hv *argv, size_t argc)
{
	htrack *t = x->sh->trk;
	bool guarded = x->sh->guard > 0;
	switch (ce->builtin) {
	case HB_INDEX:
		if (argc >= 1)
			track_path(x, argv[0], argv + 1, argc - 1, guarded);
		return;
	case HB_LEN: case HB_NOT: case HB_EQ: case HB_NE: case HB_LT: case HB_LE: case HB_GT:
	case HB_GE: case HB_INCLUDE: case HB_TPL: case HB_CALL: case HB_AND: case HB_OR:
		return;
	case HB_PRINTF: /* %.0f and %d print a float as it is meant; %v is the trap */
		if (argc < 1 || argv[0].type != HT_STRING || !strstr(argv[0].s->data, "%v"))
			break;
		/* fall through */
	case HB_PRINT: case HB_PRINTLN:
		for (size_t i = 0; i < argc; i++)
			if (argv[i].type == HT_FLOAT64)
				track_float(x, &argv[i], NULL, NULL, ce->name);
		break;
	default: break;
	}
	const char *name = ce->name;
	if (!ce->has_recv && ce->builtin == HB_NONE) {
		if (IN(name, track_pass))
			return;
		if (!strcmp(name, "get") || !strcmp(name, "hasKey")) {
			if (argc == 2)
				track_path(x, argv[0], argv + 1, 1, guarded || name[0] == 'h');
			return;
		}
		if (!strcmp(name, "dig")) {
			if (argc >= 2)
				track_path(x, argv[argc - 1], argv, argc - 2, true);
			return;
		}
		if (!strcmp(name, "pluck")) {
			for (size_t i = 1; argc && i < argc; i++)
				track_path(x, argv[i], argv, 1, true);
			return;
		}
		if (IN(name, track_printers))
			for (size_t i = 0; i < argc; i++)
				if (argv[i].type == HT_FLOAT64)
					track_float(x, &argv[i], NULL, NULL, name);
		if (!strncmp(name, "toYaml", 6) || !strcmp(name, "mustToYaml"))
			for (size_t i = 0; i < argc; i++)
				track_floats_in(x, &argv[i], name, 0);
	}
	for (size_t i = 0; i < argc; i++)
		htrack_whole(t, &argv[i]);
}

/* evalField: one step of a field chain. */
static bool eval_field(X *x, hv dot, const hident *name, const hnode *node, hnode *const *args,
                       size_t nargs, const hv *final, hv recv, hv *out)
{
	if (recv.type == HT_INVALID) {
		*out = hv_invalid();
		return true;
	}
	const char *tname = is_iface(&recv) ? "interface {}" : hv_type_name(&recv);
	if (recv.type == HT_NIL)
		return fail(x, "nil pointer evaluating %s.%.*s", tname, (int)name->n, name->s);
	recv.flags &= (uint8_t)~HV_F_IFACE;
	bool has_args = nargs > 1 || final;
	if (recv.type == HT_OBJECT && recv.o) {
		const hobj_class *cls = recv.o->cls;
		for (size_t i = 0; i < cls->nmethods; i++) {
			const hobj_method *m = &cls->methods[i];
			if (strlen(m->name) != name->n || memcmp(m->name, name->s, name->n) != 0)
				continue;
			callee ce = {.name = m->name, .fn = m->fn, .sig = m->sig, .has_recv = true, .recv = recv,
			             .bad_results = m->bad_results};
			sig_info(m->sig, &ce.nparams, &ce.variadic);
			return eval_call(x, dot, &ce, node, args, nargs, final, out);
		}
		hv fv;
		if (cls->field && cls->field(recv.o, name->s, name->n, &fv)) {
			/* a struct's lower-case field exists but is not exported (helm 4's
			 * common.KubeVersion.normalizedVersion) */
			if (cls->kind == HK_STRUCT && name->n && name->s[0] >= 'a' && name->s[0] <= 'z')
				return fail(x, "%.*s is an unexported field of struct type %s",
				            (int)name->n, name->s, tname);
			if (has_args)
				return fail(x, "%.*s has arguments but cannot be invoked as function", (int)name->n, name->s);
			*out = fv;
			return true;
		}
		if (cls->kind == HK_PTR && !recv.o->data && cls->field)
			return fail(x, "nil pointer evaluating %s.%.*s", tname, (int)name->n, name->s);
	} else if (hv_is_map(&recv)) {
		for (size_t i = 0; recv.type == HT_VALUES && i < sizeof values_methods / sizeof *values_methods; i++) {
			const hobj_method *m = &values_methods[i];
			if (strlen(m->name) != name->n || memcmp(m->name, name->s, name->n) != 0)
				continue;
			callee ce;
			if (!values_method(x, m, recv, &ce))
				break; /* outside Helm: only a map */
			return eval_call(x, dot, &ce, node, args, nargs, final, out);
		}
		if (has_args)
			return fail(x, "%.*s is not a method but has arguments", (int)name->n, name->s);
		hv *e = recv.m ? hmap_get(recv.m, name->s, name->n) : NULL;
		if (x->sh->trk && recv.m)
			track_lookup(x, recv.m, name->s, name->n, e, x->sh->guard > 0);
		if (recv.type == HT_STRMAP)
			*out = e ? *e : hv_of_str(hstr_empty());
		else
			*out = iface(e ? *e : hv_nil());
		return true;
	}
	return fail(x, "can't evaluate field %.*s in type %s", (int)name->n, name->s, tname);
}

static bool eval_field_chain(X *x, hv dot, hv recv, const hnode *node, const hident *ids,
                             size_t nids, hnode *const *args, size_t nargs, const hv *final, hv *out)
{
	for (size_t i = 0; i + 1 < nids; i++)
		if (!eval_field(x, dot, &ids[i], node, NULL, 0, NULL, recv, &recv))
			return false;
	return eval_field(x, dot, &ids[nids - 1], node, args, nargs, final, recv, out);
}

static bool eval_command(X *x, hv dot, const hnode *cmd, const hv *final, hv *out)
{
	hnode *const *args = cmd->list.v;
	size_t nargs = cmd->list.n;
	const hnode *first = args[0];
	switch (first->type) {
	case HN_FIELD: return eval_field_node(x, dot, first, args, nargs, final, out);
	case HN_CHAIN: return eval_chain_node(x, dot, first, args, nargs, final, out);
	case HN_IDENT: return eval_function(x, dot, first, cmd, args, nargs, final, out);
	case HN_PIPE:
		if (!not_a_function(x, args, nargs, final))
			return false;
		return eval_pipeline(x, dot, first, out);
	case HN_VARIABLE: return eval_variable_node(x, dot, first, args, nargs, final, out);
	}
	x->node = first;
	if (!not_a_function(x, args, nargs, final))
		return false;
	switch (first->type) {
	case HN_BOOL: *out = hv_bool(first->b); return true;
	case HN_DOT: *out = dot; return true;
	case HN_NIL: return fail(x, "nil is not a command");
	case HN_NUMBER: return ideal_constant(x, first, out);
	case HN_STRING: *out = string_node(first); return true;
	}
	hbuf q = HBUF_INIT, s = HBUF_INIT;
	hnode_string(first, &s);
	hstrconv_quote(&q, s.data ? s.data : "", s.len, false);
	bool r = fail(x, "can't evaluate command %s", hbuf_cstr(&q));
	hbuf_free(&q);
	hbuf_free(&s);
	return r;
}

static bool eval_empty_interface(X *x, hv dot, const hnode *n, hv *out)
{
	x->node = n;
	switch (n->type) {
	case HN_BOOL: *out = hv_bool(n->b); return true;
	case HN_DOT: *out = dot; return true;
	case HN_FIELD: return eval_field_node(x, dot, n, NULL, 0, NULL, out);
	case HN_IDENT: return eval_function(x, dot, n, n, NULL, 0, NULL, out);
	case HN_NIL: return fail(x, "evalEmptyInterface: nil (can't happen)");
	case HN_NUMBER: return ideal_constant(x, n, out);
	case HN_STRING: *out = string_node(n); return true;
	case HN_VARIABLE: return eval_variable_node(x, dot, n, NULL, 0, NULL, out);
	case HN_PIPE: return eval_pipeline(x, dot, n, out);
	}
	return fail_node(x, "can't handle assignment of ", n, " to empty interface argument");
}

static bool eval_literal(X *x, char t, const hnode *n, hv *out)
{
	x->node = n;
	switch (t) {
	case 'b':
		if (n->type == HN_BOOL) {
			*out = hv_bool(n->b);
			return true;
		}
		return fail_node(x, "expected bool; found ", n, "");
	case 'f':
		if (n->type == HN_NUMBER && n->num.is_float) {
			*out = hv_float(n->num.f);
			return true;
		}
		return fail_node(x, "expected float; found ", n, "");
	case 'i':
	case 'I':
	case 'D': /* time.Duration, an int64 kind: a literal converts */
		if (n->type == HN_NUMBER && n->num.is_int) {
			*out = t == 'i' ? hv_int(n->num.i) : hv_int64(n->num.i);
			return true;
		}
		return fail_node(x, "expected integer; found ", n, "");
	case 'u':
		if (n->type == HN_NUMBER && n->num.is_uint) {
			*out = (hv){.type = HT_UINT32};
			out->u = (uint32_t)n->num.u;
			return true;
		}
		return fail_node(x, "expected unsigned integer; found ", n, "");
	case 's':
		if (n->type == HN_STRING) {
			*out = string_node(n);
			return true;
		}
		return fail_node(x, "expected string; found ", n, "");
	}
	hbuf m = HBUF_INIT;
	hbuf_puts(&m, "can't handle ");
	hnode_string(n, &m);
	hbuf_printf(&m, " for arg of type %s", go_type(t));
	bool r = hbuf_ok(&m) ? fail_msg(x, m.data, m.len) : nomem(x);
	hbuf_free(&m);
	return r;
}

/* evalArg: an argument for a parameter of type t (a signature letter, 0 = nil type). */
static bool eval_arg(X *x, hv dot, char t, const hnode *n, hv *out)
{
	x->node = n;
	hv v;
	switch (n->type) {
	case HN_DOT: return validate_type(x, dot, t, out);
	case HN_NIL:
		if (can_be_nil(t))
			return zero_of(x, t, out);
		return fail(x, "cannot assign nil to %s", go_type(t));
	case HN_FIELD: {
		hnode *const self[1] = {(hnode *)n};
		if (!eval_field_node(x, dot, n, self, 1, NULL, &v))
			return false;
		return validate_type(x, v, t, out);
	}
	case HN_VARIABLE:
		return eval_variable_node(x, dot, n, NULL, 0, NULL, &v) && validate_type(x, v, t, out);
	case HN_PIPE: return eval_pipeline(x, dot, n, &v) && validate_type(x, v, t, out);
	case HN_IDENT: return eval_function(x, dot, n, n, NULL, 0, NULL, &v) && validate_type(x, v, t, out);
	case HN_CHAIN: return eval_chain_node(x, dot, n, NULL, 0, NULL, &v) && validate_type(x, v, t, out);
	}
	if (t == 'v' || t == 'V') {
		if (!eval_empty_interface(x, dot, n, &v))
			return false;
		if (t == 'v')
			v.flags &= (uint8_t)~HV_F_IFACE;
		*out = v;
		return true;
	}
	return eval_literal(x, t, n, out);
}

static bool eval_pipeline(X *x, hv dot, const hnode *pipe, hv *out)
{
	if (!pipe) {
		*out = hv_invalid();
		return true;
	}
	x->node = pipe;
	hv value = hv_invalid(), prev;
	/* tracking: `.Values.x | default ...` guards the lookups before the guard */
	size_t guard_until = 0;
	for (size_t i = pipe->pipe.ncmds; x->sh->trk && i-- > 1;)
		if (is_guard_call(pipe->pipe.cmds[i])) {
			guard_until = i;
			break;
		}
	for (size_t i = 0; i < pipe->pipe.ncmds; i++) {
		prev = value;
		bool g = i < guard_until;
		x->sh->guard += g;
		bool ok = eval_command(x, dot, pipe->pipe.cmds[i], i ? &prev : NULL, &value);
		x->sh->guard -= g;
		if (!ok)
			return false;
		value = unwrap(value);
	}
	for (size_t i = 0; i < pipe->pipe.ndecl; i++) {
		const hident *id = &pipe->pipe.decl[i]->field.ids[0];
		if (pipe->pipe.is_assign ? !set_var(x, id, value) : !push_var(x, id->s, id->n, value))
			return false;
	}
	*out = value;
	return true;
}

/* ---------------------------------------------------------------- calls */

static bool exec_tree(X *parent, const htset *set, const htree *t, hv data, hbuf *out, herr *err);

/* Helm's include: ExecuteTemplate into a fresh buffer, counting nested uses per name. */
static bool call_include(X *x, hcall *c, const hv *argv, hv *out)
{
	const hstr *name = argv[0].s;
	hmap *inc = x->sh->included;
	hv *cnt = hmap_get(inc, name->data, name->len);
	if (cnt) {
		if ((uint64_t)cnt->i > x->sh->max_names)
			return hcall_errorf(c, "rendering template has a nested reference name: %s: unable to execute template",
			                    name->data);
		cnt->i++;
	} else if (!hmap_set(inc, name->data, name->len, hv_int(1))) {
		return hcall_nomem(c);
	}
	const htree *t = htset_lookup(x->set, name->data, name->len);
	bool ok;
	hbuf buf = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	if (!t) {
		hbuf q = HBUF_INIT, r = HBUF_INIT;
		hstrconv_quote(&q, name->data, name->len, false);
		hstrconv_quote(&r, x->set->name, strlen(x->set->name), false);
		ok = hcall_errorf(c, "template: no template %s associated with template %s", hbuf_cstr(&q), hbuf_cstr(&r));
		hbuf_free(&q);
		hbuf_free(&r);
	} else {
		ok = exec_tree(x, x->set, t, argv[1], &buf, &e);
		if (ok && !hv_string(x->sh->a, buf.data ? buf.data : "", buf.len, out))
			ok = hcall_nomem(c);
		else if (!ok && e.code != HTMPL_ERR_EXEC)
			herr_move(x->err, &e); /* limits and out of memory pass through unwrapped */
		else if (!ok)
			hcall_errorn(c, e.message, strlen(e.message));
	}
	cnt = hmap_get(inc, name->data, name->len);
	if (cnt)
		cnt->i--;
	htmpl_error_clear(&e);
	hbuf_free(&buf);
	return ok;
}

static void strip_no_value(hbuf *b)
{
	static const char nv[] = "<no value>";
	size_t w = 0;
	for (size_t r = 0; r < b->len;) {
		if (b->len - r >= 10 && memcmp(b->data + r, nv, 10) == 0) {
			r += 10;
			continue;
		}
		b->data[w++] = b->data[r++];
	}
	b->len = w;
	if (b->data)
		b->data[w] = 0;
}

/* Helm's tpl: parse TEXT as "gotpl" over the current set, execute, strip "<no value>". */
static bool call_tpl(X *x, hcall *c, const hv *argv, hv *out)
{
	const hstr *text = argv[0].s;
	/* Helm has no bound here and a self-feeding tpl overflows Go's stack after minutes
	 * (pathological tpl-recursion); nesting counts against the include limit instead. */
	if (x->sh->tpls >= x->sh->max_names)
		return hcall_errorf(c, "rendering template has nested tpl calls deeper than %llu: "
		                       "unable to execute template",
		                    (unsigned long long)x->sh->max_names);
	htset *ov = htset_overlay(x->set, x->sh->a);
	if (!ov)
		return hcall_nomem(c);
	x->sh->tpls++;
	herr e = HTMPL_ERROR_INIT;
	hbuf buf = HBUF_INIT, q = HBUF_INIT;
	const htree *t = NULL;
	bool ok = hparse_into(ov, x->set->name, text->data, text->len, &t, &e);
	hstrconv_quote(&q, text->data, text->len, false);
	if (!ok) {
		if (e.code == HTMPL_ERR_PARSE)
			hcall_errorf(c, "cannot parse template %s: %s", hbuf_cstr(&q), e.message);
		else
			herr_move(x->err, &e);
	} else if (!exec_tree(x, ov, t, argv[1], &buf, &e)) {
		ok = false;
		if (e.code == HTMPL_ERR_EXEC)
			hcall_errorf(c, "error during tpl function execution for %s: %s", hbuf_cstr(&q), e.message);
		else
			herr_move(x->err, &e);
	} else {
		strip_no_value(&buf);
		if (!hv_string(x->sh->a, buf.data ? buf.data : "", buf.len, out))
			ok = hcall_nomem(c);
	}
	htmpl_error_clear(&e);
	hbuf_free(&buf);
	hbuf_free(&q);
	free(ov->tab);
	free(ov);
	x->sh->tpls--;
	return ok;
}

/* Go's builtin call: in Helm no value is ever a function. */
static bool call_call(X *x, hcall *c, hnode *const *args, size_t na, const hv *argv, hv *out)
{
	hv fn = hbuiltin_indirect(argv[0]);
	if (fn.type == HT_INVALID)
		return hcall_errorf(c, "call of nil");
	hbuf name = HBUF_INIT;
	if (na > 0)
		hnode_string(args[0], &name);
	else if (fn.type == HT_STRING)
		hbuf_put(&name, fn.s->data, fn.s->len);
	else
		hbuf_printf(&name, "<%s Value>", hv_type_name(&fn));
	hcall_errorf(c, "non-function %s of type %s", hbuf_cstr(&name), hv_type_name(&fn));
	hbuf_free(&name);
	(void)x;
	(void)out;
	return false;
}

static bool and_or(X *x, hv dot, const callee *ce, hnode *const *a, size_t na, const hv *final, hv *out)
{
	bool is_or = ce->builtin == HB_OR;
	hv v = hv_invalid();
	for (size_t i = 0; i < na; i++) {
		if (!eval_arg(x, dot, 'V', a[i], &v))
			return false;
		if (hbuiltin_truth(x->sh->a, &v) == is_or) {
			*out = v;
			return true;
		}
	}
	if (final && !validate_type(x, *final, 'V', &v))
		return false;
	*out = v;
	return true;
}

/* Functions that keep or report a value's own Go type rather than reflecting over its kind
 * (sorted; see pass_views). */
static const char *const keep_objects[] = {
	"deepCopy", "deepEqual", "dict", "kindIs", "kindOf", "list", "mustDeepCopy", "required",
	"set", "ternary", "tuple", "typeIs", "typeIsLike", "typeOf",
};

static int cmp_name(const void *k, const void *e) { return strcmp(k, *(const char *const *)e); }

/* Sprig reflects over kinds: `has "v1" .Capabilities.APIVersions` and `empty (.Files.Glob
 * "x")` see a slice and a map (lang-engine/objects-kind-sprig). A function therefore gets the
 * map or list view of a map- or slice-kinded object, unless it keeps the value itself. */
static bool pass_views(X *x, const callee *ce, hv *argv, size_t argc)
{
	if (ce->has_recv ||
	    bsearch(ce->name, keep_objects, sizeof keep_objects / sizeof *keep_objects,
	            sizeof *keep_objects, cmp_name))
		return true;
	for (size_t i = 0; i < argc; i++)
		if (argv[i].type == HT_OBJECT && !hbuiltin_view(x->sh->a, &argv[i], &argv[i]))
			return false;
	return true;
}

static bool invoke(X *x, const callee *ce, hcall *c, hnode *const *a, size_t na, hv *argv,
                   size_t argc, hv *out)
{
	switch (ce->builtin) {
	case HB_NONE:
		for (size_t i = 0; i < argc; i++)
			argv[i].flags &= (uint8_t)~HV_F_IFACE;
		if (!pass_views(x, ce, argv, argc))
			return hcall_nomem(c);
		if (!ce->fn)
			return hcall_errorf(c, "function %s has no implementation", ce->name);
		if (!ce->fn(c, argc, argv, out))
			return false;
		out->flags &= (uint8_t)~HV_F_IFACE;
		return true;
	case HB_INCLUDE: return call_include(x, c, argv, out);
	case HB_TPL: return call_tpl(x, c, argv, out);
	case HB_CALL: return call_call(x, c, a, na, argv, out);
	default: return hbuiltin_call(c, (hbuiltin)ce->builtin, argc, argv, out);
	}
}

/* validateType for a method parameter of the receiver's own type (signature letter 'r',
 * e.g. *semver.Version of Compare): a nil or missing value is the nil pointer. */
static bool validate_recv_type(X *x, const callee *ce, hv v, hv *out)
{
	const hobj_class *cls = ce->recv.o->cls;
	if (v.type == HT_INVALID) {
		*out = hv_nil();
		return true;
	}
	v.flags &= (uint8_t)~HV_F_IFACE;
	if (v.type == HT_OBJECT && v.o && v.o->cls == cls) {
		*out = v;
		return true;
	}
	return fail(x, "wrong type for value; expected %s; got %s", cls->type_name,
	            v.type == HT_NIL ? "interface {}" : hv_type_name(&v));
}

/* evalArg for a parameter typed by the letter t, including 'r' (see validate_recv_type),
 * for which a literal is Go's "can't handle" error (semver/semver-err-compare-string). */
static bool eval_param(X *x, hv dot, const callee *ce, char t, const hnode *n, hv *out)
{
	if (t != 'r' || !ce->has_recv || ce->recv.type != HT_OBJECT || !ce->recv.o)
		return eval_arg(x, dot, t == 'r' ? 'v' : t, n, out);
	hv v;
	switch (n->type) {
	case HN_NIL: *out = hv_nil(); return true;
	case HN_BOOL:
	case HN_NUMBER:
	case HN_STRING: {
		x->node = n;
		hbuf m = HBUF_INIT;
		hbuf_puts(&m, "can't handle ");
		hnode_string(n, &m);
		hbuf_printf(&m, " for arg of type %s", ce->recv.o->cls->type_name);
		bool r = hbuf_ok(&m) ? fail_msg(x, m.data, m.len) : nomem(x);
		hbuf_free(&m);
		return r;
	}
	default: return eval_arg(x, dot, 'V', n, &v) && validate_recv_type(x, ce, v, out);
	}
}

static bool eval_call_args(X *x, hv dot, const callee *ce, const hnode *node, hnode *const *a,
                           size_t na, const hv *final, size_t num_in, size_t num_fixed, hv *out);

static bool eval_call(X *x, hv dot, const callee *ce, const hnode *node, hnode *const *args,
                      size_t nargs, const hv *final, hv *out)
{
	hnode *const *a = args ? args + 1 : NULL;
	size_t na = args ? nargs - 1 : 0;
	size_t num_in = na + (final ? 1 : 0), num_fixed = na;
	if (ce->variadic) {
		num_fixed = ce->nparams - 1;
		if (num_in < num_fixed)
			return fail(x, "wrong number of args for %s: want at least %zu got %zu", ce->name,
			            ce->nparams - 1, na);
	} else if (num_in != ce->nparams) {
		return fail(x, "wrong number of args for %s: want %zu got %zu", ce->name, ce->nparams, num_in);
	}
	if (ce->bad_results && ce->bad_results[0] >= '0' && ce->bad_results[0] <= '9') /* goodFunc */
		return fail(x, "function %s has %s return values; should be 1 or 2", ce->name, ce->bad_results);
	if (ce->bad_results)
		return fail(x, "invalid function signature for %s: second return value should be error; is %s",
		            ce->name, ce->bad_results);
	bool guard = x->sh->trk && IN(ce->name, track_guards);
	x->sh->guard += guard;
	bool ok = eval_call_args(x, dot, ce, node, a, na, final, num_in, num_fixed, out);
	x->sh->guard -= guard;
	return ok;
}

static bool eval_call_args(X *x, hv dot, const callee *ce, const hnode *node, hnode *const *a,
                           size_t na, const hv *final, size_t num_in, size_t num_fixed, hv *out)
{
	if (ce->builtin == HB_AND || ce->builtin == HB_OR)
		return and_or(x, dot, ce, a, na, final, out);
	size_t off = ce->has_recv ? 1 : 0;
	hv *argv = harena_zalloc(x->sh->a, (num_in + off + 1) * sizeof *argv);
	if (!argv)
		return nomem(x);
	if (ce->has_recv)
		argv[0] = ce->recv;
	size_t i = 0;
	for (; i < num_fixed && i < na; i++)
		if (!eval_param(x, dot, ce, ce->sig[i], a[i], &argv[off + i]))
			return false;
	if (ce->variadic)
		for (; i < na; i++)
			if (!eval_param(x, dot, ce, ce->sig[ce->nparams - 1], a[i], &argv[off + i]))
				return false;
	if (final) {
		char t = ce->sig[ce->nparams - 1];
		if (ce->variadic && num_in - 1 < num_fixed)
			t = ce->sig[num_in - 1];
		bool ok = t == 'r' && ce->has_recv && ce->recv.type == HT_OBJECT
		                  ? validate_recv_type(x, ce, *final, &argv[off + i])
		                  : validate_type(x, *final, t == 'r' ? 'v' : t, &argv[off + i]);
		if (!ok)
			return false;
	}
	if (x->sh->trk)
		track_call(x, ce, argv, num_in + off);
	hbuf msg = HBUF_INIT;
	hcall c = {.arena = x->sh->a, .env = x->sh->env, .exec = x, .fn = ce->f, .msg = &msg,
	           .lint_mode = x->sh->o ? x->sh->o->lint_mode : 0};
	hv res = hv_invalid();
	bool ok = invoke(x, ce, &c, a, na, argv, num_in + off, &res);
	if (!ok && !herr_isset(x->err)) {
		x->node = node;
		if (!hbuf_ok(&msg))
			nomem(x);
		else
			fail(x, "error calling %s: %.*s", ce->name, (int)msg.len, msg.data ? msg.data : "");
	}
	hbuf_free(&msg);
	*out = res;
	return ok;
}

/* ---------------------------------------------------------------- walking */

static bool write_out(X *x, const char *s, size_t n)
{
	hbuf_put(x->out, s, n);
	return true;
}

static bool check_out(X *x)
{
	uint64_t max = x->sh->o ? x->sh->o->max_output : 0;
	if (x->out->deep)
		return fail(x, "%s", HFMT_TOO_DEEP);
	if (x->out->oom && !x->out->over)
		return nomem(x);
	if ((max && x->out->len > max) || x->out->over)
		return herr_set(x->err, HTMPL_ERR_LIMIT, "rendered output exceeds the limit of %llu bytes",
		                (unsigned long long)max);
	return true;
}

/* printableValue for an object: a pointer is printed through (`{{ .Capabilities }}` is
 * `{...}`, not `&{...}`), and a struct whose pointer has String() is printed with it, since
 * the executor's values are addressable (`{{ .Capabilities.KubeVersion }}` is v1.32.0, while
 * `print .Capabilities.KubeVersion` gets a copy: {v1.32.0 1 32}; conf-fmt/objects-verbs). */
static bool print_object(X *x, hv v)
{
	const hobj_class *cls = v.o->cls;
	for (size_t i = 0; cls->kind == HK_STRUCT && i < cls->nmethods; i++) {
		const hobj_method *m = &cls->methods[i];
		if (strcmp(m->name, "String") != 0 || *m->sig)
			continue;
		hbuf msg = HBUF_INIT;
		hcall c = {.arena = x->sh->a, .env = x->sh->env, .exec = x, .msg = &msg};
		hv r = hv_invalid();
		bool ok = m->fn(&c, 1, &v, &r) && r.type == HT_STRING;
		hbuf_free(&msg);
		if (ok) {
			write_out(x, r.s->data, r.s->len);
			return true;
		}
		break;
	}
	if (cls->kind != HK_PTR || !v.o->data) {
		hfmt_value(x->out, &v);
		return true;
	}
	hbuf b = HBUF_INIT;
	hfmt_value(&b, &v);
	if (!hbuf_ok(&b)) {
		bool deep = b.deep;
		hbuf_free(&b);
		return deep ? fail(x, "%s", HFMT_TOO_DEEP) : nomem(x);
	}
	size_t skip = b.len && b.data[0] == '&';
	write_out(x, b.data + skip, b.len - skip);
	hbuf_free(&b);
	return true;
}

static bool print_value(X *x, const hnode *n, hv v)
{
	x->node = n;
	if (v.type == HT_INVALID) {
		write_out(x, "<no value>", 10);
	} else {
		v.flags &= (uint8_t)~HV_F_IFACE;
		if (x->sh->trk) {
			htrack_whole(x->sh->trk, &v);
			if (v.type == HT_FLOAT64)
				track_float(x, &v, NULL, NULL, "print");
		}
		if (v.type == HT_OBJECT && v.o) {
			if (!print_object(x, v))
				return false;
		} else {
			hfmt_value(x->out, &v);
		}
	}
	return check_out(x);
}

static bool walk_if_with(X *x, hv dot, const hnode *n)
{
	size_t mark = x->sh->nvars;
	hv val;
	x->sh->guard++;
	bool ok = eval_pipeline(x, dot, n->branch.pipe, &val);
	x->sh->guard--;
	if (ok) {
		if (hbuiltin_truth(x->sh->a, &val))
			ok = walk(x, n->type == HN_WITH ? val : dot, n->branch.list);
		else if (n->branch.else_list)
			ok = walk(x, dot, n->branch.else_list);
	}
	x->sh->nvars = mark;
	return ok;
}

/* One range iteration: set the variables, walk, pop; false on error. */
static bool range_iter(X *x, const hnode *r, size_t mark, hv index, hv elem)
{
	const hnode *pipe = r->branch.pipe;
	xvar *vars = x->sh->vars;
	size_t nd = pipe->pipe.ndecl;
	if (nd > 0) {
		if (pipe->pipe.is_assign) {
			if (!set_var(x, &pipe->pipe.decl[0]->field.ids[0], nd > 1 ? index : elem))
				return false;
		} else {
			vars[x->sh->nvars - 1].v = elem;
		}
	}
	if (nd > 1) {
		if (pipe->pipe.is_assign) {
			if (!set_var(x, &pipe->pipe.decl[1]->field.ids[0], elem))
				return false;
		} else {
			vars[x->sh->nvars - 2].v = index;
		}
	}
	bool ok = walk(x, elem, r->branch.list);
	x->sh->nvars = mark;
	return ok;
}

static bool elem_of(const hv *list, size_t i, hv *out)
{
	switch (list->type) {
	case HT_LIST: *out = iface(list->l->v[i]); return true;
	case HT_BYTES:
		*out = (hv){.type = HT_UINT8};
		out->u = (unsigned char)list->s->data[i];
		return true;
	default: *out = list->l->v[i]; return true;
	}
}

static bool is_int_type(uint8_t t)
{
	return t == HT_INT || t == HT_INT64 || t == HT_INT32 || t == HT_UINT8 || t == HT_UINT32 ||
	       t == HT_UINT64;
}

/* Go 1.22+ (helm 4): range over an integer N runs N times with dot 0..N-1 of N's type, one
 * variable at most (lang/err-range-int, conf-lang/err-range-over-int64). Go has no bound;
 * ours is the list item limit, so an empty body cannot spin for 2^63 rounds. */
static bool range_int(X *x, const hnode *r, size_t mark, hv val, bool *ran)
{
	if (r->branch.pipe->pipe.ndecl > 1) {
		hbuf m = HBUF_INIT;
		hbuf_puts(&m, "can't use ");
		hfmt_value(&m, &val);
		hbuf_puts(&m, " to iterate over more than one variable");
		bool ok = hbuf_ok(&m) ? fail_msg(x, m.data, m.len) : nomem(x);
		hbuf_free(&m);
		return ok;
	}
	bool is_unsigned = val.type == HT_UINT8 || val.type == HT_UINT32 || val.type == HT_UINT64;
	uint64_t n = is_unsigned ? val.u : val.i > 0 ? (uint64_t)val.i : 0;
	uint64_t max = x->set->env->limits[HTMPL_LIMIT_LIST_ITEMS];
	if (n > max)
		return herr_set(x->err, HTMPL_ERR_LIMIT, "range over %llu exceeds the limit of %llu "
		                "iterations", (unsigned long long)n, (unsigned long long)max);
	bool ok = true;
	for (uint64_t i = 0; ok && i < n; i++) {
		hv e = {.type = val.type};
		if (is_unsigned)
			e.u = i;
		else
			e.i = (int64_t)i;
		*ran = true;
		ok = range_iter(x, r, mark, hv_invalid(), e);
		if (x->ctl == CTL_BREAK) {
			x->ctl = CTL_NONE;
			break;
		}
		x->ctl = CTL_NONE;
	}
	return ok;
}

static bool walk_range(X *x, hv dot, const hnode *r)
{
	x->node = r;
	size_t mark0 = x->sh->nvars;
	hv val;
	bool ok = eval_pipeline(x, dot, r->branch.pipe, &val);
	size_t mark = x->sh->nvars;
	bool ran = false;
	if (ok && val.type == HT_OBJECT && !hbuiltin_view(x->sh->a, &val, &val))
		ok = nomem(x);
	if (ok && x->sh->trk)
		htrack_whole(x->sh->trk, &val);
	if (!ok) {
	} else if (hv_is_list(&val) || val.type == HT_BYTES) {
		size_t n = val.type == HT_BYTES ? val.s->len : val.l ? val.l->len : 0;
		for (size_t i = 0; ok && i < n; i++) {
			size_t len = val.type == HT_BYTES ? val.s->len : val.l->len;
			if (i >= len)
				break; /* the body shrank the list */
			hv e;
			elem_of(&val, i, &e);
			ran = true;
			ok = range_iter(x, r, mark, hv_int((int64_t)i), e);
			if (x->ctl == CTL_BREAK) {
				x->ctl = CTL_NONE;
				break;
			}
			x->ctl = CTL_NONE;
		}
	} else if (hv_is_map(&val)) {
		size_t n = hmap_len(val.m);
		hmap_entry *copy = n ? harena_alloc(x->sh->a, n * sizeof *copy) : NULL;
		hmap_entry **sorted = n ? hmap_sorted(val.m) : NULL;
		if (n && (!copy || !sorted))
			ok = nomem(x);
		for (size_t i = 0; ok && i < n; i++)
			copy[i] = *sorted[i]; /* fmtsort copies: the body may change the map */
		for (size_t i = 0; ok && i < n; i++) {
			hv e = val.type == HT_STRMAP ? copy[i].val : iface(copy[i].val);
			ran = true;
			ok = range_iter(x, r, mark, hv_of_str(copy[i].key), e);
			if (x->ctl == CTL_BREAK) {
				x->ctl = CTL_NONE;
				break;
			}
			x->ctl = CTL_NONE;
		}
	} else if (is_int_type(val.type) && htmpl_env_get_helm_version(x->set->env) == 4) {
		ok = range_int(x, r, mark, val, &ran);
	} else if (val.type != HT_INVALID) {
		hbuf m = HBUF_INIT;
		hbuf_puts(&m, "range can't iterate over ");
		hfmt_value(&m, &val);
		ok = hbuf_ok(&m) ? fail_msg(x, m.data, m.len) : nomem(x);
		hbuf_free(&m);
	}
	if (ok && !ran && r->branch.else_list)
		ok = walk(x, dot, r->branch.else_list);
	x->sh->nvars = mark0;
	return ok;
}

/* Go bounds only nested {{template}} calls (maxExecDepth) and Helm only nested includes of
 * one name, so the total is bounded by Go's number and, before it, by the C stack. */
static bool enter(X *x)
{
	if (x->sh->depth >= max_exec_depth || stack_low(x, 0))
		return fail(x, "exceeded maximum template depth (%llu)", (unsigned long long)max_exec_depth);
	x->sh->depth++;
	return true;
}

static bool walk_template(X *x, hv dot, const hnode *t)
{
	x->node = t;
	const htree *tree = htset_lookup(x->set, t->tmpl.name, t->tmpl.n);
	if (!tree) {
		hbuf q = HBUF_INIT;
		hstrconv_quote(&q, t->tmpl.name, t->tmpl.n, false);
		bool r = fail(x, "template %s not defined", hbuf_cstr(&q));
		hbuf_free(&q);
		return r;
	}
	/* Go stops at 100000 nested calls; the C stack may end sooner, and then reports Go's
	 * message too, since only runaway recursion gets this deep. */
	if (x->tdepth == max_exec_depth || stack_low(x, 0))
		return fail(x, "exceeded maximum template depth (%llu)", (unsigned long long)max_exec_depth);
	hv d;
	if (!eval_pipeline(x, dot, t->tmpl.pipe, &d))
		return false;
	if (!enter(x))
		return false;
	X nx = *x;
	nx.tdepth++;
	nx.tmpl = tree;
	nx.var_base = x->sh->nvars;
	nx.ctl = CTL_NONE;
	bool ok = push_var(&nx, "$", 1, d) && walk(&nx, d, tree->root);
	x->sh->nvars = nx.var_base;
	x->sh->depth--;
	return ok;
}

static bool walk(X *x, hv dot, const hnode *n)
{
	x->node = n;
	if (stack_low(x, 32 * 1024))
		return herr_set(x->err, HTMPL_ERR_LIMIT, "template nesting exceeds the available stack");
	switch (n->type) {
	case HN_ACTION: {
		hv v;
		if (!eval_pipeline(x, dot, n->action, &v))
			return false;
		return n->action->pipe.ndecl ? true : print_value(x, n, v);
	}
	case HN_BREAK: x->ctl = CTL_BREAK; return true;
	case HN_CONTINUE: x->ctl = CTL_CONTINUE; return true;
	case HN_COMMENT: return true;
	case HN_IF:
	case HN_WITH: return walk_if_with(x, dot, n);
	case HN_LIST:
		for (size_t i = 0; i < n->list.n; i++) {
			if (!walk(x, dot, n->list.v[i]))
				return false;
			if (x->ctl)
				return true;
		}
		return true;
	case HN_RANGE: return walk_range(x, dot, n);
	case HN_TEMPLATE: return walk_template(x, dot, n);
	case HN_TEXT:
		write_out(x, n->text.s, n->text.n);
		return check_out(x);
	default: return fail_node(x, "unknown node: ", n, "");
	}
}

/* ---------------------------------------------------------------- entry points */

/* Go's Template.execute for a nested execution (include, tpl), sharing the render state. */
static bool exec_tree(X *parent, const htset *set, const htree *t, hv data, hbuf *out, herr *err)
{
	X x = {.sh = parent->sh, .set = set, .tmpl = t, .out = out, .err = err};
	x.var_base = x.sh->nvars;
	x.node = NULL;
	if (!enter(&x))
		return false;
	data = hbuiltin_indirect(data);
	bool ok = push_var(&x, "$", 1, data) && walk(&x, data, t->root);
	x.sh->nvars = x.var_base;
	x.sh->depth--;
	return ok;
}

bool hexec_execute(const htset *s, const char *name, const hv *data, const hexec_opts *o,
                   hbuf *out, herr *err)
{
	const htree *t = htset_lookup(s, name, strlen(name));
	if (!t) {
		hbuf q = HBUF_INIT, r = HBUF_INIT;
		hstrconv_quote(&q, name, strlen(name), false);
		hstrconv_quote(&r, s->name, strlen(s->name), false);
		herr_set(err, HTMPL_ERR_EXEC, "template: no template %s associated with template %s",
		         hbuf_cstr(&q), hbuf_cstr(&r));
		hbuf_free(&q);
		hbuf_free(&r);
		return false;
	}
	harena *own = NULL;
	xshared sh = {.o = o, .a = o ? o->arena : NULL, .env = o && o->env ? o->env : s->env,
	             .trk = o ? o->track : NULL};
	if (!sh.a && !(sh.a = own = harena_new()))
		return herr_nomem(err);
	/* The include-depth limit is Helm's per-name count, 1000 by default as in Helm. */
	sh.max_names = o && o->max_depth ? o->max_depth : recursion_max;
	sh.stack_limit = hstack_limit();
	bool ok = (sh.included = hmap_new(sh.a, 8)) != NULL || herr_nomem(err);
	if (ok) {
		X root = {.sh = &sh, .set = s, .tmpl = t, .out = out, .err = err};
		ok = exec_tree(&root, s, t, data ? *data : hv_invalid(), out, err);
	}
	free(sh.vars);
	harena_free(own);
	return ok;
}
