// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of policy/ (Check framework). The policy sources are
 * compiled unchanged from the module tree.
 */
#include <check.h>
#include <stdlib.h>

#include "policy.h"

#define MIN 1000
#define MAX 60000

START_TEST(period_no_faults_backs_off)
{
	ck_assert_uint_eq(knuma_policy_scan_period(1000, MIN, MAX, 0, 0), 2000);
	ck_assert_uint_eq(knuma_policy_scan_period(40000, MIN, MAX, 0, 0), MAX);
}
END_TEST

START_TEST(period_all_remote_speeds_up)
{
	/* 0 local slots of 10: 7 steps of period/10 faster. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 0, 50), 3000);
	/* Never below the minimum. */
	ck_assert_uint_eq(knuma_policy_scan_period(1200, MIN, MAX, 0, 50), MIN);
}
END_TEST

START_TEST(period_all_local_slows_down)
{
	/* 10 local slots: 3 steps of period/10 slower. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 80, 0), 13000);
	ck_assert_uint_eq(knuma_policy_scan_period(59000, MIN, MAX, 80, 0), MAX);
}
END_TEST

START_TEST(period_threshold_slows_by_one_step)
{
	/* Exactly 7 of 10 slots local: slow down by one step, never stall. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 70, 30), 11000);
}
END_TEST

START_TEST(period_mostly_remote_is_proportional)
{
	/* 3 local slots: 4 steps faster. 5 local slots: 2 steps faster. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 30, 70), 6000);
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 50, 50), 8000);
}
END_TEST

START_TEST(period_stays_in_bounds)
{
	unsigned int p;
	unsigned long l, r;

	for (p = 1; p < 200000; p = p * 3 + 7)
		for (l = 0; l < 40; l += 3)
			for (r = 0; r < 40; r += 5) {
				unsigned int n = knuma_policy_scan_period(p, MIN, MAX, l, r);

				ck_assert_uint_ge(n, MIN);
				ck_assert_uint_le(n, MAX);
			}
}
END_TEST

START_TEST(period_huge_counts_do_not_overflow)
{
	unsigned long long big = 1ULL << 62;

	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, big, 0), 13000);
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 0, big), 3000);
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("scan_period");

	tcase_add_test(tc, period_no_faults_backs_off);
	tcase_add_test(tc, period_all_remote_speeds_up);
	tcase_add_test(tc, period_all_local_slows_down);
	tcase_add_test(tc, period_threshold_slows_by_one_step);
	tcase_add_test(tc, period_mostly_remote_is_proportional);
	tcase_add_test(tc, period_stays_in_bounds);
	tcase_add_test(tc, period_huge_counts_do_not_overflow);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(policy_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
