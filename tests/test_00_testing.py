# Generated from nbs/00_testing.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp testing'''),
(2, [], '''\
from __future__ import annotations
import ast, gc, os, re, sys, traceback
from pathlib import Path
from fastcore.foundation import working_directory
from fastcore.script import call_parse
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.frontmatter import FrontmatterProc
from nbdev.process import NBProcessor, nb_lang'''),
(3, [], '''\
from fastcore.test import *
import subprocess, tempfile, xml.etree.ElementTree as ET
import nbformat'''),
(6, [], '''\
def _skip_exec(nb):
    "True if `nb` is one that `nbdev_test` would not run at all"
    fm = getattr(nb, \'frontmatter_\', {}) or {}
    return str(fm.get(\'skip_exec\', False)).lower() in (\'true\', \'1\', \'yes\') or nb_lang(nb) != \'python\'

def test_cells(fn,              # path of the notebook
               tst_flags=None,  # flags that mark cells to skip by default; settings.ini\'s `tst_flags` if None
              ) -> list:        # [(cell index, flags, source)], in notebook order
    "The code cells of `fn` that `nbdev_test` would run, plus those carrying a test flag other than `notest`"
    if tst_flags is None: tst_flags = get_config().tst_flags.split()
    if _skip_exec(NBProcessor(fn, procs=FrontmatterProc, process=True).nb): return []
    nb = NBProcessor(fn, process=True).nb  # without the front matter cell, so `idx_` is the cell\'s position
    res = []
    for cell in nb.cells:
        if cell.cell_type != \'code\' or \'nbdev_export\'+\'(\' in cell.source: continue
        direc = getattr(cell, \'directives_\', {}) or {}
        if direc.get(\'eval:\', [\'\'])[0].lower() == \'false\' or \'notest\' in direc: continue
        flags = sorted(f for f in tst_flags if f in direc)
        if cell.source.strip(): res.append((cell.idx_, flags, cell.source))
    return res'''),
(8, [], '''\
def _tiny_nb(path, fail=True):
    "Write a small notebook to `path`: a passing cell, a magic, a failing (if `fail`) cell, a slow cell"
    import nbformat
    cells = [nbformat.v4.new_markdown_cell(\'# A tiny notebook\'),
             nbformat.v4.new_code_cell(\'x = 1\\nassert x == 1\'),
             nbformat.v4.new_code_cell(\'%time y = x + 1\'),
             nbformat.v4.new_code_cell(\'assert y == 3, f"y is {y}"\' if fail else \'assert y == 2\'),
             nbformat.v4.new_code_cell(\'#| slow\\nz = sum(range(10))\'),
             nbformat.v4.new_code_cell(\'#| eval: false\\nraise RuntimeError("never run")\'),
             nbformat.v4.new_code_cell(\'assert x + y == 3\')]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return Path(path)'''),
(9, [], '''\
tmp = Path(tempfile.mkdtemp())
for idx, flags, src in test_cells(_tiny_nb(tmp/\'tiny.ipynb\'), tst_flags=[\'notest\', \'slow\']): print(idx, flags, repr(src))'''),
(10, [], '''\
cs = test_cells(tmp/\'tiny.ipynb\', tst_flags=[\'notest\', \'slow\'])
test_eq([c[0] for c in cs], [1, 2, 3, 4, 6])
test_eq(cs[3], (4, [\'slow\'], \'z = sum(range(10))\'))  # directives are removed, as nbdev_test does'''),
(12, [], '''\
def _first_line(src): return next((l.strip() for l in src.splitlines() if l.strip()), \'\')

class NotebookCells:
    "Run the cells of notebook `fname` one by one in an in-process IPython shell, for pytest"
    enabled_flags = set()  # test flags switched on for this pytest run (e.g. {\'slow\'}), set by the conftest
    def __init__(self, fname,  # path of the notebook
                 cells):       # [(cell index, flags, source)], as from `test_cells`
        self.path, self.cells = Path(fname).resolve(), {i: (set(f), s) for i, f, s in cells}
        self.shell, self.done, self.failed = None, set(), None

    def _runnable(self, i): return self.cells[i][0] <= self.enabled_flags

    def _exec(self, i):
        "Run cell `i`; return a traceback string if it raised, else None"
        from execnb.shell import CaptureShell
        if self.shell is None:
            os.environ[\'IN_TEST\'] = \'1\'
            self.shell = CaptureShell(self.path)
        self.done.add(i)
        with working_directory(self.path.parent): self.shell.run(self.cells[i][1])
        if self.shell.exc is None: return None
        e = self.shell.exc
        return \'\'.join(traceback.format_exception(type(e), e, e.__traceback__))'''),
(13, [], '''\
from fastcore.basics import patch

def _where(self:NotebookCells, i):
    return f"{self.path.parent.name}/{self.path.name} cell {i} ({_first_line(self.cells[i][1])[:60]!r})"

@patch
def run(self:NotebookCells, idx):
    "Run cell `idx` after any earlier runnable cells not run yet; fail or skip as pytest expects"
    import pytest
    if not self._runnable(idx): pytest.skip(f"flags {sorted(self.cells[idx][0])} not enabled")
    for i in sorted(self.cells):
        if i >= idx: break
        if self.failed: break
        if i in self.done or not self._runnable(i): continue
        if (tb := self._exec(i)): self.failed = (i, False, tb)
    if self.failed:
        i, reported, tb = self.failed
        if reported: pytest.skip(f"an earlier cell failed: {_where(self, i)}")
        pytest.fail(f"setup failed: {_where(self, i)} raised:\\n{tb}", pytrace=False)
    if (tb := self._exec(idx)):
        self.failed = (idx, True, tb)
        pytest.fail(f"{_where(self, idx)} raised:\\n{tb}", pytrace=False)

@patch
def close(self:NotebookCells):
    "Drop the shell and its state, so the next notebook starts fresh"
    if self.shell is not None:
        from IPython.core.interactiveshell import InteractiveShell
        self.shell.reset(new_session=False)
        if InteractiveShell._instance is self.shell: InteractiveShell.clear_instance()
        self.shell = None
    if \'matplotlib.pyplot\' in sys.modules: sys.modules[\'matplotlib.pyplot\'].close(\'all\')
    gc.collect()'''),
(15, [], '''\
_HDR = "# Generated from {src} by `python -m rnnbook.testing`; do not edit.\\n"

def _pystr(s):
    "`s` as a triple-quoted Python literal that evaluates back to `s`"
    esc = {\'\\\\\': \'\\\\\\\\\', "\'": "\\\\\'", \'\\n\': \'\\n\', \'\\t\': \'\\t\'}
    body = \'\'.join(esc.get(c, c if c.isprintable() else repr(c)[1:-1]) for c in s)
    res = "\'\'\'\\\\\\n" + body + "\'\'\'"
    assert ast.literal_eval(res) == s
    return res

def _slug(src, n=40):
    "A short identifier made of the first line of `src`"
    return re.sub(r\'\\W+\', \'_\', _first_line(src).lower()).strip(\'_\')[:n].rstrip(\'_\') or \'cell\''''),
(16, [], '''\
print(_pystr("print(\'a\\\\nb\')\\nx = \'\'\'doc\'\'\'"))
test_eq(_slug("#comment\\n  learn.fit(3, lr=1e-3)"), \'comment\')
test_eq(_slug("\\n  learn.fit(3, lr=1e-3)"), \'learn_fit_3_lr_1e_3\')'''),
(17, [], '''\
def test_module(fn,            # path of the notebook
                dest,          # folder the test file goes into
                tst_flags=None # as in `test_cells`
               ) -> str|None:  # the text of the test file, None if the notebook has no test cell
    "The text of the pytest file for notebook `fn`"
    cells = test_cells(fn, tst_flags)
    if not cells: return None
    fn, dest = Path(fn).resolve(), Path(dest).resolve()
    rel = Path(os.path.relpath(fn, dest)).as_posix()
    src = Path(os.path.relpath(fn, dest.parent)).as_posix()
    lines = [_HDR.format(src=src).rstrip(), "# One test per cell; the cells run in order in one IPython shell, cwd at the notebook\'s folder.",
             "from pathlib import Path", "import pytest", "from rnnbook.testing import NotebookCells", "",
             "CELLS = [", *(f"({i}, {f!r}, {_pystr(s)})," for i, f, s in cells), "]",
             f"nb = NotebookCells(Path(__file__).parent/{rel!r}, CELLS)", "",
             "@pytest.fixture(scope=\'module\', autouse=True)", "def _close_shell():", "    yield", "    nb.close()", ""]
    for i, f, s in cells:
        lines += [f"@pytest.mark.{m}" for m in f] + [f"def test_c{i:03d}_{_slug(s)}(): nb.run({i})"]
    return \'\\n\'.join(lines) + \'\\n\''''),
(18, [], '''\
print(test_module(tmp/\'tiny.ipynb\', tmp/\'tests\', tst_flags=[\'notest\', \'slow\']))'''),
(20, [], '''\
_CONFTEST = \'\'\'import os
os.environ.setdefault(\'MPLBACKEND\', \'Agg\')
import pytest
from rnnbook.testing import NotebookCells

FLAGS = {flags!r}

def pytest_addoption(parser):
    for f in FLAGS: parser.addoption(f\'--{{f}}\', action=\'store_true\', default=False, help=f\'also run cells flagged #| {{f}}\')

def pytest_configure(config):
    for f in FLAGS: config.addinivalue_line(\'markers\', f\'{{f}}: a notebook cell flagged #| {{f}}\')
    NotebookCells.enabled_flags = {{f for f in FLAGS if config.getoption(f)}}

def pytest_collection_modifyitems(config, items):
    for item in items:
        for f in FLAGS:
            if f in item.keywords and not config.getoption(f):
                item.add_marker(pytest.mark.skip(reason=f\'cell flagged #| {{f}}: run with --{{f}}\'))
\'\'\'

def conftest_text(tst_flags=None): # as in `test_cells`
    "The text of `tests/conftest.py`"
    if tst_flags is None: tst_flags = get_config().tst_flags.split()
    return _HDR.format(src=\'settings.ini\') + _CONFTEST.format(flags=[f for f in tst_flags if f != \'notest\'])'''),
(22, [], '''\
def write_tests(path=None,      # folder of notebooks; settings.ini\'s `nbs_path` if None
                dest=None,      # folder for the test files; `tests/` next to the notebooks\' folder if None
                tst_flags=None, # as in `test_cells`
               ) -> list:       # paths of the files written or removed
    "Write one pytest file per notebook in `path`, and the conftest, into `dest`"
    path = Path(path or get_config().nbs_path)
    dest = Path(dest) if dest else path.resolve().parent/\'tests\'
    dest.mkdir(parents=True, exist_ok=True)
    want = {dest/\'conftest.py\': conftest_text(tst_flags)}
    for fn in sorted(nbglob(path, as_path=True)):
        name = \'test_\' + re.sub(r\'\\W\', \'_\', fn.relative_to(path).with_suffix(\'\').as_posix()) + \'.py\'
        if (txt := test_module(fn, dest, tst_flags)) is not None: want[dest/name] = txt
    changed = []
    for p, txt in want.items():
        if not p.exists() or p.read_text() != txt: p.write_text(txt); changed.append(p)
    for p in dest.glob(\'test_*.py\'):
        if p not in want and p.read_text().startswith(\'# Generated from \'): p.unlink(); changed.append(p)
    return changed'''),
(23, [], '''\
@call_parse
def main(path:str=None, # folder of notebooks (settings.ini\'s `nbs_path` by default)
         dest:str=None, # folder for the test files (`tests/` beside it by default)
        ):
    "Generate `tests/test_*.py` from the notebooks\' test cells"
    for p in write_tests(path, dest): print(f\'wrote {p}\' if p.exists() else f\'removed {p}\')'''),
(25, [], '''\
def _pytest_outcomes(tests, *args):
    "Run pytest on folder `tests` in a subprocess; return {test name: \'passed\'|\'failed\'|\'skipped\'}"
    import subprocess, tempfile, xml.etree.ElementTree as ET
    xml = Path(tempfile.mkdtemp())/\'report.xml\'
    subprocess.run([sys.executable, \'-m\', \'pytest\', str(tests), \'-q\', \'-p\', \'no:cacheprovider\', f\'--junitxml={xml}\', *args],
                   capture_output=True, text=True, cwd=tests)
    res = {}
    for tc in ET.parse(xml).iter(\'testcase\'):
        kinds = {c.tag for c in tc}
        res[tc.get(\'name\')] = \'failed\' if kinds & {\'failure\', \'error\'} else \'skipped\' if \'skipped\' in kinds else \'passed\'
    return res

def _nbdev_test_ok(fn):
    "Does `nbdev.test.test_nb` pass notebook `fn` (run in a subprocess)?"
    import subprocess
    code = ("import sys; from pathlib import Path; from nbdev.test import test_nb; "
            f"sys.exit(0 if test_nb(Path({str(fn)!r}), skip_flags=[\'notest\',\'slow\'], showerr=False)[0] else 1)")
    return subprocess.run([sys.executable, \'-c\', code], capture_output=True).returncode == 0'''),
(26, [], '''\
nbs_dir, tests_dir = tmp/\'nbs\', tmp/\'tests\'
nbs_dir.mkdir()
_tiny_nb(nbs_dir/\'tiny.ipynb\', fail=True)
write_tests(nbs_dir, tests_dir, tst_flags=[\'notest\', \'slow\'])
res = _pytest_outcomes(tests_dir)
res'''),
(27, [], '''\
test_eq(res, {\'test_c001_x_1\': \'passed\', \'test_c002_time_y_x_1\': \'passed\', \'test_c003_assert_y_3_f_y_is_y\': \'failed\',
              \'test_c004_z_sum_range_10\': \'skipped\', \'test_c006_assert_x_y_3\': \'skipped\'})
test_eq(_nbdev_test_ok(nbs_dir/\'tiny.ipynb\'), False)'''),
(29, [], '''\
res = _pytest_outcomes(tests_dir, \'-k\', \'c006\')
test_eq(res, {\'test_c006_assert_x_y_3\': \'failed\'})
res'''),
(31, [], '''\
_tiny_nb(nbs_dir/\'tiny.ipynb\', fail=False)
test_eq([p.name for p in write_tests(nbs_dir, tests_dir, tst_flags=[\'notest\', \'slow\'])], [\'test_tiny.py\'])
test_eq(set(_pytest_outcomes(tests_dir).values()), {\'passed\', \'skipped\'})
test_eq(set(_pytest_outcomes(tests_dir, \'--slow\').values()), {\'passed\'})
test_eq(_pytest_outcomes(tests_dir, \'-k\', \'c006\'), {\'test_c006_assert_x_y_3\': \'passed\'})
test_eq(_nbdev_test_ok(nbs_dir/\'tiny.ipynb\'), True)
test_eq(write_tests(nbs_dir, tests_dir, tst_flags=[\'notest\', \'slow\']), [])'''),
(33, [], '''\
_tiny_nb(nbs_dir/\'tiny.ipynb\', fail=True)
write_tests(nbs_dir, tests_dir, tst_flags=[\'notest\', \'slow\'])
out = subprocess.run([sys.executable, \'-m\', \'pytest\', str(tests_dir), \'-q\', \'-p\', \'no:cacheprovider\', \'-k\', \'c003\'],
                     capture_output=True, text=True).stdout
msg = next(l for l in out.splitlines() if \'raised:\' in l)
print(msg)
assert "nbs/tiny.ipynb cell 3 (\'assert y == 3, f\\"y is {y}\\"\') raised:" in msg
assert \'AssertionError: y is 2\' in out'''),
(35, [], '''\
(tests_dir/\'test_handwritten.py\').write_text(\'def test_x(): pass\\n\')
(nbs_dir/\'tiny.ipynb\').unlink()
test_eq(sorted(p.name for p in write_tests(nbs_dir, tests_dir, tst_flags=[\'notest\', \'slow\'])), [\'test_tiny.py\'])
test_eq(sorted(p.name for p in tests_dir.iterdir() if p.suffix == \'.py\'), [\'conftest.py\', \'test_handwritten.py\'])'''),
(37, [], '''\
import nbformat
fn = tmp/\'ex1.ipynb\'
nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(\'#| notest\\n1/0\'),
                                               nbformat.v4.new_code_cell(\'#| slow\\nx = 1\')]), fn)
test_eq(test_cells(fn, tst_flags=[\'notest\', \'slow\']), [(1, [\'slow\'], \'x = 1\')])'''),
(38, [], '''\
from hypothesis import given, settings, strategies as st
@settings(max_examples=300, deadline=None)
@given(st.text())
def roundtrip(s): assert ast.literal_eval(_pystr(s)) == s
roundtrip()'''),
(39, [], '''\
names = re.findall(r\'def (test_c\\d+_\\w*write_tests\\w*)\\(\', test_module(\'00_testing.ipynb\', \'../tests\'))
names'''),
(40, [], '''\
assert names and all(\'write_tests\' in n for n in names)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/00_testing.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_testing(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def__skip_exec_nb(): nb.run(6)
def test_c008_def__tiny_nb_path_fail_true(): nb.run(8)
def test_c009_tmp_path_tempfile_mkdtemp(): nb.run(9)
def test_c010_cs_test_cells_tmp_tiny_ipynb_tst_flags_n(): nb.run(10)
def test_c012_def__first_line_src_return_next_l_strip(): nb.run(12)
def test_c013_from_fastcore_basics_import_patch(): nb.run(13)
def test_c015_hdr_generated_from_src_by_python_m_rnnbo(): nb.run(15)
def test_c016_print__pystr_print_a_nb_nx_doc(): nb.run(16)
def test_c017_def_test_module_fn_path_of_the_notebook(): nb.run(17)
def test_c018_print_test_module_tmp_tiny_ipynb_tmp_tes(): nb.run(18)
def test_c020_conftest_import_os(): nb.run(20)
def test_c022_def_write_tests_path_none_folder_of_note(): nb.run(22)
def test_c023_call_parse(): nb.run(23)
def test_c025_def__pytest_outcomes_tests_args(): nb.run(25)
def test_c026_nbs_dir_tests_dir_tmp_nbs_tmp_tests(): nb.run(26)
def test_c027_test_eq_res_test_c001_x_1_passed_test_c0(): nb.run(27)
def test_c029_res__pytest_outcomes_tests_dir_k_c006(): nb.run(29)
def test_c031_tiny_nb_nbs_dir_tiny_ipynb_fail_false(): nb.run(31)
def test_c033_tiny_nb_nbs_dir_tiny_ipynb_fail_true(): nb.run(33)
def test_c035_tests_dir_test_handwritten_py_write_text(): nb.run(35)
def test_c037_import_nbformat(): nb.run(37)
def test_c038_from_hypothesis_import_given_settings_st(): nb.run(38)
def test_c039_names_re_findall_r_def_test_c_d___w_writ(): nb.run(39)
def test_c040_assert_names_and_all_write_tests_in_n_fo(): nb.run(40)
