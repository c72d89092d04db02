// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: per-CPU counters, summed per node when read. Updated from the
 * hint-fault path, so an update is a per-CPU increment and nothing more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/nodemask.h>
#include <linux/percpu.h>
#include <linux/sched/numa_balancing.h>
#include <linux/seq_file.h>
#include <linux/topology.h>

#include "knuma.h"
#include "policy.h"

struct knuma_cpu_stats {
	u64 faults_local;
	u64 faults_remote;
	u64 faults_shared;
	u64 faults_private;
	u64 pages_migrated;
	u64 migrate_failed;
	u64 verdicts[KNUMA_MIG_NR];	/* migration decisions, by outcome */
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
 * knuma_fault_private() - was a hint fault private to the faulting task?
 * @last_cpupid: the folio's last_cpupid before this fault
 *
 * Mainline's definition: the previous fault was by the same task, or there
 * was none.
 *
 * Return: true for a private fault.
 */
bool knuma_fault_private(int last_cpupid)
{
	return cpupid_pid_unset(last_cpupid) ||
	       cpupid_match_pid(current, last_cpupid);
}

/**
 * knuma_stat_fault() - count one NUMA hint fault on this CPU's node
 * @last_cpupid: the folio's last_cpupid before the fault
 * @pages: base pages covered by the fault
 * @tnf_flags: the TNF_* flags the kernel passed to task_numa_fault()
 *
 * Called from the fault path with preemption disabled (ftrace callback).
 */
void knuma_stat_fault(int last_cpupid, int pages, int tnf_flags)
{
	struct knuma_cpu_stats *st = this_cpu_ptr(knuma_stats);

	if (tnf_flags & TNF_FAULT_LOCAL)
		st->faults_local++;
	else
		st->faults_remote++;
	if (knuma_fault_private(last_cpupid))
		st->faults_private++;
	else
		st->faults_shared++;
	if (tnf_flags & TNF_MIGRATED)
		st->pages_migrated += pages;
	if (tnf_flags & TNF_MIGRATE_FAIL)
		st->migrate_failed += pages;
}

/**
 * knuma_stat_verdict() - count one migration decision on this CPU's node
 * @v: what was decided
 *
 * Called under the page-table lock.
 */
void knuma_stat_verdict(int v)
{
	if ((unsigned int)v < KNUMA_MIG_NR)
		this_cpu_inc(knuma_stats->verdicts[v]);
}

/**
 * knuma_stats_show() - print the counters per node of the faulting CPU
 * @m: seq_file to print to
 */
void knuma_stats_show(struct seq_file *m)
{
	int nid, cpu, v;

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
			for (v = 0; v < KNUMA_MIG_NR; v++)
				sum.verdicts[v] += READ_ONCE(st->verdicts[v]);
		}
		seq_printf(m, "faults: %-5d %12llu %12llu %12llu %12llu %14llu %14llu\n",
			   nid, sum.faults_local, sum.faults_remote,
			   sum.faults_shared, sum.faults_private,
			   sum.pages_migrated, sum.migrate_failed);
		seq_printf(m, "decisions: %-5d", nid);
		for (v = 0; v < KNUMA_MIG_NR; v++)
			seq_printf(m, " %s %llu", knuma_policy_mig_verdict_name(v),
				   sum.verdicts[v]);
		seq_putc(m, '\n');
	}
}
