// SPDX-License-Identifier: GPL-2.0
/*
 * Where a NUMA group runs and where its memory is, as knuma's fault hooks
 * see it.
 *
 * The kernel joins tasks that fault on each other's pages into a NUMA group
 * (task_numa_group(), fed by knuma's hint faults while
 * kernel.numa_balancing=1). Mainline weighs a group's shared pages by the
 * group's faults per node, but struct numa_group is private to fair.c. knuma
 * keeps its own counts instead, keyed by the task's numa_group pointer, which
 * is compared and never dereferenced: per node, the hint faults of the
 * group's tasks by the node of the faulting CPU and by the node the page is
 * on, each weighed by how seldom its process is scanned (scanner/fault.c: a
 * task scanned more often must not look like more of the group). Every
 * hint fault counts, local or remote, as in mainline's group statistics:
 * the task_numa_fault() hook counts them, the decision only reads. The
 * table is small and lossy on purpose: a group whose slot was taken over,
 * or a pointer reused by a new group, only starts from counts that no
 * longer hold and that halve every KNUMA_GROUP_HALF_MS.
 *
 * Runs in the fault path: lockless, no allocation.
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/hash.h>
#include <linux/cache.h>
#include <linux/jiffies.h>
#include <linux/nodemask.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "knuma.h"
#include "policy.h"
#include "scanner.h"

#define KNUMA_GROUP_BITS	6
#define KNUMA_GROUP_SLOTS	BIT(KNUMA_GROUP_BITS)
#define KNUMA_GROUP_PROBE	4
/* Counts halve this often: a window of a few scan periods. */
#define KNUMA_GROUP_HALF_MS	4000
/* A slot unused this long may be taken by another group. */
#define KNUMA_GROUP_IDLE_MS	30000

/*
 * A slot and its counters each take cache lines of their own: a large
 * group's faults update them from every node at once.
 */
struct knuma_group {
	unsigned long key;		/* the numa_group pointer, 0 when free */
	unsigned long halved;		/* jiffies of the last halving */
	unsigned long used;		/* jiffies of the last fault counted */
	atomic_long_t *cpu;		/* [nr_node_ids]: by the faulting node */
	atomic_long_t *mem;		/* [nr_node_ids]: by the page's node */
} ____cacheline_aligned_in_smp;

static struct knuma_group knuma_groups[KNUMA_GROUP_SLOTS];
static atomic_long_t *knuma_group_counts;

/**
 * knuma_groups_init() - allocate the counters of the group table
 *
 * Return: 0, or -ENOMEM.
 */
int knuma_groups_init(void)
{
	unsigned int i, n = nr_node_ids;
	size_t stride = ALIGN(2 * n, SMP_CACHE_BYTES / sizeof(atomic_long_t));

	knuma_group_counts = kvcalloc(stride * KNUMA_GROUP_SLOTS,
				      sizeof(*knuma_group_counts), GFP_KERNEL);
	if (!knuma_group_counts)
		return -ENOMEM;
	for (i = 0; i < KNUMA_GROUP_SLOTS; i++) {
		knuma_groups[i].key = 0;
		knuma_groups[i].cpu = knuma_group_counts + stride * i;
		knuma_groups[i].mem = knuma_groups[i].cpu + n;
	}
	return 0;
}

/**
 * knuma_groups_exit() - free the group table; the hooks are gone
 */
void knuma_groups_exit(void)
{
	kvfree(knuma_group_counts);
	knuma_group_counts = NULL;
}

/* Halve the counts once per KNUMA_GROUP_HALF_MS elapsed since the last time. */
static void knuma_group_halve(struct knuma_group *g, unsigned long now)
{
	unsigned long half = msecs_to_jiffies(KNUMA_GROUP_HALF_MS);
	unsigned long last = READ_ONCE(g->halved);
	unsigned long shift;
	unsigned int nid;
	long v;

	if (time_before(now, last + half))
		return;
	shift = min((now - last) / half, BITS_PER_LONG - 1UL);
	if (cmpxchg(&g->halved, last, last + shift * half) != last)
		return;
	for (nid = 0; nid < nr_node_ids; nid++) {
		v = atomic_long_read(&g->cpu[nid]);
		if (v > 0)
			atomic_long_sub(v - (v >> shift), &g->cpu[nid]);
		v = atomic_long_read(&g->mem[nid]);
		if (v > 0)
			atomic_long_sub(v - (v >> shift), &g->mem[nid]);
	}
}

/*
 * A halving that raced with a claim may leave a count below zero; it then
 * reads as 0 and is not halved, and the next counts lift it.
 */
static long knuma_group_val(atomic_long_t *v)
{
	return max(atomic_long_read(v), 0L);
}

/* The slot of @key if it has one; NULL when not. */
static struct knuma_group *knuma_group_find(unsigned long key)
{
	unsigned int h = hash_long(key, KNUMA_GROUP_BITS);
	struct knuma_group *g;
	unsigned int i;

	for (i = 0; i < KNUMA_GROUP_PROBE; i++) {
		g = &knuma_groups[(h + i) & (KNUMA_GROUP_SLOTS - 1)];
		if (READ_ONCE(g->key) == key)
			return g;
	}
	return NULL;
}

/* The slot of @key, claimed if need be; NULL when the table is busy. */
static struct knuma_group *knuma_group_slot(unsigned long key,
					    unsigned long now)
{
	unsigned int h = hash_long(key, KNUMA_GROUP_BITS);
	struct knuma_group *g = knuma_group_find(key);
	unsigned int i, nid;
	unsigned long old, prev;

	if (g)
		return g;
	for (i = 0; i < KNUMA_GROUP_PROBE; i++) {
		g = &knuma_groups[(h + i) & (KNUMA_GROUP_SLOTS - 1)];
		old = READ_ONCE(g->key);
		if (old == key)		/* claimed since the first look */
			return g;
		if (old && time_before(now, READ_ONCE(g->used) +
				       msecs_to_jiffies(KNUMA_GROUP_IDLE_MS)))
			continue;
		prev = cmpxchg(&g->key, old, key);
		if (prev == key)	/* another fault of the group was first */
			return g;
		if (prev != old)
			continue;
		WRITE_ONCE(g->used, now);
		/* Racing counts of the old group may slip in: harmless. */
		for (nid = 0; nid < nr_node_ids; nid++) {
			atomic_long_set(&g->cpu[nid], 0);
			atomic_long_set(&g->mem[nid], 0);
		}
		WRITE_ONCE(g->halved, now);
		return g;
	}
	return NULL;
}

/**
 * knuma_group_read() - the group's counts for a shared hint fault
 * @key: the faulting task's numa_group pointer (never 0, never dereferenced)
 * @f: the fault (f->group_shared set by the caller); its group fields are
 *     filled in
 *
 * Copies the group's counts for the source and target nodes into @f: as
 * in mainline, a fault weighs on the decisions after it, not on its own
 * (knuma_group_count() counts it later, from task_numa_fault()). Clears
 * f->group_shared when the group has no counts yet. The hooks that lead
 * here exist only while the table does.
 */
void knuma_group_read(unsigned long key, struct knuma_mig_facts *f)
{
	struct knuma_group *g;

	if (!f->group_shared)
		return;
	g = knuma_group_find(key);
	if (!g) {
		f->group_shared = false;
		return;
	}
	knuma_group_halve(g, jiffies);
	f->grp_cpu_src = knuma_group_val(&g->cpu[f->src_nid]);
	f->grp_cpu_dst = knuma_group_val(&g->cpu[f->dst_nid]);
	f->grp_mem_src = knuma_group_val(&g->mem[f->src_nid]);
	f->grp_mem_dst = knuma_group_val(&g->mem[f->dst_nid]);
}

/**
 * knuma_group_count() - count a hint fault of a NUMA group's task
 * @key: the task's numa_group pointer (never 0, never dereferenced)
 * @cpu_nid: the node the task runs on
 * @mem_nid: the node of the page (where it goes, when queued)
 * @weight: its weight (base pages, and how seldom its process is scanned)
 *
 * Claims a slot for the group if need be; a fault finds none when the
 * table is busy, and is not counted.
 */
void knuma_group_count(unsigned long key, int cpu_nid, int mem_nid,
		       long weight)
{
	unsigned long now = jiffies;
	struct knuma_group *g = knuma_group_slot(key, now);

	if (!g)
		return;
	if (READ_ONCE(g->used) != now)
		WRITE_ONCE(g->used, now);
	knuma_group_halve(g, now);
	atomic_long_add(weight, &g->cpu[cpu_nid]);
	atomic_long_add(weight, &g->mem[mem_nid]);
}
