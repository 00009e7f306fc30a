"""``index-report ...``: see report/build.py."""

import sys

from council_index.report.build import main

if __name__ == "__main__":
    sys.exit(main())
