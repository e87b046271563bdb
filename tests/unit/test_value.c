/* test_value.c - the value model: maps, lists, truth, deep equality and copies. */
#include "check_run.h"
#include "value/value.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static harena *A;

static void setup(void) { A = harena_new(); }
static void teardown(void) { harena_free(A); }

START_TEST(map_set_get_delete_sorted)
{
	hmap *m = hmap_new(A, 0);
	char key[16];
	for (int i = 0; i < 100; i++) {
		snprintf(key, sizeof key, "k%03d", 99 - i);
		ck_assert(hmap_set(m, key, strlen(key), hv_int(i)));
	}
	ck_assert_uint_eq(hmap_len(m), 100);
	ck_assert_int_eq(hmap_gets(m, "k000")->i, 99);
	ck_assert(hmap_del(m, "k050", 4));
	ck_assert_ptr_null(hmap_gets(m, "k050"));
	ck_assert_uint_eq(hmap_len(m), 99);
	hmap_entry **s = hmap_sorted(m);
	ck_assert_str_eq(s[0]->key->data, "k000");
	ck_assert_str_eq(s[98]->key->data, "k099");
	ck_assert(hmap_set(m, "k000", 4, hv_int(7)));
	ck_assert_uint_eq(hmap_len(m), 99);
	ck_assert_int_eq(hmap_gets(m, "k000")->i, 7);
}
END_TEST

START_TEST(truth_follows_go)
{
	hv v = hv_float(0);
	ck_assert(!hv_truth(&v));
	v = hv_int(-1);
	ck_assert(hv_truth(&v));
	v = hv_nil();
	ck_assert(!hv_truth(&v));
	ck_assert(hv_string(A, "", 0, &v));
	ck_assert(!hv_truth(&v));
	v = hv_of_map(HT_MAP, hmap_new(A, 0));
	ck_assert(!hv_truth(&v));
}
END_TEST

START_TEST(deep_equal_keeps_types_apart)
{
	hv a = hv_int(1), b = hv_float(1), c = hv_int64(1);
	ck_assert(!hv_deep_equal(&a, &b));
	ck_assert(!hv_deep_equal(&a, &c));
	hlist *l = hlist_new(A, 0);
	ck_assert(hlist_push(l, a));
	hv x = hv_of_list(HT_LIST, l), y;
	ck_assert(hv_deep_copy(A, &x, &y));
	ck_assert(y.l != x.l);
	ck_assert(hv_deep_equal(&x, &y));
	ck_assert_str_eq(hv_type_name(&x), "[]interface {}");
	ck_assert_str_eq(hv_kind_name(hv_kind_of(&x)), "slice");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, map_set_get_delete_sorted);
	tcase_add_test(tc, truth_follows_go);
	tcase_add_test(tc, deep_equal_keeps_types_apart);
	suite_add_tcase(s, tc);
	return check_run(s);
}
