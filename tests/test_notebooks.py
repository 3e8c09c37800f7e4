"One test per notebook cell; `conftest.py` finds the cells, `nbrun.py` runs each notebook once."

def test_cell(cell, notebooks):
    path, i, flags, src = cell
    notebooks.check(path, i)
