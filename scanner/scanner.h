/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the parts of scanner/: per-mm state and the node queues. */
#ifndef KNUMA_SCANNER_H
#define KNUMA_SCANNER_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

/*
 * One per address space knuma has been asked to scan. Created by the first
 * task_numa_work of one of its tasks, which also pins the mm_struct (mmgrab,
 * never the address space itself); freed once the mm has no users left.
 */
struct knuma_mm {
	struct hlist_node hnode;	/* knuma_mm_hash, RCU for the fault path */
	struct list_head qnode;		/* on a node thread's queue */
	struct mm_struct *mm;
	struct rcu_head rcu;

	/* Under knuma_mm_lock. */
	bool queued;
	bool dead;
	bool task_nomof;		/* last queuing task's policy lacks MOF */
	pid_t pid;
	char comm[TASK_COMM_LEN];
	unsigned long next_scan;	/* jiffies */
	u64 scan_debt_ns;		/* scan time not yet charged to its tasks */

	/* Owned by the node thread scanning it (queued == true). */
	unsigned long scan_offset;
	unsigned int period_ms;

	/* Fault counts since the last full pass (from the fault hook). */
	atomic64_t faults_local;
	atomic64_t faults_remote;

	/* Totals for debugfs. */
	u64 scans;
	u64 passes;
	u64 ptes;
	u64 scan_ns;
	u64 throttled;
	u64 lock_busy;
	u64 vmas_skipped;
};

/* One per node with CPUs: "knuma/<nid>". */
struct knuma_node_thread {
	int nid;
	struct task_struct *task;
	struct completion started;
	wait_queue_head_t wait;
	struct list_head queue;		/* of knuma_mm, under knuma_mm_lock */
	int nice;

	/* Duty-cycle window. */
	u64 window_start_ns;
	u64 window_busy_ns;

	/* Statistics, written by the thread only. */
	u64 mms_scanned;
	u64 ptes;
	u64 scan_ns;
	u64 throttled;
	u64 rebinds;
};

extern spinlock_t knuma_mm_lock;

/* scanner/thread.c */
void __knuma_scan_enqueue(struct knuma_mm *kmm, int nid);

/* scanner/mm.c */
struct knuma_mm *knuma_mm_dequeue(struct knuma_node_thread *t);
void knuma_mm_scan_done(struct knuma_mm *kmm, u64 ns, long ptes, bool full_pass);
void knuma_mms_sweep(void);

/* scanner/scan.c */
long knuma_scan_mm(struct knuma_mm *kmm, bool *full_pass);

#endif /* KNUMA_SCANNER_H */
