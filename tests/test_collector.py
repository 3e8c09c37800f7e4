"The notebook collector (conftest.py, nbrun.py) on a tiny notebook, run by pytest in a subprocess."
import subprocess, sys, xml.etree.ElementTree as ET
from pathlib import Path
import nbformat, pytest

HERE = Path(__file__).resolve().parent


def tiny_nb(path, fail=True):
    "A passing cell, a magic, a failing (if `fail`) cell, a slow cell, a cell never run, and one after the failure"
    cells = [nbformat.v4.new_markdown_cell('# A tiny notebook'),
             nbformat.v4.new_code_cell('x = 1\nassert x == 1'),
             nbformat.v4.new_code_cell('%time y = x + 1'),
             nbformat.v4.new_code_cell('assert y == 3, f"y is {y}"' if fail else 'assert y == 2'),
             nbformat.v4.new_code_cell('#| slow\nz = sum(range(10))'),
             nbformat.v4.new_code_cell('#| eval: false\nraise RuntimeError("never run")'),
             nbformat.v4.new_code_cell('assert x + y == 3')]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def outcomes(nbs, *args):
    "{test id: 'passed'|'failed'|'skipped'} of `pytest tests/test_notebooks.py --nbs nbs`, and its output"
    xml = nbs/'report.xml'
    r = subprocess.run([sys.executable, '-m', 'pytest', str(HERE/'test_notebooks.py'), '--nbs', str(nbs), '-q', '-p', 'no:cacheprovider',
                        f'--junitxml={xml}', *args], capture_output=True, text=True, cwd=HERE.parent)
    res = {}
    for tc in ET.parse(xml).iter('testcase'):
        kinds = {c.tag for c in tc}
        res[tc.get('name').split('[')[1].rstrip(']')] = 'failed' if kinds & {'failure', 'error'} else 'skipped' if 'skipped' in kinds else 'passed'
    return res, r.stdout


@pytest.fixture
def nbs(tmp_path):
    tiny_nb(tmp_path/'tiny.ipynb')
    return tmp_path


def test_one_item_per_cell(nbs):
    r = subprocess.run([sys.executable, '-m', 'pytest', str(HERE/'test_notebooks.py'), '--nbs', str(nbs), '--collect-only', '-q', '-p', 'no:cacheprovider'],
                       capture_output=True, text=True, cwd=HERE.parent)
    ids = [l.split('[')[1].rstrip(']') for l in r.stdout.splitlines() if '::test_cell[' in l]
    assert ids == ['tiny:001:x_1', 'tiny:002:time_y_x_1', 'tiny:003:assert_y_3_f_y_is_y', 'tiny:004:z_sum_range_10', 'tiny:006:assert_x_y_3'], r.stdout


def test_failure_names_the_cell(nbs):
    res, out = outcomes(nbs)
    assert res == {'tiny:001:x_1': 'passed', 'tiny:002:time_y_x_1': 'passed', 'tiny:003:assert_y_3_f_y_is_y': 'failed',
                   'tiny:004:z_sum_range_10': 'skipped', 'tiny:006:assert_x_y_3': 'skipped'}, res
    assert "tiny.ipynb cell 3 ('assert y == 3, f\"y is {y}\"') raised:" in out and 'AssertionError: y is 2' in out, out


def test_k_runs_the_setup(nbs):
    assert outcomes(nbs, '-k', '006')[0] == {'tiny:006:assert_x_y_3': 'failed'}    # its setup meets the failing cell
    tiny_nb(nbs/'tiny.ipynb', fail=False)
    assert outcomes(nbs, '-k', '006')[0] == {'tiny:006:assert_x_y_3': 'passed'}    # cells 1-3 ran first: x and y exist
    assert set(outcomes(nbs, '--slow')[0].values()) == {'passed'}


def test_nbdev_test_agrees(nbs):
    "nbdev_test fails the same notebook, and passes it once fixed"
    def ok(): return subprocess.run(['nbdev_test', '--path', str(nbs/'tiny.ipynb')], capture_output=True, cwd=HERE.parent).returncode == 0
    assert not ok()
    tiny_nb(nbs/'tiny.ipynb', fail=False)
    assert ok()
