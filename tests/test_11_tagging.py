# Generated from nbs/11_tagging.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp tagging'''),
(2, [], '''\
from __future__ import annotations
import collections, functools, re
import torch, torch.nn as nn, torch.nn.functional as F
from torch import Tensor
from fastcore.basics import store_attr
from rnnbook.data import tokenize_words, Vocab, SPECIALS
from rnnbook.padding import pack, unpack, masked_cross_entropy'''),
(3, [], '''\
from fastcore.test import *
import random
import matplotlib.pyplot as plt
from torch.utils.data import DataLoader
from rnnbook.data import load_speeches, SPLITS
from rnnbook.padding import BucketSampler, lengths_to_mask
from rnnbook.learner import Learner, DataLoaders, GradClip'''),
(6, [], '''\
speeches = load_speeches()
h4 = [s for s in speeches if s.play == \'henry-iv-part-1\']
verse_s = next(s for s in h4 if s.speaker.upper() == \'KING HENRY IV\')
prose_s = next(s for s in h4 if s.speaker.upper() == \'FALSTAFF\' and s.text.count(\'\\n\') >= 3)
print(verse_s.text[:300], \'\\n---\'); print(prose_s.text[:300])'''),
(8, [], '''\
_LETTER = re.compile(r\'[^\\W\\d_]\')

def _lines(text): return [l for l in text.split(\'\\n\') if l.strip()]

def is_verse(text:str,       # a speech, lines separated by \'\\n\'
             min_lines:int=2 # speeches with fewer non-empty lines are not called verse
            )->bool:
    "True if `text` has at least `min_lines` lines and every line after the first starts with a capital letter"
    if not isinstance(text, str): raise TypeError(f"text: expected a str, got {type(text).__name__}")
    if isinstance(min_lines, bool) or not isinstance(min_lines, int) or min_lines < 2:
        raise ValueError(f"min_lines: expected an int >= 2, got {min_lines!r}")
    lines = _lines(text)
    if len(lines) < min_lines: return False
    firsts = [_LETTER.search(l) for l in lines[1:]]
    return all(m is not None and m.group().isupper() for m in firsts)'''),
(9, [], '''\
is_verse(verse_s.text), is_verse(prose_s.text), is_verse("\'Tis so.\\n\'Twas not? Then (Oh!) so be it.")'''),
(10, [], '''\
test_eq(is_verse(verse_s.text), True); test_eq(is_verse(prose_s.text), False)
test_eq(is_verse("\'Tis so.\\n\'Twas not? Then (Oh!) so be it."), True)   # leading quotes and brackets skipped
test_eq(is_verse("One line only."), False)
test_eq(is_verse("A\\nB\\nc", min_lines=2), False); test_eq(is_verse("A\\nB", min_lines=3), False)
test_eq(is_verse("A\\n\\n  \\nB"), True)                                      # blank lines ignored
test_fail(lambda: is_verse([\'A\', \'B\']), contains=\'text: expected a str, got list\')
test_fail(lambda: is_verse(\'A\\nB\', min_lines=1), contains=\'min_lines: expected an int >= 2, got 1\')'''),
(12, [], '''\
_VOWELS = re.compile(r\'[aeiouy]+\')

@functools.lru_cache(maxsize=1 << 16)
def _syllables(w):
    if not _LETTER.search(w): return 0
    n = len(_VOWELS.findall(w))
    if n > 1 and w.endswith(\'e\') and not w.endswith((\'le\', \'ee\', \'ye\')): n -= 1
    return max(n, 1)

def syllables(word:str # a word token; punctuation has 0 syllables
             )->int:
    "Rough syllable count of `word`: its vowel groups, less a silent final \'e\'; at least 1 for a word"
    if not isinstance(word, str): raise TypeError(f"word: expected a str, got {type(word).__name__}")
    return _syllables(word.lower())'''),
(13, [], '''\
line = "So shaken as we are, so wan with care,"
[(w, syllables(w)) for w in tokenize_words(line)], sum(syllables(w) for w in tokenize_words(line))'''),
(14, [], '''\
test_eq([syllables(w) for w in [\'time\', \'table\', \'beauty\', \'strength\', "lapp\'d", \'I\', \',\', \'42\', \'Ay\']], [1, 2, 2, 1, 1, 1, 0, 0, 1])
test_eq(sum(syllables(w) for w in tokenize_words("To be, or not to be: that is the question:")), 11)   # a feminine ending
test_fail(lambda: syllables(3), contains=\'word: expected a str, got int\')'''),
(16, [], '''\
def mean_syl(text):
    ls = _lines(text)[:-1]
    return sum(syllables(w) for l in ls for w in tokenize_words(l)) / len(ls)
multi = [s for s in speeches if len(_lines(s.text)) >= 2]
verse_flag, syl = torch.tensor([is_verse(s.text) for s in multi]), torch.tensor([mean_syl(s.text) for s in multi])
syl_v, syl_p = syl[verse_flag], syl[~verse_flag]
n_one = len(speeches) - len(multi)
print(f"{len(speeches):,} speeches: {n_one:,} of one line; of the {len(multi):,} longer ones {len(syl_v):,} verse, {len(syl_p):,} prose")
print(f"median syllables per line: verse {syl_v.median():.1f}, prose {syl_p.median():.1f}; "
      f"verse speeches above 13: {(syl_v > 13).float().mean():.1%}; prose speeches at 11 or below: {(syl_p <= 11).float().mean():.1%}")'''),
(17, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.2))
bins = torch.arange(4, 22, 0.5)
ax.hist(syl_v, bins, alpha=.6, label=f\'verse by is_verse ({len(syl_v):,})\'); ax.hist(syl_p, bins, alpha=.6, label=f\'prose by is_verse ({len(syl_p):,})\')
ax.set(xlabel=\'mean syllables per line (last line left out)\', ylabel=\'speeches\', title=\'The capital-letter rule against the metre: speeches of 2+ lines, 38 plays\')
ax.axvline(10, c=\'k\', lw=.8, ls=\'--\'); ax.legend(); plt.show()'''),
(18, [], '''\
assert 9 <= syl_v.median() <= 11 and syl_p.median() >= 12          # the two classes sit where metre and column width put them
assert (syl_v > 13).float().mean() < 0.05'''),
(20, [], '''\
random.seed(0)
for cls, cond in ((\'verse\', (syl > 13) & verse_flag), (\'prose\', (syl <= 11) & ~verse_flag)):
    for i in random.sample(cond.nonzero()[:, 0].tolist(), 2): print(f"called {cls}, {syl[i]:.1f} syllables/line | {multi[i].play} | {multi[i].text[:150]!r}")'''),
(22, [], '''\
verse_texts = [s.text for s, v in zip(multi, verse_flag.tolist()) if v]
n_lines = sum(len(_lines(t)) for t in verse_texts)
n_words = sum(len(tokenize_words(t)) for t in verse_texts); n_chars = sum(len(t.replace(\'\\n\', \' \')) for t in verse_texts)
longest = max(verse_texts, key=len)
print(f"{n_lines:,} verse lines: {n_words / n_lines:.1f} word tokens (punctuation included) and {n_chars / n_lines:.1f} characters per line, "
      f"{n_chars / n_words:.1f}x as many steps with characters")
print(f"longest verse speech: {len(tokenize_words(longest))} word tokens, {len(longest)} characters")'''),
(25, [], '''\
def verse_examples(speeches,            # `Speech` records (or anything with a `.text` str)
                   lower:bool=True,     # lower-case the tokens (keeping case leaks the line starts)
                   verse_only:bool=True # keep only speeches `is_verse` accepts; False: every speech with 2+ lines
                  )->list:
    "A `(tokens, tags)` pair per speech: its word tokens without the line breaks, tag 1 where a line ends"
    out = []
    for i, s in enumerate(speeches):
        text = getattr(s, \'text\', None)
        if not isinstance(text, str): raise TypeError(f"speeches: expected records with a str `.text`, got {type(s).__name__} at position {i}")
        if (verse_only and not is_verse(text)) or len(_lines(text)) < 2: continue
        toks, tags = [], []
        for l in _lines(text):
            w = tokenize_words(l, lower=lower)
            if w: toks += w; tags += [0] * (len(w) - 1) + [1]
        out.append((toks, tags))
    return out'''),
(26, [], '''\
ex = verse_examples([verse_s])[0]
print(list(zip(ex[0], ex[1]))[:24])'''),
(27, [], '''\
toks, tags = verse_examples([verse_s])[0]
test_eq(len(toks), len(tags)); test_eq(sum(tags), len(_lines(verse_s.text))); test_eq(tags[-1], 1)
test_eq(verse_examples([prose_s]), []); test_eq(len(verse_examples([prose_s], verse_only=False)), 1)
test_eq(verse_examples([verse_s], lower=False)[0][0][0][0].isupper(), True)
test_fail(lambda: verse_examples([\'a\\nb\']), contains="speeches: expected records with a str `.text`, got str at position 0")'''),
(29, [], '''\
TEST_PLAYS = (\'richard-ii\', \'the-tempest\', \'henry-iv-part-1\')
def plays(names): return [s for s in speeches if s.play in names]
split_sp = {\'train\': plays(SPLITS[\'train\']), \'valid\': plays(SPLITS[\'valid\']), \'test\': plays(TEST_PLAYS)}
data = {k: verse_examples(v) for k, v in split_sp.items()}
for k, v in split_sp.items():
    n2 = sum(len(_lines(s.text)) >= 2 for s in v); nv = len(data[k])
    print(f"{k:5}: {len(v):5,} speeches, {n2:5,} of 2+ lines, {nv:5,} verse kept, {n2 - nv:4,} prose dropped; "
          f"{sum(len(t) for t, _ in data[k]):7,} tokens, {sum(sum(g[:-1]) for _, g in data[k]):6,} line ends to find")
n_pos, n_scored = sum(sum(g[:-1]) for _, g in data[\'train\']), sum(len(g) - 1 for _, g in data[\'train\'])
print(f"train: {n_pos / n_scored:.1%} of the scored tokens end a line (1 in {n_scored / n_pos:.1f}); tagging nothing is {1 - n_pos / n_scored:.1%} accurate")'''),
(30, [], '''\
assert not set(SPLITS[\'train\']) & set(TEST_PLAYS) and not set(SPLITS[\'valid\']) & set(TEST_PLAYS)
assert all(len(t) == len(g) and g[-1] == 1 for k in data for t, g in data[k])'''),
(32, [], '''\
def _as01(x, name):
    t = x if isinstance(x, Tensor) else torch.as_tensor(x) if isinstance(x, (list, tuple)) else None
    if t is None: raise TypeError(f"{name}: expected a tensor or a list of 0/1 tags, got {type(x).__name__}")
    if t.is_floating_point() or t.is_complex(): raise TypeError(f"{name}: expected 0/1 integer or bool tags, got {t.dtype}; threshold probabilities first")
    if t.numel() and not ((t == 0) | (t == 1)).all(): raise ValueError(f"{name}: expected tags in {{0, 1}}, got values {t.unique().tolist()[:5]}")
    return t.bool()

def prf1(pred,      # predicted tags, 0/1 or bool, any shape
         gold,      # true tags, same shape
         mask=None  # bool, same shape: True where a position is scored; None scores every position
        )->tuple:   # (precision, recall, F1) of the positive class, floats
    "Precision, recall and F1 of the tag 1 (a line end) over the positions where `mask` is True"
    p, g = _as01(pred, \'pred\'), _as01(gold, \'gold\')
    if p.shape != g.shape: raise ValueError(f"gold: expected the shape of pred, {tuple(p.shape)}, got {tuple(g.shape)}")
    if mask is not None:
        m = _as01(mask, \'mask\')
        if m.shape != p.shape: raise ValueError(f"mask: expected the shape of pred, {tuple(p.shape)}, got {tuple(m.shape)}")
        p, g = p[m], g[m]
    tp, fp, fn = (p & g).sum().item(), (p & ~g).sum().item(), (~p & g).sum().item()
    return (tp / (tp + fp) if tp + fp else 0.), (tp / (tp + fn) if tp + fn else 0.), (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.)'''),
(34, [], '''\
gold_h, pred_h = [0, 1, 0, 1, 1, 0], [1, 1, 0, 0, 1, 0]
prf1(pred_h, gold_h), prf1(pred_h, gold_h, mask=[0, 1, 1, 1, 1, 1])'''),
(35, [], '''\
test_close(prf1(pred_h, gold_h), (2/3, 2/3, 2/3)); test_close(prf1(pred_h, gold_h, [0, 1, 1, 1, 1, 1]), (1., 2/3, 0.8))
test_close(prf1(torch.tensor([[1, 0], [0, 0]]), torch.tensor([[1, 1], [0, 0]])), (1., .5, 2/3))   # any shape
test_eq(prf1([0, 0], [0, 1]), (0., 0., 0.)); test_eq(prf1([0, 0], [0, 0]), (0., 0., 0.))
test_fail(lambda: prf1([0.9, 0.1], [1, 0]), contains=\'pred: expected 0/1 integer or bool tags, got torch.float32\')
test_fail(lambda: prf1([1, 2], [1, 0]), contains=\'pred: expected tags in {0, 1}\')
test_fail(lambda: prf1([1, 0], [1, 0, 0]), contains=\'gold: expected the shape of pred, (2,), got (3,)\')
test_fail(lambda: prf1([1, 0], [1, 0], mask=[True]), contains=\'mask: expected the shape of pred\')
test_fail(lambda: prf1(\'10\', [1, 0]), contains=\'pred: expected a tensor or a list of 0/1 tags, got str\')'''),
(37, [], '''\
def inner(tag_lists): return torch.cat([torch.as_tensor(g[:-1]) for g in tag_lists])
def score(preds, examples): return prf1(inner(preds), inner([g for _, g in examples]))
def fmt(prf): return \' \'.join(f\'{n} {v:.3f}\' for n, v in zip(\'P R F1\'.split(), prf))'''),
(39, [], '''\
def rule_tags(tokens,           # word tokens of one speech
              k:int,            # break once this many units are counted
              unit:str=\'words\'  # \'words\' or \'syllables\' (punctuation counts 0 of either)
             )->list:
    "Tags of a rule that ends a line after every `k` words or syllables (trailing punctuation kept on the line)"
    if isinstance(k, bool) or not isinstance(k, int) or k < 1: raise ValueError(f"k: expected an int >= 1, got {k!r}")
    if unit not in (\'words\', \'syllables\'): raise ValueError(f"unit: expected \'words\' or \'syllables\', got {unit!r}")
    c = [syllables(w) for w in tokens]
    if unit == \'words\': c = [int(x > 0) for x in c]
    tags, n = [], 0
    for i, w in enumerate(tokens):
        n += c[i]
        brk = n >= k and (i + 1 == len(tokens) or c[i + 1] > 0)
        tags.append(int(brk or i + 1 == len(tokens)))
        if brk: n = 0
    return tags'''),
(40, [], '''\
toks = tokenize_words("so shaken as we are, so wan with care, find we a time for frighted peace to pant", lower=True)
print(rule_tags(toks, 10, \'syllables\')); print(rule_tags(toks, 8, \'words\'))'''),
(41, [], '''\
test_eq(rule_tags(toks, 10, \'syllables\'), [0]*10 + [1] + [0]*8 + [1])   # \'care ,\' is the 10th syllable; the last tag is always 1
test_eq(rule_tags([\'a\', \'b\', \'c\', \'d\'], 2), [0, 1, 0, 1]); test_eq(rule_tags([\'a\', \',\', \'b\'], 1), [0, 1, 1])
test_eq(rule_tags([], 3), [])
test_fail(lambda: rule_tags(toks, 0), contains=\'k: expected an int >= 1, got 0\')
test_fail(lambda: rule_tags(toks, 10, \'chars\'), contains="unit: expected \'words\' or \'syllables\', got \'chars\'")'''),
(42, [], '''\
def line_lengths(examples, unit):
    "Length of every line of `examples` in words or syllables"
    out = []
    for toks, tags in examples:
        n = 0
        for w, t in zip(toks, tags):
            n += syllables(w) if unit == \'syllables\' else int(syllables(w) > 0)
            if t: out.append(n); n = 0
    return torch.tensor(out).float()
k_w, k_s = (int(line_lengths(data[\'train\'], u).median()) for u in (\'words\', \'syllables\'))
res = {}
for unit, k in ((\'words\', k_w), (\'syllables\', k_s)):
    res[f\'rule: every {k} {unit}\'] = score([rule_tags(t, k, unit) for t, _ in data[\'test\']], data[\'test\'])
    print(f"k = {k:2} {unit:9} (fitted on train) | test {fmt(res[f\'rule: every {k} {unit}\'])}")'''),
(44, [], '''\
class TokenRates:
    "Context-free tagger: each token\'s smoothed training rate of ending a line, `(ends + a*p0) / (count + a)`"
    def __init__(self, examples, # (tokens, tags) pairs to count
                 a:float=1.):    # smoothing strength: pseudo-counts at the overall rate p0
        if not examples: raise ValueError("examples: expected at least one (tokens, tags) pair, got none")
        n, e = collections.Counter(), collections.Counter()
        for toks, tags in examples:
            for w, t in zip(toks[:-1], tags[:-1]): n[w] += 1; e[w] += t
        self.p0 = sum(e.values()) / max(1, sum(n.values()))
        store_attr(\'n,e,a\')
    def __call__(self, tokens): return [(self.e[w] + self.a * self.p0) / (self.n[w] + self.a) for w in tokens]'''),
(45, [], '''\
rates = TokenRates(data[\'train\'])
print(f"overall rate p0 = {rates.p0:.3f}; highest rates among frequent tokens:",
      sorted(((round(rates([w])[0], 2), w) for w in rates.n if rates.n[w] >= 200), reverse=True)[:8])'''),
(46, [], '''\
tr = TokenRates([([\'a\', \'b\', \'a\', \'c\'], [0, 1, 1, 1])])       # the last position is not counted
test_close(tr.p0, 2/3); test_close(tr([\'a\', \'b\', \'zzz\']), [(1 + 2/3) / 3, (1 + 2/3) / 2, 2/3])
test_fail(lambda: TokenRates([]), contains=\'examples: expected at least one\')'''),
(48, [], '''\
def best_threshold(probs, examples, grid=torch.arange(0.05, 0.96, 0.01)):
    "The threshold of the grid with the best validation F1, and that F1"
    p, g = inner(probs), inner([t for _, t in examples]).bool()
    f = [prf1(p > th, g)[2] for th in grid.tolist()]
    i = max(range(len(f)), key=f.__getitem__)
    return round(grid[i].item(), 2), f[i]
def tags_at(probs, th): return [[int(x > th) for x in p] for p in probs]'''),
(49, [], '''\
th_rates, f_val = best_threshold([rates(t) for t, _ in data[\'valid\']], data[\'valid\'])
res[\'token rates (no context)\'] = score(tags_at([rates(t) for t, _ in data[\'test\']], th_rates), data[\'test\'])
print(f"threshold {th_rates} (validation F1 {f_val:.3f}) | test {fmt(res[\'token rates (no context)\'])}")'''),
(52, [], '''\
class BiLSTMTagger(nn.Module):
    "Embedding → bidirectional LSTM over packed sequences → linear head; `forward(ids, lengths)` gives logits (B, T, n_tags)"
    def __init__(self, vocab_size:int,   # V, number of token ids
                 emb:int=64,             # d, embedding size
                 hidden:int=64,          # H, hidden units per direction
                 n_tags:int=2,           # number of tags (2: line end or not)
                 n_layers:int=1,         # stacked bidirectional layers
                 dropout:float=0.,       # dropout on the embeddings, between layers and before the head
                 pad_id:int=0,           # id of \'<pad>\', whose embedding stays zero
                 syl_table=None):        # optional (V,) int tensor: syllables of each id, embedded and added to its embedding
        super().__init__()
        for name, v, lo in ((\'vocab_size\', vocab_size, 1), (\'emb\', emb, 1), (\'hidden\', hidden, 1), (\'n_tags\', n_tags, 2), (\'n_layers\', n_layers, 1)):
            if isinstance(v, bool) or not isinstance(v, int) or v < lo: raise ValueError(f"{name}: expected an int >= {lo}, got {v!r}")
        if not 0 <= dropout < 1: raise ValueError(f"dropout: expected a float in [0, 1), got {dropout!r}")
        self.emb, self.drop = nn.Embedding(vocab_size, emb, padding_idx=pad_id), nn.Dropout(dropout)
        if syl_table is not None:
            if not isinstance(syl_table, Tensor) or syl_table.shape != (vocab_size,) or syl_table.is_floating_point() or (syl_table < 0).any():
                raise ValueError(f"syl_table: expected a ({vocab_size},) tensor of syllable counts >= 0, got {syl_table if not isinstance(syl_table, Tensor) else f\'shape {tuple(syl_table.shape)} of {syl_table.dtype}\'}")
            self.register_buffer(\'syl_table\', syl_table.long().clamp(max=7)); self.syl_emb = nn.Embedding(8, emb)
        else: self.syl_table = None
        self.rnn = nn.LSTM(emb, hidden, n_layers, batch_first=True, bidirectional=True, dropout=dropout if n_layers > 1 else 0.)
        self.head = nn.Linear(2 * hidden, n_tags)

    def forward(self, ids:Tensor,      # (B, T) token ids, right-padded
                lengths:Tensor         # (B,) lengths, 1 <= L_b <= T, any order, any device
               )->Tensor:              # (B, T, n_tags) logits; zeros\' image (the head\'s bias) at padded positions
        if not isinstance(ids, Tensor) or ids.dim() != 2 or ids.is_floating_point():
            raise TypeError(f"ids: expected a (B, T) integer tensor, got {f\'shape {tuple(ids.shape)} of {ids.dtype}\' if isinstance(ids, Tensor) else type(ids).__name__}")
        lengths = torch.as_tensor(lengths).cpu()
        x = self.emb(ids)                                                  # (B, T, d)
        if self.syl_table is not None: x = x + self.syl_emb(self.syl_table[ids])
        x = self.drop(x)
        out, _ = self.rnn(pack(x, lengths, batch_first=True, enforce_sorted=False))
        h, _ = unpack(out, batch_first=True, total_length=ids.size(1))     # (B, T, 2H), zeros after L_b
        return self.head(self.drop(h))                                     # (B, T, n_tags)'''),
(53, [], '''\
torch.manual_seed(0)
m = BiLSTMTagger(50, emb=8, hidden=16)
ids_d, lens_d = torch.randint(4, 50, (3, 7)), torch.tensor([7, 3, 5])
ids_d[1, 3:] = 0; ids_d[2, 5:] = 0
z = m(ids_d, lens_d); z.shape'''),
(55, [], '''\
test_eq(z.shape, (3, 7, 2))
for b, n in enumerate(lens_d.tolist()): test_close(m(ids_d[b:b+1, :n], torch.tensor([n]))[0], z[b, :n], eps=1e-6)
ids_x = ids_d.clone(); ids_x[0, 6] = 4 if ids_d[0, 6] != 4 else 5
assert (m(ids_x, lens_d)[0, 0] - z[0, 0]).abs().max() > 1e-6          # the backward direction reaches position 0
test_close(m(ids_x, lens_d)[1:], z[1:], eps=1e-6)                        # other sequences untouched
def torch_path(m, ids, lens):
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
    out, _ = m.rnn(pack_padded_sequence(m.emb(ids), lens, batch_first=True, enforce_sorted=False))
    return m.head(pad_packed_sequence(out, batch_first=True, total_length=ids.size(1))[0])
zt = torch_path(m, ids_d, lens_d); test_close(z, zt, eps=1e-6)
g1 = torch.autograd.grad(z[..., 1].sum(), m.rnn.weight_hh_l0_reverse); g2 = torch.autograd.grad(zt[..., 1].sum(), m.rnn.weight_hh_l0_reverse)
test_close(g1[0], g2[0], eps=1e-6)
test_fail(lambda: m(ids_d.float(), lens_d), contains=\'ids: expected a (B, T) integer tensor, got shape (3, 7) of torch.float32\')
test_fail(lambda: m(ids_d, torch.tensor([7, 3, 9])), contains=\'lengths\')
test_fail(lambda: BiLSTMTagger(50, n_tags=1), contains=\'n_tags: expected an int >= 2, got 1\')
test_fail(lambda: BiLSTMTagger(50, dropout=1.0), contains=\'dropout: expected a float in [0, 1), got 1.0\')
test_fail(lambda: BiLSTMTagger(\'50\'), contains="vocab_size: expected an int >= 1, got \'50\'")
test_fail(lambda: BiLSTMTagger(50, syl_table=torch.ones(49, dtype=torch.long)), contains=\'syl_table: expected a (50,) tensor of syllable counts >= 0, got shape (49,)\')
ms = BiLSTMTagger(50, emb=8, hidden=16, syl_table=torch.arange(50) % 4); test_eq(ms(ids_d, lens_d).shape, (3, 7, 2))
test_eq(ms.syl_table.tolist()[:5], [0, 1, 2, 3, 0]); assert \'syl_table\' in ms.state_dict()     # a buffer: saved and moved with .to(device)'''),
(57, [], '''\
IGNORE = -100   # tag of a position that is not scored: padding, or the (given) last token of a speech

def tag_collate(batch,        # (ids, tags) pairs: 1-D integer tensors or lists of the same length
                pad_id:int=0  # id written after shorter sequences
               )->tuple:      # ids (B, T), lengths (B,) on the CPU, tags (B, T) with IGNORE where not scored
    "Pad a batch of `(ids, tags)`; the tags of padding and of each sequence\'s last token become `IGNORE`"
    if not isinstance(batch, (list, tuple)) or not batch: raise TypeError(f"batch: expected a non-empty list of (ids, tags) pairs, got {type(batch).__name__}")
    ids, tags = [], []
    for i, item in enumerate(batch):
        if not (isinstance(item, (list, tuple)) and len(item) == 2): raise TypeError(f"batch: expected (ids, tags) pairs, got {type(item).__name__} at position {i}")
        x, y = torch.as_tensor(item[0], dtype=torch.long), torch.as_tensor(item[1], dtype=torch.long)
        if x.dim() != 1 or x.shape != y.shape or len(x) == 0:
            raise ValueError(f"batch: expected ids and tags of the same non-zero length at position {i}, got shapes {tuple(x.shape)} and {tuple(y.shape)}")
        y = y.clone(); y[-1] = IGNORE; ids.append(x); tags.append(y)
    lengths = torch.tensor([len(x) for x in ids])
    pad = torch.nn.utils.rnn.pad_sequence
    return pad(ids, batch_first=True, padding_value=pad_id), lengths, pad(tags, batch_first=True, padding_value=IGNORE)

def tag_loss(logits, # (B, T, n_tags)
             tags):  # (B, T) tags, IGNORE where not scored
    "Cross-entropy over the scored positions (`tags != IGNORE`), with `masked_cross_entropy`"
    mask = tags != IGNORE
    return masked_cross_entropy(logits, tags.clamp(min=0), mask)'''),
(58, [], '''\
xb, lb, yb = tag_collate([([5, 6, 7], [0, 1, 1]), ([8, 9], [0, 1])])
xb, lb, yb, tag_loss(torch.zeros(2, 3, 2), yb)'''),
(59, [], '''\
test_eq(xb, torch.tensor([[5, 6, 7], [8, 9, 0]])); test_eq(lb, torch.tensor([3, 2])); test_eq(yb, torch.tensor([[0, 1, -100], [0, -100, -100]]))
test_close(tag_loss(torch.zeros(2, 3, 2), yb), torch.log(torch.tensor(2.)))
lg = torch.randn(2, 3, 2); test_close(tag_loss(lg, yb), F.cross_entropy(lg.view(-1, 2), yb.view(-1), ignore_index=IGNORE))
test_fail(lambda: tag_collate([([1, 2], [0])]), contains=\'batch: expected ids and tags of the same non-zero length at position 0\')
test_fail(lambda: tag_collate([]), contains=\'batch: expected a non-empty list\')
test_fail(lambda: tag_collate([[1, 2, 3]]), contains=\'batch: expected (ids, tags) pairs, got list at position 0\')'''),
(61, [], '''\
SYL_UNKS = (\'<unk1>\', \'<unk2>\', \'<unk3>\')   # unknown words of 1, 2, 3+ syllables

def syllable_vocab(examples,      # (tokens, tags) pairs, as from `verse_examples`
                   min_freq:int=2 # keep tokens seen at least this often
                  )->Vocab:
    "A `Vocab` of the tokens of `examples` with the specials plus `SYL_UNKS`"
    return Vocab((w for t, _ in examples for w in t), min_freq=min_freq, specials=SPECIALS + SYL_UNKS)

def encode_words(vocab:Vocab, # from `syllable_vocab`
                 tokens       # word tokens
                )->list:
    "Ids of `tokens`; an unknown word becomes `<unk1>`..`<unk3>` by its syllables (unknown punctuation `<unk>`)"
    if not all(u in vocab for u in SYL_UNKS): raise ValueError(f"vocab: expected the specials {SYL_UNKS}; build it with syllable_vocab")
    s = vocab.stoi
    return [s[w] if w in s else s[SYL_UNKS[min(n, 3) - 1]] if (n := syllables(w)) else vocab.unk_id for w in tokens]

def syllable_table(vocab:Vocab # from `syllable_vocab`
                  )->Tensor:   # (V,) int64
    "Syllables of every id of `vocab`: 0 for specials and punctuation, 1..3 for `SYL_UNKS`"
    return torch.tensor([SYL_UNKS.index(t) + 1 if t in SYL_UNKS else 0 if t in vocab.specials else syllables(t) for t in vocab.itos])'''),
(62, [], '''\
v_t = syllable_vocab([([\'the\', \'the\', \'king\', \'king\', \',\', \',\'], [0] * 6)])
test_eq(encode_words(v_t, [\'the\', \'majesty\', \'hal\', \';\', \'king\']), [v_t.stoi[\'the\'], v_t.stoi[\'<unk3>\'], v_t.stoi[\'<unk1>\'], v_t.unk_id, v_t.stoi[\'king\']])
test_eq(syllable_table(v_t).tolist(), [0, 0, 0, 0, 1, 2, 3, 0, 1, 1])
test_fail(lambda: encode_words(Vocab([\'a\']), [\'a\']), contains="vocab: expected the specials (\'<unk1>\', \'<unk2>\', \'<unk3>\')")'''),
(64, [], '''\
def chunk_lines(examples,      # (tokens, tags) pairs
                max_lines:int  # most line ends per piece
               )->list:
    "Cut each example after every `max_lines`-th line end; the pieces cover the tokens in order"
    if isinstance(max_lines, bool) or not isinstance(max_lines, int) or max_lines < 1: raise ValueError(f"max_lines: expected an int >= 1, got {max_lines!r}")
    out = []
    for toks, tags in examples:
        start, k = 0, 0
        for i, t in enumerate(tags):
            k += t
            if t and k == max_lines: out.append((toks[start:i + 1], tags[start:i + 1])); start, k = i + 1, 0
        if start < len(toks): out.append((toks[start:], tags[start:]))
    return out'''),
(65, [], '''\
chunk_lines([(\'a b c d e f\'.split(), [0, 1, 1, 0, 1, 1])], 2)'''),
(66, [], '''\
test_eq(chunk_lines([(\'a b c d e f\'.split(), [0, 1, 1, 0, 1, 1])], 2), [([\'a\', \'b\', \'c\'], [0, 1, 1]), ([\'d\', \'e\', \'f\'], [0, 1, 1])])
test_eq(chunk_lines([(\'a b c\'.split(), [0, 1, 0])], 1), [([\'a\', \'b\'], [0, 1]), ([\'c\'], [0])])
pieces = chunk_lines(data[\'train\'], 4)
test_eq(sum(len(t) for t, _ in pieces), sum(len(t) for t, _ in data[\'train\'])); assert all(g[-1] == 1 and sum(g) <= 4 for _, g in pieces)
test_fail(lambda: chunk_lines([], 0), contains=\'max_lines: expected an int >= 1, got 0\')'''),
(67, [], '''\
vocab = syllable_vocab(data[\'train\'])
def encode(examples, vocab=vocab): return [(torch.tensor(encode_words(vocab, t)), torch.tensor(g)) for t, g in examples]
enc = {k: encode(v) for k, v in data.items()}
train_chunks = encode(chunk_lines(data[\'train\'], 4))
def loader(ds, bs=32, shuffle=True, seed=0):
    return DataLoader(ds, batch_sampler=BucketSampler([len(x) for x, _ in ds], bs, shuffle=shuffle, seed=seed), collate_fn=tag_collate)
unk_ids = torch.tensor([vocab.stoi[u] for u in (\'<unk>\',) + SYL_UNKS])
unk = sum(torch.isin(x, unk_ids).sum().item() for x, _ in enc[\'test\']) / sum(len(x) for x, _ in enc[\'test\'])
print(f"V = {len(vocab):,}; {unk:.1%} of the test tokens are unknown; syllables of the first ids: {list(zip(vocab.itos[:12], syllable_table(vocab)[:12].tolist()))}")'''),
(68, [], '''\
N_EPOCHS = 3
torch.manual_seed(0)
tagger = BiLSTMTagger(len(vocab), emb=64, hidden=64, dropout=0.1, syl_table=syllable_table(vocab))
learn = Learner(tagger, DataLoaders(loader(train_chunks), loader(enc[\'valid\'], shuffle=False)), tag_loss, lr=5e-3, cbs=[GradClip(1.0)])
learn.fit(N_EPOCHS)
for r in learn.recorder.log: print(f"epoch {r[\'epoch\']}: train loss {r[\'train_loss\']:.4f}, valid loss {r[\'valid_loss\']:.4f}")'''),
(69, [], '''\
ax = plt.subplots(figsize=(7, 3.2))[1]
learn.plot_loss(ax, title=f\'BiLSTM tagger, 8 training plays, {N_EPOCHS} epochs\'); ax.set(ylabel=\'masked cross-entropy (nats/token)\'); plt.show()'''),
(71, [], '''\
@torch.no_grad()
def tag_probs(model:nn.Module, # a tagger: `model(ids, lengths)` -> logits (B, T, 2)
              seqs,            # 1-D integer tensors of token ids
              bs:int=64        # sequences per batch
             )->list:          # one 1-D float tensor per sequence: P(tag 1) at each token
    "Probability of tag 1 at every token of every sequence, in the order of `seqs`"
    if isinstance(bs, bool) or not isinstance(bs, int) or bs < 1: raise ValueError(f"bs: expected an int >= 1, got {bs!r}")
    dev, was = next(model.parameters()).device, model.training
    model.eval(); out = [None] * len(seqs)
    order = sorted(range(len(seqs)), key=lambda i: -len(seqs[i]))
    try:
        for j in range(0, len(order), bs):
            idx = order[j:j + bs]
            x, l, _ = tag_collate([(seqs[i], torch.zeros(len(seqs[i]))) for i in idx])
            p = model(x.to(dev), l).softmax(-1)[..., 1].cpu()
            for r, i in enumerate(idx): out[i] = p[r, :l[r]]
    finally: model.train(was)
    return out'''),
(72, [], '''\
probs = {k: tag_probs(tagger, [x for x, _ in enc[k]]) for k in (\'valid\', \'test\')}
th_lstm, f_val = best_threshold(probs[\'valid\'], data[\'valid\'])
res[\'BiLSTM\'] = score(tags_at(probs[\'test\'], th_lstm), data[\'test\'])
print(f"threshold {th_lstm} (validation F1 {f_val:.3f}); at 0.5: test {fmt(score(tags_at(probs[\'test\'], 0.5), data[\'test\']))}")
print(f"BiLSTM, threshold {th_lstm}: test {fmt(res[\'BiLSTM\'])}")'''),
(73, [], '''\
test_eq([len(p) for p in probs[\'test\']], [len(x) for x, _ in enc[\'test\']])
one = enc[\'test\'][3][0]; test_close(tag_probs(tagger, [one])[0], probs[\'test\'][3], eps=1e-5)   # batching does not change a sequence\'s output
assert res[\'BiLSTM\'][2] > max(v[2] for k, v in res.items() if k != \'BiLSTM\') + 0.05
test_fail(lambda: tag_probs(tagger, [one], bs=0), contains=\'bs: expected an int >= 1, got 0\')'''),
(75, [], '''\
print(f"{\'test: Richard II, The Tempest, Henry IV Part 1\':48} {\'P\':>6} {\'R\':>6} {\'F1\':>6}")
for k, (p, r, f) in res.items(): print(f"{k:48} {p:6.3f} {r:6.3f} {f:6.3f}")'''),
(77, [], '''\
def pr_curve(probs, examples, grid=torch.linspace(0.02, 0.98, 49)):
    p, g = inner(probs), inner([t for _, t in examples]).bool()
    return torch.tensor([prf1(p > th, g)[:2] for th in grid.tolist()])
fig, ax = plt.subplots(figsize=(5.5, 4.5))
for name, pr in ((\'BiLSTM\', pr_curve(probs[\'test\'], data[\'test\'])), (\'token rates\', pr_curve([rates(t) for t, _ in data[\'test\']], data[\'test\']))):
    ax.plot(pr[:, 1], pr[:, 0], \'.-\', ms=3, label=name)
for k in range(6, 15):
    p, r, _ = score([rule_tags(t, k, \'syllables\') for t, _ in data[\'test\']], data[\'test\'])
    ax.plot(r, p, \'k^\', ms=4, label=\'rule, k = 6..14 syllables\' if k == 6 else None)
ax.set(xlabel=\'recall of line ends\', ylabel=\'precision\', title=\'Held-out plays: precision against recall\', xlim=(0, 1), ylim=(0, 1)); ax.grid(alpha=.3); ax.legend(); plt.show()'''),
(79, [], '''\
def restore_lines(tokens, # word tokens, as from `tokenize_words`
                  tags    # 0/1 per token: 1 ends a line
                 )->str:
    "The tokens as text, with a line break after each token tagged 1"
    if len(tokens) != len(tags): raise ValueError(f"tags: expected one tag per token, {len(tokens)}, got {len(tags)}")
    lines, cur = [], \'\'
    for w, t in zip(tokens, tags):
        glue = not cur or cur[-1] in \'([-\' or (not _LETTER.search(w) and w not in (\'(\', \'[\'))   # punctuation sticks to the word before
        cur += w if glue else \' \' + w
        if t: lines.append(cur); cur = \'\'
    return \'\\n\'.join(lines + ([cur] if cur else []))'''),
(80, [], '''\
print(restore_lines(tokenize_words("Now is the winter of our discontent made glorious summer by this sun of York;", lower=True), [0]*6 + [1] + [0]*8 + [1]))'''),
(81, [], '''\
test_eq(restore_lines([\'a\', \',\', \'b\', \'.\', \'c\'], [0, 1, 0, 0, 1]), \'a,\\nb. c\')
test_eq(restore_lines([\'a\', \'b\'], [0, 0]), \'a b\'); test_eq(restore_lines([], []), \'\')
test_eq(restore_lines([\'short\', \'-\', \'winded\', \'(\', \'o\', \')\'], [0, 0, 0, 0, 0, 1]), \'short-winded (o)\')
test_fail(lambda: restore_lines([\'a\'], [1, 0]), contains=\'tags: expected one tag per token, 1, got 2\')'''),
(83, [], '''\
def side_by_side(i, th=th_lstm, width=50):
    toks, gold = data[\'test\'][i]
    pred = [int(p > th) for p in probs[\'test\'][i]]; pred[-1] = 1
    a, b = restore_lines(toks, gold).split(\'\\n\'), restore_lines(toks, pred).split(\'\\n\')
    for j in range(max(len(a), len(b))):
        l, r = (a[j] if j < len(a) else \'\'), (b[j] if j < len(b) else \'\')
        print(f"{l[:width]:{width}} {\' \' if l == r else \'x\'} {r[:width]}")
test_play = [s.play for s in split_sp[\'test\'] if is_verse(s.text)]      # the play of each test example
i_show = next(i for i, (t, g) in enumerate(data[\'test\']) if test_play[i] == \'richard-ii\' and 9 <= sum(g) <= 12)
side_by_side(i_show)'''),
(85, [], '''\
rows = []
for (toks, gold), p in zip(data[\'test\'], probs[\'test\']):
    n, first = 0, True
    for j, (w, g) in enumerate(zip(toks[:-1], gold[:-1])):
        n += syllables(w)
        if g: rows.append((n, first, bool(p[j] > th_lstm))); n, first = 0, False
def bucket(n): return \'<= 6\' if n <= 6 else \'7-9\' if n <= 9 else str(n) if n <= 11 else \'>= 12\'
by = collections.defaultdict(list)
for n, first, hit in rows: by[bucket(n)].append(hit)
for k in (\'<= 6\', \'7-9\', \'10\', \'11\', \'>= 12\'): print(f"line of {k:>5} syllables: {len(by[k]):5,} line ends, recall {sum(by[k]) / len(by[k]):.3f}")
for f in (True, False): hs = [h for _, fi, h in rows if fi == f]; print(f"{\'first line of a speech\' if f else \'later lines\':24}: {len(hs):5,} line ends, recall {sum(hs) / len(hs):.3f}")'''),
(87, [], '''\
prose_ex = verse_examples([s for s in split_sp[\'test\'] if not is_verse(s.text)], verse_only=False)
prose_p = tag_probs(tagger, [x for x, _ in encode(prose_ex)])
print(f"{len(prose_ex)} prose speeches in the test plays: BiLSTM {fmt(score(tags_at(prose_p, th_lstm), prose_ex))}; "
      f"rule every 10 syllables {fmt(score([rule_tags(t, 10, \'syllables\') for t, _ in prose_ex], prose_ex))}")'''),
(90, [], '''\
cased = verse_examples(split_sp[\'test\'], lower=False)
def caps_rule(toks): return [int(i + 1 == len(toks) or toks[i + 1][0].isupper() and toks[i + 1] != \'I\') for i in range(len(toks))]
print(f"capital-letter rule on cased text: {fmt(score([caps_rule(t) for t, _ in cased], cased))}")'''),
(92, [], '''\
def score_all(preds, examples): return prf1(torch.tensor([t for g in preds for t in g]), torch.tensor([t for _, g in examples for t in g]))
pred_l = tags_at(probs[\'test\'], th_lstm)
for p in pred_l: p[-1] = 1
print(f"BiLSTM scored on inner line ends {fmt(res[\'BiLSTM\'])}; with the given last tags {fmt(score_all(pred_l, data[\'test\']))}")
print(f"rule (k = {k_s} syllables) on inner line ends {fmt(res[f\'rule: every {k_s} syllables\'])}; "
      f"with the given last tags {fmt(score_all([rule_tags(t, k_s, \'syllables\') for t, _ in data[\'test\']], data[\'test\']))}")'''),
(97, [], '''\
w = (1 - rates.p0) / rates.p0
def weighted_loss(logits, tags):
    m = tags != IGNORE
    return F.cross_entropy(logits[m], tags[m], weight=torch.tensor([1., w], device=logits.device))
torch.manual_seed(0)
tw = BiLSTMTagger(len(vocab), emb=64, hidden=64, dropout=0.1, syl_table=syllable_table(vocab))
Learner(tw, DataLoaders(loader(train_chunks)), weighted_loss, lr=5e-3, cbs=[GradClip(1.0)]).fit(1)
pw = tag_probs(tw, [x for x, _ in enc[\'test\']])
s_w, s_u = score(tags_at(pw, 0.5), data[\'test\']), score(tags_at(probs[\'test\'], 0.5), data[\'test\'])
print(f"w = {w:.1f}; at 0.5: weighted (1 epoch) {fmt(s_w)}; unweighted ({N_EPOCHS} epochs) {fmt(s_u)}; unweighted at its tuned threshold {fmt(res[\'BiLSTM\'])}")
assert s_w[1] > s_u[1]          # the weight buys recall at the default threshold'''),
(100, [], '''\
fv = {u: {k: score([rule_tags(t, k, u) for t, _ in data[\'valid\']], data[\'valid\']) for k in range(1, 15)} for u in (\'words\', \'syllables\')}
for u in fv: print(f"{u:9}", \' \'.join(f"{k}:{prf[2]:.2f}" for k, prf in fv[u].items()))
best = {u: max(fv[u], key=lambda k: fv[u][k][2]) for u in fv}
print(f"best k: {best}; precision of the best word rule {fv[\'words\'][best[\'words\']][0]:.3f}")
assert 9 <= best[\'syllables\'] <= 11 and best[\'words\'] <= 2 and fv[\'words\'][best[\'words\']][0] < 0.15'''),
(102, [], '''\
syl_unk = sum(syllables(w) for t, _ in data[\'test\'] for w in t if w not in vocab)
syl_all = sum(syllables(w) for t, _ in data[\'test\'] for w in t)
hit = {True: [], False: []}
for (toks, gold), p in zip(data[\'test\'], probs[\'test\']):
    has_unk = False
    for j, (w, g) in enumerate(zip(toks[:-1], gold[:-1])):
        has_unk |= w not in vocab
        if g: hit[has_unk].append(bool(p[j] > th_lstm)); has_unk = False
print(f"{syl_unk / syl_all:.1%} of test syllables are on <unk> tokens; recall on lines with an <unk> "
      f"{sum(hit[True]) / len(hit[True]):.3f} ({len(hit[True])} lines), without {sum(hit[False]) / len(hit[False]):.3f}")
assert sum(hit[True]) / len(hit[True]) > sum(hit[False]) / len(hit[False]) - 0.05'''),
(105, [], '''\
pn, pe = collections.Counter(), collections.Counter()
for toks, tags in data[\'train\']:
    for a, b, t in zip(toks[:-1], toks[1:], tags[:-1]): pn[a, b] += 1; pe[a, b] += t
def bigram_probs(toks):
    r = rates(toks)
    return [pe[a, b] / pn[a, b] if pn[a, b] >= 5 else r[j] for j, (a, b) in enumerate(zip(toks, toks[1:] + [\'<end>\']))]
th_bi, _ = best_threshold([bigram_probs(t) for t, _ in data[\'valid\']], data[\'valid\'])
f_bi = score(tags_at([bigram_probs(t) for t, _ in data[\'test\']], th_bi), data[\'test\'])[2]
print(f"bigram rates: test F1 {f_bi:.3f} (token rates {res[\'token rates (no context)\'][2]:.3f}, BiLSTM {res[\'BiLSTM\'][2]:.3f})")
assert res[\'token rates (no context)\'][2] < f_bi < res[\'BiLSTM\'][2]'''),
(108, ['slow'], '''\
big_sp = [s for s in speeches if s.play not in SPLITS[\'valid\'] + TEST_PLAYS]
big_ex = verse_examples(big_sp)
vocab_l = syllable_vocab(big_ex)
def encode_l(examples): return encode(examples, vocab_l)
torch.manual_seed(0)
tagger_l = BiLSTMTagger(len(vocab_l), emb=64, hidden=128, dropout=0.2, syl_table=syllable_table(vocab_l))
Learner(tagger_l, DataLoaders(loader(encode_l(chunk_lines(big_ex, 4)))), tag_loss, lr=3e-3, cbs=[GradClip(1.0)]).fit(4)
pl = {k: tag_probs(tagger_l, [x for x, _ in encode_l(data[k])]) for k in (\'valid\', \'test\')}
th_l = best_threshold(pl[\'valid\'], data[\'valid\'])[0]
print(f"{len(big_ex):,} training speeches, V = {len(vocab_l):,}; threshold {th_l}: test {fmt(score(tags_at(pl[\'test\'], th_l), data[\'test\']))}")'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/11_tagging.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_tagging(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_speeches_load_speeches(): nb.run(6)
def test_c008_letter_re_compile_r_w_d(): nb.run(8)
def test_c009_is_verse_verse_s_text_is_verse_prose_s_t(): nb.run(9)
def test_c010_test_eq_is_verse_verse_s_text_true_test(): nb.run(10)
def test_c012_vowels_re_compile_r_aeiouy(): nb.run(12)
def test_c013_line_so_shaken_as_we_are_so_wan_with_car(): nb.run(13)
def test_c014_test_eq_syllables_w_for_w_in_time_table(): nb.run(14)
def test_c016_def_mean_syl_text(): nb.run(16)
def test_c017_fig_ax_plt_subplots_figsize_7_3_2(): nb.run(17)
def test_c018_assert_9_syl_v_median_11_and_syl_p_media(): nb.run(18)
def test_c020_random_seed_0(): nb.run(20)
def test_c022_verse_texts_s_text_for_s_v_in_zip_multi(): nb.run(22)
def test_c025_def_verse_examples_speeches_speech_recor(): nb.run(25)
def test_c026_ex_verse_examples_verse_s_0(): nb.run(26)
def test_c027_toks_tags_verse_examples_verse_s_0(): nb.run(27)
def test_c029_test_plays_richard_ii_the_tempest_henry(): nb.run(29)
def test_c030_assert_not_set_splits_train_set_test_pla(): nb.run(30)
def test_c032_def__as01_x_name(): nb.run(32)
def test_c034_gold_h_pred_h_0_1_0_1_1_0_1_1_0_0_1_0(): nb.run(34)
def test_c035_test_close_prf1_pred_h_gold_h_2_3_2_3_2(): nb.run(35)
def test_c037_def_inner_tag_lists_return_torch_cat_tor(): nb.run(37)
def test_c039_def_rule_tags_tokens_word_tokens_of_one(): nb.run(39)
def test_c040_toks_tokenize_words_so_shaken_as_we_are(): nb.run(40)
def test_c041_test_eq_rule_tags_toks_10_syllables_0_10(): nb.run(41)
def test_c042_def_line_lengths_examples_unit(): nb.run(42)
def test_c044_class_tokenrates(): nb.run(44)
def test_c045_rates_tokenrates_data_train(): nb.run(45)
def test_c046_tr_tokenrates_a_b_a_c_0_1_1_1_the_last_p(): nb.run(46)
def test_c048_def_best_threshold_probs_examples_grid_t(): nb.run(48)
def test_c049_th_rates_f_val_best_threshold_rates_t_fo(): nb.run(49)
def test_c052_class_bilstmtagger_nn_module(): nb.run(52)
def test_c053_torch_manual_seed_0(): nb.run(53)
def test_c055_test_eq_z_shape_3_7_2(): nb.run(55)
def test_c057_ignore_100_tag_of_a_position_that_is_not(): nb.run(57)
def test_c058_xb_lb_yb_tag_collate_5_6_7_0_1_1_8_9_0_1(): nb.run(58)
def test_c059_test_eq_xb_torch_tensor_5_6_7_8_9_0_test(): nb.run(59)
def test_c061_syl_unks_unk1_unk2_unk3_unknown_words_of(): nb.run(61)
def test_c062_v_t_syllable_vocab_the_the_king_king_0_6(): nb.run(62)
def test_c064_def_chunk_lines_examples_tokens_tags_pai(): nb.run(64)
def test_c065_chunk_lines_a_b_c_d_e_f_split_0_1_1_0_1(): nb.run(65)
def test_c066_test_eq_chunk_lines_a_b_c_d_e_f_split_0(): nb.run(66)
def test_c067_vocab_syllable_vocab_data_train(): nb.run(67)
def test_c068_n_epochs_3(): nb.run(68)
def test_c069_ax_plt_subplots_figsize_7_3_2_1(): nb.run(69)
def test_c071_torch_no_grad(): nb.run(71)
def test_c072_probs_k_tag_probs_tagger_x_for_x___in_en(): nb.run(72)
def test_c073_test_eq_len_p_for_p_in_probs_test_len_x(): nb.run(73)
def test_c075_print_f_test_richard_ii_the_tempest_henr(): nb.run(75)
def test_c077_def_pr_curve_probs_examples_grid_torch_l(): nb.run(77)
def test_c079_def_restore_lines_tokens_word_tokens_as(): nb.run(79)
def test_c080_print_restore_lines_tokenize_words_now_i(): nb.run(80)
def test_c081_test_eq_restore_lines_a_b_c_0_1_0_0_1_a(): nb.run(81)
def test_c083_def_side_by_side_i_th_th_lstm_width_50(): nb.run(83)
def test_c085_rows(): nb.run(85)
def test_c087_prose_ex_verse_examples_s_for_s_in_split(): nb.run(87)
def test_c090_cased_verse_examples_split_sp_test_lower(): nb.run(90)
def test_c092_def_score_all_preds_examples_return_prf1(): nb.run(92)
def test_c097_w_1_rates_p0_rates_p0(): nb.run(97)
def test_c100_fv_u_k_score_rule_tags_t_k_u_for_t___in(): nb.run(100)
def test_c102_syl_unk_sum_syllables_w_for_t___in_data(): nb.run(102)
def test_c105_pn_pe_collections_counter_collections_co(): nb.run(105)
@pytest.mark.slow
def test_c108_big_sp_s_for_s_in_speeches_if_s_play_not(): nb.run(108)
