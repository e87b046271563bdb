/* test_fn_crypto.c - shape and validity of the crypto family: outputs are random, so we check
 * that OpenSSL and libcrypt accept them, plus the deterministic derivePassword vector. */
#include "check_run.h"
#include "fn_test_util.h"

#include <crypt.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

/* NAME(args) must succeed; its result. */
static hv call(const char *name, size_t argc, const hv *argv)
{
	hv out;
	bool ok = fcall(name, argc, argv, &out);
	ck_assert_msg(ok, "%s failed: %s", name, hbuf_cstr(&MSG));
	return out;
}

/* NAME(args) must fail with exactly msg. */
static bool call_fails(const char *name, size_t argc, const hv *argv, const char *msg)
{
	hv out;
	return !fcall(name, argc, argv, &out) && strcmp(hbuf_cstr(&MSG), msg) == 0;
}

static X509 *read_cert(const hv *v)
{
	BIO *b = BIO_new_mem_buf(v->s->data, (int)v->s->len);
	X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	return x;
}

static EVP_PKEY *read_key(const hv *v)
{
	BIO *b = BIO_new_mem_buf(v->s->data, (int)v->s->len);
	EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	return k;
}

static hv field(const hv *obj, const char *name)
{
	hv out;
	ck_assert_int_eq(obj->type, HT_OBJECT);
	ck_assert(obj->o->cls->field(obj->o, name, strlen(name), &out));
	return out;
}

START_TEST(derive_password_vector)
{
	hv a[5] = {{.type = HT_UINT32, .u = 1}, S_("long"), S_("password"), S_("user"), S_("example.com")};
	hv r = call("derivePassword", 5, a);
	ck_assert_str_eq(r.s->data, "ZedaFaxcZaso9*");
	a[1] = S_("nope");
	ck_assert_str_eq(call("derivePassword", 5, a).s->data, "cannot find password template nope");
}
END_TEST

START_TEST(aes_round_trip)
{
	hv a[2] = {S_("secret"), S_("hello world, this is longer than a block")};
	hv enc = call("encryptAES", 2, a);
	hv b[2] = {S_("secret"), enc};
	ck_assert_str_eq(call("decryptAES", 2, b).s->data, "hello world, this is longer than a block");
	hv e[2] = {S_("secret"), S_("")};
	ck_assert_uint_eq(call("encryptAES", 2, e).s->len, 0);
	hv bad[2] = {S_("k"), S_("YWJj")};
	ck_assert(call_fails("decryptAES", 2, bad, "runtime error: slice bounds out of range [:16] with capacity 3"));
}
END_TEST

START_TEST(bcrypt_verifies)
{
	hv a[1] = {S_("hunter2")};
	hv h = call("bcrypt", 1, a);
	ck_assert(strncmp(h.s->data, "$2a$10$", 7) == 0);
	ck_assert_uint_eq(h.s->len, 60);
	struct crypt_data cd;
	memset(&cd, 0, sizeof cd);
	ck_assert_str_eq(crypt_r("hunter2", h.s->data, &cd), h.s->data);
	hv u[2] = {S_("a:b"), S_("pw")};
	ck_assert_str_eq(call("htpasswd", 2, u).s->data, "invalid username: a:b");
	u[0] = S_("admin");
	ck_assert(strncmp(call("htpasswd", 2, u).s->data, "admin:$2a$10$", 13) == 0);
}
END_TEST

START_TEST(ca_and_signed_cert_verify)
{
	hv a[2] = {S_("my-ca"), hv_int(365)};
	hv ca = call("genCA", 2, a);
	hv cacert = field(&ca, "Cert"), cakey = field(&ca, "Key");
	X509 *cax = read_cert(&cacert);
	EVP_PKEY *cak = read_key(&cakey);
	ck_assert(cax && cak);
	ck_assert(strstr(cakey.s->data, "BEGIN RSA PRIVATE KEY"));
	ck_assert_int_eq(X509_verify(cax, cak), 1);
	ck_assert_int_eq(X509_check_ca(cax), 1);

	hlist *ips = hlist_new(A, 1), *dns = hlist_new(A, 1);
	ck_assert(hlist_push(ips, S_("10.0.0.1")) && hlist_push(dns, S_("svc.local")));
	hv s[5] = {S_("svc"), hv_of_list(HT_LIST, ips), hv_of_list(HT_LIST, dns), hv_int(30), ca};
	hv leaf = call("genSignedCert", 5, s);
	hv leafcert = field(&leaf, "Cert");
	X509 *lx = read_cert(&leafcert);
	ck_assert(lx);
	ck_assert_int_eq(X509_verify(lx, cak), 1);
	ck_assert_int_eq(X509_check_host(lx, "svc.local", 0, 0, NULL), 1);
	ck_assert_int_eq(X509_check_ip_asc(lx, "10.0.0.1", 0), 1);
	X509_free(lx);
	X509_free(cax);
	EVP_PKEY_free(cak);

	hv bad[5] = {S_("svc"), hv_of_list(HT_LIST, ips), hv_nil(), hv_int(1), S_("x")};
	ck_assert(call_fails("genSignedCert", 5, bad, "wrong type for value; expected sprig.certificate; got string"));
}
END_TEST

/* Go's marshalSANs writes every DNS name before every IP whatever the argument order, keeps
 * empty and comma-holding names as single entries, and writes IPv4-mapped IPv6 as 4 bytes
 * (seen with harbor's internal TLS: genSignedCert CN (list "127.0.0.1") (list "localhost" CN)). */
START_TEST(san_order_and_encoding)
{
	hv a[2] = {S_("ca"), hv_int(3)};
	hv ca = call("genCA", 2, a);
	hlist *ips = hlist_new(A, 2), *dns = hlist_new(A, 3);
	ck_assert(hlist_push(ips, S_("::ffff:1.2.3.4")) && hlist_push(ips, S_("fe80::1")));
	ck_assert(hlist_push(dns, S_("b")) && hlist_push(dns, S_("a,c")) && hlist_push(dns, S_("")));
	hv s[5] = {S_("x"), hv_of_list(HT_LIST, ips), hv_of_list(HT_LIST, dns), hv_int(3), ca};
	hv leaf = call("genSignedCert", 5, s);
	hv pem = field(&leaf, "Cert");
	X509 *x = read_cert(&pem);
	ck_assert(x);
	GENERAL_NAMES *g = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	ck_assert(g && sk_GENERAL_NAME_num(g) == 5);
	static const char *want[] = {"b", "a,c", ""};
	for (int i = 0; i < 3; i++) {
		GENERAL_NAME *n = sk_GENERAL_NAME_value(g, i);
		ck_assert_int_eq(n->type, GEN_DNS);
		ck_assert_int_eq(ASN1_STRING_length(n->d.dNSName), (int)strlen(want[i]));
		ck_assert(memcmp(ASN1_STRING_get0_data(n->d.dNSName), want[i], strlen(want[i])) == 0);
	}
	ck_assert_int_eq(sk_GENERAL_NAME_value(g, 3)->type, GEN_IPADD);
	ck_assert_int_eq(ASN1_STRING_length(sk_GENERAL_NAME_value(g, 3)->d.iPAddress), 4);
	ck_assert_int_eq(ASN1_STRING_length(sk_GENERAL_NAME_value(g, 4)->d.iPAddress), 16);
	GENERAL_NAMES_free(g);
	X509_free(x);

	hlist *bad = hlist_new(A, 1), *uni = hlist_new(A, 1);
	ck_assert(hlist_push(bad, S_("01.2.3.4")) && hlist_push(uni, S_("b\xc3\xbc")));
	hv e1[5] = {S_("x"), hv_of_list(HT_LIST, bad), hv_nil(), hv_int(3), ca};
	ck_assert(call_fails("genSignedCert", 5, e1, "error parsing ip: 01.2.3.4"));
	hv e2[5] = {S_("x"), hv_nil(), hv_of_list(HT_LIST, uni), hv_int(3), ca};
	ck_assert(call_fails("genSignedCert", 5, e2,
	                     "error creating certificate: x509: \"b\xc3\xbc\" cannot be encoded as an IA5String"));
}
END_TEST

START_TEST(private_keys_parse)
{
	const char *types[] = {"ecdsa", "ed25519"};
	const char *heads[] = {"-----BEGIN EC PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----"};
	for (int i = 0; i < 2; i++) {
		hv a[1] = {S_(types[i])};
		hv k = call("genPrivateKey", 1, a);
		ck_assert(strncmp(k.s->data, heads[i], strlen(heads[i])) == 0);
		EVP_PKEY *p = read_key(&k);
		ck_assert(p);
		EVP_PKEY_free(p);
		hv w[3] = {S_("ca"), hv_int(1), k};
		hv ca = call("genCAWithKey", 3, w);
		hv cert = field(&ca, "Cert");
		X509 *x = read_cert(&cert);
		ck_assert(x);
		X509_free(x);
	}
	hv u[1] = {S_("rsa2")};
	ck_assert_str_eq(call("genPrivateKey", 1, u).s->data, "Unknown type rsa2");
}
END_TEST

START_TEST(uuid_and_rand_bytes_shape)
{
	hv u = call("uuidv4", 0, NULL);
	ck_assert_uint_eq(u.s->len, 36);
	ck_assert_int_eq(u.s->data[14], '4');
	ck_assert(strchr("89ab", u.s->data[19]));
	hv n[1] = {hv_int(10)};
	ck_assert_uint_eq(call("randBytes", 1, n).s->len, 16);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fn_crypto");
	TCase *tc = tcase_create("crypto");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, fn_setup, fn_teardown);
	tcase_add_test(tc, derive_password_vector);
	tcase_add_test(tc, aes_round_trip);
	tcase_add_test(tc, bcrypt_verifies);
	tcase_add_test(tc, ca_and_signed_cert_verify);
	tcase_add_test(tc, san_order_and_encoding);
	tcase_add_test(tc, private_keys_parse);
	tcase_add_test(tc, uuid_and_rand_bytes_shape);
	suite_add_tcase(s, tc);
	return check_run(s);
}
