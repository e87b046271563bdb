/* jsonformat.h - gojsonschema v1.2.0's format checkers (format_checkers.go) for the string
 * formats of values.schema.json, used by schema.c. Each takes a NUL-terminated string (the
 * caller rejects strings with a NUL inside, which no Go parser would take) and says whether
 * the format accepts it. Pure functions: no allocation, thread-safe. */
#ifndef HTMPL_JSONFORMAT_H
#define HTMPL_JSONFORMAT_H

#include <stdbool.h>

/* date: time.Parse("2006-01-02"). */
bool hjsonformat_date(const char *s);
/* time: time.Parse of "15:04:05" or "15:04:05Z07:00". */
bool hjsonformat_time(const char *s);
/* date-time: time, date, RFC3339 or RFC3339Nano. */
bool hjsonformat_date_time(const char *s);
/* hostname: rxHostname and shorter than 256 bytes. */
bool hjsonformat_hostname(const char *s);
/* email and idn-email: mail.ParseAddress. */
bool hjsonformat_email(const char *s);
/* ipv4 / ipv6: net.ParseIP succeeds and the text holds a '.' / a ':'. */
bool hjsonformat_ipv4(const char *s);
bool hjsonformat_ipv6(const char *s);
/* uri, iri (need_scheme) and uri-reference, iri-reference: url.Parse succeeds, no
 * backslash. */
bool hjsonformat_uri(const char *s, bool need_scheme);
/* uri-template: no backslash, url.Parse succeeds, rxURITemplate. */
bool hjsonformat_uri_template(const char *s);
/* uuid: rxUUID (lower-case hex, 8-4-4-4-12). */
bool hjsonformat_uuid(const char *s);
/* json-pointer: rxJSONPointer. */
bool hjsonformat_json_pointer(const char *s);
/* relative-json-pointer: rxRelJSONPointer. */
bool hjsonformat_relative_json_pointer(const char *s);

#endif
