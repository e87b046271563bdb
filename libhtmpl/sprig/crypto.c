/* fn_crypto.c - Sprig's crypto family (sprig v3.3.0 crypto.go) on OpenSSL's libcrypto and
 * libcrypt: keys, certificates, bcrypt/htpasswd, derivePassword, AES, randBytes, uuidv4.
 *
 * Their outputs are random, so they are tested by shape and validity (keys and certificates
 * parse with OpenSSL and verify against their CA; bcrypt verifies with libcrypt; AES decrypts
 * in helm), never byte for byte. Where Sprig returns an error text as the result string
 * (bcrypt, htpasswd, genPrivateKey, derivePassword) we do the same. Random bytes that we
 * choose (salts, IVs, serials, UUIDs) come from the environment, so tests can fix them; key
 * generation uses OpenSSL's own generator. */
#include "sprig/sprig.h"
#include "core/codec.h"
#include "value/fmt.h"
#include "value/env.h"
#include "core/strconv.h"

#include <arpa/inet.h>

#include <crypt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

static bool b64_encode(hcall *c, const unsigned char *p, size_t n, hv *out)
{
	char *s = harena_alloc(c->arena, hcodec_b64_encoded_len(n) + 1);
	if (!s)
		return hcall_nomem(c);
	return htmpl_call_string(c, s, hcodec_b64_encode_to(s, p, n), out);
}

/* base64.StdEncoding.DecodeString into the arena: -1 when it decodes, Go's error offset
 * when not (conf-funcs/err-decryptaes-bad-base64), -2 when out of memory. */
static long b64_decode(harena *a, const char *s, size_t n, unsigned char **out, size_t *outlen)
{
	*out = harena_alloc(a, hcodec_b64_decoded_max(n));
	if (!*out)
		return -2;
	return hcodec_b64_decode_to(*out, outlen, s, n);
}

static bool bio_string(hcall *c, BIO *bio, hv *out)
{
	char *p;
	long n = BIO_get_mem_data(bio, &p);
	return htmpl_call_string(c, p, n > 0 ? (size_t)n : 0, out);
}

/* ------------------------------------------------------------------ random */

static bool fn_randBytes(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t n = argv[0].i;
	if (n < 0)
		return hcall_errorf(c, "runtime error: makeslice: len out of range");
	if ((uint64_t)n > c->env->limits[HTMPL_LIMIT_LIST_ITEMS])
		return hcall_errorf(c, "randBytes: %lld bytes exceed the limit", (long long)n);
	unsigned char *buf = harena_alloc(c->arena, (size_t)n + 1);
	if (!buf)
		return hcall_nomem(c);
	if (!henv_random(c->env, buf, (size_t)n))
		return hcall_errorf(c, "no random bytes available");
	return b64_encode(c, buf, (size_t)n, out);
}

static bool fn_uuidv4(hcall *c, size_t argc, const hv *argv, hv *out)
{
	unsigned char u[16];
	if (!henv_random(c->env, u, sizeof u))
		return hcall_errorf(c, "no random bytes available");
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	char s[37];
	static const char hex[] = "0123456789abcdef";
	size_t j = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			s[j++] = '-';
		s[j++] = hex[u[i] >> 4];
		s[j++] = hex[u[i] & 15];
	}
	return htmpl_call_string(c, s, 36, out);
}

/* ------------------------------------------------------------------ bcrypt, htpasswd */

/* golang.org/x/crypto/bcrypt GenerateFromPassword with DefaultCost 10, "$2a$" prefix. */
static bool bcrypt_hash(hcall *c, const hstr *pw, hbuf *b)
{
	if (pw->len > 72) {
		hbuf_puts(b, "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
		return true;
	}
	unsigned char rnd[16];
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	if (!henv_random(c->env, rnd, sizeof rnd))
		return hcall_errorf(c, "no random bytes available");
	if (!crypt_gensalt_rn("$2a$", 10, (const char *)rnd, sizeof rnd, setting, sizeof setting))
		return hcall_errorf(c, "bcrypt: cannot make a salt");
	struct crypt_data *cd = harena_zalloc(c->arena, sizeof *cd);
	if (!cd)
		return hcall_nomem(c);
	/* bcrypt stops at a NUL byte, as Go's does not; passwords with NUL are rare enough. */
	char *phrase = harena_strndup(c->arena, pw->data, pw->len);
	if (!phrase)
		return hcall_nomem(c);
	const char *h = crypt_rn(phrase, setting, cd, sizeof *cd);
	if (!h || h[0] == '*')
		return hcall_errorf(c, "bcrypt: hashing failed");
	hbuf_puts(b, h);
	return true;
}

static bool fn_bcrypt(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	bool ok = bcrypt_hash(c, argv[0].s, &b) && hbuf_ok(&b) &&
	          htmpl_call_string(c, b.data ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok;
}

static bool fn_htpasswd(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *user = argv[0].s;
	hbuf b = HBUF_INIT;
	bool ok = true;
	if (memchr(user->data, ':', user->len)) {
		hbuf_puts(&b, "invalid username: ");
		hbuf_put(&b, user->data, user->len);
	} else {
		hbuf_put(&b, user->data, user->len);
		hbuf_putc(&b, ':');
		ok = bcrypt_hash(c, argv[1].s, &b);
	}
	ok = ok && (hbuf_ok(&b) || hcall_nomem(c)) && htmpl_call_string(c, b.data, b.len, out);
	hbuf_free(&b);
	return ok;
}

/* ------------------------------------------------------------------ derivePassword */

/* The Master Password algorithm as Sprig implements it (templates and character classes are
 * the algorithm's published constants). */
static const struct {
	const char *type;
	const char *templates[21];
} pw_templates[] = {
	{"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
	{"long",
	 {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
	  "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
	  "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
	  "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
	  "CvccCvcvCvccno"}},
	{"medium", {"CvcnoCvc", "CvcCvcno"}},
	{"short", {"Cvcn"}},
	{"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
	{"pin", {"nnnn"}},
};

static const char *pw_chars(char cls)
{
	switch (cls) {
	case 'V': return "AEIOU";
	case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
	case 'v': return "aeiou";
	case 'c': return "bcdfghjklmnpqrstvwxyz";
	case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
	case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
	case 'n': return "0123456789";
	case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
	default: return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
	}
}

static void put_be32(hbuf *b, uint32_t v)
{
	char x[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
	hbuf_put(b, x, 4);
}

static bool fn_derivePassword(hcall *c, size_t argc, const hv *argv, hv *out)
{
	uint32_t counter = (uint32_t)argv[0].u;
	const hstr *type = argv[1].s, *pw = argv[2].s, *user = argv[3].s, *site = argv[4].s;
	size_t t = 0, nt = sizeof pw_templates / sizeof *pw_templates;
	while (t < nt && (strlen(pw_templates[t].type) != type->len ||
	                  memcmp(pw_templates[t].type, type->data, type->len)))
		t++;
	hbuf b = HBUF_INIT;
	bool ok = false;
	if (t == nt) {
		hbuf_puts(&b, "cannot find password template ");
		hbuf_put(&b, type->data, type->len);
		goto done;
	}
	static const char seed[] = "com.lyndir.masterpassword";
	hbuf_puts(&b, seed);
	put_be32(&b, (uint32_t)user->len);
	hbuf_put(&b, user->data, user->len);
	unsigned char key[64], mac[32];
	if (!hbuf_ok(&b) || !EVP_PBE_scrypt(pw->data, pw->len, (unsigned char *)b.data, b.len, 32768, 8,
	                                    2, 64ull << 20, key, sizeof key)) {
		hcall_errorf(c, "failed to derive password");
		goto fail;
	}
	b.len = sizeof seed - 1;
	put_be32(&b, (uint32_t)site->len);
	hbuf_put(&b, site->data, site->len);
	put_be32(&b, counter);
	unsigned int maclen = sizeof mac;
	if (!hbuf_ok(&b) || !HMAC(EVP_sha256(), key, sizeof key, (unsigned char *)b.data, b.len, mac, &maclen)) {
		hcall_errorf(c, "failed to derive password");
		goto fail;
	}
	size_t ntpl = 0;
	while (ntpl < 21 && pw_templates[t].templates[ntpl])
		ntpl++;
	const char *tpl = pw_templates[t].templates[mac[0] % ntpl];
	hbuf_reset(&b);
	for (size_t i = 0; tpl[i] && i + 1 < sizeof mac; i++) {
		const char *chars = pw_chars(tpl[i]);
		hbuf_putc(&b, chars[mac[i + 1] % strlen(chars)]);
	}
done:
	ok = (hbuf_ok(&b) || hcall_nomem(c)) && htmpl_call_string(c, b.data ? b.data : "", b.len, out);
fail:
	hbuf_free(&b);
	return ok;
}

/* ------------------------------------------------------------------ private keys */

static EVP_PKEY *gen_dsa(void)
{
	EVP_PKEY *params = NULL, *key = NULL;
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
	if (pc && EVP_PKEY_paramgen_init(pc) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) > 0 &&
	    EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) > 0 && EVP_PKEY_paramgen(pc, &params) > 0) {
		EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
		if (kc && EVP_PKEY_keygen_init(kc) > 0)
			EVP_PKEY_keygen(kc, &key);
		EVP_PKEY_CTX_free(kc);
	}
	EVP_PKEY_free(params);
	EVP_PKEY_CTX_free(pc);
	return key;
}

/* PEM as Sprig's pemBlockForKey: PKCS#1 / SEC1 / DSA traditional forms, PKCS#8 for ed25519. */
static bool key_pem(hcall *c, EVP_PKEY *k, hv *out)
{
	BIO *bio = BIO_new(BIO_s_mem());
	if (!bio)
		return hcall_nomem(c);
	int id = EVP_PKEY_get_base_id(k);
	int ok = id == EVP_PKEY_ED25519
	                 ? PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL)
	                 : PEM_write_bio_PrivateKey_traditional(bio, k, NULL, NULL, 0, NULL, NULL);
	bool r = ok ? bio_string(c, bio, out) : hcall_errorf(c, "error pem-encoding key");
	BIO_free(bio);
	return r;
}

static EVP_PKEY *gen_key(const hstr *type)
{
	if (type->len == 0 || !strcmp(type->data, "rsa"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)4096);
	if (!strcmp(type->data, "dsa"))
		return gen_dsa();
	if (!strcmp(type->data, "ecdsa"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!strcmp(type->data, "ed25519"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	return NULL;
}

static bool fn_genPrivateKey(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *type = argv[0].s;
	bool known = type->len == 0 || !strcmp(type->data, "rsa") || !strcmp(type->data, "dsa") ||
	             !strcmp(type->data, "ecdsa") || !strcmp(type->data, "ed25519");
	if (!known || strlen(type->data) != type->len) {
		hbuf b = HBUF_INIT;
		hbuf_puts(&b, "Unknown type ");
		hbuf_put(&b, type->data, type->len);
		bool ok = (hbuf_ok(&b) || hcall_nomem(c)) && htmpl_call_string(c, b.data, b.len, out);
		hbuf_free(&b);
		return ok;
	}
	EVP_PKEY *k = gen_key(type);
	if (!k)
		return htmpl_call_string(c, "failed to generate private key", 30, out);
	bool ok = key_pem(c, k, out);
	EVP_PKEY_free(k);
	return ok;
}

/* Sprig's parsePrivateKeyPEM, with its error texts where OpenSSL lets us tell them apart. */
static EVP_PKEY *parse_key(hcall *c, const char *pem, size_t n, const char *ctx)
{
	if (!memmem(pem, n, "-----BEGIN", 10)) {
		hcall_errorf(c, "%sno PEM data in input", ctx);
		return NULL;
	}
	BIO *bio = BIO_new_mem_buf(pem, (int)n);
	EVP_PKEY *k = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	if (!k)
		hcall_errorf(c, "%sinvalid private key", ctx);
	return k;
}

/* ------------------------------------------------------------------ certificates */

typedef struct cert {
	hstr *cert, *key;
} cert;

static bool cert_field(const hobj *o, const char *name, size_t len, hv *out)
{
	const cert *ct = o->data;
	if (len == 4 && !memcmp(name, "Cert", 4))
		*out = hv_of_str(ct->cert);
	else if (len == 3 && !memcmp(name, "Key", 3))
		*out = hv_of_str(ct->key);
	else
		return false;
	return true;
}

static void cert_format(const hobj *o, hbuf *b)
{
	const cert *ct = o->data;
	hbuf_putc(b, '{');
	hbuf_put(b, ct->cert->data, ct->cert->len);
	hbuf_putc(b, ' ');
	hbuf_put(b, ct->key->data, ct->key->len);
	hbuf_putc(b, '}');
}

static bool cert_marshal(const hobj *o, harena *a, hv *out)
{
	const cert *ct = o->data;
	hmap *m = hmap_new(a, 2);
	if (!m || !hmap_set(m, "Cert", 4, hv_of_str(ct->cert)) || !hmap_set(m, "Key", 3, hv_of_str(ct->key)))
		return false;
	*out = hv_of_map(HT_MAP, m);
	return true;
}

static const hobj_class cert_class = {
	.type_name = "sprig.certificate",
	.kind = HK_STRUCT,
	.field = cert_field,
	.format = cert_format,
	.marshal = cert_marshal,
};

static bool make_cert(hcall *c, hstr *certpem, hstr *keypem, hv *out)
{
	cert *ct = harena_alloc(c->arena, sizeof *ct);
	hobj *o = harena_alloc(c->arena, sizeof *o);
	if (!ct || !o)
		return hcall_nomem(c);
	ct->cert = certpem;
	ct->key = keypem;
	o->cls = &cert_class;
	o->data = ct;
	*out = hv_of_obj(o);
	return true;
}

static bool add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	bool ok = e && X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok;
}

/* net.ParseIP (netip.ParseAddr, no zone): strict dotted quads without leading zeros, IPv6
 * with an optional embedded IPv4 tail - the grammar glibc's inet_pton also accepts. x509's
 * marshalSANs then writes IPv4 (and IPv4-mapped IPv6) addresses as 4 bytes, others as 16. */
static int parse_ip(const hstr *s, unsigned char ip[16])
{
	if (memchr(s->data, 0, s->len))
		return 0;
	if (inet_pton(AF_INET, s->data, ip) == 1)
		return 4;
	if (inet_pton(AF_INET6, s->data, ip) != 1)
		return 0;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(ip, mapped, 12) == 0) {
		memmove(ip, ip + 12, 4);
		return 4;
	}
	return 16;
}

static bool push_name(GENERAL_NAMES *g, int type, const void *p, size_t n)
{
	GENERAL_NAME *gn = GENERAL_NAME_new();
	ASN1_STRING *v = ASN1_STRING_type_new(type == GEN_DNS ? V_ASN1_IA5STRING : V_ASN1_OCTET_STRING);
	if (!gn || !v || !ASN1_STRING_set(v, p, (int)n)) {
		GENERAL_NAME_free(gn);
		ASN1_STRING_free(v);
		return false;
	}
	GENERAL_NAME_set0_value(gn, type, v);
	if (!sk_GENERAL_NAME_push(g, gn)) {
		GENERAL_NAME_free(gn);
		return false;
	}
	return true;
}

/* getNetIPs then getAlternateDNSStrs: every item must be a string, IPs must parse. */
static bool check_san_items(hcall *c, const hv *ips, const hv *dns)
{
	for (int pass = 0; pass < 2; pass++) {
		const hv *l = pass ? dns : ips;
		if (!hv_is_list(l) || !l->l)
			continue;
		for (size_t i = 0; i < l->l->len; i++) {
			const hv *it = &l->l->v[i];
			unsigned char ip[16];
			if (it->type != HT_STRING) {
				hbuf tmp = HBUF_INIT;
				hfmt_value(&tmp, it);
				bool r = hcall_errorf(c, pass ? "error processing alternate dns name: %s is not a string"
				                             : "error parsing ip: %s is not a string",
				                      hbuf_cstr(&tmp));
				hbuf_free(&tmp);
				return r;
			}
			if (!pass && !parse_ip(it->s, ip))
				return hcall_errorf(c, "error parsing ip: %s", it->s->data);
		}
	}
	return true;
}

/* x509.CreateCertificate's marshalSANs: all DNS names first (each must be IA5, i.e. ASCII),
 * then all IP addresses, whatever order the template gave. No extension when both are empty. */
static bool san_names(hcall *c, const hv *ips, const hv *dns, GENERAL_NAMES **out)
{
	*out = NULL;
	if (!check_san_items(c, ips, dns))
		return false;
	GENERAL_NAMES *g = sk_GENERAL_NAME_new_null();
	if (!g)
		return hcall_nomem(c);
	for (int pass = 0; pass < 2; pass++) {
		const hv *l = pass ? ips : dns;
		for (size_t i = 0; hv_is_list(l) && l->l && i < l->l->len; i++) {
			const hstr *s = l->l->v[i].s;
			unsigned char ip[16];
			size_t k = 0;
			while (!pass && k < s->len && !((unsigned char)s->data[k] & 0x80))
				k++;
			if (!pass && k < s->len) {
				hbuf q = HBUF_INIT;
				hstrconv_quote(&q, s->data, s->len, false);
				hcall_errorf(c, "error creating certificate: x509: %s cannot be encoded as an IA5String",
				             hbuf_cstr(&q));
				hbuf_free(&q);
				GENERAL_NAMES_free(g);
				return false;
			}
			bool ok = pass ? push_name(g, GEN_IPADD, ip, (size_t)parse_ip(s, ip))
			               : push_name(g, GEN_DNS, s->data, s->len);
			if (!ok) {
				GENERAL_NAMES_free(g);
				return hcall_nomem(c);
			}
		}
	}
	if (sk_GENERAL_NAME_num(g) == 0)
		GENERAL_NAMES_free(g);
	else
		*out = g;
	return true;
}

/* Go's crypto/x509 encodes a name as PrintableString when every byte is in that set (plus
 * '*' and '&', which Go tolerates), else as UTF8String. */
static int name_string_type(const hstr *s)
{
	for (size_t i = 0; i < s->len; i++) {
		unsigned char ch = (unsigned char)s->data[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      strchr(" '()+,-./:=?*&", ch)) || ch == 0)
			return MBSTRING_UTF8;
	}
	return V_ASN1_PRINTABLESTRING;
}

typedef struct cert_req {
	const hstr *cn;
	const hv *ips, *dns;
	int64_t days;
	bool is_ca;
	EVP_PKEY *key;        /* the new certificate's key */
	X509 *issuer;         /* NULL: self-signed */
	EVP_PKEY *issuer_key; /* NULL: self-signed */
} cert_req;

static bool set_serial_and_time(hcall *c, X509 *x, int64_t days)
{
	unsigned char rnd[16];
	if (!henv_random(c->env, rnd, sizeof rnd))
		return false;
	BIGNUM *bn = BN_bin2bn(rnd, sizeof rnd, NULL);
	bool ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	int64_t sec;
	int32_t nsec;
	henv_now(c->env, &sec, &nsec);
	return ok && ASN1_TIME_set(X509_getm_notBefore(x), (time_t)sec) &&
	       ASN1_TIME_set(X509_getm_notAfter(x), (time_t)(sec + days * 86400));
}

/* getBaseCertTemplate + x509.CreateCertificate: v3, random 128-bit serial, CN subject,
 * key usage, server+client auth, basic constraints, SANs. */
static bool build_cert(hcall *c, const cert_req *r, hv *out)
{
	GENERAL_NAMES *san;
	if (!san_names(c, r->ips, r->dns, &san))
		return false;
	X509 *x = X509_new();
	X509_NAME *name = X509_NAME_new();
	bool ok = x && name && X509_set_version(x, 2) && set_serial_and_time(c, x, r->days) &&
	          X509_NAME_add_entry_by_NID(name, NID_commonName, name_string_type(r->cn),
	                                     (const unsigned char *)r->cn->data, (int)r->cn->len, -1, 0) &&
	          X509_set_subject_name(x, name) &&
	          X509_set_issuer_name(x, r->issuer ? X509_get_subject_name(r->issuer) : name) &&
	          X509_set_pubkey(x, r->key);
	X509 *iss = r->issuer ? r->issuer : x;
	ok = ok &&
	     add_ext(x, iss, NID_key_usage,
	             r->is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign"
	                      : "critical,digitalSignature,keyEncipherment") &&
	     add_ext(x, iss, NID_ext_key_usage, "serverAuth,clientAuth") &&
	     add_ext(x, iss, NID_basic_constraints, r->is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
	     (!r->is_ca || add_ext(x, iss, NID_subject_key_identifier, "hash")) &&
	     (!r->issuer || add_ext(x, iss, NID_authority_key_identifier, "keyid")) &&
	     (!san || X509_add1_ext_i2d(x, NID_subject_alt_name, san, 0, X509V3_ADD_DEFAULT) == 1);
	EVP_PKEY *signer = r->issuer_key ? r->issuer_key : r->key;
	int id = EVP_PKEY_get_base_id(signer);
	ok = ok && X509_sign(x, signer, id == EVP_PKEY_ED25519 ? NULL : EVP_sha256()) > 0;
	BIO *bio = ok ? BIO_new(BIO_s_mem()) : NULL;
	hv certpem, keypem;
	ok = ok && bio && PEM_write_bio_X509(bio, x) && bio_string(c, bio, &certpem) &&
	     key_pem(c, r->key, &keypem) && make_cert(c, certpem.s, keypem.s, out);
	if (!ok && !c->failed)
		hcall_errorf(c, "error creating certificate");
	BIO_free(bio);
	X509_NAME_free(name);
	X509_free(x);
	GENERAL_NAMES_free(san);
	return ok;
}

static EVP_PKEY *new_rsa2048(hcall *c)
{
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	if (!k)
		hcall_errorf(c, "error generating rsa key");
	return k;
}

static bool gen_ca(hcall *c, const hv *argv, EVP_PKEY *key, hv *out)
{
	hv none = hv_nil();
	cert_req r = {.cn = argv[0].s, .ips = &none, .dns = &none, .days = argv[1].i, .is_ca = true, .key = key};
	bool ok = key && build_cert(c, &r, out);
	EVP_PKEY_free(key);
	return ok;
}

static bool fn_genCA(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return gen_ca(c, argv, new_rsa2048(c), out);
}

static bool fn_genCAWithKey(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return gen_ca(c, argv, parse_key(c, argv[2].s->data, argv[2].s->len, "parsing private key: "), out);
}

static bool gen_self(hcall *c, const hv *argv, EVP_PKEY *key, hv *out)
{
	cert_req r = {.cn = argv[0].s, .ips = &argv[1], .dns = &argv[2], .days = argv[3].i, .key = key};
	bool ok = key && build_cert(c, &r, out);
	EVP_PKEY_free(key);
	return ok;
}

static bool fn_genSelfSignedCert(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return gen_self(c, argv, new_rsa2048(c), out);
}

static bool fn_genSelfSignedCertWithKey(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return gen_self(c, argv, parse_key(c, argv[4].s->data, argv[4].s->len, "parsing private key: "), out);
}

static const cert *as_cert(hcall *c, const hv *v)
{
	if (v->type == HT_OBJECT && v->o && v->o->cls == &cert_class)
		return v->o->data;
	hcall_errorf(c, "wrong type for value; expected sprig.certificate; got %s", hv_type_name(v));
	return NULL;
}

static bool gen_signed(hcall *c, const hv *argv, const cert *ca, EVP_PKEY *key, hv *out)
{
	X509 *issuer = NULL;
	EVP_PKEY *ikey = NULL;
	bool ok = false;
	if (!key)
		goto done;
	BIO *bio = BIO_new_mem_buf(ca->cert->data, (int)ca->cert->len);
	issuer = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	if (!issuer) {
		hcall_errorf(c, "unable to decode certificate");
		goto done;
	}
	if (!(ikey = parse_key(c, ca->key->data, ca->key->len, "error parsing private key: ")))
		goto done;
	cert_req r = {.cn = argv[0].s, .ips = &argv[1], .dns = &argv[2], .days = argv[3].i,
	              .key = key, .issuer = issuer, .issuer_key = ikey};
	ok = build_cert(c, &r, out);
done:
	X509_free(issuer);
	EVP_PKEY_free(ikey);
	EVP_PKEY_free(key);
	return ok;
}

static bool fn_genSignedCert(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const cert *ca = as_cert(c, &argv[4]);
	return ca && gen_signed(c, argv, ca, new_rsa2048(c), out);
}

static bool fn_genSignedCertWithKey(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const cert *ca = as_cert(c, &argv[4]);
	return ca && gen_signed(c, argv, ca, parse_key(c, argv[5].s->data, argv[5].s->len, "parsing private key: "), out);
}

static bool fn_buildCustomCert(hcall *c, size_t argc, const hv *argv, hv *out)
{
	unsigned char *cp, *kp;
	size_t cl, kl;
	long bad = b64_decode(c->arena, argv[0].s->data, argv[0].s->len, &cp, &cl);
	if (bad == -2)
		return hcall_nomem(c);
	if (bad >= 0)
		return hcall_errorf(c, "unable to decode base64 certificate");
	bad = b64_decode(c->arena, argv[1].s->data, argv[1].s->len, &kp, &kl);
	if (bad == -2)
		return hcall_nomem(c);
	if (bad >= 0)
		return hcall_errorf(c, "unable to decode base64 private key");
	BIO *bio = BIO_new_mem_buf(cp, (int)cl);
	X509 *x = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	if (!x)
		return hcall_errorf(c, "unable to decode certificate");
	X509_free(x);
	EVP_PKEY *k = parse_key(c, (const char *)kp, kl, "error parsing private key: ");
	if (!k)
		return false;
	EVP_PKEY_free(k);
	hstr *cs = hstr_new(c->arena, (const char *)cp, cl), *ks = hstr_new(c->arena, (const char *)kp, kl);
	return cs && ks ? make_cert(c, cs, ks, out) : hcall_nomem(c);
}

/* ------------------------------------------------------------------ AES */

static void aes_key(const hstr *pw, unsigned char key[32])
{
	memset(key, 0, 32);
	memcpy(key, pw->data, pw->len < 32 ? pw->len : 32);
}

static bool fn_encryptAES(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *text = argv[1].s;
	if (text->len == 0)
		return htmpl_call_string(c, "", 0, out);
	unsigned char key[32];
	aes_key(argv[0].s, key);
	size_t pad = 16 - text->len % 16, n = text->len + pad;
	unsigned char *buf = harena_alloc(c->arena, 16 + n + 16);
	if (!buf)
		return hcall_nomem(c);
	if (!henv_random(c->env, buf, 16))
		return hcall_errorf(c, "no random bytes available");
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l1 = 0, l2 = 0;
	bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, buf) &&
	          EVP_EncryptUpdate(ctx, buf + 16, &l1, (const unsigned char *)text->data, (int)text->len) &&
	          EVP_EncryptFinal_ex(ctx, buf + 16 + l1, &l2); /* PKCS#7, as Sprig pads */
	EVP_CIPHER_CTX_free(ctx);
	if (!ok || (size_t)(l1 + l2) != n)
		return hcall_errorf(c, "crypto/aes: encryption failed");
	return b64_encode(c, buf, 16 + n, out);
}

static bool fn_decryptAES(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const hstr *in = argv[1].s;
	if (in->len == 0)
		return htmpl_call_string(c, "", 0, out);
	unsigned char key[32], *data;
	size_t n;
	aes_key(argv[0].s, key);
	long bad = b64_decode(c->arena, in->data, in->len, &data, &n);
	if (bad == -2)
		return hcall_nomem(c);
	if (bad >= 0)
		return hcall_errorf(c, "illegal base64 data at input byte %ld", bad);
	/* Go slices the buffer DecodeString allocated: its capacity is DecodedLen(len(input)). */
	if (n < 16)
		return hcall_errorf(c, "runtime error: slice bounds out of range [:16] with capacity %zu",
		                    in->len / 4 * 3);
	if ((n - 16) % 16)
		return hcall_errorf(c, "crypto/cipher: input not full blocks");
	if (n == 16)
		return hcall_errorf(c, "runtime error: index out of range [-1]");
	unsigned char *plain = harena_alloc(c->arena, n);
	if (!plain)
		return hcall_nomem(c);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l1 = 0;
	bool ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, data) &&
	          EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	          EVP_DecryptUpdate(ctx, plain, &l1, data + 16, (int)(n - 16));
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		return hcall_errorf(c, "crypto/aes: decryption failed");
	/* Sprig trims the last byte's value without checking the padding. */
	size_t pad = plain[l1 - 1];
	if (pad > (size_t)l1)
		return hcall_errorf(c, "runtime error: slice bounds out of range [:%lld]", (long long)l1 - (long long)pad);
	return htmpl_call_string(c, (const char *)plain, (size_t)l1 - pad, out);
}

static const hfunc_def defs[] = {
	{"randBytes", fn_randBytes, "i"},
	{"uuidv4", fn_uuidv4, ""},
	{"bcrypt", fn_bcrypt, "s"},
	{"htpasswd", fn_htpasswd, "ss"},
	{"derivePassword", fn_derivePassword, "ussss"},
	{"genPrivateKey", fn_genPrivateKey, "s"},
	{"genCA", fn_genCA, "si"},
	{"genCAWithKey", fn_genCAWithKey, "sis"},
	{"genSelfSignedCert", fn_genSelfSignedCert, "slli"},
	{"genSelfSignedCertWithKey", fn_genSelfSignedCertWithKey, "sllis"},
	{"genSignedCert", fn_genSignedCert, "slliv"},
	{"genSignedCertWithKey", fn_genSignedCertWithKey, "sllivs"},
	{"buildCustomCert", fn_buildCustomCert, "ss"},
	{"encryptAES", fn_encryptAES, "ss"},
	{"decryptAES", fn_decryptAES, "ss"},
};

bool hsprig_crypto(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
