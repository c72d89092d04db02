// SPDX-License-Identifier: GPL-2.0
/*
 * Whether a page that just raised a NUMA hint fault should move to the
 * faulting node, and how much may move per second.
 *
 * The filter has two stages, like mainline's last_cpupid test: a page moves
 * when the previous fault on it came from the same node as this one, so a
 * page touched from two nodes in turn does not bounce. A young task (no
 * preferred node yet) may move its own pages on the first fault, as in
 * mainline, so that a new process settles fast.
 *
 * A shared page of a NUMA group's task is weighed first, by the group's
 * recent faults (scanner/group.c), as mainline weighs it by the group's
 * faults per node: it never moves away from a node where the group runs
 * much more than on the faulting one. Between nodes where the group runs
 * alike, it stays unless the faulting node holds at least as much of the
 * group's memory: the memory gathers on one node, which the kernel's task
 * placement then prefers for the whole group. Mainline spreads it by CPU
 * use instead; its group placement then has no node to prefer, and two
 * tasks of a group that start on two nodes pull the pages back and forth
 * between them. A move towards the node with clearly more of the group's
 * memory is decided by this rule alone: the page's other users are the
 * group's own tasks, so neither the two-stage filter nor the contested
 * rule below applies -- with the group's tasks on two nodes, each faulting
 * on every page in turn, the previous fault on a page is nearly always the
 * other node's, and the filter alone would keep the memory split for good.
 *
 * A page that another task used on another node within the last scan
 * periods is shared by tasks on two nodes: neither node is right for it,
 * and moving it costs a copy and a stall for nothing. It stays where it
 * is while both use it (scanner/pageuse.c keeps the last use of pages;
 * the kernel's last_cpupid does not see local uses). A task that used the
 * page itself last may take it: it moved, the page follows. A page is seen
 * in use elsewhere only in the passes where the other task touched it
 * first; in a VMA where that is common, every remote fault counts as
 * contested.
 */
#include "policy.h"

/**
 * knuma_policy_group_shared() - is a group task's fault on a shared page?
 * @f: the fault (last_unset, last_pid_match)
 * @mapped_shared: the folio is mapped by more than one process
 *
 * Shared: mapped by other processes too, or the previous fault on it was by
 * another task (mainline's test for a shared fault).
 *
 * Return: true when the NUMA-group rule applies to the fault.
 */
bool knuma_policy_group_shared(const struct knuma_mig_facts *f,
			       bool mapped_shared)
{
	return mapped_shared || (!f->last_unset && !f->last_pid_match);
}

/*
 * @a exceeds @b by more than the noise of counting them: by more than
 * KNUMA_GROUP_NOISE standard deviations of a sum of @a + @b made of
 * samples of @w each (d^2 > k^2 w (a + b), here divided by d and rounded
 * down on both sides, so that nothing overflows).
 */
static bool knuma_group_clearly_more(long a, long b, long w)
{
	long d = a - b;

	if (d <= 0)
		return false;
	if (w < 1)
		w = 1;
	return d / (KNUMA_GROUP_NOISE * KNUMA_GROUP_NOISE * w) > (a + b) / d;
}

/**
 * knuma_policy_group_way() - what the group rule says of a shared page
 * @f: the fault, with the group's counts
 *
 * Return: KNUMA_GROUP_KEEP when the page should not move to the faulting
 * node, KNUMA_GROUP_GATHER when it should, whatever the rules after this
 * one say, KNUMA_GROUP_UNDECIDED when those rules decide: the group runs
 * mostly on the faulting node (the page may follow it, through the
 * filter as any page), or its memory is about even on both nodes.
 */
enum knuma_group_way knuma_policy_group_way(const struct knuma_mig_facts *f)
{
	if (f->grp_cpu_dst > KNUMA_GROUP_ACTIVE * f->grp_cpu_src)
		return KNUMA_GROUP_UNDECIDED;
	if (f->grp_cpu_src > KNUMA_GROUP_ACTIVE * f->grp_cpu_dst)
		return KNUMA_GROUP_KEEP;
	if (f->grp_mem_dst < f->grp_mem_src)
		return KNUMA_GROUP_KEEP;
	if (knuma_group_clearly_more(f->grp_mem_dst, f->grp_mem_src,
				     f->grp_weight))
		return KNUMA_GROUP_GATHER;
	return KNUMA_GROUP_UNDECIDED;
}

/**
 * knuma_policy_contested() - is the page in use by another task elsewhere?
 * @f: the fault, with the page's last known use
 *
 * Return: true when another task used the page lately on a node other than
 * the faulting one.
 */
bool knuma_policy_contested(const struct knuma_mig_facts *f)
{
	return f->used_recently && f->used_nid != f->dst_nid &&
	       !f->used_by_this_task;
}

/**
 * knuma_policy_vma_shared() - was a VMA found shared across nodes?
 * @contested: remote faults in it since the last visit that were contested
 * @remote: remote faults in it since the last visit
 *
 * A page is seen contested only in the passes where the other node's task
 * touched it first, so one remote fault in KNUMA_VMA_SHARED_DIV seen
 * contested already says that the VMA's memory is in use on both nodes.
 *
 * Return: true when the VMA's next remote faults should count as contested.
 */
bool knuma_policy_vma_shared(unsigned long contested, unsigned long remote)
{
	return contested && contested * KNUMA_VMA_SHARED_DIV >= remote;
}

/**
 * knuma_policy_interleaved() - is a queued page amid another node's pages?
 * @before: folios just before it used lately by tasks on other nodes
 * @after: the same after it
 *
 * Each look samples a page once, so a page two nodes share looks like the
 * faulting task's own in half the looks. Its neighbours are sampled too:
 * where the other node's tasks use folios on both sides of it, the memory
 * is shared page by page, and this page most likely with it. Memory split
 * into one part per node shows the other node on one side at most (at the
 * border of two parts).
 *
 * Return: true when the page should stay where it is.
 */
bool knuma_policy_interleaved(unsigned int before, unsigned int after)
{
	return before && after;
}

/**
 * knuma_policy_migrate() - decide one hint fault
 * @f: what is known about the fault
 *
 * Return: KNUMA_MIG_MOVE, or why not. The caller may still turn MOVE into
 * QUEUED, BACKOFF, RATELIMIT or QFULL.
 */
enum knuma_mig_verdict knuma_policy_migrate(const struct knuma_mig_facts *f)
{
	if (f->src_nid == f->dst_nid)
		return KNUMA_MIG_LOCAL;
	if (f->opted_out)
		return KNUMA_MIG_OPTOUT;
	if (f->pinned)
		return KNUMA_MIG_PINNED;
	if (!f->dst_has_memory)
		return KNUMA_MIG_NOMEM_NODE;
	/*
	 * The kernel migrates in the faulting task, whose allocation its
	 * cpuset confines; knuma's node thread allocates for it, so the
	 * decision keeps the task's cpuset.mems instead.
	 */
	if (f->cpuset_denied)
		return KNUMA_MIG_CPUSET;
	if (f->file_dirty || f->file_shared)
		return KNUMA_MIG_FILE;
	if (f->thp_shared)
		return KNUMA_MIG_THP_SHARED;
	if (f->group_shared) {
		switch (knuma_policy_group_way(f)) {
		case KNUMA_GROUP_KEEP:
			return KNUMA_MIG_GROUP;
		case KNUMA_GROUP_GATHER:
			return KNUMA_MIG_MOVE;
		case KNUMA_GROUP_UNDECIDED:
			break;
		}
	}
	if (knuma_policy_contested(f) ||
	    (f->vma_shared && !(f->used_recently && f->used_by_this_task)))
		return KNUMA_MIG_CONTESTED;
	/* Stage one for a young task: its own page, or one nobody faulted. */
	if (f->task_young && (f->last_unset || f->last_pid_match))
		return KNUMA_MIG_MOVE;
	/* Stage two: the previous fault came from the same node. */
	if (!f->last_unset && f->last_nid == f->dst_nid)
		return KNUMA_MIG_MOVE;
	return KNUMA_MIG_FILTERED;
}

static const char * const knuma_mig_verdict_names[KNUMA_MIG_NR] = {
	[KNUMA_MIG_MOVE] = "move",
	[KNUMA_MIG_QUEUED] = "queued",
	[KNUMA_MIG_LOCAL] = "local",
	[KNUMA_MIG_OPTOUT] = "opted_out",
	[KNUMA_MIG_PINNED] = "pinned",
	[KNUMA_MIG_NOMEM_NODE] = "node_without_memory",
	[KNUMA_MIG_FILE] = "file",
	[KNUMA_MIG_FILTERED] = "filtered",
	[KNUMA_MIG_BACKOFF] = "backoff",
	[KNUMA_MIG_RATELIMIT] = "ratelimited",
	[KNUMA_MIG_QFULL] = "queue_full",
	[KNUMA_MIG_INQUEUE] = "already_queued",
	[KNUMA_MIG_OBSERVE] = "observe_only",
	[KNUMA_MIG_FALLBACK] = "sync_fallback",
	[KNUMA_MIG_GROUP] = "group",
	[KNUMA_MIG_CONTESTED] = "contested",
	[KNUMA_MIG_CPUSET] = "cpuset",
	[KNUMA_MIG_THP_SHARED] = "thp_shared",
};

/**
 * knuma_policy_mig_verdict_name() - short name of a verdict
 * @v: the verdict
 *
 * Return: a name for statistics, "?" when out of range.
 */
const char *knuma_policy_mig_verdict_name(enum knuma_mig_verdict v)
{
	if ((unsigned int)v >= KNUMA_MIG_NR)
		return "?";
	return knuma_mig_verdict_names[v];
}

#define KNUMA_NS_PER_S		1000000000ULL
#define KNUMA_US_PER_S		1000000ULL

/**
 * knuma_policy_ratelimit() - take @bytes from a node's migration budget
 * @rl: the node's bucket (the caller serialises access)
 * @now_ns: monotonic time
 * @mb_per_s: the limit in MiB/s, 0 for none
 * @bytes: size of the folio that wants to move
 *
 * The bucket refills at @mb_per_s and holds at most 500 ms of it: hint
 * faults come in bursts, one per page just after each scan pass, and a
 * smaller bucket would admit far less than the rate. A folio is admitted
 * while the bucket is not empty, even if it is larger than what is left
 * (a 2 MiB THP must pass a small limit too); the bucket then goes into
 * debt. Over any interval T the admitted bytes stay under
 * rate * (T + 0.5 s) + one folio.
 *
 * Return: true when the folio may move.
 */
bool knuma_policy_ratelimit(struct knuma_ratelimit *rl,
			    unsigned long long now_ns, unsigned int mb_per_s,
			    unsigned long bytes)
{
	unsigned long long rate, elapsed_us;
	long long burst;

	if (!mb_per_s)
		return true;
	rate = (unsigned long long)mb_per_s << 20;	/* bytes per second */
	burst = (long long)(rate / 2);
	elapsed_us = now_ns > rl->last_ns ? (now_ns - rl->last_ns) / 1000 : 0;
	if (!rl->last_ns || elapsed_us > KNUMA_US_PER_S)
		elapsed_us = KNUMA_US_PER_S;
	rl->last_ns = now_ns;
	/* elapsed_us <= 1e6 and rate < 2^37: no overflow. */
	rl->tokens += (long long)(elapsed_us * rate / KNUMA_US_PER_S);
	if (rl->tokens > burst)
		rl->tokens = burst;
	if (rl->tokens <= 0)
		return false;
	rl->tokens -= (long long)bytes;
	return true;
}

/**
 * knuma_policy_backoff_ms() - back-off after a migration batch
 * @prev_ms: the current back-off, 0 when none
 * @alloc_failed: the batch could not allocate on the target node
 *
 * Doubles from KNUMA_BACKOFF_MIN_MS up to KNUMA_BACKOFF_MAX_MS while
 * allocations fail, and ends at the first batch that allocates.
 *
 * Return: the new back-off in ms, 0 for none.
 */
unsigned int knuma_policy_backoff_ms(unsigned int prev_ms, bool alloc_failed)
{
	if (!alloc_failed)
		return 0;
	if (prev_ms < KNUMA_BACKOFF_MIN_MS)
		return KNUMA_BACKOFF_MIN_MS;
	if (prev_ms >= KNUMA_BACKOFF_MAX_MS / 2)
		return KNUMA_BACKOFF_MAX_MS;
	return prev_ms * 2;
}

/**
 * knuma_policy_async_lagging() - has a node thread fallen behind its queue?
 * @oldest_wait_ms: how long the oldest queued folio has waited
 * @paced: the rate limit holds the queue back on purpose
 * @full: the queue has no free slot
 * @stall_ms: migrate_stall_ms, 0 to never fall back
 *
 * Asynchronous migration needs CPU time on the target node. When every CPU
 * there is busy, the node thread gets a fair share at most and the queue
 * ages; the pages it holds stay remote. Past @stall_ms the faults to that
 * node migrate in their own context again, as in sync mode: the process
 * that wants its memory near pays for the copy, as under mainline, instead
 * of waiting for an idle CPU that may never come. A full queue is behind
 * too, however young its oldest folio: a fault it turned away would leave
 * its page remote until a later look at it, which a process whose faults
 * are now mostly local gets seconds later (seen: 4 processes pulling 64 MiB
 * of base pages each, 53 faults turned away, one process stuck at 87 %
 * local). A queue held back by the rate limit is not lagging: the limit
 * applies to sync moves as well.
 *
 * Return: true when new faults should migrate synchronously.
 */
bool knuma_policy_async_lagging(unsigned long long oldest_wait_ms,
				bool paced, bool full, unsigned int stall_ms)
{
	return stall_ms && !paced && (full || oldest_wait_ms >= stall_ms);
}
