// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

// Heap allocations made by this process so far: a benchmark linking allocationcounter.cpp
// replaces the global allocation functions (operator new and malloc, realloc, calloc) with
// counting ones.
quint64 allocationCount();
