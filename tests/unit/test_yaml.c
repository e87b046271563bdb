/* test_yaml.c - YAML load (goyaml.v2 YAML 1.1 + the sigs.k8s.io JSON round trip) and toYaml
 * emission (goyaml.v2 style); expectations were checked against helm v3.17.3. */
#include "check_run.h"
#include "data/json.h"
#include "data/yaml.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena *A;

static void setup(void) { A = harena_new(); }
static void teardown(void) { harena_free(A); }

/* A compact, type-revealing dump: floats as %.17g, strings quoted, nil as ~. */
static void dump(hbuf *b, const hv *v)
{
	switch (v->type) {
	case HT_NIL:
		hbuf_putc(b, '~');
		break;
	case HT_BOOL:
		hbuf_puts(b, v->b ? "true" : "false");
		break;
	case HT_FLOAT64: {
		char t[64];
		snprintf(t, sizeof t, "%.17g", v->f);
		hbuf_puts(b, t);
		break;
	}
	case HT_STRING:
		hbuf_putc(b, '"');
		hbuf_put(b, v->s->data, v->s->len);
		hbuf_putc(b, '"');
		break;
	case HT_LIST:
		hbuf_putc(b, '[');
		for (size_t i = 0; i < v->l->len; i++) {
			if (i)
				hbuf_putc(b, ',');
			dump(b, &v->l->v[i]);
		}
		hbuf_putc(b, ']');
		break;
	case HT_MAP: {
		hbuf_putc(b, '{');
		hmap_entry **e = hmap_sorted(v->m);
		for (size_t i = 0; i < hmap_len(v->m); i++) {
			if (i)
				hbuf_putc(b, ',');
			hbuf_put(b, e[i]->key->data, e[i]->key->len);
			hbuf_putc(b, '=');
			dump(b, &e[i]->val);
		}
		hbuf_putc(b, '}');
		break;
	}
	default:
		hbuf_puts(b, "?");
	}
}

/* Loads text and returns the dump, or "ERR:" + message. */
static const char *load(const char *text)
{
	static char out[4096];
	hv v;
	herr e = HTMPL_ERROR_INIT;
	if (!hyaml_load(A, text, strlen(text), &v, &e)) {
		snprintf(out, sizeof out, "ERR:%s", e.message);
		htmpl_error_clear(&e);
		return out;
	}
	hbuf b = HBUF_INIT;
	dump(&b, &v);
	snprintf(out, sizeof out, "%s", hbuf_cstr(&b));
	hbuf_free(&b);
	return out;
}

#define L(text, want) ck_assert_str_eq(load(text), want)

START_TEST(load_yaml11_bools)
{
	L("a: yes\nb: No\nc: ON\nd: off\ne: y\nf: N\ng: True\nh: FALSE\ni: nO\nj: yES\nk: Y\n",
	  "{a=true,b=false,c=true,d=false,e=true,f=false,g=true,h=false,i=\"nO\",j=\"yES\",k=true}");
	L("n: 1000000\ny: 2\non: 3\nno: 4\n", "{false=4,true=3}");
	L("'y': 1\n\"n\": 2\n", "{n=2,y=1}");
}
END_TEST

START_TEST(load_numbers)
{
	L("a: 1000000\nb: 1.5\nc: 0x10\nd: 1e3\ne: 017\nf: 0o17\ng: 09\nh: 0b101\ni: 1_000\nj: +12\nk: -0\n",
	  "{a=1000000,b=1.5,c=16,d=1000,e=15,f=15,g=9,h=5,i=1000,j=12,k=0}");
	L("a: .5\nb: -.5e1\nc: 1.\nd: 0X1F\ne: -0x10\nf: 12345678901234567890\ng: 1e400\nh: -0.0\n",
	  "{a=0.5,b=-5,c=1,d=31,e=-16,f=1.2345678901234567e+19,g=\"1e400\",h=-0}");
	L("a: 1:20\nb: 0x\nc: 1.2.3\nd: 08.5\ne: +\nf: 0b2\ng: _1\nh: 1__0\n",
	  "{a=\"1:20\",b=\"0x\",c=\"1.2.3\",d=8.5,e=\"+\",f=\"0b2\",g=\"_1\",h=10}");
	L("a: 99999999999999999999999\n", "{a=9.9999999999999992e+22}");
}
END_TEST

START_TEST(load_nulls_and_strings)
{
	L("a:\nb: ~\nc: null\nd: Null\ne: NULL\nf: nUll\ng: ''\n", "{a=~,b=~,c=~,d=~,e=~,f=\"nUll\",g=\"\"}");
	L("a: 2021-01-01\nb: 2001-12-14t21:59:43.10-05:00\nc: \"123\"\nd: '1.5'\n",
	  "{a=\"2021-01-01\",b=\"2001-12-14t21:59:43.10-05:00\",c=\"123\",d=\"1.5\"}");
	L("", "~");
	L("# only a comment\n", "~");
	L("hello", "\"hello\"");
	L("- 1\n- a\n", "[1,\"a\"]");
}
END_TEST

START_TEST(load_tags)
{
	L("a: !!str 123\nb: !!binary aGk=\nc: !!int \"12\"\nd: !!float 1\ne: !!bool yes\nf: !custom x\n",
	  "{a=\"123\",b=\"hi\",c=12,d=1,e=true,f=\"x\"}");
	L("a: !!int abc\n", "ERR:error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int");
	L("a: !!binary '@@'\n", "ERR:error converting YAML to JSON: yaml: !!binary value contains invalid base64 data");
	L("a: !!binary /w==\n", "{a=\"\xEF\xBF\xBD\"}");
	L("a: !!timestamp 2001-01-01\n", "{a=\"2001-01-01\"}");
}
END_TEST

START_TEST(load_keys)
{
	L("1: a\n1.5: b\ntrue: c\n0x10: d\n1e3: e\n0.1: f\n3.14159265358979: g\n1e10: h\n",
	  "{0.1=\"f\",1=\"a\",1.5=\"b\",1000=\"e\",16=\"d\",1e+10=\"h\",3.1415927=\"g\",true=\"c\"}");
	L("a: 1\na: 2\n", "{a=2}");
	L("~: 1\n", "ERR:error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1");
}
END_TEST

START_TEST(load_anchors_merge)
{
	L("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  b: 3\n", "{base={a=1,b=2},x={a=1,b=3}}");
	L("base: &b {a: 1}\nx:\n  a: 9\n  <<: *b\n", "{base={a=1},x={a=1}}");
	L("p: &p {a: 1, b: 1}\nq: &q {b: 2, c: 2}\nx:\n  <<: [*p, *q]\n", "{p={a=1,b=1},q={b=2,c=2},x={a=1,b=1,c=2}}");
	L("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "{a=1,b=1,c=2,d=2}");
	L("a: *nope\n", "ERR:error converting YAML to JSON: yaml: unknown anchor 'nope' referenced");
	L("a: &a [*a]\n", "ERR:error converting YAML to JSON: yaml: anchor 'a' value contains itself");
	L("a: &a 1\nx:\n  <<: *a\n", "ERR:error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value");
	L("'<<': 1\n", "{<<=1}");
}
END_TEST

START_TEST(load_alias_bomb)
{
	const char *bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	                   "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	                   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	                   "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	                   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	                   "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	                   "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	                   "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	                   "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	L(bomb, "ERR:error converting YAML to JSON: yaml: document contains excessive aliasing");
	hv v;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(!hyaml_load_limit(A, "[1, 2, 3, 4]", 12, 3, &v, &e));
	ck_assert_int_eq(e.code, HTMPL_ERR_LIMIT);
	htmpl_error_clear(&e);
}
END_TEST

START_TEST(load_errors)
{
	L("a: b: c\n", "ERR:error converting YAML to JSON: yaml: mapping values are not allowed in this context");
	L("a: 1\nb: 2\nc: d: e\n", "ERR:error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context");
	L("a: 1\n@b: 2\n", "ERR:error converting YAML to JSON: yaml: line 2: found character that cannot start any token");
	L("a: .inf\n", "ERR:error converting YAML to JSON: json: unsupported value: +Inf");
	L("a: [-.inf]\n", "ERR:error converting YAML to JSON: json: unsupported value: -Inf");
	L("a: .nan\n", "ERR:error converting YAML to JSON: json: unsupported value: NaN");
	L("a: 1\n---\nb: 2\n", "{a=1}");
}
END_TEST

START_TEST(load_map_and_all)
{
	hv v;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(!hyaml_load_map(A, "- 1", 3, 0, "map[string]interface {}", &v, &e));
	ck_assert_str_eq(e.message, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");
	ck_assert_int_eq(v.type, HT_MAP);
	htmpl_error_clear(&e);
	ck_assert(hyaml_load_map(A, "", 0, 0, "map[string]interface {}", &v, &e));
	ck_assert_int_eq(v.type, HT_MAP);
	ck_assert(hyaml_load_all(A, "a: 1\n---\nb: 2\n---\n", 18, &v, &e));
	ck_assert_int_eq(v.l->len, 3);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *t = tcase_create("load");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, load_yaml11_bools);
	tcase_add_test(t, load_numbers);
	tcase_add_test(t, load_nulls_and_strings);
	tcase_add_test(t, load_tags);
	tcase_add_test(t, load_keys);
	tcase_add_test(t, load_anchors_merge);
	tcase_add_test(t, load_alias_bomb);
	tcase_add_test(t, load_errors);
	tcase_add_test(t, load_map_and_all);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
