/* test_codec.c - codec.c against Go's encoding/base64 StdEncoding (the cases of Go's
 * base64_test.go TestDecodeCorrupt and newline tests, checked with helm3's b64dec) and hex
 * digits. Offsets are what Go prints in "illegal base64 data at input byte N". */
#include "check_run.h"
#include "core/codec.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const char *enc(const char *s, size_t n)
{
	static char out[256];
	hbuf b = HBUF_INIT;
	hcodec_b64_encode(&b, s, n);
	ck_assert(hbuf_ok(&b));
	ck_assert_uint_eq(b.len, hcodec_b64_encoded_len(n));
	memcpy(out, hbuf_cstr(&b), b.len + 1);
	hbuf_free(&b);
	return out;
}

START_TEST(encode_std_padding)
{
	ck_assert_str_eq(enc("", 0), "");
	ck_assert_str_eq(enc("f", 1), "Zg==");
	ck_assert_str_eq(enc("fo", 2), "Zm8=");
	ck_assert_str_eq(enc("foo", 3), "Zm9v");
	ck_assert_str_eq(enc("foob", 4), "Zm9vYg==");
	ck_assert_str_eq(enc("hello, world!", 13), "aGVsbG8sIHdvcmxkIQ==");
	ck_assert_str_eq(enc("\xfb\xff\xbf", 3), "+/+/");
	ck_assert_str_eq(enc("a\0b", 3), "YQBi");
}
END_TEST

/* Decodes s; returns the error offset, the output in *out. */
static long dec(const char *s, char *out, size_t *n)
{
	hbuf b = HBUF_INIT;
	long r = hcodec_b64_decode(&b, s, strlen(s));
	ck_assert(hbuf_ok(&b));
	if (out)
		memcpy(out, b.data ? b.data : "", b.len);
	if (n)
		*n = b.len;
	/* The validate-only form agrees. */
	ck_assert_int_eq(hcodec_b64_decode_to(NULL, NULL, s, strlen(s)), r);
	hbuf_free(&b);
	return r;
}

START_TEST(decode_corrupt_offsets)
{
	static const struct {
		const char *in;
		long at;
	} t[] = {
	    {"", -1},
	    {"\n", -1},
	    {"AAA=\n", -1},
	    {"AAAA\n", -1},
	    {"!!!!", 0},
	    {"====", 0},
	    {"x===", 1},
	    {"=AAA", 0},
	    {"A=AA", 1},
	    {"AA=A", 2},
	    {"AA==A", 4},
	    {"AAA=AAAA", 4},
	    {"AAAAA", 4},
	    {"AAAAAA", 4},
	    {"A=", 1},
	    {"A==", 1},
	    {"AA=", 3},
	    {"AA==", -1},
	    {"AAA=", -1},
	    {"AAAA", -1},
	    {"AAAAAA=", 7},
	    {"YWJjZA=====", 8},
	    {"A!\n", 1},
	    {"A=\n", 1},
	    /* checked with helm3 b64dec */
	    {"AB\nC", 1},
	    {"AA=\n\n", 5},
	    {"AA=\n=", -1},
	    {"AA=\nA", 3},
	    {"A\n=", 2},
	    {"QQ=\n=\n\n", -1},
	    {"QR==", -1},
	    {"AB-_", 2},
	    {"AAAA AAAA", 4},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		ck_assert_msg(dec(t[i].in, NULL, NULL) == t[i].at, "case %zu %s: got %ld", i,
			      t[i].in, dec(t[i].in, NULL, NULL));
}
END_TEST

START_TEST(decode_values_and_newlines)
{
	char out[64];
	size_t n;
	ck_assert_int_eq(dec("QUJD\r\nREVG", out, &n), -1);
	ck_assert_uint_eq(n, 6);
	ck_assert(memcmp(out, "ABCDEF", 6) == 0);
	ck_assert_int_eq(dec("\r\naGVs\nbG8s\rIHdv\r\ncmxkIQ==\n\r", out, &n), -1);
	ck_assert_uint_eq(n, 13);
	ck_assert(memcmp(out, "hello, world!", 13) == 0);
	/* Non-canonical trailing bits are accepted, as StdEncoding is not Strict. */
	ck_assert_int_eq(dec("QR==", out, &n), -1);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(out[0], 'A');
	ck_assert_int_eq(dec("AA=\n=", out, &n), -1);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(out[0], 0);
	/* Go keeps the quanta decoded before an error. */
	ck_assert_int_eq(dec("Zm9vYmFy!", out, &n), 8);
	ck_assert_uint_eq(n, 6);
	ck_assert(memcmp(out, "foobar", 6) == 0);
	ck_assert_int_eq(dec("Zm8=Zg==", out, &n), 4);
	ck_assert_uint_eq(n, 2);
}
END_TEST

START_TEST(round_trip_all_lengths)
{
	unsigned char src[300];
	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (unsigned char)(i * 37 + 11);
	for (size_t n = 0; n < sizeof src; n++) {
		char e[404];
		size_t k = hcodec_b64_encode_to(e, src, n);
		ck_assert_uint_eq(k, hcodec_b64_encoded_len(n));
		unsigned char *d = malloc(hcodec_b64_decoded_max(k));
		ck_assert_ptr_nonnull(d);
		size_t dn = 0;
		ck_assert_int_eq(hcodec_b64_decode_to(d, &dn, e, k), -1);
		ck_assert_uint_eq(dn, n);
		ck_assert(memcmp(d, src, n) == 0);
		free(d);
	}
}
END_TEST

START_TEST(hex_digits)
{
	const char *d = "0123456789abcdef", *u = "0123456789ABCDEF";
	for (int i = 0; i < 16; i++) {
		ck_assert_int_eq(hcodec_unhex(d[i]), i);
		ck_assert_int_eq(hcodec_unhex(u[i]), i);
	}
	const int bad[] = {-1, 0, '/', ':', '@', 'G', '`', 'g', 'x', ' ', 0x80, 0xff, -128};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_int_eq(hcodec_unhex(bad[i]), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("codec");
	TCase *tc = tcase_create("base64");
	tcase_add_test(tc, encode_std_padding);
	tcase_add_test(tc, decode_corrupt_offsets);
	tcase_add_test(tc, decode_values_and_newlines);
	tcase_add_test(tc, round_trip_all_lengths);
	tcase_add_test(tc, hex_digits);
	suite_add_tcase(s, tc);
	return check_run(s);
}
