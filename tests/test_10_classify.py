# Generated from nbs/10_classify.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp classify'''),
(2, [], '''\
from __future__ import annotations
import collections, numbers
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.utils.data import Dataset, DataLoader
from fastcore.basics import store_attr, patch
from rnnbook.data import load_speeches, tokenize_words, Vocab, pad_collate, Speech
from rnnbook.padding import pack, unpack, last_valid, lengths_to_mask, BucketSampler'''),
(3, [], '''\
from fastcore.test import *
import math, textwrap
import matplotlib.pyplot as plt
from rnnbook.learner import Learner, DataLoaders, Accuracy, GradClip, ReduceLROnPlateauCB, EarlyStopping'''),
(5, [], '''\
CLASSES = (\'comedies\', \'tragedies\', \'histories\')
GENRE_TEST_PLAYS = (\'much-ado-about-nothing\', \'twelfth-night\', \'hamlet\', \'macbeth\', \'henry-v\', \'richard-iii\')
GENRE_VALID_PLAYS = (\'as-you-like-it\', \'othello\', \'king-john\')

def _check_int(name, v, lo):
    if isinstance(v, bool) or not isinstance(v, numbers.Integral): raise TypeError(f"{name}: expected an int, got {type(v).__name__} {v!r}")
    if v < lo: raise ValueError(f"{name}: expected an int >= {lo}, got {v}")

def n_tokens(s:Speech)->int:
    "Number of lower-cased word and punctuation tokens in `s.text`"
    return len(tokenize_words(s.text, lower=True))'''),
(6, [], '''\
def _check_plays(name, plays, known):
    if isinstance(plays, str) or not all(isinstance(p, str) for p in plays): raise TypeError(f"{name}: expected a tuple of play names, got {plays!r}")
    bad = [p for p in plays if p not in known]
    if bad: raise ValueError(f"{name}: {bad[0]!r} is not a play of {CLASSES}; expected names like {sorted(known)[0]!r}")

def genre_split(min_len:int=10,                        # drop speeches of fewer tokens (`n_tokens`)
                test_plays:tuple=GENRE_TEST_PLAYS,     # plays held out for the test
                valid_plays:tuple=GENRE_VALID_PLAYS,   # plays held out for early stopping
               )->dict:
    "Speeches of `CLASSES` with at least `min_len` tokens, split by play: {\'train\', \'valid\', \'test\'} -> lists of `Speech`"
    _check_int(\'min_len\', min_len, 1)
    S = [s for s in load_speeches() if s.genre in CLASSES]
    known = {s.play for s in S}
    _check_plays(\'test_plays\', test_plays, known); _check_plays(\'valid_plays\', valid_plays, known)
    if set(test_plays) & set(valid_plays): raise ValueError(f"valid_plays: expected no play of test_plays, got {sorted(set(test_plays) & set(valid_plays))}")
    split = lambda s: \'test\' if s.play in test_plays else \'valid\' if s.play in valid_plays else \'train\'
    out = {\'train\': [], \'valid\': [], \'test\': []}
    for s in S:
        if n_tokens(s) >= min_len: out[split(s)].append(s)
    return out'''),
(8, [], '''\
S3 = [s for s in load_speeches() if s.genre in CLASSES]
lens = torch.tensor([n_tokens(s) for s in S3])
print(f"{len(S3)} speeches in the 25 plays of {CLASSES}; median {lens.median().item()} tokens; "
      f"{(lens < 10).sum().item()} ({(lens < 10).float().mean():.0%}) have fewer than 10, "
      f"{(lens > 200).sum().item()} ({(lens > 200).float().mean():.1%}) more than 200")
splits = genre_split(10)
for k, v in splits.items():
    c = collections.Counter(s.genre for s in v)
    print(f"{k:5}: {len(v):5} speeches from {len({s.play for s in v}):2} plays; " + \', \'.join(f"{g} {c[g]}" for g in CLASSES))'''),
(9, [], '''\
test_eq(sum(map(len, splits.values())), (lens >= 10).sum().item())
test_eq({s.play for s in splits[\'test\']}, set(GENRE_TEST_PLAYS)); test_eq({s.play for s in splits[\'valid\']}, set(GENRE_VALID_PLAYS))
assert not {s.play for s in splits[\'train\']} & (set(GENRE_TEST_PLAYS) | set(GENRE_VALID_PLAYS))
assert all(n_tokens(s) >= 10 for v in splits.values() for s in v)
test_eq(len(genre_split(1)[\'test\']) > len(splits[\'test\']), True)
test_fail(lambda: genre_split(0), contains=\'min_len: expected an int >= 1\')
test_fail(lambda: genre_split(2.5), contains=\'min_len: expected an int\')
test_fail(lambda: genre_split(test_plays=(\'hamlet\', \'julius-caesar\')), contains="test_plays: \'julius-caesar\' is not a play")
test_fail(lambda: genre_split(test_plays=\'hamlet\'), contains=\'test_plays: expected a tuple\')
test_fail(lambda: genre_split(valid_plays=(\'hamlet\',)), contains="valid_plays: expected no play of test_plays, got [\'hamlet\']")'''),
(11, [], '''\
def class_weights(labels:Tensor, # (N,) class ids of the training examples
                  n_classes:int  # C
                 )->Tensor:
    "Weights `N / (C N_c)` per class (C,), float32: each class gets the same total weight"
    if not isinstance(labels, Tensor) or labels.dim() != 1 or labels.is_floating_point(): raise TypeError(f"labels: expected a 1-D integer tensor, got {labels!r:.60}")
    _check_int(\'n_classes\', n_classes, 1)
    counts = torch.bincount(labels, minlength=n_classes)
    if len(counts) > n_classes or (counts == 0).any(): raise ValueError(f"labels: expected every class 0..{n_classes-1} present and no other, got counts {counts.tolist()}")
    return (len(labels) / (n_classes * counts)).float()'''),
(12, [], '''\
class_weights(torch.tensor([0, 0, 0, 1]), 2)   # 4/(2·3), 4/(2·1)'''),
(13, [], '''\
w = class_weights(torch.tensor([0, 0, 0, 1]), 2); test_close(w, torch.tensor([2/3, 2.]))
test_close((w * torch.tensor([3., 1.])), torch.tensor([2., 2.]))   # the same total weight per class
test_fail(lambda: class_weights(torch.tensor([0, 0]), 2), contains=\'labels: expected every class 0..1 present\')
test_fail(lambda: class_weights(torch.tensor([0, 3]), 2), contains=\'labels: expected every class\')
test_fail(lambda: class_weights(torch.tensor([0., 1.]), 2), contains=\'labels: expected a 1-D integer tensor\')'''),
(15, [], '''\
class SpeechDataset(Dataset):
    "(ids, label) pairs of `speeches`: word ids from `vocab` cut to the first `max_len`, label = index in `CLASSES`"
    def __init__(self, speeches:list,     # `Speech` records of the genres in `CLASSES`
                 vocab:Vocab,             # token -> id, e.g. from the training speeches
                 max_len:int=200):        # keep at most the first `max_len` tokens of a speech
        if not isinstance(vocab, Vocab): raise TypeError(f"vocab: expected a Vocab, got {type(vocab).__name__}")
        _check_int(\'max_len\', max_len, 1)
        self.speeches = list(speeches)
        if not self.speeches: raise ValueError("speeches: expected at least one Speech, got none")
        for i, s in enumerate(self.speeches):
            if not isinstance(s, Speech): raise TypeError(f"speeches: expected Speech records, got {type(s).__name__} at position {i}")
            if s.genre not in CLASSES: raise ValueError(f"speeches: expected genres in {CLASSES}, got {s.genre!r} at position {i} ({s.play})")
            if not tokenize_words(s.text): raise ValueError(f"speeches: the speech at position {i} ({s.play}) has no tokens")
        self.ids = [torch.tensor(vocab.encode(tokenize_words(s.text, lower=True)[:max_len])) for s in self.speeches]
        self.labels = torch.tensor([CLASSES.index(s.genre) for s in self.speeches])
        self.lengths = torch.tensor([len(x) for x in self.ids])
        store_attr(\'vocab,max_len\')
    def __len__(self): return len(self.ids)
    def __getitem__(self, i): return self.ids[i], self.labels[i]'''),
(16, [], '''\
def speech_loader(ds:SpeechDataset,   # the examples
                  bs:int=64,          # speeches per batch
                  shuffle:bool=True,  # new random buckets every epoch; False: longest first
                  seed:int=0):        # seed of the buckets (with the epoch)
    "A DataLoader of `(ids (B, T), lengths (B,), labels (B,))` batches of speeches of similar length"
    if not isinstance(ds, SpeechDataset): raise TypeError(f"ds: expected a SpeechDataset, got {type(ds).__name__}")
    return DataLoader(ds, batch_sampler=BucketSampler(ds.lengths, bs, shuffle=shuffle, seed=seed), collate_fn=pad_collate)'''),
(17, [], '''\
vocab = Vocab([t for s in splits[\'train\'] for t in tokenize_words(s.text, lower=True)], min_freq=2, max_size=10_000)
ds = {k: SpeechDataset(v, vocab) for k, v in splits.items()}
unk = {k: (torch.cat(d.ids) == vocab.unk_id).float().mean().item() for k, d in ds.items()}
print(f"{len(vocab)} ids; <unk> share: " + \', \'.join(f"{k} {v:.1%}" for k, v in unk.items()))
x, l, y = next(iter(speech_loader(ds[\'train\'], bs=4)))
x.shape, l, y'''),
(18, [], '''\
test_eq(x.shape, (4, l.max().item())); test_eq(x[torch.arange(4), l - 1] != vocab.pad_id, torch.ones(4, dtype=torch.bool))
test_eq(ds[\'train\'].lengths.max().item(), 200); test_eq(len(ds[\'test\']), len(splits[\'test\']))
test_eq(vocab.decode(ds[\'train\'][0][0])[:3], tokenize_words(splits[\'train\'][0].text, lower=True)[:3])
test_fail(lambda: SpeechDataset([], vocab), contains=\'speeches: expected at least one Speech\')
test_fail(lambda: SpeechDataset(splits[\'test\'][:2], vocab, max_len=0), contains=\'max_len: expected an int >= 1\')
test_fail(lambda: SpeechDataset(splits[\'test\'][:2], \'vocab\'), contains=\'vocab: expected a Vocab\')
test_fail(lambda: SpeechDataset([Speech(\'x\', \'roman\', \'A\', \'Hail, Caesar!\')], vocab), contains="expected genres in")
test_fail(lambda: SpeechDataset([(\'x\', \'comedies\', \'A\', \'Hi\')], vocab), contains=\'speeches: expected Speech records\')
test_fail(lambda: SpeechDataset([Speech(\'x\', \'comedies\', \'A\', \'  \')], vocab), contains=\'has no tokens\')
test_fail(lambda: speech_loader(splits[\'test\']), contains=\'ds: expected a SpeechDataset\')'''),
(20, [], '''\
def _check_preds(preds, targets, n_classes):
    for name, t in ((\'preds\', preds), (\'targets\', targets)):
        if not isinstance(t, Tensor) or t.dim() != 1 or t.is_floating_point() or t.dtype == torch.bool:
            raise TypeError(f"{name}: expected a 1-D integer tensor of class ids, got {f\'shape {tuple(t.shape)} of {t.dtype}\' if isinstance(t, Tensor) else type(t).__name__}")
    if preds.shape != targets.shape: raise ValueError(f"targets: expected shape {tuple(preds.shape)}, the shape of preds, got {tuple(targets.shape)}")
    _check_int(\'n_classes\', n_classes, 1)
    for name, t in ((\'preds\', preds), (\'targets\', targets)):
        if len(t) and (t.min() < 0 or t.max() >= n_classes): raise ValueError(f"{name}: expected class ids in 0..{n_classes-1}, got {t.min().item()}..{t.max().item()}")

def confusion_matrix(preds:Tensor,    # (N,) predicted class ids
                     targets:Tensor,  # (N,) true class ids
                     n_classes:int    # C
                    )->Tensor:
    "(C, C) int64 counts: row = true class, column = predicted class"
    _check_preds(preds, targets, n_classes)
    return torch.bincount(targets.long().cpu() * n_classes + preds.long().cpu(), minlength=n_classes**2).view(n_classes, n_classes)

def macro_f1(preds:Tensor,    # (N,) predicted class ids
             targets:Tensor,  # (N,) true class ids
             n_classes:int    # C
            )->float:
    "Mean over the C classes of F1 = 2PR/(P+R); 0 for a class with no true positive"
    M = confusion_matrix(preds, targets, n_classes).double()
    tp = M.diag()
    f1 = torch.where(tp > 0, 2 * tp / (M.sum(0) + M.sum(1)).clamp(min=1), torch.zeros_like(tp))   # 2PR/(P+R) = 2TP/(pred + true)
    return f1.mean().item()'''),
(22, [], '''\
p, t = torch.tensor([0, 0, 1, 1, 0, 1]), torch.tensor([0, 0, 0, 1, 2, 2])
confusion_matrix(p, t, 3), macro_f1(p, t, 3)'''),
(23, [], '''\
test_eq(confusion_matrix(p, t, 3), torch.tensor([[2, 1, 0], [0, 1, 0], [1, 1, 0]]))
test_close(macro_f1(p, t, 3), 7/18, eps=1e-12)
test_close(macro_f1(t, t, 3), 1.)                                   # perfect
test_close(macro_f1(torch.zeros(6, dtype=torch.long), t, 3), (2 * 3 / 9) / 3)   # always class 0: P=1/2, R=1 -> F1=2/3 for class 0
test_eq(confusion_matrix(p, t, 3).sum().item(), 6); test_eq(confusion_matrix(p, t, 4).shape, (4, 4))
test_fail(lambda: macro_f1(p, t[:5], 3), contains=\'targets: expected shape (6,)\')
test_fail(lambda: macro_f1(p.float(), t, 3), contains=\'preds: expected a 1-D integer tensor\')
test_fail(lambda: confusion_matrix(p, [0, 1], 3), contains=\'targets: expected a 1-D integer tensor\')
test_fail(lambda: confusion_matrix(p, t, 2), contains=\'targets: expected class ids in 0..1, got 0..2\')
test_fail(lambda: confusion_matrix(p, t, 0), contains=\'n_classes: expected an int >= 1\')'''),
(25, [], '''\
def scores(pred, y): return dict(acc=(pred == y).float().mean().item(), f1=macro_f1(pred, y, len(CLASSES)))
y_test = ds[\'test\'].labels
majority = torch.bincount(ds[\'train\'].labels).argmax()
results = {\'majority class\': scores(torch.full_like(y_test, majority), y_test)}
print(f"majority class = {CLASSES[majority]}:", {k: round(v, 3) for k, v in results[\'majority class\'].items()})'''),
(27, [], '''\
def _check_batch(ids, lengths):
    if not isinstance(ids, Tensor) or ids.dim() != 2 or ids.is_floating_point() or ids.dtype == torch.bool:
        raise TypeError(f"ids: expected a (B, T) integer tensor, got {f\'shape {tuple(ids.shape)} of {ids.dtype}\' if isinstance(ids, Tensor) else type(ids).__name__}")
    if not isinstance(lengths, Tensor) or lengths.dim() != 1 or lengths.is_floating_point():
        raise TypeError(f"lengths: expected a (B,) integer tensor, got {f\'shape {tuple(lengths.shape)} of {lengths.dtype}\' if isinstance(lengths, Tensor) else type(lengths).__name__}")
    B, T = ids.shape
    if len(lengths) != B: raise ValueError(f"lengths: expected {B} lengths, one per row of ids {tuple(ids.shape)}, got {len(lengths)}")
    if B and (lengths.min() < 1 or lengths.max() > T): raise ValueError(f"lengths: expected every length in 1..T={T}, got {lengths.min().item()}..{lengths.max().item()}")

def bag_of_words(ids:Tensor,       # (B, T) right-padded token ids
                 lengths:Tensor,   # (B,) real lengths; what comes after is padding and is not counted
                 vocab_size:int,   # V
                 tf:bool=True      # divide the counts by the length (term frequencies); False: raw counts
                )->Tensor:
    "(B, V) float32: how often each id occurs among the first `lengths[b]` ids of row b"
    _check_batch(ids, lengths); _check_int(\'vocab_size\', vocab_size, 1)
    if ids.numel() and (ids.min() < 0 or ids.max() >= vocab_size): raise ValueError(f"ids: expected ids in 0..{vocab_size-1} (vocab_size={vocab_size}), got {ids.min().item()}..{ids.max().item()}")
    mask = lengths_to_mask(lengths.to(ids.device), ids.shape[1]).float()
    counts = torch.zeros(ids.shape[0], vocab_size, device=ids.device).scatter_add_(1, ids.long(), mask)
    return counts / lengths.to(ids.device)[:, None] if tf else counts'''),
(28, [], '''\
bag_of_words(torch.tensor([[4, 5, 4, 0], [6, 0, 0, 0]]), torch.tensor([3, 1]), 7)'''),
(29, [], '''\
ids_ = torch.tensor([[4, 5, 4, 0], [6, 0, 0, 0]]); l_ = torch.tensor([3, 1])
test_close(bag_of_words(ids_, l_, 7), torch.tensor([[0, 0, 0, 0, 2/3, 1/3, 0], [0, 0, 0, 0, 0, 0, 1.]]))
test_eq(bag_of_words(ids_, l_, 7, tf=False).sum(1), l_.float())     # padding is never counted
test_eq(bag_of_words(ids_, torch.tensor([4, 1]), 7, tf=False)[0, 0], 1.)  # unless the length says it is real
test_fail(lambda: bag_of_words(ids_, l_, 6), contains=\'ids: expected ids in 0..5 (vocab_size=6), got 0..6\')
test_fail(lambda: bag_of_words(ids_, torch.tensor([3]), 7), contains=\'lengths: expected 2 lengths\')
test_fail(lambda: bag_of_words(ids_, torch.tensor([5, 1]), 7), contains=\'lengths: expected every length in 1..T=4\')
test_fail(lambda: bag_of_words(ids_[0], l_, 7), contains=\'ids: expected a (B, T) integer tensor\')
test_fail(lambda: bag_of_words(ids_, [3, 1], 7), contains=\'lengths: expected a (B,) integer tensor\')
test_fail(lambda: bag_of_words(ids_, l_, 0), contains=\'vocab_size: expected an int >= 1\')'''),
(30, [], '''\
class BowClassifier(nn.Module):
    "Logistic regression on term frequencies: `z = W tf + b`, called like `SeqClassifier` as `model(ids, lengths)`"
    def __init__(self, vocab_size:int,   # V
                 n_classes:int=3,        # C
                 tf:bool=True):          # term frequencies (True) or raw counts
        super().__init__(); _check_int(\'vocab_size\', vocab_size, 1); _check_int(\'n_classes\', n_classes, 2)
        self.vocab_size, self.tf, self.lin = vocab_size, tf, nn.Linear(vocab_size, n_classes)
    def forward(self, ids, lengths): return self.lin(bag_of_words(ids, lengths, self.vocab_size, self.tf))'''),
(32, [], '''\
@torch.no_grad()
def predict(model:nn.Module,      # called as model(ids, lengths) -> logits (B, C)
            ds:SpeechDataset,     # the examples
            bs:int=256)->Tensor:  # speeches per batch
    "Class probabilities (N, C) of every example of `ds`, in the order of `ds`"
    if not isinstance(ds, SpeechDataset): raise TypeError(f"ds: expected a SpeechDataset, got {type(ds).__name__}")
    was, dev = model.training, next(model.parameters()).device
    model.eval(); out = [None] * len(ds)
    try:
        for idx in BucketSampler(ds.lengths, bs, shuffle=False):
            x, l, _ = pad_collate([ds[i] for i in idx])
            for i, p in zip(idx, model(x.to(dev), l).softmax(-1).cpu()): out[i] = p
    finally: model.train(was)
    return torch.stack(out)'''),
(33, [], '''\
def weighted_ce(weight):
    "Cross-entropy with class weights `weight` (C,)"
    return lambda logits, y: F.cross_entropy(logits, y, weight=weight.to(logits.device))
def train(model, epochs, lr, wd=0., train_ds=None, weighted=True, bs=64, seed=0):
    "Fit `model` on `train_ds` (default: the training plays) with early stopping on the validation plays"
    torch.manual_seed(seed); train_ds = train_ds or ds[\'train\']
    w = class_weights(train_ds.labels, len(CLASSES)) if weighted else torch.ones(len(CLASSES))
    dls = DataLoaders(speech_loader(train_ds, bs, seed=seed), speech_loader(ds[\'valid\'], 256, shuffle=False))
    opt = lambda params, lr: torch.optim.Adam(params, lr=lr, weight_decay=wd)
    learn = Learner(model, dls, weighted_ce(w), lr=lr, opt_func=opt, metrics=[Accuracy()],
                    cbs=[GradClip(1.), ReduceLROnPlateauCB(patience=0), EarlyStopping(patience=2)])
    return learn.fit(epochs)
def log(learn): print(*(f"epoch {r[\'epoch\']}: train {r[\'train_loss\']:.3f}  valid {r[\'valid_loss\']:.3f}  valid acc {r[\'accuracy\']:.3f}" for r in learn.recorder.log), sep=\'\\n\')'''),
(35, [], '''\
torch.manual_seed(0)
bow = BowClassifier(len(vocab))
log(train(bow, epochs=8, lr=0.1, wd=1e-7))
results[\'bag of words\'] = scores(predict(bow, ds[\'test\']).argmax(1), y_test)
print(\'test:\', {k: round(v, 3) for k, v in results[\'bag of words\'].items()})'''),
(36, [], '''\
test_eq(predict(bow, ds[\'test\']).shape, (len(ds[\'test\']), 3)); test_close(predict(bow, ds[\'test\']).sum(1), torch.ones(len(ds[\'test\'])))
x5, l5, _ = pad_collate([ds[\'test\'][i] for i in range(5)])
test_close(predict(bow, SpeechDataset(splits[\'test\'][:5], vocab)), bow.eval()(x5, l5).softmax(-1))   # the order of ds, whatever the buckets
test_fail(lambda: predict(bow, splits[\'test\']), contains=\'ds: expected a SpeechDataset\')
test_fail(lambda: BowClassifier(10, 1), contains=\'n_classes: expected an int >= 2\')'''),
(38, [], '''\
class SeqClassifier(nn.Module):
    "Embedding -> bidirectional LSTM over the packed batch -> last real states or masked mean -> dropout -> linear"
    def __init__(self, vocab_size:int,      # V
                 emb:int=64,                # E, embedding size
                 hidden:int=64,             # H, LSTM size per direction
                 n_classes:int=3,           # C
                 pooling:str=\'last\',        # \'last\': [forward at L_b; backward at 1]; \'mean\': masked mean over real steps
                 dropout:float=0.3,         # on the embeddings and on the pooled vector
                 pad_id:int=0):             # id of padding: its embedding stays 0
        super().__init__()
        for k, v, lo in ((\'vocab_size\', vocab_size, 1), (\'emb\', emb, 1), (\'hidden\', hidden, 1), (\'n_classes\', n_classes, 2), (\'pad_id\', pad_id, 0)): _check_int(k, v, lo)
        if pooling not in (\'last\', \'mean\'): raise ValueError(f"pooling: expected \'last\' or \'mean\', got {pooling!r}")
        if not 0 <= dropout < 1: raise ValueError(f"dropout: expected a probability in [0, 1), got {dropout}")
        self.pooling, self.vocab_size = pooling, vocab_size
        self.emb, self.drop = nn.Embedding(vocab_size, emb, padding_idx=pad_id), nn.Dropout(dropout)
        self.rnn = nn.LSTM(emb, hidden, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, n_classes)'''),
(39, [], '''\
@patch
def forward(self:SeqClassifier, ids:Tensor,   # (B, T) right-padded token ids
            lengths:Tensor                    # (B,) real lengths, 1 <= L_b <= T
           )->Tensor:                         # logits (B, C)
    "Logits of each speech in the batch"
    _check_batch(ids, lengths)
    if ids.max() >= self.vocab_size: raise ValueError(f"ids: expected ids < vocab_size={self.vocab_size}, got {ids.max().item()}")
    e = self.drop(self.emb(ids))                                              # (B, T, E)
    out, _ = self.rnn(pack(e, lengths.cpu(), batch_first=True, enforce_sorted=False))
    out, _ = unpack(out, batch_first=True, total_length=ids.shape[1])         # (B, T, 2H), zeros after each end
    if self.pooling == \'last\': s = last_valid(out, lengths, batch_first=True, bidirectional=True)
    else: s = out.sum(1) / lengths.to(out.device)[:, None]                   # pads are exact zeros after unpack
    return self.head(self.drop(s))                                            # (B, C)'''),
(40, [], '''\
m = SeqClassifier(len(vocab), emb=16, hidden=8).eval()
x, l, y = next(iter(speech_loader(ds[\'test\'], bs=5)))
z = m(x, l); z.shape'''),
(42, [], '''\
e = m.emb(x)
_, (h_n, _) = m.rnn(nn.utils.rnn.pack_padded_sequence(e, l, batch_first=True, enforce_sorted=False))
test_close(z, m.head(torch.cat([h_n[0], h_n[1]], -1)), eps=1e-6)
alone = torch.cat([m(x[b:b+1, :l[b]], l[b:b+1]) for b in range(len(l))])
test_close(z, alone, eps=1e-6); m.pooling = \'mean\'
test_close(m(x, l), torch.cat([m(x[b:b+1, :l[b]], l[b:b+1]) for b in range(len(l))]), eps=1e-6); m.pooling = \'last\''''),
(43, [], '''\
test_eq(z.shape, (5, 3))
z.sum().backward(); assert m.emb.weight.grad[vocab.pad_id].abs().sum() == 0      # padding\'s embedding never trains
m2 = SeqClassifier(len(vocab), emb=16, hidden=8, pooling=\'mean\').eval()
out, _ = m2.rnn(m2.emb(x[:1, :l[0]])); test_close(m2(x[:1], l[:1]), m2.head(out.mean(1)), eps=1e-6)
test_fail(lambda: SeqClassifier(100, pooling=\'max\'), contains="pooling: expected \'last\' or \'mean\', got \'max\'")
test_fail(lambda: SeqClassifier(100, dropout=1.), contains=\'dropout: expected a probability\')
test_fail(lambda: SeqClassifier(100, hidden=0), contains=\'hidden: expected an int >= 1\')
test_fail(lambda: m(x, l[:3]), contains=\'lengths: expected 5 lengths\')
test_fail(lambda: m(x.float(), l), contains=\'ids: expected a (B, T) integer tensor\')
test_fail(lambda: SeqClassifier(10)(x, l), contains=\'ids: expected ids < vocab_size=10\')'''),
(45, [], '''\
x, l, y = next(iter(speech_loader(ds[\'test\'], bs=64, seed=3)))
with torch.no_grad(): out, _ = unpack(m.rnn(pack(m.emb(x), l, batch_first=True, enforce_sorted=False))[0], batch_first=True)
naive, right = out[:, -1], last_valid(out, l, batch_first=True, bidirectional=True)
print(f"lengths {l.min().item()}..{l.max().item()}; out[:, -1] is all zeros for {(naive.abs().sum(1) == 0).sum().item()} of {len(l)} speeches; "
      f"last_valid: {(right.abs().sum(1) == 0).sum().item()}")'''),
(47, [], '''\
g = torch.Generator().manual_seed(0)
x, l, y = pad_collate([ds[\'test\'][i] for i in torch.randperm(len(ds[\'test\']), generator=g)[:64].tolist()])
with torch.no_grad(): out, _ = unpack(m.rnn(pack(m.emb(x), l, batch_first=True, enforce_sorted=False))[0], batch_first=True)
print(f"random batch, lengths {l.min().item()}..{l.max().item()}: out[:, -1] is all zeros for {(out[:, -1].abs().sum(1) == 0).sum().item()} of 64")'''),
(49, [], '''\
lstm = {}
for pooling in (\'last\', \'mean\'):
    torch.manual_seed(0)
    lstm[pooling] = SeqClassifier(len(vocab), 64, 64, pooling=pooling, dropout=0.5)
    print(f"--- pooling={pooling}"); log(train(lstm[pooling], epochs=2, lr=5e-3, bs=128))
    results[f\'BiLSTM, {pooling}\'] = scores(predict(lstm[pooling], ds[\'test\']).argmax(1), y_test)'''),
(50, [], '''\
def table(results):
    print(f"{\'model\':24} {\'accuracy\':>9} {\'macro-F1\':>9}")
    for k, v in results.items(): print(f"{k:24} {v[\'acc\']:9.3f} {v[\'f1\']:9.3f}")
table(results)'''),
(51, ['slow'], '''\
for pooling in (\'last\', \'mean\'):
    torch.manual_seed(0)
    lstm[pooling] = SeqClassifier(len(vocab), 64, 64, pooling=pooling, dropout=0.5)
    print(f"--- pooling={pooling}"); log(train(lstm[pooling], epochs=10, lr=5e-3, bs=128))
    results[f\'BiLSTM, {pooling}\'] = scores(predict(lstm[pooling], ds[\'test\']).argmax(1), y_test)
table(results)'''),
(53, [], '''\
best = max((\'last\', \'mean\'), key=lambda k: results[f\'BiLSTM, {k}\'][\'f1\'])
P = {\'bag of words\': predict(bow, ds[\'test\']), f\'BiLSTM, {best}\': predict(lstm[best], ds[\'test\'])}
fig, axs = plt.subplots(1, 2, figsize=(10, 4))
for ax, (name, p) in zip(axs, P.items()):
    M = confusion_matrix(p.argmax(1), y_test, 3); R = M / M.sum(1, keepdim=True)
    ax.imshow(R, cmap=\'Blues\', vmin=0, vmax=1)
    for i in range(3):
        for j in range(3): ax.text(j, i, f"{M[i, j].item()}\\n{R[i, j]:.0%}", ha=\'center\', va=\'center\', color=\'white\' if R[i, j] > .5 else \'black\')
    ax.set(xticks=range(3), yticks=range(3), xticklabels=CLASSES, yticklabels=CLASSES, xlabel=\'predicted genre\', ylabel=\'true genre\',
           title=f"{name}: test plays (count, share of row)")
plt.tight_layout()'''),
(55, [], '''\
p = P[f\'BiLSTM, {best}\']; pred = p.argmax(1); wrong = (pred != y_test).nonzero().squeeze(1)
for i in wrong[p[wrong].max(1).values.argsort(descending=True)[:5]].tolist():
    s = splits[\'test\'][i]
    print(f"[{s.play}, {s.speaker}] truth {s.genre}, predicted {CLASSES[pred[i]]} with p={p[i, pred[i]]:.2f}")
    print(textwrap.indent(textwrap.shorten(s.text, 300), \'    \'))'''),
(57, [], '''\
W = bow.lin.weight.detach()
for c, g in enumerate(CLASSES):
    top = (W[c] - W.mean(0)).argsort(descending=True)
    print(f"{g:10}", \' \'.join(t for t in vocab.decode(top[:40]) if t not in vocab.specials)[:140])'''),
(59, [], '''\
L_test = torch.tensor([n_tokens(s) for s in splits[\'test\']])
edges = [10, 20, 40, 80, 10_000]
print(f"{\'tokens\':>10} {\'speeches\':>9} " + \' \'.join(f"{k:>16}" for k in P))
for lo, hi in zip(edges, edges[1:]):
    sel = (L_test >= lo) & (L_test < hi)
    print(f"{f\'{lo}-{hi-1}\' if hi < 10_000 else f\'{lo}+\':>10} {sel.sum().item():9} " + \' \'.join(f"{(p[sel].argmax(1) == y_test[sel]).float().mean():16.3f}" for p in P.values()))'''),
(61, [], '''\
def subset(n_per_class):
    "Training speeches of the first `n_per_class` training plays of each class"
    plays = {g: sorted({s.play for s in splits[\'train\'] if s.genre == g})[:n_per_class] for g in CLASSES}
    return SpeechDataset([s for s in splits[\'train\'] if s.play in plays[s.genre]], vocab)
def curve(make, epochs, lr, wd=0., bs=64):
    out = {}
    for n in (1, 2, 3, None):
        tds = subset(n) if n else ds[\'train\']; torch.manual_seed(0); model = make()
        train(model, epochs, lr, wd, train_ds=tds, bs=bs)
        out[len(tds)] = scores(predict(model, ds[\'test\']).argmax(1), y_test)
        print(f"{\'all\' if n is None else n} plays/class: {len(tds):5} speeches  test acc {out[len(tds)][\'acc\']:.3f}  macro-F1 {out[len(tds)][\'f1\']:.3f}")
    return out
bow_curve = curve(lambda: BowClassifier(len(vocab)), 8, 0.1, 1e-7)'''),
(62, ['slow'], '''\
lstm_curve = curve(lambda: SeqClassifier(len(vocab), 64, 64, pooling=best, dropout=0.5), 4, 5e-3, bs=128)
fig, ax = plt.subplots(figsize=(6, 3.5))
for name, c in ((\'bag of words\', bow_curve), (f\'BiLSTM, {best}\', lstm_curve)):
    ax.plot(list(c), [v[\'f1\'] for v in c.values()], \'o-\', label=name)
ax.set(xscale=\'log\', xlabel=\'training speeches (log scale)\', ylabel=\'test macro-F1\', title=\'Learning curves on the held-out plays\'); ax.grid(alpha=.3); ax.legend();'''),
(64, [], '''\
torch.manual_seed(0); bow_u = BowClassifier(len(vocab))
train(bow_u, 8, 0.1, 1e-7, weighted=False)
pw, pu = P[\'bag of words\'].argmax(1), predict(bow_u, ds[\'test\']).argmax(1)
share = lambda p, c: (p == c).float().mean().item()
print(f"test speeches that are histories: {share(y_test, 2):.1%}; predicted histories: weighted {share(pw, 2):.1%}, unweighted {share(pu, 2):.1%}")
print(\'weighted:\', scores(pw, y_test), \'\\nunweighted:\', scores(pu, y_test))
assert share(pu, 2) > share(pw, 2)'''),
(66, [], '''\
def max_pool(out, lengths):
    "Feature-wise max of `out` (B, T, F) over the first `lengths[b]` steps"
    mask = lengths_to_mask(lengths, out.shape[1]).to(out.device)
    return out.masked_fill(~mask[..., None], float(\'-inf\')).max(1).values
m = lstm[best].eval()
g = torch.Generator().manual_seed(1)
x, l, y = pad_collate([ds[\'test\'][i] for i in torch.randperm(len(ds[\'test\']), generator=g)[:32].tolist()])
with torch.no_grad():
    out = unpack(m.rnn(pack(m.emb(x), l, batch_first=True, enforce_sorted=False))[0], batch_first=True)[0]
    alone = torch.cat([max_pool(unpack(m.rnn(pack(m.emb(x[b:b+1, :l[b]]), l[b:b+1], batch_first=True))[0], batch_first=True)[0], l[b:b+1]) for b in range(len(l))])
test_close(max_pool(out, l), alone, eps=1e-6)
naive_diff = (out.max(1).values - alone).abs().amax(1) > 1e-5
print(f"naive out.max(1) differs from the speech alone for {naive_diff.sum().item()} of {len(l)} speeches (lengths {l.min().item()}..{l.max().item()})")
assert naive_diff.sum() > 0 and naive_diff[l == l.max()].sum() == 0'''),
(68, [], '''\
logp, plays = P[\'bag of words\'].log(), [s.play for s in splits[\'test\']]
votes = {play: logp[[i for i, q in enumerate(plays) if q == play]].sum(0).argmax().item() for play in GENRE_TEST_PLAYS}
truth = {s.play: CLASSES.index(s.genre) for s in splits[\'test\']}
for play, v in votes.items(): print(f"{play:24} true {CLASSES[truth[play]]:10} voted {CLASSES[v]}")
play_acc = sum(votes[q] == truth[q] for q in votes) / len(votes)
print(f"play-level accuracy {play_acc:.3f} vs speech-level {results[\'bag of words\'][\'acc\']:.3f}")
assert play_acc >= results[\'bag of words\'][\'acc\']'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/10_classify.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_classify(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c005_classes_comedies_tragedies_histories(): nb.run(5)
def test_c006_def__check_plays_name_plays_known(): nb.run(6)
def test_c008_s3_s_for_s_in_load_speeches_if_s_genre_i(): nb.run(8)
def test_c009_test_eq_sum_map_len_splits_values_lens_1(): nb.run(9)
def test_c011_def_class_weights_labels_tensor_n_class(): nb.run(11)
def test_c012_class_weights_torch_tensor_0_0_0_1_2_4_2(): nb.run(12)
def test_c013_w_class_weights_torch_tensor_0_0_0_1_2_t(): nb.run(13)
def test_c015_class_speechdataset_dataset(): nb.run(15)
def test_c016_def_speech_loader_ds_speechdataset_the_e(): nb.run(16)
def test_c017_vocab_vocab_t_for_s_in_splits_train_for(): nb.run(17)
def test_c018_test_eq_x_shape_4_l_max_item_test_eq_x_t(): nb.run(18)
def test_c020_def__check_preds_preds_targets_n_classes(): nb.run(20)
def test_c022_p_t_torch_tensor_0_0_1_1_0_1_torch_tenso(): nb.run(22)
def test_c023_test_eq_confusion_matrix_p_t_3_torch_ten(): nb.run(23)
def test_c025_def_scores_pred_y_return_dict_acc_pred_y(): nb.run(25)
def test_c027_def__check_batch_ids_lengths(): nb.run(27)
def test_c028_bag_of_words_torch_tensor_4_5_4_0_6_0_0(): nb.run(28)
def test_c029_ids__torch_tensor_4_5_4_0_6_0_0_0_l__tor(): nb.run(29)
def test_c030_class_bowclassifier_nn_module(): nb.run(30)
def test_c032_torch_no_grad(): nb.run(32)
def test_c033_def_weighted_ce_weight(): nb.run(33)
def test_c035_torch_manual_seed_0(): nb.run(35)
def test_c036_test_eq_predict_bow_ds_test_shape_len_ds(): nb.run(36)
def test_c038_class_seqclassifier_nn_module(): nb.run(38)
def test_c039_patch(): nb.run(39)
def test_c040_m_seqclassifier_len_vocab_emb_16_hidden(): nb.run(40)
def test_c042_e_m_emb_x(): nb.run(42)
def test_c043_test_eq_z_shape_5_3(): nb.run(43)
def test_c045_x_l_y_next_iter_speech_loader_ds_test_bs(): nb.run(45)
def test_c047_g_torch_generator_manual_seed_0(): nb.run(47)
def test_c049_lstm(): nb.run(49)
def test_c050_def_table_results(): nb.run(50)
@pytest.mark.slow
def test_c051_for_pooling_in_last_mean(): nb.run(51)
def test_c053_best_max_last_mean_key_lambda_k_results(): nb.run(53)
def test_c055_p_p_f_bilstm_best_pred_p_argmax_1_wrong(): nb.run(55)
def test_c057_w_bow_lin_weight_detach(): nb.run(57)
def test_c059_l_test_torch_tensor_n_tokens_s_for_s_in(): nb.run(59)
def test_c061_def_subset_n_per_class(): nb.run(61)
@pytest.mark.slow
def test_c062_lstm_curve_curve_lambda_seqclassifier_le(): nb.run(62)
def test_c064_torch_manual_seed_0_bow_u_bowclassifier(): nb.run(64)
def test_c066_def_max_pool_out_lengths(): nb.run(66)
def test_c068_logp_plays_p_bag_of_words_log_s_play_for(): nb.run(68)
