"""`pytest tests` runs the course's notebooks: one test per code cell that `nbdev_test` would run.

Nothing is generated: the cells are read from `nbs/*.ipynb` when pytest collects. Each notebook is executed
once, in a worker process of its own, and notebooks run side by side (see `nbrun.py`). A test names its
notebook, cell index (0-based position in the notebook) and first line; `-k` on one cell runs the cells
before it first. Cells flagged with a test flag from settings.ini other than `notest` (`#| slow`) are
skipped unless pytest gets that flag (`--slow`)."""
import os
from pathlib import Path
os.environ.setdefault('MPLBACKEND', 'Agg')
import pytest
import nbrun

ROOT = Path(__file__).resolve().parent.parent
_cfg = nbrun.settings(ROOT)
TST_FLAGS = _cfg.get('tst_flags', 'notest').split()
FLAGS = [f for f in TST_FLAGS if f != 'notest']


def pytest_addoption(parser):
    for f in FLAGS: parser.addoption(f'--{f}', action='store_true', default=False, help=f'also run cells flagged #| {f}')
    parser.addoption('--nbs', default=str(ROOT/_cfg.get('nbs_path', 'nbs')), help='folder of notebooks to test')
    parser.addoption('--nb-workers', type=int, default=None, help='notebooks run at once (default: the number of cores)')


def pytest_configure(config):
    for f in FLAGS: config.addinivalue_line('markers', f'{f}: a notebook cell flagged #| {f}')


def _notebooks(config):
    from nbdev.doclinks import nbglob
    nbs = Path(config.getoption('--nbs'))
    return sorted(nbglob(nbs, as_path=True)) if nbs.is_dir() else []


def pytest_generate_tests(metafunc):
    if 'cell' not in metafunc.fixturenames: return
    params = []
    for fn in _notebooks(metafunc.config):
        for i, flags, src in nbrun.notebook_cells(fn, TST_FLAGS):
            cell = (str(fn.resolve()), i, tuple(flags), src)
            params.append(pytest.param(cell, id=f'{fn.stem}:{i:03d}:{nbrun.slug(src)}', marks=[getattr(pytest.mark, f) for f in flags]))
    metafunc.parametrize('cell', params)


def pytest_collection_modifyitems(config, items):
    for item in items:
        for f in FLAGS:
            if f in item.keywords and not config.getoption(f):
                item.add_marker(pytest.mark.skip(reason=f'cell flagged #| {f}: run with --{f}'))


class Notebooks:
    "The outcome of every selected cell, from one run of each notebook up to its last selected cell"
    def __init__(self, session):
        self.config, self.reported = session.config, {}
        enabled = {f for f in FLAGS if self.config.getoption(f)}
        self.cells, last = {}, {}
        for item in session.items:
            cell = getattr(item, 'callspec', None) and item.callspec.params.get('cell')
            if cell and set(cell[2]) <= enabled: last[cell[0]] = max(last.get(cell[0], -1), cell[1])
        for path in last:
            cells = nbrun.notebook_cells(Path(path), TST_FLAGS)
            self.cells[path] = {i: src for i, flags, src in cells if set(flags) <= enabled and i <= last[path]}
        cache = self.config.cache.get('rnnbook/nb_seconds', {}) if getattr(self.config, 'cache', None) else {}
        self.runner = nbrun.Runner({p: list(c.items()) for p, c in self.cells.items()}, self.config.getoption('--nb-workers'), cache)

    def where(self, path, i):
        return f"{Path(path).parent.name}/{Path(path).name} cell {i} ({nbrun.first_line(self.cells[path][i])[:60]!r})"

    def check(self, path, i):
        "Fail or skip as pytest expects for cell `i` of notebook `path`"
        res = self.runner.result(path)
        if 'crashed' in res: pytest.fail(res['crashed'], pytrace=False)
        failed = next(((j, r[0]) for j, r in res.items() if r[0]), None)
        if failed and failed[0] < i:
            j, tb = failed
            if self.reported.get(path): pytest.skip(f'an earlier cell failed: {self.where(path, j)}')
            self.reported[path] = True
            pytest.fail(f'setup failed: {self.where(path, j)} raised:\n{tb}', pytrace=False)
        if i not in res: pytest.fail(f'{self.where(path, i)} did not run', pytrace=False)
        if res[i][0]:
            self.reported[path] = True
            pytest.fail(f'{self.where(path, i)} raised:\n{res[i][0]}', pytrace=False)

    def close(self):
        if getattr(self.config, 'cache', None): self.config.cache.set('rnnbook/nb_seconds', {**self.config.cache.get('rnnbook/nb_seconds', {}), **self.runner.seconds()})
        self.runner.close()


def pytest_collection_finish(session):
    "Start the notebooks as soon as the tests are chosen, so they run while other tests do"
    if session.config.option.collectonly or not any('cell' in getattr(getattr(i, 'callspec', None), 'params', {}) for i in session.items): return
    session.config._rnnbook_notebooks = Notebooks(session)


def pytest_unconfigure(config):
    if (nbs := getattr(config, '_rnnbook_notebooks', None)): nbs.close()


@pytest.fixture(scope='session')
def notebooks(request):
    return request.config._rnnbook_notebooks
