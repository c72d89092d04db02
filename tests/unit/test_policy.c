// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of policy/ (Check framework). The policy sources are
 * compiled unchanged from the module tree.
 */
#include <check.h>
#include <stdlib.h>

#include "policy.h"
#include "unit.h"

#define MIN 1000
#define MAX 60000

START_TEST(period_shared_memory_slows_down)
{
	unsigned int next;

	/* Half remote, all shared (two tasks on two nodes): slower, not faster. */
	next = knuma_policy_scan_period(10000, MIN, MAX, 50, 50);
	ck_assert_uint_eq(next, 8000);
	ck_assert_uint_eq(knuma_policy_shared_period(10000, next, MIN, MAX, 100, 0), 13000);
	/* 80 % shared: one step per slot above the threshold. */
	ck_assert_uint_eq(knuma_policy_shared_period(10000, next, MIN, MAX, 80, 20), 11000);
	/* Mostly private: the locality's answer stands. */
	ck_assert_uint_eq(knuma_policy_shared_period(10000, next, MIN, MAX, 20, 80), 8000);
	ck_assert_uint_eq(knuma_policy_shared_period(10000, next, MIN, MAX, 0, 0), 8000);
	/* Already slowing down: unchanged. */
	ck_assert_uint_eq(knuma_policy_shared_period(10000, 20000, MIN, MAX, 100, 0), 20000);
	ck_assert_uint_eq(knuma_policy_shared_period(59000, 1000, MIN, MAX, 100, 0), MAX);
	ck_assert(knuma_policy_shared_heavy(70, 30));
	ck_assert(!knuma_policy_shared_heavy(69, 31));
	ck_assert(!knuma_policy_shared_heavy(0, 0));
	ck_assert(knuma_policy_shared_heavy(~0ULL, 1));
}
END_TEST

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
	/* Settled (>= 95 % local): doubles, like a pass without faults. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 80, 0), 20000);
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 95, 5), 20000);
	ck_assert_uint_eq(knuma_policy_scan_period(59000, MIN, MAX, 80, 0), MAX);
	/* 94 % local: 10 local slots, 3 steps of period/10 slower. */
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 94, 6), 13000);
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

	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, big, 0), 20000);
	ck_assert_uint_eq(knuma_policy_scan_period(10000, MIN, MAX, 0, big), 3000);
}
END_TEST

/* A plain anonymous read-write VMA of a process with the default policy. */
static struct knuma_vma_facts anon(void)
{
	struct knuma_vma_facts f = {
		.accessible = true, .readable = true, .writable = true,
	};

	return f;
}

START_TEST(vma_plain_anon_is_scanned)
{
	struct knuma_vma_facts f = anon();

	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
}
END_TEST

START_TEST(vma_mainline_skip_rules)
{
	struct knuma_vma_facts f;

	f = anon(); f.unmovable = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_UNMOVABLE);
	f = anon(); f.hugetlb = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_HUGETLB);
	f = anon(); f.mixedmap = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_MIXEDMAP);
	f = anon(); f.accessible = false; f.readable = false; f.writable = false;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_INACCESSIBLE);
	f = anon(); f.file = true; f.writable = false;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_RO_FILE);
}
END_TEST

START_TEST(vma_writable_file_is_scanned)
{
	struct knuma_vma_facts f = anon();

	f.file = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
}
END_TEST

START_TEST(vma_policies)
{
	struct knuma_vma_facts f;

	/* mbind() without MPOL_MF_MOVE-on-fault: leave it alone. */
	f = anon(); f.vma_policy = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_POLICY);
	f = anon(); f.vma_policy = true; f.vma_policy_mof = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
	/* A task policy without MOF applies only where the VMA has none. */
	f = anon(); f.task_policy_nomof = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_POLICY);
	f = anon(); f.task_policy_nomof = true; f.vma_policy = true; f.vma_policy_mof = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
}
END_TEST

START_TEST(vma_ops_policies)
{
	struct knuma_vma_facts f;

	/* shmem without a shared policy: 6.1 never scans it, 6.12 asks the task. */
	f = anon(); f.ops_policy = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_POLICY);
	f.ops_policy_falls_back = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
	f.task_policy_nomof = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_POLICY);
	/* The VMA's own vm_policy does not count where the ops give one. */
	f = anon(); f.ops_policy = true; f.ops_policy_falls_back = true;
	f.vma_policy = true;
	ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
	/* A shared policy decides, on both. */
	for (int fb = 0; fb < 2; fb++) {
		f = anon(); f.ops_policy = true; f.ops_policy_falls_back = fb;
		f.ops_policy_found = true;
		ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SKIP_POLICY);
		f.ops_policy_mof = true; f.task_policy_nomof = true;
		ck_assert_int_eq(knuma_policy_vma_skip(&f), KNUMA_VMA_SCAN);
	}
}
END_TEST

START_TEST(vma_skip_names)
{
	int i;

	for (i = 0; i < KNUMA_VMA_SKIP_NR; i++)
		ck_assert_str_ne(knuma_policy_vma_skip_name(i), "?");
	ck_assert_str_eq(knuma_policy_vma_skip_name(KNUMA_VMA_SKIP_NR), "?");
	ck_assert_str_eq(knuma_policy_vma_skip_name(-1), "?");
}
END_TEST

START_TEST(duty_under_cap_continues)
{
	/* 50 ms busy in 1 s at 10 %: fine. */
	ck_assert_uint_eq(knuma_policy_duty_rest_ns(50000000ULL, 1000000000ULL, 10), 0);
	ck_assert_uint_eq(knuma_policy_duty_rest_ns(0, 0, 10), 0);
}
END_TEST

START_TEST(duty_over_cap_rests)
{
	/* 200 ms busy after 300 ms at 10 %: the window must reach 2 s. */
	ck_assert_uint_eq(knuma_policy_duty_rest_ns(200000000ULL, 300000000ULL, 10),
			  1700000000ULL);
	/* 100 %: never rest. */
	ck_assert_uint_eq(knuma_policy_duty_rest_ns(900, 1, 100), 0);
	/* pct 0 is treated as 1 %, not a division by zero. */
	ck_assert_uint_eq(knuma_policy_duty_rest_ns(10, 0, 0), 1000);
}
END_TEST

START_TEST(duty_huge_busy_does_not_overflow)
{
	unsigned long long busy = 1ULL << 62;

	ck_assert_uint_gt(knuma_policy_duty_rest_ns(busy, 0, 50), busy);
	ck_assert_uint_gt(knuma_policy_duty_rest_ns(busy, 0, 1), busy);
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("scan_period");

	tcase_add_test(tc, period_no_faults_backs_off);
	tcase_add_test(tc, period_shared_memory_slows_down);
	tcase_add_test(tc, period_all_remote_speeds_up);
	tcase_add_test(tc, period_all_local_slows_down);
	tcase_add_test(tc, period_threshold_slows_by_one_step);
	tcase_add_test(tc, period_mostly_remote_is_proportional);
	tcase_add_test(tc, period_stays_in_bounds);
	tcase_add_test(tc, period_huge_counts_do_not_overflow);
	suite_add_tcase(s, tc);

	tc = tcase_create("vma_skip");
	tcase_add_test(tc, vma_plain_anon_is_scanned);
	tcase_add_test(tc, vma_mainline_skip_rules);
	tcase_add_test(tc, vma_writable_file_is_scanned);
	tcase_add_test(tc, vma_policies);
	tcase_add_test(tc, vma_ops_policies);
	tcase_add_test(tc, vma_skip_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("duty");
	tcase_add_test(tc, duty_under_cap_continues);
	tcase_add_test(tc, duty_over_cap_rests);
	tcase_add_test(tc, duty_huge_busy_does_not_overflow);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(policy_suite());
	int failed;

	srunner_add_suite(sr, migrate_suite());
	srunner_add_suite(sr, scope_suite());
	srunner_add_suite(sr, relevance_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
