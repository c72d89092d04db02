// SPDX-License-Identifier: GPL-2.0
/*
 * Which address spaces to scan, and when.
 *
 * The kernel's scheduler tick still decides when a task is due for NUMA
 * scanning and queues task_numa_work; knuma redirects that work here
 * (hooks/hooks.c). Instead of scanning in the task's own context, this hands
 * the mm to the knuma thread of the node the task runs on and returns.
 *
 * It runs on the task's return to user space and must never sleep: module
 * unload relies on RCU-tasks (in unregister_ftrace_function) to know that
 * no task is still inside this function, and a voluntary sleep would end
 * that grace period early. Hence GFP_NOWAIT and a spinlock only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/mempolicy.h>
#include <linux/sched/mm.h>
#include <linux/sched/numa_balancing.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/task_work.h>
#include <linux/topology.h>

#include "knuma.h"
#include "policy.h"
#include "scanner.h"

#define KNUMA_MM_HASH_BITS 10

static DEFINE_HASHTABLE(knuma_mm_hash, KNUMA_MM_HASH_BITS);
DEFINE_SPINLOCK(knuma_mm_lock);

static atomic_long_t knuma_mm_alloc_failed = ATOMIC_LONG_INIT(0);
static atomic_long_t knuma_task_works = ATOMIC_LONG_INIT(0);
static atomic_long_t knuma_task_works_one_node = ATOMIC_LONG_INIT(0);
atomic_long_t knuma_mm_moves = ATOMIC_LONG_INIT(0);
atomic_long_t knuma_mm_prompts = ATOMIC_LONG_INIT(0);

static struct knuma_mm *__knuma_mm_find(struct mm_struct *mm)
{
	struct knuma_mm *kmm;

	hash_for_each_possible_rcu(knuma_mm_hash, kmm, hnode, (unsigned long)mm)
		if (kmm->mm == mm)
			return kmm;
	return NULL;
}

static struct knuma_mm *__knuma_mm_get(struct task_struct *p,
				       struct mm_struct *mm, unsigned long now)
{
	struct knuma_mm *kmm = __knuma_mm_find(mm);
	unsigned long delay, age;

	lockdep_assert_held(&knuma_mm_lock);
	if (kmm)
		return kmm;
	kmm = kzalloc(sizeof(*kmm), GFP_NOWAIT | __GFP_NOWARN);
	if (!kmm) {
		atomic_long_inc(&knuma_mm_alloc_failed);
		return NULL;
	}
	mmgrab(mm);
	kmm->mm = mm;
	kmm->pid = p->tgid;
	kmm->period_ms = READ_ONCE(knuma_scan_period_min_ms);
	/*
	 * scan_delay_ms is the age of the process before its first scan. By the
	 * time the tick first asks, it has usually waited the kernel's own scan
	 * delay already: count from the process start, not from this request.
	 */
	delay = msecs_to_jiffies(READ_ONCE(knuma_scan_delay_ms));
	age = nsecs_to_jiffies(ktime_get_ns() - p->group_leader->start_time);
	kmm->next_scan = now + (age < delay ? delay - age : 0);
	INIT_LIST_HEAD(&kmm->qnode);
	hash_add_rcu(knuma_mm_hash, &kmm->hnode, (unsigned long)mm);
	return kmm;
}

/* The scope answer for @kmm, recomputed through task @p when stale. */
static bool knuma_mm_scope_check(struct knuma_mm *kmm, struct task_struct *p)
{
	int gen = atomic_read(&knuma_scope_gen);
	unsigned long now = jiffies;
	bool out;

	if (READ_ONCE(kmm->scope_gen) == gen &&
	    time_before(now, READ_ONCE(kmm->scope_checked) + HZ))
		return READ_ONCE(kmm->out_of_scope);
	out = knuma_scope_excludes(p);
	/* Racing recomputations store the same answer. */
	WRITE_ONCE(kmm->out_of_scope, out);
	WRITE_ONCE(kmm->scope_checked, now);
	WRITE_ONCE(kmm->scope_gen, gen);
	return out;
}

/*
 * Did a task of @kmm ask from a node none of its tasks asked from during
 * the last KNUMA_MOVE_MEMORY_MS or more? Remembers @nid either way. The
 * memory is long: a thread that runs little (it asks after 100 ms of its
 * own runtime) must not look like a move every time it asks.
 */
static bool knuma_mm_new_node(struct knuma_mm *kmm, int nid,
			      unsigned long now)
{
	bool seen;

	if (time_after_eq(now, kmm->req_rotated +
				msecs_to_jiffies(KNUMA_MOVE_MEMORY_MS))) {
		kmm->req_nodes[1] = kmm->req_nodes[0];
		nodes_clear(kmm->req_nodes[0]);
		kmm->req_rotated = now;
	}
	seen = node_isset(nid, kmm->req_nodes[0]) ||
	       node_isset(nid, kmm->req_nodes[1]);
	node_set(nid, kmm->req_nodes[0]);
	return !seen;
}

/*
 * Ask the tick to queue this task's request again after KNUMA_REQUEST_MS
 * of its runtime (then knuma_mm_charge_task() adds the scan time owed):
 * task_tick_numa() asks once sum_exec_runtime > node_stamp + numa_scan_period. The kernel's
 * period grows to seconds for a task whose memory is local; knuma keeps
 * its own pacing (next_scan), and a task that moves must be heard soon.
 */
static void knuma_mm_pace_task(struct task_struct *p)
{
	u64 period = (u64)READ_ONCE(p->numa_scan_period) * NSEC_PER_MSEC;
	u64 soon = p->se.sum_exec_runtime +
		   (u64)KNUMA_REQUEST_MS * NSEC_PER_MSEC;

	/*
	 * A task that ran less than its period so far asks once it did: the
	 * earliest node_stamp allows (0 would restart the period from scratch).
	 */
	if (soon <= period)
		p->node_stamp = 1;
	else if (p->node_stamp > soon - period)
		p->node_stamp = soon - period;
}

static void knuma_mm_charge_task(struct task_struct *p, struct knuma_mm *kmm)
{
	int cap;

	/*
	 * The scan cost is the mm's, not hidden in a kthread: charge it to this
	 * task's NUMA pacing the way mainline charges its own scans, so that
	 * scanning stays under mm_scan_cap_pct of the tasks' runtime.
	 */
	if (kmm->scan_debt_ns) {
		cap = READ_ONCE(knuma_mm_scan_cap_pct);
		p->node_stamp += div_u64(kmm->scan_debt_ns * 100, cap);
		kmm->scan_debt_ns = 0;
		kmm->throttled++;
	}
}

/* Is @kmm due for a scan, by its period, a move of a task or a tripwire? */
static bool knuma_mm_due(struct knuma_mm *kmm, unsigned long now)
{
	if (time_after_eq(now, kmm->next_scan) || kmm->fresh)
		return true;
	/* Tripwires bring scans forward, a backed-off process's less so. */
	return READ_ONCE(kmm->prompt) && !kmm->shared_heavy &&
	       time_after_eq(now, kmm->scanned_at +
			     msecs_to_jiffies(max_t(unsigned int, KNUMA_PROMPT_GAP_MS,
						    READ_ONCE(kmm->period_ms) / 8)));
}

/**
 * knuma_scan_task_work() - replacement of the kernel's task_numa_work()
 * @work: current->numa_work
 *
 * Keeps the kernel's protocol: re-arms @work first (task_tick_numa() only
 * queues it again while work->next == work). Whether the mm is scanned is
 * knuma's decision (knuma_mm_due()); the tick only carries the requests,
 * every KNUMA_REQUEST_MS of a task's runtime, so mm->numa_next_scan is
 * kept open and the task's node_stamp paces them.
 */
void knuma_scan_task_work(struct callback_head *work)
{
	struct task_struct *p = current;
	struct mm_struct *mm = p->mm;
	unsigned long now = jiffies;
	struct knuma_mm *kmm;
	int nid = numa_node_id();

	work->next = work;
	if ((p->flags & PF_EXITING) || !mm)
		return;
	atomic_long_inc(&knuma_task_works);
	/*
	 * The task's cpuset confines its memory to one node: no page of it can
	 * move, so a scan would be cost without benefit (7.x's task_numa_work
	 * skips such tasks too; 6.1's and 6.12's scan them). Asked again after
	 * the shortest period, as for a process out of scope.
	 */
	if (nodes_weight(p->mems_allowed) == 1) {
		atomic_long_inc(&knuma_task_works_one_node);
		WRITE_ONCE(mm->numa_next_scan,
			   now + msecs_to_jiffies(READ_ONCE(knuma_scan_period_min_ms)));
		return;
	}

	spin_lock(&knuma_mm_lock);
	kmm = __knuma_mm_get(p, mm, now);
	if (!kmm)
		goto unlock;
	kmm->pid = p->tgid;
	strscpy(kmm->comm, p->comm, sizeof(kmm->comm));
	/* The kthread cannot see the task's policy; remember it (mainline's vma_policy_mof). */
	kmm->task_nomof = p->mempolicy && !(p->mempolicy->flags & MPOL_F_MOF);

	/* Out of scope: not scanned; asked again after the shortest period. */
	if (knuma_mm_scope_check(kmm, p)) {
		WRITE_ONCE(mm->numa_next_scan,
			   now + msecs_to_jiffies(READ_ONCE(knuma_scan_period_min_ms)));
		knuma_mm_charge_task(p, kmm);
		goto unlock;
	}

	/*
	 * A task moved to another node: look again now, from scratch -- unless
	 * its memory is mostly shared, where the tasks' placement has to settle
	 * first and pulling the pages after each move would only bounce them.
	 */
	if (knuma_mm_new_node(kmm, nid, now)) {
		/* Uses of its pages seen before no longer say where they are wanted. */
		WRITE_ONCE(kmm->moved_at, now);
		if (kmm->scanned && !kmm->shared_heavy) {
			kmm->fresh = true;
			atomic_long_inc(&knuma_mm_moves);
		}
	}
	if (!kmm->queued && !kmm->dead && knuma_mm_due(kmm, now)) {
		if (time_before(now, kmm->next_scan) && !kmm->fresh)
			atomic_long_inc(&knuma_mm_prompts);
		kmm->queued = true;
		__knuma_scan_enqueue(kmm, nid);
	}
	if (kmm->shared_heavy) {
		/*
		 * Mostly shared memory: the kernel's own pacing stands (it slows
		 * the scans of such tasks while their NUMA group settles), and
		 * the tick asks when the mm is due.
		 */
		WRITE_ONCE(mm->numa_next_scan, kmm->queued ?
			   now + msecs_to_jiffies(kmm->period_ms) : kmm->next_scan);
	} else {
		WRITE_ONCE(mm->numa_next_scan, now);
		knuma_mm_pace_task(p);
	}
	knuma_mm_charge_task(p, kmm);
unlock:
	spin_unlock(&knuma_mm_lock);
}

/*
 * Keep the requests flowing: the kernel's update_task_scan_period(), run
 * at a fault after each pass, closes mm->numa_next_scan for a task
 * period (seconds) when the task's faults were all remote and private, or
 * shared-free with none local -- exactly when a process just moved. The
 * next fault opens it again. Read first: most faults find it open.
 */
static void knuma_mm_reopen(struct knuma_mm *kmm, struct mm_struct *mm)
{
	unsigned long now = jiffies;

	if (!READ_ONCE(kmm->out_of_scope) && !READ_ONCE(kmm->shared_heavy) &&
	    time_after(READ_ONCE(mm->numa_next_scan), now))
		WRITE_ONCE(mm->numa_next_scan, now);
}

/**
 * knuma_mm_fault() - count a hint fault against its mm
 * @mm: current->mm of the faulting task
 * @last_cpupid: the folio's last_cpupid before the fault
 * @pages: base pages covered
 * @tnf_flags: TNF_* flags of the fault
 * @unplaced: the faulting task has no preferred node yet
 *
 * Called from the fault hook (preemption disabled); lockless lookup.
 */
void knuma_mm_fault(struct mm_struct *mm, int last_cpupid, int pages,
		    int tnf_flags, bool unplaced)
{
	struct knuma_mm *kmm;

	rcu_read_lock();
	kmm = __knuma_mm_find(mm);
	if (kmm) {
		knuma_mm_reopen(kmm, mm);
		if (READ_ONCE(kmm->unplaced) != unplaced)
			WRITE_ONCE(kmm->unplaced, unplaced);
		if (tnf_flags & TNF_FAULT_LOCAL) {
			atomic64_add(pages, &kmm->faults_local);
			atomic64_add(pages, &kmm->total_local);
		} else {
			atomic64_add(pages, &kmm->faults_remote);
			atomic64_add(pages, &kmm->total_remote);
		}
		if (knuma_fault_private(last_cpupid)) {
			atomic64_add(pages, &kmm->faults_private);
			atomic64_add(pages, &kmm->total_private);
		} else {
			atomic64_add(pages, &kmm->faults_shared);
			atomic64_add(pages, &kmm->total_shared);
		}
		if (tnf_flags & TNF_MIGRATED)
			atomic64_add(pages, &kmm->migrated);
		if (tnf_flags & TNF_MIGRATE_FAIL)
			atomic64_add(pages, &kmm->migrate_failed);
	}
	rcu_read_unlock();
}

/**
 * knuma_mm_fault_addr() - record where a hint fault hit, and by whom
 * @pg: the page (current->mm, the folio's first address)
 * @addr: the faulting address
 * @remote: the page is on another node than the faulting CPU
 *
 * A local page's use by this task is remembered (scanner/pageuse.c), and
 * the fault learns how recent another task's use must be to count:
 * KNUMA_SHARE_LOOKS scan periods, passes of the process or looks at the
 * VMA, whichever is longer (a page is seen at most once a look, a pass may
 * take several scans, and a settled VMA is looked at every few passes), at
 * most share_window_ms, and not before a task of the process last showed up on
 * a new node (uses seen before a move do not say where the pages are
 * wanted now). The time between two looks also weighs the fault in its
 * NUMA group's counts (scanner/group.c). Called from the mpol_misplaced
 * hook (page-table lock held); lockless.
 */
void knuma_mm_fault_addr(const struct knuma_fault_page *pg,
			 unsigned long addr, bool remote)
{
	unsigned int window = READ_ONCE(knuma_share_window_ms), gap, look;
	unsigned long moved_at, now = jiffies;
	struct knuma_mm *kmm;

	if (!remote)
		knuma_pageuse_seen(pg, numa_node_id(), current->pid);
	rcu_read_lock();
	kmm = __knuma_mm_find(pg->mm);
	gap = knuma_vmas_fault(kmm, addr, remote);
	if (kmm) {
		look = max3(READ_ONCE(kmm->period_ms), READ_ONCE(kmm->pass_ms),
			    gap);
		window = min_t(u64, window, (u64)KNUMA_SHARE_LOOKS * look);
		moved_at = READ_ONCE(kmm->moved_at);
		if (moved_at)
			window = min(window, time_after(now, moved_at) ?
				     jiffies_to_msecs(now - moved_at) : 0);
		knuma_fault_handoff_window(window, look);
	}
	rcu_read_unlock();
}

/**
 * knuma_mm_out_of_scope() - must knuma leave this process alone?
 * @mm: current->mm of the faulting task
 * @p: the faulting task (current)
 *
 * A process knuma has not seen yet is decided by scope directly.
 * Called under the page-table lock: never sleeps.
 *
 * Return: true when scope and scope_list exclude it.
 */
bool knuma_mm_out_of_scope(struct mm_struct *mm, struct task_struct *p)
{
	struct knuma_mm *kmm;
	bool out;

	rcu_read_lock();
	kmm = __knuma_mm_find(mm);
	out = kmm ? knuma_mm_scope_check(kmm, p) : knuma_scope_excludes(p);
	rcu_read_unlock();
	return out;
}

/**
 * knuma_mm_migrated() - account a migration batch to its mm
 * @mm: the mm the folios belonged to (the caller holds mm_count)
 * @ok: base pages migrated
 * @failed: base pages that could not move
 * @ns: knuma thread time spent on them
 *
 * Return: the process's PID, 0 when knuma does not know the mm.
 */
pid_t knuma_mm_migrated(struct mm_struct *mm, long ok, long failed, u64 ns)
{
	struct knuma_mm *kmm;
	pid_t pid = 0;

	rcu_read_lock();
	kmm = __knuma_mm_find(mm);
	if (kmm) {
		atomic64_add(ok, &kmm->migrated);
		atomic64_add(failed, &kmm->migrate_failed);
		atomic64_add(ns, &kmm->migrate_ns);
		pid = READ_ONCE(kmm->pid);
	}
	rcu_read_unlock();
	return pid;
}

/**
 * knuma_mm_failed_at() - a queued folio of @mm at @addr did not migrate
 * @mm: the mm (the caller holds mm_count)
 * @addr: the folio's first address
 */
void knuma_mm_failed_at(struct mm_struct *mm, unsigned long addr)
{
	struct knuma_mm *kmm;

	rcu_read_lock();
	kmm = __knuma_mm_find(mm);
	if (kmm)
		knuma_vmas_failed(kmm, addr);
	rcu_read_unlock();
}

/**
 * knuma_mm_dequeue() - take the next mm from a node thread's queue
 * @t: the node thread
 *
 * Return: the mm, still marked queued (owned by @t until knuma_mm_scan_done()),
 * or NULL.
 */
struct knuma_mm *knuma_mm_dequeue(struct knuma_node_thread *t)
{
	struct knuma_mm *kmm;

	spin_lock(&knuma_mm_lock);
	kmm = list_first_entry_or_null(&t->queue, struct knuma_mm, qnode);
	if (kmm) {
		list_del_init(&kmm->qnode);
		/*
		 * What this scan must know: a task moved (a new pass from the
		 * start, back-offs dropped) or a tripwire fired (new plans).
		 * scan_fresh stays until a scan applied it.
		 */
		if (kmm->fresh) {
			kmm->period_ms = READ_ONCE(knuma_scan_period_min_ms);
			kmm->restart = true;
			kmm->scan_fresh = true;
			kmm->fresh = false;
		}
		if (xchg(&kmm->prompt, false))
			kmm->replan = true;
	}
	spin_unlock(&knuma_mm_lock);
	return kmm;
}

/**
 * knuma_mm_scan_done() - account a scan and schedule the next one
 * @kmm: the mm, as returned by knuma_mm_dequeue()
 * @ns: time spent scanning (0 when it could not be scanned)
 * @cpu_ns: CPU time of it, charged to the process's NUMA pacing
 * @ptes: PTEs (and PMDs, as base pages) marked
 * @full_pass: the walk reached the end of the address space
 */
void knuma_mm_scan_done(struct knuma_mm *kmm, u64 ns, u64 cpu_ns, long ptes,
			bool full_pass)
{
	unsigned int period = kmm->period_ms;
	bool shared_heavy = false;

	if (full_pass) {
		u64 shared = atomic64_xchg(&kmm->faults_shared, 0);
		u64 private = atomic64_xchg(&kmm->faults_private, 0);

		period = knuma_policy_scan_period(period,
						  READ_ONCE(knuma_scan_period_min_ms),
						  READ_ONCE(knuma_scan_period_max_ms),
						  atomic64_xchg(&kmm->faults_local, 0),
						  atomic64_xchg(&kmm->faults_remote, 0));
		period = knuma_policy_shared_period(kmm->period_ms, period,
						    READ_ONCE(knuma_scan_period_min_ms),
						    READ_ONCE(knuma_scan_period_max_ms),
						    shared, private);
		shared_heavy = knuma_policy_shared_heavy(shared, private);
		kmm->passes++;
		/* A page is seen at most once a pass: how long one takes. */
		if (kmm->pass_start)
			WRITE_ONCE(kmm->pass_ms, jiffies_to_msecs(jiffies - kmm->pass_start));
		kmm->pass_start = jiffies;
	}
	kmm->period_ms = period;
	kmm->scans++;
	kmm->ptes += ptes;
	kmm->scan_ns += ns;

	spin_lock(&knuma_mm_lock);
	if (full_pass)
		kmm->shared_heavy = shared_heavy;
	kmm->scan_debt_ns += cpu_ns;
	kmm->scanned_at = jiffies;
	kmm->scanned = true;
	kmm->next_scan = kmm->scanned_at + msecs_to_jiffies(period);
	kmm->queued = false;
	spin_unlock(&knuma_mm_lock);
}

/* Free the entries of mms without users; the fault path may still read them. */
static void knuma_mms_free(bool all)
{
	struct knuma_mm *kmm;
	struct hlist_node *tmp;
	LIST_HEAD(victims);
	int bkt;

	spin_lock(&knuma_mm_lock);
	hash_for_each_safe(knuma_mm_hash, bkt, tmp, kmm, hnode) {
		if (!all && (kmm->queued || atomic_read(&kmm->mm->mm_users)))
			continue;
		hash_del_rcu(&kmm->hnode);
		list_del_init(&kmm->qnode);
		list_add(&kmm->qnode, &victims);
	}
	spin_unlock(&knuma_mm_lock);

	while (!list_empty(&victims)) {
		kmm = list_first_entry(&victims, struct knuma_mm, qnode);
		list_del(&kmm->qnode);
		mmdrop(kmm->mm);
		knuma_vmas_free(kmm);
		kfree_rcu(kmm, rcu);
	}
}

/**
 * knuma_mms_sweep() - forget the mms whose processes have exited
 */
void knuma_mms_sweep(void)
{
	knuma_mms_free(false);
}

/**
 * knuma_mms_release() - forget every mm (module exit, after the threads stopped)
 */
void knuma_mms_release(void)
{
	knuma_mms_free(true);
}

/**
 * knuma_mms_show() - per-mm statistics for debugfs
 * @m: seq_file to print to
 */
void knuma_mms_show(struct seq_file *m)
{
	struct knuma_mm *kmm;
	int bkt;

	seq_printf(m, "%-8s %-16s %8s %8s %12s %14s %10s %9s %9s %10s %10s %10s %10s %10s %10s %14s %5s\n",
		   "pid", "comm", "scans", "passes", "ptes", "scan_ns",
		   "period_ms", "throttled", "lock_busy", "f_local", "f_remote",
		   "f_private", "f_shared", "migrated", "mig_failed",
		   "migrate_ns", "scope");
	spin_lock(&knuma_mm_lock);
	hash_for_each(knuma_mm_hash, bkt, kmm, hnode)
		seq_printf(m, "%-8d %-16s %8llu %8llu %12llu %14llu %10u %9llu %9llu %10lld %10lld %10lld %10lld %10lld %10lld %14lld %5s\n",
			   kmm->pid, kmm->comm, kmm->scans, kmm->passes, kmm->ptes,
			   kmm->scan_ns, kmm->period_ms, kmm->throttled,
			   kmm->lock_busy, atomic64_read(&kmm->total_local),
			   atomic64_read(&kmm->total_remote),
			   atomic64_read(&kmm->total_private),
			   atomic64_read(&kmm->total_shared),
			   atomic64_read(&kmm->migrated),
			   atomic64_read(&kmm->migrate_failed),
			   atomic64_read(&kmm->migrate_ns),
			   READ_ONCE(kmm->out_of_scope) ? "out" : "in");
	spin_unlock(&knuma_mm_lock);
}

/**
 * knuma_mms_count() - processes knuma tracks
 *
 * Return: entries in the mm table (exited ones until the next sweep).
 */
long knuma_mms_count(void)
{
	struct knuma_mm *kmm;
	long n = 0;
	int bkt;

	spin_lock(&knuma_mm_lock);
	hash_for_each(knuma_mm_hash, bkt, kmm, hnode)
		n++;
	spin_unlock(&knuma_mm_lock);
	return n;
}

/* A row of debugfs "tasks". */
struct knuma_task_row {
	pid_t pid;
	char comm[TASK_COMM_LEN];
	u64 faults_local;
	u64 faults_remote;
	u64 migrated;
	u64 scan_ns;
	u64 migrate_ns;
	u64 throttled;
};

#define KNUMA_TASKS_TOP	64

/* Keep @rows (at most KNUMA_TASKS_TOP, by faults, descending) with @r in. */
static unsigned int knuma_tasks_insert(struct knuma_task_row *rows,
				       unsigned int n,
				       const struct knuma_task_row *r)
{
	u64 f = r->faults_local + r->faults_remote;
	unsigned int i = n;

	while (i && rows[i - 1].faults_local + rows[i - 1].faults_remote < f)
		i--;
	if (i >= KNUMA_TASKS_TOP)
		return n;
	if (n == KNUMA_TASKS_TOP)
		n--;
	memmove(&rows[i + 1], &rows[i], (n - i) * sizeof(*rows));
	rows[i] = *r;
	return n + 1;
}

/**
 * knuma_mms_top_show() - debugfs "tasks": the processes with most faults
 * @m: seq_file to print to
 *
 * A header line, then up to 64 rows by hint faults, descending. Spaces in
 * a command name become '_' so that every row has the same columns.
 */
void knuma_mms_top_show(struct seq_file *m)
{
	struct knuma_task_row *rows, r;
	struct knuma_mm *kmm;
	unsigned int n = 0, i;
	char *c;
	int bkt;

	rows = kcalloc(KNUMA_TASKS_TOP, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		return;
	spin_lock(&knuma_mm_lock);
	hash_for_each(knuma_mm_hash, bkt, kmm, hnode) {
		if (kmm->dead || !atomic_read(&kmm->mm->mm_users))
			continue;
		r.pid = kmm->pid;
		memcpy(r.comm, kmm->comm, sizeof(r.comm));
		r.faults_local = atomic64_read(&kmm->total_local);
		r.faults_remote = atomic64_read(&kmm->total_remote);
		r.migrated = atomic64_read(&kmm->migrated);
		r.scan_ns = kmm->scan_ns;
		r.migrate_ns = atomic64_read(&kmm->migrate_ns);
		r.throttled = kmm->throttled;
		n = knuma_tasks_insert(rows, n, &r);
	}
	spin_unlock(&knuma_mm_lock);

	seq_puts(m, "pid comm faults_local faults_remote migrated scan_ns migrate_ns throttled\n");
	for (i = 0; i < n; i++) {
		for (c = rows[i].comm; *c; c++)
			if (*c == ' ' || *c == '\t')
				*c = '_';
		seq_printf(m, "%d %s %llu %llu %llu %llu %llu %llu\n", rows[i].pid,
			   rows[i].comm[0] ? rows[i].comm : "-",
			   rows[i].faults_local, rows[i].faults_remote,
			   rows[i].migrated, rows[i].scan_ns, rows[i].migrate_ns,
			   rows[i].throttled);
	}
	kfree(rows);
}

/**
 * knuma_scan_incontext_show() - task_numa_work redirections seen
 * @m: seq_file to print to
 */
void knuma_scan_incontext_show(struct seq_file *m)
{
	seq_printf(m, "task_numa_work_redirected: %ld\n",
		   atomic_long_read(&knuma_task_works));
	seq_printf(m, "task_numa_work_one_node: %ld\n",
		   atomic_long_read(&knuma_task_works_one_node));
	seq_printf(m, "mm_alloc_failed: %ld\n",
		   atomic_long_read(&knuma_mm_alloc_failed));
}
