# SPDX-License-Identifier: GPL-2.0
# knuma top-level Makefile.
#   make                  knuma.ko for the running kernel
#   make KVER=<release>   for another kernel (installed headers, or the test
#                         bed's cache .cache/kernels/<release>); KDIR= overrides
#   make W=1              extra warnings (passed through to Kbuild)
#   make check | demo     tests / demo (scripts/check.sh, scripts/demo.sh)
#   make check-debug      the guest suite on a debug kernel (scripts/check-debug.sh)
#   make unit | progs | lint | dkms-src | install | clean
#   make dkms-install     the dkms-src export to /usr/src/knuma-<ver>, then
#                         dkms add/build/install for $(KVER); make dkms-remove
#                         undoes it. DKMS_SOURCETREE, DKMS_TREE,
#                         DKMS_INSTALLTREE and DKMS_ARGS redirect them (tests)
#   make deb              build/deb/knuma-dkms_<ver>_all.deb (scripts/mkdeb.sh)
#   make install-tools    scripts/knumastat to $(DESTDIR)$(SBINDIR) (also
#                         done by make install); make test-tools tests it

VERSION := $(shell sed -n 's/^\#define KNUMA_VERSION "\(.*\)"/\1/p' module/knuma.h)
KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(wildcard $(CURDIR)/.cache/kernels/$(KVER)/root/usr/src/linux-headers-$(KVER)))
OUT := $(CURDIR)/build/$(KVER)
SRCDIRS := module hooks scanner policy
PROBES := $(wildcard module/compat/probes/*.c)

CC ?= cc
HOST_CFLAGS := -O2 -g -Wall -Wextra -Werror -std=gnu11

SBINDIR ?= /usr/local/sbin

.PHONY: all module install install-tools test-tools clean unit progs check check-debug demo lint dkms-src bench \
	dkms-install dkms-remove deb

all: module

module:
	@test -n "$(KDIR)" || { echo "knuma: no kernel build tree for $(KVER):" \
	  "install linux-headers-$(KVER), or pass KDIR=, or run scripts/fetch-kernel.sh" >&2; exit 1; }
	@mkdir -p $(OUT)
	@cp -rs --remove-destination $(addprefix $(CURDIR)/,$(SRCDIRS) Kbuild) $(OUT)/
	@$(MAKE) --no-print-directory $(OUT)/knuma_probes.h
	$(MAKE) -C $(KDIR) M=$(OUT) modules

$(OUT)/knuma_probes.h: $(PROBES) scripts/probe.sh
	scripts/probe.sh $(KDIR) $@

install: module install-tools
	$(MAKE) -C $(KDIR) M=$(OUT) modules_install
	depmod -a $(KVER)

# Operator tools (no kernel build needed).
install-tools:
	install -D -m 0755 scripts/knumastat $(DESTDIR)$(SBINDIR)/knumastat

test-tools:
	scripts/test-knumastat.sh

# Host unit tests of policy/ (Check framework).
UNIT_SRCS := $(wildcard tests/unit/*.c) $(wildcard policy/*.c)
build/unit/knuma-unit: $(UNIT_SRCS) $(wildcard policy/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -Ipolicy -o $@ $(UNIT_SRCS) $$(pkg-config --cflags --libs check)

unit: build/unit/knuma-unit
	build/unit/knuma-unit

# Static guest test programs (linked with libnuma).
PROG_SRCS := $(wildcard tests/prog/*.c)
progs: $(patsubst tests/prog/%.c,build/progs/%,$(PROG_SRCS))
build/progs/%: tests/prog/%.c tests/prog/common.h
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -static -pthread -o $@ $< -lnuma

# A clean source tree for DKMS: what dkms.conf builds, nothing else. Build
# artefacts of an in-tree build (make -C <kdir> M=$$PWD) are left out.
DKMS_SRC := build/dkms-src/knuma-$(VERSION)
# module/kernels.mk's range as a pattern of kernel releases, series by
# series: ^(6[.]1|6[.]2|...|7[.]3)[.]
include module/kernels.mk
# (expanded only by dkms-src)
KERNEL_SERIES_RE = $(shell set -- $(subst ., ,$(KNUMA_KERNEL_MIN) $(KNUMA_KERNEL_MAX)); \
	re=; v=$$1; p=$$2; \
	while [ $$v -lt $$3 ] || { [ $$v -eq $$3 ] && [ $$p -le $$4 ]; }; do \
		re="$$re$${re:+|}$$v[.]$$p"; p=$$((p + 1)); \
		[ $$p -lt 100 ] || { v=$$((v + 1)); p=0; }; \
	done; echo "^($$re)[.]")
dkms-src:
	rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	cp -r $(SRCDIRS) scripts Kbuild Makefile dkms.conf LICENSE $(DKMS_SRC)/
	sed -i 's/^BUILD_EXCLUSIVE_KERNEL=""$$/BUILD_EXCLUSIVE_KERNEL="$(KERNEL_SERIES_RE)"/' $(DKMS_SRC)/dkms.conf
	find $(DKMS_SRC) \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
	  -o -name '*.cmd' -o -name '*.o.d' -o -name modules.order -o -name Module.symvers \
	  -o -name .tmp_versions -o -name __pycache__ \) -prune -exec rm -rf {} +
	@echo $(DKMS_SRC)

# DKMS install for one kernel, and its removal (scripts/dkms.sh). The trees
# default to the system's; a test points them at private directories.
DKMS ?= dkms
DKMS_SOURCETREE ?= /usr/src
DKMS_TREE ?= /var/lib/dkms
DKMS_INSTALLTREE ?= /lib/modules
DKMS_ARGS ?=
DKMS_ENV = VERSION='$(VERSION)' KVER='$(KVER)' KDIR='$(strip $(KDIR))' DKMS='$(DKMS)' \
	DKMS_SOURCETREE='$(DKMS_SOURCETREE)' DKMS_TREE='$(DKMS_TREE)' \
	DKMS_INSTALLTREE='$(DKMS_INSTALLTREE)' DKMS_ARGS='$(DKMS_ARGS)'

dkms-install: dkms-src
	@$(DKMS_ENV) scripts/dkms.sh install $(DKMS_SRC)

dkms-remove:
	@$(DKMS_ENV) scripts/dkms.sh remove

# Debian package of the DKMS source (packaging/, scripts/mkdeb.sh).
deb: dkms-src
	@scripts/mkdeb.sh $(VERSION) $(DKMS_SRC)

check:
	scripts/check.sh

# The guest suite on a KASAN/lockdep/kmemleak kernel built from Debian's source.
check-debug:
	scripts/check-debug.sh

demo:
	scripts/demo.sh

lint:
	scripts/lint.sh

bench:
	scripts/bench.sh

clean:
	rm -rf build
