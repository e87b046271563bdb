/* cli/sha256.h - SHA-256 in hex (cli/sha256.c). */
#ifndef HTMPL_CLI_SHA256_H
#define HTMPL_CLI_SHA256_H

#include <stddef.h>

/* out receives 64 lower-case hex digits and a NUL. */
void hsha256_hex(const char *data, size_t len, char out[65]);

#endif
