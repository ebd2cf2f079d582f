"""The benchmark of issue 7: `python -m bench.run --scale small|region` (see bench/README.md)."""
