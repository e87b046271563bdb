/* test_reports.c - htmpl's value reports: the read tracker of the executor (template/track.c)
 * and the reports built on it (helm/values_report.c), through the public API: unused values
 * with their file:line and suggestion, missing keys, floats, value origins. Beyond Helm: the
 * expectations are htmpl's own rules (README "Value reports"). */
#include "helm/funcmap.h"
#include "template/exec.h"
#include "data/yaml.h"
#include "check_run.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static henv *E;
static harena *A;

static void setup(void)
{
	E = hfuncmap_new();
	A = harena_new();
}
static void teardown(void)
{
	harena_free(A);
	htmpl_env_free(E);
}

/* Executes template text over the YAML data, with tracker t (may be NULL). */
static char *exec(const char *text, const char *yaml, htrack *t, hv *data)
{
	htset *s = htset_new(E);
	herr err = HTMPL_ERROR_INIT;
	ck_assert(htset_parse(s, "t", text, strlen(text), &err));
	ck_assert(hyaml_load(A, yaml, strlen(yaml), data, &err));
	hexec_opts o = {.arena = A, .track = t};
	hbuf out = HBUF_INIT;
	ck_assert_msg(hexec_execute(s, "t", data, &o, &out, &err), "%s", err.message);
	htset_free(s);
	char *r = strdup(hbuf_cstr(&out));
	hbuf_free(&out);
	return r;
}

static const hstr *key_of(const hmap *m, const char *k)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].key && !strcmp(m->e[i].key->data, k))
			return m->e[i].key;
	return NULL;
}

static const hmap *sub(const hv *v, const char *k) { return hmap_gets(v->m, k)->m; }

START_TEST(tracker_reads)
{
	static const char text[] =
	    "{{ .a }} {{ index .m \"x\" }} {{ toYaml .whole }} {{ range .l }}{{ . }}{{ end }}"
	    "{{ if .cond.yes1 }}on{{ end }}{{ .m.gone | default \"d\" }}{{ .m.lost }}"
	    "{{ include \"x\" .inc }}{{ define \"x\" }}{{ .in }}{{ end }}";
	static const char yaml[] =
	    "a: 1\nb: 2\nm: {x: 1, y: 2}\nwhole: {p: 1}\nl: [1]\ncond: {yes1: true, no1: 1}\n"
	    "inc: {in: 1, out: 2}\n";
	htrack *t = htrack_new();
	hv d0, d1;
	char *plain = exec(text, yaml, NULL, &d0);
	char *tracked = exec(text, yaml, t, &d1);
	ck_assert_str_eq(plain, tracked); /* the tracker never changes the output */
	const hmap *top = d1.m, *m = sub(&d1, "m"), *inc = sub(&d1, "inc");
	ck_assert(htrack_key_read(t, top, key_of(top, "a")));
	ck_assert(!htrack_key_read(t, top, key_of(top, "b")));
	ck_assert(htrack_key_read(t, m, key_of(m, "x")));
	ck_assert(!htrack_key_read(t, m, key_of(m, "y")));
	ck_assert(htrack_whole_read(t, sub(&d1, "whole")));       /* toYaml */
	ck_assert(htrack_whole_read(t, hmap_gets(top, "l")->l));  /* range */
	ck_assert(!htrack_whole_read(t, m));
	ck_assert(htrack_key_read(t, inc, key_of(inc, "in")));    /* include's dot */
	ck_assert(!htrack_key_read(t, inc, key_of(inc, "out")));
	size_t n;
	const htrack_missing *ms = htrack_missing_list(t, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(ms[0].key, "gone");
	ck_assert(ms[0].guarded); /* | default */
	ck_assert_str_eq(ms[1].key, "lost");
	ck_assert(!ms[1].guarded);
	ck_assert_int_eq(ms[1].line, 1);
	ck_assert_ptr_eq(ms[1].map, m);
	free(plain);
	free(tracked);
	htrack_free(t);
}
END_TEST

START_TEST(tracker_floats)
{
	htrack *t = htrack_new();
	hv d;
	char *out = exec("{{ .big }} {{ .small }} {{ .big | quote }}\n{{ .tiny }}",
	                 "big: 1000000\nsmall: 999999\ntiny: 0.00001\n", t, &d);
	ck_assert_str_eq(out, "1e+06 999999 \"1e+06\"\n1e-05");
	size_t n;
	const htrack_float *f = htrack_float_list(t, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(f[0].text, "1e+06");
	ck_assert_str_eq(f[0].key->data, "big");
	ck_assert_str_eq(f[1].via, "quote");
	ck_assert_int_eq(f[2].line, 2);
	ck_assert(htrack_float_trap(2e7, "2e+07"));
	ck_assert(htrack_float_trap(1234567, "1.234567e+06"));
	ck_assert(!htrack_float_trap(999999, "999999"));
	ck_assert(htrack_float_trap(1.5e6 + 0.5, "1.5000005e+06")); /* exponent form */
	free(out);
	htrack_free(t);
	t = htrack_new();
	out = exec("{{ printf \"%.0f\" .big }} {{ printf \"%v\" .big }}", "big: 1000000\n", t, &d);
	ck_assert_str_eq(out, "1000000 1e+06");
	f = htrack_float_list(t, &n);
	ck_assert_uint_eq(n, 1); /* %v only */
	ck_assert_str_eq(f[0].via, "printf");
	free(out);
	htrack_free(t);
}
END_TEST

/* ---- the reports through the public API, on a chart in memory */

static htmpl_chart *chart_of(const char *tmpl, const char *values, const char *sub_values,
                             const char *sub_tmpl)
{
	htmpl_chart_file files[] = {
	    {"Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n", 0},
	    {"values.yaml", values, 0},
	    {"templates/t.yaml", tmpl, 0},
	    {"charts/s/Chart.yaml", "apiVersion: v2\nname: s\nversion: 0.1.0\n", 0},
	    {"charts/s/values.yaml", sub_values, 0},
	    {"charts/s/templates/t.yaml", sub_tmpl, 0},
	};
	size_t n = sub_values ? 6 : 3;
	for (size_t i = 0; i < n; i++)
		files[i].len = strlen(files[i].data);
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_chart *c = htmpl_chart_load_files(E, "c", files, n, &err);
	ck_assert_msg(c != NULL, "%s", err.message);
	return c;
}

static const htmpl_finding *find(const htmpl_report *r, htmpl_finding_kind k, const char *path)
{
	for (size_t i = 0; i < htmpl_report_count(r); i++) {
		const htmpl_finding *f = htmpl_report_get(r, i);
		if (f->kind == k && !strcmp(f->path, path))
			return f;
	}
	return NULL;
}

START_TEST(report_unused_and_origins)
{
	htmpl_chart *c = chart_of("a: {{ .Values.db.user }}\nb: {{ .Values.global.g }}\n",
	                          "db:\n  user: u\n  host: h\nglobal:\n  g: 1\n  h: 2\ns:\n  x: 1\n",
	                          "x: 0\nown: 1\n", "x: {{ .Values.x }}\n");
	htmpl_render_opts *o = htmpl_render_opts_new();
	htmpl_render_opts_set_env(o, E);
	static const char user[] = "db:\n  usr: typo\n  user: u2\n";
	ck_assert(htmpl_render_opts_add_values_yaml(o, "u.yaml", user, strlen(user)));
	ck_assert(htmpl_render_opts_add_set(o, HTMPL_SET, "s.x=5,nothere=1"));
	htmpl_report *r = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	size_t len;
	char *plain = htmpl_render(c, o, &len, NULL, &err);
	char *out = htmpl_render_report(c, o, HTMPL_REPORT_UNUSED | HTMPL_REPORT_DEFAULTS, &len,
	                                NULL, &r, &err);
	ck_assert_msg(out != NULL, "%s", err.message);
	ck_assert_str_eq(out, plain);
	const htmpl_finding *f = find(r, HTMPL_FINDING_UNUSED, "db.usr");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->file, "u.yaml");
	ck_assert_int_eq(f->line, 2);
	ck_assert_str_eq(f->suggestion, "db.user");
	ck_assert(!f->from_defaults);
	f = find(r, HTMPL_FINDING_UNUSED, "nothere");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->origin, "--set #1 (s.x=5,nothere=1)");
	ck_assert_ptr_null(find(r, HTMPL_FINDING_UNUSED, "s.x")); /* the subchart read it */
	f = find(r, HTMPL_FINDING_UNUSED, "db.host");
	ck_assert_ptr_nonnull(f);
	ck_assert(f->from_defaults);
	ck_assert_str_eq(f->origin, "c/values.yaml:3");
	f = find(r, HTMPL_FINDING_UNUSED, "global.h");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_null(find(r, HTMPL_FINDING_UNUSED, "global.g"));
	f = find(r, HTMPL_FINDING_UNUSED, "s.own");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->origin, "c/charts/s/values.yaml:2");
	char *json = htmpl_report_format_text(r, HTMPL_REPORT_FORMAT_JSON, NULL);
	ck_assert_ptr_nonnull(strstr(json, "\"kind\":\"unused\",\"path\":\"db.usr\""));
	free(json);

	char *vals = htmpl_values(c, o, 1, NULL, &err);
	ck_assert_ptr_nonnull(vals);
	ck_assert_ptr_nonnull(strstr(vals, "  usr: typo  # u.yaml:2\n"));
	ck_assert_ptr_nonnull(strstr(vals, "  user: u2  # u.yaml:3\n"));
	ck_assert_ptr_nonnull(strstr(vals, "  host: h  # c/values.yaml:3\n"));
	ck_assert_ptr_nonnull(strstr(vals, "  x: 5  # --set #1 (s.x=5,nothere=1)\n"));
	ck_assert_ptr_nonnull(strstr(vals, "  own: 1  # c/charts/s/values.yaml:2\n"));
	ck_assert_ptr_nonnull(strstr(vals, "    g: 1  # c/values.yaml:5 (global)\n"));
	free(vals);
	free(out);
	free(plain);
	htmpl_report_free(r);
	htmpl_render_opts_free(o);
	htmpl_chart_free(c);
	htmpl_error_clear(&err);
}
END_TEST

START_TEST(report_missing_order)
{
	htmpl_chart *c = chart_of("a: {{ .Values.opt | default 1 }}\nb: {{ .Values.typo }}\n"
	                          "{{ if .Values.flag }}c: 1{{ end }}\n",
	                          "x: 1\n", NULL, NULL);
	htmpl_render_opts *o = htmpl_render_opts_new();
	htmpl_render_opts_set_env(o, E);
	htmpl_report *r = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	char *out = htmpl_render_report(c, o, HTMPL_REPORT_MISSING, NULL, NULL, &r, &err);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(htmpl_report_count(r), 3);
	const htmpl_finding *f = htmpl_report_get(r, 0); /* unguarded first */
	ck_assert_str_eq(f->path, "typo");
	ck_assert_str_eq(f->file, "c/templates/t.yaml");
	ck_assert_int_eq(f->line, 2);
	ck_assert(!f->guarded);
	ck_assert(htmpl_report_get(r, 1)->guarded);
	ck_assert(htmpl_report_get(r, 2)->guarded);
	ck_assert_uint_eq(htmpl_report_count_kind(r, HTMPL_FINDING_MISSING), 3);
	ck_assert_uint_eq(htmpl_report_count_kind(r, HTMPL_FINDING_UNUSED), 0);
	free(out);
	htmpl_report_free(r);
	htmpl_render_opts_free(o);
	htmpl_chart_free(c);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("reports");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tracker_reads);
	tcase_add_test(tc, tracker_floats);
	tcase_add_test(tc, report_unused_and_origins);
	tcase_add_test(tc, report_missing_order);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite());
}
