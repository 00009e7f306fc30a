"""Command line: write the synthetic demo raw files (fictional councils, fixed seed)."""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo.generate import write_demo  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="data/demo_raw")
    parser.add_argument("--scale", type=int, default=1,
                        help="replicate the fictional universe N times with distinct codes (benchmarks)")
    args = parser.parse_args()
    print(f"DEMO DATA (synthetic, fictional councils) written to {write_demo(args.out, scale=args.scale)}")
