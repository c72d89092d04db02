// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: per-CPU counters, summed per node when read. Updated from the
 * hint-fault path, so an update is a per-CPU increment and nothing more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm_types.h>
#include <linux/nodemask.h>
#include <linux/percpu.h>
#include <linux/sched/numa_balancing.h>
#include <linux/seq_file.h>
#include <linux/topology.h>

#include "knuma.h"

struct knuma_cpu_stats {
	u64 faults_local;
	u64 faults_remote;
	u64 faults_shared;
	u64 faults_private;
	u64 pages_migrated;
	u64 migrate_failed;
};

static struct knuma_cpu_stats __percpu *knuma_stats;

/**
 * knuma_stats_init() - allocate the counters
 *
 * Return: 0 or -ENOMEM.
 */
int knuma_stats_init(void)
{
	knuma_stats = alloc_percpu(struct knuma_cpu_stats);
	return knuma_stats ? 0 : -ENOMEM;
}

/**
 * knuma_stats_exit() - free the counters
 */
void knuma_stats_exit(void)
{
	free_percpu(knuma_stats);
	knuma_stats = NULL;
}

/**
 * knuma_stat_fault() - count one NUMA hint fault on this CPU's node
 * @pages: base pages covered by the fault
 * @tnf_flags: the TNF_* flags the kernel passed to task_numa_fault()
 *
 * Called from the fault path with preemption disabled (ftrace callback).
 */
void knuma_stat_fault(int pages, int tnf_flags)
{
	struct knuma_cpu_stats *st = this_cpu_ptr(knuma_stats);

	if (tnf_flags & TNF_FAULT_LOCAL)
		st->faults_local++;
	else
		st->faults_remote++;
	if (tnf_flags & TNF_SHARED)
		st->faults_shared++;
	else
		st->faults_private++;
	if (tnf_flags & TNF_MIGRATED)
		st->pages_migrated += pages;
	if (tnf_flags & TNF_MIGRATE_FAIL)
		st->migrate_failed += pages;
}

/**
 * knuma_stats_show() - print the counters per node of the faulting CPU
 * @m: seq_file to print to
 */
void knuma_stats_show(struct seq_file *m)
{
	int nid, cpu;

	seq_printf(m, "faults: %-5s %12s %12s %12s %12s %14s %14s\n", "node",
		   "local", "remote", "shared", "private", "pages_migrated",
		   "migrate_failed");
	for_each_online_node(nid) {
		struct knuma_cpu_stats sum = { 0 };

		for_each_possible_cpu(cpu) {
			struct knuma_cpu_stats *st = per_cpu_ptr(knuma_stats, cpu);

			if (cpu_to_node(cpu) != nid)
				continue;
			sum.faults_local += READ_ONCE(st->faults_local);
			sum.faults_remote += READ_ONCE(st->faults_remote);
			sum.faults_shared += READ_ONCE(st->faults_shared);
			sum.faults_private += READ_ONCE(st->faults_private);
			sum.pages_migrated += READ_ONCE(st->pages_migrated);
			sum.migrate_failed += READ_ONCE(st->migrate_failed);
		}
		seq_printf(m, "faults: %-5d %12llu %12llu %12llu %12llu %14llu %14llu\n",
			   nid, sum.faults_local, sum.faults_remote,
			   sum.faults_shared, sum.faults_private,
			   sum.pages_migrated, sum.migrate_failed);
	}
}
