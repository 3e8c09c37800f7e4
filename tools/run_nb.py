"""Execute notebooks in place in a Jupyter kernel, the way their committed outputs are made.

    python tools/run_nb.py nbs/09_lm.ipynb [more notebooks] [--slow] [--timeout 600]

Runs the cells `nbdev_test` runs, in order, and writes their outputs back into the notebook. Cells flagged
`#| slow` keep their committed outputs unless `--slow` is given (then they run too), so the default path can
be refreshed in seconds while the long runs' results stay in the notebook. Cells marked `#| eval: false` or
`#| notest` are not run. PNG outputs are stored with a palette of 256 colours (plots use few; a third of the
bytes, no visible change), so the notebooks stay small. Prints each notebook's time; run `nbdev_clean` afterwards.

    python tools/run_nb.py nbs/12_forecast.ipynb --shrink-only   # only re-encode the PNGs already in the notebook"""
import argparse, base64, io, sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent/'tests'))
from nbrun import notebook_cells, settings  # the same choice of cells as the tests
TST_FLAGS = settings(Path(__file__).resolve().parent.parent).get('tst_flags', 'notest').split()


def shrink_png(b64:str, min_bytes=20_000) -> str:
    "A base64 PNG re-encoded with an adaptive palette of 256 colours, if that is smaller; small ones unchanged"
    from PIL import Image
    raw = base64.b64decode(b64)
    if len(raw) < min_bytes: return b64
    im = Image.open(io.BytesIO(raw))
    if im.mode == 'P': return b64                      # already a palette image
    buf = io.BytesIO()
    im.convert('RGB').quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(buf, format='PNG', optimize=True)
    return base64.b64encode(buf.getvalue()).decode() + '\n' if len(buf.getvalue()) < len(raw) else b64

def shrink_pngs(nb):
    "Re-encode every large PNG output of `nb` in place; the bytes saved"
    saved = 0
    for cell in nb.cells:
        for o in cell.get('outputs', []):
            d = o.get('data', {})
            if 'image/png' in d:
                new = shrink_png(d['image/png'])
                saved += len(d['image/png']) - len(new); d['image/png'] = new
    return saved


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
    shrink_pngs(nb)
    nbformat.write(nb, fn)
    return time.perf_counter() - t0


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--slow', action='store_true', help='run the #| slow cells too')
    p.add_argument('--also', type=lambda s: {int(i) for i in s.split(',')}, default=set(), help='indices of flagged cells to run too, e.g. 93,95')
    p.add_argument('--timeout', type=int, default=600, help='seconds allowed for one cell')
    p.add_argument('--shrink-only', action='store_true', help='run nothing: only re-encode the large PNG outputs')
    a = p.parse_args()
    for fn in a.notebooks:
        if a.shrink_only:
            nb = nbformat.read(fn, as_version=4); saved = shrink_pngs(nb); nbformat.write(nb, fn); print(f'{fn}: {saved:,} bytes saved', flush=True)
        else: print(f'{fn}: {run_nb(fn, a.slow, a.timeout, a.also):.1f} s', flush=True)
