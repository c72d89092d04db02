// SPDX-License-Identifier: GPL-2.0
/*
 * Who used a page last, and on which node: to tell a page that tasks on two
 * nodes share from one that a task moved away from.
 *
 * The kernel's own trace of a page's last user, last_cpupid, is written only
 * when a hint fault asks should_numa_migrate_memory(), and the default
 * memory policy (MPOL_PREFERRED for the task's node) returns before that
 * for a page that is local already. So a page that one task uses locally
 * and another remotely only ever shows the remote one: its faults look
 * private, pass the two-stage filter and pull the page over, and then the
 * first task pulls it back. knuma keeps its own trace here, written by
 * every hint fault on a local page and by every move, and read when a
 * remote fault asks to move the page (policy/migrate.c: "contested").
 *
 * A fixed table, indexed by a hash of the mm and the page's virtual address
 * (the address survives a move, the folio does not). One 64-bit word per
 * slot, written and read whole, so a reader never sees half an entry:
 *
 *   bits 63..44  tag: more bits of the hash, to tell pages of a slot apart
 *   bits 43..38  the node it was used on (KNUMA_PAGEUSE_NO_NID: not known)
 *   bits 37..26  the low 12 bits of the PID of the task that used it
 *   bits 25..0   when, in units of 4 jiffies (wraps after days)
 *
 * Lossy on purpose: a slot taken by another page, a tag or PID that collide,
 * only make knuma move a page it could have kept, or keep one it could have
 * moved, for one window.
 *
 * Runs in the fault path under the page-table lock: lockless, no allocation.
 */
#include <linux/cache.h>
#include <linux/hash.h>
#include <linux/jiffies.h>
#include <linux/mm_types.h>
#include <linux/slab.h>

#include "knuma.h"
#include "policy.h"
#include "scanner.h"

#define KNUMA_PAGEUSE_BITS	17
#define KNUMA_PAGEUSE_TAG_BITS	20
#define KNUMA_PAGEUSE_NID_BITS	6
#define KNUMA_PAGEUSE_PID_BITS	12
#define KNUMA_PAGEUSE_T_BITS	26
#define KNUMA_PAGEUSE_T_SHIFT	2
#define KNUMA_PAGEUSE_NO_NID	((1U << KNUMA_PAGEUSE_NID_BITS) - 1)

#define KNUMA_PAGEUSE_T_MASK	((1ULL << KNUMA_PAGEUSE_T_BITS) - 1)
#define KNUMA_PAGEUSE_PID_SHIFT	KNUMA_PAGEUSE_T_BITS
#define KNUMA_PAGEUSE_PID_MASK	((1ULL << KNUMA_PAGEUSE_PID_BITS) - 1)
#define KNUMA_PAGEUSE_NID_SHIFT	(KNUMA_PAGEUSE_PID_SHIFT + KNUMA_PAGEUSE_PID_BITS)
#define KNUMA_PAGEUSE_NID_MASK	((1ULL << KNUMA_PAGEUSE_NID_BITS) - 1)
#define KNUMA_PAGEUSE_TAG_SHIFT	(KNUMA_PAGEUSE_NID_SHIFT + KNUMA_PAGEUSE_NID_BITS)

static_assert(KNUMA_PAGEUSE_TAG_SHIFT + KNUMA_PAGEUSE_TAG_BITS == 64);

static u64 *knuma_pageuse_table;

/**
 * knuma_pageuse_init() - allocate the table of last uses (1 MiB)
 *
 * Return: 0, or -ENOMEM.
 */
int knuma_pageuse_init(void)
{
	knuma_pageuse_table = kvcalloc(1UL << KNUMA_PAGEUSE_BITS,
				       sizeof(*knuma_pageuse_table), GFP_KERNEL);
	return knuma_pageuse_table ? 0 : -ENOMEM;
}

/**
 * knuma_pageuse_exit() - free the table; the hooks are gone
 */
void knuma_pageuse_exit(void)
{
	kvfree(knuma_pageuse_table);
	knuma_pageuse_table = NULL;
}

static u64 knuma_pageuse_now(void)
{
	u64 now = get_jiffies_64();

	return (now >> KNUMA_PAGEUSE_T_SHIFT) & KNUMA_PAGEUSE_T_MASK;
}

/*
 * The 64-bit hash of a page: its mm and its folio's first virtual address
 * (hash_64() gives 32 bits at most; the slot and the tag need 37).
 */
static u64 knuma_pageuse_hash(const struct knuma_fault_page *pg)
{
	u64 h = ((u64)(unsigned long)pg->mm >> L1_CACHE_SHIFT) * GOLDEN_RATIO_64;

	h ^= (u64)(pg->addr >> PAGE_SHIFT);
	h *= GOLDEN_RATIO_64;
	return h ^ (h >> 32);
}

static u64 *knuma_pageuse_slot(u64 h)
{
	return &knuma_pageuse_table[h >> (64 - KNUMA_PAGEUSE_BITS)];
}

static u64 knuma_pageuse_tag(u64 h)
{
	return h & ((1ULL << KNUMA_PAGEUSE_TAG_BITS) - 1);
}

/**
 * knuma_pageuse_seen() - a task uses a page on a node
 * @pg: the page (mm, folio address); nothing is kept when addr is 0
 * @nid: the node it is used on (a local hint fault), or moves to
 * @pid: the task
 */
void knuma_pageuse_seen(const struct knuma_fault_page *pg, int nid, pid_t pid)
{
	u64 h, n = nid < KNUMA_PAGEUSE_NO_NID ? nid : KNUMA_PAGEUSE_NO_NID;

	if (!pg->addr || !knuma_pageuse_table || !READ_ONCE(knuma_share_window_ms))
		return;
	h = knuma_pageuse_hash(pg);
	WRITE_ONCE(*knuma_pageuse_slot(h),
		   knuma_pageuse_tag(h) << KNUMA_PAGEUSE_TAG_SHIFT |
		   n << KNUMA_PAGEUSE_NID_SHIFT |
		   ((u64)pid & KNUMA_PAGEUSE_PID_MASK) << KNUMA_PAGEUSE_PID_SHIFT |
		   knuma_pageuse_now());
}

/* A page's last known use, decoded from its slot. */
struct knuma_pageuse {
	int nid;
	u64 pid_bits;
	u64 age;	/* in units of 1 << KNUMA_PAGEUSE_T_SHIFT jiffies */
};

/*
 * Read @pg's slot: false when it holds no use of this page, or one on a node
 * the table cannot name.
 */
static bool knuma_pageuse_read(const struct knuma_fault_page *pg,
			       struct knuma_pageuse *use)
{
	u64 h, e;

	if (!pg->addr || !knuma_pageuse_table)
		return false;
	h = knuma_pageuse_hash(pg);
	e = READ_ONCE(*knuma_pageuse_slot(h));
	if (!e || e >> KNUMA_PAGEUSE_TAG_SHIFT != knuma_pageuse_tag(h))
		return false;
	use->nid = (e >> KNUMA_PAGEUSE_NID_SHIFT) & KNUMA_PAGEUSE_NID_MASK;
	use->pid_bits = (e >> KNUMA_PAGEUSE_PID_SHIFT) & KNUMA_PAGEUSE_PID_MASK;
	use->age = (knuma_pageuse_now() - (e & KNUMA_PAGEUSE_T_MASK)) & KNUMA_PAGEUSE_T_MASK;
	return use->nid != KNUMA_PAGEUSE_NO_NID;
}

static bool knuma_pageuse_by(const struct knuma_pageuse *use, pid_t pid)
{
	return use->pid_bits == ((u64)pid & KNUMA_PAGEUSE_PID_MASK);
}

/**
 * knuma_pageuse_other_since() - did another task use the page elsewhere since?
 * @pg: the page (mm, folio address); addr 0 when not known
 * @nid: the node it is to move to
 * @pid: the task it moves for
 * @since: jiffies
 *
 * Return: true when the page's last known use, at @since or later, was by
 * another task on another node than @nid.
 */
bool knuma_pageuse_other_since(const struct knuma_fault_page *pg, int nid,
			       pid_t pid, unsigned long since)
{
	struct knuma_pageuse use;
	u64 limit;

	if (!READ_ONCE(knuma_share_window_ms) || !knuma_pageuse_read(pg, &use))
		return false;
	limit = time_after(jiffies, since) ?
		(u64)(jiffies - since) >> KNUMA_PAGEUSE_T_SHIFT : 0;
	return use.age <= limit && use.nid != nid && !knuma_pageuse_by(&use, pid);
}

/**
 * knuma_pageuse_foreign_near() - other nodes' uses next to a page
 * @pg: the page (mm, its folio's first address)
 * @stride: the folio's size: its neighbours are taken as folios alike
 * @after: look at the folios after it, else at those before it
 * @nid: the node the page would move to
 * @pid: the task that wants it there
 * @limit: how old a use may be, in jiffies
 *
 * Lockless, like the table.
 *
 * Return: how many of the KNUMA_SHARE_NEIGHBOURS folios on that side were
 * used within @limit by another task, on a node other than @nid.
 */
unsigned int knuma_pageuse_foreign_near(const struct knuma_fault_page *pg,
					unsigned long stride, bool after,
					int nid, pid_t pid,
					unsigned long limit)
{
	struct knuma_fault_page n = { .mm = pg->mm };
	struct knuma_pageuse use;
	unsigned int i, found = 0;
	u64 max_age = (u64)limit >> KNUMA_PAGEUSE_T_SHIFT;

	if (!pg->addr || !stride || !READ_ONCE(knuma_share_window_ms))
		return 0;
	for (i = 1; i <= KNUMA_SHARE_NEIGHBOURS; i++) {
		if (after)
			n.addr = pg->addr + i * stride;
		else if (pg->addr > i * stride)
			n.addr = pg->addr - i * stride;
		else
			break;
		if (knuma_pageuse_read(&n, &use) && use.age <= max_age &&
		    use.nid != nid && !knuma_pageuse_by(&use, pid))
			found++;
	}
	return found;
}

/**
 * knuma_pageuse_lookup() - the page's last known use, if recent
 * @pg: the faulting page (mm, folio address); addr 0 when not known
 * @window_ms: how old a use may be and still count
 * @pid: the faulting task's PID
 * @f: the fault; used_recently, used_nid and used_by_this_task are set
 */
void knuma_pageuse_lookup(const struct knuma_fault_page *pg,
			  unsigned int window_ms, pid_t pid,
			  struct knuma_mig_facts *f)
{
	struct knuma_pageuse use;

	f->used_recently = window_ms && knuma_pageuse_read(pg, &use) &&
			   jiffies_to_msecs(use.age << KNUMA_PAGEUSE_T_SHIFT) <= window_ms;
	if (!f->used_recently)
		return;
	f->used_nid = use.nid;
	f->used_by_this_task = knuma_pageuse_by(&use, pid);
}
