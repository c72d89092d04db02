// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters (/sys/module/knuma/parameters). Every writable one goes
 * through a validating setter: a rejected write returns -EINVAL and leaves
 * the value as it was.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "knuma.h"

bool knuma_enabled = true;

/*
 * Accept exactly "0" or "1", with one optional trailing newline (echo adds
 * one). param_set_bool() would also take y/n/on/off and ignore trailing
 * garbage; an operator typo must not pass silently.
 */
static int knuma_param_set_01(const char *val, const struct kernel_param *kp)
{
	size_t len = strlen(val);

	if (len == 2 && val[1] == '\n')
		len = 1;
	if (len != 1 || (val[0] != '0' && val[0] != '1'))
		return -EINVAL;
	WRITE_ONCE(*(bool *)kp->arg, val[0] == '1');
	return 0;
}

static int knuma_param_get_01(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%d\n", READ_ONCE(*(bool *)kp->arg) ? 1 : 0);
}

static const struct kernel_param_ops knuma_param_ops_01 = {
	.set = knuma_param_set_01,
	.get = knuma_param_get_01,
};

module_param_cb(enabled, &knuma_param_ops_01, &knuma_enabled, 0644);
MODULE_PARM_DESC(enabled,
		 "Master switch, runtime-writable: 1 = knuma acts, 0 = loaded but idle (default 1; 0 or 1)");

/* Load-time only and not visible in sysfs: used by the refusal-path test. */
char *knuma_test_require_symbol;
module_param_named(test_require_symbol, knuma_test_require_symbol, charp, 0);
MODULE_PARM_DESC(test_require_symbol,
		 "Testing only: an extra required kernel symbol; if missing, loading fails (default none)");
