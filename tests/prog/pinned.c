// SPDX-License-Identifier: GPL-2.0
/*
 * pinned: memory pinned for DMA must stay where it is.
 *
 *   pinned [-m MiB] [-s SECONDS]
 *
 * Runs on node 0 and first-touches two private anonymous regions of MiB
 * each (default 16). The first is pinned the way a driver pins a DMA
 * buffer: registered as an io_uring fixed buffer (a FOLL_PIN |
 * FOLL_LONGTERM pin held until exit). Then it moves itself to node 1 and
 * keeps writing every page of both for SECONDS (default 8), and prints
 *   final pinned_on1 <pct> control_on1 <pct> data ok|CORRUPT
 * Exit status 3 when io_uring cannot pin (not built in, or disabled).
 */
#include <linux/io_uring.h>
#include <numa.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "common.h"

int main(int argc, char **argv)
{
	long mib = 16, secs = 8, start;
	size_t psz = sysconf(_SC_PAGESIZE), npages, i;
	struct io_uring_params params;
	double pinned[3], control[3];
	uint64_t *a, *b, pass = 0;
	struct iovec iov;
	int o, ring, ok = 1;

	while ((o = getopt(argc, argv, "m:s:")) != -1) {
		switch (o) {
		case 'm': mib = atol(optarg); break;
		case 's': secs = atol(optarg); break;
		default: die("usage: pinned [-m MiB] [-s SECONDS]");
		}
	}
	if (numa_available() < 0 || numa_max_node() < 1)
		die("pinned: needs two NUMA nodes");
	npages = (size_t)mib << 20;
	npages /= psz;
	if (numa_run_on_node(0))
		die("pinned: cannot run on node 0");
	a = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b = mmap(NULL, npages * psz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED || b == MAP_FAILED)
		die("pinned: mmap failed");
	for (i = 0; i < npages; i++) {
		a[i * psz / 8] = i;
		b[i * psz / 8] = i;
	}

	memset(&params, 0, sizeof(params));
	ring = syscall(__NR_io_uring_setup, 1, &params);
	if (ring < 0) {
		printf("io_uring_setup: unavailable\n");
		return 3;
	}
	iov.iov_base = a;
	iov.iov_len = npages * psz;
	if (syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS, &iov, 1)) {
		printf("io_uring_register(IORING_REGISTER_BUFFERS): cannot pin\n");
		return 3;
	}

	if (numa_run_on_node(1))
		die("pinned: cannot run on node 1");
	start = now_ms();
	while (now_ms() - start < secs * 1000) {
		pass++;
		for (i = 0; i < npages; i++) {
			a[i * psz / 8] += 1;
			b[i * psz / 8] += 1;
		}
	}
	for (i = 0; i < npages; i++)
		if (a[i * psz / 8] != i + pass || b[i * psz / 8] != i + pass)
			ok = 0;
	node_shares((char *)a, npages, psz, 2, pinned);
	node_shares((char *)b, npages, psz, 2, control);
	printf("final pinned_on1 %.1f control_on1 %.1f data %s\n",
	       pinned[1], control[1], ok ? "ok" : "CORRUPT");
	close(ring);
	return ok ? 0 : 1;
}
