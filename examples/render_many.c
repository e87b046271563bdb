/* render_many.c - parse once, render many: loads a chart once and renders it N times from T
 * threads at once, all sharing the chart and one environment, then prints the renders per
 * second. tools/bench.py runs it for its "renders per second" rows.
 *
 *     render_many CHART [-n RENDERS] [-t THREADS] [-j JOBS] [-f VALUES]...
 *
 * THREADS (default 1) are this program's threads, each calling htmpl_render in a loop; JOBS
 * (default 1) is htmpl_env_set_jobs, the threads of one render. Every output must equal the
 * first one, or the program fails. */
#include <htmpl.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct job {
	const htmpl_chart *chart;
	const htmpl_render_opts *opts;
	const char *want;
	long renders;
	long *next; /* renders handed out (atomic) */
	int bad;    /* atomic */
} job;

static void *loop(void *arg)
{
	job *j = arg;
	while (__atomic_fetch_add(j->next, 1, __ATOMIC_RELAXED) < j->renders) {
		htmpl_error err = HTMPL_ERROR_INIT;
		char *out = htmpl_render(j->chart, j->opts, NULL, NULL, &err);
		if (!out || strcmp(out, j->want) != 0)
			__atomic_store_n(&j->bad, 1, __ATOMIC_RELAXED);
		free(out);
		htmpl_error_clear(&err);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: render_many CHART [-n RENDERS] [-t THREADS] [-j JOBS] "
		                "[-f VALUES]...\n");
		return 2;
	}
	long renders = 100, threads = 1, jobs = 1;
	htmpl_render_opts *o = htmpl_render_opts_new();
	htmpl_env *env = htmpl_env_new();
	if (!o || !env)
		return 1;
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-n"))
			renders = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "-t"))
			threads = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "-j"))
			jobs = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "-f"))
			htmpl_render_opts_add_values_file(o, argv[i + 1]);
	}
	if (threads < 1 || threads > 256 || renders < 1 || jobs < 0)
		return 2;
	htmpl_env_set_jobs(env, (unsigned)jobs);
	htmpl_render_opts_set_env(o, env);
	htmpl_render_opts_set_release(o, "rel");
	htmpl_render_opts_set_namespace(o, "ns");
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_chart *chart = htmpl_chart_load(env, argv[1], &err);
	char *want = chart ? htmpl_render(chart, o, NULL, NULL, &err) : NULL; /* fills the cache */
	if (!want) {
		fprintf(stderr, "render_many: %s\n", err.message);
		return 1;
	}
	long next = 0;
	job j = {chart, o, want, renders, &next, 0};
	pthread_t tid[256];
	double t0 = now();
	for (long i = 0; i < threads; i++)
		if (pthread_create(&tid[i], NULL, loop, &j) != 0)
			return 1;
	for (long i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	double dt = now() - t0;
	printf("%ld renders on %ld thread(s), jobs %ld: %.1f renders/s (%.3f ms each)\n", renders,
	       threads, jobs, renders / dt, dt * 1000 / renders);
	free(want);
	htmpl_chart_free(chart);
	htmpl_render_opts_free(o);
	htmpl_env_free(env);
	htmpl_error_clear(&err);
	if (j.bad)
		fprintf(stderr, "render_many: a render differed from the first\n");
	return j.bad;
}
