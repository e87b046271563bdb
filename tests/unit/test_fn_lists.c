/* test_fn_lists.c - the collection and utility families written together: lists
 * (fn_lists.c), dicts (fn_dicts.c), defaults, reflect, semver (semver.c, fn_semver.c) and
 * date (gotime.c, fn_date.c). Expected values were checked against helm 3.17.3. */
#include "check_run.h"
#include "fn_test_util.h"
#include "core/gotime.h"
#include "core/semver.h"

#include <stdlib.h>

static hv L(size_t n, const hv *v)
{
	hlist *l = hlist_new(A, n);
	for (size_t i = 0; i < n; i++)
		hlist_push(l, v[i]);
	return hv_of_list(HT_LIST, l);
}
#define LIST(...) L(ARGS(__VA_ARGS__))

static hv ok(const char *name, size_t argc, const hv *argv)
{
	hv r;
	ck_assert_msg(fcall(name, argc, argv, &r), "%s failed: %s", name, hbuf_cstr(&MSG));
	return r;
}
#define OK(name, ...) ok(name, ARGS(__VA_ARGS__))

static void fixed_clock(void *ud, int64_t *sec, int32_t *nsec)
{
	(void)ud;
	*sec = 1700000000;
	*nsec = 500;
}

/* Object or string result as text. */
static const char *text(const hv *v)
{
	static hbuf b;
	hbuf_reset(&b);
	if (v->type == HT_STRING)
		hbuf_put(&b, v->s->data, v->s->len);
	else if (v->type == HT_OBJECT)
		v->o->cls->format(v->o, &b);
	return hbuf_cstr(&b);
}

START_TEST(lists_basic)
{
	hv r = OK("first", LIST(hv_int(1), hv_int(2)));
	ck_assert_int_eq(r.i, 1);
	r = OK("last", LIST(hv_int(1), hv_int(2)));
	ck_assert_int_eq(r.i, 2);
	r = OK("first", LIST());
	ck_assert_int_eq(r.type, HT_NIL);
	r = OK("rest", LIST(hv_int(1), hv_int(2), hv_int(3)));
	ck_assert_uint_eq(r.l->len, 2);
	r = OK("initial", LIST(hv_int(1), hv_int(2), hv_int(3)));
	ck_assert_int_eq(r.l->v[1].i, 2);
	hv base = LIST(hv_int(1));
	r = OK("append", base, hv_int(2));
	ck_assert_uint_eq(r.l->len, 2);
	ck_assert_uint_eq(base.l->len, 1); /* a new list */
	r = OK("prepend", base, hv_int(0));
	ck_assert_int_eq(r.l->v[0].i, 0);
	r = OK("reverse", LIST(hv_int(1), hv_int(2)));
	ck_assert_int_eq(r.l->v[0].i, 2);
	r = OK("concat", LIST(hv_int(1)), LIST(hv_int(2)));
	ck_assert_uint_eq(r.l->len, 2);
	ck_assert_int_eq(r.type, HT_LIST);
	ck_assert(!hv_is_nil_slice(&r));
}
END_TEST

/* Where Sprig returns a nil []interface {}, the result is an empty list marked nil;
 * where it builds a new slice, the result is an ordinary empty list. */
START_TEST(lists_nil_slices)
{
	hv r = OK("rest", LIST());
	ck_assert(hv_is_list(&r) && r.l->len == 0 && hv_is_nil_slice(&r));
	r = OK("initial", LIST());
	ck_assert(hv_is_nil_slice(&r));
	r = OK("concat", LIST(), LIST());
	ck_assert(hv_is_nil_slice(&r));
	r = OK("rest", LIST(hv_int(1)));
	ck_assert(r.l->len == 0 && !hv_is_nil_slice(&r));
	r = OK("append", OK("rest", LIST()), hv_int(1));
	ck_assert(r.l->len == 1 && !hv_is_nil_slice(&r));
	r = OK("compact", LIST());
	ck_assert(!hv_is_nil_slice(&r));
}
END_TEST

START_TEST(lists_equality)
{
	/* uniq (list 1 "1" 1.0) keeps three values */
	hv r = OK("uniq", LIST(hv_int(1), S_("1"), hv_float(1), hv_int(1)));
	ck_assert_uint_eq(r.l->len, 3);
	r = OK("has", hv_int(2), LIST(hv_float(2)));
	ck_assert(!r.b);
	r = OK("has", hv_float(2), LIST(hv_float(2)));
	ck_assert(r.b);
	r = OK("has", hv_int(1), hv_nil());
	ck_assert(!r.b);
	r = OK("without", LIST(hv_int(1), hv_int(2), hv_int(1)), hv_int(1));
	ck_assert_uint_eq(r.l->len, 1);
	r = OK("compact", LIST(hv_int(0), S_(""), hv_nil(), hv_bool(false), hv_int(1)));
	ck_assert_uint_eq(r.l->len, 1);
}
END_TEST

START_TEST(lists_slice_chunk)
{
	hv r = OK("slice", LIST(hv_int(1), hv_int(2), hv_int(3), hv_int(4)), hv_int(1), hv_int(3));
	ck_assert_uint_eq(r.l->len, 2);
	r = OK("slice", LIST());
	ck_assert_int_eq(r.type, HT_NIL);
	ERR_EQ("reflect.Value.Slice: slice index out of bounds", "slice", LIST(hv_int(1)), hv_int(0), hv_int(2));
	r = OK("chunk", hv_int(2), LIST(hv_int(1), hv_int(2), hv_int(3)));
	ck_assert_uint_eq(r.l->len, 2);
	ck_assert_uint_eq(r.l->v[1].l->len, 1);
	r = OK("chunk", hv_int(-2), LIST(hv_int(1)));
	ck_assert_uint_eq(r.l->len, 1);
	ERR_EQ("runtime error: makeslice: len out of range", "chunk", hv_int(0), LIST(hv_int(1)));
	ERR_EQ("runtime error: makeslice: len out of range", "chunk", hv_int(0), LIST());
}
END_TEST

START_TEST(lists_errors)
{
	ERR_EQ("Cannot find first on type string", "first", S_("abc"));
	ERR_EQ("Cannot find first on type map", "mustFirst", hv_of_map(HT_MAP, hmap_new(A, 0)));
	ERR_EQ("runtime error: invalid memory address or nil pointer dereference", "first", hv_nil());
	ERR_EQ("Cannot push on type int", "append", hv_int(1), hv_int(1));
	ERR_EQ("Cannot concat type string as list", "concat", LIST(), S_("x"));
	ERR_EQ("list should be type of slice or array but string", "slice", S_("x"));
	ERR_EQ("Cannot chunk type float64", "chunk", hv_int(2), hv_float(1));
	ERR_EQ("Cannot find has on type bool", "has", hv_int(1), hv_bool(true));
}
END_TEST

static hv D(void) { return hv_of_map(HT_MAP, hmap_new(A, 0)); }

START_TEST(dicts_basic)
{
	hv d = OK("dict", S_("a"), hv_int(1), hv_int(5));
	ck_assert_uint_eq(hmap_len(d.m), 2);
	ck_assert_str_eq(hmap_gets(d.m, "5")->s->data, "");
	hv r = OK("get", d, S_("zz"));
	ck_assert_int_eq(r.type, HT_STRING);
	OK("set", d, S_("b"), hv_int(2));
	ck_assert_int_eq(hmap_gets(d.m, "b")->i, 2);
	OK("unset", d, S_("b"));
	ck_assert_ptr_null(hmap_gets(d.m, "b"));
	r = OK("hasKey", d, S_("a"));
	ck_assert(r.b);
	r = OK("keys", OK("dict", S_("b"), hv_int(1), S_("a"), hv_int(2)));
	ck_assert_int_eq(r.type, HT_STRLIST);
	ck_assert_str_eq(joined(&r), "a|b");
	r = OK("pick", d, S_("a"), S_("q"));
	ck_assert_uint_eq(hmap_len(r.m), 1);
	r = OK("omit", d, S_("a"));
	ck_assert_uint_eq(hmap_len(r.m), 1);
	r = OK("pluck", S_("a"), d, D());
	ck_assert_uint_eq(r.l->len, 1);
}
END_TEST

START_TEST(dicts_merge)
{
	hv dst = OK("dict", S_("a"), hv_bool(false), S_("l"), LIST(hv_int(1)), S_("m"),
	            OK("dict", S_("x"), hv_int(1)));
	hv src = OK("dict", S_("a"), hv_bool(true), S_("l"), LIST(hv_int(2)), S_("m"),
	            OK("dict", S_("x"), hv_int(2), S_("y"), hv_int(3)), S_("n"), hv_nil());
	hv r = OK("merge", dst, src);
	ck_assert_ptr_eq(r.m, dst.m);
	ck_assert(hmap_gets(dst.m, "a")->b);                 /* false is filled */
	ck_assert_int_eq(hmap_gets(dst.m, "l")->l->v[0].i, 1); /* lists are not merged */
	ck_assert_int_eq(hmap_gets(hmap_gets(dst.m, "m")->m, "x")->i, 1);
	ck_assert_int_eq(hmap_gets(hmap_gets(dst.m, "m")->m, "y")->i, 3);
	ck_assert_ptr_null(hmap_gets(dst.m, "n")); /* nil src values are skipped */
	OK("mergeOverwrite", dst, src);
	ck_assert_int_eq(hmap_gets(dst.m, "l")->l->v[0].i, 2);
	ck_assert_int_eq(hmap_gets(hmap_gets(dst.m, "m")->m, "x")->i, 2);
	ck_assert_int_eq(hmap_gets(dst.m, "n")->type, HT_NIL);
}
END_TEST

START_TEST(dicts_dig_copy)
{
	hv inner = OK("dict", S_("b"), hv_int(1));
	hv d = OK("dict", S_("a"), inner);
	hv r = OK("dig", S_("a"), S_("b"), S_("def"), d);
	ck_assert_int_eq(r.i, 1);
	r = OK("dig", S_("a"), S_("x"), S_("def"), d);
	ck_assert_str_eq(r.s->data, "def");
	ERR_EQ("interface conversion: interface {} is int, not map[string]interface {}", "dig", S_("a"),
	       S_("b"), S_("c"), S_("d"), d);
	ERR_EQ("dig needs at least three arguments", "dig", S_("a"), S_("b"));
	ERR_EQ("interface conversion: interface {} is chartutil.Values, not map[string]interface {}", "dig",
	       S_("a"), S_("d"), hv_of_map(HT_VALUES, hmap_new(A, 0)));
	r = OK("deepCopy", d);
	ck_assert_ptr_ne(r.m, d.m);
	ck_assert(hv_deep_equal(&r, &d));
	ERR_EQ("reflect: call of reflect.Value.Type on zero Value", "deepCopy", hv_nil());
}
END_TEST

START_TEST(defaults_reflect)
{
	hv r = OK("default", S_("d"), hv_int(0));
	ck_assert_str_eq(r.s->data, "d");
	r = OK("default", S_("d"));
	ck_assert_str_eq(r.s->data, "d");
	r = OK("default", S_("d"), hv_bool(true));
	ck_assert(r.b);
	r = OK("empty", LIST());
	ck_assert(r.b);
	r = OK("coalesce", hv_nil(), S_(""), hv_int(3));
	ck_assert_int_eq(r.i, 3);
	r = OK("coalesce");
	ck_assert_int_eq(r.type, HT_NIL);
	r = OK("all", hv_int(1), S_(""));
	ck_assert(!r.b);
	r = OK("any", hv_int(0), S_("x"));
	ck_assert(r.b);
	r = OK("ternary", S_("y"), S_("n"), hv_bool(false));
	ck_assert_str_eq(r.s->data, "n");
	STR_EQ("float64", "typeOf", hv_float(1));
	STR_EQ("<nil>", "typeOf", hv_nil());
	STR_EQ("slice", "kindOf", LIST());
	STR_EQ("invalid", "kindOf", hv_nil());
	r = OK("typeIs", S_("int64"), hv_int64(1));
	ck_assert(r.b);
	r = OK("kindIs", S_("map"), hv_of_map(HT_VALUES, hmap_new(A, 0)));
	ck_assert(r.b);
	r = OK("typeIsLike", S_("semver.Version"), OK("semver", S_("1.2.3")));
	ck_assert(r.b);
	r = OK("deepEqual", hv_int(1), hv_float(1));
	ck_assert(!r.b);
}
END_TEST

static bool check(const char *c, const char *v)
{
	hsemver sv;
	bool okv;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(hsemver_parse(v, strlen(v), &sv));
	ck_assert_msg(hsemver_check(c, strlen(c), &sv, &okv, &e), "%s", htmpl_error_message(&e));
	return okv;
}

START_TEST(semver_lib)
{
	ck_assert(check(">=1.20-0", "1.21.0-beta.1"));
	ck_assert(!check(">=1.20", "1.21.0-beta.1"));
	ck_assert(check("^1.2.3", "1.9.9"));
	ck_assert(!check("^0.2.3", "0.3.0"));
	ck_assert(check("~1.2", "1.2.5"));
	ck_assert(check("1.2.3 - 2.0", "2.0.0"));
	ck_assert(check("1.2.3 - 2.0", "2.0.1")); /* <= 2.0 is a 2.0.x range */
	ck_assert(check("<1.0 || >2.0", "3.0.0"));
	ck_assert(check(">= 1.0 , < 2.0", "1.9.9"));
	ck_assert(!check("!=1.x", "1.5.0"));
	ck_assert(check(">1.2", "1.3.0"));
	ck_assert(!check(">1.2", "1.2.9"));
	ck_assert(check("*", "1.0.0"));
	ck_assert(!check("*", "1.0.0-alpha"));
	hsemver a, b;
	ck_assert(hsemver_parse("1.0.0-alpha.2", 13, &a));
	ck_assert(hsemver_parse("1.0.0-alpha.10", 14, &b));
	ck_assert_int_eq(hsemver_compare(&a, &b), -1);
	bool o;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(!hsemver_check(">=1.x.y", 7, &a, &o, &e));
	ck_assert_str_eq(e.message, "improper constraint: >=1.x.y");
	htmpl_error_clear(&e);
	ck_assert(!hsemver_check(">=1x", 4, &a, &o, &e));
	ck_assert_str_eq(e.message, "constraint Parser Error");
	htmpl_error_clear(&e);
}
END_TEST

START_TEST(semver_fns)
{
	hv v = OK("semver", S_("v1.2"));
	ck_assert_str_eq(text(&v), "1.2.0");
	ck_assert_str_eq(hv_type_name(&v), "*semver.Version");
	ck_assert_str_eq(hv_kind_name(hv_kind_of(&v)), "ptr");
	ERR_EQ("Invalid Semantic Version", "semver", S_("1.2.3.4"));
	ERR_EQ("Version segment starts with 0", "semver", S_("1.2.3-00"));
	ERR_EQ("Error parsing version segment: strconv.ParseUint: parsing \"18446744073709551616\": value out of range",
	       "semver", S_("18446744073709551616"));
	hv r = OK("semverCompare", S_(">=1.20.0-0"), S_("v1.32.0"));
	ck_assert(r.b);
	ERR_EQ("improper constraint: abc", "semverCompare", S_("abc"), S_("xyz"));
	ERR_EQ("Invalid Semantic Version", "semverCompare", S_(">=1.0"), S_("abc"));
	ERR_EQ("improper constraint: ", "semverCompare", S_(">=1.0 ||"), S_("1.0.0"));
}
END_TEST

START_TEST(gotime_format_parse)
{
	harena *a = A;
	const hgotime_loc *ny = hgotime_load(a, "America/New_York", 16);
	ck_assert_ptr_nonnull(ny);
	hgotime_time t = {1700000000, 0, ny, false, 0};
	hbuf b = HBUF_INIT;
	hgotime_format(&b, &t, "Mon Jan _2 15:04:05 MST 2006 -07:00", 35);
	ck_assert_str_eq(hbuf_cstr(&b), "Tue Nov 14 17:13:20 EST 2023 -05:00");
	hbuf_reset(&b);
	t.sec = 1720000000;
	hgotime_format(&b, &t, "15:04 MST", 9);
	ck_assert_str_eq(hbuf_cstr(&b), "05:46 EDT");
	hbuf_reset(&b);
	hgotime_time p;
	ck_assert(hgotime_parse(a, "2006-01-02", 10, "2024-02-29", 10, hgotime_utc(), &p, &b));
	ck_assert_int_eq(p.sec, 1709164800);
	hbuf_reset(&b);
	ck_assert(!hgotime_parse(a, "2006-01-02", 10, "2023-02-29", 10, hgotime_utc(), &p, &b));
	ck_assert_str_eq(hbuf_cstr(&b), "parsing time \"2023-02-29\": day out of range");
	hbuf_reset(&b);
	hgotime_duration_string(&b, 3700000000000LL);
	ck_assert_str_eq(hbuf_cstr(&b), "1h1m40s");
	hbuf_reset(&b);
	int64_t d;
	ck_assert(!hgotime_parse_duration("1d", 2, &d, &b));
	ck_assert_str_eq(hbuf_cstr(&b), "time: unknown unit \"d\" in duration \"1d\"");
	ck_assert(hgotime_parse_duration("1.5h", 4, &d, NULL));
	ck_assert_int_eq(d, 5400000000000LL);
	hbuf_free(&b);
}
END_TEST

START_TEST(date_fns)
{
	setenv("TZ", "UTC", 1);
	htmpl_env_set_clock(E, fixed_clock, NULL);
	STR_EQ("2023-11-14 22:13:20", "date", S_("2006-01-02 15:04:05"), hv_int64(1700000000));
	STR_EQ("2023-11-14 17:13 EST", "dateInZone", S_("2006-01-02 15:04 MST"), hv_int64(1700000000),
	       S_("America/New_York"));
	STR_EQ("22:13 UTC", "dateInZone", S_("15:04 MST"), hv_int64(1700000000), S_("Bogus/Zone"));
	STR_EQ("2023-11-14", "htmlDate", hv_float(5)); /* float64: silently now */
	STR_EQ("1h1m40s", "duration", hv_int64(3700));
	STR_EQ("0s", "duration", hv_int(3700));
	STR_EQ("-1s", "duration", S_("9223372036854775807"));
	STR_EQ("16d", "durationRound", S_("400h"));
	STR_EQ("1mo", "durationRound", S_("721h"));
	hv t = OK("toDate", S_("2006-01-02T15:04:05Z07:00"), S_("2024-03-05T07:08:09Z"));
	ck_assert_str_eq(text(&t), "2024-03-05 07:08:09 +0000 UTC");
	ck_assert_str_eq(hv_type_name(&t), "time.Time");
	STR_EQ("1709622489", "unixEpoch", t);
	hv m = OK("dateModify", S_("-90m"), t);
	ck_assert_str_eq(text(&m), "2024-03-05 05:38:09 +0000 UTC");
	m = OK("dateModify", S_("bad"), t);
	ck_assert_str_eq(text(&m), "2024-03-05 07:08:09 +0000 UTC");
	ERR_EQ("time: invalid duration \"\"", "mustDateModify", S_(""), t);
	hv z = OK("toDate", S_("2006"), S_("x"));
	ck_assert_str_eq(text(&z), "0001-01-01 00:00:00 +0000 UTC");
	ERR_EQ("parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\"", "mustToDate",
	       S_("2006-01-02"), S_("x"));
	hv n = OK("now");
	ck_assert_str_eq(text(&n), "2023-11-14 22:13:20.0000005 +0000 UTC m=+0.000000000");
	STR_EQ("0s", "ago", n);
	STR_EQ("3h0m0s", "ago", hv_int64(1700000000 - 3 * 3600));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fn_lists");
	TCase *tc = tcase_create("collections");
	tcase_add_checked_fixture(tc, fn_setup, fn_teardown);
	tcase_add_test(tc, lists_basic);
	tcase_add_test(tc, lists_nil_slices);
	tcase_add_test(tc, lists_equality);
	tcase_add_test(tc, lists_slice_chunk);
	tcase_add_test(tc, lists_errors);
	tcase_add_test(tc, dicts_basic);
	tcase_add_test(tc, dicts_merge);
	tcase_add_test(tc, dicts_dig_copy);
	tcase_add_test(tc, defaults_reflect);
	tcase_add_test(tc, semver_lib);
	tcase_add_test(tc, semver_fns);
	tcase_add_test(tc, gotime_format_parse);
	tcase_add_test(tc, date_fns);
	suite_add_tcase(s, tc);
	return check_run(s);
}
