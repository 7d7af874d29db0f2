package org.memsim.alloc;

import org.memsim.cost.CostModel;
import org.memsim.cost.SimClock;
import org.memsim.kernel.SystemCalls;
import org.memsim.layer.LayerLog;
import org.memsim.metrics.Metrics;
import org.memsim.vm.MemoryPort;

/** What an allocator is built on: the kernel's system calls, the MMU to touch memory, costs and metrics. */
public record AllocatorContext(SystemCalls kernel, MemoryPort memory, CostModel cost, SimClock clock,
                               Metrics metrics, LayerLog log) {}
