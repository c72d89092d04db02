// SPDX-License-Identifier: GPL-2.0
/*
 * numainfo: print the NUMA topology the guest sees, one line per node:
 *   node <nid> cpus <n> mem_mib <total> free_mib <free>
 * and first "nodes <count>". Linked statically with libnuma.
 */
#include <numa.h>

#include "common.h"

int main(void)
{
	int nid, cpu, nodes;

	if (numa_available() < 0)
		die("numainfo: NUMA not available");
	nodes = numa_num_configured_nodes();
	printf("nodes %d\n", nodes);
	for (nid = 0; nid <= numa_max_node(); nid++) {
		struct bitmask *cpus = numa_allocate_cpumask();
		long long freeb = 0, total;
		int ncpu = 0;

		total = numa_node_size64(nid, &freeb);
		if (total < 0)
			continue;
		if (numa_node_to_cpus(nid, cpus) == 0)
			for (cpu = 0; cpu < (int)cpus->size; cpu++)
				ncpu += numa_bitmask_isbitset(cpus, cpu);
		printf("node %d cpus %d mem_mib %lld free_mib %lld\n", nid, ncpu,
		       total >> 20, freeb >> 20);
		numa_free_cpumask(cpus);
	}
	return 0;
}
