/* header_use.c - compiled, never run, by check-header.py as C99, C11, C17, C++11 and C++17
 * with -pedantic -Wall -Wextra -Werror: everything a user of htmpl.h writes must compile
 * without a warning (the error initialiser, the value union, the printf-checked error call,
 * the version macros). */
#include <htmpl.h>

#include <stdio.h>

#if HTMPL_VERSION_MAJOR < 0 || !defined(HTMPL_VERSION_STRING)
#error "version macros missing"
#endif

static bool answer(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	htmpl_value v = htmpl_value_from_int(41);
	v.i += 1;
	if (argc > 0 && htmpl_value_type(&argv[0]) != HTMPL_T_STRING)
		return htmpl_call_error(call, "want a string, got %s (%d)", htmpl_value_type_name(&argv[0]), 1);
	*result = v;
	return true;
}

int main(void)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	bool ok = env && htmpl_env_add_func(env, "answer", "v*", answer, NULL, &err);
	htmpl_value s = htmpl_value_nil();
	s.s = NULL;
	printf("%s %s %d %d\n", htmpl_version(NULL, NULL, NULL), htmpl_error_message(&err), ok,
	       s.s == NULL);
	htmpl_error_clear(&err);
	htmpl_env_free(env);
	return 0;
}
