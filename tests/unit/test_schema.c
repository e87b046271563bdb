/* test_schema.c - values.schema.json validation (schema.c) against the full error text helm
 * v3.17.3 prints (gojsonschema v1.2.0): every expected string below was captured from helm3
 * with the same schema and values (the golden runner compares only the first stderr line, so
 * the detail lines — anyOf/oneOf best-branch errors, if/then/else, dependencies, formats,
 * pattern, schema compile errors — are pinned here). */
#include "check_run.h"
#include "data/json.h"
#include "helm/schema.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *schema, *values, *want;
} table[] = {
    {"{\"properties\":{\"x\":{\"pattern\":\"^a+$\"}}}", "{\"x\":\"ab\"}",
     "- x: Does not match pattern '^a+$'\n"},
    {"{\"properties\":{\"x\":{\"pattern\":\"(a\"}}}", "{\"x\":\"a\"}",
     "pattern must be a valid regex"},
    {"{\"patternProperties\":{\"(x\":{}}}", "{\"y\":\"a\"}", "Invalid regex pattern '(x'"},
    {"{\"patternProperties\":{\"^x\":{\"type\":\"string\"},\"a$\":{\"maxLength\":1}},"
     "\"additionalProperties\":false}",
     "{\"xa\":1}", "- xa: Invalid type. Expected: string, given: integer\n"},
    {"{\"patternProperties\":{\"^x\":{}},\"additionalProperties\":false}", "{\"y\":1}",
     "- (root): Additional property y is not allowed\n"},
    {"{\"properties\":{\"x\":{\"format\":\"date\"}}}", "{\"x\":\"2023-02-29\"}",
     "- x: Does not match format 'date'\n"},
    {"{\"properties\":{\"x\":{\"format\":\"date\"}}}", "{\"x\":5}",
     "- x: Does not match format 'date'\n"},
    {"{\"properties\":{\"x\":{\"format\":\"email\"}}}", "{\"x\":\"a..b@c.d\"}",
     "- x: Does not match format 'email'\n"},
    {"{\"properties\":{\"x\":{\"format\":\"uri\"}}}", "{\"x\":\"/a/b\"}",
     "- x: Does not match format 'uri'\n"},
    {"{\"dependencies\":{\"a\":[\"b\",\"c\"]}}", "{\"a\":1}",
     "- (root): Has a dependency on b\n- (root): Has a dependency on c\n"},
    {"{\"dependencies\":{\"a\":{\"required\":[\"e\"]}}}", "{\"a\":1}", "- (root): e is required\n"},
    {"{\"if\":{\"properties\":{\"a\":{\"const\":1}}},\"then\":{\"required\":[\"b\"]},\"else\":{"
     "\"required\":[\"c\"]}}",
     "{\"a\":1}",
     "- (root): Must validate \"then\" as \"if\" was valid\n- (root): b is required\n"},
    {"{\"if\":{\"properties\":{\"a\":{\"const\":1}}},\"then\":{\"required\":[\"b\"]},\"else\":{"
     "\"required\":[\"c\"]}}",
     "{\"a\":2}",
     "- (root): Must validate \"else\" as \"if\" was not valid\n- (root): c is required\n"},
    {"{\"properties\":{\"x\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\",\"minimum\":"
     "10}]}}}",
     "{\"x\":5}",
     "- x: Must validate at least one schema (anyOf)\n- x: Must be greater than or equal to 10\n"},
    {"{\"properties\":{\"x\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
     "{\"a\":{\"type\":\"string\"}}}]}}}",
     "{\"x\":{\"a\":1}}",
     "- x: Must validate at least one schema (anyOf)\n- x.a: Invalid type. Expected: string, "
     "given: integer\n"},
    {"{\"properties\":{\"x\":{\"anyOf\":[{\"type\":\"object\",\"required\":[\"a\",\"b\"]},{"
     "\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"}}}]}}}",
     "{\"x\":{\"a\":1}}", "- x: Must validate at least one schema (anyOf)\n- x: b is required\n"},
    {"{\"properties\":{\"x\":{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\",\"minimum\":"
     "10}]}}}",
     "{\"x\":5}",
     "- x: Must validate one and only one schema (oneOf)\n- x: Must be greater than or equal to "
     "10\n"},
    {"{\"properties\":{\"x\":{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}}}",
     "{\"x\":5}", "- x: Must validate one and only one schema (oneOf)\n"},
    {"{\"properties\":{\"x\":{\"allOf\":[{\"type\":\"integer\",\"maximum\":3},{\"minimum\":10}]}}}",
     "{\"x\":5}",
     "- x: Must be less than or equal to 3\n- x: Must be greater than or equal to 10\n- x: Must "
     "validate all the schemas (allOf)\n"},
    {"{\"properties\":{\"x\":{\"minimum\":1000000,\"multipleOf\":0.1}}}", "{\"x\":5.05}",
     "- x: Must be a multiple of 0.1\n- x: Must be greater than or equal to 1e+06\n"},
    {"{\"properties\":{\"x\":{\"maximum\":1.5e10,\"multipleOf\":7}}}", "{\"x\":20000000001}",
     "- x: Must be a multiple of 7\n- x: Must be less than or equal to 1.5e+10\n"},
    {"{\"properties\":{\"x\":{\"multipleOf\":0.1}}}", "{\"x\":0.3}", ""},
    {"{\"properties\":{\"x\":{\"items\":[{\"type\":\"string\"}],\"additionalItems\":false,"
     "\"contains\":{\"type\":\"integer\",\"minimum\":9}}}}",
     "{\"x\":[\"a\",1,2]}",
     "- x: No additional items allowed on array\n- x: At least one of the items must match\n- x.1: "
     "Must be greater than or equal to 9\n"},
    {"{\"propertyNames\":{\"maxLength\":2}}", "{\"abc\":1}",
     "- (root): Property name of \"abc\" does not match\n- (root): String length must be less than "
     "or equal to 2\n"},
    {"{\"properties\":{\"x\":{\"uniqueItems\":true}}}", "{\"x\":[1,1.0,1,\"a\",\"a\"]}",
     "- x: array items[0,1] must be unique\n- x: array items[1,2] must be unique\n- x: array "
     "items[3,4] must be unique\n"},
    {"{\"$schema\":\"http://json-schema.org/draft-04/"
     "schema#\",\"properties\":{\"x\":{\"minimum\":5,\"exclusiveMinimum\":true,\"const\":1}}}",
     "{\"x\":5}", "- x: Must be greater than 5\n"},
    {"{\"properties\":{\"y\":{\"minProperties\":3,\"maxProperties\":1}}}", "{\"x\":1}",
     "minProperties cannot be greater than maxProperties"},
    {"{\"properties\":{\"y\":{\"enum\":[1,1.0]}}}", "{\"x\":1}", "enum items must be unique"},
    {"{\"properties\":{\"x\":{\"type\":[\"string\",\"boolean\"],\"minLength\":2}}}", "{\"x\":1}",
     "- x: Invalid type. Expected: [string,boolean], given: integer\n"},
    {"{\"properties\":{\"x\":{\"enum\":[\"a\",1,null]},\"y\":{\"const\":{\"a\":[1]}}}}",
     "{\"x\":\"b\"}", "- x: x must be one of the following: \"a\", 1, null\n"},
    {"{\"properties\":{\"y\":{\"const\":{\"a\":[1]}}}}", "{\"y\":{\"a\":[2]}}",
     "- y: y does not match: {\"a\":[1]}\n"},
    {"{\"properties\":{\"x\":{\"not\":{\"type\":\"string\"}}}}", "{\"x\":\"s\"}",
     "- x: Must not validate the schema (not)\n"},
    {"{\"properties\":{\"x\":false}}", "{\"x\":1}", "- x: False always fails validation\n"},
};

static const char *check(harena *a, const char *schema, const char *values, hbuf *out)
{
	hv v;
	herr e = HTMPL_ERROR_INIT;
	ck_assert(hjson_decode(a, values, strlen(values), &v, &e));
	hbuf_reset(out);
	ck_assert(hschema_validate(a, schema, strlen(schema), &v, out, &e));
	return hbuf_cstr(out);
}

START_TEST(helm_messages)
{
	harena *a = harena_new();
	hbuf out = HBUF_INIT;
	ck_assert_str_eq(check(a, table[_i].schema, table[_i].values, &out), table[_i].want);
	hbuf_free(&out);
	harena_free(a);
}
END_TEST

/* Formats as gojsonschema's checkers see them: one valid and one invalid text each. */
START_TEST(formats)
{
	static const char *const cases[][3] = {
	    {"date", "2024-02-29", "2023-02-29"},
	    {"time", "1:02:03.5Z", "12:00"},
	    {"date-time", "2024-01-01T12:00:00.5+02:00", "2024-01-01T12:00:00"},
	    {"hostname", "a-b.example.com", "a_b.example.com"},
	    {"email", "John <j@x.org>", "a..b@x.org"},
	    {"ipv4", "::ffff:1.2.3.4", "1.2.3.04"},
	    {"ipv6", "1::", "1::2::3"},
	    {"uri", "http://[::1]:80/p", "http://a.b:8x/"},
	    {"uri-reference", "a/b?c#d", "1a:b"},
	    {"uri-template", "/{a}{b}", "/{a"},
	    {"uuid", "123e4567-e89b-12d3-a456-426614174000",
	     "123E4567-E89B-12D3-A456-426614174000"},
	    {"regex", "(?P<n>a)", "(a"},
	    {"json-pointer", "/a~0/b~1", "/a~2"},
	    {"relative-json-pointer", "10#", "01"},
	};
	harena *a = harena_new();
	hbuf out = HBUF_INIT, s = HBUF_INIT, v = HBUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		hbuf_reset(&s), hbuf_reset(&v);
		hbuf_printf(&s, "{\"properties\":{\"x\":{\"format\":\"%s\"}}}", cases[i][0]);
		hbuf_printf(&v, "{\"x\":\"%s\"}", cases[i][1]);
		ck_assert_msg(!*check(a, hbuf_cstr(&s), hbuf_cstr(&v), &out), "%s: %s", cases[i][0],
			      cases[i][1]);
		hbuf_reset(&v);
		hbuf_printf(&v, "{\"x\":\"%s\"}", cases[i][2]);
		ck_assert_msg(*check(a, hbuf_cstr(&s), hbuf_cstr(&v), &out), "%s: %s", cases[i][0],
			      cases[i][2]);
	}
	hbuf_free(&out), hbuf_free(&s), hbuf_free(&v);
	harena_free(a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("schema");
	TCase *t = tcase_create("gojsonschema");
	tcase_add_loop_test(t, helm_messages, 0, sizeof table / sizeof *table);
	tcase_add_test(t, formats);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
