/* fn_semver.c - Sprig's semver.go: `semver` and `semverCompare`, over semver.c
 * (Masterminds/semver v3.3.0).
 *
 * `semver` returns a *semver.Version, an object whose methods templates call: .Major .Minor
 * .Patch (uint64), .Prerelease .Metadata .Original .String, .Compare/.Equal/.LessThan… with
 * another *Version, and .IncMajor/.IncMinor/.IncPatch/.SetPrerelease/.SetMetadata, which
 * return a semver.Version *value* (a struct: only value-receiver methods, so `.Original` on
 * it fails as in Go). Both print through String() and marshal to JSON as that string. */
#include "sprig/sprig.h"
#include "value/fmt.h"
#include "value/env.h"
#include "core/semver.h"

#include <string.h>

static const hobj_class version_ptr_class;
static const hobj_class version_val_class;

static bool is_version(const hv *v)
{
	return v->type == HT_OBJECT && v->o &&
	       (v->o->cls == &version_ptr_class || v->o->cls == &version_val_class);
}

static const hsemver *ver_of(const hv *v) { return (const hsemver *)v->o->data; }

static bool make_version(hcall *c, const hsemver *src, const hobj_class *cls, hv *out)
{
	hsemver *v = harena_alloc(c->arena, sizeof *v);
	hobj *o = harena_alloc(c->arena, sizeof *o);
	if (!v || !o)
		return hcall_nomem(c);
	*v = *src;
	o->cls = cls;
	o->data = v;
	*out = hv_of_obj(o);
	return true;
}

static void format_version(const hobj *o, hbuf *b) { hsemver_format(b, o->data); }

static bool marshal_version(const hobj *o, harena *a, hv *out)
{
	hbuf b = HBUF_INIT;
	hsemver_format(&b, o->data);
	bool ok = hbuf_ok(&b) && hv_string(a, b.len ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok;
}

/* ------------------------------------------------------------------ methods */

static bool m_major(hcall *c, size_t argc, const hv *argv, hv *out)
{
	out->type = HT_UINT64;
	out->u = ver_of(&argv[0])->major;
	return true;
}

static bool m_minor(hcall *c, size_t argc, const hv *argv, hv *out)
{
	out->type = HT_UINT64;
	out->u = ver_of(&argv[0])->minor;
	return true;
}

static bool m_patch(hcall *c, size_t argc, const hv *argv, hv *out)
{
	out->type = HT_UINT64;
	out->u = ver_of(&argv[0])->patch;
	return true;
}

static bool m_prerelease(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hsemver *v = ver_of(&argv[0]);
	return htmpl_call_string(c, v->pre, v->pre_len, out);
}

static bool m_metadata(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hsemver *v = ver_of(&argv[0]);
	return htmpl_call_string(c, v->meta, v->meta_len, out);
}

static bool m_original(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hsemver *v = ver_of(&argv[0]);
	return htmpl_call_string(c, v->orig, v->orig_len, out);
}

static bool m_string(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	hsemver_format(&b, ver_of(&argv[0]));
	bool ok = hbuf_ok(&b) ? htmpl_call_string(c, b.len ? b.data : "", b.len, out) : hcall_nomem(c);
	hbuf_free(&b);
	return ok;
}

/* The *Version argument of Compare and friends. */
static bool other_version(hcall *c, const hv *arg, const hsemver **o)
{
	if (is_version(arg) && arg->o->cls == &version_ptr_class) {
		*o = ver_of(arg);
		return true;
	}
	if (hv_is_nil(arg)) {
		*o = NULL;
		return true;
	}
	return hcall_errorf(c, "wrong type for value; expected *semver.Version; got %s",
	                    hv_type_name(arg));
}

static const char nil_deref[] = "runtime error: invalid memory address or nil pointer dereference";

static bool m_compare(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hsemver *o;
	if (!other_version(c, &argv[1], &o))
		return false;
	if (!o)
		return hcall_errorf(c, "%s", nil_deref);
	*out = hv_int(hsemver_compare(ver_of(&argv[0]), o));
	return true;
}

/* Equal, LessThan, LessThanEqual, GreaterThan, GreaterThanEqual share one body. */
static bool compare_to(hcall *c, const hv *argv, hv *out, int want_lo, int want_hi)
{
	const hsemver *o;
	if (!other_version(c, &argv[1], &o))
		return false;
	if (!o)
		return want_lo == 0 && want_hi == 0 ? (*out = hv_bool(false), true)
		                                    : hcall_errorf(c, "%s", nil_deref);
	int d = hsemver_compare(ver_of(&argv[0]), o);
	*out = hv_bool(d >= want_lo && d <= want_hi);
	return true;
}

static bool m_equal(hcall *c, size_t n, const hv *a, hv *o) { return compare_to(c, a, o, 0, 0); }
static bool m_lt(hcall *c, size_t n, const hv *a, hv *o) { return compare_to(c, a, o, -1, -1); }
static bool m_le(hcall *c, size_t n, const hv *a, hv *o) { return compare_to(c, a, o, -1, 0); }
static bool m_gt(hcall *c, size_t n, const hv *a, hv *o) { return compare_to(c, a, o, 1, 1); }
static bool m_ge(hcall *c, size_t n, const hv *a, hv *o) { return compare_to(c, a, o, 0, 1); }

/* The Inc and Set methods recompute Original as the old `v` prefix plus String(). */
static bool finish_next(hcall *c, const hsemver *old, hsemver *next, hv *out)
{
	hbuf b = HBUF_INIT;
	if (old->orig_len && old->orig[0] == 'v')
		hbuf_putc(&b, 'v');
	hsemver_format(&b, next);
	char *s = hbuf_ok(&b) ? harena_strndup(c->arena, b.len ? b.data : "", b.len) : NULL;
	next->orig = s;
	next->orig_len = b.len;
	hbuf_free(&b);
	if (!s)
		return hcall_nomem(c);
	return make_version(c, next, &version_val_class, out);
}

static bool inc(hcall *c, const hv *argv, hv *out, int which)
{
	const hsemver *v = ver_of(&argv[0]);
	hsemver n = *v;
	bool had_pre = v->pre_len != 0;
	n.pre = n.meta = "";
	n.pre_len = n.meta_len = 0;
	if (which == 0) {
		n.major++;
		n.minor = n.patch = 0;
	} else if (which == 1) {
		n.minor++;
		n.patch = 0;
	} else if (!had_pre) {
		n.patch++; /* a prerelease of x.y.z increments to x.y.z itself */
	}
	return finish_next(c, v, &n, out);
}

static bool m_incmajor(hcall *c, size_t n, const hv *a, hv *o) { return inc(c, a, o, 0); }
static bool m_incminor(hcall *c, size_t n, const hv *a, hv *o) { return inc(c, a, o, 1); }
static bool m_incpatch(hcall *c, size_t n, const hv *a, hv *o) { return inc(c, a, o, 2); }

static bool v34(const hcall *c) { return htmpl_env_get_helm_version(c->env) == 4; }

/* Reports one of core/semver.c's texts, in v3.4.0's wording under helm 4. */
static bool semver_error(hcall *c, const char *msg, size_t n)
{
	char *m = harena_strndup(c->arena, msg, n);
	if (!m)
		return hcall_nomem(c);
	if (v34(c))
		hsemver_v34_text(m, n);
	return hcall_errorn(c, m, n);
}

/* v3.4.0's validatePrerelease / validateMetadata: identifier by identifier, and an empty one
 * is invalid (semver/semver-set: `SetMetadata "a..b"`). */
static const char *validate_v34(const char *s, size_t n, bool pre)
{
	for (size_t i = 0; i <= n;) {
		const char *dot = memchr(s + i, '.', n - i);
		size_t e = dot ? (size_t)(dot - s) : n;
		const char *bad = e == i ? (pre ? "Invalid Prerelease string" : "Invalid Metadata string")
		                         : hsemver_validate(s + i, e - i, pre);
		if (bad)
			return bad;
		i = e + 1;
	}
	return NULL;
}

/* SetPrerelease / SetMetadata validate the identifiers only (so `a..b` passes in v3.3.0). */
static bool set_part(hcall *c, const hv *argv, hv *out, bool pre)
{
	const hsemver *v = ver_of(&argv[0]);
	const hstr *s = argv[1].s;
	hsemver n = *v;
	const char *bad = !s->len ? NULL
	                  : v34(c) ? validate_v34(s->data, s->len, pre)
	                           : hsemver_validate(s->data, s->len, pre);
	if (bad)
		return semver_error(c, bad, strlen(bad));
	if (pre) {
		n.pre = s->data;
		n.pre_len = s->len;
	} else {
		n.meta = s->data;
		n.meta_len = s->len;
	}
	return finish_next(c, v, &n, out);
}

static bool m_setpre(hcall *c, size_t n, const hv *a, hv *o) { return set_part(c, a, o, true); }
static bool m_setmeta(hcall *c, size_t n, const hv *a, hv *o) { return set_part(c, a, o, false); }

static bool no_field(const hobj *o, const char *name, size_t len, hv *out) { return false; }

/* Go method sets: *Version has every method, Version only the value-receiver ones. The
 * comparisons take a *Version: signature letter 'r' (the receiver's type, exec.h), so the
 * executor reports a wrong argument as Go's evalArg does. */
static const hobj_method ptr_methods[] = {
	{"Compare", m_compare, "r"},          {"Equal", m_equal, "r"},
	{"GreaterThan", m_gt, "r"},           {"GreaterThanEqual", m_ge, "r"},
	{"IncMajor", m_incmajor, ""},         {"IncMinor", m_incminor, ""},
	{"IncPatch", m_incpatch, ""},         {"LessThan", m_lt, "r"},
	{"LessThanEqual", m_le, "r"},         {"Major", m_major, ""},
	{"Metadata", m_metadata, ""},         {"Minor", m_minor, ""},
	{"Original", m_original, ""},         {"Patch", m_patch, ""},
	{"Prerelease", m_prerelease, ""},     {"SetMetadata", m_setmeta, "s"},
	{"SetPrerelease", m_setpre, "s"},     {"String", m_string, ""},
};

static const hobj_method val_methods[] = {
	{"IncMajor", m_incmajor, ""},     {"IncMinor", m_incminor, ""}, {"IncPatch", m_incpatch, ""},
	{"Major", m_major, ""},           {"Metadata", m_metadata, ""}, {"Minor", m_minor, ""},
	{"Patch", m_patch, ""},           {"Prerelease", m_prerelease, ""},
	{"SetMetadata", m_setmeta, "s"},  {"SetPrerelease", m_setpre, "s"},
	{"String", m_string, ""},
};

/* semver.Version's unexported fields as fmt walks them (printf "%d" (semver "1.2.3")). */
static size_t gofields_version(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const hsemver *v = o->data;
	if (!names || max < 6)
		return 6;
	static const char *const nm[] = {"major", "minor", "patch", "pre", "metadata", "original"};
	const uint64_t num[] = {v->major, v->minor, v->patch};
	for (int i = 0; i < 3; i++) {
		vals[i] = (hv){.type = HT_UINT64};
		vals[i].u = num[i];
	}
	if (!hv_string(a, v->pre, v->pre_len, &vals[3]) || !hv_string(a, v->meta, v->meta_len, &vals[4]) ||
	    !hv_string(a, v->orig, v->orig_len, &vals[5]))
		return 0;
	for (int i = 0; i < 6; i++)
		names[i] = nm[i];
	return 6;
}

static const hobj_class version_ptr_class = {
	.type_name = "*semver.Version",
	.kind = HK_PTR,
	.field = no_field,
	.methods = ptr_methods,
	.nmethods = sizeof ptr_methods / sizeof *ptr_methods,
	.format = format_version,
	.marshal = marshal_version,
	.gofields = gofields_version,
};

static const hobj_class version_val_class = {
	.type_name = "semver.Version",
	.kind = HK_STRUCT,
	.field = no_field,
	.methods = val_methods,
	.nmethods = sizeof val_methods / sizeof *val_methods,
	.format = format_version,
	.marshal = marshal_version,
	.gofields = gofields_version,
};

/* ------------------------------------------------------------------ functions */

/* Reports NewVersion's error text; a text that could not be built is out of memory. */
static bool version_error(hcall *c, hbuf *why)
{
	bool r = hbuf_ok(why) ? semver_error(c, why->len ? why->data : "", why->len)
	                      : hcall_nomem(c);
	hbuf_free(why);
	return r;
}

static bool fn_semver(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *s = argv[0].s;
	hsemver v;
	hbuf why = HBUF_INIT;
	if (!hsemver_parse_msg(s->data, s->len, &v, &why))
		return version_error(c, &why);
	hbuf_free(&why);
	return make_version(c, &v, &version_ptr_class, out);
}

/* NewConstraint runs first, so a bad constraint is reported before a bad version. */
static bool fn_semverCompare(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *cs = argv[0].s, *vs = argv[1].s;
	hsemver v, zero = {.pre = "", .meta = "", .orig = ""};
	hbuf why = HBUF_INIT;
	bool vok = hsemver_parse_msg(vs->data, vs->len, &v, &why), ok;
	herr err = HTMPL_ERROR_INIT;
	if (!hsemver_check_v34(cs->data, cs->len, vok ? &v : &zero, v34(c), &ok, &err)) {
		hbuf_free(&why);
		bool r = err.code == HTMPL_ERR_NOMEM || !err.message
		                 ? hcall_nomem(c)
		                 : semver_error(c, err.message, strlen(err.message));
		htmpl_error_clear(&err);
		return r;
	}
	if (!vok)
		return version_error(c, &why);
	hbuf_free(&why);
	*out = hv_bool(ok);
	return true;
}

static const hfunc_def defs[] = {
	{"semver", fn_semver, "s"},
	{"semverCompare", fn_semverCompare, "ss"},
};

bool hsprig_semver(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
