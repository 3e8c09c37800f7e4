# Generated from nbs/06_padding.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp padding'''),
(2, [], '''\
from __future__ import annotations
import math, numbers
import torch, torch.nn.functional as F
from torch import Tensor
from torch.nn.utils.rnn import PackedSequence
from torch.utils.data import Sampler
from fastcore.basics import store_attr, patch'''),
(3, [], '''\
from fastcore.test import *
import itertools, time, warnings
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle
from torch import nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence
from torch.utils.data import DataLoader
from hypothesis import given, settings, strategies as st
from rnnbook.data import Vocab, load_speeches, pad_collate, tokenize_words
from rnnbook.rnn import RNN
from rnnbook.lstm import LSTM'''),
(6, [], '''\
def _is_int(v): return isinstance(v, numbers.Integral) and not isinstance(v, bool)

def _check_bool(name, v):
    if not isinstance(v, bool): raise TypeError(f"{name}: expected a bool, got {type(v).__name__} {v!r}")

def _check_int(name, v, lo):
    if not _is_int(v): raise TypeError(f"{name}: expected an int, got {type(v).__name__} {v!r}")
    if v < lo: raise ValueError(f"{name}: expected an int >= {lo}, got {v}")

def _check_number(name, v):
    if isinstance(v, bool) or not isinstance(v, numbers.Number): raise TypeError(f"{name}: expected a number, got {type(v).__name__} {v!r}")

def _check_seqs(seqs):
    "`seqs` as a list of tensors of at least 1 dimension with the same trailing shape, dtype and device"
    if isinstance(seqs, Tensor): seqs = list(seqs.unbind(0))
    if not isinstance(seqs, (list, tuple)) or not seqs: raise TypeError(f"seqs: expected a non-empty list of tensors, got {type(seqs).__name__} {str(seqs)[:30]}")
    s0 = seqs[0]
    for i, s in enumerate(seqs):
        if not isinstance(s, Tensor): raise TypeError(f"seqs: expected tensors, got {type(s).__name__} at position {i}")
        if s.dim() == 0 or s.shape[1:] != s0.shape[1:] or s.dtype != s0.dtype or s.device != s0.device:
            raise ValueError(f"seqs: expected tensors of shape (L, {\', \'.join(map(str, s0.shape[1:]))}) of {s0.dtype} on {s0.device} like seqs[0], "
                             f"got shape {tuple(s.shape)} of {s.dtype} on {s.device} at position {i}")
    return list(seqs)'''),
(7, [], '''\
def pad_sequences(seqs,                   # tensors of shapes (L_b, *), or a tensor whose first axis lists them
                  batch_first=False,      # return (B, T, *) instead of (T, B, *)
                  padding_value=0.0,      # value written where a sequence has no step
                  padding_side=\'right\',   # \'right\': sequences start at step 0; \'left\': they end at step T-1
                 ) -> Tensor:
    "Pad `seqs` to the longest one, `T = max L_b`: (T, B, *), or (B, T, *) if `batch_first`; equal to `pad_sequence`"
    seqs = _check_seqs(seqs); _check_bool(\'batch_first\', batch_first); _check_number(\'padding_value\', padding_value)
    if padding_side not in (\'right\', \'left\'): raise ValueError(f"padding_side: expected \'right\' or \'left\', got {padding_side!r}")
    B, T, s0 = len(seqs), max(len(s) for s in seqs), seqs[0]
    out = s0.new_full((B, T, *s0.shape[1:]) if batch_first else (T, B, *s0.shape[1:]), padding_value)
    X = out if batch_first else out.transpose(0, 1)   # a (B, T, *) view of `out`: writing into it writes into `out`
    for b, s in enumerate(seqs):
        if padding_side == \'right\': X[b, :len(s)] = s
        else: X[b, T - len(s):] = s
    return out'''),
(8, [], '''\
seqs = [torch.tensor([1, 2, 3]), torch.tensor([4]), torch.tensor([5, 6])]
print(pad_sequences(seqs))                                        # (T, B): one column per sequence
print(pad_sequences(seqs, batch_first=True, padding_side=\'left\'))  # (B, T): one row per sequence'''),
(9, [], '''\
for bf, side, pv in itertools.product([False, True], [\'right\', \'left\'], [0., -1.]):
    test_eq(pad_sequences(seqs, bf, pv, side), pad_sequence(seqs, bf, pv, side))
xs = [torch.randn(n, 2, 3, dtype=torch.float64, requires_grad=True) for n in (4, 1, 3)]
for bf, side in itertools.product([False, True], [\'right\', \'left\']):
    a, b = pad_sequences(xs, bf, 0.5, side), pad_sequence(xs, bf, 0.5, side)
    test_eq(a.detach(), b.detach()); test_eq(a.is_contiguous(), True)
    w = torch.randn_like(a)
    test_eq(torch.autograd.grad((a*w).sum(), xs), torch.autograd.grad((b*w).sum(), xs))
test_eq(pad_sequences(torch.arange(6).view(2, 3)), pad_sequence(torch.arange(6).view(2, 3)))  # a tensor is a list of rows
test_eq(pad_sequences([torch.ones(2), torch.ones(0)]), torch.tensor([[1., 0], [1, 0]]))      # an empty sequence is all padding
test_fail(lambda: pad_sequences([]), contains=\'seqs: expected a non-empty list of tensors\')
test_fail(lambda: pad_sequences([torch.ones(2), [1, 2]]), contains=\'seqs: expected tensors, got list at position 1\')
test_fail(lambda: pad_sequences([torch.ones(2, 3), torch.ones(2, 4)]), contains=\'got shape (2, 4) of torch.float32 on cpu at position 1\')
test_fail(lambda: pad_sequences([torch.ones(2), torch.ones(2, dtype=torch.long)]), contains=\'of torch.int64\')
test_fail(lambda: pad_sequences([torch.tensor(1.)]), contains=\'got shape () of\')
test_fail(lambda: pad_sequences(seqs, padding_side=\'middle\'), contains="padding_side: expected \'right\' or \'left\', got \'middle\'")
test_fail(lambda: pad_sequences(seqs, batch_first=1), contains=\'batch_first: expected a bool, got int 1\')'''),
(11, [], '''\
def _as_lengths(lengths, cpu=True):
    "`lengths` as a 1-D int64 tensor, or a `TypeError`/`ValueError` that says what is wrong"
    if isinstance(lengths, (list, tuple)):
        bad = next((i for i, v in enumerate(lengths) if not _is_int(v)), None)
        if bad is not None: raise TypeError(f"lengths: expected integers, got {type(lengths[bad]).__name__} {lengths[bad]!r} at position {bad}")
        lengths = torch.tensor([int(v) for v in lengths], dtype=torch.int64)
    if not isinstance(lengths, Tensor): raise TypeError(f"lengths: expected a 1-D integer tensor or a list of ints, got {type(lengths).__name__}")
    if lengths.dim() != 1: raise ValueError(f"lengths: expected a 1-D tensor, one length per sequence, got shape {tuple(lengths.shape)}")
    if lengths.is_floating_point() or lengths.is_complex() or lengths.dtype == torch.bool:
        raise TypeError(f"lengths: expected an integer dtype such as torch.int64, got {lengths.dtype} (torch would silently truncate a length of 2.7 to 2)")
    if cpu and lengths.device.type != \'cpu\':
        raise ValueError(f"lengths: expected a CPU tensor, got one on {lengths.device}; batch_sizes live on the CPU, so pass lengths.cpu()")
    return lengths.long()

def lengths_to_mask(lengths,       # (B,) integer lengths, a tensor on any device or a list
                    max_len=None,  # T, the mask\'s width; default: the longest length
                   ) -> Tensor:    # bool (B, T) on the device of `lengths`
    "Bool mask (B, T), True where `t < lengths[b]`: the real positions of a right-padded batch"
    lengths = _as_lengths(lengths, cpu=False)
    if len(lengths) and lengths.min() < 0: raise ValueError(f"lengths: expected lengths >= 0, got {lengths.min().item()}")
    T = int(lengths.max()) if len(lengths) else 0
    if max_len is not None:
        _check_int(\'max_len\', max_len, 0)
        if max_len < T: raise ValueError(f"max_len: expected at least the longest length, {T}, got {max_len}")
        T = max_len
    return torch.arange(T, device=lengths.device) < lengths[:, None]'''),
(12, [], '''\
lengths = torch.tensor([3, 1, 2])
lengths_to_mask(lengths), lengths_to_mask(lengths, max_len=5).int()'''),
(13, [], '''\
test_eq(lengths_to_mask(lengths), pad_sequences(seqs, batch_first=True) != 0)
test_eq(lengths_to_mask([2, 0]), torch.tensor([[True, True], [False, False]]))
test_eq(lengths_to_mask(torch.tensor([2], dtype=torch.int32), 4).shape, (1, 4))
test_eq(lengths_to_mask(torch.tensor([], dtype=torch.long), 3).shape, (0, 3))
test_fail(lambda: lengths_to_mask(lengths, max_len=2), contains=\'max_len: expected at least the longest length, 3, got 2\')
test_fail(lambda: lengths_to_mask([1, -1]), contains=\'lengths: expected lengths >= 0, got -1\')
test_fail(lambda: lengths_to_mask(torch.tensor([1.5])), contains=\'lengths: expected an integer dtype such as torch.int64, got torch.float32\')
test_fail(lambda: lengths_to_mask([2, 1.0]), contains=\'lengths: expected integers, got float 1.0 at position 1\')
test_fail(lambda: lengths_to_mask(torch.ones(2, 2, dtype=torch.long)), contains=\'lengths: expected a 1-D tensor, one length per sequence, got shape (2, 2)\')
test_fail(lambda: lengths_to_mask(\'3\'), contains=\'lengths: expected a 1-D integer tensor or a list of ints, got str\')'''),
(15, [], '''\
torch.manual_seed(0)
rnn = RNN(3, 8)                                                  # our RNN from chapter 02, time-major
xs = [torch.randn(n, 3) for n in (9, 4, 2)]
_, h_right = rnn(pack_padded_sequence(pad_sequences(xs), [9, 4, 2]))               # right padding, packed: exact
out_left, h_left = rnn(pad_sequences(xs, padding_side=\'left\'))                     # left padding, run over everything
alone = torch.stack([rnn(x)[1][0] for x in xs])                                 # each sequence by itself
err_left = (out_left[-1] - alone).abs().amax(-1).detach()
err_right = (h_right[0] - alone).abs().amax(-1).detach()
print(\'lengths 9, 4, 2; largest |difference| from each sequence run alone:\')
print(\'  left padding, output[-1]:      \', [f\'{e:.4f}\' for e in err_left.tolist()])
print(\'  right padding, packed, h_n:    \', [f\'{e:.4f}\' for e in err_right.tolist()])'''),
(16, [], '''\
test_close(err_left[0], 0., eps=1e-6)                           # the longest sequence has no padding
assert (err_left[1:] > 1e-3).all()                              # the others started from a state shaped by padding
test_close(h_right[0], alone, eps=1e-6)
test_close(out_left[-1], h_left[0], eps=1e-7)                   # for a forward RNN, output[-1] is h_n'''),
(19, [], '''\
def draw_packing(lengths=(3, 6, 1, 4)):
    "Draw a right-padded batch, the same batch sorted by length, and its packed `data` with `batch_sizes`"
    L = torch.tensor(lengths); B, T = len(L), int(L.max())
    order = L.argsort(descending=True, stable=True).tolist(); bs = [(L > t).sum().item() for t in range(T)]
    fig, axs = plt.subplots(1, 3, figsize=(13, 3.6), gridspec_kw=dict(width_ratios=[T, T, sum(bs) * .55]))
    cols = plt.cm.tab10.colors
    def cell(ax, x, y, b, t, w=1.):
        real = t < L[b]
        ax.add_patch(Rectangle((x, y), w * .95, .9, fc=cols[b] if real else \'#eeeeee\', ec=\'k\' if real else \'#bbbbbb\', hatch=None if real else \'//\'))
        ax.text(x + w * .47, y + .45, f\'{"abcdefgh"[b]}{t}\' if real else \'pad\', ha=\'center\', va=\'center\', fontsize=9, color=\'w\' if real else \'#999999\')
    for ax, rows, title in ((axs[0], range(B), \'padded (B, T), as given\'), (axs[1], order, \'sorted by length: sorted_indices = \' + str(order))):
        for r, b in enumerate(rows):
            for t in range(T): cell(ax, t, B - 1 - r, b, t)
            ax.text(-.2, B - 1 - r + .45, f\'L={L[b].item()}\', ha=\'right\', va=\'center\', fontsize=9)
        ax.set(xlim=(-1.3, T), ylim=(-.3, B), title=title, xlabel=\'time step t\'); ax.set_yticks([]); ax.set_xticks([t + .47 for t in range(T)], range(T))
    x = 0
    for t, b_t in enumerate(bs):
        for r in range(b_t): cell(axs[2], x + r * .55, 1.5, order[r], t, .55)
        axs[2].annotate(\'\', (x, 1.3), (x + b_t * .55 - .05, 1.3), arrowprops=dict(arrowstyle=\'<->\', color=\'C7\'))
        axs[2].text(x + b_t * .55 / 2, .9, f\'t={t}\\n$b_t$={b_t}\', ha=\'center\', va=\'top\', fontsize=8)
        x += b_t * .55
    axs[2].set(xlim=(-.2, x + .2), ylim=(-.2, 3), title=f\'packed data (N={sum(bs)} rows), batch_sizes={bs}\', xlabel=\'row of data, time-major\')
    axs[2].set_yticks([]); axs[2].set_xticks([r * .55 + .26 for r in range(sum(bs))], range(sum(bs)), fontsize=8)
    fig.suptitle(f\'Packing {B} sequences: {B * T} padded slots become {sum(bs)} rows; the batch shrinks as sequences end\', y=1.02)
    plt.tight_layout(); return fig
draw_packing();'''),
(21, [], '''\
def _check_range(lengths, B, T, what):
    "Raise unless `lengths` holds `B` values in 1..`T`; `what` says where B and T come from"
    if len(lengths) != B: raise ValueError(f"lengths: expected {B} lengths, one per sequence of {what}, got {len(lengths)}")
    for bad, cond in ((\'>= 1\', lengths < 1), (f\'<= T={T}, the time steps of {what}\', lengths > T)):
        i = cond.nonzero()
        if len(i): raise ValueError(f"lengths: expected every length {bad}, got {lengths[i[0, 0]].item()} at position {i[0, 0].item()}")

def _time_major(t, name, batch_first):
    "`t` as a time-major (T, B, *) view, after checking that it is a padded tensor"
    if isinstance(t, PackedSequence): raise TypeError(f"{name}: expected a padded tensor, got a PackedSequence; unpack it first")
    if not isinstance(t, Tensor): raise TypeError(f"{name}: expected a tensor, got {type(t).__name__}")
    _check_bool(\'batch_first\', batch_first)
    if t.dim() < 2: raise ValueError(f"{name}: expected at least 2 dimensions, {\'(B, T, *)\' if batch_first else \'(T, B, *)\'}, got shape {tuple(t.shape)}")
    return t.transpose(0, 1) if batch_first else t'''),
(22, [], '''\
def pack(padded,               # right-padded batch (T, B, *), or (B, T, *) if `batch_first`
         lengths,              # (B,) lengths, 1 <= L_b <= T: an integer CPU tensor or a list of ints
         batch_first=False,    # `padded` is (B, T, *)
         enforce_sorted=True,  # require decreasing `lengths`; if False, sort and record the permutation
        ) -> PackedSequence:
    "The real steps of `padded` as a `PackedSequence`, identical to `pack_padded_sequence`"
    x = _time_major(padded, \'padded\', batch_first)
    _check_bool(\'enforce_sorted\', enforce_sorted)
    lengths = _as_lengths(lengths)
    _check_range(lengths, x.size(1), x.size(0), f"padded (shape {tuple(padded.shape)}, batch_first={batch_first})")
    sorted_indices = unsorted_indices = None
    if enforce_sorted:
        if (lengths[1:] > lengths[:-1]).any():
            raise ValueError(f"lengths: expected decreasing lengths with enforce_sorted=True, got {lengths.tolist()[:8]}; sort the batch or pass enforce_sorted=False")
    else:
        lengths, sorted_indices = torch.sort(lengths, descending=True)   # the same call as torch\'s, so ties break the same way
        unsorted_indices = torch.empty_like(sorted_indices).scatter_(0, sorted_indices, torch.arange(len(lengths)))  # the inverse permutation
        sorted_indices, unsorted_indices = sorted_indices.to(x.device), unsorted_indices.to(x.device)
        x = x.index_select(1, sorted_indices)
    T = int(lengths[0])
    batch_sizes = (lengths > torch.arange(T)[:, None]).sum(1)       # b_t = #{b: L_b > t}, int64 on the CPU
    data = x[:T][lengths_to_mask(lengths, T).T.to(x.device)]        # real positions of (T, B, *), time step by time step
    return PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices)'''),
(23, [], '''\
xb = pad_sequences([torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6, 7, 8, 9]), torch.tensor([10]), torch.tensor([11, 12, 13, 14])], batch_first=True)
packed = pack(xb, [3, 6, 1, 4], batch_first=True, enforce_sorted=False)
print(xb); print(packed)'''),
(25, [], '''\
def same_packed(p, q):
    "Assert that two PackedSequences are identical, field by field"
    test_eq(p.data.detach(), q.data.detach()); test_eq(p.batch_sizes, q.batch_sizes); test_eq(p.batch_sizes.dtype, q.batch_sizes.dtype)
    for a, b in ((p.sorted_indices, q.sorted_indices), (p.unsorted_indices, q.unsorted_indices)):
        test_eq(a is None, b is None)
        if a is not None: test_eq(a, b)
same_packed(packed, pack_padded_sequence(xb, [3, 6, 1, 4], batch_first=True, enforce_sorted=False))
test_eq(packed.data, torch.tensor([4, 11, 1, 10, 5, 12, 2, 6, 13, 3, 7, 14, 8, 9]))
test_eq(packed.batch_sizes, torch.tensor([4, 3, 3, 2, 1, 1]))
for bf, es, shape in itertools.product([False, True], [False, True], [(), (3,), (2, 2)]):
    L = torch.tensor([5, 5, 3, 2, 2]) if es else torch.tensor([2, 5, 3, 5, 2])   # ties too
    x = torch.randn(*((5, 6) if bf else (6, 5)), *shape, dtype=torch.float64, requires_grad=True)
    p, q = pack(x, L, bf, es), pack_padded_sequence(x, L, bf, es)
    same_packed(p, q)
    w = torch.randn_like(p.data)
    test_eq(torch.autograd.grad((p.data*w).sum(), x), torch.autograd.grad((q.data*w).sum(), x))
same_packed(pack(torch.ones(3, 2), [1, 1]), pack_padded_sequence(torch.ones(3, 2), [1, 1]))          # T larger than every length
same_packed(pack(torch.ones(3, 2, dtype=torch.long), torch.tensor([3, 2], dtype=torch.int32)), pack_padded_sequence(torch.ones(3, 2, dtype=torch.long), torch.tensor([3, 2], dtype=torch.int32)))'''),
(27, [], '''\
def _check_packed(packed):
    "Raise unless `packed` is a PackedSequence whose batch_sizes describe its data"
    if not isinstance(packed, PackedSequence):
        raise TypeError(f"packed: expected a PackedSequence (from pack or pack_padded_sequence), got {type(packed).__name__}")
    bs, N = packed.batch_sizes, packed.data.size(0)
    if bs.dim() != 1 or len(bs) == 0 or bs.device.type != \'cpu\' or bs.is_floating_point():
        raise ValueError(f"packed: expected batch_sizes as a non-empty 1-D integer CPU tensor, got shape {tuple(bs.shape)} of {bs.dtype} on {bs.device}")
    if bs.min() < 1 or (bs[1:] > bs[:-1]).any(): raise ValueError(f"packed: expected positive, non-increasing batch_sizes, got {bs.tolist()[:8]}")
    if bs.sum() != N:
        raise ValueError(f"packed: its batch_sizes add up to {bs.sum().item()} rows but its data has {N}; "
                         "a PackedSequence like this comes from lengths longer than the padded tensor")

def unpack(packed,             # a PackedSequence
           batch_first=False,  # return (B, T, *) instead of (T, B, *)
           padding_value=0.0,  # value written after each sequence\'s end
           total_length=None,  # T of the result; default: the longest sequence
          ) -> tuple:          # (padded, lengths (B,) int64 on the CPU), in the original batch order
    "Pad `packed` back into a tensor and return it with the lengths, identical to `pad_packed_sequence`"
    _check_packed(packed); _check_bool(\'batch_first\', batch_first); _check_number(\'padding_value\', padding_value)
    bs, data = packed.batch_sizes, packed.data
    T = len(bs)
    if total_length is not None:
        _check_int(\'total_length\', total_length, 1)
        if total_length < T: raise ValueError(f"total_length: expected at least {T}, the longest sequence in packed, got {total_length}")
        T = total_length
    lengths = (bs > torch.arange(int(bs[0]))[:, None]).sum(1)      # L_i = #{t: b_t > i}, in sorted order
    mask = lengths_to_mask(lengths, T).T.to(data.device)           # (T, B): where data goes
    out = data.new_full((T, len(lengths), *data.shape[1:]), padding_value).index_put(mask.nonzero(as_tuple=True), data)
    if batch_first: out = out.transpose(0, 1)
    if packed.unsorted_indices is not None:
        out = out.index_select(0 if batch_first else 1, packed.unsorted_indices)
        lengths = lengths[packed.unsorted_indices.cpu()]
    return out, lengths'''),
(28, [], '''\
padded, lens = unpack(packed, batch_first=True, padding_value=-1, total_length=7)
padded, lens'''),
(29, [], '''\
test_eq(padded[:, :6].masked_fill(padded[:, :6] == -1, 0), xb); test_eq(lens, torch.tensor([3, 6, 1, 4])); test_eq(padded[:, 6], torch.full((4,), -1))
for bf, es, bf2, tl, pv in itertools.product([False, True], [False, True], [False, True], [None, 6, 9], [0., -2.]):
    L = torch.tensor([5, 5, 3, 2, 2]) if es else torch.tensor([2, 5, 3, 5, 2])
    x = torch.randn(*((5, 6) if bf else (6, 5)), 3, dtype=torch.float64, requires_grad=True)
    (u, lu), (v, lv) = unpack(pack(x, L, bf, es), bf2, pv, tl), pad_packed_sequence(pack_padded_sequence(x, L, bf, es), bf2, pv, tl)
    test_eq(u.detach(), v.detach()); test_eq(lu, lv); test_eq(lu.dtype, torch.int64); test_eq(lu.device.type, \'cpu\')
    w = torch.randn_like(u)
    test_eq(torch.autograd.grad((u*w).sum(), x), torch.autograd.grad((v*w).sum(), x))
test_eq(unpack(pack(torch.ones(2, 1, dtype=torch.long), [2]))[0], torch.ones(2, 1, dtype=torch.long))'''),
(31, [], '''\
speeches = load_speeches()
wvocab = Vocab(tokenize_words(\' \'.join(s.text for s in speeches), lower=True))
speech_ids = [wvocab.encode(tokenize_words(s.text, lower=True)) for s in speeches]
g = torch.Generator().manual_seed(0)
batch = [(speech_ids[i], 0) for i in torch.randint(len(speeches), (32,), generator=g).tolist()]
x, lens, _ = pad_collate(batch, pad_id=wvocab.pad_id)
p = pack(x, lens, batch_first=True, enforce_sorted=False)
speech_lens = torch.tensor([len(ids) for ids in speech_ids])
print(f\'{len(speech_ids):,} speeches of {speech_lens.min().item()} to {speech_lens.max().item()} words, median {speech_lens.median().item()}\')
print(f\'padded (B, T) = {tuple(x.shape)}: {x.numel():,} slots; packed: N = {p.data.numel():,} rows ({p.data.numel()/x.numel():.0%}); \'
      f\'batch sizes shrink from {p.batch_sizes[0].item()} to {p.batch_sizes[-1].item()} over {len(p.batch_sizes)} steps\')'''),
(32, [], '''\
test_eq(p.data.numel(), lens.sum().item()); test_eq(len(p.batch_sizes), lens.max().item())
test_eq(unpack(p, batch_first=True)[0], x)'''),
(35, [], '''\
x4 = torch.randn(4, 3, 2)   # (T, B, F) = (4, 3, 2)
bad = {\'2-D lengths\': lambda: pack(x4, torch.tensor([[4], [3], [2]])),
       \'float lengths\': lambda: pack(x4, torch.tensor([4., 2.7, 2.])),
       \'a float in a list\': lambda: pack(x4, [4, 2.7, 2]),
       \'lengths on another device\': lambda: pack(x4, torch.tensor([4, 3, 2], device=\'meta\')),
       \'wrong count\': lambda: pack(x4, [4, 3]),
       \'a zero length\': lambda: pack(x4, [4, 3, 0]),
       \'longer than T\': lambda: pack(x4, [6, 3, 2]),
       \'unsorted, enforce_sorted=True\': lambda: pack(x4, [2, 3, 4]),
       \'not a PackedSequence\': lambda: unpack(x4),
       \'total_length too short\': lambda: unpack(pack(x4, [4, 3, 2]), total_length=3)}
for what, f in bad.items():
    try: f()
    except (TypeError, ValueError) as e: print(f\'{what:>30}: {type(e).__name__}: {e}\')'''),
(36, [], '''\
test_fail(lambda: pack(x4, torch.tensor([[4], [3], [2]])), contains=\'lengths: expected a 1-D tensor, one length per sequence, got shape (3, 1)\')
test_fail(lambda: pack(x4, torch.tensor([4., 2.7, 2.])), contains=\'lengths: expected an integer dtype such as torch.int64, got torch.float32\')
test_fail(lambda: pack(x4, torch.tensor([True, True, True])), contains=\'got torch.bool\')
test_fail(lambda: pack(x4, [4, 2.7, 2]), contains=\'lengths: expected integers, got float 2.7 at position 1\')
test_fail(lambda: pack(x4, [4, True, 2]), contains=\'got bool True at position 1\')
test_fail(lambda: pack(x4, torch.tensor([4, 3, 2], device=\'meta\')), contains=\'lengths: expected a CPU tensor, got one on meta\')
test_fail(lambda: pack(x4, [4, 3]), contains=\'lengths: expected 3 lengths, one per sequence of padded (shape (4, 3, 2), batch_first=False), got 2\')
test_fail(lambda: pack(x4.transpose(0, 1), [4, 3, 2, 1], batch_first=True), contains=\'expected 3 lengths, one per sequence of padded (shape (3, 4, 2), batch_first=True), got 4\')
test_fail(lambda: pack(x4, [4, 3, 0]), contains=\'lengths: expected every length >= 1, got 0 at position 2\')
test_fail(lambda: pack(x4, [4, 3, -1]), contains=\'expected every length >= 1, got -1 at position 2\')
test_fail(lambda: pack(x4, [6, 3, 2]), contains=\'lengths: expected every length <= T=4, the time steps of padded (shape (4, 3, 2), batch_first=False), got 6 at position 0\')
test_fail(lambda: pack(x4, [2, 3, 4]), contains=\'lengths: expected decreasing lengths with enforce_sorted=True, got [2, 3, 4]\')
test_fail(lambda: pack(x4, \'abc\'), contains=\'lengths: expected a 1-D integer tensor or a list of ints, got str\')
test_fail(lambda: pack([[1, 2]], [1]), contains=\'padded: expected a tensor, got list\')
test_fail(lambda: pack(torch.ones(3), [1]), contains=\'padded: expected at least 2 dimensions, (T, B, *), got shape (3,)\')
test_fail(lambda: pack(packed, [1]), contains=\'padded: expected a padded tensor, got a PackedSequence\')
test_fail(lambda: pack(x4, [4, 3, 2], batch_first=None), contains=\'batch_first: expected a bool, got NoneType\')
test_fail(lambda: pack(x4, [4, 3, 2], enforce_sorted=0), contains=\'enforce_sorted: expected a bool, got int 0\')
test_fail(lambda: unpack(x4), contains=\'packed: expected a PackedSequence (from pack or pack_padded_sequence), got Tensor\')
test_fail(lambda: unpack(pack(x4, [4, 3, 2]), total_length=3), contains=\'total_length: expected at least 4, the longest sequence in packed, got 3\')
test_fail(lambda: unpack(pack(x4, [4, 3, 2]), total_length=5.0), contains=\'total_length: expected an int, got float 5.0\')
test_fail(lambda: unpack(pack(x4, [4, 3, 2]), padding_value=\'0\'), contains=\'padding_value: expected a number, got str\')
test_fail(lambda: unpack(pack(x4, [4, 3, 2]), batch_first=\'yes\'), contains=\'batch_first: expected a bool, got str\')
test_fail(lambda: unpack(pack_padded_sequence(x4, [6, 3, 2])), contains=\'packed: its batch_sizes add up to 11 rows but its data has 9\')
test_fail(lambda: unpack(PackedSequence(torch.ones(3), torch.tensor([1, 2]))), contains=\'packed: expected positive, non-increasing batch_sizes, got [1, 2]\')
test_fail(lambda: unpack(PackedSequence(torch.ones(3), torch.tensor([3.]))), contains=\'packed: expected batch_sizes as a non-empty 1-D integer CPU tensor\')'''),
(38, [], '''\
def last_valid(output,               # RNN output (T, B, *), or (B, T, *) if `batch_first`, right-padded
               lengths,              # (B,) lengths, 1 <= L_b <= T, on any device
               batch_first=False,    # `output` is (B, T, *)
               bidirectional=False,  # `output` is (..., 2H): read the forward half at L_b - 1, the reverse half at step 0
              ) -> Tensor:           # (B, *)
    "Each sequence\'s output at its last real step, `output[L_b - 1, b]`; for a bidirectional RNN, its two final states"
    x = _time_major(output, \'output\', batch_first)
    _check_bool(\'bidirectional\', bidirectional)
    lengths = _as_lengths(lengths, cpu=False)
    _check_range(lengths, x.size(1), x.size(0), f"output (shape {tuple(output.shape)}, batch_first={batch_first})")
    last = x[(lengths - 1).to(x.device), torch.arange(x.size(1), device=x.device)]
    if not bidirectional: return last
    if x.dim() < 3 or x.size(-1) % 2: raise ValueError(f"output: expected an even number of features (forward, reverse) with bidirectional=True, got shape {tuple(output.shape)}")
    H = x.size(-1) // 2
    return torch.cat([last[..., :H], x[0, :, H:]], -1)'''),
(39, [], '''\
torch.manual_seed(0)
bi = RNN(3, 4, bidirectional=True, batch_first=True)
xb, lens = torch.randn(5, 7, 3), torch.tensor([7, 2, 5, 1, 3])
out_p, h_n = bi(pack(xb, lens, batch_first=True, enforce_sorted=False))
out, _ = unpack(out_p, batch_first=True)
both = last_valid(out, lens, batch_first=True, bidirectional=True)
print(\'output\', tuple(out.shape), \'-> last_valid\', tuple(both.shape), \'; |last_valid - cat(h_n[-2], h_n[-1])| =\',
      (both - torch.cat([h_n[-2], h_n[-1]], -1)).abs().max().item())
print(\'the common mistake, reading both halves at L-1: off by\', (last_valid(out, lens, batch_first=True) - both).abs().max().item())'''),
(40, [], '''\
test_close(both, torch.cat([h_n[-2], h_n[-1]], -1), eps=1e-7)
test_close(last_valid(out, lens, batch_first=True)[:, :4], h_n[-2], eps=1e-7)
test_eq(last_valid(out.transpose(0, 1), lens).detach(), last_valid(out, lens, batch_first=True).detach())
assert (last_valid(out, lens, batch_first=True)[:, 4:] - h_n[-1]).abs().max() > 0.1    # the reverse half at L-1 is wrong
test_eq(last_valid(torch.arange(6).view(3, 2), [3, 1]), torch.tensor([4, 1]))           # no feature axis: (T, B)
test_fail(lambda: last_valid(out, lens), contains=\'lengths: expected 7 lengths, one per sequence of output (shape (5, 7, 8), batch_first=False), got 5\')
test_fail(lambda: last_valid(out, [8, 1, 1, 1, 1], batch_first=True), contains=\'expected every length <= T=7\')
test_fail(lambda: last_valid(out_p, lens), contains=\'output: expected a padded tensor, got a PackedSequence; unpack it first\')
test_fail(lambda: last_valid(torch.ones(2, 2, 3), [1, 1], bidirectional=True), contains=\'expected an even number of features\')'''),
(42, [], '''\
def _check_mask(mask, shape, where):
    if not isinstance(mask, Tensor) or mask.dtype != torch.bool:
        raise TypeError(f"mask: expected a bool tensor, True at real positions, got {mask.dtype if isinstance(mask, Tensor) else type(mask).__name__}")
    if tuple(mask.shape) != tuple(shape): raise ValueError(f"mask: expected shape {tuple(shape)}, {where}, got {tuple(mask.shape)}")
    if not mask.any(): raise ValueError("mask: no position is real (all False), so there is nothing to average")

def masked_cross_entropy(input,   # logits (..., C), e.g. (B, T, V): classes on the last axis
                         target,  # class ids (...), e.g. (B, T); anything at padded positions
                         mask,    # bool (...), True at real positions, e.g. `lengths_to_mask(lengths)`
                        ) -> Tensor:
    "Cross-entropy averaged over the positions where `mask` is True"
    if input.shape[:-1] != target.shape: raise ValueError(f"target: expected shape {tuple(input.shape[:-1])}, the shape of input without its class axis, got {tuple(target.shape)}")
    _check_mask(mask, target.shape, \'the shape of target\')
    m = mask.to(input.device)
    return F.cross_entropy(input[m], target[m])

def masked_mse(input,   # predictions (..., *), e.g. (B, T) or (B, T, F)
               target,  # same shape as `input`; anything at padded positions
               mask,    # bool with the leading shape of `input`, e.g. (B, T): True at real positions
              ) -> Tensor:
    "Mean squared error averaged over the positions (and features) where `mask` is True"
    if input.shape != target.shape: raise ValueError(f"target: expected shape {tuple(input.shape)}, the shape of input, got {tuple(target.shape)}")
    _check_mask(mask, input.shape[:mask.dim()] if isinstance(mask, Tensor) else (), \'the leading shape of input\')
    m = mask.to(input.device)
    return F.mse_loss(input[m], target[m])'''),
(43, [], '''\
torch.manual_seed(0)
lens = torch.tensor([5, 2, 4]); B, T, V = 3, 5, 7
logits, y = torch.randn(B, T, V), torch.randint(1, V, (B, T))
mask = lengths_to_mask(lens)
y_pad = y.masked_fill(~mask, 0)                                                    # targets with pad id 0 after the end
print(\'masked:\', masked_cross_entropy(logits, y, mask).item(), \' ignore_index:\', F.cross_entropy(logits.flatten(0, 1), y_pad.flatten(), ignore_index=0).item(),
      \' over every position:\', F.cross_entropy(logits.flatten(0, 1), y_pad.flatten()).item())'''),
(44, [], '''\
lg = logits.clone().requires_grad_()
a, b = masked_cross_entropy(lg, y, mask), F.cross_entropy(lg.flatten(0, 1), y_pad.flatten(), ignore_index=0)
test_close(a, b, eps=1e-6)
test_close(torch.autograd.grad(a, lg)[0], torch.autograd.grad(b, lg)[0], eps=1e-7)
test_eq(masked_cross_entropy(logits, y.masked_fill(~mask, 99), mask), a.detach())     # targets at padding are never read
ref = torch.stack([F.cross_entropy(logits[i, :n], y[i, :n], reduction=\'sum\') for i, n in enumerate(lens)]).sum() / lens.sum()
test_close(a, ref, eps=1e-6)                                                                     # the mean over real positions, by hand
pred, tgt = torch.randn(3, 5, 2), torch.randn(3, 5, 2)
test_close(masked_mse(pred, tgt, mask), sum(((pred[i, :n] - tgt[i, :n])**2).sum() for i, n in enumerate(lens)) / (lens.sum() * 2), eps=1e-6)
test_eq(masked_mse(pred[..., 0], tgt[..., 0].masked_fill(~mask, float(\'nan\')), mask), masked_mse(pred[..., 0], tgt[..., 0], mask))  # NaN padding is never read
test_fail(lambda: masked_cross_entropy(logits, y[:, :4], mask), contains=\'target: expected shape (3, 5), the shape of input without its class axis, got (3, 4)\')
test_fail(lambda: masked_cross_entropy(logits, y, mask.int()), contains=\'mask: expected a bool tensor, True at real positions, got torch.int32\')
test_fail(lambda: masked_cross_entropy(logits, y, mask.T), contains=\'mask: expected shape (3, 5), the shape of target, got (5, 3)\')
test_fail(lambda: masked_cross_entropy(logits, y, torch.zeros_like(mask)), contains=\'mask: no position is real (all False)\')
test_fail(lambda: masked_mse(pred, tgt[..., 0], mask), contains=\'target: expected shape (3, 5, 2), the shape of input, got (3, 5)\')
test_fail(lambda: masked_mse(pred, tgt, mask[:, :4]), contains=\'mask: expected shape (3, 5), the leading shape of input, got (3, 4)\')'''),
(46, [], '''\
def lognormal_lengths(n:int,          # number of lengths
                      median=50.,     # m: the median length
                      sigma=0.5,      # σ: the standard deviation of log(length)
                      seed:int=0,     # seed of the draw
                     ) -> Tensor:     # (n,) int64, each >= 1
    "`n` log-normal lengths `round(median * exp(sigma * z))`, at least 1"
    _check_int(\'n\', n, 1); _check_int(\'seed\', seed, 0); _check_number(\'median\', median); _check_number(\'sigma\', sigma)
    if median <= 0 or sigma < 0: raise ValueError(f"median, sigma: expected median > 0 and sigma >= 0, got {median}, {sigma}")
    z = torch.randn(n, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    return (median * (sigma * z).exp()).round().clamp(min=1).long()

def padding_efficiency(lengths,   # (n,) lengths of the whole dataset
                       batches,   # iterable of batches, each a list (or tensor) of indices into `lengths`
                      ) -> float: # real tokens / padded slots, in (0, 1]
    "Real tokens over padded slots when each batch is padded to its longest sequence"
    lengths = _as_lengths(lengths)
    real = slots = 0
    for b in batches:
        l = lengths[torch.as_tensor(b, dtype=torch.long)]
        if len(l): real += l.sum().item(); slots += len(l) * l.max().item()
    if not slots: raise ValueError("batches: expected at least one non-empty batch, got none")
    return real / slots'''),
(47, [], '''\
lens5k = lognormal_lengths(5000, median=50, sigma=0.5, seed=0)
random_batches = torch.randperm(5000, generator=torch.Generator().manual_seed(0)).split(32)
print(f\'5,000 lengths: median {lens5k.median().item()}, mean {lens5k.float().mean():.1f}, max {lens5k.max().item()}; \'
      f\'random batches of 32: padding efficiency {padding_efficiency(lens5k, random_batches):.1%}\')'''),
(48, [], '''\
test_eq(lens5k.dtype, torch.int64); assert lens5k.min() >= 1
test_close(lens5k.float().log().std().item(), 0.5, eps=0.02); assert 49 <= lens5k.median() <= 51
test_eq(lognormal_lengths(10, seed=3), lognormal_lengths(10, seed=3)); test_ne(lognormal_lengths(10, seed=3), lognormal_lengths(10, seed=4))
test_eq(lognormal_lengths(4, median=7, sigma=0.), torch.full((4,), 7))
test_eq(padding_efficiency([3, 1, 2, 2], [[0, 1], [2, 3]]), 8 / 10)
test_eq(padding_efficiency([3, 1], [torch.tensor([0]), [1], []]), 1.)
test_fail(lambda: padding_efficiency([3], []), contains=\'batches: expected at least one non-empty batch\')
test_fail(lambda: lognormal_lengths(5, median=0), contains=\'expected median > 0 and sigma >= 0, got 0, 0.5\')
test_fail(lambda: lognormal_lengths(0), contains=\'n: expected an int >= 1, got 0\')'''),
(50, [], '''\
class BucketSampler(Sampler):
    "Batches of indices of similar length: sort random pools of `pool_batches` batches by length, then shuffle the batches"
    def __init__(self, lengths,           # (n,) length of every example, >= 1: an integer tensor or a list
                 batch_size:int,          # indices per batch
                 shuffle:bool=True,       # random pools and batch order, new each epoch; False: sort everything, longest first
                 drop_last:bool=False,    # drop the one batch smaller than `batch_size`, if there is one
                 seed:int=0,              # with the epoch, fixes the order: the generator is seeded with `seed + epoch`
                 pool_batches:int=256,    # batches per pool: each pool of `pool_batches * batch_size` indices is sorted by length
                ):
        self.lengths = _as_lengths(lengths)
        if not len(self.lengths) or self.lengths.min() < 1: raise ValueError(f"lengths: expected at least one length, each >= 1, got {self.lengths.tolist()[:8]}")
        _check_int(\'batch_size\', batch_size, 1); _check_int(\'pool_batches\', pool_batches, 1); _check_int(\'seed\', seed, 0)
        _check_bool(\'shuffle\', shuffle); _check_bool(\'drop_last\', drop_last)
        store_attr(\'batch_size,shuffle,drop_last,seed,pool_batches\'); self.epoch = 0

    def set_epoch(self, epoch:int # the epoch whose batches the next iteration yields
                 ):
        "Choose the batches of `epoch` for the next iteration"
        _check_int(\'epoch\', epoch, 0); self.epoch = epoch

    def __len__(self):
        n, bs = len(self.lengths), self.batch_size
        return n // bs if self.drop_last else math.ceil(n / bs)'''),
(51, [], '''\
@patch
def _batches(self:BucketSampler):
    "This epoch\'s batches, as tensors of indices, in the order they are yielded"
    L, bs = self.lengths, self.batch_size
    if not self.shuffle: idx, g = L.argsort(descending=True, stable=True), None
    else:
        g = torch.Generator().manual_seed(self.seed + self.epoch)
        pools = torch.randperm(len(L), generator=g).split(self.pool_batches * bs)
        idx = torch.cat([p[L[p].argsort(descending=True, stable=True)] for p in pools])
    batches = list(idx.split(bs))                   # only the very last one can be short
    if self.drop_last and len(batches[-1]) < bs: batches.pop()
    return batches if g is None else [batches[i] for i in torch.randperm(len(batches), generator=g)]

@patch
def __iter__(self:BucketSampler):
    "Yield this epoch\'s batches as lists of indices"
    return (b.tolist() for b in self._batches())'''),
(52, [], '''\
sampler = BucketSampler(lens5k, batch_size=32, seed=0)
bucketed = list(sampler)
print(f\'{len(sampler)} batches; padding efficiency {padding_efficiency(lens5k, bucketed):.1%} (random batches: {padding_efficiency(lens5k, random_batches):.1%})\')
print(\'first batch, lengths:\', lens5k[bucketed[0]].tolist()[:8], \'...\')'''),
(53, [], '''\
eff_random, eff_bucket = padding_efficiency(lens5k, random_batches), padding_efficiency(lens5k, bucketed)
assert eff_bucket >= 0.95 and eff_random < 0.45, (eff_bucket, eff_random)
for shuffle, drop_last, bs, pb in itertools.product([True, False], [False, True], [32, 7], [1, 3, 256]):
    s = BucketSampler(lens5k, bs, shuffle=shuffle, drop_last=drop_last, seed=1, pool_batches=pb)
    bl = list(s)
    test_eq(len(bl), len(s)); test_eq(len(s), 5000 // bs if drop_last else math.ceil(5000 / bs))
    flat = sorted(i for b in bl for i in b)
    if drop_last: test_eq(len(flat), len(s) * bs); test_eq(len(set(flat)), len(flat)); assert all(len(b) == bs for b in bl)
    else: test_eq(flat, list(range(5000)))                                                      # every index exactly once
    assert all((lens5k[b][:-1] >= lens5k[b][1:]).all() for b in bl)                             # each batch sorted, longest first
s = BucketSampler(lens5k, 32, seed=3)
e0 = list(s); test_eq(list(s), e0)                                                              # the same epoch twice: the same batches
s.set_epoch(1); e1 = list(s); test_ne(e1, e0)                                                   # the next epoch: new ones
s2 = BucketSampler(lens5k, 32, seed=3); s2.set_epoch(1); test_eq(list(s2), e1)                  # depends on (seed, epoch) only
test_ne(list(BucketSampler(lens5k, 32, seed=4)), e0)
test_eq(list(BucketSampler(lens5k, 32, shuffle=False)), list(BucketSampler(lens5k, 32, shuffle=False, seed=9)))
test_eq([i for b in BucketSampler([2, 5, 1], 2, shuffle=False) for i in b], [1, 0, 2])
test_eq(padding_efficiency(lens5k, BucketSampler(lens5k, 32, pool_batches=1, seed=5)), padding_efficiency(lens5k, torch.randperm(5000, generator=torch.Generator().manual_seed(5)).split(32)))  # pools of one batch: random batching
test_fail(lambda: BucketSampler(lens5k, 0), contains=\'batch_size: expected an int >= 1, got 0\')
test_fail(lambda: BucketSampler([3, 0], 2), contains=\'lengths: expected at least one length, each >= 1, got [3, 0]\')
test_fail(lambda: BucketSampler([], 2), contains=\'lengths: expected at least one length\')
test_fail(lambda: BucketSampler(lens5k.float(), 2), contains=\'lengths: expected an integer dtype\')
test_fail(lambda: BucketSampler(lens5k, 32, pool_batches=0), contains=\'pool_batches: expected an int >= 1, got 0\')
test_fail(lambda: s.set_epoch(-1), contains=\'epoch: expected an int >= 0, got -1\')
test_fail(lambda: BucketSampler(lens5k, 32, shuffle=1), contains=\'shuffle: expected a bool, got int 1\')'''),
(55, [], '''\
def draw_batches(lengths, batches, ax, title):
    "Stacked bars: real tokens and padding of each batch, in the order the batches come"
    real = [lengths[b].sum().item() for b in batches]; slots = [len(b) * lengths[b].max().item() for b in batches]
    ax.bar(range(len(batches)), real, width=1., color=\'C0\', label=\'real tokens\')
    ax.bar(range(len(batches)), [s - r for s, r in zip(slots, real)], bottom=real, width=1., color=\'#cccccc\', label=\'padding\')
    ax.set(title=f\'{title}: efficiency {sum(real)/sum(slots):.1%}\', xlabel=\'batch (in the order of the epoch)\', ylabel=\'tokens per batch (B × T)\')
    ax.legend(loc=\'upper right\')
fig, axs = plt.subplots(1, 2, figsize=(13, 3.6), sharey=True)
draw_batches(lens5k, random_batches, axs[0], \'random batches of 32\')
draw_batches(lens5k, bucketed, axs[1], \'BucketSampler, batches of 32\')
fig.suptitle(\'5,000 log-normal lengths (median 50, σ = 0.5): padded slots per batch\', y=1.02); plt.tight_layout()'''),
(57, [], '''\
pool_sizes = [1, 2, 4, 8, 16, 32, 64, 128, 256]
def mean_efficiency(lengths, pb, bs=32, epochs=5):
    "Padding efficiency of `BucketSampler(lengths, bs, pool_batches=pb)`, averaged over `epochs` epochs"
    s, effs = BucketSampler(lengths, bs, pool_batches=pb), []
    for e in range(epochs): s.set_epoch(e); effs.append(padding_efficiency(lengths, s))
    return sum(effs) / epochs
effs = [mean_efficiency(lens5k, pb) for pb in pool_sizes]
print(\'  \'.join(f\'{pb}: {e:.1%}\' for pb, e in zip(pool_sizes, effs)))
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(pool_sizes, [e * 100 for e in effs], \'o-\'); ax.axhline(95, color=\'C3\', ls=\':\', label=\'95%\')
ax.set(xscale=\'log\', xlabel=\'pool size (batches of 32; 157 batches = the whole dataset)\', ylabel=\'padding efficiency (%)\',
       title=\'Efficiency grows with the pool: 5,000 log-normal lengths, B = 32\'); ax.set_xticks(pool_sizes, pool_sizes); ax.grid(alpha=.3); ax.legend()'''),
(58, [], '''\
assert all(a <= b + 0.005 for a, b in zip(effs, effs[1:])), effs      # larger pools are (about) never worse
assert effs[0] < 0.45 and effs[-1] >= 0.95'''),
(62, [], '''\
ds = [(ids, 0) for ids in speech_ids]
dl = DataLoader(ds, batch_sampler=BucketSampler(speech_lens, 32, seed=0), collate_fn=lambda b: pad_collate(b, pad_id=wvocab.pad_id))
x, lens, _ = next(iter(dl))
p = pack(x, lens, batch_first=True)               # enforce_sorted=True: the batch comes sorted
print(f\'{len(speech_ids):,} speeches, {len(dl)} batches; a batch: {tuple(x.shape)}, lengths {lens.tolist()[:6]}...\')
print(f\'padding efficiency: random batches {padding_efficiency(speech_lens, torch.randperm(len(ds), generator=torch.Generator().manual_seed(0)).split(32)):.1%}, \'
      f\'BucketSampler {padding_efficiency(speech_lens, dl.batch_sampler):.1%}\')'''),
(63, [], '''\
test_eq(p.data.numel(), lens.sum().item())
test_eq(sorted(i for b in dl.batch_sampler for i in b), list(range(len(ds))))'''),
(65, [], '''\
class Classifier(nn.Module):
    "Embedding, a recurrent layer, a linear head on each sequence\'s last real step; batch-first ids (B, T)"
    def __init__(self, rnn_cls=nn.LSTM, V=100, E=32, H=64, C=2):
        super().__init__()
        self.emb, self.rnn, self.head = nn.Embedding(V, E, padding_idx=0), rnn_cls(E, H, batch_first=True), nn.Linear(H, C)
    def forward(self, x, lengths, packed=True):
        e = self.emb(x)
        if packed: h_n = self.rnn(pack(e, lengths, batch_first=True, enforce_sorted=False))[1]; h = (h_n[0] if isinstance(h_n, tuple) else h_n)[-1]
        else: h = last_valid(self.rnn(e)[0], lengths, batch_first=True)
        return self.head(h)

def epoch_time(model, batches, packed):
    "Seconds for one epoch of SGD steps over `batches` of (x, lengths, y)"
    opt = torch.optim.SGD(model.parameters(), lr=0.1); t0 = time.perf_counter()
    for x, lens, y in batches:
        loss = F.cross_entropy(model(x, lens, packed), y); opt.zero_grad(); loss.backward(); opt.step()
    return time.perf_counter() - t0'''),
(66, [], '''\
g = torch.Generator().manual_seed(1)
tlens = lognormal_lengths(256, median=50, sigma=0.5, seed=1)
tds = [(torch.randint(1, 100, (n,), generator=g), int(torch.randint(2, (), generator=g))) for n in tlens.tolist()]
collate = lambda idx: [pad_collate([tds[i] for i in b]) for b in idx]
rand_b = collate(torch.randperm(256, generator=g).split(32))
buck_b = collate(BucketSampler(tlens, 32, seed=1))
def rows(batches, packed): return sum(lens.sum().item() if packed else x.numel() for x, lens, _ in batches)
def steps(batches): return sum(x.size(1) for x, _, _ in batches)

def benchmark(configs, rnn_cls, reps=5):
    "Best epoch time of each configuration {name: (batches, packed)}, all measured in one interleaved run"
    torch.manual_seed(0); model = Classifier(rnn_cls)
    for bl, p in configs.values(): epoch_time(model, bl[:2], p)          # warm up
    times = {k: [] for k in configs}
    for _ in range(reps):
        for k, (bl, p) in configs.items(): times[k].append(epoch_time(model, bl, p))
    return {k: min(v) for k, v in times.items()}

configs = {\'pad-to-max, random batches\': (rand_b, False), \'packed, random batches\': (rand_b, True),
           \'pad-to-max, bucketed\': (buck_b, False), \'packed, bucketed\': (buck_b, True)}
bench = {cls.__name__: benchmark(configs, cls) for cls in (nn.LSTM, RNN)}
base = \'pad-to-max, random batches\'
print(f\'{"":>27} {"time steps":>10} {"rows":>7} | {"nn.LSTM":>16} | {"our RNN (ch. 02)":>16}\')
for k, (bl, p) in configs.items():
    print(f\'{k:>27} {steps(bl):>10,} {rows(bl, p):>7,} | \' + \' | \'.join(f\'{bench[m][k]*1e3:5.0f} ms = {bench[m][k]/bench[m][base]:4.2f}×\' for m in bench))'''),
(68, [], '''\
torch.manual_seed(0); lstm_model = Classifier(nn.LSTM)
def best(f, reps=3): return min(f() for _ in range(reps))
with warnings.catch_warnings():
    warnings.simplefilter(\'ignore\')                                      # a note about Intel GPUs, irrelevant here
    with torch.backends.mkldnn.flags(enabled=False): t_generic = best(lambda: epoch_time(lstm_model, rand_b, False))
t_fused = best(lambda: epoch_time(lstm_model, rand_b, False))
print(f\'nn.LSTM, pad-to-max, random batches: oneDNN on {t_fused*1e3:.0f} ms, off {t_generic*1e3:.0f} ms ({t_generic/t_fused:.1f}× as long)\')'''),
(70, [], '''\
eq_b = [pad_collate([(torch.randint(1, 100, (50,), generator=g), 0) for _ in range(32)]) for _ in range(4)]
tiny_b = collate(torch.randperm(256, generator=g)[:64].split(2))
no_pad = {\'equal lengths, pad-to-max\': (eq_b, False), \'equal lengths, packed\': (eq_b, True),
          \'batches of 2, pad-to-max\': (tiny_b, False), \'batches of 2, packed\': (tiny_b, True)}
bench2 = {cls.__name__: benchmark(no_pad, cls) for cls in (nn.LSTM, RNN)}
print(f\'padding efficiency: equal lengths {padding_efficiency(torch.full((4,), 50), [[0, 1, 2, 3]]):.0%}, batches of 2 {sum(l.sum().item() for _, l, _ in tiny_b) / sum(x.numel() for x, _, _ in tiny_b):.0%}\')
for m, r in bench2.items():
    print(f\'{m:>7}: packed / pad-to-max = {r["equal lengths, packed"]/r["equal lengths, pad-to-max"]:.2f}× with equal lengths, \'
          f\'{r["batches of 2, packed"]/r["batches of 2, pad-to-max"]:.2f}× with batches of 2\')'''),
(74, [], '''\
def last_digit_task(n, seed):
    "`n` (digits, label) pairs: digits 1-9 with log-normal lengths, label = is the last digit odd"
    g, lens = torch.Generator().manual_seed(seed), lognormal_lengths(n, median=20, sigma=0.6, seed=seed)
    seqs = [torch.randint(1, 10, (n_,), generator=g) for n_ in lens.tolist()]
    return [(s, int(s[-1] % 2)) for s in seqs]

class LastDigit(nn.Module):
    "Embedding, LSTM, head; `read` picks the step the head sees: \'output[:, -1]\' (the bug) or \'last_valid\' (the fix)"
    def __init__(self): super().__init__(); self.emb, self.rnn, self.head = nn.Embedding(10, 16, padding_idx=0), nn.LSTM(16, 32, batch_first=True), nn.Linear(32, 2)
    def forward(self, x, lens, read):
        out = self.rnn(self.emb(x))[0]
        return self.head(out[:, -1] if read == \'output[:, -1]\' else last_valid(out, lens, batch_first=True))

train_set, valid_set = last_digit_task(3200, seed=1), last_digit_task(1024, seed=2)
valid_b = [pad_collate(valid_set[i:i+32]) for i in range(0, 1024, 32)]
def train_last_digit(read, steps=100):
    torch.manual_seed(0); m = LastDigit(); opt = torch.optim.Adam(m.parameters(), lr=1e-2)
    for x, lens, y in DataLoader(train_set, batch_size=32, shuffle=True, collate_fn=pad_collate):
        loss = F.cross_entropy(m(x, lens, read), y); opt.zero_grad(); loss.backward(); opt.step()
    return m
@torch.no_grad()
def evaluate(m, read):
    "Accuracy and mean cross-entropy on the validation batches"
    res = [(m(x, l, read).argmax(-1) == y).float().mean().item() for x, l, y in valid_b], [F.cross_entropy(m(x, l, read), y).item() for x, l, y in valid_b]
    return sum(res[0]) / len(res[0]), sum(res[1]) / len(res[1])
reads = [\'output[:, -1]\', \'last_valid\']
models = {r: train_last_digit(r) for r in reads}
acc = {(tr, ev): evaluate(models[tr], ev) for tr in reads for ev in reads}
for (tr, ev), (a, l) in acc.items(): print(f\'trained with {tr:>13}, read with {ev:>13}: accuracy {a:.1%}, loss {l:.3f}\')'''),
(75, [], '''\
assert acc[\'last_valid\', \'last_valid\'][0] > 0.95                               # the fix learns the task
assert acc[\'output[:, -1]\', \'output[:, -1]\'][0] < 0.75                         # the bug: near chance after the same training
assert acc[\'last_valid\', \'output[:, -1]\'][0] < 0.75                            # a correct model, read at the wrong step'''),
(78, [], '''\
def torch_error(f):
    "The message of the exception `f()` raises, or None"
    try: f()
    except Exception as e: return f\'{type(e).__name__}: {str(e)[:110]}\'
for what, L in [(\'2-D\', torch.tensor([[4], [3], [2]])), (\'unsorted\', torch.tensor([2, 3, 4])), (\'on meta\', torch.tensor([4, 3, 2], device=\'meta\'))]:
    print(f\'{what:>9}:\', torch_error(lambda: pack_padded_sequence(x4, L)))'''),
(80, [], '''\
p_float = pack_padded_sequence(x4, torch.tensor([4., 2.7, 2.]))
print(\'lengths 4, 2.7, 2 -> batch_sizes\', p_float.batch_sizes.tolist(), \'-> lengths back:\', pad_packed_sequence(p_float)[1].tolist())
p_long = pack_padded_sequence(x4, torch.tensor([6, 3, 2]))      # T = 4
print(f\'lengths 6, 3, 2 with T=4 -> batch_sizes {p_long.batch_sizes.tolist()} (sum {p_long.batch_sizes.sum().item()}), data has {len(p_long.data)} rows\')
print(\'nn.LSTM on it ->\', torch_error(lambda: nn.LSTM(2, 3)(p_long)))'''),
(81, [], '''\
test_eq(pad_packed_sequence(p_float)[1], torch.tensor([4, 2, 2]))                  # torch truncated 2.7 to 2
test_ne(p_long.batch_sizes.sum().item(), len(p_long.data))                         # torch built an inconsistent PackedSequence
assert torch_error(lambda: nn.LSTM(2, 3)(p_long)) is not None                       # and the error comes later, from the RNN
test_fail(lambda: pack(x4, torch.tensor([4., 2.7, 2.])), contains=\'lengths: expected an integer dtype\')
test_fail(lambda: pack(x4, torch.tensor([6, 3, 2])), contains=\'lengths: expected every length <= T=4\')
test_fail(lambda: unpack(p_long), contains=\'packed: its batch_sizes add up to 11 rows but its data has 9\')'''),
(84, [], '''\
torch.manual_seed(0)
lstm = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
head = nn.Linear(2 * 2 * 4, 1)
def predict(x, fix):
    "Logit of each example from all final states; `fix` puts the batch axis first before flattening"
    h_n = lstm(x)[1][0]                                                   # (L*D, B, H) = (4, B, 4), batch_first or not
    return head(h_n.transpose(0, 1).reshape(len(x), -1) if fix else h_n.reshape(len(x), -1))[:, 0]
xa = torch.randn(4, 6, 3); xb2 = xa.clone(); xb2[3] = torch.randn(6, 3)    # the same batch, with example 3 replaced
alone0 = predict(xa[:1], fix=True)                                        # example 0 in a batch of its own
for fix in (False, True):
    pa, pb = predict(xa, fix), predict(xb2, fix)
    print(f\'{"fixed" if fix else "buggy"}: prediction for example 0 = {pa[0].item():+.4f} | after replacing example 3: {pb[0].item():+.4f} | alone: {alone0.item():+.4f}\')'''),
(85, [], '''\
with torch.no_grad():
    assert (predict(xa, False)[0] - predict(xb2, False)[0]).abs() > 1e-3         # the bug: example 0 depends on example 3
    test_close(predict(xa, True)[:1], predict(xb2, True)[:1], eps=1e-6)           # the fix: it does not
    test_close(predict(xa, True)[0], alone0[0], eps=1e-6)'''),
(88, [], '''\
torch.manual_seed(0)
V = 50
lm_emb, lm_rnn, lm_head = nn.Embedding(V, 16, padding_idx=0), nn.LSTM(16, 32, batch_first=True), nn.Linear(32, V)
lm_params = [*lm_emb.parameters(), *lm_rnn.parameters(), *lm_head.parameters()]
def lm_batch(seed):
    "A random batch: inputs, next-token targets (0 = padding after the end), and the mask of real targets"
    g = torch.Generator().manual_seed(seed)
    x, lens, _ = pad_collate([(torch.randint(1, V, (n + 1,), generator=g), 0) for n in lognormal_lengths(32, seed=seed).tolist()])
    return x[:, :-1], x[:, 1:], lengths_to_mask(lens - 1, x.size(1) - 1)
x_lm, y_lm, m_lm = lm_batch(0)
logits = lm_head(lm_rnn(lm_emb(x_lm))[0])
naive = F.cross_entropy(logits.flatten(0, 1), y_lm.flatten())                  # every position, padding included
fixed = masked_cross_entropy(logits, y_lm, m_lm)                                # real positions only
pad_only = F.cross_entropy(logits[~m_lm], y_lm[~m_lm], reduction=\'sum\') / m_lm.numel()   # the padding\'s share of `naive`
g_naive, g_fixed, g_pad = (torch.autograd.grad(l, lm_params, retain_graph=True) for l in (naive, fixed, pad_only))
flat = lambda gs: torch.cat([g.flatten() for g in gs])
g_real = flat(g_naive) - flat(g_pad)
eff = m_lm.float().mean().item()
print(f\'real targets: {m_lm.sum().item():,} of {m_lm.numel():,} ({eff:.1%}); loss over every position {naive.item():.3f}, over real positions {fixed.item():.3f}\')
print(f\'real positions\\\' gradient in the naive loss = {(g_real.norm() / flat(g_fixed).norm()).item():.3f} × the masked one (efficiency {eff:.3f})\')
print(f\'padding targets\\\' share of the naive gradient norm: {(flat(g_pad).norm() / flat(g_naive).norm()).item():.1%}; \'
      f\'cosine(naive gradient, masked gradient) = {F.cosine_similarity(flat(g_naive), flat(g_fixed), 0).item():.3f}\')'''),
(89, [], '''\
test_close(g_real.norm() / flat(g_fixed).norm(), eff, eps=1e-4)                 # the real part shrinks by exactly the efficiency
test_close(fixed, F.cross_entropy(logits.flatten(0, 1), y_lm.flatten(), ignore_index=0), eps=1e-6)
assert (flat(g_pad).norm() / flat(g_naive).norm()) > 0.2
assert F.cosine_similarity(flat(g_naive), flat(g_fixed), 0) < 0.9                 # the naive gradient points elsewhere'''),
(91, [], '''\
effs20 = [lm_batch(s)[2].float().mean().item() for s in range(1, 21)]
print(f\'gradient scale of real positions over 20 batches: {min(effs20):.2f} to {max(effs20):.2f} (mean {sum(effs20)/20:.2f})\')'''),
(92, [], '''\
assert max(effs20) - min(effs20) > 0.1'''),
(95, [], '''\
torch.manual_seed(0)
bigru = nn.GRU(3, 4, bidirectional=True, batch_first=True)
lens5 = torch.tensor([12, 9, 5, 2])
x5 = pad_sequences([torch.randn(n, 3) for n in lens5.tolist()], batch_first=True)     # zeros on the padding
out_pad = bigru(x5)[0]                                                                 # the bug: no packing
out_pk = unpack(bigru(pack(x5, lens5, batch_first=True))[0], batch_first=True)[0]      # the fix
mask5 = lengths_to_mask(lens5)
err = (out_pad - out_pk).abs().detach()
for b, n in enumerate(lens5.tolist()):
    print(f\'length {n:2} ({12 - n:2} padding steps): largest error at real steps, forward half {err[b, :n, :4].max():.1e}, \'
          f\'reverse half {err[b, :n, 4:].max():.3f}; reverse final state (step 0) {err[b, 0, 4:].max():.3f}\')'''),
(96, [], '''\
test_close(err[mask5][:, :4].max(), 0., eps=1e-6)                 # the forward half is right at every real step
test_close(err[0], torch.zeros_like(err[0]), eps=1e-6)              # the unpadded sequence is unaffected
assert all(err[b, :n, 4:].max() > 0.1 for b, n in enumerate(lens5.tolist()) if b)   # the reverse half of every padded sequence is wrong'''),
(99, [], '''\
torch.manual_seed(0)
tagger_rnn, tagger_head = nn.GRU(3, 8, batch_first=True), nn.Linear(8, 5)
T_fixed, lens6 = 10, torch.tensor([7, 4, 3])                                  # padded to T=10 by the dataset; the longest here is 7
x6, y6 = torch.randn(3, T_fixed, 3), torch.randint(0, 5, (3, T_fixed))
def tag_logits(total_length=None):
    out, _ = unpack(tagger_rnn(pack(x6, lens6, batch_first=True))[0], batch_first=True, total_length=total_length)
    return tagger_head(out)
print(\'without total_length:\', tuple(tag_logits().shape), \'->\', torch_error(lambda: masked_cross_entropy(tag_logits(), y6, lengths_to_mask(lens6, T_fixed))))
print(\'with total_length=10:\', tuple(tag_logits(T_fixed).shape), \'-> loss\', masked_cross_entropy(tag_logits(T_fixed), y6, lengths_to_mask(lens6, T_fixed)).item())'''),
(100, [], '''\
test_fail(lambda: masked_cross_entropy(tag_logits(), y6, lengths_to_mask(lens6, T_fixed)), contains=\'target: expected shape (3, 7), the shape of input without its class axis, got (3, 10)\')
test_eq(tag_logits(T_fixed).shape, (3, T_fixed, 5))
test_close(tag_logits(T_fixed)[:, :7], tag_logits(), eps=1e-6)             # the extra steps are only padding'''),
(102, [], '''\
text_sp = [s.text for s in speeches[:2000]]
itos_naive = sorted(set(\'\'.join(text_sp)))
stoi_naive = {c: i for i, c in enumerate(itos_naive)}
x7, lens7, _ = pad_collate([([stoi_naive[c] for c in t], 0) for t in text_sp[:64]], pad_id=0)
guessed = (x7 != 0).sum(1)                                                    # "length = number of non-padding ids"
print(f\'id 0 is {itos_naive[0]!r}; of {len(lens7)} speeches, {(guessed != lens7).sum().item()} get a wrong length; \'
      f\'{(lens7 - guessed).sum().item()} of {lens7.sum().item():,} real characters ({(lens7 - guessed).sum().item() / lens7.sum().item():.1%}) are taken for padding\')
emb7 = nn.Embedding(len(itos_naive), 8, padding_idx=0)
emb7(x7).sum().backward()
n_newlines = (x7[lengths_to_mask(lens7)] == 0).sum().item()
print(f"the newline occurs {n_newlines} times in the batch; its embedding\'s gradient: {emb7.weight.grad[0].abs().max().item()}")'''),
(103, [], '''\
test_eq(itos_naive[0], \'\\n\')
assert (guessed < lens7).any() and n_newlines > 0
test_eq(emb7.weight.grad[0], torch.zeros(8))                                  # the newline never learns
cv = Vocab(\'\'.join(text_sp)); test_eq(cv.pad_id, 0); test_ne(cv.stoi[\'\\n\'], 0)   # the fix: a vocabulary that reserves id 0
xf, lf, _ = pad_collate([(cv.encode(t), 0) for t in text_sp[:64]], pad_id=cv.pad_id)
test_eq((xf != cv.pad_id).sum(1), lf)'''),
(106, [], '''\
@st.composite
def padded_batches(draw):
    "A random right-padded float64 batch: (x, lengths, batch_first, enforce_sorted)"
    B, T, batch_first, enforce_sorted = draw(st.integers(1, 5)), draw(st.integers(1, 7)), draw(st.booleans()), draw(st.booleans())
    lengths = draw(st.lists(st.integers(1, T), min_size=B, max_size=B))
    if enforce_sorted: lengths = sorted(lengths, reverse=True)
    shape = ((B, T) if batch_first else (T, B)) + draw(st.sampled_from([(), (1,), (2, 3)]))
    x = torch.randn(shape, generator=torch.Generator().manual_seed(draw(st.integers(0, 2**16))), dtype=torch.float64)
    return x, lengths, batch_first, enforce_sorted

@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(padded_batches(), st.booleans(), st.sampled_from([None, 0, 3]), st.sampled_from([0., -1.5]))
def check_pack_unpack(batch, bf_out, extra, pv):
    x, lengths, bf, es = batch
    x = x.requires_grad_()
    p, q = pack(x, lengths, bf, es), pack_padded_sequence(x, lengths, bf, es)
    same_packed(p, q)
    tl = None if extra is None else max(lengths) + extra
    (u, lu), (v, lv) = unpack(p, bf_out, pv, tl), pad_packed_sequence(q, bf_out, pv, tl)
    test_eq(u.detach(), v.detach()); test_eq(lu, lv)
    w = torch.randn_like(u)
    test_eq(torch.autograd.grad((u * w).sum(), x), torch.autograd.grad((v * w).sum(), x))
    xt, ut = (x.transpose(0, 1) if bf else x), (u.transpose(0, 1) if bf_out else u)   # both time-major
    m = lengths_to_mask(lengths, len(ut)).T                                         # (T_out, B)
    test_eq(ut[m].detach(), xt[:len(ut)][m[:len(xt)]].detach())                     # unpack(pack(x)) = x on the real positions
    test_eq(bool((ut[~m] == pv).all()), True)                                       # and padding_value elsewhere
check_pack_unpack()'''),
(108, [], '''\
@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(B=st.integers(1, 5), T=st.integers(1, 7), num_layers=st.integers(1, 2), bi=st.booleans(), seed=st.integers(0, 2**16), data=st.data())
def check_alone(B, T, num_layers, bi, seed, data):
    lengths = data.draw(st.lists(st.integers(1, T), min_size=B, max_size=B))
    torch.manual_seed(seed)
    m = LSTM(2, 3, num_layers=num_layers, bidirectional=bi, batch_first=True, dtype=torch.float64)
    x = torch.randn(B, T, 2, dtype=torch.float64)
    out_p, (h_n, c_n) = m(pack(x, lengths, batch_first=True, enforce_sorted=False))
    out, _ = unpack(out_p, batch_first=True)
    for b, n in enumerate(lengths):
        o, (h, c) = m(x[b:b+1, :n])                               # sequence b alone, no padding
        test_close(out[b, :n], o[0], eps=1e-12); test_close(h_n[:, b], h[:, 0], eps=1e-12); test_close(c_n[:, b], c[:, 0], eps=1e-12)
        test_close(last_valid(out, lengths, batch_first=True, bidirectional=bi)[b], torch.cat([h[-1 - bi, 0], h[-1, 0]]) if bi else h[-1, 0], eps=1e-12)
check_alone()'''),
(110, [], '''\
torch.manual_seed(0)
lens_e, (B_e, T_e) = torch.tensor([6, 2, 5, 3]), (4, 6)
x_e, y_e = torch.randn(B_e, T_e, 3), torch.randint(0, 5, (B_e, T_e))
out_e = tagger_rnn(pack(x_e, lens_e, batch_first=True, enforce_sorted=False))[0]      # the GRU tagger of bug 6
y_packed = pack(y_e, lens_e, batch_first=True, enforce_sorted=False)                   # the same sort, the same rows
loss_packed = F.cross_entropy(tagger_head(out_e.data), y_packed.data)
loss_masked = masked_cross_entropy(tagger_head(unpack(out_e, batch_first=True)[0]), y_e, lengths_to_mask(lens_e))
print(loss_packed.item(), loss_masked.item())
test_close(loss_packed, loss_masked, eps=1e-6)'''),
(112, [], '''\
def left_to_right(x, lengths):
    "Right-padded copy of the left-padded, batch-first `x` (B, T, *)"
    T = x.size(1)
    idx = (torch.arange(T) + (T - lengths)[:, None]) % T                    # (B, T): where step t of row b comes from
    return x.gather(1, idx.view(*idx.shape, *[1] * (x.dim() - 2)).expand_as(x))
seqs_e = [torch.randn(n, 2) for n in (3, 5, 1)]
lens_lr = torch.tensor([3, 5, 1])
right = left_to_right(pad_sequences(seqs_e, batch_first=True, padding_side=\'left\'), lens_lr)
same_packed(pack(right, lens_lr, batch_first=True, enforce_sorted=False), pack(pad_sequences(seqs_e, batch_first=True), lens_lr, batch_first=True, enforce_sorted=False))
right[:, :, 0]'''),
(114, [], '''\
def token_batches(lengths, max_tokens):
    "Batches of indices, longest first, each padding to at most `max_tokens` slots"
    order, batches, cur = lengths.argsort(descending=True, stable=True).tolist(), [], []
    for i in order:
        if cur and (len(cur) + 1) * lengths[cur[0]].item() > max_tokens: batches.append(cur); cur = []
        cur.append(i)
    return batches + [cur]
tb = token_batches(lens5k, max_tokens=32 * 56)                               # about 32 sequences of the mean length
test_eq(sorted(i for b in tb for i in b), list(range(5000)))
assert all(len(b) * lens5k[b].max().item() <= 32 * 56 for b in tb)
sizes = [len(b) for b in tb]
print(f\'{len(tb)} batches of {min(sizes)} to {max(sizes)} sequences, efficiency {padding_efficiency(lens5k, tb):.1%} \'
      f\'(BucketSampler, B = 32: {len(sampler)} batches, {padding_efficiency(lens5k, sampler):.1%})\')'''),
(116, [], '''\
g = torch.Generator().manual_seed(0)
for B_ in (1, 4, 16, 32, 128):
    measured = padding_efficiency(lens5k, torch.randperm(5000, generator=g).split(B_))
    draws = lens5k[torch.randint(5000, (2000, B_), generator=g)].float()
    estimate = (lens5k.float().mean() / draws.amax(1).mean()).item()
    print(f\'B = {B_:3}: measured {measured:.1%}, E[L] / E[max of B] = {estimate:.1%}\')
    test_close(measured, estimate, eps=0.03)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/06_padding.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_padding(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def__is_int_v_return_isinstance_v_number(): nb.run(6)
def test_c007_def_pad_sequences_seqs_tensors_of_shapes(): nb.run(7)
def test_c008_seqs_torch_tensor_1_2_3_torch_tensor_4_t(): nb.run(8)
def test_c009_for_bf_side_pv_in_itertools_product_fals(): nb.run(9)
def test_c011_def__as_lengths_lengths_cpu_true(): nb.run(11)
def test_c012_lengths_torch_tensor_3_1_2(): nb.run(12)
def test_c013_test_eq_lengths_to_mask_lengths_pad_sequ(): nb.run(13)
def test_c015_torch_manual_seed_0(): nb.run(15)
def test_c016_test_close_err_left_0_0_eps_1e_6_the_lon(): nb.run(16)
def test_c019_def_draw_packing_lengths_3_6_1_4(): nb.run(19)
def test_c021_def__check_range_lengths_b_t_what(): nb.run(21)
def test_c022_def_pack_padded_right_padded_batch_t_b_o(): nb.run(22)
def test_c023_xb_pad_sequences_torch_tensor_1_2_3_torc(): nb.run(23)
def test_c025_def_same_packed_p_q(): nb.run(25)
def test_c027_def__check_packed_packed(): nb.run(27)
def test_c028_padded_lens_unpack_packed_batch_first_tr(): nb.run(28)
def test_c029_test_eq_padded_6_masked_fill_padded_6_1(): nb.run(29)
def test_c031_speeches_load_speeches(): nb.run(31)
def test_c032_test_eq_p_data_numel_lens_sum_item_test(): nb.run(32)
def test_c035_x4_torch_randn_4_3_2_t_b_f_4_3_2(): nb.run(35)
def test_c036_test_fail_lambda_pack_x4_torch_tensor_4(): nb.run(36)
def test_c038_def_last_valid_output_rnn_output_t_b_or(): nb.run(38)
def test_c039_torch_manual_seed_0(): nb.run(39)
def test_c040_test_close_both_torch_cat_h_n_2_h_n_1_1(): nb.run(40)
def test_c042_def__check_mask_mask_shape_where(): nb.run(42)
def test_c043_torch_manual_seed_0(): nb.run(43)
def test_c044_lg_logits_clone_requires_grad(): nb.run(44)
def test_c046_def_lognormal_lengths_n_int_number_of_le(): nb.run(46)
def test_c047_lens5k_lognormal_lengths_5000_median_50(): nb.run(47)
def test_c048_test_eq_lens5k_dtype_torch_int64_assert(): nb.run(48)
def test_c050_class_bucketsampler_sampler(): nb.run(50)
def test_c051_patch(): nb.run(51)
def test_c052_sampler_bucketsampler_lens5k_batch_size(): nb.run(52)
def test_c053_eff_random_eff_bucket_padding_efficiency(): nb.run(53)
def test_c055_def_draw_batches_lengths_batches_ax_titl(): nb.run(55)
def test_c057_pool_sizes_1_2_4_8_16_32_64_128_256(): nb.run(57)
def test_c058_assert_all_a_b_0_005_for_a_b_in_zip_effs(): nb.run(58)
def test_c062_ds_ids_0_for_ids_in_speech_ids(): nb.run(62)
def test_c063_test_eq_p_data_numel_lens_sum_item(): nb.run(63)
def test_c065_class_classifier_nn_module(): nb.run(65)
def test_c066_g_torch_generator_manual_seed_1(): nb.run(66)
def test_c068_torch_manual_seed_0_lstm_model_classifie(): nb.run(68)
def test_c070_eq_b_pad_collate_torch_randint_1_100_50(): nb.run(70)
def test_c074_def_last_digit_task_n_seed(): nb.run(74)
def test_c075_assert_acc_last_valid_last_valid_0_0_95(): nb.run(75)
def test_c078_def_torch_error_f(): nb.run(78)
def test_c080_p_float_pack_padded_sequence_x4_torch_te(): nb.run(80)
def test_c081_test_eq_pad_packed_sequence_p_float_1_to(): nb.run(81)
def test_c084_torch_manual_seed_0(): nb.run(84)
def test_c085_with_torch_no_grad(): nb.run(85)
def test_c088_torch_manual_seed_0(): nb.run(88)
def test_c089_test_close_g_real_norm_flat_g_fixed_norm(): nb.run(89)
def test_c091_effs20_lm_batch_s_2_float_mean_item_for(): nb.run(91)
def test_c092_assert_max_effs20_min_effs20_0_1(): nb.run(92)
def test_c095_torch_manual_seed_0(): nb.run(95)
def test_c096_test_close_err_mask5_4_max_0_eps_1e_6_th(): nb.run(96)
def test_c099_torch_manual_seed_0(): nb.run(99)
def test_c100_test_fail_lambda_masked_cross_entropy_ta(): nb.run(100)
def test_c102_text_sp_s_text_for_s_in_speeches_2000(): nb.run(102)
def test_c103_test_eq_itos_naive_0_n(): nb.run(103)
def test_c106_st_composite(): nb.run(106)
def test_c108_settings_max_examples_25_deadline_none_d(): nb.run(108)
def test_c110_torch_manual_seed_0(): nb.run(110)
def test_c112_def_left_to_right_x_lengths(): nb.run(112)
def test_c114_def_token_batches_lengths_max_tokens(): nb.run(114)
def test_c116_g_torch_generator_manual_seed_0(): nb.run(116)
