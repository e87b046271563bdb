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

#if defined(HTMPL_BUILDING) && defined(__GNUC__)
#define HTMPL_API __attribute__((visibility("default")))
#else
#define HTMPL_API
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

#define HTMPL_ERROR_INIT {0}

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
	union {
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
HTMPL_API bool htmpl_call_error(htmpl_call *call, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
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

/* New environment with every function Helm 3.17 exposes, the real clock, the system's random
 * source and the default limits. NULL on out of memory. Free with htmpl_env_free.
 * The setters below change the environment: call them before it is shared, never while a
 * parse, load or render is using it (they are not synchronised). */
HTMPL_API htmpl_env *htmpl_env_new(void);
/* Frees the environment. NULL is a no-op. Templates, charts and options that borrow it must
 * not be used afterwards. */
HTMPL_API void htmpl_env_free(htmpl_env *env);

/* Adds (or replaces) a template function.
 * sig describes the Go parameter types, one letter each, so arguments are converted and
 * checked as Go's text/template does (`wrong type for value; expected string; got float64`):
 *   v interface{}   s string   i int   I int64   u uint32   f float64   b bool
 *   m map[string]interface {}   l []interface {}   t time.Time
 * A final '*' makes the last parameter variadic ("sv*" = func(string, ...interface{})).
 * name and sig are copied; userdata is handed back by htmpl_call_userdata and never freed.
 * Returns false with err set: HTMPL_ERR_USAGE for a NULL argument or a bad signature,
 * HTMPL_ERR_NOMEM on out of memory. */
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
 * The chart is read-only afterwards: many threads may render it at once. */
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
} htmpl_lint_output;

/* NULL on out of memory. */
HTMPL_API htmpl_lint_opts *htmpl_lint_opts_new(void);
HTMPL_API void htmpl_lint_opts_free(htmpl_lint_opts *o);
/* A chart directory to lint (repeatable; none = "."). Copied. */
HTMPL_API bool htmpl_lint_opts_add_path(htmpl_lint_opts *o, const char *path);
/* The render options the lint uses for values (-f, --set...), -n and --kube-version; owned by
 * o, set them with the htmpl_render_opts_* setters. The release name is always test-release. */
HTMPL_API htmpl_render_opts *htmpl_lint_opts_render(htmpl_lint_opts *o);
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

/* Validates a `helm template` output stream (documents separated by ---, each with its
 * `# Source:` comment) against the Kubernetes API schema of kube_version (NULL = v1.32; the
 * built-in tables are v1.32's) and, when schema_location is non-NULL, the JSON schemas in that
 * folder. *report receives one line per finding,
 *   `SOURCE: KIND "NAME": FIELD.PATH: MESSAGE`
 * (malloc'ed, "" when clean; caller frees). Returns the number of findings, or -1 with err
 * set on out of memory. Thread-safe. */
HTMPL_API long htmpl_validate_manifests(const char *yaml, size_t len, const char *kube_version,
                                        const char *schema_location, char **report,
                                        htmpl_error *err);

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
