/* manifest_head.h - the head of a rendered manifest (kind, helm.sh/hook) without a YAML load.
 *
 * Helm's SortManifests decodes every rendered document into releaseutil.SimpleHead through
 * sigs.k8s.io/yaml, which parses the whole document: a syntax error anywhere fails the
 * render. hmanifest_head() reads documents written in a plain block subset of YAML (block
 * mappings and sequences, one-line plain and quoted scalars, block scalars, comments, ASCII
 * or printable UTF-8) and, for those only, says what the full load would give. For anything
 * else it returns false and the caller loads the document (render.c sort_piece), so errors
 * and odd documents keep helm's exact behaviour. Thread-safe, allocates nothing. */
#ifndef HTMPL_MANIFEST_HEAD_H
#define HTMPL_MANIFEST_HEAD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hmanifest_head_t {
	const char *kind; /* points into the document; "" when absent or null */
	size_t kind_len;
	bool has_hook;    /* metadata.annotations holds helm.sh/hook */
	const char *hook; /* its text ("" when null), hook_len bytes */
	size_t hook_len;
} hmanifest_head_t;

/* True when s[0..len) is in the subset: it is valid YAML, its head decodes without error,
 * and *h holds kind and hook as the full load would give them. False: load it instead. */
bool hmanifest_head(const char *s, size_t len, hmanifest_head_t *h);

#endif
