/* values4.c - helm 4's values files: loader.LoadValues of pkg/chart/v2/loader/load.go
 * (helm v4.1.4), for a chart's values.yaml and for every -f file under --helm 4. Helm 3.17
 * decodes only the first YAML document (data/values-multidoc); helm 4 splits the file into
 * documents with k8s.io/apimachinery's YAMLReader, decodes each into a map and merges them
 * with MergeMaps (a later document wins; maps merge key by key, anything else replaces).
 *
 * YAMLReader reads lines with bufio.ReadLine, which drops "\n" and "\r\n", and gives every
 * line back a "\n". A line that starts with "---" ends a document; only spaces or a comment
 * may follow it (`--- b: 2` is `error reading yaml document: invalid Yaml document separator:
 * b: 2`), and separators with nothing before them (a leading `---`, `---` twice) start no
 * document. Each document is decoded on its own, so a YAML error's line number counts from
 * the document's first line, and an anchor of one document is unknown in the next. */
#include "data/json.h"
#include "helm/values4.h"
#include "data/yaml.h"

#include <string.h>

/* MergeMaps(a, b) into a fresh map (a and b are not changed). */
static hmap *merge(harena *a, hmap *x, hmap *y)
{
	hmap *out = hmap_new(a, hmap_len(x) + hmap_len(y));
	if (!out)
		return NULL;
	hmap_entry **ex = x ? hmap_sorted(x) : NULL;
	if (x && !ex)
		return NULL;
	for (size_t i = 0; x && i < hmap_len(x); i++)
		if (!hmap_set_str(out, ex[i]->key, ex[i]->val))
			return NULL;
	hmap_entry **ey = y ? hmap_sorted(y) : NULL;
	if (y && !ey)
		return NULL;
	for (size_t i = 0; y && i < hmap_len(y); i++) {
		hv v = ey[i]->val;
		hv *old = hmap_get(out, ey[i]->key->data, ey[i]->key->len);
		if (hv_is_map(&v) && old && hv_is_map(old)) {
			hmap *m = merge(a, old->m, v.m);
			if (!m)
				return NULL;
			v = hv_of_map(HT_MAP, m);
		}
		if (!hmap_set_str(out, ey[i]->key, v))
			return NULL;
	}
	return out;
}

/* Decodes one document and merges it into *acc. */
static bool load_doc(harena *a, const char *doc, size_t n, uint64_t max_nodes, hmap **acc,
                     bool *any, hbuf *msg, herr *err)
{
	hv v;
	herr e = HTMPL_ERROR_INIT;
	if (!hyaml_load_limit(a, doc, n, max_nodes, &v, &e)) {
		if (e.code == HTMPL_ERR_NOMEM || e.code == HTMPL_ERR_LIMIT) {
			herr_move(err, &e);
			return false;
		}
		hbuf_printf(msg, "cannot unmarshal yaml document: %s", htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return false;
	}
	if (hv_is_nil(&v))
		return true;
	if (!hv_is_map(&v)) {
		hbuf_printf(msg, "cannot unmarshal yaml document: error unmarshaling JSON: while "
		                 "decoding JSON: json: cannot unmarshal %s into Go value of type "
		                 "map[string]interface {}", hjson_kind(&v));
		return false;
	}
	*any = true;
	if (!(*acc = merge(a, *acc, v.m)))
		return herr_nomem(err);
	return true;
}

bool hvalues4_load(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                   hbuf *msg, herr *err)
{
	hbuf doc = HBUF_INIT;
	hmap *acc = NULL;
	bool any = false, ok = true;
	for (size_t i = 0; ok && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - i;
		const char *line = text + i;
		i = nl ? end + 1 : len;
		if (n && line[n - 1] == '\r' && nl)
			n--;
		if (n >= 3 && !memcmp(line, "---", 3)) {
			const char *t = line + 3, *te = line + n;
			while (t < te && strchr(" \t\r\v\f", *t))
				t++;
			while (te > t && strchr(" \t\r\v\f", te[-1]))
				te--;
			if (t < te && *t != '#') {
				hbuf_puts(msg, "error reading yaml document: invalid Yaml document "
				               "separator: ");
				hbuf_put(msg, t, (size_t)(te - t));
				ok = false;
				break;
			}
			if (doc.len) {
				ok = load_doc(a, doc.data, doc.len, max_nodes, &acc, &any, msg, err);
				hbuf_reset(&doc);
			}
			continue;
		}
		hbuf_put(&doc, line, n);
		hbuf_putc(&doc, '\n');
	}
	if (ok && doc.len)
		ok = load_doc(a, doc.data, doc.len, max_nodes, &acc, &any, msg, err);
	if (ok && !hbuf_ok(&doc))
		ok = herr_nomem(err);
	hbuf_free(&doc);
	if (!ok)
		return false;
	if (!acc && any && !(acc = hmap_new(a, 0)))
		return herr_nomem(err);
	*out = acc ? hv_of_map(HT_MAP, acc) : hv_nil();
	return true;
}
