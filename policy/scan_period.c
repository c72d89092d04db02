// SPDX-License-Identifier: GPL-2.0
/*
 * How fast to scan an mm: adapt its scan period to the locality of the hint
 * faults seen since the last pass. Mostly local faults mean its memory is
 * where it runs, so scan less often; mostly remote faults mean placement is
 * still wrong, so scan sooner. The same shape as mainline's
 * update_task_scan_period(), on knuma's own fault counts, except that a
 * process whose faults are (almost) all local backs off at once.
 */
#include "policy.h"

static unsigned int knuma_clamp(unsigned long long v, unsigned int lo,
				unsigned int hi)
{
	if (v < lo)
		return lo;
	if (v > hi)
		return hi;
	return (unsigned int)v;
}

/**
 * knuma_policy_scan_period() - next scan period of an mm
 * @period_ms: current period
 * @min_ms: lower bound (scan_period_min_ms)
 * @max_ms: upper bound (scan_period_max_ms), >= @min_ms
 * @faults_local: hint faults on the faulting CPU's node since the last pass
 * @faults_remote: hint faults on another node since the last pass
 *
 * Return: the new period in [@min_ms, @max_ms].
 */
unsigned int knuma_policy_scan_period(unsigned int period_ms,
				      unsigned int min_ms, unsigned int max_ms,
				      unsigned long long faults_local,
				      unsigned long long faults_remote)
{
	unsigned long long p = period_ms, step, total, ratio;

	/* Only the ratio matters: keep the slot arithmetic from overflowing. */
	while ((faults_local | faults_remote) >> 32) {
		faults_local >>= 1;
		faults_remote >>= 1;
	}
	total = faults_local + faults_remote;
	/* No faults: nothing to learn from this mm; back off fully. */
	if (!total)
		return knuma_clamp(p * 2, min_ms, max_ms);

	/*
	 * Settled (at least KNUMA_PERIOD_SETTLED_PCT % local): its memory is
	 * where it runs, and every pass re-marks pages that will not move.
	 * Back off as fast as when nothing faulted.
	 */
	if (faults_local * 100 >= total * KNUMA_PERIOD_SETTLED_PCT)
		return knuma_clamp(p * 2, min_ms, max_ms);

	step = (p + KNUMA_PERIOD_SLOTS - 1) / KNUMA_PERIOD_SLOTS;
	ratio = (faults_local * KNUMA_PERIOD_SLOTS + total - 1) / total;
	if (ratio >= KNUMA_PERIOD_THRESHOLD) {
		unsigned long long slots = ratio - KNUMA_PERIOD_THRESHOLD;

		return knuma_clamp(p + (slots ? slots : 1) * step, min_ms, max_ms);
	}
	step *= KNUMA_PERIOD_THRESHOLD - ratio;
	return knuma_clamp(step >= p ? 0 : p - step, min_ms, max_ms);
}

/*
 * The shared share of @faults_shared + @faults_private in KNUMA_PERIOD_SLOTS
 * (rounded down), or -1 when there were none.
 */
static int knuma_shared_slots(unsigned long long faults_shared,
			      unsigned long long faults_private)
{
	while ((faults_shared | faults_private) >> 32) {
		faults_shared >>= 1;
		faults_private >>= 1;
	}
	if (!(faults_shared + faults_private))
		return -1;
	return faults_shared * KNUMA_PERIOD_SLOTS /
	       (faults_shared + faults_private);
}

/**
 * knuma_policy_shared_heavy() - are an mm's faults mostly on shared memory?
 * @faults_shared: hint faults on pages another task touched last
 * @faults_private: hint faults on pages this task touched last
 *
 * Return: at least KNUMA_PERIOD_THRESHOLD in KNUMA_PERIOD_SLOTS were shared.
 */
bool knuma_policy_shared_heavy(unsigned long long faults_shared,
			       unsigned long long faults_private)
{
	return knuma_shared_slots(faults_shared, faults_private) >=
	       KNUMA_PERIOD_THRESHOLD;
}

/**
 * knuma_policy_shared_period() - mainline's rule for shared memory
 * @period_ms: the period of the pass that ended
 * @next_ms: what knuma_policy_scan_period() chose from the locality
 * @min_ms: lower bound (scan_period_min_ms)
 * @max_ms: upper bound (scan_period_max_ms), >= @min_ms
 * @faults_shared: hint faults on pages another task touched last
 * @faults_private: hint faults on pages this task touched last
 *
 * When most faults hit memory shared with other tasks, scanning faster
 * only lets the tasks pull the pages to and fro: the other tasks may just
 * move it elsewhere, and their placement, not the pages, has to settle
 * first (the kernel groups them, then places them). As mainline's
 * update_task_scan_period(), such an mm scans slower, by a step per slot of
 * the shared share above the threshold, instead of faster.
 *
 * Return: the new period in [@min_ms, @max_ms].
 */
unsigned int knuma_policy_shared_period(unsigned int period_ms,
					unsigned int next_ms,
					unsigned int min_ms, unsigned int max_ms,
					unsigned long long faults_shared,
					unsigned long long faults_private)
{
	int slots = knuma_shared_slots(faults_shared, faults_private);
	unsigned long long step;

	if (next_ms >= period_ms || slots < KNUMA_PERIOD_THRESHOLD)
		return next_ms;
	step = ((unsigned long long)period_ms + KNUMA_PERIOD_SLOTS - 1) /
	       KNUMA_PERIOD_SLOTS;
	slots = slots > KNUMA_PERIOD_THRESHOLD ? slots - KNUMA_PERIOD_THRESHOLD : 1;
	return knuma_clamp(period_ms + slots * step, min_ms, max_ms);
}
