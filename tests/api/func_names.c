/* func_names.c - htmpl_env_add_func accepts exactly the names Go's text/template accepts
 * (funcs.go goodName: '_' or a Unicode letter first, then letters, digits or '_'), refuses
 * the lexer's keywords, and a name it accepts can be called from a template (Unicode
 * letters included, as Go's lexer reads them). Public API only. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool seven(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	(void)call, (void)argc, (void)argv;
	*result = htmpl_value_from_int(7);
	return true;
}

static const struct {
	const char *name;
	const char *error; /* NULL: accepted */
} cases[] = {
	{"héllo", NULL},
	{"_x1", NULL},
	{"π", NULL},
	{"x٣", NULL}, /* Arabic-Indic digit three: unicode.IsDigit */
	{"and", NULL}, /* a builtin may be replaced */
	{"a b", "function name \"a b\" is not a valid identifier"},
	{"1x", "function name \"1x\" is not a valid identifier"},
	{"a€", "function name \"a€\" is not a valid identifier"},
	{"a-b", "function name \"a-b\" is not a valid identifier"},
	{"x.y", "function name \"x.y\" is not a valid identifier"},
	{"", "function name \"\" is not a valid identifier"},
	{"\xff", "function name \"\\xff\" is not a valid identifier"},
	{"if", "function name \"if\" is a template keyword, so a template could never call it"},
	{"end", "function name \"end\" is a template keyword, so a template could never call it"},
	{"nil", "function name \"nil\" is a template keyword, so a template could never call it"},
	{"true", "function name \"true\" is a template keyword, so a template could never call it"},
	{"break", NULL}, /* Go lexes break as a name once a function has it (parse.go breakOK) */
};

int main(void)
{
	htmpl_env *env = htmpl_env_new();
	int bad = 0;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		htmpl_error err = HTMPL_ERROR_INIT;
		bool ok = htmpl_env_add_func(env, cases[i].name, "", seven, NULL, &err);
		bool want = !cases[i].error;
		bool good = ok == want &&
		            (want || (err.code == HTMPL_ERR_USAGE && !strcmp(err.message, cases[i].error)));
		printf("%s %s: %s\n", good ? "ok  " : "FAIL", cases[i].name,
		       ok ? "accepted" : htmpl_error_message(&err));
		bad += !good;
		htmpl_error_clear(&err);
	}
	static const char text[] = "{{ héllo }} {{ π }} {{ x٣ }} {{ and }} {{ break }}";
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_template *t = htmpl_template_parse(env, "t", text, sizeof text - 1, &err);
	char *out = t ? htmpl_template_execute(t, NULL, NULL, NULL, &err) : NULL;
	bool good = out && !strcmp(out, "7 7 7 7 7");
	printf("%s call: %s\n", good ? "ok  " : "FAIL", out ? out : htmpl_error_message(&err));
	bad += !good;
	free(out);
	htmpl_template_free(t);
	htmpl_error_clear(&err);
	htmpl_env_free(env);
	return bad ? 1 : 0;
}
