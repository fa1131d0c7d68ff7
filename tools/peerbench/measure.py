"""Runs one command and appends its wall time, CPU time and peak memory to a file.

usage: python3 measure.py RUNS_FILE COMMAND [ARG ...]

Appends "wall_s cpu_s peak_mib" (CPU = user + system) to RUNS_FILE. The CPU time and peak
memory are the child's own (getrusage of the waited child, to the microsecond), where
/usr/bin/time prints hundredths of a second: at 1,000 labels shiplabel takes about 0.09 s of
CPU, which hundredths round by up to a ninth. The command's output is discarded; if it fails,
its error output is printed and the exit status is the command's (1 if it was killed).
"""
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs_file, command = sys.argv[1], sys.argv[2:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        sys.stderr.buffer.write(child.stderr)
        sys.exit(child.returncode if child.returncode > 0 else 1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss is in KiB on Linux; this process has waited for no other child.
    peak = after.ru_maxrss / 1024
    with open(runs_file, "a", encoding="ascii") as runs:
        runs.write(f"{wall:.3f} {cpu:.3f} {peak:.1f}\n")


if __name__ == "__main__":
    main()
