// SPDX-License-Identifier: GPL-2.0
/*
 * The misplaced-page decision of a NUMA hint fault.
 *
 * The kernel's mpol_misplaced() first applies the memory policy of the
 * faulting address: a policy set by the application without
 * MPOL_F_NUMA_BALANCING (bind, preferred, interleave) is final there, and
 * MPOL_BIND with it only continues from nodes inside its nodemask. Only
 * then, for "migrate on fault to the faulting node" policies, does it ask
 * should_numa_migrate_memory(). knuma redirects that question here
 * (hooks/hooks.c): the answer comes from policy/migrate.c, the rate limit
 * and back-off of the target node, and migrate_mode decides whether the
 * fault migrates (sync), the folio is queued to the target node's thread
 * and the fault goes on as if the page were staying (async), or nothing
 * moves and the decision is only counted (off). An async fault migrates
 * itself when the target node's thread has fallen behind (migrate_stall_ms).
 *
 * The decision runs under the page-table lock, the hand-off's end in the
 * task_numa_fault() hook with preemption disabled: no allocation, no sleep.
 * That also makes the RCU-tasks wait of unregister_ftrace_function() enough
 * at unload.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/numa_balancing.h>
#include <linux/sched/topology.h>
#include <linux/topology.h>

#include "knuma.h"
#include "compat/compat.h"
#include "policy.h"
#include "scanner.h"
#include "symbols.h"

/* Mainline's rule: a task is young until its fourth placement pass. */
#define KNUMA_YOUNG_SCAN_SEQ	4

/*
 * The record of the hint fault this CPU is in, from its mpol_misplaced()
 * call to its task_numa_fault() call.
 *
 * - knuma_fault_handoff_begin() (mpol_misplaced() hook, every hint fault,
 *   whether knuma is enabled or not) starts it: the faulting task and its
 *   folio's first address. Nothing of an earlier fault survives it.
 * - knuma_fault_handoff_window() (same hook, once the mm is found) adds
 *   how old a use of the page by another task may be and still count, and
 *   how long the process takes between two looks at the page.
 * - knuma_fault_should_migrate() (same fault, same page-table lock) reads
 *   both, for the page-use table, and notes a folio it queued.
 * - knuma_fault_handoff_take() (task_numa_fault() hook, after the lock is
 *   dropped) consumes the note and counts the fault in the task's NUMA
 *   group, local or remote, knuma's decision or not. That call tells the
 *   scheduler where the task's memory is. For a folio it queued the fault
 *   goes on as if the page stayed, and the kernel would report the source
 *   node: the task's preferred node would point where its memory is
 *   leaving. Mainline reports a migrated page on its new node with
 *   TNF_MIGRATED; knuma reports the folio it queued the same way
 *   (hooks/hooks.c rewrites the call's arguments). A later fault on a
 *   folio still queued is reported as it is (remote): the move has not
 *   happened, and it may not.
 *
 * Matched on the task (and, at take, on source node and size). A task
 * preempted and moved to another CPU in between finds no record: the
 * kernel's own report stands. Without the optional mpol_misplaced hook
 * there is no record at all.
 */
struct knuma_fault_handoff {
	struct task_struct *task;	/* whose fault; NULL: none */
	unsigned long addr;		/* its folio's first address */
	unsigned int window_ms;		/* 0: the mm is not known */
	unsigned int look_ms;		/* between two looks at the page, 0: not known */
	bool queued;			/* its folio was queued: */
	int src_nid;			/* from, */
	int dst_nid;			/* to, */
	int pages;			/* this many base pages */
};

static DEFINE_PER_CPU(struct knuma_fault_handoff, knuma_fault_handoff);

/**
 * knuma_fault_handoff_begin() - a hint fault starts on this CPU
 * @addr: the first address of its folio
 *
 * Called from the mpol_misplaced() hook (preemption disabled).
 */
void knuma_fault_handoff_begin(unsigned long addr)
{
	struct knuma_fault_handoff *h = this_cpu_ptr(&knuma_fault_handoff);

	h->queued = false;
	h->addr = addr;
	h->window_ms = 0;
	h->look_ms = 0;
	h->task = current;
	/* Also when knuma then returns early (enabled=0, no mm): the VMA
	 * record of an earlier fault, maybe freed since, must not be counted
	 * against if enabled turns 1 before this fault's decision.
	 */
	knuma_vmas_fault_forget();
}

/**
 * knuma_fault_handoff_window() - how recent another task's use must be
 * @window_ms: the window, 0 for none
 * @look_ms: how long the process takes between two looks at the page
 *
 * Called from the mpol_misplaced() hook, after knuma_fault_handoff_begin().
 */
void knuma_fault_handoff_window(unsigned int window_ms, unsigned int look_ms)
{
	struct knuma_fault_handoff *h = this_cpu_ptr(&knuma_fault_handoff);

	if (h->task == current) {
		h->window_ms = window_ms;
		h->look_ms = look_ms;
	}
}

/* The address, window and look interval of the current fault; 0 when not known. */
static unsigned long knuma_fault_handoff_addr(unsigned int *window_ms,
					      unsigned int *look_ms)
{
	struct knuma_fault_handoff *h = this_cpu_ptr(&knuma_fault_handoff);

	if (h->task != current) {
		*window_ms = 0;
		*look_ms = 0;
		return 0;
	}
	*window_ms = h->window_ms;
	*look_ms = h->look_ms;
	return h->addr;
}

/*
 * The weight of a fault in its NUMA group's counts: KNUMA_GROUP_UNIT per
 * page, times the time between two looks of its process at the page in
 * shortest scan periods. A process scanned five times as often faults five
 * times as often on the same memory; weighed so, each task of a group
 * counts by the memory it uses, not by how often knuma looks at it
 * (mainline's group counts are per scan pass of each task for the same
 * reason). The time counts up to scan_period_max_ms (a VMA's look gap may
 * be far longer). A fault of a process knuma has not seen, or whose record
 * was lost (the task moved to another CPU, e.g. after migrating the page
 * in its own context), weighs as at the shortest period.
 */
static long knuma_fault_group_weight(long pages, unsigned int look_ms)
{
	int unit = max(READ_ONCE(knuma_scan_period_min_ms), 1);
	int most = max(READ_ONCE(knuma_scan_period_max_ms), unit);

	return pages * KNUMA_GROUP_UNIT * clamp_t(long, look_ms, unit, most) / unit;
}

/*
 * Count a hint fault of the current task in its NUMA group: by the node it
 * runs on and by the node of the page (@mem_nid, where the page will be).
 * Every fault counts, local or remote, private or shared, as every fault
 * counts in mainline's group statistics: only so do the counts say where
 * the group runs and where its memory is. knuma's decision sees remote
 * faults only (the default memory policy returns before it for a local
 * page), and remote faults alone would say where the memory is *not*.
 */
static void knuma_fault_group_count(int mem_nid, int pages,
				    unsigned int look_ms)
{
	unsigned long group = (unsigned long)rcu_access_pointer(current->numa_group);

	if (!group || mem_nid < 0 || mem_nid >= nr_node_ids)
		return;
	knuma_group_count(group, task_node(current), mem_nid,
			  knuma_fault_group_weight(pages, look_ms));
}

static void knuma_fault_handoff_queued(int src_nid, int dst_nid, int pages)
{
	struct knuma_fault_handoff *h = this_cpu_ptr(&knuma_fault_handoff);

	if (h->task != current)
		return;
	h->src_nid = src_nid;
	h->dst_nid = dst_nid;
	h->pages = pages;
	h->queued = true;
}

/**
 * knuma_fault_handoff_take() - the queued folio of the current fault, if any
 * @mem_node: the node task_numa_fault() is about to be told
 * @pages: its page count
 * @dst_nid: set to the node the report should name (queued to, or @mem_node)
 *
 * Consumes the record (preemption disabled) and counts the fault in the
 * current task's NUMA group, at the node its folio is queued to if it is.
 *
 * Return: true when the fault's folio was queued and the report should
 * name @dst_nid, with TNF_MIGRATED.
 */
bool knuma_fault_handoff_take(int mem_node, int pages, int *dst_nid)
{
	struct knuma_fault_handoff *h = this_cpu_ptr(&knuma_fault_handoff);
	unsigned int look_ms = 0;
	int node = mem_node;
	bool queued = false;

	if (h->task == current) {
		h->task = NULL;
		look_ms = h->look_ms;
		queued = h->queued && h->src_nid == mem_node && h->pages == pages;
		if (queued)
			node = h->dst_nid;
	}
	knuma_fault_group_count(node, pages, look_ms);
	*dst_nid = node;
	return queued;
}

/**
 * knuma_fault_should_migrate() - replacement of should_numa_migrate_memory()
 * @p: the faulting task (current)
 * @obj: the folio (page before v6.7) that faulted
 * @src_nid: the node it is on
 * @dst_cpu: the faulting CPU
 *
 * Same contract as the kernel function: records this fault in the folio's
 * last_cpupid and says whether the fault itself should migrate the folio.
 *
 * Return: true for a folio the fault should migrate now: sync mode, or
 * async mode while the target node's thread lags behind its queue.
 */
bool knuma_fault_should_migrate(struct task_struct *p, KNUMA_FAULT_OBJ *obj,
				int src_nid, int dst_cpu)
{
	struct folio *folio = knuma_fault_folio(obj);
	int dst_nid = cpu_to_node(dst_cpu);
	struct knuma_mig_facts f = {
		.src_nid = src_nid,
		.dst_nid = dst_nid,
	};
	struct knuma_fault_page pg = { .mm = p->mm };
	struct knuma_node_thread *t;
	enum knuma_mig_verdict v;
	unsigned long group;
	unsigned int window_ms, look_ms;
	bool file, mapped_shared;
	int last, mode;

	mode = READ_ONCE(knuma_migrate_mode);
	knuma_stat_fault_begin(mode);
	last = knuma_xchg_last_cpupid(folio, cpu_pid_to_cpupid(dst_cpu, p->pid));
	f.last_unset = cpupid_pid_unset(last);
	f.last_nid = f.last_unset ? NUMA_NO_NODE : cpupid_to_nid(last);
	f.last_pid_match = cpupid_match_pid(p, last);
	f.task_young = p->numa_preferred_nid == NUMA_NO_NODE ||
		       p->numa_scan_seq <= KNUMA_YOUNG_SCAN_SEQ;
	f.dst_has_memory = node_state(dst_nid, N_MEMORY);
	/* p is current: its cpuset's memory nodes, as its allocations see them. */
	f.cpuset_denied = !node_isset(dst_nid, p->mems_allowed);
	f.pinned = folio_maybe_dma_pinned(folio);
	f.opted_out = p->mm && knuma_mm_out_of_scope(p->mm, p);
	file = folio_is_file_lru(folio);
	f.file_dirty = file && folio_test_dirty(folio);
	group = (unsigned long)rcu_access_pointer(p->numa_group);
	/* Mapped by more than one process: asked once, where a rule needs it. */
	mapped_shared = (file || folio_test_large(folio) || group) &&
			knuma_folio_mapped_shared(folio);
	/*
	 * A shared file folio (library data, a shared file mapping): the
	 * kernel does not migrate it on one process's fault either.
	 */
	f.file_shared = file && mapped_shared;
	f.thp_shared = KNUMA_KEEPS_SHARED_THP && folio_test_large(folio) &&
		       mapped_shared;
	pg.addr = knuma_fault_handoff_addr(&window_ms, &look_ms);
	if (group) {
		f.group_shared = knuma_policy_group_shared(&f, mapped_shared);
		f.grp_weight = knuma_fault_group_weight(folio_nr_pages(folio),
							look_ms);
		knuma_group_read(group, &f);
	}

	pg.window_ms = window_ms;
	knuma_pageuse_lookup(&pg, window_ms, p->pid, &f);
	f.vma_shared = knuma_vmas_fault_shared(knuma_policy_contested(&f));

	v = knuma_policy_migrate(&f);
	/* Only a move can be queued: ask the group rule again for those alone. */
	pg.group = v == KNUMA_MIG_MOVE && f.group_shared &&
		   knuma_policy_group_way(&f) == KNUMA_GROUP_GATHER;
	t = knuma_node_thread(dst_nid);
	if (v == KNUMA_MIG_MOVE && mode == KNUMA_MIGRATE_OFF)
		v = KNUMA_MIG_OBSERVE;
	else if (v == KNUMA_MIG_MOVE && t && p->mm)
		v = knuma_migq_admit(&t->migq, folio_size(folio),
				     mode == KNUMA_MIGRATE_ASYNC, folio, &pg,
				     p->pid);
	knuma_stat_verdict(v);
	/* The page will be used there, by this task. */
	if (v == KNUMA_MIG_MOVE || v == KNUMA_MIG_FALLBACK || v == KNUMA_MIG_QUEUED)
		knuma_pageuse_seen(&pg, dst_nid, p->pid);
	/*
	 * Acted on, the page will be local; or contested, it stays where two
	 * nodes use it: either way its VMA need not be re-marked for it.
	 */
	if (v == KNUMA_MIG_MOVE || v == KNUMA_MIG_FALLBACK || v == KNUMA_MIG_CONTESTED)
		knuma_vmas_fault_acted(false);
	else if (v == KNUMA_MIG_QUEUED || v == KNUMA_MIG_INQUEUE)
		knuma_vmas_fault_acted(true);
	if (v == KNUMA_MIG_QUEUED)
		knuma_fault_handoff_queued(src_nid, dst_nid, folio_nr_pages(folio));
	return v == KNUMA_MIG_MOVE || v == KNUMA_MIG_FALLBACK;
}
