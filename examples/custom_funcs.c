/* custom_funcs - custom template functions that read and build maps and lists.
 *
 *   custom_funcs            prints the rendered template; exits 1 when it differs from
 *                           the expected text below (meson test runs it)
 *
 * Everything here is declared in htmpl.h; no internal header is used. It shows:
 *   - reading a map in sorted key order and building a new one (prefixLabels)
 *   - reading a list of mixed numbers and returning a typed number (sum)
 *   - building a list of strings (words) and of maps (ports)
 *   - returning each Go number type (asType)
 *   - the name check of htmpl_env_add_func and the error text of fail. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* prefixLabels MAP PREFIX: a new map whose keys are PREFIX+key, for the string values of MAP
 * (others are skipped), e.g. {{ prefixLabels .labels "app.io/" | toYaml }}. */
static bool prefix_labels(htmpl_call *call, size_t argc, const htmpl_value *argv,
                          htmpl_value *result)
{
	(void)argc;
	htmpl_map *in = htmpl_value_map(&argv[0]);
	size_t plen;
	const char *prefix = htmpl_value_string(&argv[1], &plen);
	htmpl_map *out = htmpl_call_map_new(call);
	if (!out)
		return false;
	for (size_t i = 0; i < htmpl_map_len(in); i++) {
		const char *k;
		size_t klen;
		const htmpl_value *v = htmpl_map_at(in, i, &k, &klen);
		if (!v)
			return htmpl_call_error(call, "out of memory");
		if (htmpl_value_type(v) != HTMPL_T_STRING)
			continue;
		char *key = malloc(plen + klen);
		if (!key)
			return htmpl_call_error(call, "out of memory");
		memcpy(key, prefix, plen);
		memcpy(key + plen, k, klen);
		bool ok = htmpl_call_map_set(call, out, key, plen + klen, *v); /* key is copied */
		free(key);
		if (!ok)
			return false;
	}
	*result = htmpl_value_from_map(out);
	return true;
}

/* sum LIST: the sum of a list's numbers as int64; float64 items (values files) must be whole. */
static bool sum(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	(void)argc;
	const htmpl_list *l = htmpl_value_list(&argv[0]);
	int64_t total = 0;
	for (size_t i = 0; i < htmpl_list_len(l); i++) {
		const htmpl_value *v = htmpl_list_get(l, i);
		int64_t n;
		double f;
		if (htmpl_value_get_int(v, &n))
			total += n;
		else if (htmpl_value_get_float(v, &f) && f == (double)(int64_t)f)
			total += (int64_t)f;
		else
			return htmpl_call_error(call, "item %zu is a %s, not a whole number", i,
			                        htmpl_value_type_name(v));
	}
	*result = htmpl_value_from_int64(total);
	return true;
}

/* words STRING: the space-separated words of STRING as a []interface {} of strings. */
static bool words(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	(void)argc;
	size_t n;
	const char *s = htmpl_value_string(&argv[0], &n);
	htmpl_list *l = htmpl_call_list_new(call, 0);
	if (!l)
		return false;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		htmpl_value w;
		if (j > i && (!htmpl_call_string(call, s + i, j - i, &w) ||
		              !htmpl_call_list_push(call, l, w)))
			return false;
		i = j + 1;
	}
	*result = htmpl_value_from_list(l);
	return true;
}

/* ports MAP: [{name: K, port: V}, ...] for the entries of MAP, sorted by name. */
static bool ports(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	(void)argc;
	htmpl_map *in = htmpl_value_map(&argv[0]);
	htmpl_list *l = htmpl_call_list_new(call, htmpl_map_len(in));
	if (!l)
		return false;
	for (size_t i = 0; i < htmpl_map_len(in); i++) {
		const char *k;
		size_t klen;
		const htmpl_value *v = htmpl_map_at(in, i, &k, &klen);
		htmpl_map *e = htmpl_call_map_new(call);
		htmpl_value name;
		if (!v || !e || !htmpl_call_string(call, k, klen, &name) ||
		    !htmpl_call_map_set(call, e, "name", 4, name) ||
		    !htmpl_call_map_set(call, e, "port", 4, *v) ||
		    !htmpl_call_list_push(call, l, htmpl_value_from_map(e)))
			return v ? false : htmpl_call_error(call, "out of memory");
	}
	*result = htmpl_value_from_list(l);
	return true;
}

/* asType NAME: 7 as the Go type NAME (int, int64, int32, uint8, uint32, uint64, float64),
 * true for bool, nil for nil, []byte "hi" for bytes. */
static bool as_type(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *result)
{
	(void)argc;
	const char *t = htmpl_value_string(&argv[0], NULL);
	if (!strcmp(t, "int"))
		*result = htmpl_value_from_int(7);
	else if (!strcmp(t, "int64"))
		*result = htmpl_value_from_int64(7);
	else if (!strcmp(t, "int32"))
		*result = htmpl_value_from_int32(7);
	else if (!strcmp(t, "uint8"))
		*result = htmpl_value_from_uint8(7);
	else if (!strcmp(t, "uint32"))
		*result = htmpl_value_from_uint32(7);
	else if (!strcmp(t, "uint64"))
		*result = htmpl_value_from_uint64(7);
	else if (!strcmp(t, "float64"))
		*result = htmpl_value_from_float64(7);
	else if (!strcmp(t, "bool"))
		*result = htmpl_value_from_bool(true);
	else if (!strcmp(t, "nil"))
		*result = htmpl_value_nil();
	else if (!strcmp(t, "bytes"))
		return htmpl_call_bytes(call, "hi", 2, result);
	else
		return htmpl_call_error(call, "unknown type \"%s\"", t);
	return true;
}

static const char template_text[] =
	"{{- prefixLabels .labels \"app.io/\" | toYaml }}\n"
	"sum: {{ sum .numbers }} {{ sum .numbers | printf \"%T\" }}\n"
	"words: {{ words \"a  bc d\" }} {{ len (words \"x y\") }}\n"
	"{{ range ports .ports }}- {{ .name }}={{ .port }}\n{{ end -}}\n"
	"{{ range list \"int\" \"int64\" \"int32\" \"uint8\" \"uint32\" \"uint64\" \"float64\" "
	"\"bool\" \"nil\" \"bytes\" }}{{ $v := asType . }}{{ printf \"%T=%v \" $v $v }}{{ end }}\n";

static const char data_yaml[] = "labels: {zone: b, app: web, replicas: 3}\n"
                                "numbers: [1, 2.0, 39]\n"
                                "ports: {https: 443, http: 80}\n";

static const char expected[] = "app.io/app: web\n"
                               "app.io/zone: b\n"
                               "sum: 42 int64\n"
                               "words: [a bc d] 2\n"
                               "- http=80\n"
                               "- https=443\n"
                               "int=7 int64=7 int32=7 uint8=7 uint32=7 uint64=7 float64=7 "
                               "bool=true <nil>=<nil> []uint8=[104 105] \n";

struct fn {
	const char *name, *sig;
	htmpl_func fn;
};

int main(void)
{
	static const struct fn fns[] = {
		{"prefixLabels", "ms", prefix_labels}, {"sum", "l", sum},     {"words", "s", words},
		{"ports", "m", ports},                 {"asType", "s", as_type},
	};
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	htmpl_template *t = NULL;
	char *out = NULL;
	int rc = 1;
	if (!env)
		return 1;
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
		if (!htmpl_env_add_func(env, fns[i].name, fns[i].sig, fns[i].fn, NULL, &err))
			goto done;

	/* Names a template could never call are refused, as Go's Funcs refuses them. */
	static const char *const bad[] = {"a b", "if", "9lives", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (htmpl_env_add_func(env, bad[i], "", as_type, NULL, &err)) {
			fprintf(stderr, "custom_funcs: name %s was accepted\n", bad[i]);
			goto done;
		}
		printf("refused: %s\n", htmpl_error_message(&err));
		htmpl_error_clear(&err);
	}

	if (!(t = htmpl_template_parse(env, "example", template_text, sizeof template_text - 1, &err)))
		goto done;
	size_t len;
	if (!(out = htmpl_template_execute(t, NULL, data_yaml, &len, &err)))
		goto done;
	fwrite(out, 1, len, stdout);
	if (len != sizeof expected - 1 || memcmp(out, expected, len) != 0) {
		fprintf(stderr, "custom_funcs: output differs from the expected text:\n%s", expected);
		goto done;
	}
	htmpl_template_free(t);

	/* A function's error, and Helm's fail, come back as Go prints them. */
	static const char failing[] = "{{ sum (list 1 \"x\") }}|{{ fail \"boom\" }}";
	const char *names[] = {"T1", "T2"};
	for (size_t i = 0; i < 2; i++) {
		const char *text = i == 0 ? failing : strchr(failing, '|') + 1;
		size_t n = i == 0 ? (size_t)(strchr(failing, '|') - failing) : strlen(text);
		if (!(t = htmpl_template_parse(env, names[i], text, n, &err)))
			goto done;
		free(htmpl_template_execute(t, NULL, NULL, NULL, &err));
		printf("error: %s\n", htmpl_error_message(&err));
		if (err.code != HTMPL_ERR_EXEC || strstr(err.message, "HELM_ERR")) {
			fprintf(stderr, "custom_funcs: unexpected error\n");
			goto done;
		}
		htmpl_error_clear(&err);
		htmpl_template_free(t);
		t = NULL;
	}
	rc = 0;
done:
	if (err.code)
		fprintf(stderr, "custom_funcs: %s\n", htmpl_error_message(&err));
	htmpl_error_clear(&err);
	free(out);
	htmpl_template_free(t);
	htmpl_env_free(env);
	return rc;
}
