// SPDX-License-Identifier: GPL-2.0
/*
 * hog: fill a node with locked memory.
 *
 *   hog -n NODE -l LEAVE_MiB
 *
 * Binds itself to NODE, then maps, touches and mlocks that node's free
 * memory, 8 MiB at a time, until less than LEAVE_MiB + 8 MiB is free;
 * prints "hog ready <MiB>" and sleeps until killed.
 */
#include <numa.h>
#include <numaif.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define HOG_CHUNK	(8LL << 20)

int main(int argc, char **argv)
{
	struct bitmask *bm;
	long long freeb = 0, size = 0;
	long leave = 32;
	int node = 1, o;
	char *buf;

	while ((o = getopt(argc, argv, "n:l:")) != -1) {
		switch (o) {
		case 'n': node = atoi(optarg); break;
		case 'l': leave = atol(optarg); break;
		default: die("usage: hog -n NODE -l LEAVE_MiB");
		}
	}
	if (numa_available() < 0 || numa_max_node() < node)
		die("hog: no node %d", node);
	bm = numa_allocate_nodemask();
	numa_bitmask_setbit(bm, node);
	numa_run_on_node(node);
	numa_set_membind(bm);
	/* In 8 MiB steps, re-reading what is free: never push the node into OOM. */
	for (;;) {
		numa_node_size64(node, &freeb);
		if (getenv("HOG_DEBUG"))
			fprintf(stderr, "hog: %lld MiB locked, %lld MiB free\n",
				size >> 20, freeb >> 20);
		if (freeb - HOG_CHUNK < ((long long)leave << 20))
			break;
		buf = mmap(NULL, HOG_CHUNK, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED)
			break;
		memset(buf, 1, HOG_CHUNK);
		if (mlock(buf, HOG_CHUNK))
			die("hog: mlock failed after %lld MiB", size >> 20);
		size += HOG_CHUNK;
	}
	if (!size)
		die("hog: node %d has only %lld MiB free", node, freeb >> 20);
	printf("hog ready %lld\n", size >> 20);
	fflush(stdout);
	for (;;)
		pause();
}
