"""A build run: the pipeline steps, the worker pool, progress, the reaper, fault points."""
