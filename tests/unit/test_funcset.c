/* test_funcset.c - the registered function names equal the names Helm 3.17.3 defines
 * (tests/data/helm-functions.txt, captured from real helm by tests/golden/helm-functions).
 * Internal method entries (names with a '.', unspellable in a template) are not counted. */
#include "helm/funcmap.h"
#include "check_run.h"
#include "value/env.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HELM_FUNCTIONS
#error "HELM_FUNCTIONS must name tests/data/helm-functions.txt"
#endif

START_TEST(registered_set_equals_helm)
{
	henv *env = hfuncmap_new();
	ck_assert_ptr_nonnull(env);
	FILE *f = fopen(HELM_FUNCTIONS, "r");
	ck_assert_ptr_nonnull(f);
	char line[128];
	size_t helm = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		helm++;
		ck_assert_msg(henv_lookup(env, line, strlen(line)) != NULL, "helm defines %s; htmpl does not", line);
	}
	fclose(f);
	size_t ours = 0;
	for (size_t i = 0; i < env->cap; i++)
		if (env->funcs[i].name && !strchr(env->funcs[i].name, '.'))
			ours++;
	ck_assert_uint_eq(helm, 238);
	ck_assert_msg(ours == helm, "htmpl registers %zu names, helm defines %zu", ours, helm);
	htmpl_env_free(env);
}
END_TEST

START_TEST(undefined_in_helm_stay_undefined)
{
	henv *env = hfuncmap_new();
	const char *absent[] = {"env", "expandenv", "gte", "lte", "uint", "toYAML", "mustToYaml"};
	for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
		ck_assert_msg(!henv_lookup(env, absent[i], strlen(absent[i])), "%s must not exist", absent[i]);
	htmpl_env_free(env);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("funcset");
	TCase *tc = tcase_create("names");
	tcase_add_test(tc, registered_set_equals_helm);
	tcase_add_test(tc, undefined_in_helm_stay_undefined);
	suite_add_tcase(s, tc);
	return check_run(s);
}
