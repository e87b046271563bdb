/* test_jobs.c - the parallel render (helm/render.c's parallel engine, core/pool.c) through
 * the public API: every jobs setting gives the serial output, a fixed random source and a
 * template that writes shared values keep it, and one loaded chart renders from several
 * threads at once (the ThreadSanitizer stage of tools/test.sh runs this file). */
#include "check_run.h"

#include <htmpl.h>

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *render(const htmpl_chart *c, htmpl_env *env, const char *values_file)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_render_opts *o = htmpl_render_opts_new();
	ck_assert_ptr_nonnull(o);
	htmpl_render_opts_set_env(o, env);
	htmpl_render_opts_set_release(o, "rel");
	if (values_file)
		htmpl_render_opts_add_values_file(o, values_file);
	char *out = htmpl_render(c, o, NULL, NULL, &err);
	if (!out)
		ck_abort_msg("render: %s", err.message);
	htmpl_render_opts_free(o);
	htmpl_error_clear(&err);
	return out;
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A chart of n top-level templates t0..t(n-1), each with body (a printf format taking the
 * template's number), plus extra files. */
static char *make_chart(char *dir, int n, const char *body)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char sub[512];
	snprintf(sub, sizeof sub, "%s/templates", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	put(dir, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	put(dir, "values.yaml", "count: 3\ncfg:\n  k: v\n");
	for (int i = 0; i < n; i++) {
		char name[64], text[1024];
		snprintf(name, sizeof name, "templates/t%02d.yaml", i);
		snprintf(text, sizeof text, body, i, i, i);
		put(dir, name, text);
	}
	return dir;
}

static void remove_chart(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static htmpl_chart *load(htmpl_env *env, const char *dir)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_chart *c = htmpl_chart_load(env, dir, &err);
	if (!c)
		ck_abort_msg("load %s: %s", dir, err.message);
	htmpl_error_clear(&err);
	return c;
}

/* Renders dir with jobs 1, 2, 3 and 8 and checks they agree; returns the serial text. */
static char *same_at_every_jobs(htmpl_env *env, const char *dir, const char *values)
{
	htmpl_chart *c = load(env, dir);
	htmpl_env_set_jobs(env, 1);
	char *serial = render(c, env, values);
	unsigned jobs[] = {2, 3, 8, 0};
	for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
		htmpl_env_set_jobs(env, jobs[i]);
		for (int round = 0; round < 3; round++) {
			char *out = render(c, env, values);
			ck_assert_str_eq(out, serial);
			free(out);
		}
	}
	htmpl_chart_free(c);
	return serial;
}

START_TEST(todo_app_every_jobs)
{
	htmpl_env *env = htmpl_env_new();
	char *s = same_at_every_jobs(env, SOURCE_ROOT "/charts/todo-app",
	                             SOURCE_ROOT "/charts/todo-app/values-dev.yaml");
	ck_assert(strstr(s, "kind: Deployment") != NULL);
	free(s);
	htmpl_env_free(env);
}
END_TEST

START_TEST(includes_and_ranges)
{
	char dir[] = "/tmp/htmpl-jobs-XXXXXX";
	make_chart(dir, 24, "{{- define \"d%d\" }}{{ . | upper }}{{ end }}\n"
	                    "n%d: {{ range $k, $v := .Values }}{{ $k }},{{ end }}\n"
	                    "i%d: {{ include (printf \"d%%s\" (trimPrefix \"t\" (base .Template.Name | trimSuffix \".yaml\") | atoi | toString)) \"x\" }}\n");
	htmpl_env *env = htmpl_env_new();
	char *s = same_at_every_jobs(env, dir, NULL);
	ck_assert(strstr(s, "n23: cfg,count,") != NULL);
	free(s);
	htmpl_env_free(env);
	remove_chart(dir);
}
END_TEST

/* A deterministic "random" source: a counter. Called only serially (the render falls back),
 * so the counter needs no lock. */
static bool counter_random(void *ud, void *buf, size_t n)
{
	unsigned *k = ud;
	for (size_t i = 0; i < n; i++)
		((unsigned char *)buf)[i] = (unsigned char)((*k)++ * 7 + 1);
	return true;
}

START_TEST(fixed_random_source)
{
	char dir[] = "/tmp/htmpl-jobs-XXXXXX";
	make_chart(dir, 12, "r%d: {{ randAlphaNum 12 }}\nu%d: {{ uuidv4 }}\nx%d: 1\n");
	htmpl_env *env = htmpl_env_new();
	htmpl_chart *c = load(env, dir);
	char *first = NULL;
	unsigned jobs[] = {1, 2, 4, 0};
	for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
		unsigned k = 0;
		htmpl_env_set_random(env, counter_random, &k);
		htmpl_env_set_jobs(env, jobs[i]);
		char *out = render(c, env, NULL);
		if (!first)
			first = out;
		else {
			ck_assert_str_eq(out, first);
			free(out);
		}
	}
	free(first);
	htmpl_chart_free(c);
	htmpl_env_free(env);
	remove_chart(dir);
}
END_TEST

START_TEST(shared_writes_fall_back)
{
	char dir[] = "/tmp/htmpl-jobs-XXXXXX";
	/* t00..t15 render in reverse order: t15 first. Every template adds its name to
	 * .Values and prints how many it sees, so the output shows the order. */
	make_chart(dir, 16, "{{- $_ := set .Values (printf \"seen%d\") true }}\n"
	                    "t%d: {{ len .Values }}\n{{- /* %d */}}\n");
	htmpl_env *env = htmpl_env_new();
	char *s = same_at_every_jobs(env, dir, NULL);
	ck_assert(strstr(s, "t15: 3\n") != NULL); /* count, cfg, seen15 */
	ck_assert(strstr(s, "t0: 18\n") != NULL);
	free(s);
	htmpl_env_free(env);
	remove_chart(dir);
}
END_TEST

/* The text of a render, or its error: what a caller sees. */
static char *outcome(const htmpl_chart *c, htmpl_env *env)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_render_opts *o = htmpl_render_opts_new();
	htmpl_render_opts_set_env(o, env);
	char *out = htmpl_render(c, o, NULL, NULL, &err);
	if (!out)
		out = strdup(err.message ? err.message : "?");
	htmpl_render_opts_free(o);
	htmpl_error_clear(&err);
	return out;
}

/* HTMPL_LIMIT_MEMORY_BYTES bounds a render at every -j alike: near the limit the parallel
 * render hands over to the serial one. */
START_TEST(memory_limit_every_jobs)
{
	char dir[] = "/tmp/htmpl-jobs-XXXXXX";
	make_chart(dir, 40, "{{- $l := list }}{{- range until 200 }}{{ $l = append $l (printf \"%%d-%%s\" . (randAlpha 0)) }}{{ end }}\n"
	                    "t%d: {{ len $l }} {{ toJson $l | sha256sum }}\n{{- /* %d %d */}}\n");
	htmpl_env *env = htmpl_env_new();
	htmpl_chart *c = load(env, dir);
	for (uint64_t lim = 1000000; lim <= 64000000; lim *= 2) {
		htmpl_env_set_limit(env, HTMPL_LIMIT_MEMORY_BYTES, lim);
		htmpl_env_set_jobs(env, 1);
		char *serial = outcome(c, env);
		unsigned jobs[] = {2, 4};
		for (size_t i = 0; i < 2; i++) {
			htmpl_env_set_jobs(env, jobs[i]);
			char *out = outcome(c, env);
			ck_assert_str_eq(out, serial);
			free(out);
		}
		free(serial);
	}
	htmpl_chart_free(c);
	htmpl_env_free(env);
	remove_chart(dir);
}
END_TEST

typedef struct shared_render {
	const htmpl_chart *chart;
	htmpl_env *env;
	const char *want;
	int bad;
	const char *values; /* a values file, or NULL */
} shared_render;

static void *render_thread(void *arg)
{
	shared_render *r = arg;
	for (int i = 0; i < 4; i++) {
		htmpl_error err = HTMPL_ERROR_INIT;
		htmpl_render_opts *o = htmpl_render_opts_new();
		htmpl_render_opts_set_env(o, r->env);
		htmpl_render_opts_set_release(o, "rel");
		if (r->values)
			htmpl_render_opts_add_values_file(o, r->values);
		char *out = htmpl_render(r->chart, o, NULL, NULL, &err);
		if (!out || strcmp(out, r->want) != 0)
			__atomic_fetch_add(&r->bad, 1, __ATOMIC_RELAXED);
		free(out);
		htmpl_render_opts_free(o);
		htmpl_error_clear(&err);
	}
	return NULL;
}

/* Parse once, render many: one loaded chart, four threads rendering it at once, each render
 * itself on two threads. */
START_TEST(one_chart_many_threads)
{
	htmpl_env *env = htmpl_env_new();
	htmpl_chart *c = load(env, SOURCE_ROOT "/charts/todo-app");
	htmpl_env_set_jobs(env, 1);
	char *want = render(c, env, SOURCE_ROOT "/charts/todo-app/values-dev.yaml");
	htmpl_env_set_jobs(env, 2);
	shared_render r = {c, env, want, 0, SOURCE_ROOT "/charts/todo-app/values-dev.yaml"};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, render_thread, &r), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	ck_assert_int_eq(r.bad, 0);
	free(want);
	htmpl_chart_free(c);
	htmpl_env_free(env);
}
END_TEST

/* The same with a chart whose templates range over the chart's own maps (.Chart.Annotations,
 * the values' defaults): the renders read them from several threads at once. */
START_TEST(chart_maps_many_threads)
{
	char dir[] = "/tmp/htmpl-jobs-XXXXXX";
	make_chart(dir, 8, "t%d: {{ range $k, $v := .Chart.Annotations }}{{ $k }}={{ $v }},{{ end }}\n"
	                   "v%d: {{ range $k, $v := .Values.cfg }}{{ $k }}={{ $v }},{{ end }} {{ toYaml .Values | sha256sum }}\n"
	                   "{{- /* %d */}}\n");
	put(dir, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\nannotations:\n  b: \"2\"\n  a: \"1\"\n");
	htmpl_env *env = htmpl_env_new();
	htmpl_env_set_helm_version(env, 3); /* helm 3's .Chart reads the loaded metadata */
	htmpl_chart *c = load(env, dir);
	htmpl_env_set_jobs(env, 1);
	char *want = render(c, env, NULL);
	ck_assert(strstr(want, "t0: a=1,b=2,") != NULL);
	htmpl_env_set_jobs(env, 2);
	shared_render r = {c, env, want, 0, NULL};
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, render_thread, &r), 0);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	ck_assert_int_eq(r.bad, 0);
	free(want);
	htmpl_chart_free(c);
	htmpl_env_free(env);
	remove_chart(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("jobs");
	TCase *tc = tcase_create("jobs");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, todo_app_every_jobs);
	tcase_add_test(tc, includes_and_ranges);
	tcase_add_test(tc, fixed_random_source);
	tcase_add_test(tc, shared_writes_fall_back);
	tcase_add_test(tc, one_chart_many_threads);
	tcase_add_test(tc, chart_maps_many_threads);
	tcase_add_test(tc, memory_limit_every_jobs);
	suite_add_tcase(s, tc);
	return check_run(s);
}
