#!/usr/bin/env python3
"""Time commands side by side, interleaved, on a noisy machine.

    python3 bench/ab.py RUNS CMD1 ';;' CMD2 ';;' ...

Each round runs every command once, in order, so that a change in the
machine's load touches all of them alike (hyperfine runs one command's
rounds before the next's). Prints, per command, the median wall time, the
median CPU time (user + system of the command and its children) and the
ratio of its median to the first command's. Output goes to /dev/null.
"""

import os
import resource
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    commands = [c.strip() for c in " ".join(sys.argv[2:]).split(";;") if c.strip()]
    wall = [[] for _ in commands]
    cpu = [[] for _ in commands]
    with open(os.devnull, "w") as null:
        for command in commands:  # warm-up: caches, page cache
            subprocess.run(command, shell=True, stdout=null, stderr=null, check=False)
        for _ in range(runs):
            for i, command in enumerate(commands):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, shell=True, stdout=null, stderr=null, check=False)
                wall[i].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[i].append(
                    after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                )
    base = statistics.median(wall[0])
    for i, command in enumerate(commands):
        median = statistics.median(wall[i])
        print(
            f"{median * 1000:8.1f} ms  cpu {statistics.median(cpu[i]) * 1000:7.1f} ms"
            f"  x{median / base:5.2f}  {command}"
        )


if __name__ == "__main__":
    main()
