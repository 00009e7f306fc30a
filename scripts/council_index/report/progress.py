"""A dependency-free progress bar for long steps (a bar on a terminal, plain lines otherwise)."""

from __future__ import annotations

import sys
import time


class Progress:
    """``with Progress(total, "report") as bar: bar.step("label")`` ... draws ``[#####.....] 5/10 label``."""

    def __init__(self, total: int, title: str, stream=None, width: int = 30):
        self.total, self.title, self.width = max(total, 1), title, width
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.perf_counter()
        self.is_tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def step(self, label: str) -> None:
        self.done = min(self.done + 1, self.total)
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"{self.title} [{bar}] {self.done:>3}/{self.total} {label}"
        if self.is_tty:
            self.stream.write("\r\033[K" + line[:150])
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.is_tty:
            self.stream.write("\n")
        self.stream.write(
            f"{self.title}: {self.done}/{self.total} steps in {time.perf_counter() - self.started:.1f} s\n"
        )
        self.stream.flush()
