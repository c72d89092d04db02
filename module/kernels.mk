# SPDX-License-Identifier: GPL-2.0
# The kernel series knuma is tested on (make check builds each in its own
# Debian root and runs the VM suite on it): Debian 12's 6.1 and 6.12,
# Debian 13's 6.12, sid's 7.2 and trixie-backports' 7.3. The one place that
# states the range: Kbuild refuses a series outside it (KNUMA_ALLOW_UNTESTED=1
# builds anyway, and the module then says "untested kernel" when loaded);
# make dkms-src turns it into dkms.conf's BUILD_EXCLUSIVE_KERNEL, so DKMS
# skips such kernels with a message.
KNUMA_KERNEL_MIN := 6.1
KNUMA_KERNEL_MAX := 7.3
