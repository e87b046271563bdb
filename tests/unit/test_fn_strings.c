/* test_fn_strings.c - Sprig's string functions (fn_strings.c) called directly. Expected
 * values were checked against helm v3.17.3 (see tests/golden/cases/strings.case). */
#include "check_run.h"
#include "fn_test_util.h"

START_TEST(trim_family)
{
	STR_EQ("a b", "trim", S_(" \t\na b\n "));
	STR_EQ("x", "trim", S_("\xc2\xa0x\xe3\x80\x80"));
	STR_EQ("abc", "trimAll", S_("$"), S_("$$abc$"));
	STR_EQ("abc", "trimall", S_("-_"), S_("-_abc_-"));
	STR_EQ("b", "trimAll", S_("é"), S_("ébé"));
	STR_EQ("bar", "trimPrefix", S_("foo"), S_("foobar"));
	STR_EQ("foo", "trimSuffix", S_("bar"), S_("foobar"));
	STR_EQ("foobar", "trimSuffix", S_("x"), S_("foobar"));
}
END_TEST

START_TEST(case_family)
{
	STR_EQ("HELLO ÉTÉ", "upper", S_("hello été"));
	STR_EQ("\xef\xbf\xbd" "A", "upper", S_("\xff" "a"));
	STR_EQ("hello", "lower", S_("HeLLo"));
	STR_EQ("Hello WORLD Foo-Bar", "title", S_("hello wORLD foo-bar"));
	STR_EQ("A_b C.D", "title", S_("a_b c.d"));
	STR_EQ("hello world", "untitle", S_("Hello World"));
	STR_EQ("hELLO wORLD", "swapcase", S_("Hello World"));
	STR_EQ("Ab", "swapcase", S_("aB"));
	STR_EQ("http_server_name", "snakecase", S_("HTTPServerName"));
	STR_EQ("first_name", "snakecase", S_("FirstName"));
	STR_EQ("http_2xx", "snakecase", S_("http2xx"));
	STR_EQ("http_20x_ok", "snakecase", S_("HTTP20xOK"));
	STR_EQ("bld4_floor_3rd", "snakecase", S_("Bld4Floor3rd"));
	STR_EQ("duration_2m3s", "snakecase", S_("Duration2m3s"));
	STR_EQ("go-path", "kebabcase", S_("GO PATH"));
	STR_EQ("HttpServerNameX", "camelcase", S_("http_server-name x"));
	STR_EQ("_Complex_Case_", "camelcase", S_("_complex__case_"));
	STR_EQ("GolangIsGreat", "camelcase", S_("GOLANG_IS_GREAT"));
	STR_EQ("__", "camelcase", S_("_"));
}
END_TEST

START_TEST(bytes_as_latin1)
{
	STR_EQ("helloworld", "nospace", S_("hello w o r l d"));
	STR_EQ("\xc3\x83\xc2\xa9x\xc3\x82y", "nospace", S_("é x\xc2\xa0y"));
	STR_EQ("é", "nospace", S_("é"));
	STR_EQ("hbW", "initials", S_("hello beautiful World"));
	STR_EQ("\xc3\x83v", "initials", S_("élan vital"));
}
END_TEST

START_TEST(slicing)
{
	STR_EQ("abcabc", "repeat", hv_int(2), S_("abc"));
	ERR_EQ("strings: negative Repeat count", "repeat", hv_int(-1), S_("abc"));
	STR_EQ("bc", "substr", hv_int(1), hv_int(3), S_("abcd"));
	STR_EQ("abc", "substr", hv_int(0), hv_int(5), S_("abc"));
	STR_EQ("ab", "substr", hv_int(-1), hv_int(2), S_("abc"));
	STR_EQ("c", "substr", hv_int(2), hv_int(-1), S_("abc"));
	ERR_EQ("runtime error: slice bounds out of range [3:2]", "substr", hv_int(3), hv_int(2), S_("abcd"));
	ERR_EQ("runtime error: slice bounds out of range [5:3]", "substr", hv_int(5), hv_int(7), S_("abc"));
	ERR_EQ("runtime error: slice bounds out of range [:-1]", "substr", hv_int(-1), hv_int(-1), S_("abc"));
	ERR_EQ("runtime error: slice bounds out of range [:9] with length 3", "substr", hv_int(-1), hv_int(9), S_("abc"));
	STR_EQ("ab", "trunc", hv_int(2), S_("abcdef"));
	STR_EQ("ef", "trunc", hv_int(-2), S_("abcdef"));
	STR_EQ("abc", "trunc", hv_int(-5), S_("abc"));
	STR_EQ("\xc3", "trunc", hv_int(1), S_("é"));
	STR_EQ("he...", "abbrev", hv_int(5), S_("hello world"));
	STR_EQ("hello world", "abbrev", hv_int(3), S_("hello world"));
	STR_EQ("...fghi...", "abbrevboth", hv_int(5), hv_int(10), S_("abcdefghijklmno"));
	STR_EQ("abcdefg...", "abbrevboth", hv_int(1), hv_int(10), S_("abcdefghijklmno"));
	STR_EQ("...ijklmno", "abbrevboth", hv_int(12), hv_int(10), S_("abcdefghijklmno"));
}
END_TEST

START_TEST(wrapping)
{
	STR_EQ("hello\nworld", "wrap", hv_int(5), S_("hello world"));
	STR_EQ("a\nverylongword\nb", "wrap", hv_int(3), S_("a verylongword b"));
	STR_EQ("a<br>veryl<br>ongwo<br>rd b", "wrapWith", hv_int(5), S_("<br>"), S_("a verylongword b"));
	STR_EQ("  a\n  b\n  ", "indent", hv_int(2), S_("a\nb\n"));
	STR_EQ("\n  a", "nindent", hv_int(2), S_("a"));
	ERR_EQ("strings: negative Repeat count", "indent", hv_int(-1), S_("x"));
}
END_TEST

START_TEST(search_replace)
{
	hv r;
	ck_assert(fcall("contains", ARGS(S_("ob"), S_("foobar")), &r) && r.type == HT_BOOL && r.b);
	ck_assert(fcall("contains", ARGS(S_(""), S_("")), &r) && r.b);
	ck_assert(fcall("hasPrefix", ARGS(S_("fox"), S_("foobar")), &r) && !r.b);
	ck_assert(fcall("hasSuffix", ARGS(S_("bar"), S_("foobar")), &r) && r.b);
	STR_EQ("f00bar", "replace", S_("o"), S_("0"), S_("foobar"));
	STR_EQ("-a-é-", "replace", S_(""), S_("-"), S_("aé"));
	STR_EQ("many", "plural", S_("one"), S_("many"), hv_int(2));
	STR_EQ("one", "plural", S_("one"), S_("many"), hv_int(1));
	STR_EQ("Hello!", "hello", hv_invalid());
}
END_TEST

START_TEST(quoting)
{
	STR_EQ("\"a\" \"b\"", "quote", S_("a"), hv_nil(), S_("b"));
	STR_EQ("", "quote", hv_invalid());
	STR_EQ("'a' 'b'", "squote", S_("a"), S_("b"));
	STR_EQ("a b", "cat", S_("a"), hv_nil(), S_("b"));
	STR_EQ("<nil>", "toString", hv_nil());
	STR_EQ("5", "toString", hv_int(5));
}
END_TEST

START_TEST(lists)
{
	hv r;
	ck_assert(fcall("splitList", ARGS(S_(","), S_("a,b,,c")), &r));
	ck_assert_int_eq(r.type, HT_STRLIST);
	ck_assert_str_eq(joined(&r), "a|b||c");
	ck_assert(fcall("splitList", ARGS(S_(""), S_("aé")), &r));
	ck_assert_str_eq(joined(&r), "a|é");
	ck_assert(fcall("splitList", ARGS(S_(""), S_("")), &r));
	ck_assert_uint_eq(r.l->len, 0);
	ck_assert(fcall("splitList", ARGS(S_(","), S_("")), &r));
	ck_assert_uint_eq(r.l->len, 1);
	ck_assert(fcall("split", ARGS(S_("/"), S_("a/b")), &r));
	ck_assert_int_eq(r.type, HT_STRMAP);
	ck_assert_str_eq(hmap_gets(r.m, "_1")->s->data, "b");
	ck_assert(fcall("splitn", ARGS(S_("/"), hv_int(2), S_("a/b/c")), &r));
	ck_assert_str_eq(hmap_gets(r.m, "_1")->s->data, "b/c");
	ck_assert_uint_eq(hmap_len(r.m), 2);
	ck_assert(fcall("splitn", ARGS(S_("/"), hv_int(0), S_("a/b/c")), &r));
	ck_assert_uint_eq(hmap_len(r.m), 0);

	hlist *l = hlist_new(A, 0);
	hlist_push(l, S_("b"));
	hlist_push(l, hv_nil());
	hlist_push(l, hv_int(10));
	hlist_push(l, S_("B"));
	hv lv = hv_of_list(HT_LIST, l);
	ck_assert(fcall("sortAlpha", ARGS(lv), &r));
	ck_assert_str_eq(joined(&r), "10|B|b");
	STR_EQ("b-10-B", "join", S_("-"), lv);
	STR_EQ("", "join", S_("-"), hv_nil());
	ck_assert(fcall("toStrings", ARGS(lv), &r));
	ck_assert_int_eq(r.type, HT_STRLIST);
	ck_assert_uint_eq(r.l->len, 3);
	ck_assert(fcall("sortAlpha", ARGS(hv_nil()), &r));
	ck_assert_str_eq(joined(&r), "<nil>");
}
END_TEST

START_TEST(random_strings)
{
	hv r;
	ck_assert(fcall("randAlphaNum", ARGS(hv_int(40)), &r));
	ck_assert_uint_eq(r.s->len, 40);
	for (size_t i = 0; i < 40; i++)
		ck_assert(strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", r.s->data[i]));
	ck_assert(fcall("randNumeric", ARGS(hv_int(20)), &r));
	for (size_t i = 0; i < 20; i++)
		ck_assert(r.s->data[i] >= '0' && r.s->data[i] <= '9');
	ck_assert(fcall("randAscii", ARGS(hv_int(20)), &r));
	for (size_t i = 0; i < 20; i++)
		ck_assert(r.s->data[i] >= 32 && r.s->data[i] <= 126);
	STR_EQ("", "randAlpha", hv_int(-3));
	ck_assert(fcall("shuffle", ARGS(S_("aébc")), &r));
	ck_assert_uint_eq(r.s->len, 5);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fn_strings");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, fn_setup, fn_teardown);
	tcase_add_test(t, trim_family);
	tcase_add_test(t, case_family);
	tcase_add_test(t, bytes_as_latin1);
	tcase_add_test(t, slicing);
	tcase_add_test(t, wrapping);
	tcase_add_test(t, search_replace);
	tcase_add_test(t, quoting);
	tcase_add_test(t, lists);
	tcase_add_test(t, random_strings);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
