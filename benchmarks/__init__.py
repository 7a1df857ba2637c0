"""Benchmarks of momentum-proofs: ratios measured in one process, never absolute targets.

Run from the repository root::

    python -m benchmarks            # everything (a few minutes on 2 cores)
    python -m benchmarks --quick    # small sizes, a smoke run (seconds)
    python -m benchmarks --only rates power --json out.json

Each benchmark times its candidates in the same process (best of several rounds,
after a warm-up) and reports ratios of those times together with the target the
project set for each (issue 9).  The machine is described in the output, since
the ratios, unlike the times, are comparable across runs on the same kind of
machine.  Nothing here is a test: ``tests/test_benchmarks.py`` only checks that
the suite runs at the smallest sizes.
"""
