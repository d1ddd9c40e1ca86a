"""Run commands round-robin and report wall time and peak memory; bench_build.py's runner.

Reads {"runs": N, "cases": [{"key", "command", "env", "once"}]} as JSON on stdin, runs
each command once as a warm-up, then N rounds of every command (a "once" command only
runs the warm-up, keeping its stdout), and prints {key: {"samples": [[s, MiB, CPU s], ...],
"stdout": ..., "error": ...}} as JSON.

Kept lean on purpose and started with -I -S: on Linux a child's ru_maxrss starts from
the resident size of the process that spawned it (the vfork'd child execs with the
parent's high-water mark), so a fat spawner would lift every peak to its own size.
"""

import json
import os
import subprocess
import sys
import time


def run_once(command, env, cwd):
    """Wall seconds, peak RSS in MiB, CPU seconds and stdout of one child; raises RuntimeError."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # Pipes are read after the child is gone so the time is the child's alone; these
    # commands print far less than a pipe holds.
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    out = process.stdout.read().decode()
    err = process.stderr.read().decode()
    process.stdout.close()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code != 0:
        raise RuntimeError(f"exit status {code}; stderr:\n{err.rstrip()}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss / 1024, cpu, out  # ru_maxrss is KiB on Linux


def main():
    spec = json.load(sys.stdin)
    results = {case["key"]: {"samples": [], "stdout": "", "error": None} for case in spec["cases"]}
    for round_number in range(spec["runs"] + 1):
        for case in spec["cases"]:
            result = results[case["key"]]
            if result["error"] is not None or (case["once"] and round_number > 0):
                continue
            try:
                elapsed, peak, cpu, out = run_once(case["command"], case["env"], spec["cwd"])
            except RuntimeError as exc:
                late = (
                    f"failed in round {round_number} after passing before: " if round_number else ""
                )
                result["error"] = late + str(exc)
                continue
            if round_number > 0 or case["once"]:
                result["samples"].append([elapsed, peak, cpu])
                result["stdout"] = out
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
