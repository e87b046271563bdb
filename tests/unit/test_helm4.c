/* test_helm4.c - the helm 4.1.4 pieces behind htmpl_env_set_helm_version(env, 4): the setter,
 * reformatExecErrorMsg (helm/exec_error4.c), slog lines (helm/slog.c), ParseKubeVersion
 * (helm/kubever4.c), multi-document values (helm/values4.c), semver v3.4.0 and the lint
 * SemVerV2 check. Expected texts are helm 4.1.4's, checked with the binary. */
#include "check_run.h"
#include "core/semver.h"
#include "helm/objects.h"
#include "helm/render.h"
#include "helm/slog.h"
#include "helm/values4.h"
#include "lint/lint.h"
#include "lint/lint_chartfile4.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

START_TEST(setter)
{
	htmpl_env *e = htmpl_env_new();
	ck_assert_int_eq(htmpl_env_get_helm_version(e), 4);
	ck_assert(htmpl_env_set_helm_version(e, 3));
	ck_assert_int_eq(htmpl_env_get_helm_version(e), 3);
	ck_assert(!htmpl_env_set_helm_version(e, 5));
	ck_assert(!htmpl_env_set_helm_version(e, 0));
	ck_assert_int_eq(htmpl_env_get_helm_version(e), 3);
	ck_assert(!htmpl_env_set_helm_version(NULL, 4));
	ck_assert_int_eq(htmpl_env_get_helm_version(NULL), 4);
	htmpl_env_free(e);
}
END_TEST

static const char *exec4(const char *msg)
{
	static char out[2048];
	hbuf b = HBUF_INIT;
	bool ok = hrender_exec_error4(msg, strlen(msg), &b);
	snprintf(out, sizeof out, "%s%s", ok ? "" : "KEEP:", hbuf_cstr(&b));
	hbuf_free(&b);
	return out;
}

START_TEST(exec_error_blocks)
{
	/* lang/err-exec-nested-include-chain */
	ck_assert_str_eq(
	    exec4("template: c/templates/t.yaml:3:3: executing \"c/templates/t.yaml\" at <include "
	          "\"outer\" (dict \"x\" 1)>: error calling include: template: c/templates/t.yaml:1:26: "
	          "executing \"inner\" at <.x.y>: can't evaluate field y in type interface {}"),
	    "c/templates/t.yaml:3:3\n  executing \"c/templates/t.yaml\" at <include \"outer\" (dict "
	    "\"x\" 1)>:\n    error calling include:\nc/templates/t.yaml:1:26\n  executing \"inner\" "
	    "at <.x.y>:\n    can't evaluate field y in type interface {}");
	/* a function's own error ends the chain: the one-line error stays (lang/err-eq-float-int) */
	ck_assert_str_eq(exec4("template: t:1:3: executing \"t\" at <eq 1 2.0>: error calling eq: "
	                       "incompatible types for comparison: int and float64"),
	                 "KEEP:");
	/* `no template` is printed whole (tpl-local-define-not-visible-outside) */
	ck_assert_str_eq(exec4("template: c/t.yaml:2:6: executing \"c/t.yaml\" at <include \"l\" .>: "
	                       "error calling include: template: no template \"l\" associated with "
	                       "template \"gotpl\""),
	                 "c/t.yaml:2:6\n  executing \"c/t.yaml\" at <include \"l\" .>:\n    error "
	                 "calling include:\ntemplate: no template \"l\" associated with template "
	                 "\"gotpl\"");
	ck_assert_str_eq(exec4("not a template error"), "KEEP:");
}
END_TEST

START_TEST(slog_quoting)
{
	hbuf b = HBUF_INIT;
	hslog_line(&b, "INFO", "skipping unknown hooks", "hookTypes", "pre-install,bogus", NULL);
	hslog_line(&b, "INFO", "skipping unknown hooks", "hookTypes", "", NULL);
	hslog_line(&b, "WARN", "ImportValues missing table", "error", "\"x\" is not a table", NULL);
	hslog_line(&b, "INFO", "funcMap fail", "message", "boom", NULL);
	ck_assert_str_eq(hbuf_cstr(&b),
	                 "level=INFO msg=\"skipping unknown hooks\" hookTypes=pre-install,bogus\n"
	                 "level=INFO msg=\"skipping unknown hooks\" hookTypes=\"\"\n"
	                 "level=WARN msg=\"ImportValues missing table\" error=\"\\\"x\\\" is not a "
	                 "table\"\n"
	                 "level=INFO msg=\"funcMap fail\" message=boom\n");
	hbuf_free(&b);
}
END_TEST

static void kube(const char *in, const char *version, const char *norm, const char *minor)
{
	harena *a = harena_new();
	hkubever kv;
	herr e = HTMPL_ERROR_INIT;
	ck_assert_msg(hkubever4_parse(a, in, &kv, &e), "%s: %s", in, htmpl_error_message(&e));
	ck_assert_str_eq(kv.version, version);
	ck_assert_str_eq(kv.normalized, norm);
	ck_assert_str_eq(kv.minor, minor);
	harena_free(a);
}

static void kube_bad(const char *in, const char *msg)
{
	harena *a = harena_new();
	hkubever kv;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(!hkubever4_parse(a, in, &kv, &e));
	ck_assert_str_eq(htmpl_error_message(&e), msg);
	htmpl_error_clear(&e);
	harena_free(a);
}

START_TEST(kube_versions)
{
	kube(NULL, "v1.35.0", "v1.35.0", "35");
	kube("1.29.3-gke.100", "v1.29.3-gke.100", "v1.29.3", "29");
	kube("v1.30", "v1.30", "v1.30", "30");
	kube("1.2.3.4", "v1.2.3.4", "v1.2.3.4", "2");
	kube(" 1.2.3", "v 1.2.3", "v1.2.3", "2");
	kube_bad("abc", "invalid kube version 'abc': could not parse \"abc\" as version");
	kube_bad("1", "invalid kube version '1': illegal version string \"1\"");
	kube_bad("01.2.3", "invalid kube version '01.2.3': illegal zero-prefixed version component "
	                   "\"01\" in \"01.2.3\"");
}
END_TEST

static const char *values4(const char *text)
{
	static char out[512];
	harena *a = harena_new();
	hv v;
	hbuf msg = HBUF_INIT;
	herr e = HTMPL_ERROR_INIT;
	if (!hvalues4_load(a, text, strlen(text), 1000, &v, &msg, &e)) {
		snprintf(out, sizeof out, "ERR %s", hbuf_cstr(&msg));
	} else if (!hv_is_map(&v)) {
		snprintf(out, sizeof out, "nil");
	} else {
		hmap_entry **es = hmap_sorted(v.m);
		out[0] = 0;
		for (size_t i = 0; i < hmap_len(v.m); i++)
			strncat(out, es[i]->key->data, sizeof out - strlen(out) - 1);
	}
	hbuf_free(&msg);
	harena_free(a);
	return out;
}

START_TEST(values_documents)
{
	ck_assert_str_eq(values4("a: 1\n---\nb: 2\n"), "ab");
	ck_assert_str_eq(values4("---\n---\n# c\n---\na: 1\n"), "a");
	ck_assert_str_eq(values4("# only a comment\n"), "nil");
	ck_assert_str_eq(values4("a: 1\n--- b: 2\n"),
	                 "ERR error reading yaml document: invalid Yaml document separator: b: 2");
	ck_assert_str_eq(values4("a: 1\n---\n- 1\n"),
	                 "ERR cannot unmarshal yaml document: error unmarshaling JSON: while decoding "
	                 "JSON: json: cannot unmarshal array into Go value of type map[string]interface "
	                 "{}");
}
END_TEST

static bool cmp34(const char *c, const char *v)
{
	hsemver sv;
	ck_assert(hsemver_parse(v, strlen(v), &sv));
	bool ok;
	ck_assert(hsemver_check_v34(c, strlen(c), &sv, true, &ok, NULL));
	return ok;
}

START_TEST(semver_v34)
{
	ck_assert(!cmp34("!=1.2.3", "1.2.4-beta"));  /* semver/semver-compare-14 */
	ck_assert(cmp34(">=1.2.0, <2.0.0-0", "1.5.0-beta")); /* the group has a prerelease */
	ck_assert(!cmp34(">=1.2.0", "1.5.0-beta"));
	char m[] = "Error parsing version segment: strconv.ParseUint: x";
	hsemver_v34_text(m, strlen(m));
	ck_assert_str_eq(m, "error parsing version segment: strconv.ParseUint: x");
	ck_assert(hlint_semver_strict("1.2.3-alpha.1+b.2"));
	ck_assert(!hlint_semver_strict("v1.2.3"));
	ck_assert(!hlint_semver_strict("1.2"));
	ck_assert(!hlint_semver_strict("01.2.3"));
	ck_assert(!hlint_semver_strict("1.2.3-a..b"));
	ck_assert(!hlint_semver_strict("1.2.3-01"));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("helm4");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, setter);
	tcase_add_test(tc, exec_error_blocks);
	tcase_add_test(tc, slog_quoting);
	tcase_add_test(tc, kube_versions);
	tcase_add_test(tc, values_documents);
	tcase_add_test(tc, semver_v34);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(suite());
}
