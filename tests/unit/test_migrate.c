// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the migration decision (policy/migrate.c) and of the
 * scan period driven by sequences of fault counts (policy/scan_period.c).
 */
#include <check.h>

#include "policy.h"
#include "unit.h"

/* A fault from node 1 on a folio of node 0 by a settled task, nothing else. */
static struct knuma_mig_facts remote_fault(void)
{
	struct knuma_mig_facts f = {
		.src_nid = 0, .dst_nid = 1, .last_unset = false, .last_nid = 1,
		.last_pid_match = true, .task_young = false,
		.dst_has_memory = true,
	};
	return f;
}

/*
 * Replays faults on one folio the way the fault path does: each fault reads
 * the previous faulting node and pid and leaves its own.
 */
struct folio_sim {
	bool unset;
	int nid;
	int pid;
};

static enum knuma_mig_verdict sim_fault(struct folio_sim *s, int src, int dst,
					int pid, bool young)
{
	struct knuma_mig_facts f = remote_fault();

	f.src_nid = src;
	f.dst_nid = dst;
	f.last_unset = s->unset;
	f.last_nid = s->nid;
	f.last_pid_match = !s->unset && s->pid == pid;
	f.task_young = young;
	s->unset = false;
	s->nid = dst;
	s->pid = pid;
	return knuma_policy_migrate(&f);
}

START_TEST(mig_two_faults_from_one_node_move)
{
	struct folio_sim s = { .unset = true };

	/* Settled task: the first fault only records, the second agrees. */
	ck_assert_int_eq(sim_fault(&s, 0, 1, 100, false), KNUMA_MIG_FILTERED);
	ck_assert_int_eq(sim_fault(&s, 0, 1, 100, false), KNUMA_MIG_MOVE);
}
END_TEST

START_TEST(mig_alternating_nodes_never_move)
{
	struct folio_sim s = { .unset = true };
	int i;

	/* Two settled tasks on nodes 1 and 2 take turns on a node-0 page. */
	for (i = 0; i < 20; i++)
		ck_assert_int_eq(sim_fault(&s, 0, 1 + (i & 1), 100 + (i & 1), false),
				 KNUMA_MIG_FILTERED);
}
END_TEST

START_TEST(mig_young_task_moves_its_own_page_at_once)
{
	struct folio_sim s = { .unset = true };

	ck_assert_int_eq(sim_fault(&s, 0, 1, 100, true), KNUMA_MIG_MOVE);
	/* Its own page faulted last from node 0: still moves while young. */
	s.nid = 0;
	ck_assert_int_eq(sim_fault(&s, 0, 1, 100, true), KNUMA_MIG_MOVE);
	/* Another task's last fault from node 2: the filter applies. */
	s.nid = 2;
	s.pid = 200;
	ck_assert_int_eq(sim_fault(&s, 0, 1, 100, true), KNUMA_MIG_FILTERED);
}
END_TEST

START_TEST(mig_exclusions_win_over_agreement)
{
	struct knuma_mig_facts f = remote_fault();

	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	f.pinned = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_PINNED);
	f = remote_fault();
	f.opted_out = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_OPTOUT);
	f = remote_fault();
	f.dst_has_memory = false;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_NOMEM_NODE);
	f = remote_fault();
	f.file_dirty = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_FILE);
	f = remote_fault();
	f.file_shared = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_FILE);
	f = remote_fault();
	f.src_nid = f.dst_nid;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_LOCAL);
	/* Even a young task's first fault respects them. */
	f = remote_fault();
	f.task_young = true;
	f.last_unset = true;
	f.pinned = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_PINNED);
}
END_TEST

START_TEST(mig_verdict_names)
{
	int v;

	for (v = 0; v < KNUMA_MIG_NR; v++)
		ck_assert_str_ne(knuma_policy_mig_verdict_name(v), "?");
	ck_assert_str_eq(knuma_policy_mig_verdict_name(KNUMA_MIG_NR), "?");
	ck_assert_str_eq(knuma_policy_mig_verdict_name(-1), "?");
}
END_TEST

/* A shared page of a NUMA group's task, the group's counts as given. */
static struct knuma_mig_facts group_fault(long cpu_src, long cpu_dst,
					  long mem_src, long mem_dst)
{
	struct knuma_mig_facts f = remote_fault();

	f.last_pid_match = false;
	f.group_shared = true;
	f.grp_cpu_src = cpu_src;
	f.grp_cpu_dst = cpu_dst;
	f.grp_mem_src = mem_src;
	f.grp_mem_dst = mem_dst;
	f.grp_weight = KNUMA_GROUP_UNIT;	/* a base page at the shortest period */
	return f;
}

START_TEST(mig_group_weighs_cpus_then_memory)
{
	struct knuma_mig_facts f;

	/* The group runs mostly on the target: the page follows it. */
	f = group_fault(100, 301, 900, 100);
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* It runs mostly where the page is: the page stays. */
	f = group_fault(301, 100, 100, 900);
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_GROUP);
	/* It runs on both: only towards the node with more of its memory. */
	f = group_fault(100, 300, 501, 500);
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_GROUP);
	f = group_fault(300, 100, 500, 500);
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/*
	 * Towards clearly more of the group's memory, the previous fault's
	 * node does not matter: the group's tasks on two nodes fault on each
	 * page in turn, and the filter would keep the memory split.
	 */
	f = group_fault(100, 100, 400, 600);
	f.last_nid = 0;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* Within the noise of the counts, the filter decides as for any page. */
	f = group_fault(100, 100, 1000, 1040);
	f.last_nid = 0;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_FILTERED);
	f.last_nid = f.dst_nid;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* So does it where the group runs mostly on the target. */
	f = group_fault(100, 301, 900, 100);
	f.last_nid = 0;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_FILTERED);
	/* A young task's first fault does not bypass the group. */
	f = group_fault(100, 100, 600, 400);
	f.task_young = true;
	f.last_unset = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_GROUP);
	/*
	 * Used lately by another task on the other node: a group's shared
	 * page the group rule gathers moves, contested or not (else each
	 * side keeps the split: one by the group rule, one as contested);
	 * one it leaves undecided is contested as any page.
	 */
	f = group_fault(300, 100, 400, 600);
	f.used_recently = true;
	f.used_nid = f.src_nid;
	f.used_by_this_task = false;
	ck_assert(knuma_policy_contested(&f));
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	f.vma_shared = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	f.grp_mem_dst = f.grp_mem_src;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CONTESTED);
	f = group_fault(100, 300, 501, 500);
	f.used_recently = true;
	f.used_nid = f.src_nid;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_GROUP);
	/* Not shared: the group's counts do not matter. */
	f = group_fault(1000, 1, 1000, 1);
	f.group_shared = false;
	f.last_pid_match = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
}
END_TEST

START_TEST(mig_cpuset_denied_stays)
{
	struct knuma_mig_facts f = remote_fault();

	f.cpuset_denied = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CPUSET);
	/* Even a young task's first fault, and a local one stays local. */
	f.task_young = true;
	f.last_unset = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CPUSET);
	f.src_nid = f.dst_nid;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_LOCAL);
	ck_assert_str_eq(knuma_policy_mig_verdict_name(KNUMA_MIG_CPUSET), "cpuset");
}
END_TEST

START_TEST(mig_shared_thp_stays_where_kernel_keeps_it)
{
	struct knuma_mig_facts f = remote_fault();

	f.thp_shared = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_THP_SHARED);
	f.task_young = true;
	f.last_unset = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_THP_SHARED);
	f.thp_shared = false;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	ck_assert_str_eq(knuma_policy_mig_verdict_name(KNUMA_MIG_THP_SHARED), "thp_shared");
}
END_TEST

START_TEST(mig_contested_page_stays)
{
	struct knuma_mig_facts f = remote_fault();

	/* Another task used it on node 0 lately: both nodes want it. */
	f.used_recently = true;
	f.used_nid = 0;
	f.used_by_this_task = false;
	ck_assert(knuma_policy_contested(&f));
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CONTESTED);
	/* Even a young task's first fault on it. */
	f.task_young = true;
	f.last_unset = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CONTESTED);
	/* This task used it last, elsewhere: it moved, the page follows. */
	f = remote_fault();
	f.used_recently = true;
	f.used_nid = 0;
	f.used_by_this_task = true;
	ck_assert(!knuma_policy_contested(&f));
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* Used by another task, but on the faulting node: not contested. */
	f.used_by_this_task = false;
	f.used_nid = 1;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* Long ago: forgotten. */
	f.used_nid = 0;
	f.used_recently = false;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
	/* Exclusions come first: a local fault is local. */
	f = remote_fault();
	f.used_recently = true;
	f.used_nid = 0;
	f.src_nid = 1;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_LOCAL);
	/* In a VMA shared across nodes, unseen pages count as contested... */
	f = remote_fault();
	f.vma_shared = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_CONTESTED);
	/* ... but not one this task used last. */
	f.used_recently = true;
	f.used_nid = 0;
	f.used_by_this_task = true;
	ck_assert_int_eq(knuma_policy_migrate(&f), KNUMA_MIG_MOVE);
}
END_TEST

START_TEST(mig_vma_shared_by_contested_share)
{
	ck_assert(!knuma_policy_vma_shared(0, 0));
	ck_assert(!knuma_policy_vma_shared(0, 100));
	ck_assert(knuma_policy_vma_shared(25, 100));
	ck_assert(!knuma_policy_vma_shared(24, 100));
	ck_assert(knuma_policy_vma_shared(1, 1));
}
END_TEST

/*
 * The neighbour rule over a buffer of NB_FOLIOS folios whose last users sat
 * on node user[i]: how many of the folios node 1's task wants (user 1) stay.
 */
#define NB_FOLIOS	4096

static int nb_kept(const int *user, int *wanted)
{
	int i, j, kept = 0;

	*wanted = 0;
	for (i = 0; i < NB_FOLIOS; i++) {
		unsigned int before = 0, after = 0;

		if (user[i] != 1)
			continue;
		(*wanted)++;
		for (j = 1; j <= KNUMA_SHARE_NEIGHBOURS; j++) {
			before += i - j >= 0 && user[i - j] == 0;
			after += i + j < NB_FOLIOS && user[i + j] == 0;
		}
		kept += knuma_policy_interleaved(before, after);
	}
	return kept;
}

START_TEST(mig_interleaved_shared_memory_stays)
{
	static int user[NB_FOLIOS];
	unsigned long long x = 88172645463325252ULL;
	int i, wanted, kept;

	ck_assert(!knuma_policy_interleaved(0, 0));
	ck_assert(!knuma_policy_interleaved(3, 0));
	ck_assert(!knuma_policy_interleaved(0, 1));
	ck_assert(knuma_policy_interleaved(1, 1));

	/* Shared page by page: each folio last seen by either node. */
	for (i = 0; i < NB_FOLIOS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		user[i] = (int)(x & 1);
	}
	kept = nb_kept(user, &wanted);
	/* Odds of a side without node 0: 1/2^n; of either side: about 2/2^n. */
	ck_assert_int_ge(kept * (1 << KNUMA_SHARE_NEIGHBOURS),
			 wanted * ((1 << KNUMA_SHARE_NEIGHBOURS) - 3));

	/* Split into parts, one per node, of 2n folios or more: none stays. */
	for (i = 0; i < NB_FOLIOS; i++)
		user[i] = (i / (2 * KNUMA_SHARE_NEIGHBOURS)) & 1;
	ck_assert_int_eq(nb_kept(user, &wanted), 0);
	ck_assert_int_gt(wanted, 0);
	for (i = 0; i < NB_FOLIOS; i++)
		user[i] = (i / 512) & 1;
	ck_assert_int_eq(nb_kept(user, &wanted), 0);

	/* In shorter parts between two of node 0, the middle folios stay. */
	for (i = 0; i < NB_FOLIOS; i++)
		user[i] = (i / (2 * KNUMA_SHARE_NEIGHBOURS - 1)) & 1;
	kept = nb_kept(user, &wanted);
	ck_assert_int_gt(kept, 0);
	ck_assert_int_lt(kept, wanted);
}
END_TEST

#define GRP_PAGES	1000

/*
 * Two tasks of one NUMA group share GRP_PAGES pages: task t runs on node t
 * and, in each round, is active with weight weight[t]; the active task
 * faults about a third of the pages (its scan) and the group's counts halve
 * every 4 rounds, like scanner/group.c's over a few scan periods. Returns the
 * share of the pages on node 0 after @rounds rounds, in per cent, and the
 * number of pages moved in @moves.
 */
static int group_sim(int node0_start, const int weight[2], int rounds,
		     int *moves)
{
	static struct folio_sim pages[GRP_PAGES];
	static int where[GRP_PAGES];
	long cpu[2] = { 0, 0 }, mem[2] = { 0, 0 };
	unsigned int seed = 12345, i;
	int r, t, on0 = 0;

	*moves = 0;

	for (i = 0; i < GRP_PAGES; i++) {
		pages[i] = (struct folio_sim){ .unset = true };
		where[i] = i * 100 < (unsigned int)node0_start * GRP_PAGES ? 0 : 1;
	}
	for (r = 0; r < rounds; r++) {
		seed = seed * 1103515245 + 12345;
		t = (int)((seed >> 16) % (weight[0] + weight[1])) >= weight[0];
		for (i = 0; i < GRP_PAGES; i++) {
			struct knuma_mig_facts f;

			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 3)
				continue;
			/*
			 * As in the kernel: a remote fault is decided on the
			 * counts so far, then every fault, local or remote, is
			 * counted at the page's node after the decision.
			 */
			if (where[i] != t) {
				f = group_fault(cpu[where[i]], cpu[t],
						mem[where[i]], mem[t]);
				f.src_nid = where[i];
				f.dst_nid = t;
				f.last_unset = pages[i].unset;
				f.last_nid = pages[i].nid;
				f.last_pid_match = !pages[i].unset &&
						   pages[i].pid == t;
				pages[i] = (struct folio_sim){ .nid = t, .pid = t };
				if (knuma_policy_migrate(&f) == KNUMA_MIG_MOVE) {
					where[i] = t;
					(*moves)++;
				}
			}
			cpu[t] += KNUMA_GROUP_UNIT;
			mem[where[i]] += KNUMA_GROUP_UNIT;
		}
		if (r % 4 == 3)
			cpu[0] /= 2, cpu[1] /= 2, mem[0] /= 2, mem[1] /= 2;
	}
	for (i = 0; i < GRP_PAGES; i++)
		on0 += !where[i];
	return on0 * 100 / GRP_PAGES;
}

START_TEST(mig_group_gathers_shared_memory)
{
	static const int both[2] = { 1, 1 }, node1[2] = { 0, 1 };
	int pct, moves;

	/*
	 * Tasks on both nodes, pages split 48/52 or 52/48: they gather on one
	 * node (which one, the first faults decide), and few pages move twice:
	 * about half of them must move once.
	 */
	pct = group_sim(48, both, 60, &moves);
	ck_assert_msg(pct <= 10 || pct >= 90, "%d %% on node 0", pct);
	ck_assert_msg(moves <= GRP_PAGES * 6 / 10, "%d moves", moves);
	pct = group_sim(52, both, 60, &moves);
	ck_assert_msg(pct <= 10 || pct >= 90, "%d %% on node 0", pct);
	ck_assert_msg(moves <= GRP_PAGES * 6 / 10, "%d moves", moves);
	/* The group runs on node 1 only: its memory follows, from 80/20. */
	pct = group_sim(80, node1, 60, &moves);
	ck_assert_msg(pct <= 10, "%d %% on node 0", pct);
	ck_assert_msg(moves <= GRP_PAGES, "%d moves", moves);
}
END_TEST

/* The group rule's answer for given counts (weight: one base page). */
static const struct {
	long cpu_src, cpu_dst, mem_src, mem_dst;
	enum knuma_group_way way;
} ways[] = {
	/* No counts yet: the rules after the group rule decide. */
	{ 0, 0, 0, 0, KNUMA_GROUP_UNDECIDED },
	/* Exactly 3x the CPU faults is not "mostly": memory decides. */
	{ 300, 100, 500, 400, KNUMA_GROUP_KEEP },
	{ 100, 300, 500, 400, KNUMA_GROUP_KEEP },
	{ 100, 300, 400, 600, KNUMA_GROUP_GATHER },
	/* A THP's weight decides like as many base pages. */
	{ 512, 1537, 0, 512, KNUMA_GROUP_UNDECIDED },
	{ 512, 512, 0, 512, KNUMA_GROUP_GATHER },
	/*
	 * Clearly more: beyond KNUMA_GROUP_NOISE standard deviations of the
	 * sum (samples of KNUMA_GROUP_UNIT): 4000 + 4200 -> sqrt(8200 * 4) * 2
	 * = 362 > 200; 4000 + 4400 -> 367 < 400. Equal is never more.
	 */
	{ 100, 100, 4000, 4200, KNUMA_GROUP_UNDECIDED },
	{ 100, 100, 4000, 4400, KNUMA_GROUP_GATHER },
	{ 100, 100, 4000, 4000, KNUMA_GROUP_UNDECIDED },
	/* Huge counts do not overflow the test. */
	{ 1L << 40, 1L << 40, 1L << 40, (1L << 40) + (1L << 32), KNUMA_GROUP_GATHER },
	{ 1L << 40, 1L << 40, 1L << 40, (1L << 40) + (1L << 20), KNUMA_GROUP_UNDECIDED },
};

START_TEST(mig_group_shared_and_edges)
{
	struct knuma_mig_facts f = remote_fault();
	size_t i;

	/* Shared: mapped by others, or last faulted by another task. */
	ck_assert(knuma_policy_group_shared(&f, true));
	ck_assert(!knuma_policy_group_shared(&f, false));
	f.last_pid_match = false;
	ck_assert(knuma_policy_group_shared(&f, false));
	f.last_unset = true;
	ck_assert(!knuma_policy_group_shared(&f, false));
	ck_assert(knuma_policy_group_shared(&f, true));
	for (i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		f = group_fault(ways[i].cpu_src, ways[i].cpu_dst,
				ways[i].mem_src, ways[i].mem_dst);
		ck_assert_msg(knuma_policy_group_way(&f) == ways[i].way,
			      "case %zu: way %d, expected %d", i,
			      knuma_policy_group_way(&f), ways[i].way);
	}
	/*
	 * The noise is that of faults weighing as much as this one: one THP
	 * fault (512 pages) against none is not clearly more; eight are.
	 */
	f = group_fault(100, 100, 0, 512 * KNUMA_GROUP_UNIT);
	f.grp_weight = 512 * KNUMA_GROUP_UNIT;
	ck_assert_int_eq(knuma_policy_group_way(&f), KNUMA_GROUP_UNDECIDED);
	f.grp_mem_dst = 8 * 512 * KNUMA_GROUP_UNIT;
	ck_assert_int_eq(knuma_policy_group_way(&f), KNUMA_GROUP_GATHER);
	/* No weight given: taken as 1. */
	f = group_fault(100, 100, 0, 8);
	f.grp_weight = 0;
	ck_assert_int_eq(knuma_policy_group_way(&f), KNUMA_GROUP_GATHER);
}
END_TEST

#define MS 1000000ULL
#define MIB (1UL << 20)

START_TEST(rate_unlimited_always_admits)
{
	struct knuma_ratelimit rl = { 0 };
	int i;

	for (i = 0; i < 1000; i++)
		ck_assert(knuma_policy_ratelimit(&rl, 1, 0, 2 * MIB));
}
END_TEST

/* Offer @offer_mib MiB/s in 4 KiB or 2 MiB folios for @secs; return admitted MiB/s. */
static double rate_run(unsigned int limit, unsigned long folio, double offer_mib,
		       unsigned int secs)
{
	struct knuma_ratelimit rl = { 0 };
	unsigned long long t, step, end = secs * 1000 * MS, admitted = 0;

	step = (unsigned long long)(1e9 * folio / (offer_mib * MIB));
	for (t = 1; t < end; t += step)
		if (knuma_policy_ratelimit(&rl, t, limit, folio))
			admitted += folio;
	return (double)admitted / MIB / secs;
}

START_TEST(rate_small_pages_stay_under_limit)
{
	double r = rate_run(8, 4096, 200, 10);

	ck_assert_double_le(r, 8 * 1.1);
	ck_assert_double_ge(r, 8 * 0.9);
}
END_TEST

START_TEST(rate_thp_pass_a_small_limit)
{
	/* A 2 MiB folio is larger than the 1 MiB bucket of a 2 MiB/s limit. */
	double r = rate_run(2, 2 * MIB, 200, 10);

	ck_assert_double_le(r, 2 * 1.1);
	ck_assert_double_ge(r, 2 * 0.8);
}
END_TEST

/* Faults arrive in a burst after each 1 s scan pass, as in the fault path. */
START_TEST(rate_bursty_faults_get_a_fair_share)
{
	struct knuma_ratelimit rl = { 0 };
	unsigned long long t, admitted = 0;
	int pass, i;

	for (pass = 0; pass < 20; pass++)
		for (i = 0, t = 1 + pass * 1000 * MS; i < 64; i++, t += 100000)
			if (knuma_policy_ratelimit(&rl, t, 8, 2 * MIB))
				admitted += 2 * MIB;
	/* 8 MiB/s over 20 passes: at most 8 * 20.5 + 2, and most of that. */
	ck_assert_uint_le(admitted, (8 * 205 / 10 + 2) * MIB);
	ck_assert_uint_ge(admitted, 8 * 20 / 2 * MIB);
}
END_TEST

START_TEST(rate_under_limit_is_not_throttled)
{
	double r = rate_run(64, 4096, 16, 5);

	ck_assert_double_ge(r, 16 * 0.95);
}
END_TEST

START_TEST(rate_idle_does_not_bank_a_burst)
{
	struct knuma_ratelimit rl = { 0 };
	unsigned long long t = 1, admitted = 0;

	knuma_policy_ratelimit(&rl, t, 10, 4096);
	/* An hour idle, then a flood within one millisecond. */
	t += 3600ULL * 1000 * MS;
	while (knuma_policy_ratelimit(&rl, t, 10, 4096))
		admitted += 4096;
	ck_assert_uint_le(admitted, 10 * MIB / 2 + 4096);
}
END_TEST

START_TEST(rate_huge_limit_does_not_overflow)
{
	struct knuma_ratelimit rl = { 0 };

	ck_assert(knuma_policy_ratelimit(&rl, 1, 100000, 2 * MIB));
	ck_assert(knuma_policy_ratelimit(&rl, 2 * MS, 100000, 2 * MIB));
	ck_assert_int_gt(rl.tokens, 0);
}
END_TEST

START_TEST(backoff_doubles_and_resets)
{
	unsigned int b = 0;

	b = knuma_policy_backoff_ms(b, true);
	ck_assert_uint_eq(b, KNUMA_BACKOFF_MIN_MS);
	b = knuma_policy_backoff_ms(b, true);
	ck_assert_uint_eq(b, 2 * KNUMA_BACKOFF_MIN_MS);
	while (b < KNUMA_BACKOFF_MAX_MS)
		b = knuma_policy_backoff_ms(b, true);
	ck_assert_uint_eq(knuma_policy_backoff_ms(b, true), KNUMA_BACKOFF_MAX_MS);
	ck_assert_uint_eq(knuma_policy_backoff_ms(b, false), 0);
}
END_TEST

/* Scan period over a sequence of passes, as an mm's faults evolve. */
START_TEST(lag_falls_back_only_past_the_threshold)
{
	/* A queue that keeps moving never falls back. */
	ck_assert(!knuma_policy_async_lagging(0, false, false, 1000));
	ck_assert(!knuma_policy_async_lagging(999, false, false, 1000));
	/* The oldest folio waited a second: faults migrate themselves. */
	ck_assert(knuma_policy_async_lagging(1000, false, false, 1000));
	ck_assert(knuma_policy_async_lagging(60000, false, false, 1000));
	/* The rate limit holds it back on purpose: not a lag. */
	ck_assert(!knuma_policy_async_lagging(60000, true, false, 1000));
	/* migrate_stall_ms=0: never. */
	ck_assert(!knuma_policy_async_lagging(~0ULL, false, false, 0));
	/* A full queue is behind, unless paced or told never to fall back. */
	ck_assert(knuma_policy_async_lagging(0, false, true, 1000));
	ck_assert(!knuma_policy_async_lagging(0, true, true, 1000));
	ck_assert(!knuma_policy_async_lagging(0, false, true, 0));
}
END_TEST

START_TEST(period_follows_a_fault_sequence)
{
	unsigned int p = 1000, i;
	unsigned int seen_max = 0;

	/* Memory on the wrong node: remote faults keep the period at min. */
	for (i = 0; i < 5; i++) {
		p = knuma_policy_scan_period(p, 1000, 60000, 10, 990);
		ck_assert_uint_eq(p, 1000);
	}
	/* Migration done: faults turn local and the period grows each pass. */
	for (i = 0; i < 30; i++) {
		unsigned int prev = p;

		p = knuma_policy_scan_period(p, 1000, 60000, 1000, 0);
		ck_assert_uint_ge(p, prev);
		seen_max = p;
	}
	ck_assert_uint_eq(seen_max, 60000);
	/* The thread moves: remote faults bring the period down again. */
	for (i = 0; i < 30 && p > 1000; i++)
		p = knuma_policy_scan_period(p, 1000, 60000, 0, 1000);
	ck_assert_uint_eq(p, 1000);
	ck_assert_uint_lt(i, 30);
}
END_TEST

#define SET_BITS 10

START_TEST(ptrset_add_has_del)
{
	static unsigned long slots[1 << SET_BITS];
	struct knuma_ptrset s = { .slots = slots, .bits = SET_BITS };
	unsigned long k;

	for (k = 1; k <= 512; k++)
		ck_assert(knuma_ptrset_add(&s, k * 64));
	ck_assert_uint_eq(s.count, 512);
	for (k = 1; k <= 512; k++) {
		ck_assert(!knuma_ptrset_add(&s, k * 64));
		ck_assert(knuma_ptrset_has(&s, k * 64));
	}
	ck_assert(!knuma_ptrset_has(&s, 513 * 64));
	/* Delete every other key: the rest must stay reachable. */
	for (k = 1; k <= 512; k += 2)
		ck_assert(knuma_ptrset_del(&s, k * 64));
	ck_assert(!knuma_ptrset_del(&s, 64));
	for (k = 1; k <= 512; k++)
		ck_assert(knuma_ptrset_has(&s, k * 64) == !(k & 1));
	ck_assert_uint_eq(s.count, 256);
}
END_TEST

/* A queue's life: random adds and deletes against a plain array model. */
START_TEST(ptrset_matches_a_model)
{
	static unsigned long slots[1 << SET_BITS];
	struct knuma_ptrset s = { .slots = slots, .bits = SET_BITS };
	static bool in[4096];
	unsigned long long x = 88172645463325252ULL;
	int i, k, n = 0;

	for (i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		k = (int)(x % 4096);
		if (!in[k] && n < 512) {
			ck_assert(knuma_ptrset_add(&s, 0xffff888000000000UL + k * 4096UL));
			in[k] = true;
			n++;
		} else if (in[k]) {
			ck_assert(knuma_ptrset_del(&s, 0xffff888000000000UL + k * 4096UL));
			in[k] = false;
			n--;
		}
		if (i % 1000 == 0)
			for (k = 0; k < 4096; k++)
				ck_assert(knuma_ptrset_has(&s, 0xffff888000000000UL + k * 4096UL) == in[k]);
	}
	ck_assert_uint_eq(s.count, (unsigned int)n);
}
END_TEST

Suite *migrate_suite(void)
{
	Suite *s = suite_create("migrate");
	TCase *tc = tcase_create("decision");

	tcase_add_test(tc, mig_two_faults_from_one_node_move);
	tcase_add_test(tc, mig_alternating_nodes_never_move);
	tcase_add_test(tc, mig_young_task_moves_its_own_page_at_once);
	tcase_add_test(tc, mig_exclusions_win_over_agreement);
	tcase_add_test(tc, mig_verdict_names);
	tcase_add_test(tc, mig_group_weighs_cpus_then_memory);
	tcase_add_test(tc, mig_group_gathers_shared_memory);
	tcase_add_test(tc, mig_group_shared_and_edges);
	tcase_add_test(tc, mig_contested_page_stays);
	tcase_add_test(tc, mig_vma_shared_by_contested_share);
	tcase_add_test(tc, mig_interleaved_shared_memory_stays);
	tcase_add_test(tc, mig_cpuset_denied_stays);
	tcase_add_test(tc, mig_shared_thp_stays_where_kernel_keeps_it);
	suite_add_tcase(s, tc);

	tc = tcase_create("ratelimit");
	tcase_add_test(tc, rate_unlimited_always_admits);
	tcase_add_test(tc, rate_small_pages_stay_under_limit);
	tcase_add_test(tc, rate_thp_pass_a_small_limit);
	tcase_add_test(tc, rate_bursty_faults_get_a_fair_share);
	tcase_add_test(tc, rate_under_limit_is_not_throttled);
	tcase_add_test(tc, rate_idle_does_not_bank_a_burst);
	tcase_add_test(tc, rate_huge_limit_does_not_overflow);
	tcase_add_test(tc, backoff_doubles_and_resets);
	tcase_add_test(tc, lag_falls_back_only_past_the_threshold);
	suite_add_tcase(s, tc);

	tc = tcase_create("ptrset");
	tcase_add_test(tc, ptrset_add_has_del);
	tcase_add_test(tc, ptrset_matches_a_model);
	suite_add_tcase(s, tc);

	tc = tcase_create("period_sequence");
	tcase_add_test(tc, period_follows_a_fault_sequence);
	suite_add_tcase(s, tc);
	return s;
}
