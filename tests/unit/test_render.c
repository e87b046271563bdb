/* test_render.c - the engine's helpers: manifest splitting (releaseutil.SplitManifests), the
 * InstallOrder kind sort, release name validation, gobwas/glob and filepath.Match, and the
 * built-in objects (.Release, .Capabilities, .Template, --kube-version parsing). */
#include "check_run.h"
#include "helm/objects.h"
#include "helm/render.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena *A;

static void setup(void) { A = harena_new(); }
static void teardown(void) { harena_free(A); }

/* Joins the pieces as "[p1][p2]..." for compact assertions. */
static bool join_piece(void *ud, const char *s, size_t len)
{
	hbuf *b = ud;
	hbuf_putc(b, '[');
	hbuf_put(b, s, len);
	hbuf_putc(b, ']');
	return true;
}

static void check_split(const char *in, const char *want)
{
	hbuf b = HBUF_INIT;
	ck_assert(hrender_split(in, strlen(in), join_piece, &b));
	ck_assert_str_eq(hbuf_cstr(&b), want);
	hbuf_free(&b);
}

START_TEST(split_manifests)
{
	check_split("a: 1", "[a: 1]");
	check_split("---\na: 1\n---\nb: 2\n", "[a: 1][b: 2]");
	/* the whitespace after a separator is eaten, so a second `---` starts the next piece */
	check_split("\n\n  a: 1\n---   \n\n---\nb: 2\n\n", "[a: 1][---\nb: 2]");
	/* the `---` quirk: the whitespace run before the third separator leaves a piece */
	check_split("---\n---\n\n---   \n", "[---]");
	check_split("a: 1\n---b: 2", "[a: 1][b: 2]");
	check_split("a: |\n  x\n  ---\n", "[a: |\n  x\n  ---]");
	check_split("a: 1\n----\nb", "[a: 1][-\nb]");
	check_split("a: x---y", "[a: x---y]");
	check_split("# only a comment", "[# only a comment]");
	check_split("", "");
	check_split(" \n\t", "");
	/* \v is space for TrimSpace but not for the regexp */
	check_split("a\v\n---\nb", "[a][b]");
}
END_TEST

START_TEST(kind_order)
{
	ck_assert_int_eq(hrender_kind_rank("PriorityClass", false), 0);
	ck_assert_int_eq(hrender_kind_rank("APIService", false), 35);
	ck_assert_int_eq(hrender_kind_rank("MutatingWebhookConfiguration", false), -1);
	ck_assert_int_eq(hrender_kind_rank("ValidatingWebhookConfiguration", true), 37);
	ck_assert_int_eq(hrender_kind_rank("Foo", true), -1);
	ck_assert(hrender_kind_less("Namespace", "Deployment", false));
	ck_assert(!hrender_kind_less("Deployment", "Namespace", false));
	ck_assert(hrender_kind_less("APIService", "Aardvark", false));
	ck_assert(hrender_kind_less("", "Aardvark", false));
	ck_assert(hrender_kind_less("Aardvark", "Zebra", false));
	ck_assert(!hrender_kind_less("Zebra", "Zebra", false));
	ck_assert(!hrender_kind_less("Service", "Service", false));
	ck_assert(hrender_kind_less("MutatingWebhookConfiguration", "Alertmanager", true));
	ck_assert(!hrender_kind_less("MutatingWebhookConfiguration", "Alertmanager", false));
}
END_TEST

START_TEST(release_names)
{
	ck_assert_ptr_null(hrender_check_release_name("rel"));
	ck_assert_ptr_null(hrender_check_release_name("a-b.c-d.e"));
	ck_assert_ptr_null(hrender_check_release_name("0"));
	ck_assert_str_eq(hrender_check_release_name(""), "no name provided");
	ck_assert_ptr_nonnull(hrender_check_release_name("Bad_Name"));
	ck_assert_ptr_nonnull(hrender_check_release_name("-a"));
	ck_assert_ptr_nonnull(hrender_check_release_name("a-"));
	ck_assert_ptr_nonnull(hrender_check_release_name("a..b"));
	ck_assert_ptr_nonnull(hrender_check_release_name("a."));
	char n[60];
	memset(n, 'a', 53);
	n[53] = 0;
	ck_assert_ptr_null(hrender_check_release_name(n));
	n[53] = 'a', n[54] = 0;
	ck_assert_ptr_nonnull(hrender_check_release_name(n));
}
END_TEST

static int glob(const char *p, const char *s)
{
	return hobj_glob_match(p, strlen(p), s, strlen(s));
}

START_TEST(glob_matching)
{
	ck_assert_int_eq(glob("*.txt", "a.txt"), 1);
	ck_assert_int_eq(glob("*.txt", "d/a.txt"), 0);
	ck_assert_int_eq(glob("**.txt", "d/a.txt"), 1);
	ck_assert_int_eq(glob("files/**", "files/a/b/c"), 1);
	ck_assert_int_eq(glob("files/*", "files/a/b"), 0);
	ck_assert_int_eq(glob("files/?.yaml", "files/a.yaml"), 1);
	ck_assert_int_eq(glob("files/?.yaml", "files/ab.yaml"), 0);
	ck_assert_int_eq(glob("{a,b}.conf", "b.conf"), 1);
	ck_assert_int_eq(glob("{a,b}.conf", "c.conf"), 0);
	ck_assert_int_eq(glob("x/{a,b/*}.conf", "x/b/q.conf"), 1);
	ck_assert_int_eq(glob("[ab].txt", "a.txt"), 1);
	ck_assert_int_eq(glob("[!ab].txt", "a.txt"), 0);
	ck_assert_int_eq(glob("[a-c].txt", "c.txt"), 1);
	ck_assert_int_eq(glob("\\*.txt", "*.txt"), 1);
	ck_assert_int_eq(glob("\\*.txt", "a.txt"), 0);
	ck_assert_int_eq(glob("é?", "éx"), 1);
	ck_assert_int_eq(glob("[abc", "a"), -1);
	ck_assert_int_eq(glob("{a,b", "a"), -1);
	/* bounded: no exponential blow-up */
	ck_assert_int_eq(glob("**a**a**a**a**a**a**a**a**b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
}
END_TEST

START_TEST(path_matching)
{
	ck_assert_int_eq(hobj_path_match("templates/*", "templates/a.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("templates/*", "templates/sub/a.yaml"), 0);
	ck_assert_int_eq(hobj_path_match("templates/*/*", "templates/sub/a.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("templates/a.yaml", "templates/a.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("templates/[ab].yaml", "templates/b.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("templates/[^ab].yaml", "templates/b.yaml"), 0);
	ck_assert_int_eq(hobj_path_match("crds/*", "crds/x.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("t?mplates/a.yaml", "templates/a.yaml"), 1);
	ck_assert_int_eq(hobj_path_match("templates/[", "templates/a"), -1);
	ck_assert_int_eq(hobj_path_match("templates\\", "templates"), -1);
}
END_TEST

START_TEST(release_object)
{
	hopts o = {.release = "rel", .ns = "ns", .flags = HTMPL_RENDER_IS_UPGRADE};
	hv r;
	ck_assert(hobj_release(A, &o, &r));
	ck_assert_int_eq(r.type, HT_MAP);
	ck_assert_str_eq(hmap_gets(r.m, "Name")->s->data, "rel");
	ck_assert_str_eq(hmap_gets(r.m, "Namespace")->s->data, "ns");
	ck_assert(!hmap_gets(r.m, "IsInstall")->b);
	ck_assert(hmap_gets(r.m, "IsUpgrade")->b);
	ck_assert_int_eq(hmap_gets(r.m, "Revision")->type, HT_INT);
	ck_assert_str_eq(hmap_gets(r.m, "Service")->s->data, "Helm");
	hopts d = {0};
	ck_assert(hobj_release(A, &d, &r));
	ck_assert_str_eq(hmap_gets(r.m, "Name")->s->data, "release-name");
	ck_assert_str_eq(hmap_gets(r.m, "Namespace")->s->data, "default");
	ck_assert(hmap_gets(r.m, "IsInstall")->b);
	hv t;
	ck_assert(hobj_template(A, "c/templates/t.yaml", "c/templates", &t));
	ck_assert_int_eq(t.type, HT_VALUES);
	ck_assert_str_eq(hmap_gets(t.m, "BasePath")->s->data, "c/templates");
}
END_TEST

START_TEST(kube_versions)
{
	hkubever kv;
	herr err = HTMPL_ERROR_INIT;
	ck_assert(hobj_parse_kube_version(A, NULL, &kv, &err));
	ck_assert_str_eq(kv.version, "v1.32.0");
	ck_assert_str_eq(kv.major, "1");
	ck_assert_str_eq(kv.minor, "32");
	ck_assert(hobj_parse_kube_version(A, "1.29.3-gke.100", &kv, &err));
	ck_assert_str_eq(kv.version, "v1.29.3-gke.100");
	ck_assert_str_eq(kv.minor, "29");
	ck_assert(hobj_parse_kube_version(A, "v1.30", &kv, &err));
	ck_assert_str_eq(kv.version, "v1.30.0");
	ck_assert(!hobj_parse_kube_version(A, "abc", &kv, &err));
	ck_assert_str_eq(err.message, "invalid kube version 'abc': Invalid Semantic Version");
	htmpl_error_clear(&err);
}
END_TEST

START_TEST(capabilities_object)
{
	const char *apis[] = {"x.io/v1/Foo"};
	hopts o = {.api_versions = apis, .napi = 1};
	hkubever kv = {"v1.32.0", "1", "32"};
	hv c, f;
	ck_assert(hobj_capabilities(A, &o, &kv, &c));
	ck_assert_int_eq(c.type, HT_OBJECT);
	ck_assert_str_eq(hv_type_name(&c), "*chartutil.Capabilities");
	ck_assert(c.o->cls->field(c.o, "KubeVersion", 11, &f));
	ck_assert_int_eq(f.type, HT_OBJECT);
	hv minor;
	ck_assert(f.o->cls->field(f.o, "Minor", 5, &minor));
	ck_assert_str_eq(minor.s->data, "32");
	ck_assert(!c.o->cls->field(c.o, "Nope", 4, &f));
	hv av;
	ck_assert(c.o->cls->field(c.o, "APIVersions", 11, &av));
	const hobj_method *has = &av.o->cls->methods[0];
	ck_assert_str_eq(has->name, "Has");
	hv args[2] = {av}, out;
	ck_assert(hv_string(A, "x.io/v1/Foo", 11, &args[1]));
	hcall call = {.arena = A};
	ck_assert(has->fn(&call, 2, args, &out));
	ck_assert(out.b);
	ck_assert(hv_string(A, "apps/v1", 7, &args[1]));
	ck_assert(has->fn(&call, 2, args, &out));
	ck_assert(out.b);
	ck_assert(hv_string(A, "apps/v9", 7, &args[1]));
	ck_assert(has->fn(&call, 2, args, &out));
	ck_assert(!out.b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, split_manifests);
	tcase_add_test(tc, kind_order);
	tcase_add_test(tc, release_names);
	tcase_add_test(tc, glob_matching);
	tcase_add_test(tc, path_matching);
	tcase_add_test(tc, release_object);
	tcase_add_test(tc, kube_versions);
	tcase_add_test(tc, capabilities_object);
	suite_add_tcase(s, tc);
	return check_run(s);
}
