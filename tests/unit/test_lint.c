/* test_lint.c - `htmpl lint` through the public API: helm's messages and summary (checked
 * against helm 3.17.3, see tests/golden/lint for the full set), --validate findings,
 * --rules recommended with its per-resource silencing annotation, and the JSON output. */
#include "check_run.h"
#include "lint/lint.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/htmpl-lint-XXXXXX";

static void put(const char *rel, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, rel);
	for (char *s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	FILE *f = fopen(p, "w");
	ck_assert(f != NULL);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	strcpy(dir, "/tmp/htmpl-lint-XXXXXX");
	ck_assert(mkdtemp(dir) != NULL);
	put("c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
}

static void teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Runs the lint on DIR/c; returns stdout (static buffer), *status and stderr in *errtext. */
static char outbuf[65536], errbuf[8192];
static const char *lint(unsigned flags, htmpl_lint_output output, int *status)
{
	htmpl_lint_opts *o = htmpl_lint_opts_new();
	char p[512];
	snprintf(p, sizeof p, "%s/c", dir);
	ck_assert(htmpl_lint_opts_add_path(o, p));
	htmpl_lint_opts_set_flags(o, flags);
	htmpl_lint_opts_set_output(o, output);
	char *out, *err;
	htmpl_error e = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new(); /* the expectations are helm 3.17.3's */
	ck_assert(htmpl_env_set_helm_version(env, 3));
	ck_assert_msg(htmpl_lint(env, o, &out, &err, status, &e), "%s", htmpl_error_message(&e));
	htmpl_env_free(env);
	/* chart paths are absolute here: show them as c */
	const char *s = out;
	size_t w = 0;
	while (*s && w < sizeof outbuf - 1) {
		if (!strncmp(s, p, strlen(p) - 1)) {
			s += strlen(p) - 1;
			continue;
		}
		outbuf[w++] = *s++;
	}
	outbuf[w] = 0;
	snprintf(errbuf, sizeof errbuf, "%s", err);
	free(out), free(err);
	htmpl_lint_opts_free(o);
	return outbuf;
}

START_TEST(helm_messages)
{
	put("c/templates/a.yaml", "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: Bad_Name\n");
	put("c/templates/b.yml", "  x: 1\n");
	int st;
	const char *out = lint(0, HTMPL_LINT_OUTPUT_TEXT, &st);
	ck_assert_msg(strstr(out, "[INFO] Chart.yaml: icon is recommended\n"), "%s", out);
	ck_assert(strstr(out, "[INFO] values.yaml: file does not exist\n"));
	ck_assert(strstr(out, "[WARNING] templates/a.yaml: object name does not conform to Kubernetes naming requirements: \"Bad_Name\": metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain"));
	ck_assert(strstr(out, "[WARNING] templates/a.yaml: extensions/v1beta1 Deployment is deprecated in v1.8+, unavailable in v1.16+; use apps/v1 Deployment\n"));
	ck_assert(strstr(out, "[ERROR] templates/a.yaml: a Deployment must contain matchLabels or matchExpressions, and \"Bad_Name\" does not\n"));
	ck_assert(!strstr(out, "b.yml")); /* helm 3 never content-checks .yml */
	ck_assert_int_eq(st, 1);
	ck_assert_str_eq(errbuf, "Error: 1 chart(s) linted, 1 chart(s) failed\n");
}
END_TEST

START_TEST(strict_and_quiet)
{
	put("c/templates/a.yaml", "  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n");
	int st;
	const char *out = lint(HTMPL_LINT_QUIET, HTMPL_LINT_OUTPUT_TEXT, &st);
	ck_assert_str_eq(out, "==> Linting c\n[WARNING] templates/a.yaml: document starts with an illegal indent: \"  apiVersion: v1\", which may cause parsing problems\n\n1 chart(s) linted, 0 chart(s) failed\n");
	ck_assert_int_eq(st, 0);
	lint(HTMPL_LINT_STRICT, HTMPL_LINT_OUTPUT_TEXT, &st);
	ck_assert_int_eq(st, 1);
}
END_TEST

START_TEST(validate_and_rules)
{
	put("c/templates/a.yaml",
	    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replica: 2\n"
	    "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
	    "    spec:\n      containers:\n      - image: nginx:latest\n");
	put("c/templates/b.yaml",
	    "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  annotations:\n    htmpl.io/ignore: service-selector\n"
	    "spec:\n  selector: {app: other}\n  ports:\n  - port: 80\n");
	int st;
	const char *out = lint(HTMPL_LINT_VALIDATE | HTMPL_LINT_RULES, HTMPL_LINT_OUTPUT_TEXT, &st);
	ck_assert_msg(strstr(out, "[ERROR] templates/a.yaml: Deployment \"web\": spec.replica: unknown field\n"), "%s", out);
	ck_assert(strstr(out, "[ERROR] templates/a.yaml: Deployment \"web\": spec.template.spec.containers[0].name: missing required field\n"));
	ck_assert(strstr(out, "uses the latest tag (image-tag; fix: "));
	ck_assert(strstr(out, "(run-as-non-root; fix: "));
	ck_assert(!strstr(out, "service-selector")); /* silenced by the annotation */
	ck_assert_int_eq(st, 1);
	out = lint(HTMPL_LINT_VALIDATE, HTMPL_LINT_OUTPUT_JSON, &st);
	ck_assert_msg(strstr(out, "\"rule\":\"validate\""), "%s", out);
	ck_assert(strstr(out, "\"linted\":1,\"failed\":1}"));
}
END_TEST

START_TEST(validate_api)
{
	const char text[] = "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: \"80\"\n";
	char *report;
	htmpl_error e = HTMPL_ERROR_INIT;
	long n = htmpl_validate_manifests(text, sizeof text - 1, NULL, NULL, &report, &e);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(report, "c/templates/a.yaml: Service \"s\": spec.ports[0].port: invalid type: expected integer, got string \"80\"\n");
	free(report);
}
END_TEST

START_TEST(quote)
{
	hbuf b = HBUF_INIT;
	hlint_quote(&b, "a\"b\\c\n\x01", 7);
	ck_assert_str_eq(hbuf_cstr(&b), "\"a\\\"b\\\\c\\n\\x01\"");
	hbuf_free(&b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lint");
	TCase *t = tcase_create("lint");
	tcase_set_timeout(t, 30);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, helm_messages);
	tcase_add_test(t, strict_and_quiet);
	tcase_add_test(t, validate_and_rules);
	tcase_add_test(t, validate_api);
	tcase_add_test(t, quote);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
