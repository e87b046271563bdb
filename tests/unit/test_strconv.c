/* test_strconv.c - Go strconv: FormatFloat (fixed cases in the spirit of Go's ftoa_test.go
 * and random round trips), integer/float parsing, Quote and Unquote, and UTF-8 decoding.
 * Expected strings are Go's outputs. glibc printf is used here only as a reference. */
#include "check_run.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <check.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char out[4096];

static const char *ff(double f, char fmt, int prec)
{
	hbuf b = HBUF_INIT;
	hstrconv_format_float(&b, f, fmt, prec);
	snprintf(out, sizeof out, "%s", hbuf_cstr(&b));
	hbuf_free(&b);
	return out;
}

#define FF(f, fmt, prec, want) ck_assert_str_eq(ff(f, fmt, prec), want)

START_TEST(ftoa_fixed_cases)
{
	FF(1, 'e', 5, "1.00000e+00");
	FF(1, 'f', 5, "1.00000");
	FF(1, 'g', 5, "1");
	FF(1, 'g', -1, "1");
	FF(20, 'g', -1, "20");
	FF(1234567.8, 'g', -1, "1.2345678e+06");
	FF(200000, 'g', -1, "200000");
	FF(2000000, 'g', -1, "2e+06");
	FF(1e21, 'g', -1, "1e+21");
	FF(1e23, 'e', 17, "9.99999999999999916e+22");
	FF(1e23, 'f', 17, "99999999999999991611392.00000000000000000");
	FF(1e23, 'g', 17, "9.9999999999999992e+22");
	FF(1e23, 'e', -1, "1e+23");
	FF(1e23, 'f', -1, "100000000000000000000000");
	FF(1e23, 'g', -1, "1e+23");
	FF(400, 'g', 2, "4e+02");
	FF(40, 'g', 2, "40");
	FF(4, 'g', 2, "4");
	FF(.4, 'g', 2, "0.4");
	FF(.04, 'g', 2, "0.04");
	FF(.004, 'g', 2, "0.004");
	FF(.0004, 'g', 2, "0.0004");
	FF(.00004, 'g', 2, "4e-05");
	FF(.000004, 'g', 2, "4e-06");
	FF(0, 'e', 5, "0.00000e+00");
	FF(0, 'f', 5, "0.00000");
	FF(0, 'g', 5, "0");
	FF(0, 'g', -1, "0");
	FF(-1, 'e', 5, "-1.00000e+00");
	FF(-1, 'g', -1, "-1");
	FF(12, 'e', 5, "1.20000e+01");
	FF(123456789, 'e', 5, "1.23457e+08");
	FF(123456789, 'f', 5, "123456789.00000");
	FF(123456789, 'g', 5, "1.2346e+08");
	FF(123456789, 'g', -1, "1.23456789e+08");
	FF(1e-7, 'g', -1, "1e-07");
	FF(0.0001, 'g', -1, "0.0001");
	FF(0.00001, 'g', -1, "1e-05");
	FF(1000000, 'g', -1, "1e+06");
	FF(100000, 'g', -1, "100000");
	FF(1234567, 'g', -1, "1.234567e+06");
	FF(20000000, 'g', -1, "2e+07");
	FF(12345678901234567890.0, 'g', -1, "1.2345678901234567e+19");
	FF(-0.0, 'g', -1, "-0");
	FF(1.5, 'g', -1, "1.5");
	FF(0.1, 'g', -1, "0.1");
	FF(0.3, 'g', -1, "0.3");
	FF(0.1 + 0.2, 'g', -1, "0.30000000000000004");
	FF(3.14159, 'f', 2, "3.14");
	FF(3.0, 'f', 2, "3.00");
	FF(1234.5, 'e', 6, "1.234500e+03");
	FF(0.5, 'f', 0, "0");
	FF(1.5, 'f', 0, "2");
	FF(2.5, 'f', 0, "2");
	FF(0.125, 'f', 2, "0.12");
	FF(0.375, 'f', 2, "0.38");
	FF(0.005, 'f', 2, "0.01");
	FF(0.0001, 'f', 2, "0.00");
	FF(0.006, 'f', 2, "0.01");
	FF(9.5, 'e', 0, "1e+01");
	FF(1.7976931348623157e308, 'g', -1, "1.7976931348623157e+308");
	FF(1.7976931348623157e308, 'e', 3, "1.798e+308");
	FF(5e-324, 'g', -1, "5e-324");
	FF(5e-324, 'e', 5, "4.94066e-324");
	FF(2.2250738585072014e-308, 'g', -1, "2.2250738585072014e-308");
	FF(2.2250738585072011e-308, 'g', -1, "2.225073858507201e-308");
	FF(INFINITY, 'g', -1, "+Inf");
	FF(-INFINITY, 'f', 2, "-Inf");
	FF(NAN, 'e', 2, "NaN");
	FF(1, 'b', -1, "4503599627370496p-52");
	FF(0, 'b', -1, "0p-1074");
	FF(-1.5, 'b', -1, "-6755399441055744p-52");
	FF(1, 'x', -1, "0x1p+00");
	FF(1, 'X', -1, "0X1P+00");
	FF(0, 'x', -1, "0x0p+00");
	FF(1.5, 'x', -1, "0x1.8p+00");
	FF(-1.5, 'x', 3, "-0x1.800p+00");
	FF(1e23, 'x', -1, "0x1.52d02c7e14af6p+76");
	FF(5e-324, 'x', -1, "0x1p-1074");
	FF(1.0/3, 'x', 0, "0x1p-02");
	FF(1.0/3, 'x', 2, "0x1.55p-02");
	FF(1.9999, 'x', 0, "0x1p+01");
	FF(1e100, 'g', -1, "1e+100");
	FF(123456, 'g', 3, "1.23e+05");
	FF(100, 'g', 3, "100");
	FF(1000, 'g', 3, "1e+03");
	FF(0.1, 'e', -1, "1e-01");
	FF(12.5, 'f', -1, "12.5");
	FF(100, 'f', -1, "100");
	FF(2.5, 'g', 1, "2");
	FF(35, 'g', 1, "4e+01");
	FF(1, 'z', -1, "%z");
}
END_TEST

/* Shortest digits must read back exactly and be no longer than the shortest correctly
 * rounded %.Ne that reads back (glibc printf as the reference). */
START_TEST(ftoa_random_roundtrip)
{
	uint64_t x = 88172645463325252ull;
	char ref[64];
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double f;
		uint64_t bits = x;
		if (i % 4 == 1) /* also common magnitudes */
			bits = (x & 0x800FFFFFFFFFFFFFull) | ((uint64_t)(1023 - 30 + (x >> 52) % 60) << 52);
		memcpy(&f, &bits, sizeof f);
		if (!isfinite(f))
			continue;
		const char *s = ff(f, 'e', -1);
		double back = strtod(s, NULL);
		ck_assert_msg(back == f || (f == 0 && back == 0), "%s does not round-trip", s);
		int nd = 0;
		for (const char *p = s; *p && *p != 'e'; p++)
			if (*p >= '0' && *p <= '9')
				nd++;
		int refnd = 1;
		for (; refnd <= 17; refnd++) {
			snprintf(ref, sizeof ref, "%.*e", refnd - 1, f);
			if (strtod(ref, NULL) == f)
				break;
		}
		ck_assert_msg(nd <= refnd, "%s longer than %s", s, ref);
		if (nd == refnd && f != 0) {
			/* same length: must be the nearest, i.e. glibc's digits (exponent form aside) */
			ck_assert_msg(strtod(s, NULL) == strtod(ref, NULL), "%s vs %s", s, ref);
		}
		/* fixed precision 'e' and 'f' agree with glibc's correctly rounded output */
		int prec = (int)(x % 25);
		snprintf(ref, sizeof ref, "%.*e", prec, f);
		const char *me = ff(f, 'e', prec);
		/* glibc writes at least two exponent digits like Go */
		ck_assert_msg(strcmp(me, ref) == 0, "%%.%de: %s vs %s", prec, me, ref);
		if (fabs(f) < 1e30) {
			snprintf(ref, sizeof ref, "%.*f", prec, f);
			ck_assert_str_eq(ff(f, 'f', prec), ref);
		}
	}
}
END_TEST

START_TEST(format_int_bases)
{
	hbuf b = HBUF_INIT;
	hstrconv_format_int(&b, -255, 16);
	hbuf_putc(&b, ' ');
	hstrconv_format_int(&b, INT64_MIN, 10);
	hbuf_putc(&b, ' ');
	hstrconv_format_uint(&b, UINT64_MAX, 36);
	hbuf_putc(&b, ' ');
	hstrconv_format_int(&b, 5, 2);
	ck_assert_str_eq(hbuf_cstr(&b), "-ff -9223372036854775808 3w5e11264sgsf 101");
	hbuf_free(&b);
}
END_TEST

static int pi(const char *s, int base, int64_t *v) { return hstrconv_parse_int(s, strlen(s), base, v); }

START_TEST(parse_int_go_syntax)
{
	int64_t v;
	ck_assert_int_eq(pi("0x1F", 0, &v), 0); ck_assert_int_eq(v, 31);
	ck_assert_int_eq(pi("0o17", 0, &v), 0); ck_assert_int_eq(v, 15);
	ck_assert_int_eq(pi("017", 0, &v), 0); ck_assert_int_eq(v, 15);
	ck_assert_int_eq(pi("0b101", 0, &v), 0); ck_assert_int_eq(v, 5);
	ck_assert_int_eq(pi("-1_000", 0, &v), 0); ck_assert_int_eq(v, -1000);
	ck_assert_int_eq(pi("0x_1f", 0, &v), 0); ck_assert_int_eq(v, 31);
	ck_assert_int_eq(pi("0", 0, &v), 0); ck_assert_int_eq(v, 0);
	ck_assert_int_eq(pi("+5", 10, &v), 0); ck_assert_int_eq(v, 5);
	ck_assert_int_eq(pi("1_000", 10, &v), EINVAL);
	ck_assert_int_eq(pi("1__0", 0, &v), EINVAL);
	ck_assert_int_eq(pi("_10", 0, &v), EINVAL);
	ck_assert_int_eq(pi("10_", 0, &v), EINVAL);
	ck_assert_int_eq(pi("0x", 0, &v), EINVAL);
	ck_assert_int_eq(pi("09", 0, &v), EINVAL);
	ck_assert_int_eq(pi("", 10, &v), EINVAL);
	ck_assert_int_eq(pi("-", 10, &v), EINVAL);
	ck_assert_int_eq(pi("1.5", 10, &v), EINVAL);
	ck_assert_int_eq(pi("9223372036854775807", 10, &v), 0); ck_assert(v == INT64_MAX);
	ck_assert_int_eq(pi("9223372036854775808", 10, &v), ERANGE); ck_assert(v == INT64_MAX);
	ck_assert_int_eq(pi("-9223372036854775808", 10, &v), 0); ck_assert(v == INT64_MIN);
	ck_assert_int_eq(pi("-9223372036854775809", 10, &v), ERANGE); ck_assert(v == INT64_MIN);
	ck_assert_int_eq(pi("99999999999999999999", 0, &v), ERANGE);
	ck_assert_int_eq(pi("zz", 36, &v), 0); ck_assert_int_eq(v, 1295);
	ck_assert_int_eq(pi("1", 37, &v), EINVAL);
	uint64_t u;
	ck_assert_int_eq(hstrconv_parse_uint("18446744073709551615", 20, 10, &u), 0);
	ck_assert(u == UINT64_MAX);
	ck_assert_int_eq(hstrconv_parse_uint("18446744073709551616", 20, 10, &u), ERANGE);
	ck_assert_int_eq(hstrconv_parse_uint("-1", 2, 10, &u), EINVAL);
}
END_TEST

static int pf(const char *s, double *v) { return hstrconv_parse_float(s, strlen(s), v); }

START_TEST(parse_float_go_syntax)
{
	double v;
	ck_assert_int_eq(pf("1.5", &v), 0); ck_assert(v == 1.5);
	ck_assert_int_eq(pf(".5", &v), 0); ck_assert(v == 0.5);
	ck_assert_int_eq(pf("5.", &v), 0); ck_assert(v == 5);
	ck_assert_int_eq(pf("1e3", &v), 0); ck_assert(v == 1000);
	ck_assert_int_eq(pf("1E-2", &v), 0); ck_assert(v == 0.01);
	ck_assert_int_eq(pf("1_0.5", &v), 0); ck_assert(v == 10.5);
	ck_assert_int_eq(pf("0x1.8p1", &v), 0); ck_assert(v == 3);
	ck_assert_int_eq(pf("0X1P-2", &v), 0); ck_assert(v == 0.25);
	ck_assert_int_eq(pf("0x_1p0", &v), 0); ck_assert(v == 1);
	ck_assert_int_eq(pf("-inf", &v), 0); ck_assert(isinf(v) && v < 0);
	ck_assert_int_eq(pf("+Infinity", &v), 0); ck_assert(isinf(v) && v > 0);
	ck_assert_int_eq(pf("NaN", &v), 0); ck_assert(isnan(v));
	ck_assert_int_eq(pf("infin", &v), EINVAL);
	ck_assert_int_eq(pf("-nan", &v), EINVAL);
	ck_assert_int_eq(pf("0x1", &v), EINVAL);
	ck_assert_int_eq(pf("1e", &v), EINVAL);
	ck_assert_int_eq(pf("1e+", &v), EINVAL);
	ck_assert_int_eq(pf("", &v), EINVAL);
	ck_assert_int_eq(pf(".", &v), EINVAL);
	ck_assert_int_eq(pf("1..2", &v), EINVAL);
	ck_assert_int_eq(pf("1_", &v), EINVAL);
	ck_assert_int_eq(pf("1 ", &v), EINVAL);
	ck_assert_int_eq(pf("1e400", &v), ERANGE); ck_assert(isinf(v));
	ck_assert_int_eq(pf("-1e400", &v), ERANGE); ck_assert(isinf(v) && v < 0);
	ck_assert_int_eq(pf("1e-400", &v), 0); ck_assert(v == 0);
	ck_assert_int_eq(pf("1e99999999999", &v), ERANGE);
	ck_assert_int_eq(pf("0e99999999999", &v), 0); ck_assert(v == 0);
	ck_assert_int_eq(pf("4.9406564584124654e-324", &v), 0); ck_assert(v == 5e-324);
	ck_assert_int_eq(pf("123456789012345678901234567890", &v), 0);
	ck_assert(v == 123456789012345678901234567890.0);
}
END_TEST

static const char *q(const char *s, size_t n, bool ascii)
{
	hbuf b = HBUF_INIT;
	hstrconv_quote(&b, s, n, ascii);
	snprintf(out, sizeof out, "%s", hbuf_cstr(&b));
	hbuf_free(&b);
	return out;
}

START_TEST(quote_like_go)
{
	ck_assert_str_eq(q("a\"b", 3, false), "\"a\\\"b\"");
	ck_assert_str_eq(q("\a\b\f\n\r\t\v\\", 8, false), "\"\\a\\b\\f\\n\\r\\t\\v\\\\\"");
	ck_assert_str_eq(q("\x01\x7f", 2, false), "\"\\x01\\x7f\"");
	ck_assert_str_eq(q("\xff", 1, false), "\"\\xff\"");
	ck_assert_str_eq(q("caf\xc3\xa9", 5, false), "\"caf\xc3\xa9\"");
	ck_assert_str_eq(q("caf\xc3\xa9", 5, true), "\"caf\\u00e9\"");
	ck_assert_str_eq(q("\xf0\x9f\x98\x80", 4, true), "\"\\U0001f600\"");
	ck_assert_str_eq(q("\xc2\xa0", 2, false), "\"\\u00a0\"");   /* NBSP is not printable */
	ck_assert_str_eq(q("\xc2\xad", 2, false), "\"\\u00ad\"");   /* soft hyphen (Cf) */
	ck_assert_str_eq(q("\xe2\x80\xa8", 3, false), "\"\\u2028\"");
	ck_assert_str_eq(q("\xef\xbf\xbd", 3, false), "\"\xef\xbf\xbd\"");
	ck_assert_str_eq(q("\xed\xa0\x80", 3, false), "\"\\xed\\xa0\\x80\""); /* surrogate bytes */
	ck_assert_str_eq(q("'", 1, false), "\"'\"");
	hbuf b = HBUF_INIT;
	hstrconv_quote_rune(&b, 'a', false);
	hstrconv_quote_rune(&b, '\'', false);
	hstrconv_quote_rune(&b, 0xD800, false);
	hstrconv_quote_rune(&b, 0x263A, true);
	hstrconv_quote_rune(&b, '\n', false);
	ck_assert_str_eq(hbuf_cstr(&b), "'a''\\'''\xef\xbf\xbd''\\u263a''\\n'");
	hbuf_free(&b);
}
END_TEST

static bool uq(const char *s, const char *want)
{
	hbuf b = HBUF_INIT;
	bool ok = hstrconv_unquote(s, strlen(s), &b);
	bool match = ok && want && b.len == strlen(want) && memcmp(hbuf_cstr(&b), want, b.len) == 0;
	hbuf_free(&b);
	return want ? match : !ok;
}

START_TEST(unquote_like_go)
{
	ck_assert(uq("\"abc\"", "abc"));
	ck_assert(uq("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\a\b\f\n\r\t\v\\\""));
	ck_assert(uq("\"\\x41\\101\\u00e9\\U0001F600\"", "AA\xc3\xa9\xf0\x9f\x98\x80"));
	ck_assert(uq("\"\\xff\"", "\xff"));
	ck_assert(uq("\"\\377\"", "\xff"));
	ck_assert(uq("`a\\n\r\nb`", "a\\n\nb"));
	ck_assert(uq("'a'", "a"));
	ck_assert(uq("'\\''", "'"));
	ck_assert(uq("'\xc3\xa9'", "\xc3\xa9"));
	ck_assert(uq("'\\n'", "\n"));
	ck_assert(uq("\"\xff\\n\"", "\xef\xbf\xbd\n"));
	ck_assert(uq("\"a'b\"", "a'b"));
	ck_assert(uq("\"\"", ""));
	ck_assert(uq("``", ""));
	ck_assert(uq("\"", NULL));
	ck_assert(uq("\"a", NULL));
	ck_assert(uq("\"\\'\"", NULL));
	ck_assert(uq("'\\\"'", NULL));
	ck_assert(uq("'ab'", NULL));
	ck_assert(uq("''", "")); /* Go accepts it */
	ck_assert(uq("\"\\400\"", NULL));
	ck_assert(uq("\"\\9\"", NULL));
	ck_assert(uq("\"\\x1\"", NULL));
	ck_assert(uq("\"\\ud800\"", NULL));
	ck_assert(uq("\"\\U00110000\"", NULL));
	ck_assert(uq("\"\\z\"", NULL));
	ck_assert(uq("\"a\nb\"", NULL));
	ck_assert(uq("\"a\"b\"", NULL));
	ck_assert(uq("`a`b`", NULL));
	ck_assert(uq("'a", NULL));
	ck_assert(uq("abc", NULL));
	int32_t r;
	bool mb;
	ck_assert_uint_eq(hstrconv_unquote_char("'", 1, '\'', &r, &mb), 0); /* '' */
	ck_assert_uint_eq(hstrconv_unquote_char("\\x41'", 5, '\'', &r, &mb), 4);
	ck_assert(r == 'A' && !mb);
	ck_assert_uint_eq(hstrconv_unquote_char("\\u00e9'", 7, '\'', &r, &mb), 6);
	ck_assert(r == 0xe9 && mb);
	ck_assert_uint_eq(hstrconv_unquote_char("\xc3\xa9'", 3, '\'', &r, &mb), 2);
	ck_assert(r == 0xe9 && mb);
	ck_assert_uint_eq(hstrconv_unquote_char("\\\"", 2, '\'', &r, &mb), 0);
}
END_TEST

START_TEST(utf8_decode_rules)
{
	int32_t r;
	ck_assert_uint_eq(hutf8_decode("\xc3\xa9", 2, &r), 2); ck_assert_int_eq(r, 0xe9);
	ck_assert_uint_eq(hutf8_decode("\xf0\x9f\x98\x80", 4, &r), 4); ck_assert_int_eq(r, 0x1f600);
	ck_assert_uint_eq(hutf8_decode("\xc0\x80", 2, &r), 1); ck_assert_int_eq(r, 0xfffd);
	ck_assert_uint_eq(hutf8_decode("\xe0\x80\x80", 3, &r), 1);
	ck_assert_uint_eq(hutf8_decode("\xed\xa0\x80", 3, &r), 1);
	ck_assert_uint_eq(hutf8_decode("\xf4\x90\x80\x80", 4, &r), 1);
	ck_assert_uint_eq(hutf8_decode("\xe2\x82", 2, &r), 1);
	ck_assert_uint_eq(hutf8_decode("", 0, &r), 0);
	char t[4];
	ck_assert_uint_eq(hutf8_encode(0xD800, t), 3);
	ck_assert(memcmp(t, "\xef\xbf\xbd", 3) == 0);
	ck_assert_uint_eq(hutf8_encode(0x10FFFF, t), 4);
	ck_assert_uint_eq(hutf8_count("a\xc3\xa9\xff", 4), 3);
	ck_assert(!hutf8_valid("a\xff", 2));
	ck_assert(hutf8_valid("a\xc3\xa9", 3));
	ck_assert(hutf8_is_print(' ') && !hutf8_is_print(0xa0) && hutf8_is_graphic(0xa0));
	ck_assert(hutf8_is_print(0x4e16) && !hutf8_is_print(0x200b));
	ck_assert(hutf8_is_space(0x85) && !hutf8_is_space(0x200b));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("strconv");
	TCase *t = tcase_create("core");
	tcase_set_timeout(t, 60);
	tcase_add_test(t, ftoa_fixed_cases);
	tcase_add_test(t, ftoa_random_roundtrip);
	tcase_add_test(t, format_int_bases);
	tcase_add_test(t, parse_int_go_syntax);
	tcase_add_test(t, parse_float_go_syntax);
	tcase_add_test(t, quote_like_go);
	tcase_add_test(t, unquote_like_go);
	tcase_add_test(t, utf8_decode_rules);
	suite_add_tcase(s, t);
	return check_run(s);
}
