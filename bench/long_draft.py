"""Issue 14: lint time of the long 'Fix it NOW!!' draft against its length (must be linear).

    .venv/bin/python bench/long_draft.py [LINES ...]      # default 4000 16000 76000

Prints seconds per size and the time per 1,000 lines; linear means that last column stays flat.
"""

from __future__ import annotations

import sys
import time


def main(sizes: list[int]) -> None:
    import caselint
    from caselint.config import Settings

    settings = Settings()
    caselint.lint_text("warm up", settings=settings)
    for lines in sizes:
        text = "Fix it NOW!!\n" * lines
        t0 = time.perf_counter()
        report = caselint.lint_text(text, settings=settings)
        took = time.perf_counter() - t0
        print(f"{lines:>7} lines  {took:7.1f} s  {1000 * took / lines:6.3f} s per 1k lines  "
              f"{len(report.findings)} findings", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [4000, 16000, 76000])
