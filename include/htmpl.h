/* htmpl.h - the public interface of libhtmpl: Helm chart rendering in C.
 *
 * libhtmpl renders Helm charts exactly as `helm template` (v3.17) does: the Go text/template
 * language, the Sprig function library, Helm's engine and its output format.
 *
 * Conventions
 *   - Opaque handles, htmpl_<noun>_<verb> names, _new/_free pairs; _free(NULL) is a no-op.
 *   - Success is `bool true` or a non-NULL pointer. The last parameter `htmpl_error *err` may
 *     be NULL; when given it must be zero-initialised (HTMPL_ERROR_INIT) and is filled on
 *     failure. Release it with htmpl_error_clear().
 *   - No global state. Clock, randomness and limits come from an htmpl_env.
 *   - Thread safety: an htmpl_env is read-only once built, and a loaded htmpl_chart is
 *     read-only, so many threads may render from them at once. Each render uses its own memory.
 */
#ifndef HTMPL_H
#define HTMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "htmpl_version.h"

#if defined(HTMPL_BUILDING) && defined(__GNUC__)
#define HTMPL_API __attribute__((visibility("default")))
#else
#define HTMPL_API
#endif

/* printf format checking where the compiler has it (GCC, Clang); nothing elsewhere. */
#if defined(__GNUC__)
#define HTMPL_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define HTMPL_PRINTF(fmt, args)
#endif

/* htmpl_value's anonymous union is C11 and C++; C99 compilers of the GNU family accept it
 * as an extension, which __extension__ keeps quiet under -pedantic. */
#if defined(__GNUC__) && !defined(__cplusplus) && \
	(!defined(__STDC_VERSION__) || __STDC_VERSION__ < 201112L)
#define HTMPL_ANON_UNION __extension__ union
#else
#define HTMPL_ANON_UNION union
#endif

/* ---------------------------------------------------------------- errors */

typedef enum htmpl_errcode {
	HTMPL_OK = 0,
	HTMPL_ERR_NOMEM,  /* out of memory (or the memory limit) */
	HTMPL_ERR_USAGE,  /* bad argument or flag */
	HTMPL_ERR_IO,     /* a file could not be read or written */
	HTMPL_ERR_PARSE,  /* template syntax */
	HTMPL_ERR_EXEC,   /* template execution (includes function errors, fail, required) */
	HTMPL_ERR_YAML,   /* YAML in values, Chart.yaml or a rendered manifest */
	HTMPL_ERR_SET,    /* a --set family string */
	HTMPL_ERR_CHART,  /* chart structure, dependencies, archives */
	HTMPL_ERR_SCHEMA, /* values.schema.json validation */
	HTMPL_ERR_LIMIT,  /* a configured limit (depth, size, count) was exceeded */
	HTMPL_ERR_LINT,   /* lint found errors */
} htmpl_errcode;

typedef struct htmpl_error {
	htmpl_errcode code;
	char *message; /* Helm's text for the failure; never NULL when code != HTMPL_OK */
	char *file;    /* where it happened, if known (chart-relative path), else NULL */
	int line, col; /* 1-based line, 0-based byte column as Go prints them; 0 if unknown */
} htmpl_error;

/* Zero-initialises an htmpl_error: `htmpl_error err = HTMPL_ERROR_INIT;` (C and C++). */
#ifdef __cplusplus
#define HTMPL_ERROR_INIT {}
#else
#define HTMPL_ERROR_INIT {HTMPL_OK, NULL, NULL, 0, 0}
#endif

/* Frees what an error holds and zeroes it. NULL is a no-op. */
HTMPL_API void htmpl_error_clear(htmpl_error *err);
/* The message, or "" when err is NULL or clear. Owned by err. */
HTMPL_API const char *htmpl_error_message(const htmpl_error *err);

/* ---------------------------------------------------------------- values */

/* A value is a small tagged union mirroring the Go dynamic types a Helm template sees.
 * The type tag is Go's type: it decides printing (%v, %T), comparison classes and which
 * functions accept the value. Numbers read from YAML are float64, --set integers are int64,
 * template literals are int; they are never merged. */
typedef enum htmpl_type {
	HTMPL_T_INVALID = 0, /* no value at all (a missing map key at the end of a pipeline) */
	HTMPL_T_NIL,         /* a nil interface {} (YAML null, the nil literal) */
	HTMPL_T_BOOL,
	HTMPL_T_INT,        /* Go int */
	HTMPL_T_INT64,      /* Go int64 */
	HTMPL_T_INT32,      /* Go int32 (rune) */
	HTMPL_T_UINT8,      /* Go uint8 (byte) */
	HTMPL_T_UINT32,     /* Go uint32 */
	HTMPL_T_UINT64,     /* Go uint64 */
	HTMPL_T_FLOAT64,
	HTMPL_T_COMPLEX128, /* .c points at two doubles */
	HTMPL_T_STRING,     /* .s; any bytes */
	HTMPL_T_BYTES,      /* []uint8, stored in .s */
	HTMPL_T_LIST,       /* []interface {} in .l */
	HTMPL_T_STRLIST,    /* []string in .l (items are strings) */
	HTMPL_T_INTLIST,    /* []int in .l (items are ints) */
	HTMPL_T_MAP,        /* map[string]interface {} in .m */
	HTMPL_T_STRMAP,     /* map[string]string in .m (values are strings) */
	HTMPL_T_VALUES,     /* chartutil.Values, a named map[string]interface {}, in .m */
	HTMPL_T_OBJECT,     /* a Go struct, pointer or named type with fields and methods, in .o */
	HTMPL_T_LISTLIST,   /* [][]interface {} in .l (items are []interface {}; sprig's chunk) */
} htmpl_type;

typedef struct htmpl_str htmpl_str;     /* immutable bytes: { size_t len; char data[]; } */
typedef struct htmpl_list htmpl_list;   /* growable array of values */
typedef struct htmpl_map htmpl_map;     /* string-keyed map, iterated in sorted key order */
typedef struct htmpl_object htmpl_object;

typedef struct htmpl_value {
	uint8_t type;  /* htmpl_type */
	uint8_t flags; /* internal; 0 for values a caller builds */
	HTMPL_ANON_UNION {
		bool b;
		int64_t i;  /* every signed integer type */
		uint64_t u; /* every unsigned integer type */
		double f;
		double *c; /* complex128: c[0] real, c[1] imaginary */
		htmpl_str *s;
		htmpl_list *l;
		htmpl_map *m;
		htmpl_object *o;
	};
} htmpl_value;

/* ---------------------------------------------------------------- functions */

/* The context of one function call: where results are allocated and how errors are reported.
 * Valid only during the call. */
typedef struct htmpl_call htmpl_call;

/* A template function. argv holds the arguments already converted to the parameter types
 * of the function's signature (see htmpl_env_add_func). Store the result in *result and
 * return true, or call htmpl_call_error() and return false: the template then fails with
 * `error calling NAME: MESSAGE`, as Go does. Built-in functions use this same type. */
typedef bool (*htmpl_func)(htmpl_call *call, size_t argc, const htmpl_value *argv,
                           htmpl_value *result);

/* The htmpl_call functions may be used only inside the function they were passed to, on
 * that call's thread. Values they make live in the render's memory and are freed with it. */

/* Reports an error from a function (printf format; the text follows `error calling NAME: `);
 * always returns false, so `return htmpl_call_error(call, ...)` ends the function. */
HTMPL_API bool htmpl_call_error(htmpl_call *call, const char *fmt, ...) HTMPL_PRINTF(2, 3);
/* The userdata given to htmpl_env_add_func (NULL for built-in functions). */
HTMPL_API void *htmpl_call_userdata(const htmpl_call *call);
/* Makes a string value of n bytes (any bytes, NUL included), copied into the render's memory.
 * False on out of memory, with the call's error already set: return false from the function. */
HTMPL_API bool htmpl_call_string(htmpl_call *call, const char *s, size_t n, htmpl_value *out);

/* Reads a string value: returns its bytes (NUL-terminated, owned by the value, valid as long
 * as the value) and stores the length in *len when len is non-NULL. NULL if v is NULL or not
 * an HTMPL_T_STRING. Thread-safe. */
HTMPL_API const char *htmpl_value_string(const htmpl_value *v, size_t *len);

/* ---------------------------------------------------------------- environment */

/* An environment holds the function registry (Helm's functions preloaded), the clock, the
 * random source and the limits. Build it, then share it read-only between threads. */
typedef struct htmpl_env htmpl_env;

/* New environment with every function Helm exposes, the real clock, the system's random
 * source, the default limits and helm 4.1.4 behaviour (htmpl_env_set_helm_version). NULL on
 * out of memory. Free with htmpl_env_free.
 * The setters below change the environment: call them before it is shared, never while a
 * parse, load or render is using it (they are not synchronised). */
HTMPL_API htmpl_env *htmpl_env_new(void);
/* Frees the environment. NULL is a no-op. Templates, charts and options that borrow it must
 * not be used afterwards. */
HTMPL_API void htmpl_env_free(htmpl_env *env);

/* Adds (or replaces) a template function.
 * name must be one a template can call, checked as Go's text/template checks it (goodName):
 * a letter or '_' first, then letters, digits or '_' (Unicode letters and digits count), and
 * not a word the template lexer takes for syntax (block define else end false if nil range
 * template true with). The names of built-in functions (and, len, upper ...) may be
 * replaced, and break and continue work as names, as in Go.
 * sig describes the Go parameter types, one letter each, so arguments are converted and
 * checked as Go's text/template does (`wrong type for value; expected string; got float64`):
 *   v interface{}   s string   i int   I int64   u uint32   f float64   b bool
 *   m map[string]interface {}   l []interface {}   t time.Time
 * A final '*' makes the last parameter variadic ("sv*" = func(string, ...interface{})).
 * name and sig are copied; userdata is handed back by htmpl_call_userdata and never freed.
 * Returns false with err set: HTMPL_ERR_USAGE for a NULL argument, a bad signature or a bad
 * name (`function name "a b" is not a valid identifier`, Go's panic text, or `function name
 * "if" is a template keyword, so a template could never call it`), HTMPL_ERR_NOMEM on out
 * of memory. Results: store any value in *result (htmpl_value_from_int64, htmpl_call_string,
 * htmpl_call_map_new ... below); a template sees exactly its Go type (printf "%T"). */
HTMPL_API bool htmpl_env_add_func(htmpl_env *env, const char *name, const char *sig, htmpl_func fn,
                                  void *userdata, htmpl_error *err);

/* Clock for now, date and friends: seconds and nanoseconds since the Unix epoch. Default: the
 * real clock; fn NULL restores it. A fixed clock makes renders reproducible. The callback may
 * be called from several threads at once when renders run in parallel. */
typedef void (*htmpl_clock_fn)(void *userdata, int64_t *sec, int32_t *nsec);
HTMPL_API void htmpl_env_set_clock(htmpl_env *env, htmpl_clock_fn fn, void *userdata);
/* Random bytes for randAlphaNum, uuidv4, genPrivateKey ...: fill buf with n bytes and return
 * true, or false to fail the calling function. Default: getrandom(2); fn NULL restores it.
 * Called from any rendering thread, like the clock. */
typedef bool (*htmpl_random_fn)(void *userdata, void *buf, size_t n);
HTMPL_API void htmpl_env_set_random(htmpl_env *env, htmpl_random_fn fn, void *userdata);

typedef enum htmpl_limit {
	HTMPL_LIMIT_INCLUDE_DEPTH,  /* nested include/template/tpl calls (Helm: 1000) */
	HTMPL_LIMIT_PARSE_DEPTH,    /* nesting of template syntax */
	HTMPL_LIMIT_OUTPUT_BYTES,   /* output of one render */
	HTMPL_LIMIT_MEMORY_BYTES,   /* memory of one render */
	HTMPL_LIMIT_YAML_NODES,     /* nodes built from one YAML document (alias bombs) */
	HTMPL_LIMIT_LIST_ITEMS,     /* until/seq/repeat and friends */
	HTMPL_LIMIT_ARCHIVE_BYTES,  /* uncompressed bytes of a chart archive */
	HTMPL_LIMIT_ARCHIVE_ENTRIES,
	HTMPL_LIMIT__COUNT
} htmpl_limit;
/* Limits turn runaway input into an HTMPL_ERR_LIMIT (or parse/exec) error instead of a crash.
 * Defaults: include depth 1000, parse depth 10000, output 1 GiB, memory 4 GiB, YAML nodes and
 * list items 10 million, archive 1 GiB and 100000 entries. UINT64_MAX lifts a limit (deep
 * recursion is still stopped before the C stack runs out); 0 does not mean "none" for every
 * limit. An unknown `which` is ignored (get returns 0). */
HTMPL_API void htmpl_env_set_limit(htmpl_env *env, htmpl_limit which, uint64_t value);
HTMPL_API uint64_t htmpl_env_get_limit(const htmpl_env *env, htmpl_limit which);

/* Which Helm the environment reproduces byte for byte: 4 (helm 4.1.4, the default) or 3
 * (helm 3.17.3). It decides every place where the two differ (docs/HELM4.md lists them):
 * output, error texts, warnings and lint results of every parse, load, render and lint that
 * uses this environment. Returns false, leaving the setting unchanged, when env is NULL or
 * version is neither 3 nor 4. Set it before the environment is shared, like the other
 * setters. get returns the setting (4 for a NULL env). */
HTMPL_API bool htmpl_env_set_helm_version(htmpl_env *env, int version);
HTMPL_API int htmpl_env_get_helm_version(const htmpl_env *env);

/* Threads a render (htmpl_render, htmpl_lint) may use to parse template files and execute
 * the top-level templates: 0 (the default) is the number of online CPUs for a chart with 128
 * KiB of templates or more and 1 below (threads cost about what so small a chart takes), 1
 * is the serial path, and N > 1 uses N threads whatever the chart.
 * The output is byte for byte the serial one. A render runs serially, in Helm's order, when
 * a template writes a value that other templates share (set, unset, merge ... on .Values or
 * $), when a template fails, and when a template draws from a source htmpl_env_set_random
 * installed (so a fixed source gives the same output at every setting); the clock and the functions added
 * with htmpl_env_add_func are then called from several threads. get returns the setting,
 * not the CPU count (0 for a NULL env). */
HTMPL_API void htmpl_env_set_jobs(htmpl_env *env, unsigned jobs);
HTMPL_API unsigned htmpl_env_get_jobs(const htmpl_env *env);

/* ---------------------------------------------------------------- plain templates */

/* A set of parsed templates (text/template's *Template with all its associated templates).
 * Read-only once parsed. */
typedef struct htmpl_template htmpl_template;

/* Parses text (len bytes, need not be NUL-terminated; copied) as template `name` (copied);
 * defines inside it join the set. env is borrowed and must outlive the template. Returns a
 * template to free with htmpl_template_free, or NULL with err set: HTMPL_ERR_PARSE with Go's
 * text (`template: NAME:LINE: MESSAGE`), HTMPL_ERR_USAGE when env or name is NULL (or text
 * is NULL with len > 0), HTMPL_ERR_NOMEM. Thread-safe for different templates. */
HTMPL_API htmpl_template *htmpl_template_parse(const htmpl_env *env, const char *name,
                                               const char *text, size_t len, htmpl_error *err);
/* NULL is a no-op. */
HTMPL_API void htmpl_template_free(htmpl_template *t);

/* Executes template `name` (NULL = the one given to htmpl_template_parse) with dot set to the
 * data parsed from the NUL-terminated YAML text data_yaml (NULL = no data), as Go's
 * ExecuteTemplate with missingkey=zero; `<no value>` is kept, as plain Go prints it.
 * Returns the malloc'ed, NUL-terminated output (caller frees; "" when empty) and its length in
 * *out_len when non-NULL, or NULL with err set: HTMPL_ERR_EXEC with Go's text (`template:
 * NAME:LINE:COL: executing "NAME" at <...>: ...`, also for an unknown name), HTMPL_ERR_YAML
 * for bad data, HTMPL_ERR_LIMIT, HTMPL_ERR_NOMEM, HTMPL_ERR_USAGE when t is NULL.
 * Thread-safe: many threads may execute one template at once. */
HTMPL_API char *htmpl_template_execute(const htmpl_template *t, const char *name,
                                       const char *data_yaml, size_t *out_len, htmpl_error *err);

/* ---------------------------------------------------------------- charts */

typedef struct htmpl_chart htmpl_chart;

/* Loads a chart from a directory or a .tgz/.tar.gz archive, with its subcharts, into memory
 * (files are not read again while rendering). env is borrowed for the archive limits and must
 * outlive the call. Returns the chart (free with htmpl_chart_free) or NULL with err set to
 * Helm's message: HTMPL_ERR_IO (`path "x" not found`), HTMPL_ERR_CHART (structure, Chart.yaml,
 * archives), HTMPL_ERR_LIMIT (archive size or entries), HTMPL_ERR_NOMEM, HTMPL_ERR_USAGE for a
 * NULL argument.
 * The chart is read-only afterwards: many threads may render it at once. Parse once, render
 * many: the chart keeps the parsed templates of its first render and every later render that
 * uses the same environment (htmpl_render_opts_set_env; unchanged functions and parse depth
 * limit) only executes them. */
HTMPL_API htmpl_chart *htmpl_chart_load(const htmpl_env *env, const char *path, htmpl_error *err);
/* NULL is a no-op. */
HTMPL_API void htmpl_chart_free(htmpl_chart *chart);
/* The chart's name from Chart.yaml, owned by the chart; "" when chart is NULL. */
HTMPL_API const char *htmpl_chart_name(const htmpl_chart *chart);

/* What `helm template` takes besides the chart. Build with _new, set fields, free with _free.
 * An options object is not synchronised: build it on one thread; once built, renders on
 * several threads may read it at once. */
typedef struct htmpl_render_opts htmpl_render_opts;

/* Defaults: release "release-name", namespace "default" (helm's), no values, no flags, no
 * environment. NULL on out of memory. */
HTMPL_API htmpl_render_opts *htmpl_render_opts_new(void);
/* Frees the options and every string they copied. NULL is a no-op. */
HTMPL_API void htmpl_render_opts_free(htmpl_render_opts *o);
/* The string setters and adders copy their arguments (the values files are read at render
 * time). They return false when o or the string is NULL, or on out of memory; o is then
 * unchanged. */
HTMPL_API bool htmpl_render_opts_set_release(htmpl_render_opts *o, const char *name);
HTMPL_API bool htmpl_render_opts_set_namespace(htmpl_render_opts *o, const char *ns);
/* -f FILE ("-" = stdin), in order. */
HTMPL_API bool htmpl_render_opts_add_values_file(htmpl_render_opts *o, const char *path);
/* -f given as text already in memory (name is used in messages). */
HTMPL_API bool htmpl_render_opts_add_values_yaml(htmpl_render_opts *o, const char *name,
                                                 const char *yaml, size_t len);
typedef enum htmpl_set_kind {
	HTMPL_SET,         /* --set */
	HTMPL_SET_STRING,  /* --set-string */
	HTMPL_SET_JSON,    /* --set-json */
	HTMPL_SET_FILE,    /* --set-file */
	HTMPL_SET_LITERAL, /* --set-literal */
} htmpl_set_kind;
HTMPL_API bool htmpl_render_opts_add_set(htmpl_render_opts *o, htmpl_set_kind kind, const char *expr);
HTMPL_API bool htmpl_render_opts_set_kube_version(htmpl_render_opts *o, const char *version);
HTMPL_API bool htmpl_render_opts_add_api_versions(htmpl_render_opts *o, const char *csv);
HTMPL_API bool htmpl_render_opts_add_show_only(htmpl_render_opts *o, const char *pattern);

typedef enum htmpl_render_flag {
	HTMPL_RENDER_IS_UPGRADE = 1 << 0,
	HTMPL_RENDER_INCLUDE_CRDS = 1 << 1,
	HTMPL_RENDER_SKIP_TESTS = 1 << 2,
	HTMPL_RENDER_NO_HOOKS = 1 << 3,
	HTMPL_RENDER_SKIP_SCHEMA = 1 << 4,
	HTMPL_RENDER_LINT_MODE = 1 << 5, /* required/fail only log, as in helm lint */
	HTMPL_RENDER_OUTPUT_DIR_RELEASE = 1 << 6, /* output dir gets a <release>/ level */
} htmpl_render_flag;
/* htmpl_render_flag bits, replacing the previous ones. NULL o is a no-op. */
HTMPL_API void htmpl_render_opts_set_flags(htmpl_render_opts *o, unsigned flags);
/* The environment (functions, clock, limits) the render uses; borrowed, must outlive the
 * render. Without one, each render builds a default environment (slower). */
HTMPL_API void htmpl_render_opts_set_env(htmpl_render_opts *o, const htmpl_env *env);
/* --output-dir: htmpl_render writes each manifest to DIR/<source path> (DIR/<release>/... with
 * HTMPL_RENDER_OUTPUT_DIR_RELEASE, helm's --release-name) and returns what helm prints
 * instead: one `wrote PATH` line per piece, then an empty line. NULL turns it off. */
HTMPL_API bool htmpl_render_opts_set_output_dir(htmpl_render_opts *o, const char *dir);

/* Renders the chart as `helm template` prints it. Returns the malloc'ed, NUL-terminated text
 * (caller frees; "" for a chart with no output), its length in *out_len when non-NULL, or NULL
 * with err set to Helm's message (e.g. `parse error at (c/templates/a.yaml:3): unclosed
 * action`; code HTMPL_ERR_PARSE, _EXEC, _YAML, _SET, _SCHEMA, _IO, _LIMIT, _NOMEM, or _USAGE
 * when chart or opts is NULL). Warnings Helm prints on stderr are stored in *warnings when
 * warnings is non-NULL (malloc'ed, caller frees; NULL when there are none), also on failure.
 * Thread-safe: each render works on its own copy of the values in its own memory; chart, opts
 * and env are only read. */
HTMPL_API char *htmpl_render(const htmpl_chart *chart, const htmpl_render_opts *opts,
                             size_t *out_len, char **warnings, htmpl_error *err);


/* ---------------------------------------------------------------- value reports */

/* Beyond Helm: what a render read of its values. The executor records which keys of the
 * coalesced .Values each template looked up and which maps and lists it consumed whole
 * (printed, ranged over, passed to toYaml, merge, pick ...); the rules err on the side of
 * "read" and are listed in the README. Rendering with a report prints exactly what
 * htmpl_render prints. */
typedef enum htmpl_finding_kind {
	HTMPL_FINDING_UNUSED = 1, /* a supplied value that no template read */
	HTMPL_FINDING_MISSING,    /* a key a template looked up that the values lack */
	HTMPL_FINDING_FLOAT,      /* a float64 printed in exponent form (1e+06) */
} htmpl_finding_kind;

/* One finding. Every string is owned by the report and NUL-terminated; absent ones are "". */
typedef struct htmpl_finding {
	htmpl_finding_kind kind;
	const char *path;       /* values path, dots between keys ("db.username"; a dot inside a
	                         * key is written \.) */
	const char *file;       /* UNUSED: the values file, or "--set"; MISSING, FLOAT: the template */
	int line, col;          /* in file; 0 when unknown */
	const char *origin;     /* where the value came from: "values-dev.yaml:12", "--set #2
	                         * (a.b=1)", "todo-app/values.yaml:7"; "" for MISSING */
	const char *suggestion; /* UNUSED: a close key that templates did read; else "" */
	const char *text;       /* FLOAT: what was printed; else "" */
	int guarded;            /* MISSING: 1 when under if/with or default/required/empty/... */
	int from_defaults;      /* UNUSED: from a chart's own values.yaml (HTMPL_REPORT_DEFAULTS) */
} htmpl_finding;

typedef enum htmpl_report_flag {
	HTMPL_REPORT_UNUSED = 1 << 0,   /* values from -f files and the --set family */
	HTMPL_REPORT_DEFAULTS = 1 << 1, /* with UNUSED: the charts' own values.yaml files too */
	HTMPL_REPORT_MISSING = 1 << 2,
	HTMPL_REPORT_FLOAT = 1 << 3,
} htmpl_report_flag;

typedef struct htmpl_report htmpl_report;

/* Renders as htmpl_render does (same text, errors and warnings) and, on success, stores in
 * *report the findings that the htmpl_report_flag bits in `what` ask for (free with
 * htmpl_report_free; NULL on failure): UNUSED in source order, MISSING with the unguarded
 * ones first, then FLOAT. Thread-safe as htmpl_render. */
HTMPL_API char *htmpl_render_report(const htmpl_chart *chart, const htmpl_render_opts *opts,
                                    unsigned what, size_t *out_len, char **warnings,
                                    htmpl_report **report, htmpl_error *err);
/* Number of findings; 0 for NULL. */
HTMPL_API size_t htmpl_report_count(const htmpl_report *r);
/* Finding i, owned by r; NULL when i >= the count. */
HTMPL_API const htmpl_finding *htmpl_report_get(const htmpl_report *r, size_t i);
/* Findings of one kind (0 = all). */
HTMPL_API size_t htmpl_report_count_kind(const htmpl_report *r, htmpl_finding_kind kind);

typedef enum htmpl_report_format {
	HTMPL_REPORT_FORMAT_TEXT,   /* one line per finding: `unused: FILE:LINE: PATH ...` */
	HTMPL_REPORT_FORMAT_JSON,   /* {"findings":[...],"counts":{...}} */
	HTMPL_REPORT_FORMAT_GITHUB, /* ::warning file=...,line=...::... workflow commands */
} htmpl_report_format;
/* The findings as text (malloc'ed, caller frees; "" when there are none in TEXT and GITHUB),
 * each TEXT line starting with prefix (may be NULL). NULL on out of memory. */
HTMPL_API char *htmpl_report_format_text(const htmpl_report *r, htmpl_report_format format,
                                         const char *prefix);
/* NULL is a no-op. */
HTMPL_API void htmpl_report_free(htmpl_report *r);

/* The coalesced values of the chart's top level, as the templates see .Values, in toYaml's
 * form; with show_origin each leaf line ends with `  # ORIGIN` (a -f file:line, `--set #N`,
 * a chart's values.yaml:line, "parent override", "global" ...). Malloc'ed (caller frees), or
 * NULL with err set as htmpl_render sets it for values errors. Warnings as htmpl_render. */
HTMPL_API char *htmpl_values(const htmpl_chart *chart, const htmpl_render_opts *opts,
                             int show_origin, char **warnings, htmpl_error *err);

/* ---------------------------------------------------------------- lint and validation */

/* `helm lint` (v3.17.3) plus htmpl's manifest validation and best-practice rules.
 * Build options with _new, set them, run htmpl_lint(), free with _free. Not thread-safe per
 * options object; separate runs may share an env. */
typedef struct htmpl_lint_opts htmpl_lint_opts;

typedef enum htmpl_lint_flag {
	HTMPL_LINT_STRICT = 1 << 0,         /* --strict: warnings fail the chart */
	HTMPL_LINT_QUIET = 1 << 1,          /* --quiet: only warnings and errors */
	HTMPL_LINT_WITH_SUBCHARTS = 1 << 2, /* --with-subcharts: lint charts/ too */
	HTMPL_LINT_VALIDATE = 1 << 3,       /* --validate: Kubernetes schema validation */
	HTMPL_LINT_RULES = 1 << 4,          /* --rules recommended: best-practice rules */
} htmpl_lint_flag;

typedef enum htmpl_lint_output {
	HTMPL_LINT_OUTPUT_TEXT,   /* helm's format (default) */
	HTMPL_LINT_OUTPUT_JSON,   /* one JSON object: charts, messages, counts */
	HTMPL_LINT_OUTPUT_GITHUB, /* GitHub workflow annotations (::error file=...,line=...::) */
	HTMPL_LINT_OUTPUT_JUNIT,  /* JUnit XML: a testsuite per chart, a testcase per message */
	HTMPL_LINT_OUTPUT_TAP,    /* TAP version 13: a test per chart, messages as diagnostics */
} htmpl_lint_output;

/* NULL on out of memory. */
HTMPL_API htmpl_lint_opts *htmpl_lint_opts_new(void);
/* Frees the options, their copied strings and their render options. NULL is a no-op. */
HTMPL_API void htmpl_lint_opts_free(htmpl_lint_opts *o);
/* A chart directory to lint (repeatable; none = "."). Copied. */
HTMPL_API bool htmpl_lint_opts_add_path(htmpl_lint_opts *o, const char *path);
/* The render options the lint uses for values (-f, --set...), -n and --kube-version; owned by
 * o, set them with the htmpl_render_opts_* setters. The release name is always test-release. */
HTMPL_API htmpl_render_opts *htmpl_lint_opts_render(htmpl_lint_opts *o);
/* htmpl_lint_flag bits (replacing the previous ones) and the report format. Nothing is
 * allocated; NULL o is a no-op. */
HTMPL_API void htmpl_lint_opts_set_flags(htmpl_lint_opts *o, unsigned flags);
HTMPL_API void htmpl_lint_opts_set_output(htmpl_lint_opts *o, htmpl_lint_output output);
/* --schema-location DIR: kubeconform-style JSON schemas (deployment-apps-v1.json,
 * <kind>_<version>.json, <group>/<kind>_<version>.json), tried before the built-in tables.
 * Copied; NULL turns it off. */
HTMPL_API bool htmpl_lint_opts_set_schema_location(htmpl_lint_opts *o, const char *dir);

/* Runs the lint as `helm lint` does. *out and *errout receive what helm prints on stdout and
 * stderr (malloc'ed, NUL-terminated, caller frees; errout gets the `Error: N chart(s) linted,
 * M chart(s) failed` summary when a chart fails, and the engine's [INFO] lines) and *status
 * the exit status (0 or 1). Returns false only when the lint could not run at all (a values
 * file cannot be read, out of memory): err then holds helm's message (`open x: no such file
 * or directory`) and nothing was printed. env may be NULL (a default one is built). */
HTMPL_API bool htmpl_lint(const htmpl_env *env, const htmpl_lint_opts *o, char **out,
                          char **errout, int *status, htmpl_error *err);

/* The value reports (htmpl_report_flag bits) the lint also makes, over each chart's render;
 * 0 (the default) makes none. Nothing is allocated; NULL o is a no-op. */
HTMPL_API void htmpl_lint_opts_set_reports(htmpl_lint_opts *o, unsigned what);
/* htmpl_lint, plus the reports asked for with htmpl_lint_opts_set_reports in *report (free
 * with htmpl_report_free; NULL when none were asked for or the lint could not run). The
 * lint's own output is the same as htmpl_lint's, byte for byte. */
HTMPL_API bool htmpl_lint_report(const htmpl_env *env, const htmpl_lint_opts *o, char **out,
                                 char **errout, int *status, htmpl_report **report,
                                 htmpl_error *err);

/* Validates a `helm template` output stream (documents separated by ---, each with its
 * `# Source:` comment) against the Kubernetes API schema of kube_version (NULL = v1.32; the
 * built-in tables cover 1.28 to 1.35) and the CRDs among the documents, and, when schema_location is non-NULL, the JSON schemas in that
 * folder. *report receives one line per finding,
 *   `SOURCE: KIND "NAME": FIELD.PATH: MESSAGE`
 * (malloc'ed, "" when clean; caller frees). Returns the number of findings, or -1 with err
 * set on out of memory. Thread-safe. */
HTMPL_API long htmpl_validate_manifests(const char *yaml, size_t len, const char *kube_version,
                                        const char *schema_location, char **report,
                                        htmpl_error *err);

/* htmpl_validate flags. */
enum {
	HTMPL_VALIDATE_STRICT_SCHEMAS = 1 << 0, /* a kind with no schema anywhere is a finding */
	HTMPL_VALIDATE_SERIAL = 1 << 1,         /* decode on the calling thread only (as -j 1);
	                                         * else large streams decode on the online CPUs */
};

/* htmpl_validate_manifests and more: custom resources are checked against the
 * CustomResourceDefinitions of chart (its crds/ folder and its subcharts', recursively; chart
 * may be NULL) and those rendered in yaml itself; kube_version picks the table (Kubernetes
 * 1.28 .. 1.35, the nearest outside; NULL = v1.32.0, helm 3's default Capabilities); output is
 * "text" (NULL: the lines of htmpl_validate_manifests), "json" (kubeconform's -output json,
 * plus "document" index and "line"), "junit", "tap" or "github"; all but text end with the
 * summary of valid, invalid and skipped documents. *report is malloc'ed (caller frees).
 * Returns the number of findings, or -1 with err set (out of memory; HTMPL_ERR_USAGE for an
 * unknown output). Thread-safe. */
HTMPL_API long htmpl_validate(const htmpl_chart *chart, const char *yaml, size_t len,
                              const char *kube_version, const char *schema_location, unsigned flags,
                              const char *output, char **report, htmpl_error *err);

/* ---------------------------------------------------------------- version */

/* The library's version as "MAJOR.MINOR.PATCH" (static string). Compare it with
 * HTMPL_VERSION_STRING, the version of the header the program was built with; the major
 * numbers must agree (docs/ABI.md). When major, minor or patch is non-NULL it receives that
 * number. Thread-safe. */
HTMPL_API const char *htmpl_version(int *major, int *minor, int *patch);

/* ---------------------------------------------------------------- reading values */

/* What a custom function receives and what it finds inside maps and lists. None of these
 * allocate. Pointers they return (strings, lists, maps, items) belong to the value's owner:
 * for a function's arguments that is the render, so they stay valid until the function
 * returns and may be stored in its result, but never kept after it. A value is read-only
 * to these functions; many threads may read one value at once, except htmpl_map_at (see
 * there). NULL as v reads as an HTMPL_T_INVALID value. */

/* Go's type of v, HTMPL_T_INVALID when v is NULL. */
HTMPL_API htmpl_type htmpl_value_type(const htmpl_value *v);
/* Go's %T of v ("float64", "[]interface {}", "map[string]interface {}", "<nil>",
 * "*chartutil.Capabilities" ...): a static string. */
HTMPL_API const char *htmpl_value_type_name(const htmpl_value *v);
/* True for HTMPL_T_INVALID and HTMPL_T_NIL (and for NULL). */
HTMPL_API bool htmpl_value_is_nil(const htmpl_value *v);
/* Go's truth as `if` sees it: false, 0, nil, "" and empty lists and maps are false. */
HTMPL_API bool htmpl_value_truth(const htmpl_value *v);

/* The typed readers store the value in *out (when out is non-NULL) and return true when v
 * has a matching type; otherwise they return false and leave *out alone. No conversion
 * between integers and floats takes place: numbers from values files are float64, --set
 * integers int64 and template literals int, as in Helm. */
HTMPL_API bool htmpl_value_get_bool(const htmpl_value *v, bool *out);
/* HTMPL_T_INT, _INT64 and _INT32. */
HTMPL_API bool htmpl_value_get_int(const htmpl_value *v, int64_t *out);
/* HTMPL_T_UINT8, _UINT32 and _UINT64. */
HTMPL_API bool htmpl_value_get_uint(const htmpl_value *v, uint64_t *out);
/* HTMPL_T_FLOAT64. */
HTMPL_API bool htmpl_value_get_float(const htmpl_value *v, double *out);
/* The bytes of an HTMPL_T_BYTES value ([]byte), NUL-terminated after *len bytes, owned like
 * htmpl_value_string's; NULL for any other type. */
HTMPL_API const char *htmpl_value_bytes(const htmpl_value *v, size_t *len);
/* The list of any list type (HTMPL_T_LIST, _STRLIST, _INTLIST, _LISTLIST), or NULL. An
 * empty list, or Go's nil slice, gives a list of length 0 or NULL: check htmpl_list_len. */
HTMPL_API htmpl_list *htmpl_value_list(const htmpl_value *v);
/* The map of any map type (HTMPL_T_MAP, _STRMAP, _VALUES), or NULL. */
HTMPL_API htmpl_map *htmpl_value_map(const htmpl_value *v);
/* A field of an object (HTMPL_T_OBJECT: .Chart, .Release, .Capabilities ... as a template
 * reaches them with `.Chart.Name`): true and *out when the object has a field NAME
 * (NUL-terminated), false otherwise (no such field, only a method, or not an object).
 * The field's value is owned by the object. */
HTMPL_API bool htmpl_value_field(const htmpl_value *v, const char *name, htmpl_value *out);

/* Items: 0 for NULL. */
HTMPL_API size_t htmpl_list_len(const htmpl_list *l);
/* Item i, owned by the list; NULL when l is NULL or i >= len. */
HTMPL_API const htmpl_value *htmpl_list_get(const htmpl_list *l, size_t i);
/* Entries: 0 for NULL. */
HTMPL_API size_t htmpl_map_len(const htmpl_map *m);
/* The value under key (klen bytes, need not be NUL-terminated), owned by the map; NULL when
 * the map is NULL or has no such key. */
HTMPL_API const htmpl_value *htmpl_map_get(const htmpl_map *m, const char *key, size_t klen);
/* Entry i of the map in sorted key order (byte order: Go's range and fmt order), for
 *   for (size_t i = 0; i < htmpl_map_len(m); i++) { v = htmpl_map_at(m, i, &k, &klen); ... }
 * Stores the key (NUL-terminated, owned by the map) in *key and its length in *klen when
 * they are non-NULL and returns the value (owned by the map). NULL when i >= len or when the
 * sorted order could not be built for lack of memory. The first call after the map changed
 * sorts it into a cache inside the map: do not iterate one map from two threads at once
 * unless it has been iterated once before being shared. Changing the map (htmpl_call_map_set)
 * invalidates the pointers it returned. */
HTMPL_API const htmpl_value *htmpl_map_at(htmpl_map *m, size_t i, const char **key, size_t *klen);

/* ---------------------------------------------------------------- building values */

/* Scalars need no memory: these return the value itself, ready to store in *result.
 *   *result = htmpl_value_from_int(42);   // {{ myfunc | printf "%T" }} prints int
 * Go int is 64 bits wide, as on every platform Helm ships for. */
HTMPL_API htmpl_value htmpl_value_nil(void);              /* a nil interface {} */
HTMPL_API htmpl_value htmpl_value_from_bool(bool b);
HTMPL_API htmpl_value htmpl_value_from_int(int64_t i);    /* Go int */
HTMPL_API htmpl_value htmpl_value_from_int64(int64_t i);
HTMPL_API htmpl_value htmpl_value_from_int32(int32_t i);  /* also Go's rune */
HTMPL_API htmpl_value htmpl_value_from_uint8(uint8_t u);  /* also Go's byte */
HTMPL_API htmpl_value htmpl_value_from_uint32(uint32_t u);
HTMPL_API htmpl_value htmpl_value_from_uint64(uint64_t u);
HTMPL_API htmpl_value htmpl_value_from_float64(double f);
/* Wraps a list as []interface {} and a map as map[string]interface {} (l, m borrowed; the
 * value points at them). NULL gives an empty []interface {} (Go's nil slice) or a nil
 * value respectively. */
HTMPL_API htmpl_value htmpl_value_from_list(htmpl_list *l);
HTMPL_API htmpl_value htmpl_value_from_map(htmpl_map *m);

/* Strings, bytes, lists and maps live in the render's memory, so they are made through the
 * call (only inside the function, on its thread; see htmpl_call_string above). They are
 * freed with the render: never free them, never keep them after the function returns.
 * Each returns NULL/false on out of memory with the call's error already set, so the
 * function just returns false. */

/* A []byte value of n bytes copied from p (p may be NULL when n is 0). */
HTMPL_API bool htmpl_call_bytes(htmpl_call *call, const void *p, size_t n, htmpl_value *out);
/* A new, empty list with room for cap items (0 is fine: lists grow). */
HTMPL_API htmpl_list *htmpl_call_list_new(htmpl_call *call, size_t cap);
/* Appends v to l; v is stored as it is (its strings, lists and maps are shared, not
 * copied, as Go's append shares them). Change only lists made with htmpl_call_list_new in
 * this call: lists a function receives may be shared with the chart, other renders or the
 * rest of the template. */
HTMPL_API bool htmpl_call_list_push(htmpl_call *call, htmpl_list *l, htmpl_value v);
/* A new, empty map. */
HTMPL_API htmpl_map *htmpl_call_map_new(htmpl_call *call);
/* Sets key (klen bytes, copied) to v in m, replacing an existing entry. Change only maps made
 * with htmpl_call_map_new in this call (see htmpl_call_list_push); a map of type
 * HTMPL_T_STRMAP must only ever hold strings. */
HTMPL_API bool htmpl_call_map_set(htmpl_call *call, htmpl_map *m, const char *key, size_t klen,
                                  htmpl_value v);

/* ---------------------------------------------------------------- chart contents */

/* What a loaded chart holds. Every pointer returned belongs to the chart and lives as long as
 * it; none may be freed or changed. Thread-safe (the chart is read-only), except that
 * htmpl_map_at on these values builds a sort cache: iterate a chart's maps from one thread
 * first, or from one thread only. */

/* Chart.yaml as loaded (a map: name, version, appVersion, type, dependencies, annotations
 * ...), for reading with the value API. NULL when chart is NULL. */
HTMPL_API const htmpl_value *htmpl_chart_metadata(const htmpl_chart *chart);
/* Chart.yaml's version, appVersion and apiVersion; "" when absent or chart is NULL. */
HTMPL_API const char *htmpl_chart_version(const htmpl_chart *chart);
HTMPL_API const char *htmpl_chart_app_version(const htmpl_chart *chart);
HTMPL_API const char *htmpl_chart_api_version(const htmpl_chart *chart);
/* "application" or "library" (Chart.yaml type; "" when chart is NULL). */
HTMPL_API const char *htmpl_chart_type(const htmpl_chart *chart);
/* Chart.yaml's dependencies (requirements.yaml for apiVersion v1): a list of maps (name,
 * version, repository, condition, alias ...), or a nil value when there are none. */
HTMPL_API const htmpl_value *htmpl_chart_dependencies(const htmpl_chart *chart);
/* values.yaml as loaded: the chart's default values (a map, empty when there is no file). */
HTMPL_API const htmpl_value *htmpl_chart_values(const htmpl_chart *chart);
/* The files under templates/, sorted by path. */
HTMPL_API size_t htmpl_chart_template_count(const htmpl_chart *chart);
/* Template i's path relative to the chart ("templates/deployment.yaml"), with its contents
 * in *data and *len when non-NULL; NULL when i >= the count. */
HTMPL_API const char *htmpl_chart_template(const htmpl_chart *chart, size_t i, const char **data,
                                           size_t *len);
/* The charts loaded from charts/ (folders and archives), in load order; each is read with
 * these same functions and belongs to its parent (never free it). */
HTMPL_API size_t htmpl_chart_subchart_count(const htmpl_chart *chart);
HTMPL_API const htmpl_chart *htmpl_chart_subchart(const htmpl_chart *chart, size_t i);

/* ---------------------------------------------------------------- charts from memory */

/* Loads a chart from a .tgz held in memory (len bytes at data, copied; name is used in
 * messages), as htmpl_chart_load loads an archive file: same result, errors and limits. */
HTMPL_API htmpl_chart *htmpl_chart_load_archive(const htmpl_env *env, const char *name,
                                                const void *data, size_t len, htmpl_error *err);

/* One file of a chart given in memory: a '/'-separated path relative to the chart root
 * ("Chart.yaml", "templates/svc.yaml", "charts/sub/values.yaml") and its bytes. */
typedef struct htmpl_chart_file {
	const char *path;
	const void *data;
	size_t len;
} htmpl_chart_file;
/* Loads a chart from n files in memory, as Helm's loader.LoadFiles (what an archive holds,
 * without the top folder): no .helmignore is applied. name is the chart's folder name, used
 * in messages. Everything is copied; files may be freed afterwards. Errors as
 * htmpl_chart_load, plus HTMPL_ERR_USAGE for a NULL path or a path too long for a tar header
 * (over 255 bytes). */
HTMPL_API htmpl_chart *htmpl_chart_load_files(const htmpl_env *env, const char *name,
                                              const htmpl_chart_file *files, size_t n,
                                              htmpl_error *err);

/* ---------------------------------------------------------------- render results as manifests */

/* One manifest of a render, as `helm template` prints it after `---\n# Source: SOURCE\n`. */
typedef struct htmpl_manifest {
	const char *source; /* "web/templates/deployment.yaml" (crds/ files and hooks too) */
	const char *text;   /* the manifest, len bytes, not NUL-terminated (points into the text) */
	size_t len;
	const char *kind;   /* the document's kind, "" when it has none */
	const char *name;   /* metadata.name, "" when absent */
	const char *hook;   /* the helm.sh/hook annotation ("pre-install,post-upgrade"), or NULL */
} htmpl_manifest;
typedef struct htmpl_manifests htmpl_manifests;

/* Renders as htmpl_render does and also cuts the text into its manifests, in printed order
 * (CRDs with HTMPL_RENDER_INCLUDE_CRDS, then the manifests in Helm's install order, then the
 * hooks). Returns the result (free with htmpl_manifests_free) or NULL with err set as
 * htmpl_render sets it, or HTMPL_ERR_USAGE when opts set an output directory. Warnings as for
 * htmpl_render. Thread-safe as htmpl_render. */
HTMPL_API htmpl_manifests *htmpl_render_manifests(const htmpl_chart *chart,
                                                  const htmpl_render_opts *opts, char **warnings,
                                                  htmpl_error *err);
/* NULL is a no-op. */
HTMPL_API void htmpl_manifests_free(htmpl_manifests *m);
/* Number of manifests; 0 for NULL. */
HTMPL_API size_t htmpl_manifests_count(const htmpl_manifests *m);
/* Manifest i, owned by m; NULL when i >= the count. */
HTMPL_API const htmpl_manifest *htmpl_manifests_get(const htmpl_manifests *m, size_t i);
/* The whole text, exactly what htmpl_render returns (NUL-terminated, owned by m), with its
 * length in *len when non-NULL. */
HTMPL_API const char *htmpl_manifests_text(const htmpl_manifests *m, size_t *len);

/* ---------------------------------------------------------------- helm template --debug */

/* What `helm template --debug` prints on stdout when the rendered manifests do not parse
 * (action.go renderResources): every rendered file but NOTES.txt, as `---\n# Source: NAME\n
 * TEXT`, in name order (helm's order is Go's random map order), trimmed, then a newline.
 * Returns the malloc'ed text (caller frees) and its length in *out_len when non-NULL, or NULL
 * with err set as htmpl_render sets it when rendering itself fails. Thread-safe as
 * htmpl_render. */
HTMPL_API char *htmpl_render_debug_files(const htmpl_chart *chart, const htmpl_render_opts *opts,
                                         size_t *out_len, htmpl_error *err);

#ifdef __cplusplus
}
#endif
#endif
