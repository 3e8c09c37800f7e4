# Generated from nbs/index.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(6, [], '''\
import rnnbook
rnnbook.__version__'''),
(8, [], '''\
import pkgutil, subprocess, sys
mods = [m.name for m in pkgutil.iter_modules(rnnbook.__path__) if not m.name.startswith(\'_\') and m.name != \'testing\']
code = f"import sys, rnnbook; [__import__(\'rnnbook.\'+m) for m in {mods}]; print(sorted(m for m in (\'matplotlib\', \'ipywidgets\') if m in sys.modules))"
heavy = subprocess.run([sys.executable, \'-c\', code], capture_output=True, text=True, check=True).stdout.strip()
print(mods, heavy)
assert heavy == \'[]\', heavy'''),
(9, [], '''\
from rnnbook.data import load_shakespeare, Vocab, tokenize_chars, LMStream
text = load_shakespeare(\'train\')
vocab = Vocab(tokenize_chars(text))
x, y = next(iter(LMStream(vocab.encode(tokenize_chars(text)), bs=4, seq_len=8)))
print(len(text), len(vocab), x.shape, repr(\'\'.join(vocab.decode(x[0].tolist()))))'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/index.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c006_import_rnnbook(): nb.run(6)
def test_c008_import_pkgutil_subprocess_sys(): nb.run(8)
def test_c009_from_rnnbook_data_import_load_shakespear(): nb.run(9)
