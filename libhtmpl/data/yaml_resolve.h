/* yaml_resolve.h - goyaml.v2's scalar resolution (yaml_resolve.c: resolve.go). */
#ifndef HTMPL_YAML_RESOLVE_H
#define HTMPL_YAML_RESOLVE_H

#include "data/yaml.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HYAML_TAG_PREFIX "tag:yaml.org,2002:"

/* A scalar as goyaml.v2 types it before the JSON round trip. */
enum { YV_STR, YV_INT, YV_UINT, YV_FLOAT, YV_BOOL, YV_NULL };
typedef struct yval {
	uint8_t t;
	bool b;
	int64_t i;
	uint64_t u;
	double f;
	const char *s;
	size_t n;
} yval;

/* resolve(): the typed value of plain scalar in[0..n) under tag (NULL: implicit); *ts is set
 * when it resolved as a timestamp (which goyaml.v2 then keeps as a string). */
void hyaml_resolve_implicit(const char *in, size_t n, const char *tag, yval *v, bool *ts);
/* Whether tag is tag:yaml.org,2002:NAME. */
bool hyaml_tag_is(const char *tag, const char *name);
/* goyaml's shortTag for messages: "!!str" for tag:yaml.org,2002:str, else the tag (in buf). */
const char *hyaml_short_tag(const char *tag, char *buf, size_t cap);
/* The short tag name of a resolved value ("str", "int", "float", "bool", "null", "timestamp"). */
const char *hyaml_yv_tag(const yval *v, bool ts);

#endif
