// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoints of module/knuma_trace.h are instantiated here, once.
 */
#define CREATE_TRACE_POINTS
#include "knuma_trace.h"
