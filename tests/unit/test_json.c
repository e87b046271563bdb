/* test_json.c - encoding/json Marshal/MarshalIndent/Unmarshal semantics (json.c) and the
 * TOML encoder (toml.c); expectations were checked against helm v3.17.3's toJson/fromJson. */
#include "check_run.h"
#include "data/json.h"
#include "data/toml.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena *A;

static void setup(void) { A = harena_new(); }
static void teardown(void) { harena_free(A); }

static const char *enc(const hv *v, unsigned flags)
{
	static char out[2048];
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	if (!hjson_encode(&b, v, flags, &e))
		snprintf(out, sizeof out, "ERR:%s", e.message);
	else
		snprintf(out, sizeof out, "%s", hbuf_cstr(&b));
	htmpl_error_clear(&e);
	hbuf_free(&b);
	return out;
}

static hv str(const char *s)
{
	hv v;
	ck_assert(hv_string(A, s, strlen(s), &v));
	return v;
}

/* Decodes then re-encodes (compact), or "ERR:" + message. */
static const char *jround(const char *text)
{
	static char out[2048];
	hv v;
	herr e = HTMPL_ERROR_INIT;
	if (!hjson_decode(A, text, strlen(text), &v, &e)) {
		snprintf(out, sizeof out, "ERR:%s", e.message);
		htmpl_error_clear(&e);
		return out;
	}
	return enc(&v, 0);
}

START_TEST(encode_floats)
{
	hv v = hv_float(1000000);
	ck_assert_str_eq(enc(&v, 0), "1000000");
	v = hv_float(0.000001);
	ck_assert_str_eq(enc(&v, 0), "0.000001");
	v = hv_float(0.0000001);
	ck_assert_str_eq(enc(&v, 0), "1e-7");
	v = hv_float(1e21);
	ck_assert_str_eq(enc(&v, 0), "1e+21");
	v = hv_float(12345678901234567890.0);
	ck_assert_str_eq(enc(&v, 0), "12345678901234567000");
	v = hv_float(-0.0);
	ck_assert_str_eq(enc(&v, 0), "-0");
	v = hv_float(NAN);
	ck_assert_str_eq(enc(&v, 0), "ERR:json: unsupported value: NaN");
	v = hv_float(-INFINITY);
	ck_assert_str_eq(enc(&v, 0), "ERR:json: unsupported value: -Inf");
	v = hv_int64(-5);
	ck_assert_str_eq(enc(&v, 0), "-5");
}
END_TEST

START_TEST(encode_strings)
{
	hv v = str("<a>&\"\\\xe2\x80\xa8\t\n\b\x01\x7f\xff");
	ck_assert_str_eq(enc(&v, 0), "\"\\u003ca\\u003e\\u0026\\\"\\\\\\u2028\\t\\n\\b\\u0001\x7f\\ufffd\"");
	ck_assert_str_eq(enc(&v, HJSON_RAW), "\"<a>&\\\"\\\\\\u2028\\t\\n\\b\\u0001\x7f\\ufffd\"");
}
END_TEST

START_TEST(encode_containers)
{
	hmap *m = hmap_new(A, 0);
	hlist *l = hlist_new(A, 0);
	ck_assert(hlist_push(l, hv_int(1)) && hlist_push(l, hv_nil()));
	ck_assert(hmap_set(m, "b", 1, hv_of_list(HT_LIST, l)));
	ck_assert(hmap_set(m, "a", 1, hv_of_map(HT_MAP, hmap_new(A, 0))));
	ck_assert(hmap_set(m, "c", 1, hv_of_list(HT_LIST, hlist_new(A, 0))));
	hv v = hv_of_map(HT_MAP, m);
	ck_assert_str_eq(enc(&v, 0), "{\"a\":{},\"b\":[1,null],\"c\":[]}");
	ck_assert_str_eq(enc(&v, HJSON_PRETTY), "{\n  \"a\": {},\n  \"b\": [\n    1,\n    null\n  ],\n  \"c\": []\n}");
	v = hv_nil();
	ck_assert_str_eq(enc(&v, 0), "null");
	/* a nil slice (fromJsonArray "null") is null, inside a list too; an empty one is [] */
	hv nil_slice = hv_of_list(HT_LIST, hlist_new(A, 0));
	nil_slice.flags |= HV_F_NILSLICE;
	hlist *outer = hlist_new(A, 0);
	ck_assert(hlist_push(outer, nil_slice) && hlist_push(outer, hv_of_list(HT_LIST, hlist_new(A, 0))));
	v = hv_of_list(HT_LIST, outer);
	ck_assert_str_eq(enc(&v, 0), "[null,[]]");
	ck_assert(!hv_deep_equal(&outer->v[0], &outer->v[1]));
	ck_assert(hv_deep_equal(&outer->v[0], &nil_slice));
}
END_TEST

START_TEST(decode_values)
{
	ck_assert_str_eq(jround(" {\"a\" : [1, 2.5e3, true, null, \"x\\u00e9\\n\"], \"a\": 2} "), "{\"a\":2}");
	ck_assert_str_eq(jround("[1,{\"b\":[]},\"\\ud83d\\ude00\"]"), "[1,{\"b\":[]},\"\xf0\x9f\x98\x80\"]");
	ck_assert_str_eq(jround("\"\\ud800\""), "\"\xef\xbf\xbd\"");
	ck_assert_str_eq(jround("-0.5e-2"), "-0.005");
}
END_TEST

START_TEST(decode_errors)
{
	ck_assert_str_eq(jround(""), "ERR:unexpected end of JSON input");
	ck_assert_str_eq(jround("x"), "ERR:invalid character 'x' looking for beginning of value");
	ck_assert_str_eq(jround("{\"a\":1} x"), "ERR:invalid character 'x' after top-level value");
	ck_assert_str_eq(jround("{\"a\" 1}"), "ERR:invalid character '1' after object key");
	ck_assert_str_eq(jround("{\"a\":1,}"), "ERR:invalid character '}' looking for beginning of object key string");
	ck_assert_str_eq(jround("[1,]"), "ERR:invalid character ']' looking for beginning of value");
	ck_assert_str_eq(jround("[1 2]"), "ERR:invalid character '2' after array element");
	ck_assert_str_eq(jround("{\"a\":1 2}"), "ERR:invalid character '2' after object key:value pair");
	/* at the end Go's scanner steps on one more space (scanner.eof) */
	ck_assert_str_eq(jround("tru"), "ERR:invalid character ' ' in literal true (expecting 'e')");
	ck_assert_str_eq(jround("[1"), "ERR:unexpected end of JSON input");
	ck_assert_str_eq(jround("\"ab"), "ERR:unexpected end of JSON input");
	ck_assert_str_eq(jround("\"\\"), "ERR:invalid character ' ' in string escape code");
	ck_assert_str_eq(jround("trux"), "ERR:invalid character 'x' in literal true (expecting 'e')");
	ck_assert_str_eq(jround("-"), "ERR:invalid character ' ' in numeric literal");
	ck_assert_str_eq(jround("1e+"), "ERR:invalid character ' ' in exponent of numeric literal");
	ck_assert_str_eq(jround("-x"), "ERR:invalid character 'x' in numeric literal");
	ck_assert_str_eq(jround("1.x"), "ERR:invalid character 'x' after decimal point in numeric literal");
	ck_assert_str_eq(jround("1ex"), "ERR:invalid character 'x' in exponent of numeric literal");
	ck_assert_str_eq(jround("\"\\q\""), "ERR:invalid character 'q' in string escape code");
	ck_assert_str_eq(jround("\"a\nb\""), "ERR:invalid character '\\n' in string literal");
	ck_assert_str_eq(jround("01"), "ERR:invalid character '1' after top-level value");
	ck_assert_str_eq(jround("'x'"), "ERR:invalid character '\\'' looking for beginning of value");
	ck_assert_str_eq(jround("[1e400]"), "ERR:json: cannot unmarshal number 1e400 into Go value of type float64");
}
END_TEST

static const char *toml(const hv *v)
{
	static char out[2048];
	hbuf b = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	if (!htoml_encode(&b, v, &e))
		snprintf(out, sizeof out, "ERR:%s", e.message);
	else
		snprintf(out, sizeof out, "%s", hbuf_cstr(&b));
	htmpl_error_clear(&e);
	hbuf_free(&b);
	return out;
}

START_TEST(toml_encode)
{
	hmap *m = hmap_new(A, 0), *t = hmap_new(A, 0);
	ck_assert(hmap_set(t, "x", 1, hv_float(1)));
	ck_assert(hmap_set(m, "t", 1, hv_of_map(HT_MAP, t)));
	ck_assert(hmap_set(m, "a b", 3, str("s\"")));
	ck_assert(hmap_set(m, "n", 1, hv_nil()));
	hv v = hv_of_map(HT_MAP, m);
	ck_assert_str_eq(toml(&v), "\"a b\" = \"s\\\"\"\n\n[t]\n  x = 1.0\n");
	hlist *l = hlist_new(A, 0);
	ck_assert(hlist_push(l, hv_of_map(HT_MAP, t)));
	v = hv_of_list(HT_LIST, l);
	ck_assert_str_eq(toml(&v), "ERR:toml: top-level values must be Go maps or structs");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("json");
	TCase *t = tcase_create("json");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, encode_floats);
	tcase_add_test(t, encode_strings);
	tcase_add_test(t, encode_containers);
	tcase_add_test(t, decode_values);
	tcase_add_test(t, decode_errors);
	tcase_add_test(t, toml_encode);
	suite_add_tcase(s, t);
	return check_run(s);
}
