# SPDX-License-Identifier: GPL-2.0
# knuma top-level Makefile.
#   make                  knuma.ko for the running kernel
#   make KVER=<release>   for another kernel (installed headers, or the test
#                         bed's cache .cache/kernels/<release>); KDIR= overrides
#   make W=1              extra warnings (passed through to Kbuild)
#   make check | demo     tests / demo (scripts/check.sh, scripts/demo.sh)
#   make check-debug      the guest suite on a debug kernel (scripts/check-debug.sh)
#   make unit | progs | lint | dkms-src | install | clean
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

.PHONY: all module install install-tools test-tools clean unit progs check check-debug demo lint dkms-src bench

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

# A clean source tree for DKMS: what dkms.conf builds, nothing else.
DKMS_SRC := build/dkms-src/knuma-$(VERSION)
dkms-src:
	rm -rf $(DKMS_SRC) && mkdir -p $(DKMS_SRC)
	cp -r $(SRCDIRS) scripts Kbuild Makefile dkms.conf LICENSE $(DKMS_SRC)/
	@echo $(DKMS_SRC)

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
