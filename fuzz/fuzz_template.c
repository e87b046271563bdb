/* fuzz_template - template parse + execute against a small values tree.
 * The first byte picks options: bit 0 executes as well as parses. The rest is the template. */
#include <htmpl.h>

#include <stdint.h>
#include <stdlib.h>

static const char values[] = "a: 1\nb: [x, y, {c: d}]\nm: {k: v, n: null}\ns: str\nf: 1.5\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	htmpl_env *env = htmpl_env_new();
	if (!env)
		return 0;
	htmpl_env_set_limit(env, HTMPL_LIMIT_OUTPUT_BYTES, 1 << 20);
	htmpl_env_set_limit(env, HTMPL_LIMIT_LIST_ITEMS, 10000);
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_template *t = htmpl_template_parse(env, "t", (const char *)data + 1, size - 1, &err);
	if (t && (data[0] & 1)) {
		size_t n;
		free(htmpl_template_execute(t, "t", values, &n, &err));
	}
	htmpl_template_free(t);
	htmpl_error_clear(&err);
	htmpl_env_free(env);
	return 0;
}
