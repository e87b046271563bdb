/* regex_time.c - catastrophic regular expressions answered as Go answers them, in linear time.
 *
 * Patterns that make a backtracking engine take exponential time (nested quantifiers,
 * alternations with overlapping branches, empty-matchable loops) on inputs of up to 20,000
 * characters, through Sprig's regex functions. Go's regexp (and RE2 under htmpl's
 * core/regexp.c) answers each at once. Each case must give the answer helm 3.17.3 printed
 * (recorded below, from `helm template` of the same expressions) within REGEX_BOUND_MS
 * milliseconds (50 by default; meson widens it for sanitizer builds), best of three runs,
 * each with a fresh environment so the pattern is compiled every time. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct rcase {
	const char *name, *expr, *want;
} rcase;

static const rcase cases[] = {
	{"alt-overlap-30",
	 "regexMatch \"^(a|aa)*$\" (printf \"%sb\" (repeat 30 \"a\"))",
	 "false"},
	{"alt-overlap-10k",
	 "regexMatch \"^(a|aa)*$\" (printf \"%sb\" (repeat 10000 \"a\"))",
	 "false"},
	{"nested-plus-40",
	 "regexReplaceAll \"(a+)+$\" (printf \"%sb\" (repeat 40 \"a\")) \"<${1}>\"",
	 "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\""},
	{"nested-plus-10k",
	 "regexReplaceAll \"(a+)+$\" (printf \"%sb\" (repeat 10000 \"a\")) \"<${1}>\" | len",
	 "10001"},
	{"nested-plus-anchored",
	 "regexMatch \"^(a+)+$\" (printf \"%s!\" (repeat 10000 \"a\"))",
	 "false"},
	{"nested-star-y",
	 "regexReplaceAll \"(x*)*y\" (repeat 20000 \"x\") \"z\" | len",
	 "20000"},
	{"same-branches",
	 "regexMatch \"(a|a)*b\" (repeat 10000 \"a\")",
	 "false"},
	{"word-space",
	 "regexMatch \"^(\\\\w+\\\\s?)*$\" (printf \"%s!\" (repeat 2000 \"word \"))",
	 "false"},
	{"empty-loop-findall",
	 "regexFindAll \"(a*)*b\" (repeat 10000 \"a\") -1 | len",
	 "0"},
	{"split-overlap",
	 "regexSplit \"(a|aa)+c\" (printf \"%sb\" (repeat 10000 \"a\")) -1 | len",
	 "1"},
	{"email-like",
	 "regexMatch \"^([a-zA-Z0-9])(([\\\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$\" (printf \"%s!\" (repeat 5000 \"a.\"))",
	 "false"},
	{"bounded-dotstar",
	 "regexMatch \"(.*a){20}\" (repeat 10000 \"b\")",
	 "false"},
	{"lazy-nested",
	 "regexFind \"(a+?)+?b\" (repeat 10000 \"a\")",
	 "\"\""},
	{"fold-alternation",
	 "regexMatch \"(?i)(?:a|A)*(?:a|A)*(?:a|A)*c\" (repeat 10000 \"a\")",
	 "false"},
	{"digits-star",
	 "regexMatch \"^(\\\\d+)*$\" (printf \"%sx\" (repeat 10000 \"1\"))",
	 "false"},
	{"findall-empty-10k",
	 "regexFindAll \"a*?\" (repeat 10000 \"a\") -1 | len",
	 "10001"},
	{"multiline-10k",
	 "regexReplaceAll \"(?m)^\" (repeat 10000 \"a\\n\") \"> \" | len",
	 "40002"},
	{"unicode-class-10k",
	 "regexReplaceAll \"(\\\\p{Greek}+\\\\pL*)+$\" (printf \"%s1\" (repeat 10000 \"\\u03b1\")) \"x\" | len",
	 "20001"},
	{"captures-findall",
	 "regexFindAll \"(a|b|ab|ba)*c\" (repeat 5000 \"ab\") -1 | len",
	 "0"},
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Renders the case once; returns its time in ms, or -1 (with a message) on a wrong answer. */
static double run(const rcase *c)
{
	char text[1024];
	snprintf(text, sizeof text, "{{ %s | printf \"%%#v\" }}", c->expr);
	htmpl_env *env = htmpl_env_new();
	htmpl_error err = HTMPL_ERROR_INIT;
	size_t n = 0;
	double t0 = now();
	htmpl_template *t = env ? htmpl_template_parse(env, "t", text, strlen(text), &err) : NULL;
	char *out = t ? htmpl_template_execute(t, "t", "", &n, &err) : NULL;
	double ms = (now() - t0) * 1000;
	if (!out || n != strlen(c->want) || memcmp(out, c->want, n) != 0) {
		printf("FAIL  %-24s want %s, got %.*s%s\n", c->name, c->want, out ? (int)n : 0, out ? out : "",
		       out ? "" : htmpl_error_message(&err));
		ms = -1;
	}
	free(out);
	htmpl_template_free(t);
	htmpl_env_free(env);
	htmpl_error_clear(&err);
	return ms;
}

int main(void)
{
	const char *b = getenv("REGEX_BOUND_MS");
	double bound = b ? atof(b) : 50;
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double best = 1e9;
		for (int k = 0; k < 3; k++) {
			double ms = run(&cases[i]);
			if (ms < 0) {
				best = -1;
				break;
			}
			if (ms < best)
				best = ms;
		}
		if (best < 0) {
			bad++;
			continue;
		}
		bool slow = best > bound;
		bad += slow;
		printf("%s  %-24s %8.2f ms (bound %.0f)\n", slow ? "SLOW" : "ok  ", cases[i].name, best, bound);
	}
	printf("%zu cases, %d failed\n", sizeof cases / sizeof *cases, bad);
	return bad != 0;
}
