// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/knuma/: read-only, root-only, not a stable ABI.
 * Anything writable lives in /sys/module/knuma/parameters, because lockdown
 * (Secure Boot) refuses writes to debugfs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include "knuma.h"

static struct dentry *knuma_debugfs_dir;

static int knuma_status_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "knuma %s\n", KNUMA_VERSION);
	seq_printf(m, "kernel: %s\n", init_utsname()->release);
	seq_printf(m, "enabled: %d\n", READ_ONCE(knuma_enabled) ? 1 : 0);
	seq_printf(m, "migrate_mode: %s\n", knuma_migrate_mode_name());
	seq_printf(m, "scope: %s\n", knuma_scope_name());
	seq_printf(m, "nodes: %d online, %d with memory, %d with cpus\n",
		   num_online_nodes(), num_node_state(N_MEMORY),
		   num_node_state(N_CPU));
	knuma_health_show(m);
	knuma_sysctl_show(m);
	knuma_symbols_show(m);
	knuma_hooks_show(m);
	knuma_scan_incontext_show(m);
	knuma_scan_skips_show(m);
	knuma_vmas_show(m);
	knuma_scan_threads_show(m);
	knuma_stats_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_status);

/* The other files print one thing each: their show function is the data. */
static int knuma_debugfs_show(struct seq_file *m, void *unused)
{
	void (*show)(struct seq_file *m) = m->private;

	show(m);
	return 0;
}

static int knuma_debugfs_open(struct inode *inode, struct file *file)
{
	return single_open(file, knuma_debugfs_show, inode->i_private);
}

static const struct file_operations knuma_debugfs_fops = {
	.owner = THIS_MODULE,
	.open = knuma_debugfs_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static const struct {
	const char *name;
	void (*show)(struct seq_file *m);
} knuma_debugfs_files[] = {
	{ "mms", knuma_mms_show },
	{ "stats", knuma_stats_file_show },
	{ "nodes", knuma_nodes_file_show },
	{ "tasks", knuma_mms_top_show },
	{ "histograms", knuma_hist_file_show },
};

/**
 * knuma_debugfs_init() - create /sys/kernel/debug/knuma/
 *
 * Failures are not fatal and not checked, as debugfs wants.
 */
void knuma_debugfs_init(void)
{
	unsigned int i;

	knuma_debugfs_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("status", 0400, knuma_debugfs_dir, NULL,
			    &knuma_status_fops);
	for (i = 0; i < ARRAY_SIZE(knuma_debugfs_files); i++)
		debugfs_create_file(knuma_debugfs_files[i].name, 0400,
				    knuma_debugfs_dir,
				    knuma_debugfs_files[i].show,
				    &knuma_debugfs_fops);
}

/**
 * knuma_debugfs_exit() - remove /sys/kernel/debug/knuma/
 */
void knuma_debugfs_exit(void)
{
	debugfs_remove_recursive(knuma_debugfs_dir);
	knuma_debugfs_dir = NULL;
}
