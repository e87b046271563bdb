/* test_fn_encoding.c - base64/base32, hashes, paths and URLs (fn_encoding.c) called directly.
 * Checked against helm v3.17.3 (tests/golden/cases/encoding.case). */
#include "check_run.h"
#include "fn_test_util.h"

START_TEST(base_encodings)
{
	STR_EQ("aGVsbG8=", "b64enc", S_("hello"));
	STR_EQ("", "b64enc", S_(""));
	STR_EQ("hello", "b64dec", S_("aGVsbG8="));
	STR_EQ("hello", "b64dec", S_("aGVs\nbG8="));
	STR_EQ("illegal base64 data at input byte 0", "b64dec", S_("!!!!"));
	STR_EQ("illegal base64 data at input byte 4", "b64dec", S_("aGVsbG8"));
	STR_EQ("NBSWY3DP", "b32enc", S_("hello"));
	STR_EQ("MFRGG===", "b32enc", S_("abc"));
	STR_EQ("abc", "b32dec", S_("MFRGG==="));
	STR_EQ("illegal base32 data at input byte 0", "b32dec", S_("1"));
}
END_TEST

START_TEST(hashes)
{
	STR_EQ("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", "sha1sum", S_("hello"));
	STR_EQ("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "sha256sum", S_("hello"));
	STR_EQ("103547413", "adler32sum", S_("hello"));
}
END_TEST

START_TEST(paths)
{
	STR_EQ("c", "base", S_("a/b/c/"));
	STR_EQ("/", "base", S_("///"));
	STR_EQ(".", "base", S_(""));
	STR_EQ("a/b", "dir", S_("a/b/c"));
	STR_EQ(".", "dir", S_("c"));
	STR_EQ("/", "dir", S_("/c"));
	STR_EQ("a/c", "clean", S_("a//b/../c/."));
	STR_EQ("../x", "clean", S_("../x"));
	STR_EQ("/", "clean", S_("/../.."));
	STR_EQ(".", "clean", S_("a/.."));
	STR_EQ(".gz", "ext", S_("a/b.tar.gz"));
	STR_EQ("", "ext", S_("a.d/b"));
	STR_EQ("x/y", "osClean", S_("x/./y/"));
	hv r;
	ck_assert(fcall("isAbs", ARGS(S_("/a")), &r) && r.b);
	ck_assert(fcall("osIsAbs", ARGS(S_("a")), &r) && !r.b);
}
END_TEST

START_TEST(urls)
{
	hv r;
	ck_assert(fcall("urlParse", ARGS(S_("https://u:p%40@Host.com:8080/a%20b?q=1#frag")), &r));
	ck_assert_int_eq(r.type, HT_MAP);
	ck_assert_str_eq(hmap_gets(r.m, "scheme")->s->data, "https");
	ck_assert_str_eq(hmap_gets(r.m, "host")->s->data, "Host.com:8080");
	ck_assert_str_eq(hmap_gets(r.m, "hostname")->s->data, "Host.com");
	ck_assert_str_eq(hmap_gets(r.m, "path")->s->data, "/a b");
	ck_assert_str_eq(hmap_gets(r.m, "query")->s->data, "q=1");
	ck_assert_str_eq(hmap_gets(r.m, "fragment")->s->data, "frag");
	ck_assert_str_eq(hmap_gets(r.m, "userinfo")->s->data, "u:p%40");
	ck_assert(fcall("urlParse", ARGS(S_("mailto:x@y")), &r));
	ck_assert_str_eq(hmap_gets(r.m, "opaque")->s->data, "x@y");
	ERR_EQ("unable to parse url: parse \":x\": missing protocol scheme", "urlParse", S_(":x"));
	hmap *m = hmap_new(A, 4);
	hmap_set(m, "scheme", 6, S_("http"));
	hmap_set(m, "host", 4, S_("h:1"));
	hmap_set(m, "path", 4, S_("/a b"));
	hmap_set(m, "query", 5, S_("x=1"));
	hmap_set(m, "userinfo", 8, S_("me:pw"));
	STR_EQ("http://me:pw@h:1/a%20b?x=1", "urlJoin", hv_of_map(HT_MAP, m));
	hmap_set(m, "path", 4, hv_int(1));
	ERR_EQ("unable to parse path key, must be of type string, but int found", "urlJoin", hv_of_map(HT_MAP, m));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fn_encoding");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, fn_setup, fn_teardown);
	tcase_add_test(t, base_encodings);
	tcase_add_test(t, hashes);
	tcase_add_test(t, paths);
	tcase_add_test(t, urls);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
