/* netip.h - Go's net/netip.ParseAddr (Go 1.25, as helm 4.1.4 is built): IPv4 dotted quads and
 * IPv6 with `::`, an embedded IPv4 and a `%zone`, refused with Go's parseAddrError text
 * (`ParseAddr("1::2::3"): multiple :: in address (at ":3")`). For helm 4's schema formats and
 * url.Parse's IP-literal check. */
#ifndef HTMPL_NETIP_H
#define HTMPL_NETIP_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Parses in[0..n): true with *is6 (an IPv6 address) and *zoned (it has a zone); false with
 * the error appended to why. */
bool hnetip_parse(const char *in, size_t n, bool *is6, bool *zoned, hbuf *why);

#endif
