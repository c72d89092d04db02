// SPDX-License-Identifier: GPL-2.0
/*
 * Log2 histogram buckets for durations in nanoseconds (debugfs histograms).
 */
#include "policy.h"

/**
 * knuma_policy_hist_bucket() - the bucket of a duration
 * @ns: the duration
 *
 * Bucket 0 holds 0 and 1 ns, bucket i (1 <= i < KNUMA_HIST_BUCKETS - 1)
 * holds [2^i, 2^(i+1)) ns, and the last bucket everything from
 * 2^(KNUMA_HIST_BUCKETS - 1) ns (about 550 s) up.
 *
 * Return: 0 .. KNUMA_HIST_BUCKETS - 1.
 */
unsigned int knuma_policy_hist_bucket(unsigned long long ns)
{
	unsigned int b = 0;

	while (ns > 1 && b < KNUMA_HIST_BUCKETS - 1) {
		ns >>= 1;
		b++;
	}
	return b;
}

/**
 * knuma_policy_hist_lower() - smallest duration of a bucket
 * @b: the bucket
 *
 * Return: 0 for bucket 0, else 2^b ns.
 */
unsigned long long knuma_policy_hist_lower(unsigned int b)
{
	return b ? 1ULL << b : 0;
}
