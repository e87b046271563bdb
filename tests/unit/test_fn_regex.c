/* test_fn_regex.c - Go's regexp (core/regexp.c on RE2) and Sprig's regex functions
 * (sprig/regex.c): RE2 syntax errors with Go's texts, FindAll/ReplaceAll/Split iteration and
 * Expand, Go's answers where a backtracking engine differs, the pattern cache (also from many
 * threads). Checked against helm v3.17.3 (tests/golden/cases/regex.case, regex-go.case). */
#include "check_run.h"
#include "fn_test_util.h"
#include "core/regexp.h"

#include <pthread.h>
#include <stdlib.h>

START_TEST(syntax_errors)
{
	ERR_EQ("regexp: Compile(`(`): error parsing regexp: missing closing ): `(`", "regexFind", S_("("), S_("x"));
	ERR_EQ("error parsing regexp: missing closing ): `(`", "mustRegexFind", S_("("), S_("x"));
	ERR_EQ("error parsing regexp: invalid escape sequence: `\\1`", "mustRegexFind", S_("(a)\\1"), S_("x"));
	ERR_EQ("error parsing regexp: invalid or unsupported Perl syntax: `(?=`", "mustRegexMatch", S_("(?=x)"), S_("x"));
	ERR_EQ("error parsing regexp: invalid named capture: `(?<=x)`", "mustRegexMatch", S_("(?<=x)"), S_("x"));
	ERR_EQ("error parsing regexp: invalid or unsupported Perl syntax: `(?P`", "mustRegexMatch", S_("(?P=n)"), S_("x"));
	ERR_EQ("error parsing regexp: invalid nested repetition operator: `**`", "mustRegexMatch", S_("a**"), S_("x"));
	ERR_EQ("error parsing regexp: invalid nested repetition operator: `*?+`", "mustRegexMatch", S_("a*?+"), S_("x"));
	ERR_EQ("error parsing regexp: missing argument to repetition operator: `*`", "mustRegexMatch", S_("(|*)"), S_("x"));
	ERR_EQ("error parsing regexp: invalid repeat count: `{1001}`", "mustRegexMatch", S_("a{1001}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid character class range: `z-a`", "mustRegexMatch", S_("[z-a]"), S_("x"));
	ERR_EQ("error parsing regexp: invalid character class range: `[:foo:]`", "mustRegexMatch", S_("[[:foo:]]"), S_("x"));
	ERR_EQ("error parsing regexp: invalid character class range: `\\p{Foo}`", "mustRegexMatch", S_("\\p{Foo}"), S_("x"));
	ERR_EQ("error parsing regexp: unexpected ): `a)`", "mustRegexMatch", S_("a)"), S_("x"));
	ERR_EQ("error parsing regexp: trailing backslash at end of expression: ``", "mustRegexMatch", S_("\\"), S_("x"));
	ERR_EQ("error parsing regexp: missing closing ]: `[a`", "mustRegexMatch", S_("[a"), S_("x"));
	ERR_EQ("error parsing regexp: invalid nested repetition operator: `{2}{3}`", "mustRegexMatch", S_("x{2}{3}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid or unsupported Perl syntax: `(?i`", "mustRegexMatch", S_("(?i"), S_("x"));
	hv r;
	ck_assert(fcall("regexMatch", ARGS(S_("("), S_("x")), &r) && r.type == HT_BOOL && !r.b);
}
END_TEST

START_TEST(matching)
{
	hv r;
	ck_assert(fcall("regexMatch", ARGS(S_("^[a-z]+\\d$"), S_("abc1")), &r) && r.b);
	ck_assert(fcall("regexMatch", ARGS(S_("a$"), S_("a\n")), &r) && !r.b);
	ck_assert(fcall("regexMatch", ARGS(S_("(?m)a$"), S_("a\nb")), &r) && r.b);
	ck_assert(fcall("regexMatch", ARGS(S_("\\s"), S_("\v")), &r) && !r.b);
	ck_assert(fcall("regexMatch", ARGS(S_("(?i)É"), S_("é")), &r) && r.b);
	ck_assert(fcall("regexMatch", ARGS(S_("a{,2}"), S_("a{,2}")), &r) && r.b);
	STR_EQ("abcabc", "regexFind", S_("[a-c]+"), S_("xxabcabc"));
	STR_EQ("", "regexFind", S_("z"), S_("abc"));
	STR_EQ("a|b", "regexFind", S_("a\\|b"), S_("a|b"));
	STR_EQ("x.y", "regexFind", S_("\\Qx.y\\E"), S_("ax.yb"));
	ck_assert(fcall("regexFindAll", ARGS(S_("a.?"), S_("aaxaya"), hv_int(-1)), &r));
	ck_assert_int_eq(r.type, HT_STRLIST);
	ck_assert_str_eq(joined(&r), "aa|ay|a");
	ck_assert(fcall("regexFindAll", ARGS(S_("a*"), S_("baaab"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "|aaa|");
	ck_assert(fcall("regexFindAll", ARGS(S_("a"), S_("aaa"), hv_int(2)), &r));
	ck_assert_str_eq(joined(&r), "a|a");
	ck_assert(fcall("regexFindAll", ARGS(S_("a"), S_("aaa"), hv_int(0)), &r));
	ck_assert(r.l->len == 0 && hv_is_nil_slice(&r)); /* Go: nil when nothing is found */
	ck_assert(fcall("regexFindAll", ARGS(S_("x"), S_("aaa"), hv_int(-1)), &r));
	ck_assert(r.l->len == 0 && hv_is_nil_slice(&r));
	ck_assert(fcall("regexFindAll", ARGS(S_("a"), S_("aaa"), hv_int(1)), &r));
	ck_assert(!hv_is_nil_slice(&r));
	STR_EQ("a\\.b\\*c\\$", "regexQuoteMeta", S_("a.b*c$"));
}
END_TEST

START_TEST(replacing)
{
	STR_EQ("---", "regexReplaceAll", S_("a(x*)b"), S_("-ab-axxb-"), S_("$1W"));
	STR_EQ("-W-xxW-", "regexReplaceAll", S_("a(x*)b"), S_("-ab-axxb-"), S_("${1}W"));
	STR_EQ("-$1W-$1W-", "regexReplaceAllLiteral", S_("a(x*)b"), S_("-ab-axxb-"), S_("$1W"));
	STR_EQ("XbXcX", "regexReplaceAll", S_("a*"), S_("bc"), S_("X"));
	STR_EQ("XbXcX", "regexReplaceAll", S_("a*"), S_("baac"), S_("X"));
	STR_EQ("b=a $", "regexReplaceAll", S_("(?P<k>\\w+)=(?P<v>\\w+)"), S_("a=b"), S_("$v=$k $$"));
	STR_EQ("${x", "regexReplaceAll", S_("a"), S_("a"), S_("${x"));
	STR_EQ("[é]", "regexReplaceAll", S_("(.)"), S_("é"), S_("[$1]"));
}
END_TEST

START_TEST(splitting)
{
	hv r;
	ck_assert(fcall("regexSplit", ARGS(S_("z+"), S_("pizza"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "pi|a");
	ck_assert(fcall("regexSplit", ARGS(S_(""), S_("abc"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "a|b|c");
	ck_assert(fcall("regexSplit", ARGS(S_("a"), S_("banana"), hv_int(2)), &r));
	ck_assert_str_eq(joined(&r), "b|nana");
	ck_assert(fcall("regexSplit", ARGS(S_("x*"), S_(""), hv_int(-1)), &r));
	ck_assert_uint_eq(r.l->len, 1);
	ck_assert(fcall("regexSplit", ARGS(S_("a"), S_("abc"), hv_int(0)), &r));
	ck_assert(r.l->len == 0 && hv_is_nil_slice(&r)); /* Go's Split(s, 0) is nil */
	ck_assert(fcall("regexSplit", ARGS(S_(""), S_(""), hv_int(-1)), &r)); /* empty, not nil */
	ck_assert(r.l->len == 0 && !hv_is_nil_slice(&r));
}
END_TEST

START_TEST(pathological_is_linear)
{
	static char subj[20002];
	memset(subj, 'a', sizeof subj - 2);
	subj[sizeof subj - 2] = 'b';
	hv r;
	/* Go answers at once; a backtracking engine takes exponential time (tests/pathological/
	 * regex_time.c times these) */
	ck_assert(fcall("mustRegexMatch", ARGS(S_("(a*)*c"), S_(subj)), &r) && !r.b);
	ck_assert(fcall("mustRegexMatch", ARGS(S_("^(a|aa)*$"), S_(subj)), &r) && !r.b);
	ck_assert(fcall("mustRegexMatch", ARGS(S_("^(a|aa)*b$"), S_(subj)), &r) && r.b);
}
END_TEST

START_TEST(go_not_pcre)
{
	hv r;
	/* tests/golden/cases/regex-go.case holds each with helm's answer */
	STR_EQ("> a\n> b\n> ", "regexReplaceAll", S_("(?m)^"), S_("a\nb\n"), S_("> "));
	STR_EQ("<>b<>", "regexReplaceAll", S_("(a*)*"), S_("b"), S_("<${1}>"));
	STR_EQ("<aa>b<>", "regexReplaceAll", S_("(?:(a*)*)*"), S_("aab"), S_("<${1}>"));
	STR_EQ("<>a<>a<>b<>", "regexReplaceAll", S_("(|a)+"), S_("aab"), S_("<${1}>"));
	STR_EQ("aaa", "regexFind", S_("a(?i)*"), S_("aaa"));
	ck_assert(fcall("regexFindAll", ARGS(S_("\\Qa.\\E?b"), S_("ab a.b a..b"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "ab|a.b");
	ck_assert(fcall("regexFindAll", ARGS(S_("a{01}"), S_("a a{01}"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "a{01}");
	ck_assert(fcall("regexFindAll", ARGS(S_("\\B"), S_("a\xc3\xa9"), hv_int(-1)), &r));
	ck_assert_uint_eq(r.l->len, 1); /* not inside the é */
	ck_assert(fcall("regexFindAll", ARGS(S_("(?i)\\W"), S_("kK\xe2\x84\xaa!"), hv_int(-1)), &r));
	ck_assert_str_eq(joined(&r), "!");
	/* a bad byte is U+FFFD of width 1 */
	ck_assert(fcall("regexFindAll", ARGS(S_("."), SN_("\xff\x61", 2), hv_int(-1)), &r));
	ck_assert_uint_eq(r.l->len, 2);
	ck_assert_uint_eq(r.l->v[0].s->len, 1);
	ERR_EQ("error parsing regexp: invalid escape sequence: `\\xZ`", "mustRegexMatch", S_("\\xZ"), S_("x"));
	ERR_EQ("error parsing regexp: invalid escape sequence: `\\x{}`", "mustRegexMatch", S_("\\x{}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid escape sequence: `\\x{110000`", "mustRegexMatch", S_("\\x{110000}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid repeat count: `{501}`", "mustRegexMatch", S_("(a{2}){501}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid repeat count: `{11}`", "mustRegexMatch", S_("((a{10}){10}){11}"), S_("x"));
	ERR_EQ("error parsing regexp: invalid character class range: `\\p{greek}`", "mustRegexMatch", S_("\\p{greek}"), S_("x"));
	ck_assert(fcall("mustRegexMatch", ARGS(S_("(a{2}){500}"), S_("x")), &r) && !r.b);
	ck_assert(fcall("mustRegexMatch", ARGS(S_("(a{1000}){0}b"), S_("b")), &r) && r.b);
}
END_TEST

START_TEST(engine_and_cache)
{
	hbuf msg = HBUF_INIT;
	hrx_cache *c = hrx_cache_new();
	bool owned;
	hrx *a = hrx_cache_get(c, "(?P<k>a+)(b)?", 13, 0, &msg, &owned);
	ck_assert(a && !owned);
	ck_assert(hrx_cache_get(c, "(?P<k>a+)(b)?", 13, 0, &msg, &owned) == a && !owned);
	ck_assert_uint_eq(hrx_ncap(a), 2);
	size_t len;
	ck_assert(hrx_name(a, 1, &len) && len == 1 && hrx_name(a, 2, &len) == NULL);
	hrx_text t;
	ck_assert(hrx_text_init(&t, "x\xff" "aab", 5));
	size_t caps[6];
	ck_assert_int_eq(hrx_exec(a, &t, 0, caps), 1);
	ck_assert(caps[0] == 2 && caps[1] == 5 && caps[2] == 2 && caps[3] == 4 && caps[4] == 4);
	ck_assert_int_eq(hrx_exec(a, &t, 5, caps), 0);
	hrx_text_free(&t);
	ck_assert(hrx_cache_get(c, "a**", 3, 0, &msg, &owned) == NULL);
	ck_assert_str_eq(hbuf_cstr(&msg), "error parsing regexp: invalid nested repetition operator: `**`");
	hrx *mine = hrx_cache_get(NULL, "a", 1, 0, &msg, &owned);
	ck_assert(mine && owned); /* no cache: the caller's */
	hrx_free(mine);
	hrx_free(NULL);
	hbuf_free(&msg);
	/* owned pattern freed here, the cached ones by the cache */
	hbuf m2 = HBUF_INIT;
	hrx *own = hrx_compile(NULL, "b", 1, &m2);
	ck_assert_int_eq(hrx_search(own, "abc", 3), 1);
	ck_assert_int_eq(hrx_search(own, "ac", 2), 0);
	hrx_free(own);
	hrx_cache_free(c);
}
END_TEST

/* Go 1.25's loose \p{name} (helm 4.1.4 answered each the same; core/regexp_names.c). */
static int go125_match(const char *pat, const char *s)
{
	hbuf msg = HBUF_INIT;
	hrx *h = hrx_compile_flags(pat, strlen(pat), HRX_GO125, &msg);
	int m = h ? hrx_search(h, s, strlen(s)) : -1;
	hrx_free(h);
	hbuf_free(&msg);
	return m;
}

START_TEST(go125_names)
{
	ck_assert_int_eq(go125_match("\\pn", "1"), 1);
	ck_assert_int_eq(go125_match("\\p{greek}", "\xce\xb1"), 1);
	ck_assert_int_eq(go125_match("\\p{Uppercase_Letter}", "a"), 0);
	ck_assert_int_eq(go125_match("\\p{-L-}", "a"), 1);
	ck_assert_int_eq(go125_match("\\p{^cased letter}", "a"), 0);
	ck_assert_int_eq(go125_match("\\p{Cn}", "\xcd\xb8"), 1);   /* U+0378, unassigned */
	ck_assert_int_eq(go125_match("\\pC", "\xcd\xb8"), 1);      /* Go 1.25's C holds Cn */
	ck_assert_int_eq(go125_match("[^\\P{Cn}]", "a"), 0);
	ck_assert_int_eq(go125_match("\\P{ascii}", "a"), 0);
	ck_assert_int_eq(go125_match("\\p{Assigned}", "\xcd\xb8"), 0);
	ck_assert_int_eq(go125_match("\\p{Old_Italic}", "a"), -1);  /* Go 1.25 cannot reach it */
	ck_assert_int_eq(go125_match("\\p{Grek}", "a"), -1);
	ck_assert_int_eq(go125_match("\\p{L&}", "a"), -1);
	/* Go 1.23 (helm 3.17): exact names only */
	hbuf msg = HBUF_INIT;
	ck_assert(hrx_compile_flags("\\p{greek}", 9, 0, &msg) == NULL);
	ck_assert_str_eq(hbuf_cstr(&msg), "error parsing regexp: invalid character class range: `\\p{greek}`");
	hbuf_free(&msg);
}
END_TEST

/* Many threads through one cache: every one must get a working pattern (run under the
 * sanitizers and helgrind by the ASan build and valgrind suites). */
static hrx_cache *shared;

static void *worker(void *arg)
{
	long k = (long)(intptr_t)arg;
	long good = 0;
	for (int i = 0; i < 200; i++) {
		char pat[32];
		int n = snprintf(pat, sizeof pat, "(a|aa)*b%d", (int)((i + k) % 17));
		hbuf msg = HBUF_INIT;
		bool owned;
		hrx *h = hrx_cache_get(shared, pat, (size_t)n, 0, &msg, &owned);
		char subj[32];
		int sn = snprintf(subj, sizeof subj, "aaab%d", (int)((i + k) % 17));
		good += h && hrx_search(h, subj, (size_t)sn) == 1;
		if (owned)
			hrx_free(h);
		hbuf_free(&msg);
	}
	return (void *)(intptr_t)good;
}

START_TEST(cache_threads)
{
	shared = hrx_cache_new();
	pthread_t th[4];
	for (long i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i), 0);
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(th[i], &r);
		ck_assert_int_eq((long)(intptr_t)r, 200);
	}
	hrx_cache_free(shared);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fn_regex");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, fn_setup, fn_teardown);
	tcase_set_timeout(t, 30);
	tcase_add_test(t, syntax_errors);
	tcase_add_test(t, matching);
	tcase_add_test(t, replacing);
	tcase_add_test(t, splitting);
	tcase_add_test(t, pathological_is_linear);
	tcase_add_test(t, go_not_pcre);
	tcase_add_test(t, engine_and_cache);
	tcase_add_test(t, cache_threads);
	tcase_add_test(t, go125_names);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
