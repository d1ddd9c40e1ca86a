"""Hostile inputs through the real command line: time, peak memory, exit status, stderr.

    python bench/hostile.py [--timeout 30] [NAME_FILTER]

Each case runs `python -m cvgen ...` in a fresh folder made by a separate process (so this
one stays lean: a child's ru_maxrss starts from its spawner's, see run_commands.py). The
bound every case must keep: under 2 s of CPU time (wall time on this 2-core machine moves
with whatever else runs; a hang shows as the timeout) and 300 MiB, exit 1 or 2 (or 0 where the input is
fine), exactly one stderr line, no traceback. A line per case, then a summary; exit 1 if
any case broke the bound.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SECONDS = 2.0
MAX_MIB = 300


def run(command, cwd, timeout):
    """(wall seconds, CPU seconds, peak MiB, exit code or None if killed, stderr)."""
    env = {**os.environ, "CVGEN_NO_CACHE": "1", "PYTHONPATH": ROOT}
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    code, usage = None, None
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - start > timeout:
            os.killpg(process.pid, signal.SIGKILL)
            _, _, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    err = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    process.returncode = code if code is not None else -9
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, code, err


def main():
    args = sys.argv[1:]
    timeout = 30.0
    if args[:1] == ["--timeout"]:
        timeout, args = float(args[1]), args[2:]
    wanted = args[0] if args else ""
    with tempfile.TemporaryDirectory(prefix="cvgen-hostile-") as folder:
        made = subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench", "hostile_inputs.py"), folder],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": ROOT},
        )
        cases = json.loads(made.stdout)
        failed = 0
        print(f"{'case':30} {'wall s':>6} {'CPU s':>6} {'MiB':>5} exit  stderr")
        for case in cases:
            if wanted not in case["name"]:
                continue
            command = [sys.executable, "-m", "cvgen", *case["args"]]
            wall, cpu, mib, code, err = run(command, os.path.join(folder, case["cwd"]), timeout)
            lines = err.splitlines()
            ok = (
                cpu < MAX_SECONDS
                and mib < MAX_MIB
                and code in case["exits"]
                and (len(lines) == 1 or code == 0)  # a batch that succeeds prints progress
                and "Traceback" not in err
            )
            failed += not ok
            shown = lines[0][:90] if lines else ""
            mark = "" if ok else "  <-- FAILS"
            print(f"{case['name']:30} {wall:6.2f} {cpu:6.2f} {mib:5.0f} {code!s:>4}  {shown}{mark}")
        print(f"{failed} case(s) over the bound" if failed else "every case within the bound")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
