// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the scope rule and of the scope_list syntax
 * (policy/scope.c), and of the histogram buckets (policy/hist.c).
 */
#include <check.h>
#include <string.h>

#include "policy.h"
#include "unit.h"

START_TEST(scope_rule)
{
	ck_assert(knuma_policy_in_scope(KNUMA_SCOPE_ALL, false));
	ck_assert(knuma_policy_in_scope(KNUMA_SCOPE_ALL, true));
	ck_assert(!knuma_policy_in_scope(KNUMA_SCOPE_OPTIN, false));
	ck_assert(knuma_policy_in_scope(KNUMA_SCOPE_OPTIN, true));
	ck_assert(knuma_policy_in_scope(KNUMA_SCOPE_OPTOUT, false));
	ck_assert(!knuma_policy_in_scope(KNUMA_SCOPE_OPTOUT, true));
}
END_TEST

START_TEST(scope_parse_pids)
{
	struct knuma_scope_req r;

	ck_assert_int_eq(knuma_policy_scope_parse("123", &r), 0);
	ck_assert(!r.remove && !r.cgroup);
	ck_assert_int_eq(r.pid, 123);
	ck_assert_int_eq(knuma_policy_scope_parse("-123\n", &r), 0);
	ck_assert(r.remove && !r.cgroup);
	ck_assert_int_eq(r.pid, 123);
	ck_assert_int_eq(knuma_policy_scope_parse("1", &r), 0);
	ck_assert_int_eq(r.pid, 1);
	ck_assert_int_eq(knuma_policy_scope_parse("4194304", &r), 0);
	ck_assert_int_eq(r.pid, KNUMA_SCOPE_PID_MAX);
}
END_TEST

START_TEST(scope_parse_cgroups)
{
	struct knuma_scope_req r;

	ck_assert_int_eq(knuma_policy_scope_parse("cgroup:/machine.slice/vm1\n", &r), 0);
	ck_assert(!r.remove && r.cgroup);
	ck_assert_uint_eq(r.path_len, strlen("/machine.slice/vm1"));
	ck_assert(!strncmp(r.path, "/machine.slice/vm1", r.path_len));
	/* One trailing slash is dropped; "/" is the root. */
	ck_assert_int_eq(knuma_policy_scope_parse("-cgroup:/a/", &r), 0);
	ck_assert(r.remove && r.cgroup && r.path_len == 2);
	ck_assert_int_eq(knuma_policy_scope_parse("cgroup:/", &r), 0);
	ck_assert_uint_eq(r.path_len, 1);
	/* Names with dots are fine, "." and ".." components are not. */
	ck_assert_int_eq(knuma_policy_scope_parse("cgroup:/a/..b/c.", &r), 0);
}
END_TEST

START_TEST(scope_parse_rejects)
{
	static const char * const bad[] = {
		"", "\n", "-", "-\n", "abc", "12a", "1 2", " 12", "12 ", "+12",
		"--12", "0", "-0", "012", "4194305", "99999999999999999999",
		"1\n\n", "0x10", "1.5", "cgroup:", "cgroup:machine.slice",
		"cgroup:/a//b", "cgroup:/../etc", "cgroup:/a/..", "cgroup:/a/./b",
		"cgroup:/a b", "cgroup:/a\tb", "cgroup:..", "cgroup://",
		"cgroup:/a\n\n", "Cgroup:/a", "cgroup/a",
	};
	struct knuma_scope_req r;
	char longline[KNUMA_SCOPE_LINE_MAX + 8];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(knuma_policy_scope_parse(bad[i], &r) == -KNUMA_EINVAL,
			      "accepted \"%s\"", bad[i]);
	/* Overlong: a path beyond KNUMA_SCOPE_PATH_MAX, a line beyond the max. */
	strcpy(longline, "cgroup:/");
	memset(longline + 8, 'a', KNUMA_SCOPE_PATH_MAX);
	longline[8 + KNUMA_SCOPE_PATH_MAX] = '\0';
	ck_assert_int_eq(knuma_policy_scope_parse(longline, &r), -KNUMA_EINVAL);
	memset(longline, '1', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	ck_assert_int_eq(knuma_policy_scope_parse(longline, &r), -KNUMA_EINVAL);
	/* The longest path that is allowed. */
	longline[8 + KNUMA_SCOPE_PATH_MAX - 1] = '\0';
	memcpy(longline, "cgroup:/", 8);
	memset(longline + 8, 'a', KNUMA_SCOPE_PATH_MAX - 1);
	ck_assert_int_eq(knuma_policy_scope_parse(longline, &r), 0);
	ck_assert_uint_eq(r.path_len, KNUMA_SCOPE_PATH_MAX);
}
END_TEST

START_TEST(hist_buckets)
{
	unsigned int b;

	ck_assert_uint_eq(knuma_policy_hist_bucket(0), 0);
	ck_assert_uint_eq(knuma_policy_hist_bucket(1), 0);
	ck_assert_uint_eq(knuma_policy_hist_bucket(2), 1);
	ck_assert_uint_eq(knuma_policy_hist_bucket(3), 1);
	ck_assert_uint_eq(knuma_policy_hist_bucket(1023), 9);
	ck_assert_uint_eq(knuma_policy_hist_bucket(1024), 10);
	ck_assert_uint_eq(knuma_policy_hist_bucket(~0ULL), KNUMA_HIST_BUCKETS - 1);
	/* Every bucket's lower bound falls into it, the value below does not. */
	for (b = 1; b < KNUMA_HIST_BUCKETS; b++) {
		ck_assert_uint_eq(knuma_policy_hist_bucket(knuma_policy_hist_lower(b)), b);
		ck_assert_uint_eq(knuma_policy_hist_bucket(knuma_policy_hist_lower(b) - 1), b - 1);
	}
}
END_TEST

Suite *scope_suite(void)
{
	Suite *s = suite_create("scope");
	TCase *tc = tcase_create("scope");

	tcase_add_test(tc, scope_rule);
	tcase_add_test(tc, scope_parse_pids);
	tcase_add_test(tc, scope_parse_cgroups);
	tcase_add_test(tc, scope_parse_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("histogram");
	tcase_add_test(tc, hist_buckets);
	suite_add_tcase(s, tc);
	return s;
}
