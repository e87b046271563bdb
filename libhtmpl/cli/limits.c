/* limits.c - the CLI's resource-limit flags and HTMPL_MAX_* environment variables
 * (see limits.h). htmpl goes beyond helm here: helm has no such flags, because Go's runtime
 * turns runaway templates into panics or OOM kills; a C library must refuse them cleanly,
 * and the limits let a user raise a bound a legitimate chart needs. docs/ROBUSTNESS.md lists
 * each limit, its default and what it guards against. */
#include "cli/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct limit_flag {
	const char *flag; /* without the leading "--" */
	const char *env;
	htmpl_limit which;
} limit_flag;

static const limit_flag table[] = {
	{"max-include-depth", "HTMPL_MAX_INCLUDE_DEPTH", HTMPL_LIMIT_INCLUDE_DEPTH},
	{"max-parse-depth", "HTMPL_MAX_PARSE_DEPTH", HTMPL_LIMIT_PARSE_DEPTH},
	{"max-output-bytes", "HTMPL_MAX_OUTPUT_BYTES", HTMPL_LIMIT_OUTPUT_BYTES},
	{"max-memory-bytes", "HTMPL_MAX_MEMORY_BYTES", HTMPL_LIMIT_MEMORY_BYTES},
	{"max-yaml-nodes", "HTMPL_MAX_YAML_NODES", HTMPL_LIMIT_YAML_NODES},
	{"max-list-items", "HTMPL_MAX_LIST_ITEMS", HTMPL_LIMIT_LIST_ITEMS},
	{"max-archive-bytes", "HTMPL_MAX_ARCHIVE_BYTES", HTMPL_LIMIT_ARCHIVE_BYTES},
	{"max-archive-entries", "HTMPL_MAX_ARCHIVE_ENTRIES", HTMPL_LIMIT_ARCHIVE_ENTRIES},
};

#define NFLAGS (sizeof table / sizeof *table)

const char hcli_limits_usage[] =
	"\n"
	"Limits (beyond helm; each also read from HTMPL_MAX_<NAME>, e.g. HTMPL_MAX_OUTPUT_BYTES;\n"
	"sizes take a K, M or G suffix):\n"
	"      --max-include-depth N    nested include/template/tpl calls (default 1000)\n"
	"      --max-parse-depth N      nesting of template syntax (default 10000)\n"
	"      --max-output-bytes N     output of one render (default 1G)\n"
	"      --max-memory-bytes N     memory of one render (default 4G)\n"
	"      --max-yaml-nodes N       nodes of one YAML document, aliases expanded (default 10000000)\n"
	"      --max-list-items N       until/seq/repeat/randBytes sizes (default 10000000)\n"
	"      --max-archive-bytes N    uncompressed size of a chart archive (default 1G)\n"
	"      --max-archive-entries N  files in a chart (default 100000)\n";

/* Decimal with an optional K/M/G suffix; false on anything else, zero or overflow. */
static bool parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	const char *p = s;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return false;
	unsigned shift = 0;
	if (*p == 'K' || *p == 'k')
		shift = 10, p++;
	else if (*p == 'M' || *p == 'm')
		shift = 20, p++;
	else if (*p == 'G' || *p == 'g')
		shift = 30, p++;
	if (*p || v == 0 || v > (UINT64_MAX >> shift))
		return false;
	*out = v << shift;
	return true;
}

static int bad_value(const char *v, const char *dashes, const char *what)
{
	fprintf(stderr, "Error: invalid argument \"%s\" for \"%s%s\": want a positive integer "
	                "(optionally with a K, M or G suffix)\n", v, dashes, what);
	return 1;
}

static int from_env(hcli_limits *l)
{
	for (size_t i = 0; i < NFLAGS; i++) {
		const char *v = getenv(table[i].env);
		if (!v || !*v)
			continue;
		if (!parse_size(v, &l->value[table[i].which]))
			return bad_value(v, "", table[i].env);
		l->set[table[i].which] = true;
	}
	return 0;
}

/* Which limit flag argv[i] is (NULL if none); *inline_value points after '=' if given. */
static const limit_flag *match(const char *arg, const char **inline_value)
{
	*inline_value = NULL;
	if (strncmp(arg, "--max-", 6))
		return NULL;
	const char *name = arg + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	for (size_t i = 0; i < NFLAGS; i++)
		if (strlen(table[i].flag) == n && !memcmp(table[i].flag, name, n)) {
			*inline_value = eq ? eq + 1 : NULL;
			return &table[i];
		}
	return NULL;
}

int hcli_limits_parse(int *argc, char **argv, hcli_limits *l)
{
	memset(l, 0, sizeof *l);
	if (from_env(l))
		return 1;
	int w = 1;
	bool dashdash = false;
	for (int i = 1; i < *argc; i++) {
		const char *v;
		const limit_flag *f = dashdash ? NULL : match(argv[i], &v);
		if (!strcmp(argv[i], "--"))
			dashdash = true;
		if (!f) {
			argv[w++] = argv[i];
			continue;
		}
		if (!v) {
			if (i + 1 >= *argc) {
				fprintf(stderr, "Error: flag needs an argument: --%s\n", f->flag);
				return 1;
			}
			v = argv[++i];
		}
		if (!parse_size(v, &l->value[f->which]))
			return bad_value(v, "--", f->flag);
		l->set[f->which] = true;
	}
	*argc = w;
	argv[w] = NULL;
	return 0;
}

void hcli_limits_apply(const hcli_limits *l, htmpl_env *env)
{
	for (int i = 0; i < HTMPL_LIMIT__COUNT; i++)
		if (l->set[i])
			htmpl_env_set_limit(env, (htmpl_limit)i, l->value[i]);
}
