// SPDX-License-Identifier: GPL-2.0
/*
 * The function that counts a memcg event is __count_memcg_events(), called
 * with interrupts off by the inline count_memcg_events() (6.12); later
 * kernels have count_memcg_events() itself out of line.
 */
#include <linux/memcontrol.h>
typeof(__count_memcg_events) *knuma_probe_count_memcg_events_irqoff;
