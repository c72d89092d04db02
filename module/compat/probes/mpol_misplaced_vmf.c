// SPDX-License-Identifier: GPL-2.0
/* v6.10: mpol_misplaced() takes (folio, vm_fault, addr) instead of (page, vma, addr). */
#include <linux/mempolicy.h>
#include <linux/mm.h>
void *knuma_probe(void);
void *knuma_probe(void)
{
	int (*fn)(struct folio *, struct vm_fault *, unsigned long) = mpol_misplaced;
	return fn;
}
