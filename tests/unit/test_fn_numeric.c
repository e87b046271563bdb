/* test_fn_numeric.c - Sprig math and cast conversions (fn_numeric.c) called directly.
 * Expected values were checked against helm v3.17.3 (tests/golden/cases/numeric.case). */
#include "check_run.h"
#include "fn_test_util.h"

#include <math.h>

#define NUM_EQ(type_, field, exp, name, ...)                                         \
	do {                                                                             \
		hv r_;                                                                       \
		ck_assert_msg(fcall(name, ARGS(__VA_ARGS__), &r_), "%s: %s", name, hbuf_cstr(&MSG)); \
		ck_assert_int_eq(r_.type, type_);                                            \
		ck_assert_msg(r_.field == (exp), "%s: got %.17g want %.17g", name, (double)r_.field, (double)(exp)); \
	} while (0)
#define I64(exp, name, ...) NUM_EQ(HT_INT64, i, exp, name, __VA_ARGS__)
#define INT(exp, name, ...) NUM_EQ(HT_INT, i, exp, name, __VA_ARGS__)
#define F64(exp, name, ...) NUM_EQ(HT_FLOAT64, f, exp, name, __VA_ARGS__)

START_TEST(cast_rules)
{
	INT(8, "int", S_("010"));
	INT(0, "int", S_("08"));
	INT(5, "int", S_("5.0"));
	INT(0, "int", S_("4.7"));
	INT(16, "int", S_("0x10"));
	INT(1000, "int", S_("1_000"));
	INT(0, "int", S_(" 5"));
	INT(-4, "int", hv_float(-4.9));
	INT(1, "int", hv_bool(true));
	INT(0, "int", hv_nil());
	I64(42, "int64", S_("42"));
	I64(3, "int64", hv_float(3.99));
	F64(1000, "float64", S_("1e3"));
	F64(0, "float64", S_("abc"));
	F64(2, "float64", hv_int64(2));
	INT(12, "atoi", S_("12"));
	INT(0, "atoi", S_("0x10"));
	INT(-3, "atoi", S_("-3"));
	I64(511, "toDecimal", S_("0777"));
	I64(511, "toDecimal", hv_int(777));
	I64(0, "toDecimal", S_("8"));
}
END_TEST

START_TEST(int_math)
{
	I64(6, "add", hv_int(1), hv_int(2), hv_int(3));
	I64(2, "add", hv_float(1.9), hv_float(1.9));
	I64(0, "add", hv_invalid());
	I64(4, "add1", S_("3"));
	I64(-1, "sub", hv_int(1), hv_int(2));
	I64(24, "mul", hv_int(2), hv_int(3), hv_int(4));
	I64(3, "div", hv_int(7), hv_int(2));
	I64(-3, "div", hv_int(-7), hv_int(2));
	I64(-1, "mod", hv_int(-7), hv_int(2));
	I64(INT64_MIN, "div", hv_int64(INT64_MIN), hv_int(-1));
	ERR_EQ("runtime error: integer divide by zero", "div", hv_int(1), hv_int(0));
	ERR_EQ("runtime error: integer divide by zero", "mod", hv_int(1), S_("x"));
	I64(9, "max", hv_int(1), hv_int(9), hv_int(3));
	I64(9, "biggest", hv_int(1), hv_int(9));
	I64(-2, "min", hv_int(1), hv_int(-2), hv_int(3));
	I64(INT64_MIN, "add", hv_int64(INT64_MAX), hv_int(1));
	hv r;
	for (int i = 0; i < 50; i++) {
		ck_assert(fcall("randInt", ARGS(hv_int(5), hv_int(8)), &r));
		ck_assert_int_eq(r.type, HT_INT);
		ck_assert(r.i >= 5 && r.i < 8);
	}
	ERR_EQ("invalid argument to Intn", "randInt", hv_int(5), hv_int(5));
}
END_TEST

START_TEST(float_math)
{
	F64(3.3, "addf", hv_float(1.1), hv_float(2.2));
	F64(0.1, "subf", hv_int(1), hv_float(0.9));
	F64(3.3333333333333335, "divf", hv_int(10), hv_int(3));
	F64(1e6, "mulf", hv_int(1000), hv_int(1000));
	F64(0.3, "mulf", hv_float(0.1), hv_int(3));
	F64(2.5, "add1f", hv_float(1.5));
	F64(0, "addf", hv_invalid());
	F64(-0.6666666666666667, "divf", hv_int(-2), hv_int(3));
	ERR_EQ("decimal division by 0", "divf", hv_int(1), hv_int(0));
	F64(3, "maxf", hv_int(1), hv_float(3), hv_float(2.5));
	F64(-1.5, "minf", hv_int(1), hv_float(-1.5));
	F64(2, "floor", hv_float(2.7));
	F64(-3, "floor", hv_float(-2.1));
	F64(3, "ceil", S_("2.1"));
	F64(3, "round", hv_float(2.5), hv_int(0));
	F64(-3, "round", hv_float(-2.5), hv_int(0));
	F64(-3, "round", hv_float(-2.4), hv_int(0));
	F64(3.14, "round", hv_float(3.14159), hv_int(2));
	F64(2, "round", hv_float(2.5), hv_int(0), hv_float(0.6));
	F64(1.23456789e20, "addf", hv_float(1.23456789e20), hv_float(1e-20));
}
END_TEST

START_TEST(sequences)
{
	hv r;
	ck_assert(fcall("until", ARGS(hv_int(3)), &r));
	ck_assert_int_eq(r.type, HT_INTLIST);
	ck_assert_str_eq(joined(&r), "0|1|2");
	ck_assert_int_eq(r.l->v[0].type, HT_INT);
	ck_assert(fcall("until", ARGS(hv_int(-3)), &r));
	ck_assert_str_eq(joined(&r), "0|-1|-2");
	ck_assert(fcall("untilStep", ARGS(hv_int(0), hv_int(10), hv_int(3)), &r));
	ck_assert_str_eq(joined(&r), "0|3|6|9");
	ck_assert(fcall("untilStep", ARGS(hv_int(10), hv_int(0), hv_int(3)), &r));
	ck_assert_uint_eq(r.l->len, 0);
	ck_assert(fcall("untilStep", ARGS(hv_int(10), hv_int(0), hv_int(-4)), &r));
	ck_assert_str_eq(joined(&r), "10|6|2");
	STR_EQ("1 2 3", "seq", hv_int(3));
	STR_EQ("1 0", "seq", hv_int(0));
	STR_EQ("5 4 3 2", "seq", hv_int(5), hv_int(2));
	STR_EQ("0 2 4 6 8 10", "seq", hv_int(0), hv_int(2), hv_int(10));
	STR_EQ("", "seq", hv_int(10), hv_int(2), hv_int(0));
	STR_EQ("10 8 6 4 2 0", "seq", hv_int(10), hv_int(-2), hv_int(0));
	STR_EQ("", "seq", hv_int(1), hv_int(2), hv_int(3), hv_int(4));
	ck_assert(!fcall("until", ARGS(hv_int(INT64_MAX)), &r));
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("fn_numeric");
	TCase *t = tcase_create("core");
	tcase_add_checked_fixture(t, fn_setup, fn_teardown);
	tcase_add_test(t, cast_rules);
	tcase_add_test(t, int_math);
	tcase_add_test(t, float_math);
	tcase_add_test(t, sequences);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(suite());
}
