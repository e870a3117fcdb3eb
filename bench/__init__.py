"""Benchmarks, run by hand with ``make bench`` (``python -m bench``).

Every figure is a ratio against a baseline measured in the same run, on the
same machine, so a slow or busy machine moves both sides. Nothing here is
asserted by the test suite (tests never time anything); the load and fault
*correctness* runs live in tests/load/ and tests/deploy/.
"""
