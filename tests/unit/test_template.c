/* test_template.c - the template engine: lexer items, parse errors, execution, Go builtins,
 * define/template/include/tpl and limits. Expected texts were checked against helm 3.17.3
 * (Go 1.23); the golden file tests/golden/cases/lang-engine.case holds the chart-level cases. */
#include "helm/funcmap.h"
#include "check_run.h"
#include "template/exec.h"
#include "template/lex.h"
#include "data/yaml.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

static henv *ENV;
static harena *A;

static void setup(void)
{
	ENV = hfuncmap_new();
	A = harena_new();
	ck_assert_ptr_nonnull(ENV);
	htmpl_env_set_helm_version(ENV, 3); /* the expectations are helm 3.17.3's */
}

static void teardown(void)
{
	htmpl_env_free(ENV);
	harena_free(A);
}

/* Parses tpl as "t" (plus an optional helper file), runs it with YAML data as dot and
 * returns the output, or "ERR: message" on failure. Static buffer: one result at a time. */
static const char *run2(const char *helpers, const char *tpl, const char *yaml)
{
	static char result[256 * 1024];
	htset *s = htset_new(ENV);
	herr e = HTMPL_ERROR_INIT;
	hv data = hv_invalid();
	hbuf out = HBUF_INIT;
	bool ok = (!helpers || htset_parse(s, "h", helpers, strlen(helpers), &e)) &&
	          htset_parse(s, "t", tpl, strlen(tpl), &e) &&
	          (!yaml || hyaml_load(A, yaml, strlen(yaml), &data, &e));
	if (ok) {
		hexec_opts o = {.arena = A, .max_output = 1 << 20};
		ok = hexec_execute(s, "t", &data, &o, &out, &e);
	}
	if (ok)
		snprintf(result, sizeof result, "%s", hbuf_cstr(&out));
	else
		snprintf(result, sizeof result, "ERR: %s", e.message);
	hbuf_free(&out);
	htmpl_error_clear(&e);
	htset_free(s);
	return result;
}

static const char *run(const char *tpl, const char *yaml) { return run2(NULL, tpl, yaml); }

#define EXPECT(tpl, yaml, want) ck_assert_str_eq(run(tpl, yaml), want)

/* ---------------------------------------------------------------- lexer */

static const char *lex_all(const char *in)
{
	static char buf[2048];
	hlex l;
	hlex_init(&l, in, strlen(in), A);
	hbuf b = HBUF_INIT;
	for (int i = 0; i < 64; i++) {
		hlex_item it = hlex_next(&l);
		hbuf_printf(&b, "%d:", (int)it.typ);
		hlex_item_string(&it, &b);
		hbuf_putc(&b, ' ');
		if (it.typ == HL_EOF || it.typ == HL_ERROR)
			break;
	}
	snprintf(buf, sizeof buf, "%s", hbuf_cstr(&b));
	hbuf_free(&b);
	return buf;
}

START_TEST(lex_items)
{
	char want[256];
	snprintf(want, sizeof want, "%d:\"a \" %d:\"{{\" %d:<.> %d:\"}}\" %d:EOF ", HL_TEXT, HL_LDELIM, HL_DOT,
	         HL_RDELIM, HL_EOF);
	ck_assert_str_eq(lex_all("a {{.}}"), want);
	/* trim markers need a space: {{-3}} is a number */
	snprintf(want, sizeof want, "%d:\"{{\" %d:\"-3\" %d:\"}}\" %d:EOF ", HL_LDELIM, HL_NUMBER, HL_RDELIM, HL_EOF);
	ck_assert_str_eq(lex_all("{{-3}}"), want);
	snprintf(want, sizeof want, "%d:\"x\" %d:\"{{\" %d:\"3\" %d:\"}}\" %d:\"y\" %d:EOF ", HL_TEXT, HL_LDELIM,
	         HL_NUMBER, HL_RDELIM, HL_TEXT, HL_EOF);
	ck_assert_str_eq(lex_all("x \n {{- 3 -}} \t y"), want);
	/* long values are shown as %.10q... */
	snprintf(want, sizeof want, "%d:\"{{\" %d:\"\\\"abcdefghi\"... %d:\"}}\" %d:EOF ", HL_LDELIM, HL_STRING,
	         HL_RDELIM, HL_EOF);
	ck_assert_str_eq(lex_all("{{\"abcdefghijkl\"}}"), want);
	/* a run of spaces before a right trim marker: lexSpace backs up after peeking */
	snprintf(want, sizeof want, "%d:\"{{\" %d:\" \" %d:\"1\" %d:\" \" %d:\"}}\" %d:\"x\" %d:EOF ", HL_LDELIM,
	         HL_SPACE, HL_NUMBER, HL_SPACE, HL_RDELIM, HL_TEXT, HL_EOF);
	ck_assert_str_eq(lex_all("{{ 1  -}} \n x"), want);
}
END_TEST

START_TEST(lex_errors)
{
	ck_assert(strstr(lex_all("{{ \"abc }}"), "unterminated quoted string"));
	ck_assert(strstr(lex_all("{{ `abc }}"), "unterminated raw quoted string"));
	ck_assert(strstr(lex_all("{{ 'a }}"), "unterminated character constant"));
	ck_assert(strstr(lex_all("{{/* x }}"), "unclosed comment"));
	ck_assert(strstr(lex_all("{{/* x */ }}"), "comment ends before closing delimiter"));
	ck_assert(strstr(lex_all("{{ 3k }}"), "bad number syntax: \"3k\""));
	ck_assert(strstr(lex_all("{{ .a-b }}"), "bad character U+002D '-'"));
	ck_assert(strstr(lex_all("{{ € }}"), "unrecognized character in action: U+20AC '€'"));
	ck_assert(strstr(lex_all("{{ ( }}"), "unclosed left paren"));
	ck_assert(strstr(lex_all("{{ ) }}"), "unexpected right paren"));
	ck_assert(strstr(lex_all("{{ : }}"), "expected :="));
	ck_assert(strstr(lex_all("{{ 1"), "unclosed action"));
	ck_assert_str_eq(run("{{ '' }}", NULL), "ERR: template: t:1: invalid syntax");
	ck_assert_str_eq(run("{{ 'ab' }}", NULL), "ERR: template: t:1: malformed character constant: 'ab'");
}
END_TEST

/* ---------------------------------------------------------------- parser */

START_TEST(parse_errors)
{
	EXPECT("{{ nofunc }}", NULL, "ERR: template: t:1: function \"nofunc\" not defined");
	EXPECT("{{ $y }}", NULL, "ERR: template: t:1: undefined variable \"$y\"");
	EXPECT("a\n{{ .x", NULL, "ERR: template: t:2: unclosed action");
	EXPECT("{{ .x\n\n", NULL, "ERR: template: t:3: unclosed action started at t:1");
	EXPECT("{{ if 1 }}", NULL, "ERR: template: t:1: unexpected EOF");
	EXPECT("{{ end }}", NULL, "ERR: template: t:1: unexpected {{end}}");
	EXPECT("{{ }}", NULL, "ERR: template: t:1: missing value for command");
	EXPECT("{{ 1 | 2 }}", NULL, "ERR: template: t:1: non executable command in pipeline stage 2");
	EXPECT("{{ break }}", NULL, "ERR: template: t:1: {{break}} outside {{range}}");
	EXPECT("{{ continue }}", NULL, "ERR: template: t:1: {{continue}} outside {{range}}");
	EXPECT("{{ range $a, $b, $c := . }}{{ end }}", NULL, "ERR: template: t:1: too many declarations in range");
	EXPECT("{{ define \"b\" }}x{{ end }}{{ define \"b\" }}y{{ end }}", NULL,
	       "ERR: template: t:1: template: multiple definition of template \"b\"");
	EXPECT("{{ 'ab' }}", NULL, "ERR: template: t:1: malformed character constant: 'ab'");
	EXPECT("{{ 99999999999999999999 }}", NULL, "ERR: template: t:1: integer overflow: \"99999999999999999999\"");
	EXPECT("{{ \"x\".y }}", NULL, "ERR: template: t:1: unexpected . after term \"\\\"x\\\"\"");
	EXPECT("{{ if 1 }}{{ else }}{{ else }}{{ end }}", NULL, "ERR: template: t:1: expected end; found {{else}}");
	EXPECT("{{ template x }}", NULL, "ERR: template: t:1: unexpected \"x\" in template clause");
	EXPECT("{{ \"\\q\" }}", NULL, "ERR: template: t:1: invalid syntax");
	EXPECT("{{ /* c */ }}", NULL, "ERR: template: t:1: unexpected \"/\" in command");
}
END_TEST

START_TEST(parse_depth_limits)
{
	size_t n = 20000;
	char *t = malloc(n * 20 + 16);
	strcpy(t, "{{ ");
	for (size_t i = 0; i < 10001; i++)
		strcat(t + i, "(");
	/* ASan frames are about four times larger, so the stack guard stops the parse before
	 * Go's count of 10000 does; either way a clean error. */
	const char *r = run(t, NULL);
	ck_assert(strstr(r, "max expression depth exceeded") || (SANITIZED && strstr(r, "max nesting depth exceeded")));
	t[0] = 0;
	char *p = t;
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "{{if 1}}");
	ck_assert(strstr(run(t, NULL), "max nesting depth exceeded"));
	free(t);
}
END_TEST

/* A map that holds itself: Go's fmt recurses until helm's stack overflows; htmpl stops at
 * depth 1000 with an error that says so (docs/DIFFERENCES.md). */
START_TEST(cyclic_print)
{
	const char *self = "{{ $m := dict \"a\" 1 }}{{ $_ := set $m \"s\" (list $m) }}";
	const char *tails[] = {"{{ $m }}", "{{ printf \"%v\" $m }}", "{{ print $m }}", "{{ include \"h\" $m }}"};
	char t[256];
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		snprintf(t, sizeof t, "%s%s", self, tails[i]);
		const char *r = run2("{{ define \"h\" }}{{ . }}{{ end }}", t, NULL);
		ck_assert_msg(strstr(r, "value nests more than 1000 levels deep"), "%s: %s", tails[i], r);
	}
	snprintf(t, sizeof t, "%s{{ len $m }}", self);
	ck_assert_str_eq(run(t, NULL), "2");
}
END_TEST

START_TEST(node_strings)
{
	/* errors print the failing node as Go's Node.String() */
	EXPECT("{{ (1) 2 }}", NULL, "ERR: template: t:1:3: executing \"t\" at <(1) 2>: can't give argument to non-function 1");
	EXPECT("{{ $x := 1 }}{{ $x 2 }}", NULL,
	       "ERR: template: t:1:16: executing \"t\" at <$x>: can't give argument to non-function $x");
	EXPECT("{{ nil }}", NULL, "ERR: template: t:1:3: executing \"t\" at <nil>: nil is not a command");
}
END_TEST

/* ---------------------------------------------------------------- execution */

START_TEST(exec_fields_and_nil)
{
	EXPECT("{{ .a }} {{ .m.k }} {{ .missing }} {{ print .missing }}", "a: x\nm: {k: v}", "x v <no value> <nil>");
	EXPECT("{{ .missing.b }}", "a: 1",
	       "ERR: template: t:1:11: executing \"t\" at <.missing.b>: nil pointer evaluating interface {}.b");
	EXPECT("{{ .s.b }}", "s: str", "ERR: template: t:1:5: executing \"t\" at <.s.b>: can't evaluate field b in type interface {}");
	EXPECT("{{ $x := .s }}{{ $x.b }}", "s: str",
	       "ERR: template: t:1:19: executing \"t\" at <$x.b>: can't evaluate field b in type string");
	EXPECT("{{ $x := .missing }}[{{ $x.b }}]", "a: 1", "[<no value>]");
	EXPECT("{{ .Foo 1 }}", "a: 1", "ERR: template: t:1:3: executing \"t\" at <.Foo>: Foo is not a method but has arguments");
	EXPECT("{{ .a.b.c }}", "a: {}", "ERR: template: t:1:5: executing \"t\" at <.a.b.c>: nil pointer evaluating interface {}.c");
}
END_TEST

START_TEST(exec_control)
{
	EXPECT("{{ if .t }}T{{ else if .f }}F{{ else }}E{{ end }}", "t: false\nf: 1", "F");
	EXPECT("{{ with .m }}{{ .k }}{{ else }}no{{ end }}", "m: {k: v}", "v");
	EXPECT("{{ with .a }}A{{ else with .b }}B{{ . }}{{ end }}", "b: 2", "B2");
	EXPECT("{{ range $i, $e := .l }}{{ $i }}{{ $e }}{{ end }}", "l: [a, b]", "0a1b");
	EXPECT("{{ range $k, $v := .m }}{{ $k }}{{ $v }}{{ end }}", "m: {b: 2, a: 1, B: 0}", "B0a1b2");
	EXPECT("{{ range .l }}x{{ else }}empty{{ end }}", "l: []", "empty");
	EXPECT("{{ range .l }}{{ if eq . 3.0 }}{{ break }}{{ end }}{{ if eq . 1.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}",
	       "l: [1, 2, 3, 4]", "2");
	EXPECT("{{ range \"abc\" }}{{ end }}", NULL, "ERR: template: t:1:9: executing \"t\" at <\"abc\">: range can't iterate over abc");
	EXPECT("{{ range 3 }}{{ end }}", NULL, "ERR: template: t:1:9: executing \"t\" at <3>: range can't iterate over 3");
	EXPECT("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", NULL, "2");
	EXPECT("{{ $x := 0 }}{{ range $x = .l }}{{ end }}{{ $x }}", "l: [p, q]", "q");
}
END_TEST

START_TEST(exec_arguments)
{
	EXPECT("{{ upper 1 }}", NULL, "ERR: template: t:1:9: executing \"t\" at <1>: expected string; found 1");
	EXPECT("{{ upper .missing }}", "a: 1",
	       "ERR: template: t:1:9: executing \"t\" at <.missing>: wrong type for value; expected string; got interface {}");
	EXPECT("{{ .missing | upper }}", "a: 1",
	       "ERR: template: t:1:14: executing \"t\" at <upper>: invalid value; expected string");
	EXPECT("{{ upper nil }}", NULL, "ERR: template: t:1:9: executing \"t\" at <nil>: cannot assign nil to string");
	EXPECT("{{ trunc .num \"abc\" }}", "num: 2",
	       "ERR: template: t:1:9: executing \"t\" at <.num>: wrong type for value; expected int; got float64");
	EXPECT("{{ upper \"a\" \"b\" }}", NULL, "ERR: template: t:1:3: executing \"t\" at <upper>: wrong number of args for upper: want 1 got 2");
	EXPECT("{{ 1 | printf \"%v %v\" 2 }}", NULL, "2 1");
}
END_TEST

/* ---------------------------------------------------------------- builtins */

START_TEST(builtins_logic)
{
	EXPECT("{{ and 1 2 }} {{ and 0 2 }} {{ or 0 \"\" }}|{{ or 0 3 }} {{ not 0 }}", NULL, "2 0 |3 true");
	EXPECT("{{ or 1 (fail \"x\") }}", NULL, "1");
	EXPECT("{{ and }}", NULL, "ERR: template: t:1:3: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0");
}
END_TEST

START_TEST(builtins_len_index)
{
	EXPECT("{{ len \"é\" }} {{ len .l }} {{ len .m }}", "l: [1, 2]\nm: {a: 1}", "2 2 1");
	EXPECT("{{ len 3 }}", NULL, "ERR: template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int");
	EXPECT("{{ len .missing }}", "a: 1", "ERR: template: t:1:3: executing \"t\" at <len .missing>: error calling len: len of nil pointer");
	EXPECT("{{ .missing | len }}", "a: 1",
	       "ERR: template: t:1:14: executing \"t\" at <len>: error calling len: reflect: call of reflect.Value.Type on zero Value");
	EXPECT("{{ index .l 1 }} {{ index .m \"a\" }} {{ index \"abc\" 1 }} {{ index .m \"zz\" }}", "l: [x, y1]\nm: {a: 1}",
	       "y1 1 98 <no value>");
	EXPECT("{{ index .l 5 }}", "l: [x]", "ERR: template: t:1:3: executing \"t\" at <index .l 5>: error calling index: index out of range: 5");
	EXPECT("{{ index .l 1 }}", "l: [x]",
	       "ERR: template: t:1:3: executing \"t\" at <index .l 1>: error calling index: reflect: slice index out of range");
	EXPECT("{{ index .l .i }}", "l: [x]\ni: 0",
	       "ERR: template: t:1:3: executing \"t\" at <index .l .i>: error calling index: cannot index slice/array with type float64");
	EXPECT("{{ index .missing 1 }}", "a: 1",
	       "ERR: template: t:1:3: executing \"t\" at <index .missing 1>: error calling index: index of untyped nil");
	EXPECT("{{ index .m \"a\" \"b\" }}", "m: {}",
	       "ERR: template: t:1:3: executing \"t\" at <index .m \"a\" \"b\">: error calling index: index of nil pointer");
}
END_TEST

START_TEST(builtins_print_escape)
{
	EXPECT("{{ print 1 2 \"c\" 3 4 }}|{{ print nil }}|{{ println \"a\" 1 }}", NULL, "1 2c3 4|<nil>|a 1\n");
	EXPECT("{{ printf \"%d-%s\" 3 \"x\" }}", NULL, "3-x");
	EXPECT("{{ html \"<a href='x'>&\\\"\" }}", NULL, "&lt;a href=&#39;x&#39;&gt;&amp;&#34;");
	EXPECT("{{ html .missing }}", "a: 1", "&lt;no value&gt;");
	EXPECT("{{ js \"a'b\\\"c<d>\\n=\" }}", NULL, "a\\'b\\\"c\\u003Cd\\u003E\\u000A\\u003D");
	EXPECT("{{ urlquery \"a b&c=d/é\" }}", NULL, "a+b%26c%3Dd%2F%C3%A9");
	EXPECT("{{ call .missing }}", "a: 1", "ERR: template: t:1:3: executing \"t\" at <call .missing>: error calling call: call of nil");
	EXPECT("{{ call \"f\" }}", NULL,
	       "ERR: template: t:1:3: executing \"t\" at <call \"f\">: error calling call: non-function \"f\" of type string");
}
END_TEST

START_TEST(builtins_compare)
{
	EXPECT("{{ eq 1 2 3 1 }} {{ eq .f 2.0 }} {{ eq .missing 1 }} {{ eq nil nil }} {{ ne 1 2 }}", "f: 2",
	       "true true false true true");
	EXPECT("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1 2 }} {{ eq (index \"a\" 0) 97 }}", NULL,
	       "true true true false true");
	EXPECT("{{ eq .p 80 }}", "p: 80",
	       "ERR: template: t:1:3: executing \"t\" at <eq .p 80>: error calling eq: incompatible types for comparison");
	EXPECT("{{ eq 1 }}", NULL, "ERR: template: t:1:3: executing \"t\" at <eq 1>: error calling eq: missing argument for comparison");
	EXPECT("{{ lt true false }}", NULL,
	       "ERR: template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison");
	EXPECT("{{ lt .missing 1 }}", "a: 1",
	       "ERR: template: t:1:3: executing \"t\" at <lt .missing 1>: error calling lt: invalid type for comparison");
	EXPECT("{{ eq .m .m }}", "m: {a: x}",
	       "ERR: template: t:1:3: executing \"t\" at <eq .m .m>: error calling eq: non-comparable type map[a:x]: map[string]interface {}");
}
END_TEST

/* ---------------------------------------------------------------- templates */

START_TEST(templates_define_include_tpl)
{
	const char *h = "{{ define \"h\" }}H{{ . }}{{ end }}{{ define \"nv\" }}{{ .missing }}{{ end }}";
	ck_assert_str_eq(run2(h, "{{ template \"h\" 1 }} {{ include \"h\" 2 | quote }}", NULL), "H1 \"H2\"");
	ck_assert_str_eq(run2(h, "{{ include \"nv\" . }}", "a: 1"), "<no value>");
	ck_assert_str_eq(run2(h, "{{ block \"blk\" . }}B{{ end }}", NULL), "B");
	ck_assert_str_eq(run2(h, "{{ include \"nope\" . }}", NULL),
	                 "ERR: template: t:1:3: executing \"t\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"");
	ck_assert_str_eq(run2(h, "{{ template \"nope\" }}", NULL),
	                 "ERR: template: t:1:12: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined");
	ck_assert_str_eq(run2(h, "{{ tpl \"{{ .a }}{{ .missing }}\" . }}", "a: A"), "A");
	ck_assert_str_eq(run2(h, "{{ tpl \"{{ define \\\"h\\\" }}R{{ end }}{{ include \\\"h\\\" . }}\" . }}{{ include \"h\" 0 }}", NULL),
	                 "RH0");
	ck_assert_str_eq(run2(h, "{{ tpl \"{{ .a\" . }}", NULL),
	                 "ERR: template: t:1:3: executing \"t\" at <tpl \"{{ .a\" .>: error calling tpl: cannot parse template \"{{ .a\": template: gotpl:1: unclosed action");
	ck_assert_str_eq(run2(h, "{{ tpl \"{{ .x.y }}\" . }}", "a: 1"),
	                 "ERR: template: t:1:3: executing \"t\" at <tpl \"{{ .x.y }}\" .>: error calling tpl: error during tpl function execution for \"{{ .x.y }}\": template: gotpl:1:5: executing \"gotpl\" at <.x.y>: nil pointer evaluating interface {}.y");
}
END_TEST

START_TEST(templates_set_rules)
{
	htset *s = htset_new(ENV);
	herr e = HTMPL_ERROR_INIT;
	ck_assert(htset_parse(s, "a", "{{ define \"x\" }}A{{ end }}", strlen("{{ define \"x\" }}A{{ end }}"), &e));
	ck_assert(htset_parse(s, "b", "{{ define \"x\" }} {{ end }}", strlen("{{ define \"x\" }} {{ end }}"), &e)); /* empty: keeps A */
	ck_assert(htset_parse(s, "c", "{{ include \"x\" . }}", strlen("{{ include \"x\" . }}"), &e));
	hbuf out = HBUF_INIT;
	hexec_opts o = {.arena = A};
	ck_assert(hexec_execute(s, "c", NULL, &o, &out, &e));
	ck_assert_str_eq(hbuf_cstr(&out), "A");
	ck_assert(htset_parse(s, "d", "{{ define \"x\" }}D{{ end }}", strlen("{{ define \"x\" }}D{{ end }}"), &e)); /* last wins */
	hbuf_reset(&out);
	ck_assert(hexec_execute(s, "c", NULL, &o, &out, &e));
	ck_assert_str_eq(hbuf_cstr(&out), "D");
	ck_assert(!htset_parse(s, "e", "{{ if }}", strlen("{{ if }}"), &e));
	ck_assert_int_eq(e.code, HTMPL_ERR_PARSE);
	ck_assert(htset_has(s, "x") && !htset_has(s, "e"));
	htmpl_error_clear(&e);
	hbuf_free(&out);
	htset_free(s);
}
END_TEST

START_TEST(limits)
{
	ck_assert(strstr(run2("{{ define \"r\" }}{{ template \"r\" . }}{{ end }}", "{{ template \"r\" . }}", NULL),
	                 "exceeded maximum template depth (100000)"));
	ck_assert(strstr(run2("{{ define \"r\" }}{{ include \"r\" . }}{{ end }}", "{{ include \"r\" . }}", NULL),
	                 "rendering template has a nested reference name: r: unable to execute template"));
	char data[1024] = "l: [0";
	for (int i = 1; i < 100; i++)
		sprintf(data + strlen(data), ",%d", i);
	strcat(data, "]");
	const char *big = "{{ range .l }}{{ range $.l }}{{ range $.l }}xxxxxxxxxxxxxxxxxxxx{{ end }}{{ end }}{{ end }}";
	ck_assert(strstr(run(big, data), "exceeds the limit"));
}
END_TEST

START_TEST(public_api)
{
	htmpl_error e = HTMPL_ERROR_INIT;
	htmpl_template *t = htmpl_template_parse(ENV, "p", "{{ .a }}-{{ .missing }}", 23, &e);
	ck_assert_ptr_nonnull(t);
	size_t n;
	char *out = htmpl_template_execute(t, NULL, "a: 1\n", &n, &e);
	ck_assert_str_eq(out, "1-<no value>");
	ck_assert_uint_eq(n, 12);
	free(out);
	ck_assert_ptr_null(htmpl_template_execute(t, "nope", NULL, &n, &e));
	ck_assert_str_eq(e.message, "template: no template \"nope\" associated with template \"p\"");
	htmpl_error_clear(&e);
	htmpl_template_free(t);
	ck_assert_ptr_null(htmpl_template_parse(ENV, "p", "{{", 2, &e));
	ck_assert_str_eq(e.message, "template: p:1: unclosed action");
	htmpl_error_clear(&e);
	htmpl_template_free(NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, lex_items);
	tcase_add_test(tc, lex_errors);
	tcase_add_test(tc, parse_errors);
	tcase_add_test(tc, parse_depth_limits);
	tcase_add_test(tc, cyclic_print);
	tcase_add_test(tc, node_strings);
	tcase_add_test(tc, exec_fields_and_nil);
	tcase_add_test(tc, exec_control);
	tcase_add_test(tc, exec_arguments);
	tcase_add_test(tc, builtins_logic);
	tcase_add_test(tc, builtins_len_index);
	tcase_add_test(tc, builtins_print_escape);
	tcase_add_test(tc, builtins_compare);
	tcase_add_test(tc, templates_define_include_tpl);
	tcase_add_test(tc, templates_set_rules);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, public_api);
	suite_add_tcase(s, tc);
	return check_run(s);
}
