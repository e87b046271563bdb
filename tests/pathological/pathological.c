/* pathological.c - hostile inputs, each bounded in time (cmark's pathological tests for htmpl).
 *
 *   pathological [-v] [NAME...]
 *
 * Every case is generated here (no large files in the tree) and run in a forked child with a
 * hard time bound: the case fails if the child crashes, runs past the bound, or ends in an
 * outcome other than the one expected (a render, a clean error, or a clean error with a given
 * code). The table printed at the end (time, peak RSS) is what docs/ROBUSTNESS.md quotes.
 * Covered: nesting of actions/parentheses/if/range, pipelines, huge lines, include/tpl
 * recursion, output and memory bombs, regex backtracking, YAML/JSON nesting and alias bombs,
 * invalid UTF-8, NUL bytes, CRLF, and malicious archives (absolute paths, `..`, links,
 * devices, duplicates, gzip bombs, entry-count bombs, nested subcharts), --set extremes. */
#include "helm/chart.h"
#include "fuzz_util.h"

#include <htmpl.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Generous: CI machines are shared; unloaded, every case takes < 2 s. Sanitizer builds are
 * slower: meson passes PATHOLOGICAL_BOUND (seconds) for them. */
static int BOUND_SECONDS = 10;

enum { EXPECT_OK = -1, EXPECT_ERROR = -2, EXPECT_ANY = -3 }; /* else an htmpl_errcode */

typedef struct out {
	int code;         /* htmpl_errcode of the result, HTMPL_OK on success */
	char msg[200];    /* start of the error message */
	double lib_secs;  /* time spent in the library (loading + rendering), not in generating */
} out;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------- chart building */

typedef struct chart_in {
	fz_buf tar;
	bool have_chart;
} chart_in;

static void add(chart_in *c, const char *name, const void *data, size_t len)
{
	char path[1024];
	int n = snprintf(path, sizeof path, "c/%s", name);
	if (n < 0 || (size_t)n >= sizeof path)
		n = (int)sizeof path - 1;
	if (!strcmp(name, "Chart.yaml"))
		c->have_chart = true;
	fz_tar_add(&c->tar, path, (size_t)n, '0', data, len);
}

static void adds(chart_in *c, const char *name, const char *text) { add(c, name, text, strlen(text)); }

static void result_of(out *o, bool ok, const htmpl_error *e)
{
	o->code = ok ? HTMPL_OK : e->code ? (int)e->code : HTMPL_ERR_NOMEM;
	snprintf(o->msg, sizeof o->msg, "%s", ok ? "" : htmpl_error_message(e));
}

/* Loads tgz bytes as a chart and renders it with up to two --set flags. */
static void render_tgz(const void *tgz, size_t len, const htmpl_env *env, const char *set1,
                       const char *set2, out *o)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	double t0 = now();
	hchart *c = hchart_load_archive(env, "c.tgz", tgz, len, &err);
	char *text = NULL;
	if (c) {
		htmpl_render_opts *ro = htmpl_render_opts_new();
		htmpl_render_opts_set_env(ro, env);
		htmpl_render_opts_set_release(ro, "rel");
		htmpl_render_opts_set_namespace(ro, "ns");
		if (set1)
			htmpl_render_opts_add_set(ro, HTMPL_SET, set1);
		if (set2)
			htmpl_render_opts_add_set(ro, HTMPL_SET_JSON, set2);
		size_t n;
		char *warn = NULL;
		text = htmpl_render((const htmpl_chart *)c, ro, &n, &warn, &err);
		free(warn);
		htmpl_render_opts_free(ro);
	}
	free(text);
	hchart_free(c);
	o->lib_secs += now() - t0;
	result_of(o, text != NULL, &err);
	htmpl_error_clear(&err);
}

static void render_chart(chart_in *c, const htmpl_env *env, const char *set1, const char *set2, out *o)
{
	if (!c->have_chart)
		adds(c, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	fz_tar_end(&c->tar);
	fz_buf tgz = {0};
	if (c->tar.bad || !fz_gzip(c->tar.p, c->tar.len, &tgz)) {
		o->code = HTMPL_ERR_NOMEM;
		snprintf(o->msg, sizeof o->msg, "harness: could not build the archive");
	} else {
		render_tgz(tgz.p, tgz.len, env, set1, set2, o);
	}
	fz_buf_free(&tgz);
	fz_buf_free(&c->tar);
}

/* A chart whose templates/t.yaml is text (and values.yaml values when non-NULL). */
static void render_template(const htmpl_env *env, const char *text, size_t len, const char *values,
                            size_t vlen, out *o)
{
	chart_in c = {0};
	add(&c, "templates/t.yaml", text, len);
	if (values)
		add(&c, "values.yaml", values, vlen);
	render_chart(&c, env, NULL, NULL, o);
}

/* ---------------------------------------------------------------- generators */

static char *repeat3(const char *pre, const char *mid, const char *post, size_t n, size_t *len)
{
	size_t a = strlen(pre), b = strlen(mid), c = strlen(post);
	char *s = malloc(n * (a + c) + b + 1);
	if (!s)
		abort();
	char *p = s;
	for (size_t i = 0; i < n; i++)
		memcpy(p, pre, a), p += a;
	memcpy(p, mid, b), p += b;
	for (size_t i = 0; i < n; i++)
		memcpy(p, post, c), p += c;
	*p = 0;
	*len = (size_t)(p - s);
	return s;
}

static void nested_tpl(const htmpl_env *env, const char *pre, const char *mid, const char *post,
                       size_t n, out *o)
{
	size_t len;
	char *s = repeat3(pre, mid, post, n, &len);
	render_template(env, s, len, NULL, 0, o);
	free(s);
}

static void tpl(const htmpl_env *env, const char *text, out *o)
{
	render_template(env, text, strlen(text), NULL, 0, o);
}

static void with_values(const htmpl_env *env, const char *t, const char *v, size_t vlen, out *o)
{
	render_template(env, t, strlen(t), v, vlen, o);
}

/* ---------------------------------------------------------------- template cases */

/* "a: {{ " + pre*n + mid + post*n + " }}" */
static void in_action(const htmpl_env *e, const char *pre, const char *mid, const char *post, size_t n, out *o)
{
	size_t len;
	char *s = repeat3(pre, mid, post, n, &len);
	char *t = malloc(len + 16);
	memcpy(t, "a: {{ ", 6);
	memcpy(t + 6, s, len);
	memcpy(t + 6 + len, " }}\n", 4);
	render_template(e, t, len + 10, NULL, 0, o);
	free(s);
	free(t);
}
static void c_parens(const htmpl_env *e, out *o) { in_action(e, "(", "1", ")", 100000, o); }
static void c_parens_ok(const htmpl_env *e, out *o) { in_action(e, "(", "1", ")", 500, o); }
static void c_if(const htmpl_env *e, out *o) { nested_tpl(e, "{{if 1}}", "a: 1", "{{end}}", 100000, o); }
static void c_range(const htmpl_env *e, out *o) { nested_tpl(e, "{{range until 1}}", "a: 1", "{{end}}", 100000, o); }
static void c_with(const htmpl_env *e, out *o) { nested_tpl(e, "{{with 1}}", "a: 1", "{{end}}", 100000, o); }
static void c_unclosed(const htmpl_env *e, out *o) { nested_tpl(e, "{{if 1}}", "a: 1", "", 100000, o); }
static void c_nested_ok(const htmpl_env *e, out *o) { nested_tpl(e, "{{if 1}}{{range until 1}}", "a: 1", "{{end}}{{end}}", 300, o); }
static void c_pipeline(const htmpl_env *e, out *o) { in_action(e, "", "\"x\"", " | upper", 100000, o); }
static void c_actions(const htmpl_env *e, out *o) { nested_tpl(e, "", "a: |\n ", "{{ \"\" }}", 400000, o); }
static void c_comment(const htmpl_env *e, out *o) { nested_tpl(e, "", "a: 1\n", "{{/* x */}}", 200000, o); }

static void c_huge_line(const htmpl_env *e, out *o)
{
	size_t n = 4u << 20;
	char *s = malloc(n + 8);
	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', n);
	s[n + 3] = '\n';
	render_template(e, s, n + 4, NULL, 0, o);
	free(s);
}

static void c_huge_literal(const htmpl_env *e, out *o)
{
	size_t n = 4u << 20;
	char *s = malloc(n + 32);
	memcpy(s, "a: {{ len \"", 11);
	memset(s + 11, 'y', n);
	memcpy(s + 11 + n, "\" }}\n", 5);
	render_template(e, s, n + 16, NULL, 0, o);
	free(s);
}

static void c_include_rec(const htmpl_env *e, out *o) { tpl(e, "{{define \"r\"}}{{include \"r\" .}}{{end}}a: {{include \"r\" .}}", o); }
static void c_template_rec(const htmpl_env *e, out *o) { tpl(e, "{{define \"r\"}}{{template \"r\" .}}{{end}}a: {{template \"r\" .}}", o); }
static void c_tpl_rec(const htmpl_env *e, out *o)
{
	with_values(e, "a: {{ tpl .Values.t . }}", "t: '{{ tpl .Values.t . }}'\n", 27, o);
}
static void c_include_fan(const htmpl_env *e, out *o)
{
	/* 2^30 calls if nothing stops it: each level includes the next twice. */
	chart_in c = {0};
	char buf[8192] = "";
	size_t w = 0;
	for (int i = 0; i < 30; i++)
		w += (size_t)snprintf(buf + w, sizeof buf - w, "{{define \"d%d\"}}{{include \"d%d\" .}}{{include \"d%d\" .}}{{end}}", i, i + 1, i + 1);
	snprintf(buf + w, sizeof buf - w, "{{define \"d30\"}}x{{end}}a: {{ include \"d0\" . | len }}\n");
	adds(&c, "templates/t.yaml", buf);
	render_chart(&c, e, NULL, NULL, o);
}
static void c_output_bomb(const htmpl_env *e, out *o) { tpl(e, "a: |\n{{range until 100000}}{{range until 100000}}xxxxxxxxxxxxxxxxxxxxxxxx{{end}}{{end}}", o); }
static void c_memory_bomb(const htmpl_env *e, out *o) { tpl(e, "{{$s := \"xxxxxxxx\"}}{{range until 64}}{{$s = print $s $s}}{{end}}a: {{ len $s }}", o); }
static void c_list_bomb(const htmpl_env *e, out *o) { tpl(e, "a: {{ until 2000000000 | len }}", o); }
static void c_repeat_bomb(const htmpl_env *e, out *o) { tpl(e, "a: {{ repeat 1000000 (repeat 1000000 \"x\") | len }}", o); }
static void c_regex_bomb(const htmpl_env *e, out *o)
{
	tpl(e, "a: {{ regexMatch \"^(a+)+$\" (printf \"%s!\" (repeat 5000 \"a\")) }}\n"
	       "b: {{ regexReplaceAll \"(x*)*y\" (repeat 20000 \"x\") \"z\" | len }}", o);
}
static void c_printf_width(const htmpl_env *e, out *o) { tpl(e, "a: {{ printf \"%*d|%.*f\" 1000000000 1 1000000000 1.5 | len }}", o); }
static void c_indent_bomb(const htmpl_env *e, out *o) { tpl(e, "a: {{ \"x\\ny\" | indent 2000000000 | len }}", o); }
static void c_dict_nesting(const htmpl_env *e, out *o)
{
	tpl(e, "{{$d := dict}}{{range until 100000}}{{$d = dict \"k\" $d}}{{end}}a: {{ toYaml $d | len }}\n"
	       "b: {{ toJson $d | len }}", o);
}
static void c_self_append(const htmpl_env *e, out *o)
{
	tpl(e, "{{$l := list 1}}{{range until 40}}{{$l = concat $l $l}}{{end}}a: {{ len $l }}", o);
}

static const char bad_utf8[] = "\xff\xfe\xc0\xaf\xe0\x80\xed\xa0\x80\xf4\x90\x80\x80\xc3";
static void c_utf8(const htmpl_env *e, out *o)
{
	char t[4096];
	snprintf(t, sizeof t,
	         "# a: {{ .Values.s | upper | lower | title | quote }}\n# b: {{ trunc 3 .Values.s | quote }}\n"
	         "# c: {{ substr 1 5 .Values.s | quote }}\n# d: {{ wrap 2 .Values.s | quote }}\n"
	         "# e: {{ abbrev 5 .Values.s | quote }}\n# f: {{ initials .Values.s | quote }}\n"
	         "# g: {{ .Values.s | b64enc | b64dec | sha256sum }}\n# h: {{ .Values.s | toJson }}\n"
	         "# i: {{ .Values.s | toYaml | quote }}\n# j: {{ printf \"%%q %%x %%U\" .Values.s .Values.s 65 }}\n"
	         "# k: {{ regexReplaceAll \".\" .Values.s \"x\" | quote }}\n# l: {{ .Values.s | snakecase | camelcase | kebabcase | quote }}\n"
	         "# m: {{ .Values.s | swapcase | nospace | squote }}\n# n: {{ .Values.s | len }}\n"
	         "# o: {{ .Values.s | title | untitle | wrapWith 3 \"\\n# \" }}\n# p: {{ \"%s\" | quote }}\n", bad_utf8);
	char v[256];
	int n = snprintf(v, sizeof v, "s: \"%s\"\n", "\\xff\\xfe\\xc3 \\x80\\xed\\xa0\\x80 ok");
	with_values(e, t, v, (size_t)n, o);
}
static void c_utf8_values(const htmpl_env *e, out *o)
{
	char v[256];
	int n = snprintf(v, sizeof v, "s: %s\nt: [%s]\n", bad_utf8, bad_utf8);
	with_values(e, "a: {{ .Values.s | quote }}\n", v, (size_t)n, o);
}
static void c_nul_template(const htmpl_env *e, out *o)
{
	static const char t[] = "a: x\0y\n{{ \"p\0q\" | quote }}\n{{/* \0 */}}{{ print \"\0\" | len }}\n";
	render_template(e, t, sizeof t - 1, NULL, 0, o);
}
static void c_nul_values(const htmpl_env *e, out *o)
{
	static const char v[] = "a: \"x\\0y\"\nb: x\0y\n";
	with_values(e, "a: {{ .Values.a | quote }}\n", v, sizeof v - 1, o);
}
static void c_crlf(const htmpl_env *e, out *o)
{
	static const char v[] = "a: 1\r\nb:\r\n  c: [1, 2]\r\n  d: |\r\n    x\r\n    y\r\n";
	with_values(e, "a: {{ .Values.a }}\r\n{{- if .Values.b }}\r\nb: {{ toYaml .Values.b | nindent 2 }}\r\n{{- end }}\r\n", v,
	            sizeof v - 1, o);
}
static void c_binary_template(const htmpl_env *e, out *o)
{
	unsigned char t[65536];
	uint64_t s = 42;
	fz_random(&s, t, sizeof t);
	render_template(e, (const char *)t, sizeof t, NULL, 0, o);
}

/* ---------------------------------------------------------------- YAML / JSON cases */

static void c_billion_laughs(const htmpl_env *e, out *o)
{
	char v[4096];
	size_t w = (size_t)snprintf(v, sizeof v, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++)
		w += (size_t)snprintf(v + w, sizeof v - w, "a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n", i, i,
		                      i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	with_values(e, "a: {{ len .Values.a9 }}\n", v, w, o);
}
static void c_laughs_fromyaml(const htmpl_env *e, out *o)
{
	tpl(e, "{{ $y := \"a: &a [x,x,x,x,x,x,x,x,x,x]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\\n"
	       "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\\n"
	       "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\\n"
	       "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\\n\" }}"
	       "a: {{ fromYaml $y | toJson | len }}", o);
}
static void c_laughs_chart_yaml(const htmpl_env *e, out *o)
{
	chart_in c = {0};
	char v[4096];
	size_t w = (size_t)snprintf(v, sizeof v, "apiVersion: v2\nname: c\nversion: 0.1.0\nannotations:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 10; i++)
		w += (size_t)snprintf(v + w, sizeof v - w, "  a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n", i, i,
		                      i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	add(&c, "Chart.yaml", v, w);
	adds(&c, "templates/t.yaml", "a: 1\n");
	render_chart(&c, e, NULL, NULL, o);
}
static void c_yaml_flow_nesting(const htmpl_env *e, out *o)
{
	size_t len;
	char *v = repeat3("[", "1", "]", 100000, &len);
	char *full = malloc(len + 8);
	memcpy(full, "a: ", 3);
	memcpy(full + 3, v, len + 1);
	with_values(e, "a: 1\n", full, len + 3, o);
	free(v);
	free(full);
}
static void c_yaml_block_nesting(const htmpl_env *e, out *o)
{
	size_t n = 3000, w = 0;
	char *v = malloc(n * (n + 5) / 2 + 64);
	for (size_t i = 0; i < n; i++) {
		memset(v + w, ' ', i);
		w += i;
		memcpy(v + w, "k:\n", 3);
		w += 3;
	}
	with_values(e, "a: 1\n", v, w, o);
	free(v);
}
static void c_yaml_huge_scalar(const htmpl_env *e, out *o)
{
	size_t n = 4u << 20;
	char *v = malloc(n + 8);
	memcpy(v, "s: ", 3);
	memset(v + 3, 'z', n);
	v[n + 3] = '\n';
	with_values(e, "a: {{ len .Values.s }}\n", v, n + 4, o);
	free(v);
}
static void c_yaml_many_keys(const htmpl_env *e, out *o)
{
	size_t n = 100000, w = 0;
	char *v = malloc(n * 24);
	for (size_t i = 0; i < n; i++)
		w += (size_t)sprintf(v + w, "k%zu: %zu\n", i * 7919 % n, i);
	with_values(e, "a: {{ len .Values }}\nb: {{ toYaml .Values | len }}\n", v, w, o);
	free(v);
}
/* One line of 100 000 flow mappings in a flow sequence: the goyaml.v2 flow rules look up each
 * mapping's text, which must not rescan the line each time. */
static void c_yaml_flow_maps(const htmpl_env *e, out *o)
{
	size_t n = 100000, w = 0;
	char *v = malloc(n * 16 + 16);
	w += (size_t)sprintf(v, "k: [");
	for (size_t i = 0; i < n; i++)
		w += (size_t)sprintf(v + w, "%s{a: %zu}", i ? ", " : "", i);
	w += (size_t)sprintf(v + w, "]\n");
	with_values(e, "a: {{ len .Values.k }}\n", v, w, o);
	free(v);
}
static void c_json_nesting(const htmpl_env *e, out *o)
{
	size_t len;
	char *v = repeat3("[", "1", "]", 100000, &len);
	char *t = malloc(len + 64);
	int n = sprintf(t, "a: {{ fromJson `%s` | len }}\n", v);
	render_template(e, t, (size_t)n, NULL, 0, o);
	free(v);
	free(t);
}
static void c_set_json_nesting(const htmpl_env *e, out *o)
{
	size_t len;
	char *v = repeat3("{\"a\":", "1", "}", 100000, &len);
	char *set = malloc(len + 8);
	sprintf(set, "x=%s", v);
	chart_in c = {0};
	adds(&c, "templates/t.yaml", "a: 1\n");
	render_chart(&c, e, NULL, set, o);
	free(v);
	free(set);
}

/* ---------------------------------------------------------------- --set cases */

static void set_case(const htmpl_env *e, const char *set, out *o)
{
	chart_in c = {0};
	adds(&c, "templates/t.yaml", "a: {{ toJson .Values | len }}\n");
	render_chart(&c, e, set, NULL, o);
}
static void c_set_index(const htmpl_env *e, out *o) { set_case(e, "a[65537]=1", o); }
static void c_set_index_big(const htmpl_env *e, out *o) { set_case(e, "a[99999999999999999999]=1", o); }
static void c_set_index_max(const htmpl_env *e, out *o) { set_case(e, "a[65536]=1", o); }
static void c_set_nesting(const htmpl_env *e, out *o)
{
	char s[512] = "";
	for (int i = 0; i < 40; i++)
		strcat(s, "a.");
	strcat(s, "b=1");
	set_case(e, s, o);
}
static void c_set_nested_lists(const htmpl_env *e, out *o)
{
	size_t len;
	char *v = repeat3("", "a", "[0]", 10000, &len);
	char *set = malloc(len + 8);
	sprintf(set, "%s=1", v);
	set_case(e, set, o);
	free(v);
	free(set);
}
static void c_set_many(const htmpl_env *e, out *o)
{
	size_t n = 200000, w = 0;
	char *s = malloc(n * 16);
	for (size_t i = 0; i < n; i++)
		w += (size_t)sprintf(s + w, "%sk%zu=%zu", i ? "," : "", i, i);
	set_case(e, s, o);
	free(s);
}
static void c_set_braces(const htmpl_env *e, out *o)
{
	size_t len;
	char *v = repeat3("{", "1", "}", 100000, &len);
	char *set = malloc(len + 8);
	sprintf(set, "x=%s", v);
	set_case(e, set, o);
	free(v);
	free(set);
}

/* ---------------------------------------------------------------- archive cases */

static void raw_archive(const htmpl_env *e, fz_buf *tar, out *o)
{
	fz_buf tgz = {0};
	fz_tar_end(tar);
	if (!fz_gzip(tar->p, tar->len, &tgz))
		abort();
	render_tgz(tgz.p, tgz.len, e, NULL, NULL, o);
	fz_buf_free(&tgz);
	fz_buf_free(tar);
}

static void entry_case(const htmpl_env *e, const char *name, char type, const char *data, out *o)
{
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
	fz_buf t = {0};
	fz_tar_add(&t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1);
	fz_tar_add(&t, name, strlen(name), type, data, strlen(data));
	raw_archive(e, &t, o);
}
static void c_ar_absolute(const htmpl_env *e, out *o) { entry_case(e, "c//etc/passwd", '0', "x", o); }
static void c_ar_absolute2(const htmpl_env *e, out *o) { entry_case(e, "/etc/passwd", '0', "x", o); }
static void c_ar_dotdot(const htmpl_env *e, out *o) { entry_case(e, "c/../../x.yaml", '0', "x", o); }
static void c_ar_symlink(const htmpl_env *e, out *o) { entry_case(e, "c/templates/l.yaml", '2', "", o); }
static void c_ar_hardlink(const htmpl_env *e, out *o) { entry_case(e, "c/templates/h.yaml", '1', "", o); }
static void c_ar_chardev(const htmpl_env *e, out *o) { entry_case(e, "c/templates/d", '3', "", o); }
static void c_ar_blockdev(const htmpl_env *e, out *o) { entry_case(e, "c/templates/b", '4', "", o); }
static void c_ar_fifo(const htmpl_env *e, out *o) { entry_case(e, "c/templates/f", '6', "", o); }
static void c_ar_dup(const htmpl_env *e, out *o)
{
	fz_buf t = {0};
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
	fz_tar_add(&t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1);
	fz_tar_add(&t, "c/templates/a.yaml", 18, '0', "a: 1\n", 5);
	fz_tar_add(&t, "c/templates/./a.yaml", 20, '0', "a: 2\n", 5);
	raw_archive(e, &t, o);
}
static void c_ar_pax_dotdot(const htmpl_env *e, out *o)
{
	fz_buf t = {0};
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
	static const char pax[] = "26 path=c/../../../x.yaml\n";
	fz_tar_add(&t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1);
	fz_tar_add(&t, "pax", 3, 'x', pax, sizeof pax - 1);
	fz_tar_add(&t, "c/templates/ok.yaml", 19, '0', "a: 1\n", 5);
	raw_archive(e, &t, o);
}
static void c_ar_truncated_size(const htmpl_env *e, out *o)
{
	fz_buf t = {0};
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
	fz_tar_add(&t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1);
	fz_tar_add(&t, "c/templates/a.yaml", 18, '0', "a: 1\n", 5);
	/* claim 8 GiB for the last entry */
	snprintf((char *)t.p + t.len - 1024 + 124, 12, "%011llo", (8ull << 30) - 1);
	fz_tar_checksum(t.p + t.len - 1024);
	t.len -= 512;
	fz_buf tgz = {0};
	fz_gzip(t.p, t.len, &tgz);
	render_tgz(tgz.p, tgz.len, e, NULL, NULL, o);
	fz_buf_free(&tgz);
	fz_buf_free(&t);
}
static void c_ar_gzip_bomb(const htmpl_env *e, out *o)
{
	/* 2 GiB of zeros in about 2 MB: a valid Chart.yaml entry and 64 MiB of zeros, then 31 more
	 * gzip members of 64 MiB of zeros each (gzip readers take concatenated members). */
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
	fz_buf t = {0}, first = {0}, rest = {0}, all = {0};
	fz_tar_add(&t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1);
	size_t head = t.len, n = 64u << 20;
	unsigned char *zeros = calloc(1, n + head);
	memcpy(zeros, t.p, head);
	fz_gzip(zeros, n + head, &first);
	fz_gzip(zeros + head, n, &rest);
	fz_put(&all, first.p, first.len);
	for (int i = 1; i < 32; i++)
		fz_put(&all, rest.p, rest.len);
	free(zeros);
	render_tgz(all.p, all.len, e, NULL, NULL, o);
	fz_buf_free(&t);
	fz_buf_free(&first);
	fz_buf_free(&rest);
	fz_buf_free(&all);
}
static void c_ar_entries(const htmpl_env *e, out *o)
{
	chart_in c = {0};
	char name[64];
	for (int i = 0; i < 150000; i++) {
		snprintf(name, sizeof name, "files/f%d", i);
		add(&c, name, "", 0);
	}
	adds(&c, "templates/t.yaml", "a: 1\n");
	render_chart(&c, e, NULL, NULL, o);
}
static void c_ar_deep_subcharts(const htmpl_env *e, out *o)
{
	chart_in c = {0};
	char path[8192] = "", name[8300];
	for (int i = 0; i < 25; i++) { /* 25 levels: ustar names stop at 255 bytes */
		snprintf(name, sizeof name, "%sChart.yaml", path);
		adds(&c, name, "apiVersion: v2\nname: s\nversion: 0.1.0\n");
		snprintf(name, sizeof name, "%stemplates/t.yaml", path);
		adds(&c, name, "a: {{ .Chart.Name }}\n");
		strcat(path, "charts/s/");
	}
	render_chart(&c, e, NULL, NULL, o);
}
static void c_ar_nested_tgz(const htmpl_env *e, out *o)
{
	/* charts/sub.tgz inside charts/sub.tgz ... 20 levels deep. */
	static const char chart[] = "apiVersion: v2\nname: s\nversion: 0.1.0\n";
	fz_buf inner = {0};
	for (int level = 0; level < 20; level++) {
		fz_buf t = {0}, z = {0};
		fz_tar_add(&t, "s/Chart.yaml", 12, '0', chart, sizeof chart - 1);
		fz_tar_add(&t, "s/templates/t.yaml", 18, '0', "a: 1\n", 5);
		if (inner.len)
			fz_tar_add(&t, "s/charts/s.tgz", 14, '0', inner.p, inner.len);
		fz_tar_end(&t);
		fz_gzip(t.p, t.len, &z);
		fz_buf_free(&t);
		fz_buf_free(&inner);
		inner = z;
	}
	render_tgz(inner.p, inner.len, e, NULL, NULL, o);
	fz_buf_free(&inner);
}
static void c_ar_garbage(const htmpl_env *e, out *o)
{
	unsigned char b[4096];
	uint64_t s = 7;
	fz_random(&s, b, sizeof b);
	b[0] = 0x1f, b[1] = 0x8b, b[2] = 8, b[3] = 0;
	render_tgz(b, sizeof b, e, NULL, NULL, o);
}
static void c_files_escape(const htmpl_env *e, out *o)
{
	chart_in c = {0};
	adds(&c, "templates/t.yaml",
	     "a: {{ .Files.Get \"../../../../etc/passwd\" | len }}\nb: {{ .Files.Get \"/etc/passwd\" | len }}\n"
	     "c: {{ range $p, $_ := .Files.Glob \"../**\" }}{{ $p }}{{ end }}\nd: {{ .Files.Get \"files/../../Chart.yaml\" | len }}\n");
	render_chart(&c, e, NULL, NULL, o);
	if (o->code == HTMPL_OK)
		snprintf(o->msg, sizeof o->msg, "ok");
}

/* ---------------------------------------------------------------- runner */

typedef struct pcase {
	const char *name;
	void (*run)(const htmpl_env *, out *);
	int expect;        /* EXPECT_OK, EXPECT_ERROR, EXPECT_ANY or an htmpl_errcode */
	uint64_t mem_mib;  /* HTMPL_LIMIT_MEMORY_BYTES for the case in MiB; 0: the default */
	const char *xfail; /* a known, reported bug: failing is expected (XFAIL), passing is XPASS */
} pcase;

#define SMALL_MEM 256 /* bombs whose only bound is memory run with 256 MiB, not 4 GiB */

static const pcase cases[] = {
	{"nested-parens", c_parens, EXPECT_ERROR},
	{"nested-parens-500", c_parens_ok, EXPECT_OK},
	{"nested-if", c_if, EXPECT_ERROR},
	{"nested-range", c_range, EXPECT_ERROR},
	{"nested-with", c_with, EXPECT_ERROR},
	{"unclosed-if", c_unclosed, EXPECT_ERROR},
	{"nested-300-ok", c_nested_ok, EXPECT_OK},
	{"long-pipeline", c_pipeline, EXPECT_OK},
	{"400k-actions", c_actions, EXPECT_OK},
	{"many-comments", c_comment, EXPECT_OK},
	{"huge-line-4MiB", c_huge_line, EXPECT_OK},
	{"huge-literal-4MiB", c_huge_literal, EXPECT_OK},
	{"include-recursion", c_include_rec, HTMPL_ERR_EXEC},
	{"template-recursion", c_template_rec, HTMPL_ERR_EXEC},
	{"tpl-recursion", c_tpl_rec, HTMPL_ERR_EXEC},
	{"include-fanout-2^30", c_include_fan, HTMPL_ERR_LIMIT, SMALL_MEM},
	{"output-bomb", c_output_bomb, HTMPL_ERR_LIMIT},
	{"memory-bomb", c_memory_bomb, HTMPL_ERR_LIMIT, SMALL_MEM},
	{"until-2e9", c_list_bomb, EXPECT_ERROR},
	{"repeat-1e12", c_repeat_bomb, EXPECT_ERROR},
	{"regex-backtracking", c_regex_bomb, EXPECT_OK}, /* answered in linear time: regex_time.c */
	{"printf-huge-width", c_printf_width, EXPECT_OK},
	{"indent-2e9", c_indent_bomb, HTMPL_ERR_LIMIT, SMALL_MEM},
	{"dict-nesting-100k", c_dict_nesting, EXPECT_ANY},
	{"concat-doubling", c_self_append, HTMPL_ERR_LIMIT, SMALL_MEM},
	{"invalid-utf8-functions", c_utf8, EXPECT_ANY},
	{"invalid-utf8-values", c_utf8_values, EXPECT_ERROR},
	{"nul-in-template", c_nul_template, EXPECT_ERROR},
	{"nul-in-values", c_nul_values, EXPECT_ERROR},
	{"crlf", c_crlf, EXPECT_OK},
	{"random-bytes-template", c_binary_template, EXPECT_ERROR},
	{"billion-laughs-values", c_billion_laughs, EXPECT_ERROR},
	{"billion-laughs-fromYaml", c_laughs_fromyaml, EXPECT_ANY},
	{"billion-laughs-Chart.yaml", c_laughs_chart_yaml, EXPECT_ERROR},
	{"yaml-flow-nesting-100k", c_yaml_flow_nesting, EXPECT_ERROR},
	{"yaml-block-nesting-3k", c_yaml_block_nesting, EXPECT_ERROR},
	{"yaml-scalar-4MiB", c_yaml_huge_scalar, EXPECT_OK},
	{"yaml-100k-keys", c_yaml_many_keys, EXPECT_OK},
	{"yaml-flow-100k-maps", c_yaml_flow_maps, EXPECT_OK},
	{"fromJson-nesting-100k", c_json_nesting, EXPECT_ANY},
	{"set-json-nesting-100k", c_set_json_nesting, EXPECT_ERROR},
	{"set-index-65537", c_set_index, HTMPL_ERR_SET},
	{"set-index-1e20", c_set_index_big, HTMPL_ERR_SET},
	{"set-index-65536", c_set_index_max, EXPECT_OK},
	{"set-nesting-40", c_set_nesting, HTMPL_ERR_SET},
	{"set-nested-lists-10k", c_set_nested_lists, EXPECT_ANY},
	{"set-200k-keys", c_set_many, EXPECT_OK},
	{"set-braces-100k", c_set_braces, EXPECT_ANY},
	{"archive-absolute-path", c_ar_absolute, HTMPL_ERR_CHART},
	{"archive-leading-slash", c_ar_absolute2, EXPECT_OK},
	{"archive-dotdot", c_ar_dotdot, HTMPL_ERR_CHART},
	{"archive-symlink", c_ar_symlink, HTMPL_ERR_CHART},
	{"archive-hardlink", c_ar_hardlink, HTMPL_ERR_CHART},
	{"archive-chardev", c_ar_chardev, HTMPL_ERR_CHART},
	{"archive-blockdev", c_ar_blockdev, HTMPL_ERR_CHART},
	{"archive-fifo", c_ar_fifo, HTMPL_ERR_CHART},
	{"archive-duplicate", c_ar_dup, HTMPL_ERR_CHART},
	{"archive-pax-dotdot", c_ar_pax_dotdot, HTMPL_ERR_CHART},
	{"archive-size-8GiB-truncated", c_ar_truncated_size, EXPECT_ERROR},
	{"archive-gzip-bomb-2GiB", c_ar_gzip_bomb, HTMPL_ERR_LIMIT},
	{"archive-150k-entries", c_ar_entries, HTMPL_ERR_LIMIT},
	{"archive-25-nested-subcharts", c_ar_deep_subcharts, EXPECT_ANY},
	{"archive-20-nested-tgz", c_ar_nested_tgz, EXPECT_OK},
	{"archive-garbage", c_ar_garbage, HTMPL_ERR_CHART},
	{"files-escape", c_files_escape, EXPECT_OK},
};

static bool outcome_ok(int expect, int code)
{
	if (expect == EXPECT_OK)
		return code == HTMPL_OK;
	if (expect == EXPECT_ERROR)
		return code != HTMPL_OK;
	if (expect == EXPECT_ANY)
		return code >= 0;
	return code == expect;
}

/* Runs one case in a child; returns true if it passed. */
static bool run_case(const pcase *c, bool verbose)
{
	int fd[2];
	if (pipe(fd))
		return false;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		alarm(BOUND_SECONDS * 6); /* the parent judges the bound; this only stops a hang */
		htmpl_env *env = htmpl_env_new();
		uint64_t seed = 1;
		htmpl_env_set_random(env, fz_random, &seed);
		if (c->mem_mib)
			htmpl_env_set_limit(env, HTMPL_LIMIT_MEMORY_BYTES, c->mem_mib << 20);
		out o = {0};
		c->run(env, &o);
		htmpl_env_free(env);
		ssize_t w = write(fd[1], &o, sizeof o);
		_exit(w == (ssize_t)sizeof o ? 0 : 3);
	}
	close(fd[1]);
	out o = {.code = -1};
	ssize_t got = read(fd[0], &o, sizeof o);
	close(fd[0]);
	int status = 0;
	struct rusage ru;
	wait4(pid, &status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	bool crashed = !WIFEXITED(status) || WEXITSTATUS(status) != 0 || got != (ssize_t)sizeof o;
	bool slow = secs > BOUND_SECONDS && (crashed || o.lib_secs > BOUND_SECONDS);
	bool ok = !crashed && !slow && outcome_ok(c->expect, o.code);
	const char *verdict = ok ? (c->xfail ? "XPASS" : "ok") : (c->xfail ? "XFAIL" : "FAIL");
	printf("%-5s %-30s %7.3fs %7ld MiB  ", verdict, c->name, crashed ? secs : o.lib_secs,
	       ru.ru_maxrss / 1024);
	if (crashed)
		printf("crashed (%s %d)\n", WIFSIGNALED(status) ? "signal" : "exit",
		       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	else
		printf("code %d%s %.*s\n", o.code, slow ? " TOO SLOW" : "", verbose ? 200 : 90, o.msg);
	if (c->xfail && !ok)
		printf("      known bug: %s\n", c->xfail);
	return ok || c->xfail;
}

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	int first = verbose ? 2 : 1, failed = 0, ran = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *b = getenv("PATHOLOGICAL_BOUND");
	if (b && atoi(b) > 0)
		BOUND_SECONDS = atoi(b);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool want = argc <= first;
		for (int a = first; a < argc; a++)
			want |= !strcmp(argv[a], cases[i].name);
		if (!want)
			continue;
		ran++;
		failed += !run_case(&cases[i], verbose);
	}
	printf("%d/%d pathological cases passed (bound %ds each)\n", ran - failed, ran, BOUND_SECONDS);
	return failed ? 1 : 0;
}
