/* validate_stream.c - validation of a whole `helm template` output stream (validate.c per
 * document) and its reports for CI: text lines, kubeconform's JSON (-output json: resources
 * with their validationErrors, then the summary valid/invalid/errors/skipped), JUnit XML, TAP
 * version 13 and GitHub workflow commands. Every finding names the document (its index in the
 * stream, from 0), the line where the document starts in the rendered output, the file of its
 * `# Source:` comment, its kind and name, and the field path. */
#include "lint/validate.h"

#include "lint/ci_escape.h"

#include "data/yaml.h"
#include "helm/render.h"
#include "core/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct vfinding {
	size_t doc;
	const char *path, *msg;
} vfinding;

typedef struct vdoc {
	const char *source, *kind, *name, *api_version;
	size_t line;
	hv doc;
	const char *load_error; /* YAML that does not decode */
	const char *text;       /* the piece, until decoded */
	size_t len;
	bool empty;             /* decodes to no map (a piece of comments only): no document */
	bool oom;
	bool checked;
	size_t first, n; /* its findings */
} vdoc;

typedef struct sctx {
	hvalidator *v;
	const char *stream;
	vdoc *docs;
	size_t ndocs, cap;
	vfinding *f;
	size_t nf, fcap;
	size_t cur;
	const char *line_at; /* where line_no was counted up to */
	size_t line_no;
	bool oom;
} sctx;

int hvalidate_format_parse(const char *name)
{
	static const char *const names[] = {"text", "json", "junit", "tap", "github"};
	for (int i = 0; i < 5; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

static const char *str_of(const hv *m, const char *k)
{
	const hv *x = m && hv_is_map(m) ? hmap_gets(m->m, k) : NULL;
	return x && x->type == HT_STRING ? x->s->data : NULL;
}

/* Records a piece of the stream: its line, its `# Source:` file and its text. */
static bool collect(void *ud, const char *s, size_t len)
{
	sctx *x = ud;
	harena *a = x->v->arena;
	if (x->ndocs == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 64;
		vdoc *nv = harena_realloc(a, x->docs, x->cap * sizeof *nv, cap * sizeof *nv);
		if (!nv)
			return !(x->oom = true);
		x->docs = nv, x->cap = cap;
	}
	vdoc *d = &x->docs[x->ndocs++];
	*d = (vdoc){.source = "<stdin>", .kind = "", .name = "", .api_version = "", .text = s, .len = len};
	for (const char *p = x->line_at; p < s; p++) /* pieces come in order: count once */
		x->line_no += *p == '\n';
	x->line_at = s;
	d->line = x->line_no;
	if (len > 10 && !memcmp(s, "# Source: ", 10)) {
		const char *nl = memchr(s, '\n', len);
		size_t n = (nl ? (size_t)(nl - s) : len) - 10;
		d->source = harena_strndup(a, s + 10, n);
		if (!d->source)
			return !(x->oom = true);
	}
	return true;
}

/* Decodes one piece in arena a (any thread: it touches only d). */
static void decode(vdoc *d, harena *a)
{
	herr e = HTMPL_ERROR_INIT;
	if (!hyaml_load(a, d->text, d->len, &d->doc, &e)) {
		if (e.code == HTMPL_ERR_NOMEM)
			d->oom = true;
		else if (!(d->load_error = harena_strdup(a, htmpl_error_message(&e))))
			d->oom = true;
		htmpl_error_clear(&e);
		return;
	}
	if (!hv_is_map(&d->doc)) {
		d->empty = true;
		return;
	}
	const char *kind = str_of(&d->doc, "kind"), *av = str_of(&d->doc, "apiVersion");
	const hv *md = hmap_gets(d->doc.m, "metadata");
	const char *name = str_of(md, "name");
	d->kind = kind ? kind : "", d->name = name ? name : "", d->api_version = av ? av : "";
}

typedef struct decode_all {
	vdoc *docs;
	harena **arenas;
} decode_all;

static void decode_task(void *ud, size_t i, unsigned w, hpool *p)
{
	(void)p;
	decode_all *t = ud;
	decode(&t->docs[i], t->arenas[w]);
}

/* Decodes every piece, on several threads when the stream is large, then drops the empty
 * ones: documents keep the stream's order. */
static void decode_docs(sctx *x, size_t len)
{
	harena **arenas = NULL;
	unsigned threads = x->ndocs > 1 ? hvalidate_threads(x->v, len, &arenas) : 1;
	if (threads > 1)
		hpool_run(threads, x->ndocs, decode_task, &(decode_all){.docs = x->docs, .arenas = arenas});
	else
		for (size_t i = 0; i < x->ndocs; i++)
			decode(&x->docs[i], x->v->arena);
	size_t n = 0;
	for (size_t i = 0; i < x->ndocs; i++) {
		x->oom |= x->docs[i].oom;
		if (!x->docs[i].empty)
			x->docs[n++] = x->docs[i];
	}
	x->ndocs = n;
}

/* Decodes ahead the crds/ files that the documents' custom resources may need. */
static bool predecode_crds(sctx *x, herr *err)
{
	hvalidator *v = x->v;
	if (!v->npending)
		return true;
	const char **kinds = harena_alloc(v->arena, (x->ndocs ? x->ndocs : 1) * sizeof *kinds);
	if (!kinds)
		return herr_nomem(err);
	size_t n = 0;
	for (size_t i = 0; i < x->ndocs; i++)
		if (!x->docs[i].load_error && (kinds[n] = hvalidate_cr_kind(v, &x->docs[i].doc)))
			n++;
	return !n || hvalidate_predecode(v, kinds, n, err);
}

static bool add_finding(void *ud, const char *path, const char *msg)
{
	sctx *x = ud;
	harena *a = x->v->arena;
	if (x->nf == x->fcap) {
		size_t cap = x->fcap ? x->fcap * 2 : 32;
		vfinding *nv = harena_realloc(a, x->f, x->fcap * sizeof *nv, cap * sizeof *nv);
		if (!nv)
			return !(x->oom = true);
		x->f = nv, x->fcap = cap;
	}
	const char *p = harena_strdup(a, path), *m = harena_strdup(a, msg);
	if (!p || !m)
		return !(x->oom = true);
	x->f[x->nf++] = (vfinding){.doc = x->cur, .path = p, .msg = m};
	return true;
}

/* ---------------------------------------------------------------- printing */

static void json_str(hbuf *b, const char *s)
{
	hbuf_putc(b, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			hbuf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			hbuf_puts(b, "\\n");
		else if (ch < 0x20)
			hbuf_printf(b, "\\u%04x", ch);
		else
			hbuf_putc(b, (char)ch);
	}
	hbuf_putc(b, '"');
}

/* `KIND "NAME": PATH: MESSAGE` */
static void finding_text(hbuf *b, const vdoc *d, const vfinding *f)
{
	hbuf_printf(b, "%s \"%s\": ", d->kind, d->name);
	if (*f->path)
		hbuf_printf(b, "%s: ", f->path);
	hbuf_puts(b, f->msg);
}

static void print_json(hbuf *b, const sctx *x, const hvalidate_summary *sum)
{
	hbuf_puts(b, "{\n  \"resources\": [");
	bool first = true;
	for (size_t i = 0; i < x->ndocs; i++) {
		const vdoc *d = &x->docs[i];
		if (!d->n && d->checked)
			continue;
		hbuf_puts(b, first ? "\n" : ",\n");
		first = false;
		hbuf_puts(b, "    {\"filename\": ");
		json_str(b, d->source);
		hbuf_puts(b, ", \"kind\": ");
		json_str(b, d->kind);
		hbuf_puts(b, ", \"name\": ");
		json_str(b, d->name);
		hbuf_puts(b, ", \"version\": ");
		json_str(b, d->api_version);
		hbuf_printf(b, ", \"document\": %zu, \"line\": %zu, \"status\": \"%s\"", i, d->line,
			    d->n ? "statusInvalid" : "statusSkipped");
		if (d->n) {
			hbuf_puts(b, ", \"msg\": ");
			hbuf tmp = HBUF_INIT;
			finding_text(&tmp, d, &x->f[d->first]);
			json_str(b, hbuf_cstr(&tmp));
			hbuf_free(&tmp);
			hbuf_puts(b, ", \"validationErrors\": [");
			for (size_t k = 0; k < d->n; k++) {
				const vfinding *f = &x->f[d->first + k];
				hbuf_puts(b, k ? ", {\"path\": " : "{\"path\": ");
				json_str(b, f->path);
				hbuf_puts(b, ", \"msg\": ");
				json_str(b, f->msg);
				hbuf_putc(b, '}');
			}
			hbuf_putc(b, ']');
		}
		hbuf_putc(b, '}');
	}
	hbuf_printf(b,
		    "%s],\n  \"summary\": {\"valid\": %zu, \"invalid\": %zu, \"errors\": 0, "
		    "\"skipped\": %zu}\n}\n",
		    first ? "" : "\n  ", sum->valid, sum->invalid, sum->skipped);
}

static void print_junit(hbuf *b, const sctx *x, const hvalidate_summary *sum)
{
	size_t tests = sum->valid + sum->invalid + sum->skipped;
	hbuf_printf(
	    b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"htmpl validate\" tests=\"%zu\" failures=\"%zu\" skipped=\"%zu\">\n"
	    "  <testsuite name=\"manifests\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
	    "skipped=\"%zu\">\n",
	    tests, sum->invalid, sum->skipped, tests, sum->invalid, sum->skipped);
	for (size_t i = 0; i < x->ndocs; i++) {
		const vdoc *d = &x->docs[i];
		hbuf_puts(b, "    <testcase name=\"");
		char nm[64];
		snprintf(nm, sizeof nm, "document %zu (line %zu) ", i, d->line);
		hbuf_puts(b, nm);
		hci_xml(b, d->kind);
		hbuf_putc(b, ' ');
		hci_xml(b, d->name);
		hbuf_puts(b, "\" classname=\"");
		hci_xml(b, d->source);
		if (d->n) {
			hbuf_printf(b,
				    "\">\n      <failure message=\"%zu finding%s\" "
				    "type=\"ValidationError\">",
				    d->n, d->n == 1 ? "" : "s");
			for (size_t k = 0; k < d->n; k++) {
				hbuf tmp = HBUF_INIT;
				finding_text(&tmp, d, &x->f[d->first + k]);
				hci_xml(b, hbuf_cstr(&tmp));
				hbuf_free(&tmp);
				hbuf_putc(b, '\n');
			}
			hbuf_puts(b, "</failure>\n    </testcase>\n");
		} else if (!d->checked) {
			hbuf_puts(b,
				  "\">\n      <skipped message=\"no schema\"/>\n    </testcase>\n");
		} else {
			hbuf_puts(b, "\"/>\n");
		}
	}
	hbuf_puts(b, "  </testsuite>\n</testsuites>\n");
}

static void print_tap(hbuf *b, const sctx *x, const hvalidate_summary *sum)
{
	hbuf_printf(b, "TAP version 13\n1..%zu\n", x->ndocs);
	for (size_t i = 0; i < x->ndocs; i++) {
		const vdoc *d = &x->docs[i];
		hbuf_printf(b, "%s %zu - %s (%s %s) line %zu", d->n ? "not ok" : "ok", i + 1,
			    d->source, d->kind, d->name, d->line);
		if (!d->n && !d->checked)
			hbuf_puts(b, " # SKIP no schema");
		hbuf_putc(b, '\n');
		for (size_t k = 0; k < d->n; k++) {
			const vfinding *f = &x->f[d->first + k];
			hbuf_printf(b, "  # %s%s%s\n", f->path, *f->path ? ": " : "", f->msg);
		}
	}
	hbuf_printf(b, "# valid: %zu, invalid: %zu, skipped: %zu\n", sum->valid, sum->invalid,
		    sum->skipped);
}

static void print_lines(hbuf *b, const sctx *x, int format, const hvalidate_summary *sum)
{
	for (size_t i = 0; i < x->nf; i++) {
		const vfinding *f = &x->f[i];
		const vdoc *d = &x->docs[f->doc];
		if (format == HVALIDATE_GITHUB) {
			hbuf_puts(b, "::error file=");
			hci_github(b, d->source, true);
			hbuf_printf(b, ",line=%zu,title=document %zu::", d->line, f->doc);
			hbuf tmp = HBUF_INIT;
			finding_text(&tmp, d, f);
			hci_github(b, hbuf_cstr(&tmp), false);
			hbuf_free(&tmp);
			hbuf_putc(b, '\n');
		} else {
			hbuf_printf(b, "%s: ", d->source);
			finding_text(b, d, f);
			hbuf_putc(b, '\n');
		}
	}
	if (format == HVALIDATE_GITHUB)
		hbuf_printf(
		    b, "Summary: %zu resource%s found - Valid: %zu, Invalid: %zu, Skipped: %zu\n",
		    sum->valid + sum->invalid + sum->skipped,
		    sum->valid + sum->invalid + sum->skipped == 1 ? "" : "s", sum->valid,
		    sum->invalid, sum->skipped);
}

/* ---------------------------------------------------------------- the stream */

bool hvalidate_stream(hvalidator *v, const char *yaml, size_t len, int format, hbuf *report,
		      hvalidate_summary *sum, herr *err)
{
	sctx x = {.v = v, .stream = yaml, .line_at = yaml, .line_no = 1};
	hvalidate_summary s = {0};
	hrender_split(yaml, len, collect, &x);
	if (!x.oom)
		decode_docs(&x, len);
	for (size_t i = 0; !x.oom && i < x.ndocs; i++)
		if (!x.docs[i].load_error && !hvalidate_learn_doc(v, &x.docs[i].doc, err))
			return false;
	if (!x.oom && !predecode_crds(&x, err))
		return false;
	for (size_t i = 0; !x.oom && i < x.ndocs; i++) {
		vdoc *d = &x.docs[i];
		x.cur = i;
		d->first = x.nf;
		if (d->load_error) {
			add_finding(&x, "", d->load_error);
			d->checked = true;
		} else if (!hvalidate_document(v, &d->doc, add_finding, &x, &d->checked, err)) {
			if (!x.oom)
				return false;
		}
		d->n = x.nf - d->first;
		if (d->n)
			s.invalid++;
		else if (d->checked)
			s.valid++;
		else
			s.skipped++;
	}
	if (x.oom)
		return herr_nomem(err);
	s.findings = x.nf;
	if (format == HVALIDATE_JSON)
		print_json(report, &x, &s);
	else if (format == HVALIDATE_JUNIT)
		print_junit(report, &x, &s);
	else if (format == HVALIDATE_TAP)
		print_tap(report, &x, &s);
	else
		print_lines(report, &x, format, &s);
	if (sum)
		*sum = s;
	return hbuf_ok(report) ? true : herr_nomem(err);
}

bool hvalidate_manifests(hvalidator *v, const char *yaml, size_t len, hbuf *report,
			 size_t *nfindings, herr *err)
{
	hvalidate_summary s;
	if (!hvalidate_stream(v, yaml, len, HVALIDATE_TEXT, report, &s, err))
		return false;
	if (nfindings)
		*nfindings = s.findings;
	return true;
}

long htmpl_validate(const htmpl_chart *chart, const char *yaml, size_t len,
		    const char *kube_version, const char *schema_location, unsigned flags,
		    const char *output, char **report, htmpl_error *err)
{
	*report = NULL;
	int format = output ? hvalidate_format_parse(output) : HVALIDATE_TEXT;
	if (format < 0) {
		herr_set(err, HTMPL_ERR_USAGE,
			 "invalid output format \"%s\": use text, json, junit, tap or github",
			 output);
		return -1;
	}
	hvalidator v = {.arena = harena_new(),
			.schema_dir = schema_location,
			.kube_version = kube_version,
			.strict_schemas = flags & HTMPL_VALIDATE_STRICT_SCHEMAS,
			.jobs = flags & HTMPL_VALIDATE_SERIAL ? 1 : 0};
	if (!v.arena)
		return herr_nomem(err), -1;
	hbuf b = HBUF_INIT;
	hvalidate_summary s = {0};
	bool ok = (!chart || hvalidate_learn_chart(&v, &chart->c, err)) &&
		  hvalidate_stream(&v, yaml ? yaml : "", yaml ? len : 0, format, &b, &s, err);
	hvalidate_done(&v);
	harena_free(v.arena);
	if (ok) {
		*report = b.len ? hbuf_steal(&b, NULL) : calloc(1, 1);
		ok = *report != NULL;
		if (!ok)
			herr_nomem(err);
	}
	hbuf_free(&b);
	return ok ? (long)s.findings : -1;
}
