// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the VMA relevance plan (policy/relevance.c): synthetic
 * workloads replayed pass by pass. A marked block of the hot range raises
 * hint faults at the next visit; cold blocks never do. A hot block starts
 * on the wrong node: its first faults are remote and move it (unless the
 * simulation drops them, as a full queue would), later ones are local.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "unit.h"

#define MIB		(1UL << 20)
#define BASE		(1UL << 40)	/* VMAs start 2 MiB aligned */
#define PERIOD_MS	1000ULL

struct sim {
	struct knuma_vrel st;
	struct knuma_vvisit v;
	unsigned long hot_lo, hot_hi;	/* the workload's range */
	unsigned long marked;		/* blocks marked, all passes */
	unsigned char *hit;		/* hot blocks marked at least once */
	unsigned char *local;		/* hot blocks moved already */
	bool drop;			/* remote faults are not acted on */
	unsigned long hot_hit;		/* how many */
	unsigned long long pass;
};

static void sim_init(struct sim *s, unsigned long size, unsigned long hot_off,
		     unsigned long hot_size)
{
	memset(s, 0, sizeof(*s));
	s->v.start = BASE;
	s->v.end = BASE + size;
	s->v.delay_ms = 1000;
	s->hot_lo = BASE + hot_off;
	s->hot_hi = s->hot_lo + hot_size;
	s->hit = calloc(size / KNUMA_VREL_BLOCK, 1);
	s->local = calloc(size / KNUMA_VREL_BLOCK, 1);
	ck_assert_ptr_nonnull(s->hit);
	ck_assert_ptr_nonnull(s->local);
}

/*
 * One pass at (pass + 1) * PERIOD_MS: plan, mark, and record the faults
 * the next visit will see (the hot blocks that were marked).
 */
static enum knuma_vact sim_pass(struct sim *s)
{
	struct knuma_vplan p;
	enum knuma_vact a;
	unsigned long addr, b;

	s->v.now_ms = ++s->pass * PERIOD_MS;
	a = knuma_policy_vma_plan(&s->st, &s->v, &p);
	s->v.faults = 0;
	s->v.remote = 0;
	s->v.moved = 0;
	s->v.f_lo = 0;
	s->v.f_hi = 0;
	for (addr = s->v.start; addr < s->v.end; addr += KNUMA_VREL_BLOCK) {
		if (!knuma_policy_vma_marks(&p, s->v.start, addr))
			continue;
		s->marked++;
		if (addr < s->hot_lo || addr >= s->hot_hi)
			continue;
		if (!s->v.faults || addr < s->v.f_lo)
			s->v.f_lo = addr;
		if (addr + KNUMA_VREL_BLOCK > s->v.f_hi)
			s->v.f_hi = addr + KNUMA_VREL_BLOCK;
		s->v.faults += 512;
		b = (addr - BASE) / KNUMA_VREL_BLOCK;
		if (!s->hit[b]++)
			s->hot_hit++;
		if (s->local[b])
			continue;
		s->v.remote += 512;
		if (!s->drop) {
			s->v.moved += 512;
			s->local[b] = 1;
		}
	}
	return a;
}

START_TEST(vrel_young_vma_waits)
{
	struct sim s;

	sim_init(&s, 64 * MIB, 0, 64 * MIB);
	s.st.seen_ms = 1500;	/* first seen between two passes */
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_NEW);	/* 1000 */
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_NEW);	/* 2000: 500 ms old */
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);	/* 3000 */
	ck_assert_uint_eq(s.marked, 32);
	free(s.hit);
}
END_TEST

/* Present at the first scan, with vma_delay_ms longer than the uptime. */
START_TEST(vrel_first_scan_vma_is_old_early_after_boot)
{
	struct sim s;

	sim_init(&s, 64 * MIB, 0, 64 * MIB);
	s.v.delay_ms = 30000;
	s.st.seen_ms = 1000 - 30000;	/* as knuma_vmas_update() sets it */
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);	/* 1000 */
	free(s.hit);
	free(s.local);
}
END_TEST

START_TEST(vrel_small_busy_vma_settles)
{
	struct sim s;
	int i;

	/* The follow workload: 128 MiB, all of it written all the time. */
	sim_init(&s, 128 * MIB, 0, 128 * MIB);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);
	ck_assert_uint_eq(s.hot_hit, 64);
	/* Every remote fault moved its page: settled, checked by samples. */
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_SETTLED);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_SAMPLE);
	for (i = 0; i < 12; i++)
		ck_assert_int_ne(sim_pass(&s), KNUMA_VACT_FULL);
	/* 15 passes cost less than one and a half of marking it all once. */
	ck_assert_uint_le(s.marked, 64 + 32);
	free(s.hit);
	free(s.local);
}
END_TEST

START_TEST(vrel_dropped_faults_look_again)
{
	struct sim s;

	/* Remote faults not acted on (queue full): the next pass marks again. */
	sim_init(&s, 128 * MIB, 0, 128 * MIB);
	s.drop = true;
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);
	s.drop = false;
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_FULL);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_SETTLED);
	free(s.hit);
	free(s.local);
}
END_TEST

START_TEST(vrel_idle_vma_backs_off)
{
	struct sim s;
	enum knuma_vact want[] = {
		KNUMA_VACT_FULL,			/* look: nothing faults */
		KNUMA_VACT_IDLE, KNUMA_VACT_FULL,	/* every 2nd */
		KNUMA_VACT_IDLE, KNUMA_VACT_IDLE, KNUMA_VACT_IDLE,
		KNUMA_VACT_FULL,			/* every 4th */
		KNUMA_VACT_IDLE, KNUMA_VACT_IDLE, KNUMA_VACT_IDLE,
		KNUMA_VACT_IDLE, KNUMA_VACT_IDLE, KNUMA_VACT_IDLE,
		KNUMA_VACT_IDLE, KNUMA_VACT_FULL,	/* then every 8th */
		KNUMA_VACT_IDLE,
	};
	unsigned int i;

	sim_init(&s, 64 * MIB, 0, 0);	/* never touched */
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(sim_pass(&s) == want[i], "pass %u", i);
	free(s.hit);
}
END_TEST

START_TEST(vrel_idle_vma_wakes_up)
{
	struct sim s;
	int i;

	sim_init(&s, 64 * MIB, 0, 0);
	for (i = 0; i < 20; i++)
		sim_pass(&s);
	ck_assert_uint_eq(s.st.idle, 4);
	/* Activity starts: the next look finds it, the one after marks it. */
	s.hot_lo = BASE;
	s.hot_hi = BASE + 64 * MIB;
	for (i = 0; i < 8 && !s.hot_hit; i++)
		sim_pass(&s);
	ck_assert_uint_eq(s.hot_hit, 32);
	sim_pass(&s);
	ck_assert_uint_eq(s.st.idle, 0);
	free(s.hit);
}
END_TEST

START_TEST(vrel_large_vma_is_sampled_then_windowed)
{
	struct sim s;

	/* 1 GiB, 64 MiB hot in the middle. */
	sim_init(&s, 1024 * MIB, 480 * MIB, 64 * MIB);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_SAMPLE);
	ck_assert_uint_eq(s.marked, 512 / KNUMA_VREL_STRIDE);
	ck_assert_int_eq(sim_pass(&s), KNUMA_VACT_WINDOW);
	/* The window pass covers every hot block. */
	ck_assert_uint_eq(s.hot_hit, 32);
	/* A quarter of what marking the VMA once would cost, or less. */
	ck_assert_uint_le(s.marked, 512 / 4);
}
END_TEST

START_TEST(vrel_window_follows_activity)
{
	struct sim s;
	int i;

	sim_init(&s, 1024 * MIB, 0, 32 * MIB);
	for (i = 0; i < 4; i++)
		sim_pass(&s);
	ck_assert_uint_eq(s.hot_hit, 16);
	/* The workload moves to the other end of the VMA. */
	s.hot_lo = BASE + 960 * MIB;
	s.hot_hi = BASE + 1024 * MIB;
	memset(s.hit, 0, 512);
	s.hot_hit = 0;
	for (i = 0; i < 2 * KNUMA_VREL_RELOOK && s.hot_hit < 32; i++)
		sim_pass(&s);
	ck_assert_uint_eq(s.hot_hit, 32);
	free(s.hit);
}
END_TEST

START_TEST(vrel_samples_rotate_over_every_block)
{
	struct sim s;
	unsigned int i;

	/* A 4 MiB hot spot between samples is found within one stride of looks. */
	sim_init(&s, 512 * MIB, 34 * MIB, 4 * MIB);
	for (i = 0; i < 2 * KNUMA_VREL_STRIDE && !s.hot_hit; i++)
		sim_pass(&s);
	ck_assert_uint_gt(s.hot_hit, 0);
	free(s.hit);
}
END_TEST

START_TEST(vrel_window_stays_inside_a_shrunk_vma)
{
	struct sim s;
	struct knuma_vplan p;

	sim_init(&s, 1024 * MIB, 900 * MIB, 64 * MIB);
	sim_pass(&s);
	sim_pass(&s);
	ck_assert_uint_ne(s.st.win_hi, 0);
	/* munmap of the upper half: the window is gone with it. */
	s.v.end = BASE + 512 * MIB;
	s.v.faults = 0;
	s.v.now_ms += PERIOD_MS;
	knuma_policy_vma_plan(&s.st, &s.v, &p);
	ck_assert_uint_eq(s.st.win_hi, 0);
	ck_assert_uint_le(p.hi, s.v.end);
	free(s.hit);
}
END_TEST

START_TEST(vrel_move_looks_at_once)
{
	struct sim s;
	unsigned long before;
	enum knuma_vact a;
	int i;

	/* The warm-up: 64 MiB of 1 GiB in use, all of it local. */
	sim_init(&s, 1024 * MIB, 480 * MIB, 64 * MIB);
	memset(s.local, 1, 512);
	for (i = 0; i < 12; i++)
		sim_pass(&s);
	ck_assert_uint_ne(s.st.win_hi, 0);
	ck_assert_uint_ne(s.st.settled, 0);
	/* The threads move: every hot block is remote now. */
	memset(s.local, 0, 512);
	memset(s.hit, 0, 512);
	s.hot_hit = 0;
	before = s.marked;
	knuma_policy_vma_fresh(&s.st);
	a = sim_pass(&s);
	ck_assert_msg(a == KNUMA_VACT_WINDOW || a == KNUMA_VACT_FULL,
		      "plan %s", knuma_policy_vact_name(a));
	/* The first look after the move marks the whole hot range... */
	ck_assert_uint_eq(s.hot_hit, 32);
	/* ... and not the whole VMA. */
	ck_assert_uint_lt(s.marked - before, 512 / 4);
	/* Once moved, it settles again. */
	for (i = 0; i < 3; i++)
		a = sim_pass(&s);
	ck_assert_uint_ne(s.st.settled, 0);
	free(s.hit);
	free(s.local);
}
END_TEST

/*
 * mig-async's case: 128 MiB of which only the lower half was populated when
 * it was first marked, the rest touched since; the task then moves. The
 * first look after the move marks all of it, not only the window the
 * lower half's faults drew.
 */
START_TEST(vrel_move_marks_a_small_vma_whole)
{
	struct sim s;
	enum knuma_vact a;
	int i;

	sim_init(&s, 128 * MIB, 0, 64 * MIB);
	memset(s.local, 1, 64);
	for (i = 0; i < 6; i++)
		sim_pass(&s);
	ck_assert_uint_ne(s.st.win_hi, 0);
	ck_assert_uint_ne(s.st.settled, 0);
	ck_assert_uint_lt(s.st.win_hi, BASE + 128 * MIB);
	/* Populated since, and all remote after the move. */
	s.hot_hi = BASE + 128 * MIB;
	memset(s.local, 0, 64);
	knuma_policy_vma_fresh(&s.st);
	a = sim_pass(&s);
	ck_assert_int_eq(a, KNUMA_VACT_FULL);
	ck_assert_uint_eq(s.hot_hit, 64);
	free(s.hit);
	free(s.local);
}
END_TEST

/* Faults counted in a part split off since: no window outside the VMA. */
START_TEST(vrel_faults_outside_a_split_vma)
{
	struct sim s;
	struct knuma_vplan p;
	unsigned long lo, hi;

	sim_init(&s, 64 * MIB, 0, 64 * MIB);
	s.v.now_ms = 5000;
	s.v.faults = 4;
	s.v.remote = 4;
	s.v.f_lo = BASE + 72 * MIB;
	s.v.f_hi = BASE + 74 * MIB;
	knuma_policy_vma_plan(&s.st, &s.v, &p);
	ck_assert_uint_eq(s.st.win_hi, 0);
	ck_assert_uint_le(p.lo, p.hi);
	knuma_policy_vma_known(&s.st, &p, &lo, &hi);
	ck_assert_uint_le(lo, hi);
	free(s.hit);
	free(s.local);
}
END_TEST

START_TEST(vrel_known_ranges)
{
	struct knuma_vrel st = { .win_lo = BASE + 8 * MIB, .win_hi = BASE + 16 * MIB };
	struct knuma_vplan p = {
		.act = KNUMA_VACT_SAMPLE, .lo = BASE, .hi = BASE + 64 * MIB,
	};
	unsigned long lo, hi;

	/* After a sample, every remote fault is news: the rest is unmarked. */
	knuma_policy_vma_known(&st, &p, &lo, &hi);
	ck_assert_uint_eq(lo, hi);
	/* A window or full look marked [lo, hi) whole. */
	p.act = KNUMA_VACT_WINDOW;
	knuma_policy_vma_known(&st, &p, &lo, &hi);
	ck_assert_uint_eq(lo, BASE);
	ck_assert_uint_eq(hi, BASE + 64 * MIB);
	/* Skipped as settled or idle: the window is known, not the rest. */
	p.act = KNUMA_VACT_SETTLED;
	knuma_policy_vma_known(&st, &p, &lo, &hi);
	ck_assert_uint_eq(lo, BASE + 8 * MIB);
	ck_assert_uint_eq(hi, BASE + 16 * MIB);
	st.win_hi = 0;
	p.act = KNUMA_VACT_IDLE;
	knuma_policy_vma_known(&st, &p, &lo, &hi);
	ck_assert_uint_eq(lo, hi);
	p.act = KNUMA_VACT_NEW;
	knuma_policy_vma_known(&st, &p, &lo, &hi);
	ck_assert_uint_eq(lo, hi);
}
END_TEST

START_TEST(vrel_marks_and_names)
{
	struct knuma_vplan p = {
		.act = KNUMA_VACT_SAMPLE, .lo = BASE, .hi = BASE + 64 * MIB,
		.stride = 4, .phase = 1,
	};

	ck_assert(!knuma_policy_vma_marks(&p, BASE, BASE));
	ck_assert(knuma_policy_vma_marks(&p, BASE, BASE + 2 * MIB));
	ck_assert(knuma_policy_vma_marks(&p, BASE, BASE + 10 * MIB));
	ck_assert(!knuma_policy_vma_marks(&p, BASE, BASE + 66 * MIB));
	p.act = KNUMA_VACT_IDLE;
	ck_assert(!knuma_policy_vma_marks(&p, BASE, BASE + 2 * MIB));
	p.act = KNUMA_VACT_WINDOW;
	ck_assert(knuma_policy_vma_marks(&p, BASE, BASE));
	ck_assert_str_eq(knuma_policy_vact_name(KNUMA_VACT_SAMPLE), "sample");
	ck_assert_str_eq(knuma_policy_vact_name(KNUMA_VACT_NR), "?");
}
END_TEST

Suite *relevance_suite(void)
{
	Suite *s = suite_create("relevance");
	TCase *tc = tcase_create("vma_plan");

	tcase_add_test(tc, vrel_young_vma_waits);
	tcase_add_test(tc, vrel_first_scan_vma_is_old_early_after_boot);
	tcase_add_test(tc, vrel_small_busy_vma_settles);
	tcase_add_test(tc, vrel_dropped_faults_look_again);
	tcase_add_test(tc, vrel_idle_vma_backs_off);
	tcase_add_test(tc, vrel_idle_vma_wakes_up);
	tcase_add_test(tc, vrel_large_vma_is_sampled_then_windowed);
	tcase_add_test(tc, vrel_window_follows_activity);
	tcase_add_test(tc, vrel_samples_rotate_over_every_block);
	tcase_add_test(tc, vrel_window_stays_inside_a_shrunk_vma);
	tcase_add_test(tc, vrel_move_looks_at_once);
	tcase_add_test(tc, vrel_move_marks_a_small_vma_whole);
	tcase_add_test(tc, vrel_faults_outside_a_split_vma);
	tcase_add_test(tc, vrel_known_ranges);
	tcase_add_test(tc, vrel_marks_and_names);
	suite_add_tcase(s, tc);
	return s;
}
