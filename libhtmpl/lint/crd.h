/* crd.h - custom resources against their chart's CustomResourceDefinitions (crd.c): the
 * CRDs a chart ships are collected into a set, and a CR whose group, version and kind one of
 * them serves is checked with the API server's structural-schema rules.
 * The set lives in the caller's arena and borrows the CRD documents: keep them alive. */
#ifndef HTMPL_CRD_H
#define HTMPL_CRD_H

#include "core/arena.h"
#include "core/error.h"
#include "value/value.h"

typedef struct hcrd_set hcrd_set;

/* A new empty set in arena a; NULL when out of memory. */
hcrd_set *hcrd_set_new(harena *a);
/* Adds doc when it is an apiextensions.k8s.io/v1 CustomResourceDefinition (one entry per
 * spec.versions[]); any other document is ignored. False only when out of memory. */
bool hcrd_set_add(hcrd_set *s, const hv *doc);
/* Frees the compiled patterns the set caches (PCRE2 memory, outside the arena); the set stays
 * usable. NULL is a no-op. */
void hcrd_set_release(hcrd_set *s);
/* How many versions the set holds (0 for NULL). */
size_t hcrd_set_count(const hcrd_set *s);

/* A copy of the CRD text s[0..n) without its `description:` entries (which validation never
 * reads), in arena a, NUL-terminated; NULL when out of memory. */
char *hcrd_strip_descriptions(harena *a, const char *s, size_t n, size_t *out_len);

enum { HCRD_UNKNOWN, HCRD_FOUND, HCRD_NO_VERSION };
/* HCRD_FOUND (and *schema, which may be NULL: no schema) when a CRD serves apiVersion/kind;
 * HCRD_NO_VERSION when a CRD defines the group and kind but does not serve that version;
 * HCRD_UNKNOWN otherwise. */
int hcrd_find(const hcrd_set *s, const char *api_version, const char *kind, const hv **schema);

/* Called for every finding: path is the field path ("spec.endpoints[0].port"). */
typedef bool (*hcrd_report_fn)(void *ud, const char *path, const char *msg);

/* Checks the CR doc against schema (openAPIV3Schema), skipping the root's apiVersion, kind
 * and metadata (the caller checks metadata as ObjectMeta). Compiled patterns are cached in
 * set (hcrd_set_release frees them). False on out of memory (err set) or when fn returned
 * false. */
bool hcrd_validate(hcrd_set *set, const hv *schema, const hv *doc, hcrd_report_fn fn, void *ud,
		   herr *err);

#endif
