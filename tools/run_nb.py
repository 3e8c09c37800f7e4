"""Execute notebooks in place in a Jupyter kernel, the way their committed outputs are made.

    python tools/run_nb.py nbs/09_lm.ipynb [more notebooks] [--slow] [--timeout 600]

Runs the cells `nbdev_test` runs, in order, and writes their outputs back into the notebook. Cells flagged
`#| slow` keep their committed outputs unless `--slow` is given (then they run too), so the default path can
be refreshed in seconds while the long runs' results stay in the notebook. Cells marked `#| eval: false` or
`#| notest` are not run. Prints each notebook's time; run `nbdev_clean` afterwards."""
import argparse, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent/'tests'))
from nbrun import notebook_cells, settings  # the same choice of cells as the tests
TST_FLAGS = settings(Path(__file__).resolve().parent.parent).get('tst_flags', 'notest').split()


def run_nb(fn, slow=False, timeout=600, also=()):
    fn = Path(fn).resolve()
    nb = nbformat.read(fn, as_version=4)
    flags = {'slow'} if slow else set()
    run = {i for i, f, _ in notebook_cells(fn, TST_FLAGS) if set(f) <= flags or i in also}
    client = NotebookClient(nb, timeout=timeout, kernel_name='python3', resources={'metadata': {'path': str(fn.parent)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            if i in run: client.execute_cell(cell, i)
    nbformat.write(nb, fn)
    return time.perf_counter() - t0


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--slow', action='store_true', help='run the #| slow cells too')
    p.add_argument('--also', type=lambda s: {int(i) for i in s.split(',')}, default=set(), help='indices of flagged cells to run too, e.g. 93,95')
    p.add_argument('--timeout', type=int, default=600, help='seconds allowed for one cell')
    a = p.parse_args()
    for fn in a.notebooks: print(f'{fn}: {run_nb(fn, a.slow, a.timeout, a.also):.1f} s', flush=True)
