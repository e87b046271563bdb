/* test_values.c - hvalues_prepare: -f/--set ordering, coalescing (null deletion, globals,
 * warnings as Helm logs them), dependencies (conditions, aliases, import-values). Expected
 * results were captured from helm v3.17.3. */
#include "helm/funcmap.h"
#include "helm/chart.h"
#include "check_run.h"
#include "data/json.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static henv *E;
static harena *A;
static char dir[] = "/tmp/htmpl-values-XXXXXX";
/* Charts loaded by a test: results point into them, so they are freed in teardown. */
static hchart *loaded[32];
static size_t nloaded;

static void setup(void)
{
	E = hfuncmap_new();
	htmpl_env_set_helm_version(E, 3); /* the expectations are helm 3.17.3's */
	A = harena_new();
	strcpy(dir, "/tmp/htmpl-values-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}
static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	while (nloaded)
		hchart_free(loaded[--nloaded]);
	harena_free(A);
	htmpl_env_free(E);
}

static void wfile(const char *name, const char *data)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	for (char *s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	FILE *f = fopen(p, "w");
	fputs(data, f);
	fclose(f);
}

typedef struct run_result {
	hrchart *root;
	char json[4096];
	char warn[4096];
	char err[1024];
} run_result;

static void run(run_result *r, hset_src *sets, size_t nsets, hvalues_src *vals, size_t nvals)
{
	herr e = HTMPL_ERROR_INIT;
	memset(r, 0, sizeof *r);
	hchart *c = hchart_load(E, dir, &e);
	ck_assert_msg(c != NULL, "%s", htmpl_error_message(&e));
	ck_assert(nloaded < sizeof loaded / sizeof *loaded);
	loaded[nloaded++] = c;
	hopts o = {.arena = A, .sets = sets, .nsets = nsets, .values = vals, .nvalues = nvals,
	           .env = E};
	hbuf w = HBUF_INIT;
	if (hvalues_prepare(c, &o, A, &r->root, &w, &e)) {
		hbuf j = HBUF_INIT;
		hv v = r->root->values;
		v.type = HT_MAP;
		ck_assert(hjson_encode(&j, &v, HJSON_RAW, NULL));
		snprintf(r->json, sizeof r->json, "%s", hbuf_cstr(&j));
		hbuf_free(&j);
	} else {
		snprintf(r->err, sizeof r->err, "%s", htmpl_error_message(&e));
	}
	snprintf(r->warn, sizeof r->warn, "%s", hbuf_cstr(&w));
	hbuf_free(&w);
	htmpl_error_clear(&e);
}

#define CHART "apiVersion: v2\nname: c\nversion: 0.1.0\n"

START_TEST(set_order_fixed)
{
	wfile("Chart.yaml", CHART);
	wfile("v1.yaml", "a: f1\n");
	wfile("v2.yaml", "a: f2\nb: f2\n");
	char p1[128], p2[128];
	snprintf(p1, sizeof p1, "%s/v1.yaml", dir);
	snprintf(p2, sizeof p2, "%s/v2.yaml", dir);
	hvalues_src vals[] = {{p1, NULL, 0}, {p2, NULL, 0}};
	hset_src sets[] = {{HTMPL_SET_STRING, "a=s"}, {HTMPL_SET, "a=x"}};
	run_result r;
	run(&r, sets, 2, vals, 2);
	ck_assert_str_eq(r.json, "{\"a\":\"s\",\"b\":\"f2\"}");
}
END_TEST

START_TEST(null_deletes_and_warns)
{
	wfile("Chart.yaml", CHART);
	wfile("values.yaml", "m: {a: 1, b: 2}\ns: 1\nkeep: null\n");
	hset_src sets[] = {{HTMPL_SET, "m.a=null,s.x=1,n=null"}};
	run_result r;
	run(&r, sets, 1, NULL, 0);
	ck_assert_str_eq(r.json, "{\"keep\":null,\"m\":{\"b\":2},\"n\":null,\"s\":{\"x\":1}}");
	ck_assert_str_eq(r.warn, "coalesce.go:237: warning: skipped value for c.s: Not a table.\n");
}
END_TEST

START_TEST(globals_and_subchart)
{
	wfile("Chart.yaml", CHART "dependencies:\n- name: sub\n  version: 0.1.0\n");
	wfile("values.yaml", "global: {region: eu, shared: {a: 1}}\n");
	wfile("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
	wfile("charts/sub/values.yaml",
	      "global: {region: child-default, childGlobal: cg, shared: {b: 2}}\nx: 1\n");
	hset_src sets[] = {{HTMPL_SET, "global.region=cli"}};
	run_result r;
	run(&r, sets, 1, NULL, 0);
	ck_assert_uint_eq(r.root->nsubs, 1);
	ck_assert_str_eq(r.root->subs[0]->path, "c/charts/sub");
	hbuf j = HBUF_INIT;
	hv v = r.root->subs[0]->values;
	ck_assert_int_eq(v.type, HT_VALUES);
	v.type = HT_MAP;
	ck_assert(hjson_encode(&j, &v, HJSON_RAW, NULL));
	ck_assert_str_eq(hbuf_cstr(&j), "{\"global\":{\"childGlobal\":\"cg\",\"region\":\"cli\","
					"\"shared\":{\"a\":1,\"b\":2}},\"x\":1}");
	hbuf_free(&j);
}
END_TEST

START_TEST(condition_alias_import)
{
	wfile("Chart.yaml", CHART
	      "dependencies:\n- name: sub\n  version: 0.1.0\n  alias: al\n  condition: al.enabled\n"
	      "  import-values: [data]\n- name: sub\n  version: '>=0.1'\n  alias: two\n"
	      "  condition: two.enabled\n");
	wfile("values.yaml", "keep: parent\ntwo: {enabled: false}\n");
	wfile("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
	wfile("charts/sub/values.yaml",
	      "enabled: true\nexports:\n  data: {keep: child, extra: e}\n");
	run_result r;
	run(&r, NULL, 0, NULL, 0);
	ck_assert_uint_eq(r.root->nsubs, 1);
	ck_assert_str_eq(r.root->subs[0]->name, "al");
	ck_assert_str_eq(r.root->subs[0]->path, "c/charts/al");
	ck_assert(strstr(r.json, "\"extra\":\"e\"") != NULL);
	ck_assert(strstr(r.json, "\"keep\":\"parent\"") != NULL);
}
END_TEST

START_TEST(errors)
{
	wfile("Chart.yaml", CHART "dependencies:\n- name: missing\n");
	run_result r;
	run(&r, NULL, 0, NULL, 0);
	ck_assert(strstr(r.err, "found in Chart.yaml, but missing in charts/ directory: missing") !=
		  NULL);
	wfile("Chart.yaml", CHART "type: library\n");
	run(&r, NULL, 0, NULL, 0);
	ck_assert_str_eq(r.err, "library charts are not installable");
	wfile("Chart.yaml", CHART);
	hset_src sets[] = {{HTMPL_SET, "a"}};
	run(&r, sets, 1, NULL, 0);
	ck_assert_str_eq(r.err, "failed parsing --set data: key \"a\" has no value");
	hvalues_src vals[] = {{"/nonexistent.yaml", NULL, 0}};
	run(&r, NULL, 0, vals, 1);
	ck_assert_str_eq(r.err, "open /nonexistent.yaml: no such file or directory");
	hvalues_src mem[] = {{"mem.yaml", "- 1\n", 4}};
	run(&r, NULL, 0, mem, 1);
	ck_assert_str_eq(
	    r.err,
	    "failed to parse mem.yaml: error unmarshaling JSON: while decoding JSON: json: cannot "
	    "unmarshal array into Go value of type map[string]interface {}");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("values");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, set_order_fixed);
	tcase_add_test(tc, null_deletes_and_warns);
	tcase_add_test(tc, globals_and_subchart);
	tcase_add_test(tc, condition_alias_import);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite());
}
