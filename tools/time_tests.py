"""Time the README's test command as a new user types it: in a fresh clone of HEAD, no thread settings exported.

    python tools/time_tests.py

Prints the command's last line and its wall time. Nothing is asserted about the time: this is a measurement."""
import os, re, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = 'pytest tests'

if __name__ == '__main__':
    readme = (ROOT/'README.md').read_text(encoding='utf-8')
    if f'\n{TEST}\n' not in readme: sys.exit(f'README.md no longer gives `{TEST}` as its test command: update tools/time_tests.py')
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp)/'rnnbook'
        subprocess.run(['git', 'clone', '-q', str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not re.fullmatch(r'(OMP|MKL|OPENBLAS)_NUM_THREADS', k)}
        env['PYTHONPATH'] = str(clone)  # the clone's own rnnbook, not an installed one
        t0 = time.perf_counter()
        r = subprocess.run(TEST, shell=True, cwd=clone, env=env, capture_output=True, text=True)
        secs = time.perf_counter() - t0
    last = (r.stdout.strip().splitlines() or [''])[-1]
    print(f'`{TEST}` in a fresh clone of HEAD, {os.cpu_count()} cores, no thread settings: {secs:.0f} s, exit {r.returncode}: {last}')
    if r.returncode: print(r.stdout[-5000:], r.stderr[-2000:])
    sys.exit(r.returncode)
