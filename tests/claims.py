"""Every decimal number quoted in a notebook's prose must be one that a cell of that notebook shows.

    python tests/claims.py [nbs/09_lm.ipynb ...]   # lists the numbers no cell backs; exit 1 if any

A number in markdown is backed when some number in the same notebook's cell outputs (or, as a setting the
reader can see, in its code) equals it at the quoted precision: "1.55" is backed by 1.547, "89.4%" by 0.894.
The README's notebook (index.ipynb) and chapter 15, which re-measures the course, may quote any notebook.
A sentence that cites its source - another chapter ("chapter 04"), a paper ("et al.", a year in
parentheses) or a link - is left alone. Inline code, code blocks and version numbers ("torch 2.13") are not checked."""
from __future__ import annotations
import json, math, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANYWHERE = {'index.ipynb', '15_performance.ipynb'}  # may quote numbers computed in any notebook

_num = r'(?<![\w.])[-−]?\d[\d,]*\.\d+(?:[eE][-+]?\d+)?(?![\w]|\.\d)'
_version = re.compile(r'(?:torch|pytorch|python|version|nbdev|cuda|numpy|matplotlib)\s*$', re.I)  # "torch 2.13" is a version
_cites = re.compile(r'chapter[s]?\s+\d\d|\bch\.\s*\d|et al|\((?:[^()]*\b)?(?:19|20)\d\d[a-z]?\)|\]\(|https?://|\bsee \[', re.I)


def prose(md:str) -> str:
    "Markdown without code blocks, inline code, images, link targets and HTML tags"
    md = re.sub(r'```.*?```', ' ', md, flags=re.S)
    md = re.sub(r'`[^`]*`', ' ', md)
    md = re.sub(r'!\[[^\]]*\]\([^)]*\)', ' ', md)
    return re.sub(r'<[^>]+>', ' ', md)


def sentences(md:str) -> list:
    "Sentences of markdown `md` (a table row or a list item counts as one)"
    res = []
    for line in md.splitlines():
        res += [s for s in re.split(r'(?<=[.!?;:])\s+(?=[A-Z(*_$])', line) if s.strip()]
    return res


def quoted(md:str) -> list:
    "[(number as written, sentence)] for every decimal number in the prose of `md` whose sentence cites no source"
    res = []
    for s in sentences(prose(md)):
        if _cites.search(s): continue
        res += [(m.group(0), s.strip()) for m in re.finditer(_num, s) if not _version.search(s[:m.start()])]
    return res


def values(text:str) -> list:
    "Every number in `text` (outputs or code), as floats"
    res = []
    for m in re.finditer(r'(?<![\w.])[-−]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?', text):
        try: res.append(float(m.group(0).replace(',', '').replace('−', '-')))
        except ValueError: pass
    return res


def backed(q:str, vals, percent=False) -> bool:
    "Does some value in `vals` equal `q` at the precision `q` is written with (or as a percentage, if `percent`)?"
    s = q.replace(',', '').replace('−', '-')
    x = float(s)
    mant = s.lower().split('e')[0]
    step = 10 ** -(len(mant.split('.')[1]) if '.' in mant else 0) * (10 ** int(s.lower().split('e')[1]) if 'e' in s.lower() else 1)
    tol = step / 2 * (1 + 1e-9)
    for v in vals:
        for w in ((v, v * 100) if percent else (v,)):
            if abs(abs(w) - abs(x)) <= tol: return True
    return False


def _outputs(cell) -> str:
    res = []
    for o in cell.get('outputs', []):
        if 'text' in o: res.append(''.join(o['text']))
        for k, v in o.get('data', {}).items():
            if k.startswith('text/') or k == 'application/json': res.append(''.join(v) if isinstance(v, list) else str(v))
    return '\n'.join(res)


def notebook_numbers(fn) -> list:
    "Numbers shown by the cells of notebook `fn`: in their outputs and in their code"
    nb = json.loads(Path(fn).read_text(encoding='utf-8'))
    return sorted(set(v for c in nb['cells'] if c['cell_type'] == 'code' for v in values(_outputs(c) + '\n' + ''.join(c['source']))))


def unbacked(fn, pool=None) -> list:
    "[(cell index, number, sentence)] quoted in `fn`'s markdown that no number in `pool` (default: `fn`'s own) backs"
    fn = Path(fn)
    nb = json.loads(fn.read_text(encoding='utf-8'))
    vals = pool if pool is not None else notebook_numbers(fn)
    res = []
    for i, c in enumerate(nb['cells']):
        if c['cell_type'] != 'markdown': continue
        for q, s in quoted(''.join(c['source'])):
            pct = bool(re.search(re.escape(q) + r'\s*%', s))
            if not backed(q, vals, pct): res.append((i, q, s))
    return res


def check(fns=None) -> dict:
    "{notebook name: unbacked claims} for notebooks `fns` (default: all of nbs/)"
    all_nbs = sorted((ROOT/'nbs').glob('*.ipynb'))
    fns = [Path(f) for f in fns] if fns else all_nbs
    everything = None
    res = {}
    for fn in fns:
        pool = None
        if fn.name in ANYWHERE:
            if everything is None: everything = sorted(set(v for f in all_nbs for v in notebook_numbers(f)))
            pool = everything
        if (u := unbacked(fn, pool)): res[fn.name] = u
    return res


if __name__ == '__main__':
    res = check(sys.argv[1:])
    for name, u in res.items():
        for i, q, s in u: print(f'{name} cell {i}: {q}  <- {s[:160]}')
    print(f"{sum(map(len, res.values()))} quoted numbers that no cell shows")
    sys.exit(1 if res else 0)
