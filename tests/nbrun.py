"""Run the course's notebooks for pytest: find the cells `nbdev_test` would run, execute each notebook once
in its own worker process, and report every cell's outcome.

Notebooks run side by side, one per worker process. Each worker gets its share of the cores as torch threads
(`OMP_NUM_THREADS`, set before the notebook imports torch): torch's default of one thread per core in every
worker would oversubscribe the machine, and on a 2-core CPU that makes small-matrix code 10-100x slower."""
from __future__ import annotations
import concurrent.futures as cf, functools, multiprocessing, os, re, sys, time, traceback
from pathlib import Path


def settings(root) -> dict:
    "The [DEFAULT] section of `root`/settings.ini"
    import configparser
    cfg = configparser.ConfigParser(delimiters=['='])
    cfg.read(Path(root)/'settings.ini', encoding='utf-8')
    return dict(cfg['DEFAULT'])


def first_line(src): return next((l.strip() for l in src.splitlines() if l.strip()), '')

def slug(src, n=40):
    "A short identifier made of the first line of `src`"
    return re.sub(r'\W+', '_', first_line(src).lower()).strip('_')[:n].rstrip('_') or 'cell'


def notebook_cells(fn, tst_flags) -> list:
    "[(cell index, flags, source)] of the code cells of `fn` that `nbdev_test` runs, plus those carrying a test flag other than `notest`"
    return _notebook_cells(Path(fn).resolve(), tuple(tst_flags))

@functools.lru_cache(maxsize=None)  # collection and the runner both ask: each notebook is parsed once per process
def _notebook_cells(fn, tst_flags) -> list:
    from nbdev.frontmatter import FrontmatterProc
    from nbdev.process import NBProcessor, nb_lang
    nb = NBProcessor(fn, procs=FrontmatterProc, process=True).nb
    fm = getattr(nb, 'frontmatter_', {}) or {}
    if str(fm.get('skip_exec', False)).lower() in ('true', '1', 'yes') or nb_lang(nb) != 'python': return []
    nb = NBProcessor(fn, process=True).nb  # without the front-matter cell, so `idx_` is the cell's position
    res = []
    for cell in nb.cells:
        if cell.cell_type != 'code' or 'nbdev_export' + '(' in cell.source: continue
        direc = getattr(cell, 'directives_', {}) or {}
        if direc.get('eval:', [''])[0].lower() == 'false' or 'notest' in direc: continue
        if cell.source.strip(): res.append((cell.idx_, sorted(f for f in tst_flags if f in direc), cell.source))
    return res


def run_cells(path, cells, threads) -> dict:
    "Run `cells` [(index, source)] of notebook `path` in order in one IPython shell; {index: (traceback or None, seconds)}"
    os.environ['OMP_NUM_THREADS'] = os.environ['MKL_NUM_THREADS'] = str(threads)  # before the notebook imports torch
    os.environ['IN_TEST'] = '1'  # as nbdev_test sets it
    os.environ.setdefault('MPLBACKEND', 'Agg')
    from execnb.shell import CaptureShell
    path, res = Path(path), {}
    os.chdir(path.parent)
    shell = CaptureShell(path)
    for i, src in cells:
        t0, c0 = time.perf_counter(), time.process_time()
        shell.run(src)
        e = shell.exc
        res[i] = (None if e is None else ''.join(traceback.format_exception(type(e), e, e.__traceback__)),
                  time.perf_counter() - t0, time.process_time() - c0)
        if e is not None: break
    return res


class Runner:
    "Runs notebooks in a pool of worker processes, longest first; `result(path)` waits for one notebook"
    def __init__(self, jobs,            # {notebook path: [(cell index, source)]} to run, each in order
                 workers=None,          # worker processes; the number of cores (at most one per notebook) if None
                 order=None):           # {notebook path: seconds last time}, to start the longest first
        cores = os.cpu_count() or 1
        self.workers = max(1, min(workers or cores, len(jobs) or 1))
        self.threads = max(1, cores // self.workers)
        if os.environ.get('OMP_NUM_THREADS', '').isdigit():  # a limit the user set is kept
            self.threads = max(1, min(self.threads, int(os.environ['OMP_NUM_THREADS'])))
        kw = {'max_tasks_per_child': 1} if sys.version_info >= (3, 11) else {}  # a fresh process for each notebook
        self.pool = cf.ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context('spawn'), **kw)
        order = order or {}
        todo = sorted(jobs, key=lambda p: -order.get(str(p), Path(p).stat().st_size / 2e4))
        self.futures = {p: self.pool.submit(run_cells, str(p), jobs[p], self.threads) for p in todo}
        self.started = {p: time.perf_counter() for p in todo}

    def result(self, path) -> dict:
        try: return self.futures[path].result()
        except Exception as e: return {'crashed': f'the worker running {Path(path).name} died: {e!r}'}

    def seconds(self) -> dict:
        "{notebook path: seconds its cells took}, for the notebooks that finished"
        return {str(p): round(sum(r[1] for r in f.result().values()), 1) for p, f in self.futures.items()
                if f.done() and not f.exception() and 'crashed' not in f.result()}

    def close(self): self.pool.shutdown(cancel_futures=True)


if __name__ == '__main__':  # python tests/nbrun.py nbs/09_lm.ipynb [--slow]: time a notebook's cells, one thread, no output kept
    import argparse
    p = argparse.ArgumentParser(description='Run notebooks as the tests do (one torch thread) and print where the time goes')
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--slow', action='store_true', help='run the #| slow cells too')
    p.add_argument('--top', type=int, default=8, help='how many of the slowest cells to list')
    a = p.parse_args()
    flags = settings(Path(__file__).resolve().parent.parent).get('tst_flags', 'notest').split()
    for fn in a.notebooks:
        cells = [(i, s) for i, f, s in notebook_cells(Path(fn), flags) if not f or a.slow]
        with cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context('spawn')) as pool:
            t0 = time.perf_counter()
            res = pool.submit(run_cells, str(Path(fn).resolve()), cells, 1).result()
            wall = time.perf_counter() - t0
        src = dict(cells)
        failed = [(i, r[0]) for i, r in res.items() if r[0]]
        print(f"{fn}: {wall:.1f} s wall with the process start, cells {sum(r[1] for r in res.values()):.1f} s wall, "
              f"{sum(r[2] for r in res.values()):.1f} s CPU; {'FAILED at cell %d' % failed[0][0] if failed else 'passed'}")
        for i, r in sorted(res.items(), key=lambda o: -o[1][2])[:a.top]:
            print(f"  cell {i:3d}: {r[1]:5.1f} s wall {r[2]:5.1f} s CPU  {first_line(src[i])[:70]}")
        if failed: print(failed[0][1])
