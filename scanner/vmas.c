// SPDX-License-Identifier: GPL-2.0
/*
 * What knuma learnt about each VMA of a process (scan relevance).
 *
 * One table per mm, sorted by address: the node thread rebuilds it at the
 * start of every scan, under mmap_lock for read, carrying over what it
 * knew of the VMAs that are still there; the hint-fault path finds the
 * faulting address in it under RCU and records the fault (a count and the
 * lowest and highest address, whether the page was remote, and whether
 * knuma then queued or migrated it). At each pass the thread turns that into a
 * plan for the VMA (policy/relevance.c): nothing, a sample, the access
 * window, or all of it.
 *
 * The table is published with rcu_assign_pointer() and the old one freed
 * after a grace period; faults recorded in the old one between the copy
 * and the publication are lost, which only delays what they would tell.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "knuma.h"
#include "policy.h"
#include "scanner.h"

/* Beyond this many VMAs a process's further VMAs are scanned unfiltered. */
#define KNUMA_VTAB_MAX		4096

struct knuma_vrec {
	unsigned long start, end;
	/* Which mapping it was: anon_vma and vm_file, compared only. */
	unsigned long anon, file;
	/* Owned by the thread scanning the mm. */
	struct knuma_vrel rel;
	struct knuma_vplan plan;
	unsigned int plan_pass;		/* kmm->pass + 1 when planned */
	/* Where a remote fault is no news (knuma_policy_vma_known()). */
	unsigned long known_lo, known_hi;
	/* From the fault path. */
	atomic_long_t faults;
	atomic_long_t remote;
	atomic_long_t moved;		/* migrated in the fault, or contested */
	atomic_long_t queued;		/* queued to a node thread */
	atomic_long_t failed;		/* queued, and the thread failed */
	atomic_long_t contested;	/* on a page another node's task used */
	bool shared;			/* the last visit found it shared across nodes */
	/* When the last pass that marked any of it was, and the one before. */
	u64 look_ms;
	unsigned int look_gap_ms;	/* between the two */
	atomic_long_t f_lo;		/* ULONG_MAX: none */
	atomic_long_t f_hi;		/* 0: none */
};

struct knuma_vtab {
	struct rcu_head rcu;
	unsigned int nr;
	struct knuma_vrec r[];
};

/*
 * The record of the hint fault this CPU is in, from mpol_misplaced() to
 * the migration decision it asks for (knuma_fault_should_migrate()): both
 * run under the same page-table lock, so preemption stays off in between
 * and the table cannot be freed (RCU).
 */
struct knuma_vfault {
	struct task_struct *task;
	struct knuma_vrec *rec;
};

static DEFINE_PER_CPU(struct knuma_vfault, knuma_vfault);

static atomic_long_t knuma_vplans[KNUMA_VACT_NR];
static atomic_long_t knuma_vtab_alloc_failed = ATOMIC_LONG_INIT(0);

static u64 knuma_now_ms(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_MSEC);
}

/* The record whose VMA holds @addr, or NULL. */
static struct knuma_vrec *knuma_vtab_find(struct knuma_vtab *tab,
					  unsigned long addr)
{
	unsigned int lo = 0, hi = tab->nr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (addr < tab->r[mid].start)
			hi = mid;
		else if (addr >= tab->r[mid].end)
			lo = mid + 1;
		else
			return &tab->r[mid];
	}
	return NULL;
}

/* The record of @kmm's VMA that holds @addr, or NULL (RCU held). */
static struct knuma_vrec *knuma_vrec_of(struct knuma_mm *kmm,
					unsigned long addr)
{
	struct knuma_vtab *tab = kmm ? rcu_dereference(kmm->vtab) : NULL;

	return tab ? knuma_vtab_find(tab, addr) : NULL;
}

/**
 * knuma_vmas_fault() - record a hint fault's address
 * @kmm: the faulting task's mm, NULL if knuma does not know it (RCU held)
 * @addr: the faulting address
 * @remote: the page is on another node than the faulting CPU
 *
 * Called from the fault hook with the page-table lock held: atomics only.
 *
 * Return: the time between the last two passes that marked the VMA (a
 * page of it is seen at most once each), in ms; 0 when not known.
 */
unsigned int knuma_vmas_fault(struct knuma_mm *kmm, unsigned long addr,
			      bool remote)
{
	struct knuma_vfault *vf = this_cpu_ptr(&knuma_vfault);
	struct knuma_vrec *rec;
	long cur;

	vf->task = NULL;
	rec = knuma_vrec_of(kmm, addr);
	if (!rec)
		return 0;
	atomic_long_inc(&rec->faults);
	if (remote) {
		atomic_long_inc(&rec->remote);
		vf->task = current;
		vf->rec = rec;
		/* A tripwire: bring the next scan forward (scanner/mm.c). */
		if ((addr < READ_ONCE(rec->known_lo) ||
		     addr >= READ_ONCE(rec->known_hi)) &&
		    !READ_ONCE(kmm->prompt) && knuma_scan_filtering())
			WRITE_ONCE(kmm->prompt, true);
	}
	cur = atomic_long_read(&rec->f_lo);
	while ((unsigned long)cur > addr &&
	       !atomic_long_try_cmpxchg(&rec->f_lo, &cur, addr))
		;
	cur = atomic_long_read(&rec->f_hi);
	while ((unsigned long)cur <= addr &&
	       !atomic_long_try_cmpxchg(&rec->f_hi, &cur, addr + 1))
		;
	return READ_ONCE(rec->look_gap_ms);
}

/**
 * knuma_vmas_fault_forget() - a hint fault starts on this CPU
 *
 * Drops the VMA record knuma_vmas_fault() kept for the last one, so that
 * only the fault that found a record counts against it. Called from the
 * mpol_misplaced hook (preemption disabled) before it may return early.
 */
void knuma_vmas_fault_forget(void)
{
	this_cpu_ptr(&knuma_vfault)->task = NULL;
}

/**
 * knuma_vmas_fault_acted() - the remote hint fault this CPU is in is done
 * @queued: its folio went to a node thread's queue
 *
 * Called by the migration decision when it queued or migrated the folio,
 * or found it contested (it stays where two nodes use it: nothing a new
 * look could change); counted against the VMA knuma_vmas_fault() found
 * for the same fault.
 */
void knuma_vmas_fault_acted(bool queued)
{
	struct knuma_vfault *vf = this_cpu_ptr(&knuma_vfault);

	if (vf->task == current)
		atomic_long_inc(queued ? &vf->rec->queued : &vf->rec->moved);
	vf->task = NULL;
}

/**
 * knuma_vmas_fault_shared() - is the VMA of this CPU's remote fault shared?
 * @contested: the fault's page was used lately by a task on another node
 *
 * Counts a contested fault against the VMA knuma_vmas_fault() found.
 * Hint faults sample a page once a pass, and the kernel records no local
 * use: a page another node uses is seen so only in the passes where that
 * node's task touched it first. Where a good share of a VMA's remote
 * faults are seen contested, the others are most likely on pages shared
 * the same way (policy/migrate.c).
 *
 * Return: true when the last visit found the VMA shared across nodes.
 */
bool knuma_vmas_fault_shared(bool contested)
{
	struct knuma_vfault *vf = this_cpu_ptr(&knuma_vfault);

	if (vf->task != current)
		return false;
	if (contested)
		atomic_long_inc(&vf->rec->contested);
	return READ_ONCE(vf->rec->shared);
}

/**
 * knuma_vmas_failed() - a node thread could not migrate a queued folio
 * @kmm: the folio's mm (RCU held)
 * @addr: the folio's first address in it
 *
 * The fault that queued it counted as acted on; it is counted back, so
 * that the VMA is not taken for settled while its pages stay remote.
 */
void knuma_vmas_failed(struct knuma_mm *kmm, unsigned long addr)
{
	struct knuma_vrec *rec = knuma_vrec_of(kmm, addr);

	if (rec)
		atomic_long_inc(&rec->failed);
}

/* Start a record for a VMA knuma has not seen. */
static void knuma_vrec_init(struct knuma_vrec *rec, s64 seen_ms)
{
	memset(rec, 0, sizeof(*rec));
	rec->rel.seen_ms = seen_ms;
	atomic_long_set(&rec->f_lo, ULONG_MAX);
}

/*
 * The old record a VMA continues, if any: of those it overlaps, from the
 * same mapping (the anon_vma it had, if it had one, and the same file),
 * the one it overlaps most. A VMA that grew by a merge (a thread's stack
 * mapped next to a heap knuma knows, say) or a part of a split one keeps
 * its age; a new mapping where an old one was unmapped does not. @j: the
 * first old record that does not end below the VMA, advanced.
 */
static struct knuma_vrec *knuma_vrec_match(struct knuma_vtab *old,
					   unsigned int *j,
					   struct vm_area_struct *vma)
{
	unsigned long anon = (unsigned long)vma->anon_vma;
	unsigned long file = (unsigned long)vma->vm_file;
	unsigned long over, best_over = 0;
	struct knuma_vrec *o, *best = NULL;
	unsigned int k;

	while (*j < old->nr && old->r[*j].end <= vma->vm_start)
		(*j)++;
	for (k = *j; k < old->nr && old->r[k].start < vma->vm_end; k++) {
		o = &old->r[k];
		if ((o->anon && o->anon != anon) || o->file != file)
			continue;
		over = min(o->end, vma->vm_end) - max(o->start, vma->vm_start);
		if (over > best_over) {
			best = o;
			best_over = over;
		}
	}
	return best;
}

/* Carry a VMA's record over, with the faults counted in it so far. */
static void knuma_vrec_move(struct knuma_vrec *rec, struct knuma_vrec *old)
{
	rec->rel = old->rel;
	rec->plan = old->plan;
	rec->plan_pass = old->plan_pass;
	rec->known_lo = old->known_lo;
	rec->known_hi = old->known_hi;
	atomic_long_set(&rec->faults, atomic_long_xchg(&old->faults, 0));
	atomic_long_set(&rec->remote, atomic_long_xchg(&old->remote, 0));
	atomic_long_set(&rec->moved, atomic_long_xchg(&old->moved, 0));
	atomic_long_set(&rec->queued, atomic_long_xchg(&old->queued, 0));
	atomic_long_set(&rec->failed, atomic_long_xchg(&old->failed, 0));
	atomic_long_set(&rec->contested, atomic_long_xchg(&old->contested, 0));
	rec->shared = old->shared;
	rec->look_ms = old->look_ms;
	rec->look_gap_ms = old->look_gap_ms;
	atomic_long_set(&rec->f_lo, atomic_long_xchg(&old->f_lo, ULONG_MAX));
	atomic_long_set(&rec->f_hi, atomic_long_xchg(&old->f_hi, 0));
}

/**
 * knuma_vmas_update() - rebuild an mm's VMA table before a scan
 * @kmm: the mm, owned by the calling node thread (queued)
 * @mm: its mm_struct; mmap_lock held for read
 *
 * The VMAs present the first time knuma scans a process count as old as
 * the process (it waited scan_delay_ms already); later ones are new, but a
 * VMA that continues one knuma knew (knuma_vrec_match()) is not. After
 * a task moved (kmm->scan_fresh) every VMA's back-off is dropped.
 * On allocation failure the old table stays, stale but safe.
 */
void knuma_vmas_update(struct knuma_mm *kmm, struct mm_struct *mm)
{
	struct knuma_vtab *old = rcu_dereference_protected(kmm->vtab, true);
	unsigned int n = min_t(unsigned int, mm->map_count, KNUMA_VTAB_MAX);
	u64 now = knuma_now_ms();
	s64 seen;
	struct vm_area_struct *vma;
	struct knuma_vrec *rec, *from;
	struct knuma_vtab *tab;
	unsigned int i = 0, j = 0;

	VMA_ITERATOR(vmi, mm, 0);

	tab = kvmalloc(struct_size(tab, r, n), GFP_KERNEL | __GFP_NOWARN);
	if (!tab) {
		atomic_long_inc(&knuma_vtab_alloc_failed);
		return;
	}
	/* May be < 0: vma_delay_ms longer than the uptime. */
	seen = old ? (s64)now : (s64)now - READ_ONCE(knuma_vma_delay_ms);
	for_each_vma(vmi, vma) {
		if (i == n)
			break;
		rec = &tab->r[i++];
		knuma_vrec_init(rec, seen);
		/* Matched by start only, a merged VMA waited vma_delay_ms again. */
		from = old ? knuma_vrec_match(old, &j, vma) : NULL;
		if (from && from->start == vma->vm_start)
			knuma_vrec_move(rec, from);
		else if (from)
			/*
			 * Merged or split: as old as the record, but what knuma
			 * learnt of it (the window, back-offs) was of another
			 * range; its next look is at the whole of it.
			 */
			rec->rel.seen_ms = from->rel.seen_ms;
		rec->anon = (unsigned long)vma->anon_vma;
		rec->file = (unsigned long)vma->vm_file;
		if (kmm->scan_fresh)
			knuma_policy_vma_fresh(&rec->rel);
		rec->start = vma->vm_start;
		rec->end = vma->vm_end;
	}
	tab->nr = i;
	kmm->scan_fresh = false;
	rcu_assign_pointer(kmm->vtab, tab);
	if (old)
		kvfree_rcu(old, rcu);
}

/**
 * knuma_vmas_plan() - what this pass marks in a VMA
 * @kmm: the mm, owned by the calling node thread
 * @vma: a VMA the scan reached; mmap_lock held for read
 *
 * Planned once per pass (kmm->pass): a pass that takes several scans keeps
 * to the plan it made.
 *
 * Return: the plan, or NULL to mark the VMA whole (not tracked).
 */
const struct knuma_vplan *knuma_vmas_plan(struct knuma_mm *kmm,
					  struct vm_area_struct *vma)
{
	struct knuma_vtab *tab = rcu_dereference_protected(kmm->vtab, true);
	unsigned int pass = kmm->pass + 1;
	struct knuma_vvisit v;
	struct knuma_vrec *rec;
	unsigned long queued, failed, contested, lo, hi;

	if (!tab)
		return NULL;
	rec = knuma_vtab_find(tab, vma->vm_start);
	if (!rec || rec->start != vma->vm_start)
		return NULL;
	if (rec->plan_pass == pass)
		return &rec->plan;
	v.start = vma->vm_start;
	v.end = vma->vm_end;
	v.now_ms = knuma_now_ms();
	v.delay_ms = READ_ONCE(knuma_vma_delay_ms);
	v.faults = atomic_long_xchg(&rec->faults, 0);
	v.remote = atomic_long_xchg(&rec->remote, 0);
	v.moved = atomic_long_xchg(&rec->moved, 0);
	/*
	 * Queued folios move only if their threads keep up: while a queue
	 * lags, the faults that queued must come again (and then migrate
	 * themselves), so they do not count as acted on.
	 */
	queued = atomic_long_xchg(&rec->queued, 0);
	failed = atomic_long_xchg(&rec->failed, 0);
	queued -= min(queued, failed);
	contested = atomic_long_xchg(&rec->contested, 0);
	/*
	 * No remote fault since the last visit (a settled VMA's skipped
	 * passes): no news, the last finding stands.
	 */
	if (v.remote)
		WRITE_ONCE(rec->shared, knuma_policy_vma_shared(contested, v.remote));
	if (!knuma_scan_threads_lagging())
		v.moved += queued;
	v.f_lo = atomic_long_xchg(&rec->f_lo, ULONG_MAX);
	v.f_hi = atomic_long_xchg(&rec->f_hi, 0);
	if (!v.faults || v.f_hi <= v.f_lo) {
		v.f_lo = 0;
		v.f_hi = 0;
	}
	knuma_policy_vma_plan(&rec->rel, &v, &rec->plan);
	rec->plan_pass = pass;
	/* SAMPLE, WINDOW and FULL mark some of it (policy/policy.h). */
	if (rec->plan.act >= KNUMA_VACT_SAMPLE) {
		if (rec->look_ms)
			WRITE_ONCE(rec->look_gap_ms,
				   min_t(u64, v.now_ms - rec->look_ms, UINT_MAX));
		rec->look_ms = v.now_ms;
	}
	knuma_policy_vma_known(&rec->rel, &rec->plan, &lo, &hi);
	WRITE_ONCE(rec->known_lo, lo);
	WRITE_ONCE(rec->known_hi, hi);
	atomic_long_inc(&knuma_vplans[rec->plan.act]);
	return &rec->plan;
}

/**
 * knuma_vmas_free() - free an mm's table (the mm is being forgotten)
 * @kmm: the mm, unhashed; fault-path readers may still hold the table
 */
void knuma_vmas_free(struct knuma_mm *kmm)
{
	struct knuma_vtab *tab = rcu_dereference_protected(kmm->vtab, true);

	RCU_INIT_POINTER(kmm->vtab, NULL);
	if (tab)
		kvfree_rcu(tab, rcu);
}

/**
 * knuma_vmas_show() - per-VMA plans made, for debugfs
 * @m: seq_file to print to
 */
void knuma_vmas_show(struct seq_file *m)
{
	int i;

	seq_puts(m, "vma_plans:");
	for (i = 0; i < KNUMA_VACT_NR; i++)
		seq_printf(m, " %s %ld", knuma_policy_vact_name(i),
			   atomic_long_read(&knuma_vplans[i]));
	seq_printf(m, " table_alloc_failed %ld moves %ld prompts %ld\n",
		   atomic_long_read(&knuma_vtab_alloc_failed),
		   atomic_long_read(&knuma_mm_moves),
		   atomic_long_read(&knuma_mm_prompts));
}
