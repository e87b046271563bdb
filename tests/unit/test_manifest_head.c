/* test_manifest_head.c - helm/manifest_head.c against the YAML load it stands in for.
 *
 * hmanifest_head() may only say yes when sigs.k8s.io/yaml (hyaml_load) accepts the document
 * and SimpleHead decodes without error, and must then give the same kind and hook text. The
 * fixed cases pin the edges of the subset; the mutation run takes every document helm printed
 * in tests/golden/expected, damages it at random (fixed seed) and compares the two readers on
 * each variant the scanner accepts. */
#include "check_run.h"
#include "data/yaml.h"
#include "helm/manifest_head.h"
#include "value/fmt.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool scalar_ok(const hv *v) { return !v || (!hv_is_map(v) && !hv_is_list(v)); }

static void text_of(const hv *v, hbuf *b)
{
	if (v && !hv_is_nil(v))
		hfmt_value(b, v);
}

/* The full reading, as render.c sort_piece and check_head do it: false on any error. */
static bool full_head(const char *s, size_t n, hbuf *kind, hbuf *hook, bool *has)
{
	harena *a = harena_new();
	hv d, *an = NULL, *md = NULL;
	herr e = HTMPL_ERROR_INIT;
	bool ok = hyaml_load(a, s, n, &d, &e);
	*has = false;
	if (ok && !hv_is_nil(&d)) {
		ok = hv_is_map(&d) && scalar_ok(hmap_gets(d.m, "apiVersion")) &&
		     scalar_ok(hmap_gets(d.m, "kind"));
		md = ok ? hmap_gets(d.m, "metadata") : NULL;
		if (ok && md && !hv_is_nil(md)) {
			ok = hv_is_map(md) && scalar_ok(hmap_gets(md->m, "name"));
			an = ok ? hmap_gets(md->m, "annotations") : NULL;
			if (an && !hv_is_nil(an)) {
				ok = hv_is_map(an);
				hmap_entry **es = ok ? hmap_sorted(an->m) : NULL;
				for (size_t i = 0; ok && i < hmap_len(an->m); i++)
					ok = scalar_ok(&es[i]->val);
			}
		}
		if (ok)
			text_of(hmap_gets(d.m, "kind"), kind);
		hv *hk = ok && an && hv_is_map(an) && hmap_len(an->m) ? hmap_gets(an->m, "helm.sh/hook") : NULL;
		if (hk) {
			*has = true;
			text_of(hk, hook);
		}
	}
	htmpl_error_clear(&e);
	harena_free(a);
	return ok;
}

/* 1 when the scanner took the document and agrees, 0 when it gave it up, -1 on disagreement. */
static int compare(const char *s, size_t n)
{
	hmanifest_head_t h;
	if (!hmanifest_head(s, n, &h))
		return 0;
	hbuf k = HBUF_INIT, hk = HBUF_INIT;
	bool has, ok = full_head(s, n, &k, &hk, &has);
	bool same = ok && k.len == h.kind_len && !memcmp(hbuf_cstr(&k), h.kind, k.len) &&
	            has == h.has_hook && (!has || (hk.len == h.hook_len && !memcmp(hbuf_cstr(&hk), h.hook, hk.len)));
	if (!same)
		fprintf(stderr, "manifest_head disagrees on:\n%.*s\n", (int)n, s);
	hbuf_free(&k);
	hbuf_free(&hk);
	return same ? 1 : -1;
}

static int cmp_str(const char *s) { return compare(s, strlen(s)); }

START_TEST(subset_edges)
{
	ck_assert_int_eq(cmp_str("kind: Pod\nmetadata:\n  name: a\n"), 1);
	ck_assert_int_eq(cmp_str("# Source: x\n"), 1);
	ck_assert_int_eq(cmp_str("kind: \"Pod\" # c\nmetadata:\n  annotations:\n    \"helm.sh/hook\": pre-install, test\n"), 1);
	ck_assert_int_eq(cmp_str("kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook:\n"), 1);
	ck_assert_int_eq(cmp_str("kind: Job\nmetadata:\n  annotations: {}\n"), 1);
	ck_assert_int_eq(cmp_str("kind: A\nkind: B\nmetadata: {}\n"), 1);
	ck_assert_int_eq(cmp_str("kind: A\nmetadata:\n  annotations:\n    helm.sh/hook: test\nmetadata:\n  name: x\n"), 1);
	ck_assert_int_eq(cmp_str("kind: A\ndata:\n  a: |\n    x: y\n     z\n\n  b: >-\n    q\nitems:\n- a\n- b: c\n  d: [x, \"y\", {k: v}]\n"), 1);
	/* outside the subset: the full load decides (errors and odd forms alike) */
	ck_assert_int_eq(cmp_str("kind: Job\nmetadata:\n  annotations: {helm.sh/hook: test}\n"), 0);
	ck_assert_int_eq(cmp_str("kind: true\n"), 0);
	ck_assert_int_eq(cmp_str("kind: 1e3\n"), 0);
	ck_assert_int_eq(cmp_str("a: b: c\n"), 0);
	ck_assert_int_eq(cmp_str("a: b\n  c: d\n"), 0);
	ck_assert_int_eq(cmp_str("a:\n\tb: 1\n"), 0);
	ck_assert_int_eq(cmp_str("a: |\n    x\n  y\n"), 0);
	ck_assert_int_eq(cmp_str("a: .inf\n"), 0);
	ck_assert_int_eq(cmp_str("a: &x 1\nb: *x\n"), 0);
	ck_assert_int_eq(cmp_str("- a\n"), 0);
	ck_assert_int_eq(cmp_str("a: [x, ]\n"), 0);
	ck_assert_int_eq(cmp_str("a: 'x\n  y'\n"), 0);
	ck_assert_int_eq(cmp_str("kind: A\nmetadata:\n  name: {}\n"), 0);
	ck_assert_int_eq(cmp_str("kind: A\nmetadata: x\n"), 0);
}
END_TEST

typedef struct docs {
	char **v;
	size_t *len, n, cap;
} docs;

static void add_file(docs *d, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	hbuf b = HBUF_INIT;
	char tmp[65536];
	size_t r;
	while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
		hbuf_put(&b, tmp, r);
	fclose(f);
	char *s = (char *)hbuf_cstr(&b), *p = s;
	for (;;) { /* pieces between `---` lines, as helm printed them */
		char *e = strstr(p, "\n---");
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && d->n < 100000) {
			if (d->n == d->cap) {
				d->cap = d->cap ? 2 * d->cap : 256;
				d->v = realloc(d->v, d->cap * sizeof *d->v);
				d->len = realloc(d->len, d->cap * sizeof *d->len);
			}
			d->v[d->n] = strndup(p, n);
			d->len[d->n++] = n;
		}
		if (!e)
			break;
		p = e + 4;
	}
	hbuf_free(&b);
}

static void add_dir(docs *d, const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		size_t n = strlen(de->d_name);
		if (n > 4 && !strcmp(de->d_name + n - 4, ".out"))
			add_file(d, path);
		else if (!strchr(de->d_name, '.'))
			add_dir(d, path);
	}
	if (dp)
		closedir(dp);
}

START_TEST(mutations_agree)
{
	static const char *const ins[] = {
		" ", "  ", "\n", ":", ": ", "- ", "-", "#", " #x", "\"", "'", "{", "}", "[", "]", ",",
		"|", ">", "|-", "\t", "?", "&a ", "*a", "!", "%", "@", "~", "null", "true", ".inf",
		"1e999", "kind: X\n", "metadata:\n", "  annotations:\n", "    helm.sh/hook: test\n",
		"\\", "---", "...", "\xc3\xa9", "\xff", "\n  ", "\n    ", "{}", "[]", "a: b", "<<: {}",
		"0x", "'' ", "\r", "\xc2\x85"};
	docs d = {0};
	add_dir(&d, GOLDEN_EXPECTED);
	ck_assert_uint_gt(d.n, 100);
	unsigned seed = 14;
	size_t agreed = 0;
	char m[8192];
	for (int it = 0; it < 60000; it++) {
		seed = seed * 1103515245u + 12345u;
		size_t k = (seed >> 8) % d.n, ml = d.len[k] < 4000 ? d.len[k] : 4000;
		memcpy(m, d.v[k], ml);
		for (int j = 0, nm = 1 + (it % 4); j < nm && it % 5; j++) {
			seed = seed * 1103515245u + 12345u;
			size_t pos = ml ? (seed >> 8) % (ml + 1) : 0;
			if ((seed >> 4) % 3 == 0 && ml > pos) {
				size_t dl = 1 + (seed >> 20) % 3;
				if (pos + dl > ml)
					dl = ml - pos;
				memmove(m + pos, m + pos + dl, ml - pos - dl);
				ml -= dl;
			} else {
				const char *s = ins[(seed >> 12) % (sizeof ins / sizeof *ins)];
				size_t sl = strlen(s);
				memmove(m + pos + sl, m + pos, ml - pos);
				memcpy(m + pos, s, sl);
				ml += sl;
			}
		}
		int r = compare(m, ml);
		ck_assert_int_ge(r, 0);
		agreed += r == 1;
	}
	ck_assert_uint_gt(agreed, 5000); /* the run must exercise the fast path, not only give up */
	for (size_t i = 0; i < d.n; i++)
		free(d.v[i]);
	free(d.v);
	free(d.len);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("manifest_head");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, subset_edges);
	tcase_add_test(tc, mutations_agree);
	suite_add_tcase(s, tc);
	return check_run(s);
}
