/* test_strvals.c - the --set family parser against outputs captured from helm v3.17.3
 * (`helm template` with `{{ toJson .Values }}`); int64 prints bare, float64 with an F suffix. */
#include "check_run.h"
#include "data/json.h"
#include "helm/strvals.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena *A;
static void setup(void)
{
	A = harena_new();
}
static void teardown(void)
{
	harena_free(A);
}

static void dump(hbuf *b, const hv *v)
{
	switch (v->type) {
	case HT_NIL:
		hbuf_puts(b, "null");
		break;
	case HT_BOOL:
		hbuf_puts(b, v->b ? "true" : "false");
		break;
	case HT_INT64:
		hbuf_printf(b, "%lld", (long long)v->i);
		break;
	case HT_FLOAT64: {
		char t[64];
		snprintf(t, sizeof t, "%gF", v->f);
		hbuf_puts(b, t);
		break;
	}
	case HT_STRING:
		hbuf_putc(b, '"');
		for (size_t i = 0; i < v->s->len; i++) {
			if (v->s->data[i] == '"' || v->s->data[i] == '\\')
				hbuf_putc(b, '\\');
			hbuf_putc(b, v->s->data[i]);
		}
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
			hbuf_printf(b, "\"%s\":", e[i]->key->data);
			dump(b, &e[i]->val);
		}
		hbuf_putc(b, '}');
		break;
	}
	default:
		hbuf_printf(b, "<%d>", v->type);
	}
}

typedef struct tcase {
	htmpl_set_kind kind;
	const char *in;
	const char *want; /* dump, or "!message" */
} tcase;

static const tcase cases[] = {
    {HTMPL_SET, "a=1,b=true,c=null,d=0,e=007,f=1.5,g=-5,h=+5,i=0x10,j=1e3",
     "{\"a\":1,\"b\":true,\"c\":null,\"d\":0,\"e\":\"007\",\"f\":\"1.5\",\"g\":-5,\"h\":5,\"i\":"
     "\"0x10\",\"j\":\"1e3\"}"},
    {HTMPL_SET,
     "a=9223372036854775807,b=9223372036854775808,c=-9223372036854775808,d=TRUE,e=False,f=Null",
     "{\"a\":9223372036854775807,\"b\":\"9223372036854775808\",\"c\":-9223372036854775808,\"d\":"
     "true,\"e\":false,\"f\":null}"},
    {HTMPL_SET,
     "a=fal\xc5\xbf"
     "e,b=-0,c=1_0",
     "{\"a\":false,\"b\":0,\"c\":\"1_0\"}"},
    {HTMPL_SET, "a.b.c=1,a.b.d=2,a.e=x", "{\"a\":{\"b\":{\"c\":1,\"d\":2},\"e\":\"x\"}}"},
    {HTMPL_SET, "a=1,b=2,c=x y", "{\"a\":1,\"b\":2,\"c\":\"x y\"}"},
    {HTMPL_SET, "dot\\.key=v,esc=a\\,b,q=\"x y\"",
     "{\"dot.key\":\"v\",\"esc\":\"a,b\",\"q\":\"\\\"x y\\\"\"}"},
    {HTMPL_SET, "a[2]=x", "{\"a\":[null,null,\"x\"]}"},
    {HTMPL_SET, "l[0].k=v,l[1].k=w", "{\"l\":[{\"k\":\"v\"},{\"k\":\"w\"}]}"},
    {HTMPL_SET, "m={a,b,c},n={1,true,x},o={}",
     "{\"m\":[\"a\",\"b\",\"c\"],\"n\":[1,true,\"x\"],\"o\":[\"\"]}"},
    {HTMPL_SET, "c=[],d=a=b", "{\"c\":\"[]\",\"d\":\"a=b\"}"},
    {HTMPL_SET, "a", "!key \"a\" has no value"},
    {HTMPL_SET, "a=2,a.b=1",
     "!unable to parse key: interface conversion: interface {} is int64, not map[string]interface "
     "{}"},
    {HTMPL_SET, "a.b=1,a=2", "{\"a\":2}"},
    {HTMPL_SET, "a=", "{\"a\":\"\"}"},
    {HTMPL_SET, "a=,b=1", "{\"a\":\"\",\"b\":1}"},
    {HTMPL_SET, "a,b=1", "!key \"a\" has no value (cannot end with ,)"},
    {HTMPL_SET, ",", "!key \"\" has no value (cannot end with ,)"},
    {HTMPL_SET, "a.=1", "!key map \"a\" has no value"},
    {HTMPL_SET, "a[x]=1", "!error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"},
    {HTMPL_SET, "a[-1]=1", "!negative -1 index not allowed"},
    {HTMPL_SET, "a[65537]=1", "!index of 65537 is greater than maximum supported index of 65536"},
    {HTMPL_SET, "a[99999999999999999999]=1",
     "!error parsing index: strconv.Atoi: parsing \"99999999999999999999\": value out of range"},
    {HTMPL_SET, "a[0", "!error parsing index: EOF"},
    {HTMPL_SET, "a[0]", "{\"a\":[]}"},
    {HTMPL_SET, "a[0]x=1", "!unexpected data at end of array index: ['x']"},
    {HTMPL_SET, "a[0]xy=1", "!unexpected data at end of array index: ['x' 'y']"},
    {HTMPL_SET, "a[0][1]=x", "{\"a\":[[null,\"x\"]]}"},
    {HTMPL_SET, "a[0][1]=x,a[0][0]=y", "{\"a\":[[\"y\",\"x\"]]}"},
    {HTMPL_SET, "a[1].b=1,a[0].c=2", "{\"a\":[{\"c\":2},{\"b\":1}]}"},
    {HTMPL_SET, "a[0]=1,a[0].b=2", "{\"a\":[{\"b\":2}]}"},
    {HTMPL_SET, "a=1,a[0]=2",
     "!unable to parse key: interface conversion: interface {} is int64, not []interface {}"},
    {HTMPL_SET, "a={x,y", "!list must terminate with '}'"},
    {HTMPL_SET, "a={x}y", "!key \"y\" has no value"},
    {HTMPL_SET, "a={x},b=2", "{\"a\":[\"x\"],\"b\":2}"},
    {HTMPL_SET, "a\\", "!key \"a\" has no value"},
    {HTMPL_SET, "a=b\\", "{\"a\":\"b\"}"},
    {HTMPL_SET, "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee=1",
     "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{"
     "\"n\":{\"o\":{\"p\":{\"q\":"
     "{\"r\":{\"s\":{\"t\":{\"u\":{\"v\":{\"w\":{\"x\":{\"y\":{\"z\":{\"aa\":{\"bb\":{\"cc\":{"
     "\"dd\":{\"ee\":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}"},
    {HTMPL_SET, "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff=1",
     "!value name nested level is greater than maximum supported nested level of 30"},
    {HTMPL_SET, "a=null,a.b=1",
     "!unable to parse key: interface conversion: interface {} is nil, not map[string]interface "
     "{}"},
    {HTMPL_SET, "a[0]=null,a[0][0]=1", "{\"a\":[[1]]}"},
    {HTMPL_SET, "a[0]=1,a[0][0]=1",
     "!unable to parse key: interface conversion: interface {} is int64, not []interface {}"},
    {HTMPL_SET, "=1", "{}"},
    {HTMPL_SET, "", "{}"},
    {HTMPL_SET, "a=x=y,b", "!key \"b\" has no value"},
    {HTMPL_SET, "a[0]={x,y}", "{\"a\":[[\"x\",\"y\"]]}"},
    {HTMPL_SET, "a[1]=", "{\"a\":[null,\"\"]}"},
    {HTMPL_SET, "a[0]=1,", "{\"a\":[1]}"},
    {HTMPL_SET, "a=\xff", "{\"a\":\"\xef\xbf\xbd\"}"},
    {HTMPL_SET_STRING, "a=1,b=true,c=null,d={1,2}",
     "{\"a\":\"1\",\"b\":\"true\",\"c\":\"null\",\"d\":[\"1\",\"2\"]}"},
    {HTMPL_SET_STRING, "a.b=007", "{\"a\":{\"b\":\"007\"}}"},
    {HTMPL_SET_LITERAL, "a=x,y={z}\\.=", "{\"a\":\"x,y={z}\\\\.=\"}"},
    {HTMPL_SET_LITERAL, "a.b[0]=1,2", "{\"a\":{\"b\":[\"1,2\"]}}"},
    {HTMPL_SET_LITERAL, "a[1]=x", "{\"a\":[null,\"x\"]}"},
    {HTMPL_SET_LITERAL, "a[0].b=c", "{\"a\":[{\"b\":\"c\"}]}"},
    {HTMPL_SET_LITERAL, "a", "!key \"a\" has no value"},
    {HTMPL_SET_LITERAL, "a.=1", "!key map \"a\" has no value"},
    {HTMPL_SET_LITERAL, "a[x]=1",
     "!error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"},
    {HTMPL_SET_LITERAL, "a=", "{\"a\":\"\"}"},
};

static const tcase json_cases[] = {
    {HTMPL_SET_JSON, "a=1,b=\"s\",c=[1,2],d={\"x\":{\"y\":null}},e=,f=true",
     "{\"a\":1F,\"b\":\"s\",\"c\":[1F,2F],\"d\":{\"x\":{\"y\":null}},\"e\":null,\"f\":true}"},
    {HTMPL_SET_JSON, "a=[1,2", "!"},
    {HTMPL_SET_JSON, "a[0]=1,a[2]={\"k\":1}", "{\"a\":[1F,null,{\"k\":1F}]}"},
    {HTMPL_SET_JSON, "a.b=null", "{\"a\":{\"b\":null}}"},
    {HTMPL_SET_JSON, "a=01", "!"},
    {HTMPL_SET_JSON, "a=tru", "!"},
    {HTMPL_SET_JSON, "a=1x", "!"},
    {HTMPL_SET_JSON, "a= 5 ,b= \"x\"", "{\"a\":5F,\"b\":\"x\"}"},
    {HTMPL_SET_JSON, "a=1 , b=\"x\"y=3,c=", "{\" b\":\"x\",\"a\":1F,\"c\":null,\"y\":3F}"},
};

static void run(const tcase *c)
{
	hmap *m = hmap_new(A, 0);
	herr e = HTMPL_ERROR_INIT;
	bool ok = hstrvals_parse(A, c->kind, c->in, strlen(c->in), m, NULL, NULL, &e);
	if (c->want[0] == '!') {
		ck_assert_msg(!ok, "%s: expected error", c->in);
		if (c->want[1])
			ck_assert_str_eq(htmpl_error_message(&e), c->want + 1);
	} else {
		ck_assert_msg(ok, "%s: %s", c->in, htmpl_error_message(&e));
		hbuf b = HBUF_INIT;
		hv v = hv_of_map(HT_MAP, m);
		dump(&b, &v);
		ck_assert_str_eq(hbuf_cstr(&b), c->want);
		hbuf_free(&b);
	}
	htmpl_error_clear(&e);
}

START_TEST(table)
{
	run(&cases[_i]);
}
END_TEST

START_TEST(json_table)
{
	hv probe;
	if (!hjson_decode(A, "1", 1, &probe, NULL))
		return; /* json.c not written yet */
	run(&json_cases[_i]);
}
END_TEST

static bool file_reader(void *ud, harena *a, const char *s, size_t n, hv *out, herr *err)
{
	(void)ud;
	if (n == 4 && !memcmp(s, "none", 4))
		return herr_set(err, HTMPL_ERR_IO, "open none: no such file or directory");
	char t[64];
	snprintf(t, sizeof t, "content of %.*s", (int)n, s);
	return hv_string(a, t, strlen(t), out);
}

START_TEST(set_file)
{
	hmap *m = hmap_new(A, 0);
	herr e = HTMPL_ERROR_INIT;
	ck_assert(hstrvals_parse(A, HTMPL_SET_FILE, "a=f1,b={f2,f3},c[1]=f4", 22, m, file_reader,
				 NULL, &e));
	hbuf b = HBUF_INIT;
	hv v = hv_of_map(HT_MAP, m);
	dump(&b, &v);
	ck_assert_str_eq(hbuf_cstr(&b),
			 "{\"a\":\"content of f1\",\"b\":[\"content of f2\",\"content of f3\"],"
			 "\"c\":[null,\"content of f4\"]}");
	hbuf_free(&b);
	ck_assert(!hstrvals_parse(A, HTMPL_SET_FILE, "x=none", 6, m, file_reader, NULL, &e));
	ck_assert_str_eq(htmpl_error_message(&e), "open none: no such file or directory");
	htmpl_error_clear(&e);
}
END_TEST

START_TEST(big_index_bounded)
{
	hmap *m = hmap_new(A, 0);
	ck_assert(hstrvals_parse(A, HTMPL_SET, "a[65536]=1", 10, m, NULL, NULL, NULL));
	ck_assert_uint_eq(hmap_gets(m, "a")->l->len, 65537);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("strvals");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, table, 0, sizeof cases / sizeof *cases);
	tcase_add_loop_test(tc, json_table, 0, sizeof json_cases / sizeof *json_cases);
	tcase_add_test(tc, set_file);
	tcase_add_test(tc, big_index_bounded);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite());
}
