/* builtins.c - Go's text/template builtin functions (text/template/funcs.go, Go 1.23):
 * and, or, not, len, index, print, printf, println, html, js, urlquery, call, eq, ne, lt,
 * le, gt, ge, plus the registration of Helm's include and tpl (run by exec.c).
 *
 * These take raw reflect.Values in Go, so they see the difference between a nil interface
 * and no value at all (`len .x` vs `.x | len`); exec.h describes how that is kept. Go's
 * `slice` is not registered: Sprig's replaces it in Helm. Comparison errors use Go 1.23's
 * texts under helm 3.17 (no type suffix on "incompatible types for comparison") and Go
 * 1.25's under helm 4 (`...: float64 and int`). */
#include "template/builtins.h"
#include "value/fmt.h"
#include "template/lex.h"

#include <string.h>

bool hbuiltin_view(harena *a, const hv *v, hv *out)
{
	*out = *v;
	if (v->type != HT_OBJECT || !v->o || !v->o->cls->marshal)
		return true;
	hv_kind k = v->o->cls->kind;
	if (k != HK_MAP && k != HK_SLICE)
		return true;
	hv view;
	if (!v->o->cls->marshal(v->o, a, &view))
		return false;
	if (hv_is_map(&view) || hv_is_list(&view))
		*out = view;
	return true;
}

bool hbuiltin_truth(harena *a, const hv *v)
{
	hv c = hbuiltin_indirect(*v);
	if (c.type == HT_OBJECT && !hbuiltin_view(a, &c, &c))
		return false;
	return hv_truth(&c);
}

static const char *type_name(const hv *v) { return hv_type_name(v); }

/* ---------------------------------------------------------------- printing */

void hbuiltin_eval_args(hbuf *b, size_t argc, const hv *argv)
{
	if (argc == 1 && argv[0].type == HT_STRING) {
		hbuf_put(b, argv[0].s->data, argv[0].s->len);
		return;
	}
	/* printableValue: a nil argument prints as "<no value>" (a string operand for Sprint). */
	static const struct { size_t len; char data[11]; } no_value = {10, "<no value>"};
	for (size_t i = 0; i < argc; i++) {
		hv v = argv[i];
		v.flags &= (uint8_t)~HV_F_IFACE;
		if (hv_is_nil(&v))
			v = hv_of_str((hstr *)&no_value);
		hfmt_sprint(b, 1, &v);
		/* Sprint adds a space between operands when neither is a string */
		if (i + 1 < argc && v.type != HT_STRING && argv[i + 1].type != HT_STRING && !hv_is_nil(&argv[i + 1]))
			hbuf_putc(b, ' ');
	}
}

static void html_escape(hbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case 0: hbuf_puts(b, "\xEF\xBF\xBD"); break;
		case '"': hbuf_puts(b, "&#34;"); break;
		case '\'': hbuf_puts(b, "&#39;"); break;
		case '&': hbuf_puts(b, "&amp;"); break;
		case '<': hbuf_puts(b, "&lt;"); break;
		case '>': hbuf_puts(b, "&gt;"); break;
		default: hbuf_putc(b, s[i]);
		}
	}
}

static void js_escape(hbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			int32_t r;
			size_t w = hlex_decode(s + i, n - i, &r);
			if (hlex_is_print(r))
				hbuf_put(b, s + i, w);
			else
				hbuf_printf(b, "\\u%04X", (unsigned)r);
			i += w - 1;
			continue;
		}
		switch (c) {
		case '\\': hbuf_puts(b, "\\\\"); break;
		case '\'': hbuf_puts(b, "\\'"); break;
		case '"': hbuf_puts(b, "\\\""); break;
		case '<': hbuf_puts(b, "\\u003C"); break;
		case '>': hbuf_puts(b, "\\u003E"); break;
		case '&': hbuf_puts(b, "\\u0026"); break;
		case '=': hbuf_puts(b, "\\u003D"); break;
		default:
			if (c < ' ') {
				hbuf_puts(b, "\\u00");
				hbuf_putc(b, hex[c >> 4]);
				hbuf_putc(b, hex[c & 15]);
			} else {
				hbuf_putc(b, (char)c);
			}
		}
	}
}

static void query_escape(hbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '~') {
			hbuf_putc(b, (char)c);
		} else if (c == ' ') {
			hbuf_putc(b, '+');
		} else {
			hbuf_putc(b, '%');
			hbuf_putc(b, hex[c >> 4]);
			hbuf_putc(b, hex[c & 15]);
		}
	}
}

static bool string_result(hcall *c, hbuf *b, hv *out)
{
	if (!hbuf_ok(b)) {
		bool deep = b->deep;
		hbuf_free(b);
		return deep ? hcall_errorf(c, "%s", HFMT_TOO_DEEP) : hcall_nomem(c);
	}
	bool ok = hv_string(c->arena, b->data ? b->data : "", b->len, out);
	hbuf_free(b);
	return ok || hcall_nomem(c);
}

static bool fn_format(hcall *c, hbuiltin id, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT, s = HBUF_INIT;
	hv *tmp = harena_alloc(c->arena, (argc + 1) * sizeof *tmp);
	if (!tmp)
		return hcall_nomem(c);
	for (size_t i = 0; i < argc; i++) {
		tmp[i] = argv[i];
		tmp[i].flags &= (uint8_t)~HV_F_IFACE;
	}
	switch (id) {
	case HB_PRINT: hfmt_sprint(&b, argc, tmp); break;
	case HB_PRINTLN: hfmt_sprintln(&b, argc, tmp); break;
	case HB_PRINTF: hfmt_sprintf(&b, tmp[0].s->data, tmp[0].s->len, argc - 1, tmp + 1); break;
	case HB_HTML:
		hbuiltin_eval_args(&s, argc, tmp);
		html_escape(&b, s.data ? s.data : "", s.len);
		break;
	case HB_JS:
		hbuiltin_eval_args(&s, argc, tmp);
		js_escape(&b, s.data ? s.data : "", s.len);
		break;
	default:
		hbuiltin_eval_args(&s, argc, tmp);
		query_escape(&b, s.data ? s.data : "", s.len);
		break;
	}
	hbuf_free(&s);
	return string_result(c, &b, out);
}

/* ---------------------------------------------------------------- len, index */

static bool fn_len(hcall *c, const hv *arg, hv *out)
{
	if (arg->type == HT_NIL)
		return hcall_errorf(c, "len of nil pointer");
	hv v = hbuiltin_indirect(*arg);
	if (!hbuiltin_view(c->arena, &v, &v))
		return hcall_nomem(c);
	switch (v.type) {
	case HT_INVALID: return hcall_errorf(c, "reflect: call of reflect.Value.Type on zero Value");
	case HT_STRING:
	case HT_BYTES: *out = hv_int((int64_t)v.s->len); return true;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST: *out = hv_int(v.l ? (int64_t)v.l->len : 0); return true;
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: *out = hv_int((int64_t)hmap_len(v.m)); return true;
	case HT_OBJECT:
		if (v.o && v.o->cls->kind == HK_PTR && !v.o->data)
			return hcall_errorf(c, "len of nil pointer");
		/* fallthrough */
	default: return hcall_errorf(c, "len of type %s", type_name(&v));
	}
}

static bool index_arg(hcall *c, hv idx, size_t cap, int64_t *x)
{
	idx = hbuiltin_indirect(idx);
	if (hv_is_int(&idx))
		*x = idx.i;
	else if (hv_is_uint(&idx))
		*x = (int64_t)idx.u;
	else if (idx.type == HT_INVALID)
		return hcall_errorf(c, "cannot index slice/array with nil");
	else
		return hcall_errorf(c, "cannot index slice/array with type %s", type_name(&idx));
	if (*x < 0 || (uint64_t)*x > cap)
		return hcall_errorf(c, "index out of range: %lld", (long long)*x);
	return true;
}

static bool index_one(hcall *c, hv *item, hv idx)
{
	int64_t x;
	switch (item->type) {
	case HT_STRING:
	case HT_BYTES:
		if (!index_arg(c, idx, item->s->len, &x))
			return false;
		if ((size_t)x == item->s->len)
			return hcall_errorf(c, item->type == HT_STRING ? "reflect: string index out of range"
			                                               : "reflect: slice index out of range");
		{
			unsigned char byte = (unsigned char)item->s->data[x];
			*item = (hv){.type = HT_UINT8};
			item->u = byte;
		}
		return true;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST: {
		size_t len = item->l ? item->l->len : 0;
		if (!index_arg(c, idx, len, &x))
			return false;
		if ((size_t)x == len)
			return hcall_errorf(c, "reflect: slice index out of range");
		hv e = item->l->v[x];
		if (item->type == HT_LIST) {
			if (e.type == HT_INVALID)
				e.type = HT_NIL;
			e.flags |= HV_F_IFACE;
		}
		*item = e;
		return true;
	}
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: {
		idx = hbuiltin_indirect(idx);
		if (idx.type == HT_INVALID)
			return hcall_errorf(c, "value is nil; should be of type string");
		if (idx.type != HT_STRING)
			return hcall_errorf(c, "value has type %s; should be string", type_name(&idx));
		hv *e = item->m ? hmap_get(item->m, idx.s->data, idx.s->len) : NULL;
		if (item->type == HT_STRMAP) {
			*item = e ? *e : hv_of_str(hstr_empty());
		} else {
			hv r = e ? *e : hv_nil();
			if (r.type == HT_INVALID)
				r.type = HT_NIL;
			r.flags |= HV_F_IFACE;
			*item = r;
		}
		return true;
	}
	default: return hcall_errorf(c, "can't index item of type %s", type_name(item));
	}
}

static bool fn_index(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hv item = hbuiltin_indirect(argv[0]);
	if (item.type == HT_INVALID)
		return hcall_errorf(c, "index of untyped nil");
	for (size_t i = 1; i < argc; i++) {
		if (item.type == HT_NIL)
			return hcall_errorf(c, "index of nil pointer");
		item.flags &= (uint8_t)~HV_F_IFACE;
		if (item.type == HT_OBJECT && item.o && item.o->cls->kind == HK_PTR && !item.o->data)
			return hcall_errorf(c, "index of nil pointer");
		if (!hbuiltin_view(c->arena, &item, &item))
			return hcall_nomem(c);
		if (!index_one(c, &item, argv[i]))
			return false;
	}
	*out = item;
	return true;
}

/* ---------------------------------------------------------------- comparison */

enum kind { K_INVALID, K_BOOL, K_COMPLEX, K_INT, K_FLOAT, K_STRING, K_UINT };

static enum kind basic_kind(const hv *v)
{
	switch (v->type) {
	case HT_BOOL: return K_BOOL;
	case HT_INT:
	case HT_INT64:
	case HT_INT32: return K_INT;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64: return K_UINT;
	case HT_FLOAT64: return K_FLOAT;
	case HT_COMPLEX: return K_COMPLEX;
	case HT_STRING: return K_STRING;
	default: return K_INVALID;
	}
}

static bool is_nil_value(const hv *v)
{
	switch (v->type) {
	case HT_INVALID:
	case HT_NIL: return true;
	case HT_LIST:
	case HT_STRLIST:
	case HT_INTLIST: case HT_LISTLIST: return hv_is_nil_slice(v);
	case HT_MAP:
	case HT_STRMAP:
	case HT_VALUES: return v->m == NULL;
	case HT_OBJECT: return !v->o || (v->o->cls->kind == HK_PTR && !v->o->data);
	default: return false;
	}
}

static int str_cmp(const hv *a, const hv *b)
{
	size_t n = a->s->len < b->s->len ? a->s->len : b->s->len;
	int r = memcmp(a->s->data, b->s->data, n);
	if (r)
		return r;
	return a->s->len < b->s->len ? -1 : a->s->len > b->s->len;
}

static bool non_comparable(hcall *c, const char *fmt, size_t n, const hv *args)
{
	hbuf b = HBUF_INIT;
	hfmt_sprintf(&b, fmt, strlen(fmt), n, args);
	bool r = hcall_errorn(c, b.data ? b.data : "", b.len);
	hbuf_free(&b);
	return r;
}

static bool type_str(hcall *c, const hv *v, hv *out)
{
	return hv_string(c->arena, type_name(v), strlen(type_name(v)), out) || hcall_nomem(c);
}

/* The non-basic branch of eq: maps, slices, objects and nils. */
static bool eq_other(hcall *c, const hv *a1, const hv *a, bool *truth)
{
	hv_kind k1 = hv_kind_of(a1), k2 = hv_kind_of(a);
	if (k1 != k2 && k1 != HK_INVALID && k2 != HK_INVALID) {
		hv args[4] = {*a1, {0}, {0}, *a};
		if (!type_str(c, a1, &args[1]) || !type_str(c, a, &args[2]))
			return false;
		return non_comparable(c, "non-comparable types %s: %v, %s: %v", 4, args);
	}
	if (is_nil_value(a1) || is_nil_value(a)) {
		*truth = is_nil_value(a) == is_nil_value(a1);
		return true;
	}
	if (k2 == HK_MAP || k2 == HK_SLICE || k2 == HK_FUNC) {
		hv args[2] = {*a, {0}};
		if (!type_str(c, a, &args[1]))
			return false;
		return non_comparable(c, "non-comparable type %s: %v", 2, args);
	}
	*truth = hv_deep_equal(a1, a);
	return true;
}

/* errBadComparison; Go 1.24 (helm 4) names both types (lang/err-eq-float-int). */
static bool bad_comparison(hcall *c, const hv *a, const hv *b)
{
	if (htmpl_env_get_helm_version(c->env) == 4)
		return hcall_errorf(c, "incompatible types for comparison: %s and %s", hv_type_name(a),
		                    hv_type_name(b));
	return hcall_errorf(c, "incompatible types for comparison");
}

static bool fn_eq(hcall *c, size_t argc, const hv *argv, bool *res)
{
	hv a1 = hbuiltin_indirect(argv[0]);
	if (argc < 2)
		return hcall_errorf(c, "missing argument for comparison");
	enum kind k1 = basic_kind(&a1);
	for (size_t i = 1; i < argc; i++) {
		hv a = hbuiltin_indirect(argv[i]);
		enum kind k2 = basic_kind(&a);
		bool truth = false;
		if (k1 != k2) {
			if (k1 == K_INT && k2 == K_UINT)
				truth = a1.i >= 0 && (uint64_t)a1.i == a.u;
			else if (k1 == K_UINT && k2 == K_INT)
				truth = a.i >= 0 && a1.u == (uint64_t)a.i;
			else if (a1.type != HT_INVALID && a.type != HT_INVALID)
				return bad_comparison(c, &a1, &a);
		} else {
			switch (k1) {
			case K_BOOL: truth = a1.b == a.b; break;
			case K_COMPLEX: truth = a1.c[0] == a.c[0] && a1.c[1] == a.c[1]; break;
			case K_FLOAT: truth = a1.f == a.f; break;
			case K_INT: truth = a1.i == a.i; break;
			case K_STRING: truth = str_cmp(&a1, &a) == 0; break;
			case K_UINT: truth = a1.u == a.u; break;
			default:
				if (!eq_other(c, &a1, &a, &truth))
					return false;
			}
		}
		if (truth) {
			*res = true;
			return true;
		}
	}
	*res = false;
	return true;
}

static bool fn_lt(hcall *c, const hv *x1, const hv *x2, bool *res)
{
	hv a1 = hbuiltin_indirect(*x1), a2 = hbuiltin_indirect(*x2);
	enum kind k1 = basic_kind(&a1), k2 = basic_kind(&a2);
	if (k1 == K_INVALID || k2 == K_INVALID)
		return hcall_errorf(c, "invalid type for comparison");
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			*res = a1.i < 0 || (uint64_t)a1.i < a2.u;
		else if (k1 == K_UINT && k2 == K_INT)
			*res = a2.i >= 0 && a1.u < (uint64_t)a2.i;
		else
			return bad_comparison(c, &a1, &a2);
		return true;
	}
	switch (k1) {
	case K_FLOAT: *res = a1.f < a2.f; return true;
	case K_INT: *res = a1.i < a2.i; return true;
	case K_STRING: *res = str_cmp(&a1, &a2) < 0; return true;
	case K_UINT: *res = a1.u < a2.u; return true;
	default: return hcall_errorf(c, "invalid type for comparison");
	}
}

static bool fn_compare(hcall *c, hbuiltin id, size_t argc, const hv *argv, hv *out)
{
	bool r = false;
	switch (id) {
	case HB_EQ:
		if (!fn_eq(c, argc, argv, &r))
			return false;
		break;
	case HB_NE:
		if (!fn_eq(c, argc, argv, &r))
			return false;
		r = !r;
		break;
	case HB_LT:
		if (!fn_lt(c, &argv[0], &argv[1], &r))
			return false;
		break;
	case HB_LE:
	case HB_GT:
		if (!fn_lt(c, &argv[0], &argv[1], &r))
			return false;
		if (!r && !fn_eq(c, 2, argv, &r))
			return false;
		if (id == HB_GT)
			r = !r;
		break;
	default: /* HB_GE */
		if (!fn_lt(c, &argv[0], &argv[1], &r))
			return false;
		r = !r;
		break;
	}
	*out = hv_bool(r);
	return true;
}

bool hbuiltin_call(hcall *c, hbuiltin id, size_t argc, const hv *argv, hv *out)
{
	switch (id) {
	case HB_NOT: *out = hv_bool(!hbuiltin_truth(c->arena, &argv[0])); return true;
	case HB_LEN: return fn_len(c, &argv[0], out);
	case HB_INDEX: return fn_index(c, argc, argv, out);
	case HB_PRINT:
	case HB_PRINTF:
	case HB_PRINTLN:
	case HB_HTML:
	case HB_JS:
	case HB_URLQUERY: return fn_format(c, id, argc, argv, out);
	case HB_EQ:
	case HB_NE:
	case HB_LT:
	case HB_LE:
	case HB_GT:
	case HB_GE: return fn_compare(c, id, argc, argv, out);
	default: return hcall_errorf(c, "builtin %d is run by the executor", (int)id);
	}
}

static const struct {
	const char *name;
	hbuiltin id;
	const char *sig;
} builtins[] = {
	{"and", HB_AND, "VV*"},     {"or", HB_OR, "VV*"},         {"not", HB_NOT, "V"},
	{"len", HB_LEN, "V"},       {"index", HB_INDEX, "VV*"},   {"print", HB_PRINT, "v*"},
	{"printf", HB_PRINTF, "sv*"}, {"println", HB_PRINTLN, "v*"}, {"html", HB_HTML, "v*"},
	{"js", HB_JS, "v*"},        {"urlquery", HB_URLQUERY, "v*"}, {"call", HB_CALL, "VV*"},
	{"eq", HB_EQ, "VV*"},       {"ne", HB_NE, "VV"},          {"lt", HB_LT, "VV"},
	{"le", HB_LE, "VV"},        {"gt", HB_GT, "VV"},          {"ge", HB_GE, "VV"},
	{"include", HB_INCLUDE, "sv"}, {"tpl", HB_TPL, "sv"},
};

bool hbuiltins_register(henv *env)
{
	for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++)
		if (!henv_add_builtin(env, builtins[i].name, builtins[i].id, builtins[i].sig))
			return false;
	return true;
}
