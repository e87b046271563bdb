/* yaml_lines.c - key paths of a YAML document and their lines (yaml_lines.h), from libyaml's
 * events: a stack of open mappings and sequences, the current key of each mapping. Beyond
 * Helm: no upstream (goyaml.v2 keeps node lines but Helm never shows them). */
#include "data/yaml_lines.h"

#include "core/buf.h"

#include <string.h>
#include <yaml.h>

enum { MAX_DEPTH = 512 };

typedef struct frame {
	bool map;      /* a mapping (else a sequence) */
	bool want_key; /* mapping: the next scalar is a key */
	size_t plen;   /* path length before this frame's current key */
} frame;

bool hyaml_lines(harena *a, const char *text, size_t len, hmap **out)
{
	if (!(*out = hmap_new(a, 16)))
		return false;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	frame st[MAX_DEPTH];
	int depth = 0, in_seq = 0; /* sequences open on the stack */
	hbuf path = HBUF_INIT;
	bool ok = true, done = false;
	while (!done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e))
			break;
		frame *top = depth ? &st[depth - 1] : NULL;
		bool is_key = top && top->map && top->want_key;
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT: done = true; break;
		case YAML_SCALAR_EVENT:
			if (is_key) {
				path.len = top->plen;
				if (path.len)
					hbuf_putc(&path, HYAML_PATH_SEP);
				hbuf_put(&path, (const char *)e.data.scalar.value, e.data.scalar.length);
				top->want_key = false;
				if (!in_seq && hbuf_ok(&path) &&
				    !hmap_set(*out, path.data, path.len, hv_int((int64_t)e.start_mark.line + 1)))
					ok = false;
			} else if (top && top->map) {
				top->want_key = true;
			}
			break;
		case YAML_ALIAS_EVENT:
			if (top && top->map)
				top->want_key = !top->want_key ? true : top->want_key;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (is_key || depth == MAX_DEPTH) { /* a complex key, or too deep: stop */
				done = true;
				break;
			}
			st[depth++] = (frame){.map = e.type == YAML_MAPPING_START_EVENT, .want_key = true,
			                      .plen = path.len};
			in_seq += e.type == YAML_SEQUENCE_START_EVENT;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (!depth)
				break;
			in_seq -= !st[depth - 1].map;
			path.len = st[depth - 1].plen;
			depth--;
			if (depth && st[depth - 1].map) {
				st[depth - 1].want_key = true;
				path.len = st[depth - 1].plen;
			}
			break;
		default: break;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	if (!hbuf_ok(&path))
		ok = false;
	hbuf_free(&path);
	return ok;
}
