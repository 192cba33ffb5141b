"""The benchmark generator and the benchmark/profiling scripts (not shipped in the wheel)."""
