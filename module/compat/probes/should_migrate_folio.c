// SPDX-License-Identifier: GPL-2.0
/* v6.7: should_numa_migrate_memory() takes a folio instead of a page. */
#include <linux/build_bug.h>
#include <linux/mm_types.h>
#include <linux/sched/numa_balancing.h>
static_assert(__builtin_types_compatible_p(typeof(should_numa_migrate_memory),
					   bool (struct task_struct *, struct folio *, int, int)),
	      "should_numa_migrate_memory() takes a page");
