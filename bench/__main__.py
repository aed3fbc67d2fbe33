"""`python -m bench`: every figure of issue 23 beside its goal (bench/all.py)."""

import sys

from bench.all import main

sys.exit(main())
