// SPDX-License-Identifier: Apache-2.0
#include "allocationcounter.h"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<quint64> allocations{0};

void *countedAllocation(std::size_t size)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}

} // namespace

// QByteArray allocates through malloc (QArrayData), new/delete catch the rest: count both.
void *operator new(std::size_t size)
{
    return countedAllocation(size);
}
void *operator new[](std::size_t size)
{
    return countedAllocation(size);
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}

extern "C" {
extern void *__libc_malloc(std::size_t size);
extern void *__libc_realloc(void *p, std::size_t size);
extern void *__libc_calloc(std::size_t count, std::size_t size);

void *malloc(std::size_t size)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
void *realloc(void *p, std::size_t size)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(p, size);
}
void *calloc(std::size_t count, std::size_t size)
{
    allocations.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(count, size);
}
}

quint64 allocationCount()
{
    return allocations.load();
}
