/* jobs.c - `-j N` / `--jobs N` and HTMPL_JOBS (cli/jobs.h): how many threads a render uses
 * (htmpl_env_set_jobs). The flag is htmpl's own, so it is taken out of argv before the
 * helm-compatible flag parsers see the rest, as --helm is (cli/helm_version.c); a later
 * flag wins over an earlier one. */
#include "cli/jobs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned chosen; /* 0: the online CPUs */

/* A decimal count from 0 to 1024 (0: the online CPUs); -1 for anything else. */
static long parse(const char *v)
{
	if (!*v || strlen(v) > 5)
		return -1;
	for (const char *p = v; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	long n = strtol(v, NULL, 10);
	return n > 1024 ? -1 : n;
}

static int bad(const char *what, const char *v)
{
	fprintf(stderr, "Error: invalid argument \"%s\" for \"%s\" flag: a thread count from 0 "
	                "(the online CPUs) to 1024 is accepted\n", v, what);
	return 1;
}

int hcli_jobs_parse(int *argc, char **argv)
{
	bool flag = false;
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		const char *v = NULL, *what = "-j, --jobs";
		if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "Error: flag needs an argument: %s\n", a);
				return 1;
			}
			v = argv[++i];
		} else if (!strncmp(a, "--jobs=", 7)) {
			v = a + 7;
		} else if (!strncmp(a, "-j", 2) && a[2] >= '0' && a[2] <= '9') {
			v = a + 2;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		long n = parse(v);
		if (n < 0)
			return bad(what, v);
		chosen = (unsigned)n;
		flag = true;
	}
	*argc = out;
	argv[out] = NULL;
	const char *ev = getenv("HTMPL_JOBS");
	if (!flag && ev && *ev) {
		long n = parse(ev);
		if (n < 0) {
			fprintf(stderr, "Error: invalid value \"%s\" for HTMPL_JOBS: a thread count "
			                "from 0 (the online CPUs) to 1024 is accepted\n", ev);
			return 1;
		}
		chosen = (unsigned)n;
	}
	return 0;
}

void hcli_jobs_apply(htmpl_env *env)
{
	if (env)
		htmpl_env_set_jobs(env, chosen);
}

unsigned hcli_jobs(void) { return chosen; }
