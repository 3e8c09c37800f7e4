# Generated from settings.ini by `python -m rnnbook.testing`; do not edit.
import os
os.environ.setdefault('MPLBACKEND', 'Agg')
import pytest
from rnnbook.testing import NotebookCells

FLAGS = ['slow']

def pytest_addoption(parser):
    for f in FLAGS: parser.addoption(f'--{f}', action='store_true', default=False, help=f'also run cells flagged #| {f}')

def pytest_configure(config):
    for f in FLAGS: config.addinivalue_line('markers', f'{f}: a notebook cell flagged #| {f}')
    NotebookCells.enabled_flags = {f for f in FLAGS if config.getoption(f)}

def pytest_collection_modifyitems(config, items):
    for item in items:
        for f in FLAGS:
            if f in item.keywords and not config.getoption(f):
                item.add_marker(pytest.mark.skip(reason=f'cell flagged #| {f}: run with --{f}'))
