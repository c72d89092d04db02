// SPDX-License-Identifier: GPL-2.0
/*
 * Memory cgroups count NUMA balancing events (memory.stat numa_pages_migrated,
 * numa_pte_updates, numa_hint_faults): count_memcg_events_mm() came with them.
 */
#include <linux/memcontrol.h>
#include <linux/vm_event_item.h>
void knuma_probe_memcg_numa_events(struct mm_struct *mm);
void knuma_probe_memcg_numa_events(struct mm_struct *mm)
{
	count_memcg_events_mm(mm, NUMA_PAGE_MIGRATE, 1);
}
