// SPDX-License-Identifier: GPL-2.0
/* Sanity probe: must always compile, or the probe machinery is broken. */
#include <linux/module.h>
int knuma_probe(void);
int knuma_probe(void) { return 0; }
