/* test_chart.c - chart loading: directories, in-memory .tgz archives (built here with zlib),
 * the archive safety checks, .helmignore rules and Go's filepath.Match. */
#include "helm/funcmap.h"
#include "helm/chart.h"
#include "check_run.h"
#include "helm/ignore.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static henv *E;
static void setup(void)
{
	E = hfuncmap_new();
}
static void teardown(void)
{
	htmpl_env_free(E);
}

/* ---- a minimal tar writer */
typedef struct tarw {
	unsigned char *d;
	size_t n, cap;
} tarw;

static void tput(tarw *t, const void *p, size_t n)
{
	if (t->n + n > t->cap) {
		t->cap = (t->n + n) * 2 + 1024;
		t->d = realloc(t->d, t->cap);
	}
	memcpy(t->d + t->n, p, n);
	t->n += n;
}

static void tentry(tarw *t, const char *name, char type, const char *data)
{
	unsigned char h[512] = {0};
	size_t len = data ? strlen(data) : 0;
	snprintf((char *)h, 100, "%s", name);
	snprintf((char *)h + 100, 8, "0000644");
	snprintf((char *)h + 124, 12, "%011o", (unsigned)len);
	snprintf((char *)h + 136, 12, "%011o", 0u);
	h[156] = (unsigned char)type;
	memcpy(h + 257,
	       "ustar\0"
	       "00",
	       8);
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	tput(t, h, 512);
	if (len) {
		tput(t, data, len);
		unsigned char pad[512] = {0};
		if (len % 512)
			tput(t, pad, 512 - len % 512);
	}
}

static unsigned char *tgz(tarw *t, size_t *outn)
{
	unsigned char zero[1024] = {0};
	tput(t, zero, 1024);
	z_stream z = {0};
	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	size_t cap = compressBound(t->n) + 64;
	unsigned char *out = malloc(cap);
	z.next_in = t->d, z.avail_in = (uInt)t->n, z.next_out = out, z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	*outn = z.total_out;
	deflateEnd(&z);
	free(t->d);
	t->d = NULL, t->n = t->cap = 0;
	return out;
}

static const hfile *find(const hfile *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

START_TEST(archive_basic)
{
	tarw t = {0};
	tentry(&t, "c/", '5', NULL);
	tentry(&t, "c/Chart.yaml", '0', "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	tentry(&t, "c/templates/t.yaml", '0', "a: 1\n");
	tentry(&t, "c/README.md", '0', "\xEF\xBB\xBFreadme\n");
	tentry(&t, "c/crds/x.YAML", '0', "kind: X\n");
	tentry(&t, "c/charts/sub-0.1.0.tgz.prov", '0', "sig\n");
	size_t n;
	unsigned char *z = tgz(&t, &n);
	herr e = HTMPL_ERROR_INIT;
	hchart *c = hchart_load_archive(E, "c.tgz", z, n, &e);
	ck_assert_msg(c != NULL, "%s", htmpl_error_message(&e));
	ck_assert_str_eq(c->name, "c");
	ck_assert_uint_eq(c->ntemplates, 1);
	ck_assert_str_eq(c->templates[0].name, "templates/t.yaml");
	const hfile *r = find(c->files, c->nfiles, "README.md");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->len, 7); /* BOM stripped */
	ck_assert_ptr_nonnull(find(c->files, c->nfiles, "charts/sub-0.1.0.tgz.prov"));
	ck_assert_uint_eq(c->ncrds, 1);
	hchart_free(c);
	free(z);
}
END_TEST

/* A chart archive holding a subchart archive in charts/. */
START_TEST(archive_with_subchart_archive)
{
	tarw s = {0};
	tentry(&s, "sub/Chart.yaml", '0', "apiVersion: v2\nname: sub\nversion: 0.2.0\n");
	tentry(&s, "sub/templates/s.yaml", '0', "s: 1\n");
	size_t sn;
	unsigned char *sz = tgz(&s, &sn);
	char *subdata = malloc(sn + 1);
	memcpy(subdata, sz, sn);
	subdata[sn] = 0;
	tarw t = {0};
	tentry(&t, "c/Chart.yaml", '0', "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	/* binary member: write header by hand through tentry with explicit data length */
	unsigned char h[512] = {0};
	snprintf((char *)h, 100, "c/charts/sub-0.2.0.tgz");
	snprintf((char *)h + 100, 8, "0000644");
	snprintf((char *)h + 124, 12, "%011o", (unsigned)sn);
	snprintf((char *)h + 136, 12, "%011o", 0u);
	h[156] = '0';
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	tput(&t, h, 512);
	tput(&t, sz, sn);
	unsigned char pad[512] = {0};
	if (sn % 512)
		tput(&t, pad, 512 - sn % 512);
	size_t n;
	unsigned char *z = tgz(&t, &n);
	herr e = HTMPL_ERROR_INIT;
	hchart *c = hchart_load_archive(E, "c.tgz", z, n, &e);
	ck_assert_msg(c != NULL, "%s", htmpl_error_message(&e));
	ck_assert_uint_eq(c->nsubcharts, 1);
	ck_assert_str_eq(c->subcharts[0]->name, "sub");
	ck_assert_uint_eq(c->subcharts[0]->ntemplates, 1);
	hchart_free(c);
	free(z), free(sz), free(subdata);
}
END_TEST

typedef struct bad {
	const char *entry;
	char type;
	const char *msg;
} bad;
static const bad bads[] = {
    {"c/../../etc/passwd", '0', "chart illegally references parent directory"},
    {"c//abs", '0', "chart illegally contains absolute paths"},
    {"c", '0', "chart illegally contains content outside the base directory: \"c\""},
    {"Chart.yaml/x", '0', "chart yaml not in base directory"},
    {"c/C:/x", '0', "chart contains illegally named files"},
    {"c/link", '2', NULL},
    {"c/dev", '3', NULL},
    {"c/Chart.yaml", '0', "chart archive contains duplicate entry Chart.yaml"},
};

START_TEST(archive_rejects)
{
	tarw t = {0};
	tentry(&t, "c/Chart.yaml", '0', "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	tentry(&t, bads[_i].entry, bads[_i].type, "x");
	size_t n;
	unsigned char *z = tgz(&t, &n);
	herr e = HTMPL_ERROR_INIT;
	hchart *c = hchart_load_archive(E, "c.tgz", z, n, &e);
	ck_assert_ptr_null(c);
	if (bads[_i].msg)
		ck_assert_str_eq(htmpl_error_message(&e), bads[_i].msg);
	else
		ck_assert(strstr(htmpl_error_message(&e), "link or special file") != NULL);
	htmpl_error_clear(&e);
	free(z);
}
END_TEST

START_TEST(archive_garbage)
{
	herr e = HTMPL_ERROR_INIT;
	ck_assert_ptr_null(hchart_load_archive(E, "x", "\x1f\x8b\x08zzzz", 8, &e));
	htmpl_error_clear(&e);
	ck_assert_ptr_null(hchart_load_archive(E, "x", "hello", 5, &e));
	htmpl_error_clear(&e);
	tarw t = {0};
	size_t n;
	unsigned char *z = tgz(&t, &n);
	ck_assert_ptr_null(hchart_load_archive(E, "x", z, n, &e));
	ck_assert_str_eq(htmpl_error_message(&e), "no files in chart archive");
	htmpl_error_clear(&e);
	/* truncated archive */
	ck_assert_ptr_null(hchart_load_archive(E, "x", z, n / 2, &e));
	htmpl_error_clear(&e);
	free(z);
}
END_TEST

START_TEST(archive_entry_limit)
{
	htmpl_env_set_limit(E, HTMPL_LIMIT_ARCHIVE_ENTRIES, 2);
	tarw t = {0};
	tentry(&t, "c/Chart.yaml", '0', "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	tentry(&t, "c/a", '0', "a");
	tentry(&t, "c/b", '0', "b");
	size_t n;
	unsigned char *z = tgz(&t, &n);
	herr e = HTMPL_ERROR_INIT;
	ck_assert_ptr_null(hchart_load_archive(E, "c.tgz", z, n, &e));
	ck_assert_int_eq(e.code, HTMPL_ERR_LIMIT);
	htmpl_error_clear(&e);
	free(z);
}
END_TEST

static void wfile(const char *dir, const char *name, const char *data)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	for (char *s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	FILE *f = fopen(p, "w");
	fputs(data, f);
	fclose(f);
}

START_TEST(directory_load)
{
	char dir[] = "/tmp/htmpl-chart-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	wfile(dir, "Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
	wfile(dir, "values.yaml", "a: 1\n");
	wfile(dir, "templates/t.yaml", "a: 1\n");
	wfile(dir, "templates/.hidden", "x\n");
	wfile(dir, "files/x.txt", "x\n");
	wfile(dir, "files/y.md", "y\n");
	wfile(dir, ".helmignore", "*.md\n");
	wfile(dir, "charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
	wfile(dir, "charts/_skip/Chart.yaml", "junk");
	char link[600], outside[600];
	snprintf(link, sizeof link, "%s/files/l.txt", dir);
	ck_assert_int_eq(symlink("x.txt", link), 0);
	herr e = HTMPL_ERROR_INIT;
	hchart *c = hchart_load(E, dir, &e);
	ck_assert_msg(c != NULL, "%s", htmpl_error_message(&e));
	ck_assert_uint_eq(c->ntemplates, 1);
	ck_assert_ptr_nonnull(find(c->files, c->nfiles, "files/x.txt"));
	ck_assert_ptr_nonnull(find(c->files, c->nfiles, "files/l.txt"));
	ck_assert_ptr_nonnull(find(c->files, c->nfiles, ".helmignore"));
	ck_assert_ptr_null(find(c->files, c->nfiles, "files/y.md"));
	ck_assert_ptr_null(find(c->files, c->nfiles, "values.yaml"));
	ck_assert_uint_eq(c->nsubcharts, 1);
	hchart_free(c);
	/* a link that leaves the chart is refused */
	snprintf(outside, sizeof outside, "%s/files/out", dir);
	ck_assert_int_eq(symlink("/etc/hostname", outside), 0);
	ck_assert_ptr_null(hchart_load(E, dir, &e));
	ck_assert(strstr(htmpl_error_message(&e), "outside the chart") != NULL);
	htmpl_error_clear(&e);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_ptr_null(hchart_load(E, "/nonexistent/chart", &e));
	ck_assert_str_eq(htmpl_error_message(&e), "path \"/nonexistent/chart\" not found");
	htmpl_error_clear(&e);
}
END_TEST

/* filepath.Match cases from Go's match_test.go semantics */
typedef struct mt {
	const char *pat, *s;
	int want;
} mt;
static const mt matches[] = {
    {"abc", "abc", 1},
    {"*", "abc", 1},
    {"*c", "abc", 1},
    {"a*", "a", 1},
    {"a*", "abc", 1},
    {"a*", "ab/c", 0},
    {"a*/b", "abc/b", 1},
    {"a*/b", "a/c/b", 0},
    {"a*b*c*d*e*/f", "axbxcxdxe/f", 1},
    {"a*b*c*d*e*/f", "axbxcxdxexxx/f", 1},
    {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", 0},
    {"a*b?c*x", "abxbbxdbxebxczzx", 1},
    {"a*b?c*x", "abxbbxdbxebxczzy", 0},
    {"ab[c]", "abc", 1},
    {"ab[b-d]", "abc", 1},
    {"ab[e-g]", "abc", 0},
    {"ab[^c]", "abc", 0},
    {"ab[^b-d]", "abc", 0},
    {"ab[^e-g]", "abc", 1},
    {"a\\*b", "a*b", 1},
    {"a\\*b", "ab", 0},
    {"a?b", "a☺b", 1},
    {"a[^a]b", "a☺b", 1},
    {"a???b", "a☺b", 0},
    {"a[^a][^a][^a]b", "a☺b", 0},
    {"[a-ζ]*", "α", 1},
    {"*[a-ζ]", "A", 0},
    {"a?b", "a/b", 0},
    {"a*b", "a/b", 0},
    {"[\\]a]", "]", 1},
    {"[\\-]", "-", 1},
    {"[x\\-]", "x", 1},
    {"[x\\-]", "-", 1},
    {"[x\\-]", "z", 0},
    {"[\\-x]", "x", 1},
    {"[]a]", "]", -1},
    {"[-]", "-", -1},
    {"[x-]", "x", -1},
    {"[x-]", "-", -1},
    {"[x-]", "z", -1},
    {"[-x]", "x", -1},
    {"[a-b-c]", "a", -1},
    {"[", "a", -1},
    {"[^", "a", -1},
    {"[^bc", "a", -1},
    {"a[", "a", -1},
    {"a[", "ab", -1},
    {"a[", "x", -1},
    {"a/b[", "x", -1},
    {"*x", "xxx", 1},
};

START_TEST(fnmatch_table)
{
	const mt *m = &matches[_i];
	ck_assert_msg(hignore_fnmatch(m->pat, strlen(m->pat), m->s, strlen(m->s)) == m->want,
		      "%s ~ %s", m->pat, m->s);
}
END_TEST

START_TEST(ignore_rules)
{
	harena *a = harena_new();
	hignore r;
	hignore_init(&r, a);
	const char *text = "\xEF\xBB\xBF# comment\n\n*.tmp\nlogs/\n/root.txt\ndocs/*.md\n";
	ck_assert(hignore_parse(&r, text, strlen(text), NULL));
	ck_assert(hignore_match_path(&r, "a.tmp", false));
	ck_assert(hignore_match_path(&r, "x/y/a.tmp", false));
	ck_assert(hignore_match_path(&r, "logs", true));
	ck_assert(!hignore_match_path(&r, "logs", false));
	ck_assert(hignore_match_path(&r, "root.txt", false));
	ck_assert(!hignore_match_path(&r, "x/root.txt", false));
	ck_assert(hignore_match_path(&r, "docs/a.md", false));
	ck_assert(!hignore_match_path(&r, "docs/x/a.md", false));
	ck_assert(!hignore_match_path(&r, "", false));
	ck_assert(!hignore_match_path(&r, ".", true));
	hignore neg;
	hignore_init(&neg, a);
	ck_assert(hignore_parse(&neg, "!keep.txt\n", 10, NULL));
	ck_assert(!hignore_match_path(&neg, "keep.txt", false));
	ck_assert(hignore_match_path(&neg, "other.txt", false)); /* Helm's quirk */
	herr e = HTMPL_ERROR_INIT;
	ck_assert(!hignore_parse(&neg, "a/**/b\n", 7, &e));
	ck_assert_str_eq(htmpl_error_message(&e), "double-star (**) syntax is not supported");
	htmpl_error_clear(&e);
	ck_assert(!hignore_parse(&neg, "[a\n", 3, &e));
	ck_assert_str_eq(htmpl_error_message(&e), "syntax error in pattern");
	htmpl_error_clear(&e);
	harena_free(a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, archive_basic);
	tcase_add_test(tc, archive_with_subchart_archive);
	tcase_add_loop_test(tc, archive_rejects, 0, sizeof bads / sizeof *bads);
	tcase_add_test(tc, archive_garbage);
	tcase_add_test(tc, archive_entry_limit);
	tcase_add_test(tc, directory_load);
	tcase_add_loop_test(tc, fnmatch_table, 0, sizeof matches / sizeof *matches);
	tcase_add_test(tc, ignore_rules);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite());
}
