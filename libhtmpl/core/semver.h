/* semver.h - semantic versions and range constraints as Masterminds/semver v3.3.0 reads them
 * (and, for helm 4, v3.4.0: hsemver_check_v34, hsemver_v34_text).
 *
 * Helm uses this library in three places, all reproduced here: Sprig's `semver` and
 * `semverCompare`, the chart loader's dependency version ranges, and Chart.yaml
 * `kubeVersion`. Parsing is NewVersion's (loose: `v1`, `1.2` are accepted and completed with
 * zeros); constraints are NewConstraint's (`,` or space = AND, `||` = OR, `^ ~ ~> x X *`,
 * `a - b` ranges, and the prerelease rule: a prerelease version only satisfies a constraint
 * whose own version carries a prerelease, so `>=1.20` rejects `1.21.0-beta.1` while
 * `>=1.20-0` accepts it).
 *
 * Strings in an hsemver point into the parsed text (borrowed, not copied), so the text must
 * outlive the version. No function here allocates memory that outlives the call, and none
 * keeps state: all are thread-safe. */
#ifndef HTMPL_SEMVER_H
#define HTMPL_SEMVER_H

#include "core/buf.h"
#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hsemver {
	uint64_t major, minor, patch;
	const char *pre;  /* prerelease without '-', pre_len bytes ("" when none) */
	size_t pre_len;
	const char *meta; /* build metadata without '+' */
	size_t meta_len;
	const char *orig; /* the text as given (Original()) */
	size_t orig_len;
} hsemver;

/* semver.NewVersion. False when text is not a version (it never allocates, so false never
 * stands for out of memory). */
bool hsemver_parse(const char *text, size_t len, hsemver *out);
/* The same, and on failure writes Go's error text to *why (when non-NULL):
 * `Invalid Semantic Version`, `Version segment starts with 0`,
 * `Error parsing version segment: strconv.ParseUint: parsing "9999…": value out of range`. */
bool hsemver_parse_msg(const char *text, size_t len, hsemver *out, hbuf *why);

/* validatePrerelease / validateMetadata on dot-separated identifiers (empty ones pass, as
 * upstream): NULL when valid, else Go's error text. */
const char *hsemver_validate(const char *s, size_t n, bool prerelease);

/* Version.Compare: -1, 0 or 1 (metadata ignored, prerelease lower than release). */
int hsemver_compare(const hsemver *a, const hsemver *b);
/* Version.String(): `MAJOR.MINOR.PATCH[-pre][+meta]`, without any leading v. */
void hsemver_format(hbuf *b, const hsemver *v);

/* semver.NewConstraint(constraint).Check(v). On a malformed constraint returns false and
 * sets err (code HTMPL_ERR_USAGE) to Go's text, e.g. `improper constraint: >=1.x.y.z`;
 * when memory runs out returns false with HTMPL_ERR_NOMEM, never a wrong
 * *ok; otherwise returns true and sets *ok. err may be NULL. */
bool hsemver_check(const char *constraint, size_t len, const hsemver *v, bool *ok, herr *err);
/* The same with v34: Masterminds/semver v3.4.0's Check (helm 4): prereleases are let in or
 * kept out per AND group, for != too. Error texts are v3.3.0's; hsemver_v34_text turns any
 * message of this module into v3.4.0's. */
bool hsemver_check_v34(const char *constraint, size_t len, const hsemver *v, bool v34, bool *ok,
                       herr *err);
/* v3.4.0 lower-cased its error texts (`invalid semantic version`, `constraint parser error`,
 * `error parsing version segment: strconv.ParseUint: ...`): the text before the first ':'
 * of msg, n bytes, is lower-cased in place. */
void hsemver_v34_text(char *msg, size_t n);

#endif
