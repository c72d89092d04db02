// SPDX-License-Identifier: GPL-2.0
/*
 * Which part of a VMA a scan pass marks for NUMA hint faults.
 *
 * Every PTE marked PROT_NONE costs a TLB flush and, when touched, a trap;
 * marking memory nobody uses buys nothing. knuma's threads see every hint
 * fault of a process, with its address, so each VMA carries what they
 * learnt (struct knuma_vrel) and each pass asks knuma_policy_vma_plan()
 * what to mark:
 *
 *  - nothing while the VMA is younger than vma_delay_ms: short-lived
 *    mappings are never scanned;
 *  - nothing on most passes for a VMA whose last looks raised no fault:
 *    an idle VMA is looked at every 2nd, 4th, then 8th pass only;
 *  - the same for a settled VMA, one whose remote faults were all acted on
 *    (the folios queued or migrated): it is about to be local, and when it
 *    is looked at, a sample of its window checks that it stays so;
 *  - a VMA never seen faulting is sampled when large (one 2 MiB block in
 *    KNUMA_VREL_STRIDE, the sampled blocks rotating from pass to pass)
 *    and marked whole when small;
 *  - once faults were seen, only the access window, the span between the
 *    lowest and the highest faulting address, plus a margin that doubles
 *    on every look (new activity next to the window is found), and a
 *    sample of the whole VMA every KNUMA_VREL_RELOOK looks and on every
 *    look while the window is quiet (new activity anywhere is found; it
 *    replaces a quiet window).
 *
 * A window found by sampling gets a first margin of a whole stride: the
 * blocks between a faulting sample and the next sample that did not fault
 * may be just as hot.
 *
 * Two events cut the waiting short (scanner/mm.c acts on them):
 *  - a tripwire: a remote fault outside what the last look marked whole
 *    (knuma_policy_vma_known()), e.g. on a sampled block, brings the next
 *    scan forward, whose plan then marks the window around it;
 *  - a move: a task asking from a node none asked from lately makes every
 *    VMA fresh (knuma_policy_vma_fresh()): its back-off is dropped, since
 *    what was local may now be remote, and a VMA small enough is marked
 *    whole, not just its window.
 *
 * Everything here works on plain numbers, block-aligned, so that the host
 * unit tests replay fault streams through it.
 */
#include "policy.h"

#if KNUMA_VREL_STRIDE != 1U << KNUMA_VREL_STRIDE_SHIFT
#error "KNUMA_VREL_STRIDE must be 1 << KNUMA_VREL_STRIDE_SHIFT"
#endif

static unsigned long knuma_vrel_down(unsigned long a)
{
	return a & ~(KNUMA_VREL_BLOCK - 1);
}

static unsigned long knuma_vrel_up(unsigned long a)
{
	unsigned long r = knuma_vrel_down(a);

	return r == a ? a : r + KNUMA_VREL_BLOCK;
}

/* [lo, hi) widened by @margin on both sides, aligned, inside [start, end). */
static void knuma_vrel_clamp(unsigned long start, unsigned long end,
			     unsigned long lo, unsigned long hi,
			     unsigned long margin, struct knuma_vplan *p)
{
	lo = knuma_vrel_down(lo);
	hi = knuma_vrel_up(hi);
	p->lo = lo - start > margin ? lo - margin : start;
	p->hi = end - hi > margin ? hi + margin : end;
	if (p->lo < start)
		p->lo = start;
	if (p->hi > end || p->hi < p->lo)
		p->hi = end;
}

static void knuma_vrel_forget(struct knuma_vrel *st)
{
	st->win_lo = 0;
	st->win_hi = 0;
}

/* A look at the whole VMA: sample it when large, mark it all when small. */
static void knuma_vrel_whole(struct knuma_vrel *st,
			     const struct knuma_vvisit *v,
			     struct knuma_vplan *p)
{
	p->lo = v->start;
	p->hi = v->end;
	if ((v->end - v->start) / KNUMA_VREL_BLOCK >= KNUMA_VREL_SAMPLE_MIN) {
		p->act = KNUMA_VACT_SAMPLE;
		p->stride = KNUMA_VREL_STRIDE;
		p->phase = st->phase;
		st->phase = (st->phase + 1) % KNUMA_VREL_STRIDE;
		st->sampled = true;
	} else {
		p->act = KNUMA_VACT_FULL;
		st->sampled = false;
	}
}

/**
 * knuma_policy_vma_plan() - what one scan pass marks in a VMA
 * @st: what knuma learnt about the VMA so far; updated
 * @v: the VMA now and the hint faults seen in it since the last visit
 * @p: the plan
 *
 * Called once per VMA per pass. The VMA may have shrunk or grown since the
 * last visit (munmap, mremap, brk); the window is kept inside it.
 *
 * Return: the action, also in @p->act.
 */
enum knuma_vact knuma_policy_vma_plan(struct knuma_vrel *st,
				      const struct knuma_vvisit *v,
				      struct knuma_vplan *p)
{
	unsigned int every, margin_blocks, backoff;
	unsigned long slack, lo, hi;
	unsigned long margin;
	bool grew = false, fresh;

	p->stride = 1;
	p->phase = 0;
	p->lo = v->start;
	p->hi = v->start;

	/* A young VMA is not scanned: most short-lived mappings die young. */
	if ((long long)v->now_ms - st->seen_ms < (long long)v->delay_ms) {
		p->act = KNUMA_VACT_NEW;
		return p->act;
	}

	/* Keep the window inside the VMA as it is now. */
	if (st->win_hi) {
		if (st->win_lo < v->start)
			st->win_lo = v->start;
		if (st->win_hi > v->end)
			st->win_hi = v->end;
		if (st->win_lo >= st->win_hi)
			knuma_vrel_forget(st);
	}

	/*
	 * The faults' range, inside the VMA as it is now. Outside it, they
	 * were in a part split off since: no fault of this VMA.
	 */
	lo = v->f_lo < v->start ? v->start : v->f_lo;
	hi = v->f_hi > v->end ? v->end : v->f_hi;
	if (v->faults && hi > lo) {
		/* No window, or one where nothing happens any more: start anew. */
		if (!st->win_hi || st->idle) {
			st->win_lo = lo;
			st->win_hi = hi;
			grew = true;
			/* Found by sampling: the next stride may be hot too. */
			st->widen = st->sampled ? KNUMA_VREL_STRIDE_SHIFT : 0;
		} else if (lo < st->win_lo || hi > st->win_hi) {
			if (lo < st->win_lo)
				st->win_lo = lo;
			if (hi > st->win_hi)
				st->win_hi = hi;
			grew = true;
		}
		st->idle = 0;
		/*
		 * Every remote fault was acted on (queued or migrated): what
		 * was misplaced is moving, and looking again at once would
		 * only re-mark pages that are about to be local. After a
		 * sample that is only known of the sampled blocks: there,
		 * only (almost) no remote fault at all means settled.
		 */
		slack = v->faults / KNUMA_VREL_SETTLED_SLACK;
		if (st->sampled ? v->remote <= slack :
				  v->remote <= v->moved + slack) {
			if (st->settled < ~0U)
				st->settled++;
		} else {
			st->settled = 0;
		}
	} else if (st->looks && !st->skipped) {
		/* The last visit looked and nothing faulted since. */
		if (st->idle < ~0U)
			st->idle++;
		/* Idle long enough: forget the window, start over. */
		if (st->idle > KNUMA_VREL_IDLE_FORGET)
			knuma_vrel_forget(st);
	}

	/*
	 * After a move nothing is settled: what was local is remote now, and
	 * the next look is due at once.
	 */
	fresh = st->fresh;
	st->fresh = false;
	if (fresh)
		st->settled = 0;

	/* Idle or settled: look every 2nd, 4th, then 8th visit only. */
	backoff = st->idle ? st->idle : st->settled;
	if (backoff && !fresh) {
		every = 1U << (backoff < KNUMA_VREL_IDLE_MAX_SHIFT ?
			       backoff : KNUMA_VREL_IDLE_MAX_SHIFT);
		if (st->skipped + 1 < every) {
			st->skipped++;
			p->act = st->idle ? KNUMA_VACT_IDLE : KNUMA_VACT_SETTLED;
			return p->act;
		}
	}
	st->skipped = 0;
	st->looks++;

	/*
	 * An idle look searches the whole VMA: its window went quiet. So does
	 * the first look after a move at a VMA small enough to be marked
	 * whole: the window holds the pages that faulted, and those that did
	 * not (local then, or populated after the last look) may be remote
	 * now. A large VMA keeps its window; its samples find the rest.
	 */
	if (!st->win_hi || st->idle || st->looks % KNUMA_VREL_RELOOK == 0 ||
	    (fresh && (v->end - v->start) / KNUMA_VREL_BLOCK < KNUMA_VREL_SAMPLE_MIN)) {
		knuma_vrel_whole(st, v, p);
		return p->act;
	}

	/* Settled: a sample of the window checks that it stays so. */
	if (st->settled) {
		knuma_vrel_clamp(v->start, v->end, st->win_lo, st->win_hi, 0, p);
		p->act = KNUMA_VACT_SAMPLE;
		p->stride = KNUMA_VREL_STRIDE;
		p->phase = st->phase;
		st->phase = (st->phase + 1) % KNUMA_VREL_STRIDE;
		st->sampled = true;
		return p->act;
	}

	/* The window and a margin that doubles on every look it did not grow. */
	margin_blocks = st->widen < KNUMA_VREL_WIDEN_MAX ?
			1U << st->widen : 1U << KNUMA_VREL_WIDEN_MAX;
	margin = (unsigned long)margin_blocks * KNUMA_VREL_BLOCK;
	if (!grew && st->widen < KNUMA_VREL_WIDEN_MAX)
		st->widen++;
	st->sampled = false;
	knuma_vrel_clamp(v->start, v->end, st->win_lo, st->win_hi, margin, p);
	p->act = p->lo == v->start && p->hi == v->end ? KNUMA_VACT_FULL :
		 KNUMA_VACT_WINDOW;
	return p->act;
}

/**
 * knuma_policy_vma_marks() - does a plan mark the block at @addr?
 * @p: the plan
 * @start: start of the VMA (sample blocks count from its first full block)
 * @addr: a block-aligned address inside the plan's range
 *
 * Return: true when the block is to be marked.
 */
bool knuma_policy_vma_marks(const struct knuma_vplan *p, unsigned long start,
			    unsigned long addr)
{
	if (addr < p->lo || addr >= p->hi)
		return false;
	if (p->act != KNUMA_VACT_SAMPLE)
		return p->act == KNUMA_VACT_WINDOW || p->act == KNUMA_VACT_FULL;
	return (addr - knuma_vrel_down(start)) / KNUMA_VREL_BLOCK % p->stride ==
	       p->phase;
}

/**
 * knuma_policy_vma_known() - where a remote fault tells nothing new
 * @st: the VMA's state after the plan was made
 * @p: the plan of the current pass
 * @lo: set to the start of the range (== @hi: the range is empty)
 * @hi: set to its end
 *
 * Inside the access window knuma is either marking all of it (window and
 * full looks) or knows it settled or quiet; a remote fault there is
 * expected. A remote fault anywhere else, or anywhere after a sample (whose
 * unmarked blocks may hide the rest), is news: a tripwire.
 */
void knuma_policy_vma_known(const struct knuma_vrel *st,
			    const struct knuma_vplan *p,
			    unsigned long *lo, unsigned long *hi)
{
	*lo = 0;
	*hi = 0;
	if (p->act == KNUMA_VACT_SAMPLE || p->act == KNUMA_VACT_NEW)
		return;
	if (p->act == KNUMA_VACT_WINDOW || p->act == KNUMA_VACT_FULL) {
		*lo = p->lo;
		*hi = p->hi;
		return;
	}
	if (st->win_hi) {
		*lo = st->win_lo;
		*hi = st->win_hi;
	}
}

/**
 * knuma_policy_vma_fresh() - forget a VMA's back-off after a task moved
 * @st: what knuma learnt about the VMA; updated
 *
 * Its window stays (the process uses the same memory from its new node),
 * but settled was judged from the old node: the next visit looks, at the
 * whole of a VMA that went quiet or is small enough to be marked whole,
 * else at the window.
 */
void knuma_policy_vma_fresh(struct knuma_vrel *st)
{
	st->fresh = true;
}

/**
 * knuma_policy_vact_name() - short name of a plan's action, for statistics
 * @a: the action
 *
 * Return: a static string.
 */
const char *knuma_policy_vact_name(enum knuma_vact a)
{
	static const char * const names[KNUMA_VACT_NR] = {
		[KNUMA_VACT_NEW] = "new",
		[KNUMA_VACT_IDLE] = "idle",
		[KNUMA_VACT_SETTLED] = "settled",
		[KNUMA_VACT_SAMPLE] = "sample",
		[KNUMA_VACT_WINDOW] = "window",
		[KNUMA_VACT_FULL] = "full",
	};

	return (unsigned int)a < KNUMA_VACT_NR ? names[a] : "?";
}
