"""Runs one command and appends its wall time, CPU time and peak memory to a file.

usage: python3 measure.py RUNS_FILE COMMAND [ARG ...]

Appends "wall_s cpu_s peak_mib" (CPU = user + system) to RUNS_FILE.

- CPU time is this process's children's, from getrusage, to the millisecond. /usr/bin/time
  prints user and system time each cut down to the hundredth of a second: at 1,000 labels,
  about 10 ms off shiplabel's 0.1 s of CPU.
- Peak memory is the one figure taken from /usr/bin/time (%M), which runs the command: a
  process started from Python would report at least Python's own peak (Linux carries a
  parent's peak into the child it starts), some 13 MiB, where /usr/bin/time is about 1 MiB.
- Wall time is from just before the command starts to just after it ends, so it includes
  starting /usr/bin/time and the command: a few milliseconds, which can only lower the
  ratios to the peers.

The command's output is discarded. If it fails, its error output and GNU time's line saying
how it ended are printed, and the exit status is GNU time's: the command's, or 128 + the
signal that killed it.
"""
import os
import resource
import subprocess
import sys
import tempfile
import time

TIME = "/usr/bin/time"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs_file, command = sys.argv[1], sys.argv[2:]
    if not os.access(TIME, os.X_OK):
        sys.exit(f"{TIME} (GNU time) is needed for the peak memory")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report_file:
        timed = [TIME, "-f", "%M", "-o", report_file.name, "--", *command]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        child = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = report_file.read().splitlines()
    if child.returncode != 0:
        sys.stderr.buffer.write(child.stderr)
        # GNU time's own line: "Command exited with non-zero status N" or "Command
        # terminated by signal N" (its status is then 128 + N).
        for line in report:
            if line.startswith("Command"):
                print(line, file=sys.stderr)
        sys.exit(child.returncode)
    if not report or not report[-1].strip().isdigit():
        sys.exit(f"{TIME} gave no peak memory: {report}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = int(report[-1]) / 1024
    with open(runs_file, "a", encoding="ascii") as runs:
        runs.write(f"{wall:.3f} {cpu:.3f} {peak:.1f}\n")


if __name__ == "__main__":
    main()
