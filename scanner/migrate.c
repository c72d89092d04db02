// SPDX-License-Identifier: GPL-2.0
/*
 * Asynchronous migration: hint faults queue the folios that should move to
 * the faulting node (scanner/fault.c), and that node's knuma threads move
 * them in batches with migrate_pages(): the node thread and its copiers,
 * each a copying context with its own batch, statistics and duty budget
 * (struct knuma_mig_ctx), so that a node copies in several threads at once
 * as mainline copies in every faulting thread. The faulting thread pays
 * for the trap and a queue insertion, never for the copy.
 *
 * Queue side (fault path, page-table lock held): a preallocated ring per
 * node, a spinlock, and per entry the folio's pfn and identity (mapping,
 * index, size) and an mm_count reference; nothing allocates and nothing
 * sleeps. No folio reference is held while it waits: a queued folio can be
 * pinned long-term (FOLL_LONGTERM migrates it out of ZONE_MOVABLE or CMA
 * first), compacted, split, reclaimed or offlined like any other, which an
 * extra reference would make fail for as long as the queue is. A folio is
 * queued once (it faults again on every scan pass until it moves). A full
 * ring drops the request (the next scan pass faults the page again), or
 * counts as lagging. When the thread lags (migrate_stall_ms), faults
 * migrate in their own context instead, taking back a folio that is
 * queued already.
 *
 * Thread side (any number of copying contexts at once: everything they
 * share is under the queue's lock): entries are taken in batches; each
 * folio is found again by
 * its pfn (pfn_to_online_page(), folio_try_get(), then the same mapping,
 * index and size, as the kernel's page_idle does for a pfn). One that is
 * gone, whose process exited, that is unmapped, or that some other path
 * already moved is skipped.
 * The others are isolated from the LRU (with the NR_ISOLATED accounting
 * the kernel's own callers do) and migrated together per mm, with reason
 * MR_NUMA_MISPLACED. Failures go back to the LRU. When the node cannot
 * allocate a base page, it backs off as a target for a while instead of
 * retrying.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "knuma.h"
#include "knuma_trace.h"
#include "policy.h"
#include "scanner.h"
#include "symbols.h"

/* How long the thread waits when the rate limit stops a batch. */
#define KNUMA_MIG_RL_WAIT	max(1, HZ / 100)

/**
 * knuma_migq_init() - allocate a node's queue
 * @q: the queue, zeroed
 * @nid: its node
 *
 * Return: 0 or -ENOMEM.
 */
int knuma_migq_init(struct knuma_migq *q, int nid)
{
	spin_lock_init(&q->lock);
	q->size = READ_ONCE(knuma_migrate_queue_len);
	q->ring = kvzalloc_node(array_size(q->size, sizeof(*q->ring)),
				GFP_KERNEL, nid);
	/* At most half full: a power of two >= 2 * size. */
	q->set.bits = order_base_2(2 * q->size);
	q->set.slots = kvzalloc_node(array_size(1UL << q->set.bits,
						sizeof(*q->set.slots)),
				     GFP_KERNEL, nid);
	if (!q->ring || !q->set.slots) {
		knuma_migq_free(q);
		return -ENOMEM;
	}
	return 0;
}

/**
 * knuma_migq_free() - free a queue that was drained
 * @q: the queue
 */
void knuma_migq_free(struct knuma_migq *q)
{
	WARN_ON_ONCE(q->count);
	kvfree(q->ring);
	kvfree(q->set.slots);
	q->ring = NULL;
	q->set.slots = NULL;
}

/**
 * knuma_migq_pending() - does the queue hold folios?
 * @q: the queue
 *
 * Return: true when folios wait, whether or not the rate limit lets them go.
 */
bool knuma_migq_pending(struct knuma_migq *q)
{
	return READ_ONCE(q->count) != 0;
}

/**
 * knuma_migq_ready() - may the thread migrate from the queue now?
 * @q: the queue
 *
 * Return: true when folios wait and the rate limit has tokens again.
 */
bool knuma_migq_ready(struct knuma_migq *q)
{
	return knuma_migq_pending(q) &&
	       !time_before(jiffies, READ_ONCE(q->rl_until));
}

/* The node failed to allocate recently: it is no migration target. */
static bool knuma_migq_backing_off(const struct knuma_migq *q)
{
	return q->backoff_ms && time_before(jiffies, q->backoff_until);
}

/*
 * The thread has not kept up: its oldest folio waited migrate_stall_ms
 * while the rate limit did not hold the queue (the wait counts from the
 * end of the last rate-limit pause). Called with the queue lock held.
 */
static bool knuma_migq_lagging(const struct knuma_migq *q)
{
	unsigned long now = jiffies, from;

	if (!q->count)
		return false;
	from = q->ring[q->head].since;
	if (q->rl_until && time_after(q->rl_until, from))
		from = q->rl_until;
	return knuma_policy_async_lagging(time_after(now, from) ?
					  jiffies_to_msecs(now - from) : 0,
					  time_before(now, q->rl_until),
					  q->count == q->size,
					  READ_ONCE(knuma_migrate_stall_ms));
}

/*
 * Take a queued folio back for a fault that will migrate it itself: the
 * thread lags. The ring slot stays, empty, and the thread passes over it.
 * Called with the queue lock held.
 */
static bool knuma_migq_steal(struct knuma_migq *q, unsigned long pfn)
{
	struct knuma_migq_entry *e;
	unsigned int i;

	for (i = 0; i < q->count; i++) {
		e = &q->ring[(q->head + i) % q->size];
		if (e->pfn != pfn)
			continue;
		e->pfn = 0;
		knuma_ptrset_del(&q->set, pfn);
		q->stolen++;
		return true;
	}
	return false;
}

/**
 * knuma_migq_lagging_now() - has the node thread fallen behind its queue?
 * @q: the queue
 *
 * Return: true while faults to this node migrate in their own context.
 */
bool knuma_migq_lagging_now(struct knuma_migq *q)
{
	bool lagging;

	spin_lock(&q->lock);
	lagging = knuma_migq_lagging(q);
	spin_unlock(&q->lock);
	return lagging;
}

/**
 * knuma_migq_admit() - let a folio move to this queue's node, or say why not
 * @q: the target node's queue
 * @bytes: size of the folio
 * @async: queue it (migrate_mode=async) rather than let the fault migrate
 * @folio: the folio (async only; remembered by pfn, no reference kept)
 * @pg: the faulting task's mm (async only; mmgrab()bed) and the folio's
 *	first address
 * @pid: the faulting task
 *
 * Checks the node's back-off, then either applies the rate limit (sync:
 * the fault migrates at once) or queues (async: the node thread paces
 * itself to the rate limit). When the node thread lags behind its queue
 * (knuma_policy_async_lagging()), an async fault migrates as in sync mode.
 * Called with the page-table lock held: no allocation and no sleep.
 *
 * Return: KNUMA_MIG_MOVE (sync), KNUMA_MIG_FALLBACK (async, lagging: the
 * fault migrates), KNUMA_MIG_QUEUED, or why the folio stays.
 */
enum knuma_mig_verdict knuma_migq_admit(struct knuma_migq *q,
					unsigned long bytes, bool async,
					struct folio *folio,
					const struct knuma_fault_page *pg,
					pid_t pid)
{
	unsigned long pfn = folio ? folio_pfn(folio) : 0;
	enum knuma_mig_verdict v;
	struct knuma_migq_entry *e;
	bool wake = false, lagging;

	spin_lock(&q->lock);
	lagging = async && knuma_migq_lagging(q);
	if (knuma_migq_backing_off(q)) {
		v = KNUMA_MIG_BACKOFF;
	} else if (async && knuma_ptrset_has(&q->set, pfn) &&
		   !(lagging && knuma_migq_steal(q, pfn))) {
		atomic64_inc(&q->already_queued);
		v = KNUMA_MIG_INQUEUE;
	} else if (!async || lagging) {
		v = knuma_policy_ratelimit(&q->rl, ktime_get_ns(),
					   READ_ONCE(knuma_migrate_rate_mb), bytes) ?
		    (async ? KNUMA_MIG_FALLBACK : KNUMA_MIG_MOVE) :
		    KNUMA_MIG_RATELIMIT;
	} else if (q->count == q->size) {
		atomic64_inc(&q->dropped_full);
		v = KNUMA_MIG_QFULL;
	} else {
		mmgrab(pg->mm);
		knuma_ptrset_add(&q->set, pfn);
		e = &q->ring[(q->head + q->count) % q->size];
		e->pfn = pfn;
		e->mapping = READ_ONCE(folio->mapping);
		e->index = folio->index;
		e->nr_pages = folio_nr_pages(folio);
		e->mm = pg->mm;
		e->since = jiffies;
		e->addr = pg->addr;
		e->window_ms = pg->window_ms;
		e->group = pg->group;
		e->pid = pid;
		WRITE_ONCE(q->count, q->count + 1);
		atomic64_inc(&q->queued);
		/* The threads sleep up to a second when they have nothing to do. */
		wake = q->count == 1;
		v = KNUMA_MIG_QUEUED;
	}
	spin_unlock(&q->lock);
	if (wake) {
		struct knuma_node_thread *t;

		t = container_of(q, struct knuma_node_thread, migq);
		wake_up(&t->wait);
		if (t->max_copiers)
			wake_up(&t->mig_wait);
	}
	return v;
}

/* Why a queued entry will not be migrated, if it will not. */
enum knuma_migq_stale {
	KNUMA_MIGQ_LIVE,	/* to be migrated */
	KNUMA_MIGQ_STOLEN,	/* a fault took it back to migrate it itself */
	KNUMA_MIGQ_EXITED,	/* its process exited */
	KNUMA_MIGQ_GONE,	/* freed, split or moved away since: not at its pfn */
	KNUMA_MIGQ_MOVED,	/* on @nid already */
	KNUMA_MIGQ_UNMAPPED,	/* unmapped (a folio queued twice is, once moved) */
	KNUMA_MIGQ_CONTESTED,	/* a task on another node used it since */
	KNUMA_MIGQ_INTERLEAVED,	/* its neighbours on both sides are used elsewhere */
};

/*
 * The decision to move was taken at the fault, the move comes later: a task
 * on another node that used the page meanwhile shares it (the kernel saw
 * that use as a local hint fault, knuma in scanner/pageuse.c), and moving
 * it would only take it away from that task.
 *
 * A look samples each page once, by whichever task touches it first: a
 * page two nodes share was seen by the faulting task alone as often as
 * not. Its neighbours tell what the page itself could not: where tasks on
 * another node use the folios on both sides of it, the page is most likely
 * part of memory both nodes use (policy/migrate.c). By the time the node
 * thread takes the folio, the look that queued it has seen most of them.
 * Not for a NUMA group's shared page that the group rule moves: it goes
 * to where the group gathers its memory (policy/migrate.c).
 */
static enum knuma_migq_stale knuma_migq_contested(const struct knuma_migq_entry *e,
						  int nid)
{
	struct knuma_fault_page pg = { .mm = e->mm, .addr = e->addr };
	unsigned long stride = (unsigned long)e->nr_pages << PAGE_SHIFT, limit;
	unsigned int before, after;

	/* The group rule decided: the other users are the group's own. */
	if (e->group)
		return KNUMA_MIGQ_LIVE;
	if (knuma_pageuse_other_since(&pg, nid, e->pid, e->since))
		return KNUMA_MIGQ_CONTESTED;
	if (!e->window_ms)
		return KNUMA_MIGQ_LIVE;
	/* Uses since the fault, and as old as the fault's window before it. */
	limit = jiffies - e->since + msecs_to_jiffies(e->window_ms);
	before = knuma_pageuse_foreign_near(&pg, stride, false, nid, e->pid, limit);
	after = before ? knuma_pageuse_foreign_near(&pg, stride, true, nid,
						     e->pid, limit) : 0;
	return knuma_policy_interleaved(before, after) ?
	       KNUMA_MIGQ_INTERLEAVED : KNUMA_MIGQ_LIVE;
}

/*
 * The queued folio, with a reference, if it is still at its pfn: the same
 * mapping, index and size as when it was queued. A page freed meanwhile
 * fails folio_try_get(); one reused, split or merged fails the identity.
 */
static struct folio *knuma_migq_get(const struct knuma_migq_entry *e)
{
	struct page *page = pfn_to_online_page(e->pfn);
	struct folio *folio;

	if (!page)
		return NULL;
	folio = page_folio(page);
	if (!folio_try_get(folio))
		return NULL;
	if (folio != page_folio(page) || folio_pfn(folio) != e->pfn ||
	    READ_ONCE(folio->mapping) != e->mapping ||
	    folio->index != e->index || folio_nr_pages(folio) != e->nr_pages) {
		folio_put(folio);
		return NULL;
	}
	return folio;
}

/* Checks that need no folio; KNUMA_MIGQ_LIVE: look at the folio next. */
static enum knuma_migq_stale knuma_migq_stale_entry(const struct knuma_migq_entry *e)
{
	if (!e->pfn)
		return KNUMA_MIGQ_STOLEN;
	if (!atomic_read(&e->mm->mm_users))
		return KNUMA_MIGQ_EXITED;
	return KNUMA_MIGQ_LIVE;
}

/* @folio: knuma_migq_get() of @e, NULL if gone. */
static enum knuma_migq_stale knuma_migq_stale(const struct knuma_migq_entry *e,
					      struct folio *folio, int nid)
{
	enum knuma_migq_stale why = knuma_migq_stale_entry(e);

	if (why != KNUMA_MIGQ_LIVE)
		return why;
	if (!folio)
		return KNUMA_MIGQ_GONE;
	if (folio_nid(folio) == nid)
		return KNUMA_MIGQ_MOVED;
	if (!folio_mapped(folio))
		return KNUMA_MIGQ_UNMAPPED;
	return knuma_migq_contested(e, nid);
}

/*
 * Take up to @max entries off the ring. For a node thread (@nid a node)
 * the rate limit applies to the folios that may move; entries taken back
 * or of an exited process pass for free.
 */
static unsigned int knuma_migq_pop(struct knuma_migq *q,
				   struct knuma_migq_entry *out,
				   unsigned int max, int nid)
{
	unsigned int n = 0, rate = READ_ONCE(knuma_migrate_rate_mb);
	unsigned long bytes = 0;
	struct knuma_migq_entry *e;

	spin_lock(&q->lock);
	while (n < max && q->count && bytes < KNUMA_MIG_BATCH_BYTES) {
		e = &q->ring[q->head];
		if (rate && nid != NUMA_NO_NODE &&
		    knuma_migq_stale_entry(e) == KNUMA_MIGQ_LIVE &&
		    !knuma_policy_ratelimit(&q->rl, ktime_get_ns(), rate,
					    (u64)e->nr_pages << PAGE_SHIFT)) {
			q->rl_waits++;
			q->rl_until = jiffies + KNUMA_MIG_RL_WAIT;
			break;
		}
		if (e->pfn) {
			knuma_ptrset_del(&q->set, e->pfn);
			bytes += (unsigned long)e->nr_pages << PAGE_SHIFT;
		}
		out[n++] = *e;
		q->head = (q->head + 1) % q->size;
		WRITE_ONCE(q->count, q->count - 1);
	}
	q->done += n;
	spin_unlock(&q->lock);
	return n;
}

/*
 * Room on @nid for @nr_pages more: the kernel does not migrate a misplaced
 * page to a node that is nearly full (migrate_balanced_pgdat(): some zone
 * keeps its high watermark, plus the folio, free, as zone_watermark_ok()
 * counts free pages for a movable allocation: less the high-atomic and CMA
 * reserves and the zone's lowmem reserve), or the node's own tasks would
 * then have to reclaim or allocate elsewhere. Same rule for the node thread.
 */
static bool knuma_migq_room(int nid, unsigned long nr_pages)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct zone *zone;
	long free;
	int z;

	for (z = pgdat->nr_zones - 1; z >= 0; z--) {
		zone = pgdat->node_zones + z;
		if (!managed_zone(zone))
			continue;
		free = zone_page_state(zone, NR_FREE_PAGES) -
		       (long)READ_ONCE(zone->nr_reserved_highatomic);
		if (IS_ENABLED(CONFIG_CMA))
			free -= zone_page_state(zone, NR_FREE_CMA_PAGES);
		if (free > (long)(high_wmark_pages(zone) + nr_pages +
				  zone->lowmem_reserve[ZONE_MOVABLE]))
			return true;
	}
	return false;
}

/*
 * migrate_pages() allocation callback for the copying context @private
 * (current's own, so its counters need no lock): the same constraints as
 * the kernel's own misplaced-page allocator (this node only, not when
 * nearly full, no reclaim, no emergency reserves, no warning).
 */
static KNUMA_MIG_OBJ *knuma_migq_alloc(KNUMA_MIG_OBJ *src, unsigned long private)
{
	struct knuma_mig_ctx *c = (struct knuma_mig_ctx *)private;
	unsigned int order = folio_order(knuma_mig_obj_folio(src));
	int nid = c->node->nid;
	struct folio *dst;
	gfp_t gfp;

	/* A full node is short of memory, whatever the folio's size. */
	if (!knuma_migq_room(nid, 1UL << order)) {
		c->st.alloc_failed++;
		return NULL;
	}
	if (order)
		gfp = GFP_TRANSHUGE_LIGHT | __GFP_THISNODE;
	else
		gfp = GFP_HIGHUSER_MOVABLE | __GFP_THISNODE |
		      __GFP_NOMEMALLOC | __GFP_NORETRY | __GFP_NOWARN;
	gfp &= ~__GFP_RECLAIM;
	dst = __folio_alloc_node(gfp, order, nid);
	if (!dst) {
		/*
		 * Only a base page failing means the node is short of memory;
		 * a large folio fails on mere fragmentation (no compaction here,
		 * as in the kernel's own misplaced path) and stays where it is.
		 */
		if (order)
			c->st.large_alloc_failed++;
		else
			c->st.alloc_failed++;
		return NULL;
	}
	return knuma_mig_obj_of(dst);
}

/*
 * Isolate one queued folio onto @list, or skip it. A folio that stays for
 * want of isolation or in a back-off is told to its VMA, as one that fails
 * to migrate is (knuma_migq_failed()). Return: base pages isolated.
 */
static long knuma_migq_isolate(struct knuma_mig_ctx *c,
			       struct knuma_migq_entry *e, bool backoff,
			       struct list_head *list)
{
	struct knuma_mig_stats *st = &c->st;
	struct folio *folio;
	long nr = 0;

	/* Taken back by a fault (counted there). */
	if (!e->pfn)
		return 0;
	if (backoff) {
		st->skip_backoff++;
		knuma_mm_failed_at(e->mm, e->addr);
		return 0;
	}
	folio = knuma_migq_get(e);
	switch (knuma_migq_stale(e, folio, c->node->nid)) {
	case KNUMA_MIGQ_STOLEN:		/* not with a pfn */
		break;
	case KNUMA_MIGQ_EXITED:
		st->skip_exited++;
		break;
	case KNUMA_MIGQ_MOVED:
		st->skip_moved++;
		break;
	case KNUMA_MIGQ_GONE:		/* counted with the unmapped */
	case KNUMA_MIGQ_UNMAPPED:
		st->skip_unmapped++;
		break;
	case KNUMA_MIGQ_CONTESTED:
		st->skip_contested++;
		break;
	case KNUMA_MIGQ_INTERLEAVED:
		st->skip_interleaved++;
		break;
	case KNUMA_MIGQ_LIVE:
		/* The isolation takes a reference of its own. */
		if (likely(!knuma_test_fail_isolate) &&
		    knuma_isolated(knuma_call(folio_isolate_lru)(folio))) {
			nr = folio_nr_pages(folio);
			break;
		}
		/*
		 * Off the LRU: isolated already (another thread of this node
		 * took it after it was queued again, or the kernel migrates
		 * it) or not yet on it. Not a failure of its VMA.
		 */
		if (!knuma_test_fail_isolate && !folio_test_lru(folio)) {
			st->skip_moved++;
			break;
		}
		st->isolate_failed++;
		knuma_mm_failed_at(e->mm, e->addr);
		break;
	}
	if (nr) {
		/* Undone by migration or putback, as for the kernel's callers. */
		node_stat_mod_folio(folio, NR_ISOLATED_ANON + folio_is_file_lru(folio),
				    nr);
		list_add_tail(&folio->lru, list);
	}
	if (folio)
		folio_put(folio);
	return nr;
}

/*
 * The folios migrate_pages() left on @list stay where they are: tell their
 * VMAs, whose faults counted them as acted on (scanner/vmas.c). Compared
 * by pfn; the isolation holds each folio on @list where it was.
 */
static void knuma_migq_failed(const struct knuma_migq_entry *batch,
			      unsigned int n, struct list_head *list)
{
	struct folio *folio;
	unsigned int i;

	list_for_each_entry(folio, list, lru) {
		for (i = 0; i < n; i++) {
			if (batch[i].pfn == folio_pfn(folio)) {
				knuma_mm_failed_at(batch[i].mm, batch[i].addr);
				break;
			}
		}
	}
}

/*
 * The memory cgroup of a chunk's first folio, with a reference, taken
 * before the chunk moves, as the kernel's misplaced-page path takes the
 * folio's (get_mem_cgroup_from_folio(), not exported): the pages moved are
 * counted in its memory.stat too (numa_pages_migrated), also when their
 * process exited meanwhile. A chunk holds one mm's folios. NULL: none, or
 * not counted on this kernel.
 */
static struct mem_cgroup *knuma_migq_memcg(struct list_head *list)
{
#ifdef KNUMA_COUNT_MEMCG_EVENTS
	struct mem_cgroup *memcg;

	if (mem_cgroup_disabled() || list_empty(list))
		return NULL;
	rcu_read_lock();
	memcg = folio_memcg(list_first_entry(list, struct folio, lru));
	if (memcg && !css_tryget(&memcg->css))
		memcg = NULL;
	rcu_read_unlock();
	return memcg;
#else
	return NULL;
#endif
}

/* Count @nr pages moved in @memcg (knuma_migq_memcg()) and drop it. */
static void knuma_migq_count_memcg(struct mem_cgroup *memcg, unsigned int nr)
{
#ifdef KNUMA_COUNT_MEMCG_EVENTS
	if (!memcg)
		return;
	if (nr)
		knuma_count_memcg_events(memcg, NUMA_PAGE_MIGRATE, nr);
	mem_cgroup_put(memcg);
#endif
}

/*
 * Migrate the isolated folios on @list, taken from batch[0..n), and update
 * the node's back-off, unless another context's outcome updated it since
 * this chunk began (@seq, q->backoff_seq then): a chunk that allocated
 * before the node filled up must not end a back-off that a later failure
 * started, and two contexts failing together double it once. Return:
 * pages migrated.
 */
static unsigned int knuma_migq_move(struct knuma_mig_ctx *c,
				    const struct knuma_migq_entry *batch,
				    unsigned int n, struct list_head *list,
				    long nr, unsigned long seq)
{
	struct knuma_migq *q = &c->node->migq;
	u64 alloc_failed = c->st.alloc_failed;
	struct mem_cgroup *memcg = knuma_migq_memcg(list);
	unsigned int succeeded = 0;
	int ret;

	ret = knuma_call(migrate_pages)(list, knuma_migq_alloc, NULL,
					(unsigned long)c, MIGRATE_ASYNC,
					MR_NUMA_MISPLACED, &succeeded);
	if (ret) {
		knuma_migq_failed(batch, n, list);
		knuma_call(putback_movable_pages)(list);
	}
	count_vm_numa_events(NUMA_PAGE_MIGRATE, succeeded);
	knuma_migq_count_memcg(memcg, succeeded);
	c->st.batches++;
	c->st.pages_migrated += succeeded;
	c->st.pages_failed += nr - succeeded;

	spin_lock(&q->lock);
	if (seq == q->backoff_seq) {
		q->backoff_seq++;
		q->backoff_ms = knuma_policy_backoff_ms(q->backoff_ms,
							c->st.alloc_failed != alloc_failed);
		if (q->backoff_ms)
			q->backoff_until = jiffies +
					   msecs_to_jiffies(q->backoff_ms);
	}
	spin_unlock(&q->lock);
	return succeeded;
}

/*
 * Migrate the folios of one mm, batch[0..n), in chunks of at most
 * KNUMA_MIG_CHUNK_PAGES: each folio is checked and isolated just before
 * its chunk moves. Return: ns spent.
 */
static u64 knuma_migq_batch_mm(struct knuma_mig_ctx *c,
			       struct knuma_migq_entry *batch, unsigned int n)
{
	struct knuma_migq *q = &c->node->migq;
	u64 t0 = ktime_get_ns(), ns;
	unsigned int succeeded = 0, i;
	long nr = 0, chunk = 0;
	unsigned long seq = 0;
	bool backoff = false;
	pid_t pid;
	LIST_HEAD(list);

	for (i = 0; i < n; i++) {
		if (!chunk) {
			spin_lock(&q->lock);
			backoff = knuma_migq_backing_off(q);
			seq = q->backoff_seq;
			spin_unlock(&q->lock);
		}
		chunk += knuma_migq_isolate(c, &batch[i], backoff, &list);
		if (chunk && (chunk >= KNUMA_MIG_CHUNK_PAGES || i == n - 1)) {
			succeeded += knuma_migq_move(c, batch, n, &list, chunk,
						     seq);
			nr += chunk;
			chunk = 0;
		}
	}
	ns = ktime_get_ns() - t0;
	pid = knuma_mm_migrated(batch[0].mm, succeeded, nr - succeeded, ns);
	if (nr) {
		knuma_stat_hist(KNUMA_HIST_MIG_BATCH, ns);
		trace_knuma_migrate(c->node->nid, pid, n, nr, succeeded, ns);
	}
	for (i = 0; i < n; i++)
		mmdrop(batch[i].mm);
	return ns;
}

/**
 * knuma_migq_run() - migrate one batch from a node's queue
 * @c: the copying context of current (the node thread's or a copier's)
 *
 * Any number of contexts of the node may run at once: each takes its own
 * entries off the ring under the queue's lock and counts in @c only.
 *
 * Return: time spent, in ns.
 */
u64 knuma_migq_run(struct knuma_mig_ctx *c)
{
	struct knuma_migq_entry *batch = c->batch;
	struct knuma_migq *q = &c->node->migq;
	unsigned int n, i, j;
	u64 ns = 0;

	n = knuma_migq_pop(q, batch, KNUMA_MIG_BATCH, c->node->nid);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && batch[j].mm == batch[i].mm; j++)
			;
		ns += knuma_migq_batch_mm(c, batch + i, j - i);
	}
	c->st.migrate_ns += ns;
	if (ns > c->st.batch_ns_max)
		c->st.batch_ns_max = ns;
	return ns;
}

/**
 * knuma_migq_drain() - release everything still queued (unload)
 * @q: the queue; its hooks are gone and its threads (the node thread and
 *	its copiers) stopped
 * @nid: its node, for the log
 */
void knuma_migq_drain(struct knuma_migq *q, int nid)
{
	struct knuma_migq_entry e;
	unsigned int n = 0;

	while (knuma_migq_pop(q, &e, 1, NUMA_NO_NODE)) {
		mmdrop(e.mm);
		q->done--;
		q->drained++;
		n++;
	}
	if (n)
		pr_info("node %d: %u queued folios released unmigrated at unload\n",
			nid, n);
}
