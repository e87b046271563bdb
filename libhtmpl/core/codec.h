/* codec.h - the library's one base64 codec and hex-digit parser (layer: core).
 *
 * Base64 is Go's encoding/base64 StdEncoding (standard alphabet, '=' padding), the form
 * Sprig's b64enc/b64dec, decryptAES, json.Marshal of []byte, goyaml's !!binary and Helm's
 * .Files.AsSecrets all use. The decoder reproduces StdEncoding.Decode exactly: padding is
 * required, '\r' and '\n' are skipped anywhere, nothing but newlines may follow the padding,
 * non-zero trailing bits are accepted, and an error carries the input byte offset Go puts in
 * "illegal base64 data at input byte N" (CorruptInputError). Pure functions: no allocation
 * except through the hbuf given, no state, thread-safe. */
#ifndef HTMPL_CODEC_H
#define HTMPL_CODEC_H

#include "core/buf.h"

#include <stddef.h>

/* base64.StdEncoding.EncodedLen(n): 4 * ceil(n / 3). */
size_t hcodec_b64_encoded_len(size_t n);
/* Writes exactly hcodec_b64_encoded_len(n) bytes to dst (no NUL); returns that count. */
size_t hcodec_b64_encode_to(char *dst, const void *src, size_t n);
/* Appends the encoding of src[0..n) to b (check hbuf_ok afterwards). */
void hcodec_b64_encode(hbuf *b, const void *src, size_t n);

/* A size a decode output buffer for n input bytes never exceeds. */
size_t hcodec_b64_decoded_max(size_t n);
/* base64.StdEncoding.Decode of src[0..n) into dst, which holds hcodec_b64_decoded_max(n)
 * bytes, or is NULL to validate only. *dlen (may be NULL) gets the bytes decoded; as in Go,
 * on an error they are the quanta before it. Returns -1 when the text decodes, else the
 * offset Go reports in "illegal base64 data at input byte N". */
long hcodec_b64_decode_to(void *dst, size_t *dlen, const void *src, size_t n);
/* The same, appending to b. On out of memory returns -1 with b's oom flag set, so check
 * hbuf_ok when the result is -1. */
long hcodec_b64_decode(hbuf *b, const void *src, size_t n);

/* The value of a hex digit [0-9a-fA-F], or -1 for any other int (EOF, negative chars). */
int hcodec_unhex(int c);

#endif
