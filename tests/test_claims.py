"The claims checker (claims.py), then the check itself: every decimal number in the prose is one a cell shows."
import json
import pytest
import claims


def test_precision():
    assert claims.backed('1.55', [1.547]) and claims.backed('1.547', [1.5474]) and claims.backed('0.1', [0.1049])
    assert not claims.backed('1.55', [1.556]) and not claims.backed('1.547', [1.5476]) and not claims.backed('0.1', [0.151])
    assert claims.backed('89.4', [0.8941], percent=True) and not claims.backed('89.4', [0.8941])
    assert claims.backed('1,547.5', [1547.46]) and claims.backed('−0.7', [-0.71])


def test_quoted():
    md = "Loss 0.12 after `lr=0.5` steps.\n```\nx = 0.3\n```\nChapter 04 measured 1.21x. Version 2.4.14 of torch 2.13; 3 steps; see 1.5e-3."
    assert [q for q, _ in claims.quoted(md)] == ['0.12', '1.5e-3']
    assert claims.values('loss 1.2e-04, acc 0.91 and 1,073 chars') == [1.2e-4, 0.91, 1073.0]


def test_notebook(tmp_path):
    cells = [{'cell_type': 'code', 'source': 'print(0.1234)', 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': ['0.1234\n']}]},
             {'cell_type': 'markdown', 'source': 'It ends at 0.12, then 0.13.'},
             {'cell_type': 'markdown', 'source': 'Bahdanau et al. report 0.99. Chapter 09 reached 1.55.'}]
    fn = tmp_path/'x.ipynb'
    fn.write_text(json.dumps({'cells': cells}))
    assert [(i, q) for i, q, _ in claims.unbacked(fn)] == [(1, '0.13')]


def test_every_quoted_number_is_shown():
    res = claims.check()
    assert not res, 'numbers in the prose that no cell shows:\n' + '\n'.join(
        f'{nb} cell {i}: {q}  <- {s[:120]}' for nb, u in res.items() for i, q, s in u)
