// SPDX-License-Identifier: GPL-2.0
/*
 * numagroup: two processes sharing memory, for the kernel's NUMA groups.
 *
 *   numagroup [-m MiB] [-s SECONDS] [-r REPORT_MS] [-u PCT]
 *
 * Maps MiB of MAP_SHARED|MAP_ANONYMOUS memory, first-touches it under
 * MPOL_INTERLEAVE over nodes 0 and 1, goes back to MPOL_DEFAULT and gives
 * the region a shared MPOL_BIND | MPOL_F_NUMA_BALANCING policy over nodes 0
 * and 1 (the pages may move between them; without a shared policy with
 * migrate-on-fault 6.1 never balances shmem) and forks two workers: a starts bound to the CPUs of node 0,
 * b to those of node 1; after one pass of writes there, both reset their
 * CPU affinity to every CPU and keep writing every page of the region. The
 * parent unmaps the region and only watches: every REPORT_MS it reads the
 * workers' /proc/PID/sched and where the pages are (move_pages() on a's
 * mapping) and prints
 *   t_ms <ms> a_node <n> a_pref <nid> a_group <gid> b_node <n> b_pref <nid>
 *        b_group <gid> node0_pct <pct> node1_pct <pct>
 * (one line; node = current_node, pref = numa_preferred_nid, group =
 * numa_group_id, 0 for none). It stops after SECONDS, or once, at two
 * reports in a row, a and b were in one NUMA group (the same nonzero
 * numa_group_id) with PCT % (default 70) of the pages on one node. Before
 * that it prints "pids <a> <b>" and "start node0_pct <pct> node1_pct <pct>"
 * (when both workers have released their affinity); at the end the NUMA
 * lines of the workers' /proc/PID/sched as "sched a|b <line>", then
 *   final a_group <gid> b_group <gid> a_node <n> b_node <n> major_node <n>
 *         major_pct <pct> node0_pct <pct> node1_pct <pct> group_ms <ms|-1>
 *         reached_ms <ms|-1> data ok|CORRUPT
 * (one line), with the figures of the last report. reached_ms: when the
 * outcome that ended the run began to hold; group_ms: when a and b were
 * first seen in one group. Each
 * page keeps its index in its first word, and each worker its pass count in
 * a byte of its own; the workers check both when stopped: corruption shows
 * as "data CORRUPT" and exit status 1.
 */
#include <fcntl.h>
#include <numa.h>
#include <numaif.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#ifndef MPOL_F_NUMA_BALANCING
#define MPOL_F_NUMA_BALANCING	(1 << 13)
#endif

struct sched_numa {
	long preferred;		/* numa_preferred_nid */
	long node;		/* current_node */
	long group;		/* numa_group_id */
};

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* Read /proc/PID/sched into text and parse its NUMA fields; -1 if gone. */
static int read_sched(pid_t pid, char *text, struct sched_numa *s)
{
	const char *cn;

	if (sched_read((int)pid, text))
		return -1;
	cn = strstr(text, "current_node=");
	if (sched_value(text, "numa_preferred_nid", &s->preferred) || !cn ||
	    sscanf(cn, "current_node=%ld, numa_group_id=%ld",
		   &s->node, &s->group) != 2)
		return -1;
	return 0;
}

/* Worker w (0 or 1): start on node w, then write the region until stopped. */
static int worker(int w, char *buf, size_t npages, size_t psz, int ready)
{
	unsigned char pass = 1;
	size_t i;

	if (numa_run_on_node(w))
		die("numagroup: cannot run on node %d", w);
	for (i = 0; i < npages; i++)
		buf[i * psz + 8 + w] = pass;
	if (numa_run_on_node(-1))
		die("numagroup: cannot reset the CPU affinity");
	if (write(ready, "r", 1) != 1)
		die("numagroup: cannot report ready");
	close(ready);
	while (!stop) {
		pass++;
		for (i = 0; i < npages; i++)
			buf[i * psz + 8 + w] = pass;
	}
	for (i = 0; i < npages; i++)
		if (*(uint64_t *)(buf + i * psz) != i ||
		    (unsigned char)buf[i * psz + 8 + w] != pass)
			return 1;
	return 0;
}

/* Percentage of a's pages of the region on nodes 0 and 1. */
static void split(pid_t pid, void **addrs, int *status, size_t npages,
		  double pct[2])
{
	size_t i, on[2] = { 0, 0 };

	if (move_pages(pid, npages, addrs, NULL, status, 0))
		die("numagroup: move_pages query of pid %d failed", (int)pid);
	for (i = 0; i < npages; i++)
		if (status[i] == 0 || status[i] == 1)
			on[status[i]]++;
	pct[0] = 100.0 * on[0] / npages;
	pct[1] = 100.0 * on[1] / npages;
}

/* The NUMA lines of a /proc/PID/sched text, prefixed. */
static void dump_sched(const char *who, char *text)
{
	char *l;

	for (l = strtok(text, "\n"); l; l = strtok(NULL, "\n"))
		if (strstr(l, "numa_") || strstr(l, "current_node"))
			printf("sched %s %s\n", who, l);
}

int main(int argc, char **argv)
{
	long mib = 64, secs = 30, report = 500, until = 70;
	long start, t, reached = -1, group_ms = -1, hold_since = 0;
	static char text_a[SCHED_BUF], text_b[SCHED_BUF];
	size_t psz = sysconf(_SC_PAGESIZE), npages, i;
	unsigned long mask = 3;	/* nodes 0 and 1 */
	struct sched_numa sa = { 0 }, sb = { 0 };
	int o, w, grouped, hold = 0, corrupt = 0, ready[2];
	double pct[2] = { 0, 0 }, major = 0;
	struct sigaction sig = { 0 };
	pid_t pids[2];
	void **addrs;
	int *status;
	char *buf, c;

	while ((o = getopt(argc, argv, "m:s:r:u:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		case 'r': report = atol(optarg); break;
		case 'u': until = atol(optarg); break;
		default: die("usage: numagroup [-m MiB] [-s S] [-r MS] [-u PCT]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < 1)
		die("numagroup: nodes 0 and 1 are not both present");

	npages = (size_t)mib << 20 >> __builtin_ctzl(psz);
	buf = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	addrs = calloc(npages, sizeof(*addrs));
	status = calloc(npages, sizeof(*status));
	if (buf == MAP_FAILED || !addrs || !status)
		die("numagroup: cannot map %ld MiB", mib);
	for (i = 0; i < npages; i++)
		addrs[i] = buf + i * psz;
	/* Half of the pages on each node, then a policy that lets them move. */
	if (set_mempolicy(MPOL_INTERLEAVE, &mask, sizeof(mask) * 8))
		die("numagroup: set_mempolicy(MPOL_INTERLEAVE) failed");
	for (i = 0; i < npages; i++)
		*(uint64_t *)(buf + i * psz) = i;
	if (set_mempolicy(MPOL_DEFAULT, NULL, 0))
		die("numagroup: set_mempolicy(MPOL_DEFAULT) failed");
	/*
	 * Shared memory is balanced only as vma_policy_mof() says: 6.1 never
	 * scans shmem without a shared policy carrying MPOL_F_MOF. Give it
	 * one that allows both nodes, so that every kernel scans it.
	 */
	if (mbind(buf, npages * psz, MPOL_BIND | MPOL_F_NUMA_BALANCING, &mask,
		  sizeof(mask) * 8, 0))
		die("numagroup: mbind(MPOL_BIND | MPOL_F_NUMA_BALANCING) failed");

	sig.sa_handler = on_stop;
	sigaction(SIGUSR1, &sig, NULL);
	if (pipe(ready))
		die("numagroup: pipe failed");
	fflush(stdout);
	for (w = 0; w < 2; w++) {
		pids[w] = fork();
		if (pids[w] < 0)
			die("numagroup: fork failed");
		if (!pids[w]) {
			/* A worker must not outlive a parent that died. */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() == 1)
				_exit(2);
			close(ready[0]);
			_exit(worker(w, buf, npages, psz, ready[1]));
		}
	}
	close(ready[1]);
	munmap(buf, npages * psz);
	printf("pids %d %d\n", (int)pids[0], (int)pids[1]);
	for (w = 0; w < 2; w++)
		if (read(ready[0], &c, 1) != 1)
			die("numagroup: a worker died before it was ready");
	split(pids[0], addrs, status, npages, pct);
	printf("start node0_pct %.1f node1_pct %.1f\n", pct[0], pct[1]);
	fflush(stdout);

	start = now_ms();
	for (;;) {
		usleep(report * 1000);
		t = now_ms() - start;
		if (waitpid(-1, NULL, WNOHANG) > 0)
			die("numagroup: a worker died");
		if (read_sched(pids[0], text_a, &sa) ||
		    read_sched(pids[1], text_b, &sb))
			die("numagroup: cannot read the workers' /proc/PID/sched");
		split(pids[0], addrs, status, npages, pct);
		printf("t_ms %ld a_node %ld a_pref %ld a_group %ld b_node %ld b_pref %ld b_group %ld node0_pct %.1f node1_pct %.1f\n",
		       t, sa.node, sa.preferred, sa.group, sb.node, sb.preferred,
		       sb.group, pct[0], pct[1]);
		fflush(stdout);
		major = pct[0] > pct[1] ? pct[0] : pct[1];
		grouped = sa.group && sa.group == sb.group;
		if (grouped && group_ms < 0)
			group_ms = t;
		if (grouped && major >= until) {
			if (!hold++)
				hold_since = t;
			if (hold >= 2) {
				reached = hold_since;
				break;
			}
		} else {
			hold = 0;
		}
		if (t >= secs * 1000)
			break;
	}
	dump_sched("a", text_a);
	dump_sched("b", text_b);
	for (w = 0; w < 2; w++) {
		int st;

		kill(pids[w], SIGUSR1);
		if (waitpid(pids[w], &st, 0) != pids[w] || !WIFEXITED(st) ||
		    WEXITSTATUS(st) > 1)
			die("numagroup: worker %c failed", 'a' + w);
		corrupt |= WEXITSTATUS(st);
	}
	printf("final a_group %ld b_group %ld a_node %ld b_node %ld major_node %d major_pct %.1f node0_pct %.1f node1_pct %.1f group_ms %ld reached_ms %ld data %s\n",
	       sa.group, sb.group, sa.node, sb.node, pct[1] > pct[0], major,
	       pct[0], pct[1], group_ms, reached, corrupt ? "CORRUPT" : "ok");
	return corrupt;
}
