/* cli/flags.h - the flag table of `htmpl template`, `render` and `lint` and a parser with
 * spf13/pflag's syntax and error texts (cli/flags.c). */
#ifndef HTMPL_CLI_FLAGS_H
#define HTMPL_CLI_FLAGS_H

#include <stdbool.h>
#include <stdio.h>

#if defined(__GNUC__)
#define HFLAGS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define HFLAGS_PRINTF(f, a)
#endif

/* The value a flag takes, which decides how pflag parses and checks it. */
typedef enum hflags_type {
	HF_BOOL,     /* --x, --x=true|false (strconv.ParseBool) */
	HF_STRING,   /* string, stringArray, strings: --x V, --x=V */
	HF_OPTIONAL, /* string with NoOptDefVal: --x alone means `noopt`, else --x=V only */
	HF_INT,      /* strconv.ParseInt */
	HF_FLOAT,    /* float32: strconv.ParseFloat */
	HF_DURATION, /* time.ParseDuration */
	HF_MAP,      /* stringToString: k=v,k2=v2 */
} hflags_type;

/* What htmpl does with a flag (the `effect` column of docs/cli-flags.md). */
typedef enum hflags_effect {
	HE_IMPL,   /* implemented with helm's meaning */
	HE_NOOP,   /* accepted and checked as helm checks it, no effect, as in helm template */
	HE_REFUSE, /* needs a network or a cluster: refused with an error naming the flag */
	HE_HTMPL,  /* htmpl's own flag, not in helm */
} hflags_effect;

/* Commands and helm versions a flag belongs to. */
enum {
	HC_TEMPLATE = 1 << 0, /* helm template (and htmpl render) */
	HC_LINT = 1 << 1,     /* helm lint */
	HC_GLOBAL = 1 << 2,   /* helm's global flags: every command */
	HC_RENDER = 1 << 3,   /* htmpl render (template's flags, --release-name takes a value) */
	HV_3 = 1 << 4,        /* in helm 3.17 */
	HV_4 = 1 << 5,        /* in helm 4.1 */
};

typedef struct hflags_def {
	const char *name;
	char shorthand;
	hflags_type type;
	unsigned where; /* HC_* | HV_* */
	hflags_effect effect;
	int id;            /* the command's handler switches on it */
	const char *noopt; /* HF_OPTIONAL: the value of a bare --x */
	const char *doc;   /* one line, for --help and docs/cli-flags.md */
} hflags_def;

/* The ids of every flag. */
enum {
	F_HELP = 1,
	/* template/render */
	F_RELEASE, F_NS, F_VALUES, F_SET, F_SET_STRING, F_SET_JSON, F_SET_FILE, F_SET_LITERAL,
	F_KUBE, F_API, F_CRDS, F_SKIP_TESTS, F_NO_HOOKS, F_SHOW, F_OUTDIR, F_UPGRADE, F_NAME_TPL,
	F_GENERATE, F_SKIP_SCHEMA, F_VALIDATE, F_SCHEMA_LOC, F_STRICT_SCHEMAS, F_VALIDATE_OUTPUT, F_DEBUG, F_POST_RENDERER,
	F_POST_RENDERER_ARGS, F_DEP_UPDATE, F_DRY_RUN, F_REPO, F_CA_FILE, F_VERIFY, F_ENABLE_DNS,
	F_REPO_CACHE, F_REPO_CONFIG, F_CERT_FILE, F_KEY_FILE, F_CONTENT_CACHE, F_VERSION, F_DEVEL, F_NOOP,
	/* lint */
	F_STRICT, F_QUIET, F_SUBCHARTS, F_RULES, F_OUTPUT,
	/* value reports */
	F_REPORT_UNUSED, F_INCLUDE_DEFAULTS, F_MISSING_KEYS, F_REPORT_FLOATS, F_NO_FLOAT_CHECK,
	F_REPORT_FORMAT, F_FAIL_ON, F_SHOW_ORIGIN,
	/* htmpl's parallel flags from other branches fold in here: F_HELM (--helm 3|4,
	 * HTMPL_HELM, cli/helm_version.c) and F_JOBS (-j N, HTMPL_JOBS). */
};

/* The whole table, terminated by a row with name NULL. */
extern const hflags_def hflags_table[];

/* Called for each flag given: v is the value ("true"/"false" for a bool, the NoOptDefVal for a
 * bare optional flag); spelled is pflag's name for it in messages ("-n, --namespace").
 * Returns 0, or an exit status after printing an error. */
typedef int (*hflags_fn)(void *ud, const hflags_def *f, const char *v, const char *spelled);

/* Parses argv[first..argc) for command cmd (HC_TEMPLATE or HC_LINT) as pflag does:
 * interspersed positionals go to pos[] (up to *npos_cap; *npos counts all), `--` ends the
 * flags. Returns 0, or 1 after printing helm's message on stderr. -h/--help sets *help. */
int hflags_parse(unsigned cmd, int argc, char **argv, int first, hflags_fn fn, void *ud,
                 const char **pos, int pos_cap, int *npos, bool *help);

/* Prints `Error: ` + the message + newline on stderr; returns 1. */
int hflags_fail(const char *fmt, ...) HFLAGS_PRINTF(1, 2);

/* The flags of cmd, as `--help` prints them. */
void hflags_usage(FILE *f, unsigned cmd);

/* `htmpl __flags`: one line per flag, `NAME<TAB>SHORT<TAB>COMMANDS<TAB>VERSIONS<TAB>EFFECT<TAB>NOTE`,
 * the list tests/cli/flags-table checks docs/cli-flags.md against. */
void hflags_list(FILE *f);

#endif
