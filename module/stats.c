// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: per-CPU counters, summed per node when read. Updated from the
 * hint-fault path, so an update is a per-CPU increment and nothing more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/nodemask.h>
#include <linux/percpu.h>
#include <linux/sched/numa_balancing.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
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
	u64 hist[KNUMA_HIST_NR][KNUMA_HIST_BUCKETS];
	u64 hist_sum_ns[KNUMA_HIST_NR];
};

static struct knuma_cpu_stats __percpu *knuma_stats;

static const char * const knuma_hist_names[KNUMA_HIST_NR] = {
	[KNUMA_HIST_SCAN_LOCK] = "scan_mmap_lock_hold",
	[KNUMA_HIST_FAULT_SYNC] = "hint_fault_sync",
	[KNUMA_HIST_FAULT_ASYNC] = "hint_fault_async",
	[KNUMA_HIST_MIG_BATCH] = "migrate_batch",
};

/*
 * Start of a hint fault's timed part, per task: a small table indexed by a
 * hash of the task, since the fault may sleep (sync migration) and finish
 * on another CPU. Two tasks that collide lose a sample, nothing else.
 */
#define KNUMA_FAULT_STAMP_BITS	8
struct knuma_fault_stamp {
	struct task_struct *task;
	u64 t0;
	int mode;
};

static struct knuma_fault_stamp knuma_fault_stamps[1 << KNUMA_FAULT_STAMP_BITS];

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
 * knuma_stat_hist() - add a duration to a histogram
 * @h: which
 * @ns: the duration
 */
void knuma_stat_hist(enum knuma_hist h, u64 ns)
{
	this_cpu_inc(knuma_stats->hist[h][knuma_policy_hist_bucket(ns)]);
	this_cpu_add(knuma_stats->hist_sum_ns[h], ns);
}

static struct knuma_fault_stamp *knuma_fault_stamp(void)
{
	return &knuma_fault_stamps[hash_ptr(current, KNUMA_FAULT_STAMP_BITS)];
}

/**
 * knuma_stat_fault_begin() - knuma is deciding a hint fault of current
 * @mode: migrate_mode at that moment
 */
void knuma_stat_fault_begin(int mode)
{
	struct knuma_fault_stamp *st = knuma_fault_stamp();

	WRITE_ONCE(st->t0, ktime_get_ns());
	WRITE_ONCE(st->mode, mode);
	/* Pairs with the acquire in knuma_stat_fault_end(): t0 and mode first. */
	smp_store_release(&st->task, current);
}

/**
 * knuma_stat_fault_end() - the hint fault of current is over
 *
 * Called at task_numa_fault(), the end of every hint fault; counts the time
 * since knuma_stat_fault_begin() of the same task, in sync or async mode.
 */
void knuma_stat_fault_end(void)
{
	struct knuma_fault_stamp *st = knuma_fault_stamp();
	u64 t0;
	int mode;

	/* Pairs with the release in knuma_stat_fault_begin(). */
	if (smp_load_acquire(&st->task) != current)
		return;
	t0 = READ_ONCE(st->t0);
	mode = READ_ONCE(st->mode);
	if (cmpxchg(&st->task, current, NULL) != current)
		return;
	if (mode == KNUMA_MIGRATE_SYNC)
		knuma_stat_hist(KNUMA_HIST_FAULT_SYNC, ktime_get_ns() - t0);
	else if (mode == KNUMA_MIGRATE_ASYNC)
		knuma_stat_hist(KNUMA_HIST_FAULT_ASYNC, ktime_get_ns() - t0);
}

/* Sum the counters of the CPUs of @nid (NUMA_NO_NODE: all) into @sum. */
static void knuma_stats_sum(int nid, struct knuma_cpu_stats *sum)
{
	int cpu, v, h, b;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		struct knuma_cpu_stats *st = per_cpu_ptr(knuma_stats, cpu);

		if (nid != NUMA_NO_NODE && cpu_to_node(cpu) != nid)
			continue;
		sum->faults_local += READ_ONCE(st->faults_local);
		sum->faults_remote += READ_ONCE(st->faults_remote);
		sum->faults_shared += READ_ONCE(st->faults_shared);
		sum->faults_private += READ_ONCE(st->faults_private);
		sum->pages_migrated += READ_ONCE(st->pages_migrated);
		sum->migrate_failed += READ_ONCE(st->migrate_failed);
		for (v = 0; v < KNUMA_MIG_NR; v++)
			sum->verdicts[v] += READ_ONCE(st->verdicts[v]);
		for (h = 0; h < KNUMA_HIST_NR; h++) {
			for (b = 0; b < KNUMA_HIST_BUCKETS; b++)
				sum->hist[h][b] += READ_ONCE(st->hist[h][b]);
			sum->hist_sum_ns[h] += READ_ONCE(st->hist_sum_ns[h]);
		}
	}
}

/**
 * knuma_stats_faults_decisions() - hint faults seen and decisions taken
 * @faults: set to the hint faults task_numa_fault() reported
 * @decisions: set to the migration decisions knuma took
 */
void knuma_stats_faults_decisions(u64 *faults, u64 *decisions)
{
	int cpu, v;

	*faults = 0;
	*decisions = 0;
	for_each_possible_cpu(cpu) {
		struct knuma_cpu_stats *st = per_cpu_ptr(knuma_stats, cpu);

		*faults += READ_ONCE(st->faults_local) + READ_ONCE(st->faults_remote);
		for (v = 0; v < KNUMA_MIG_NR; v++)
			*decisions += READ_ONCE(st->verdicts[v]);
	}
}

/**
 * knuma_stats_file_show() - debugfs "stats": one "name value" per line
 * @m: seq_file to print to
 *
 * Totals over all nodes, in the manner of /proc/vmstat. Migrated pages
 * are those of sync faults plus those of the node threads.
 */
void knuma_stats_file_show(struct seq_file *m)
{
	struct knuma_node_totals tot = { 0 };
	struct knuma_cpu_stats *sum;
	int v;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return;
	knuma_stats_sum(NUMA_NO_NODE, sum);
	knuma_scan_node_totals(NUMA_NO_NODE, &tot);
	seq_printf(m, "enabled %d\n", READ_ONCE(knuma_enabled) ? 1 : 0);
	seq_printf(m, "faults_local %llu\n", sum->faults_local);
	seq_printf(m, "faults_remote %llu\n", sum->faults_remote);
	seq_printf(m, "faults_private %llu\n", sum->faults_private);
	seq_printf(m, "faults_shared %llu\n", sum->faults_shared);
	seq_printf(m, "pages_migrated %llu\n", sum->pages_migrated + tot.mig_pages);
	seq_printf(m, "pages_migrate_failed %llu\n",
		   sum->migrate_failed + tot.mig_failed);
	seq_printf(m, "incontext_migrations %ld\n", knuma_hooks_mig_incontext());
	seq_printf(m, "scan_passes %llu\n", tot.scan_passes);
	seq_printf(m, "scan_ptes %llu\n", tot.scan_ptes);
	seq_printf(m, "scan_ns %llu\n", tot.scan_ns);
	seq_printf(m, "scan_throttled %llu\n", tot.scan_throttled);
	seq_printf(m, "migrate_queued %llu\n", tot.mig_queued);
	seq_printf(m, "migrate_pending %llu\n", tot.mig_pending);
	seq_printf(m, "migrate_queue_full %llu\n", tot.mig_queue_full);
	seq_printf(m, "migrate_batches %llu\n", tot.mig_batches);
	seq_printf(m, "migrate_ns %llu\n", tot.mig_ns);
	seq_printf(m, "tasks_tracked %ld\n", knuma_mms_count());
	for (v = 0; v < KNUMA_MIG_NR; v++)
		seq_printf(m, "decision_%s %llu\n",
			   knuma_policy_mig_verdict_name(v), sum->verdicts[v]);
	kfree(sum);
}

/**
 * knuma_nodes_file_show() - debugfs "nodes": a header, then a row per node
 * @m: seq_file to print to
 *
 * Faults count on the node of the faulting CPU; migrations on the node
 * they moved to (sync faults and the node's thread).
 */
void knuma_nodes_file_show(struct seq_file *m)
{
	struct knuma_cpu_stats *sum;
	int nid;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return;
	seq_puts(m, "node faults_local faults_remote faults_private faults_shared pages_migrated migrate_failed queued pending scan_ns migrate_ns\n");
	for_each_online_node(nid) {
		struct knuma_node_totals tot = { 0 };

		knuma_stats_sum(nid, sum);
		knuma_scan_node_totals(nid, &tot);
		seq_printf(m, "%d %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n",
			   nid, sum->faults_local, sum->faults_remote,
			   sum->faults_private, sum->faults_shared,
			   sum->pages_migrated + tot.mig_pages,
			   sum->migrate_failed + tot.mig_failed, tot.mig_queued,
			   tot.mig_pending, tot.scan_ns, tot.mig_ns);
	}
	kfree(sum);
}

/**
 * knuma_hist_file_show() - debugfs "histograms"
 * @m: seq_file to print to
 *
 * Per histogram a line "hist: NAME count N sum_ns S", then one line
 * "hist: NAME bucket LO HI N" per non-empty log2 bucket [LO, HI] in ns.
 */
void knuma_hist_file_show(struct seq_file *m)
{
	struct knuma_cpu_stats *sum;
	u64 n, hi;
	int h, b;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return;
	knuma_stats_sum(NUMA_NO_NODE, sum);
	for (h = 0; h < KNUMA_HIST_NR; h++) {
		for (n = 0, b = 0; b < KNUMA_HIST_BUCKETS; b++)
			n += sum->hist[h][b];
		seq_printf(m, "hist: %s count %llu sum_ns %llu\n",
			   knuma_hist_names[h], n, sum->hist_sum_ns[h]);
		for (b = 0; b < KNUMA_HIST_BUCKETS; b++) {
			if (!sum->hist[h][b])
				continue;
			hi = b == KNUMA_HIST_BUCKETS - 1 ? U64_MAX :
			     knuma_policy_hist_lower(b + 1) - 1;
			seq_printf(m, "hist: %s bucket %llu %llu %llu\n",
				   knuma_hist_names[h], knuma_policy_hist_lower(b),
				   hi, sum->hist[h][b]);
		}
	}
	kfree(sum);
}

/**
 * knuma_stats_show() - print the counters per node of the faulting CPU
 * @m: seq_file to print to
 */
void knuma_stats_show(struct seq_file *m)
{
	struct knuma_cpu_stats *sum;
	int nid, v;

	sum = kmalloc(sizeof(*sum), GFP_KERNEL);
	if (!sum)
		return;
	seq_printf(m, "faults: %-5s %12s %12s %12s %12s %14s %14s\n", "node",
		   "local", "remote", "shared", "private", "pages_migrated",
		   "migrate_failed");
	for_each_online_node(nid) {
		knuma_stats_sum(nid, sum);
		seq_printf(m, "faults: %-5d %12llu %12llu %12llu %12llu %14llu %14llu\n",
			   nid, sum->faults_local, sum->faults_remote,
			   sum->faults_shared, sum->faults_private,
			   sum->pages_migrated, sum->migrate_failed);
		seq_printf(m, "decisions: %-5d", nid);
		for (v = 0; v < KNUMA_MIG_NR; v++)
			seq_printf(m, " %s %llu", knuma_policy_mig_verdict_name(v),
				   sum->verdicts[v]);
		seq_putc(m, '\n');
	}
	kfree(sum);
}
