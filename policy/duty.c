// SPDX-License-Identifier: GPL-2.0
/*
 * How much CPU a knuma thread may take: a duty-cycle cap. A thread that has
 * been busy for busy_ns out of elapsed_ns must rest until its busy share
 * drops to pct percent.
 */
#include "policy.h"

/**
 * knuma_policy_duty_rest_ns() - how long a thread must rest
 * @busy_ns: time spent working in the current window
 * @elapsed_ns: length of the current window so far
 * @pct: allowed busy share, 1..100
 *
 * Return: nanoseconds to sleep (0 = may continue).
 */
unsigned long long knuma_policy_duty_rest_ns(unsigned long long busy_ns,
					     unsigned long long elapsed_ns,
					     unsigned int pct)
{
	unsigned long long need;

	if (pct >= 100)
		return 0;
	if (!pct)
		pct = 1;
	if (busy_ns > ~0ULL / 100)	/* saturate instead of wrapping */
		return ~0ULL;
	need = busy_ns / pct * 100 + busy_ns % pct * 100 / pct;
	return need > elapsed_ns ? need - elapsed_ns : 0;
}
