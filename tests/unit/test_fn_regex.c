/* test_fn_regex.c - Go regexp semantics on PCRE2 (fn_regex.c): RE2 syntax errors with Go's
 * texts, FindAll/ReplaceAll/Split iteration and Expand. Checked against helm v3.17.3
 * (tests/golden/cases/regex.case). */
#include "check_run.h"
#include "fn_test_util.h"

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

START_TEST(pathological_is_bounded)
{
	char pat[] = "(a*)*b";
	char subj[40];
	memset(subj, 'a', sizeof subj - 1);
	subj[sizeof subj - 1] = 0;
	hv r;
	/* Go answers false in linear time; PCRE2 either answers or stops at the match limit */
	bool ok = fcall("mustRegexMatch", ARGS(S_(pat), S_(subj)), &r);
	ck_assert(!ok || !r.b);
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
	tcase_add_test(t, pathological_is_bounded);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
