// SPDX-License-Identifier: GPL-2.0
/*
 * Is knuma doing what it says on this kernel? A module that loads, reports
 * itself healthy and moves nothing is worse than one that refuses: a kernel
 * that changed a convention knuma relies on (an isolation's return value,
 * the path a hint fault takes) would look like that. Checked once a second
 * from the node threads' sweep; each finding is said once in dmesg, with
 * the counts, and stays in debugfs "status" ("health:").
 *   - async migration moves nothing: the node threads failed to isolate
 *     KNUMA_HEALTH_MIN_TRIES queued folios and never moved a page (a full
 *     target node or pinned pages fail later, in allocation or migration:
 *     the kernel's state, not a sign of a misread kernel);
 *   - no decisions: KNUMA_HEALTH_MIN_FAULTS hint faults arrived and
 *     knuma's decision (should_numa_migrate_memory) was never asked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include "knuma.h"

#define KNUMA_HEALTH_MIN_TRIES		256
#define KNUMA_HEALTH_MIN_FAULTS		2048

enum {
	KNUMA_HEALTH_STUCK = BIT(0),
	KNUMA_HEALTH_NO_DECISIONS = BIT(1),
};

static unsigned long knuma_health_found;	/* KNUMA_HEALTH_* bits */

/**
 * knuma_health_check() - look for signs that knuma does nothing
 *
 * Called from one node thread at a time (the sweep).
 */
void knuma_health_check(void)
{
	struct knuma_node_totals tot = { 0 };
	u64 faults, decisions;

	/* Each finding is said once: nothing left to look for. */
	if (knuma_health_found == (KNUMA_HEALTH_STUCK | KNUMA_HEALTH_NO_DECISIONS))
		return;
	knuma_scan_node_totals(NUMA_NO_NODE, &tot);
	if (!(knuma_health_found & KNUMA_HEALTH_STUCK) && !tot.mig_pages &&
	    tot.mig_isolate_failed >= KNUMA_HEALTH_MIN_TRIES) {
		WRITE_ONCE(knuma_health_found,
			   knuma_health_found | KNUMA_HEALTH_STUCK);
		pr_warn("async migration moves nothing on kernel %s: %llu folios queued, %llu isolations failed (allocations %llu, migrations %llu), 0 pages moved; set migrate_mode=sync or unload knuma, and report it\n",
			init_utsname()->release, tot.mig_queued,
			tot.mig_isolate_failed, tot.mig_alloc_failed,
			tot.mig_failed);
	}

	if (!READ_ONCE(knuma_enabled) ||
	    READ_ONCE(knuma_migrate_mode) == KNUMA_MIGRATE_OFF)
		return;
	knuma_stats_faults_decisions(&faults, &decisions);
	if (!(knuma_health_found & KNUMA_HEALTH_NO_DECISIONS) && !decisions &&
	    faults >= KNUMA_HEALTH_MIN_FAULTS) {
		WRITE_ONCE(knuma_health_found,
			   knuma_health_found | KNUMA_HEALTH_NO_DECISIONS);
		pr_warn("%llu hint faults arrived on kernel %s but knuma's migration decision was never asked: nothing will move; unload knuma, and report it\n",
			faults, init_utsname()->release);
	}
}

/**
 * knuma_health_show() - the "health:" line of debugfs "status"
 * @m: seq_file to print to
 */
void knuma_health_show(struct seq_file *m)
{
	unsigned long found = READ_ONCE(knuma_health_found);
	struct knuma_node_totals tot = { 0 };
	u64 faults, decisions;

	if (!found) {
		seq_puts(m, "health: ok\n");
		return;
	}
	knuma_scan_node_totals(NUMA_NO_NODE, &tot);
	knuma_stats_faults_decisions(&faults, &decisions);
	if (found & KNUMA_HEALTH_STUCK)
		seq_printf(m, "health: async migration moves nothing (queued %llu, isolate_failed %llu, alloc_failed %llu, migrate_failed %llu, moved %llu)\n",
			   tot.mig_queued, tot.mig_isolate_failed,
			   tot.mig_alloc_failed, tot.mig_failed, tot.mig_pages);
	if (found & KNUMA_HEALTH_NO_DECISIONS)
		seq_printf(m, "health: no decisions (hint faults %llu, decisions %llu)\n",
			   faults, decisions);
}
