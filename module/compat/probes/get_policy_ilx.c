// SPDX-License-Identifier: GPL-2.0
/* v6.7: vm_operations_struct.get_policy() also returns an interleave index. */
#include <linux/build_bug.h>
#include <linux/mm.h>
typedef struct mempolicy *(*knuma_get_policy_ilx_t)(struct vm_area_struct *,
						     unsigned long, pgoff_t *);
static_assert(__builtin_types_compatible_p(typeof(((const struct vm_operations_struct *)0)
						  ->get_policy), knuma_get_policy_ilx_t),
	      "get_policy() without ilx");
