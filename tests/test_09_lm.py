# Generated from nbs/09_lm.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp lm'''),
(2, [], '''\
from __future__ import annotations
import argparse, io, math, sys, time
from pathlib import Path
import torch, torch.nn.functional as F
from fastcore.basics import patch
from torch import nn
from rnnbook.data import Vocab, tokenize_chars, load_shakespeare, LMStream, LMWindows, write_atomic, SPECIALS
from rnnbook.learner import Learner, DataLoaders, Callback, CancelTrainException, CancelFitException, GradClip, TBPTT, ProgressCB, Perplexity, cross_entropy_flat
from rnnbook.rnn import _smap, _sjoin
from torch.nn.utils import parametrize'''),
(3, [], '''\
from fastcore.test import *
import subprocess, tempfile, contextlib
import matplotlib.pyplot as plt'''),
(5, [], '''\
def lm_data(split=\'train\'):
    "The vocabulary of the training plays, and the ids of `split`"
    v = _vocab()
    return v, torch.tensor(v.encode(tokenize_chars(load_shakespeare(split))))

_V = None
def _vocab():
    global _V
    if _V is None: _V = Vocab(tokenize_chars(load_shakespeare(\'train\')))
    return _V'''),
(6, [], '''\
vocab, train_ids = lm_data(\'train\'); valid_ids = lm_data(\'valid\')[1]
V = len(vocab)
print(f"{len(train_ids):,} training and {len(valid_ids):,} validation characters; V = {V} ids; uniform model: ln V = {math.log(V):.3f} nats/char")'''),
(7, [], '''\
test_eq(V, len(vocab.itos)); assert vocab.unk_id not in set(valid_ids.tolist())     # every validation character is known
test_eq(lm_data(\'valid\')[0], vocab)'''),
(9, [], '''\
CELLS = (\'rnn\', \'gru\', \'lstm\')
IMPLS = (\'torch\', \'ours\')

def make_core(cell:str=\'lstm\',   # \'rnn\', \'gru\' or \'lstm\'
              impl:str=\'torch\',  # \'torch\' (nn.RNN/GRU/LSTM) or \'ours\' (rnnbook.rnn/gru/lstm, imported when asked for)
              input_size:int=64, # F, features of each input step
              hidden_size:int=256 # H, size of the state
             )->nn.Module:
    "One batch-first recurrent layer: torch\'s or ours, RNN, GRU or LSTM"
    if cell not in CELLS: raise ValueError(f"cell: expected one of {\', \'.join(CELLS)}, got {cell!r}")
    if impl not in IMPLS: raise ValueError(f"impl: expected one of {\', \'.join(IMPLS)}, got {impl!r}")
    if impl == \'torch\': cls = dict(rnn=nn.RNN, gru=nn.GRU, lstm=nn.LSTM)[cell]
    else:
        import importlib
        try: mod = importlib.import_module(f\'rnnbook.{cell}\')
        except ImportError as e: raise ValueError(f"impl: \'ours\' needs rnnbook.{cell}, which cannot be imported ({e}); use impl=\'torch\'") from None
        cls = getattr(mod, cell.upper())
    return cls(input_size, hidden_size, batch_first=True)'''),
(10, [], '''\
[type(make_core(c, \'torch\', 8, 16)).__name__ for c in CELLS], type(make_core(\'gru\', \'ours\', 8, 16))'''),
(11, [], '''\
test_fail(lambda: make_core(\'transformer\'), contains="cell: expected one of rnn, gru, lstm, got \'transformer\'")
test_fail(lambda: make_core(\'gru\', \'keras\'), contains="impl: expected one of torch, ours, got \'keras\'")'''),
(13, [], '''\
class LockedDropout(nn.Module):
    "Dropout with one mask per sequence, shared by every time step of `x` (B, T, F) (variational dropout)"
    def __init__(self, p:float=0.): # probability of zeroing a feature
        super().__init__(); self.p = p
    def forward(self, x):
        if not self.training or self.p == 0: return x
        mask = x.new_empty(x.shape[0], 1, x.shape[2]).bernoulli_(1 - self.p) / (1 - self.p)   # (B, 1, F): broadcast over T
        return x * mask

def _drop(p, locked): return LockedDropout(p) if locked else nn.Dropout(p)'''),
(14, [], '''\
torch.manual_seed(0)
ld = LockedDropout(0.5).train(); y = ld(torch.ones(2, 5, 6))
y[0]      # (T, F) of the first sequence: the same columns are zero at every step'''),
(15, [], '''\
test_eq((y[:, :1] == y).all(), True)                       # one mask per sequence, all steps
test_eq(set(y.unique().tolist()) <= {0., 2.}, True)        # kept values scaled by 1/(1-p)
test_eq(LockedDropout(0.5).eval()(torch.ones(2, 5, 6)), torch.ones(2, 5, 6))
d = LockedDropout(0.3).train(); torch.manual_seed(1); test_close(d(torch.ones(4000, 2, 8)).mean(), 1., eps=0.02)'''),
(17, [], '''\
class WeightDrop(nn.Module):
    "A parametrization for DropConnect: in training, zero each weight with probability `p` and scale the rest by 1/(1-p)"
    def __init__(self, p:float=0.): super().__init__(); self.p = p  # probability of zeroing a weight
    def forward(self, w): return F.dropout(w, self.p, self.training)

def weight_drop(core:nn.Module, # a recurrent layer with a `weight_hh_l0` (torch\'s, ours, or `LayerNormLSTM`)
                p:float,        # probability of dropping each recurrent weight
                name:str=\'weight_hh_l0\'): # the weight to thin
    "Register `WeightDrop(p)` on `core`\'s recurrent weight; returns `core`"
    if not isinstance(getattr(core, name, None), torch.Tensor): raise ValueError(f"name: {type(core).__name__} has no weight {name!r}")
    parametrize.register_parametrization(core, name, WeightDrop(p)); return core'''),
(18, [], '''\
torch.manual_seed(0)
wd = weight_drop(nn.LSTM(3, 4, batch_first=True), 0.5)
w0 = wd.parametrizations.weight_hh_l0.original.detach()     # the stored weight
(wd.weight_hh_l0 == 0).float().mean().item(), torch.equal(wd.eval().weight_hh_l0, w0)   # about half dropped in training; none in eval'''),
(20, [], '''\
calls = []
wd.parametrizations.weight_hh_l0[0].register_forward_hook(lambda *a: calls.append(1))
wd.train(); wd(torch.randn(2, 6, 3)); n_plain = len(calls)
with parametrize.cached(): calls.clear(); wd(torch.randn(2, 6, 3)); n_cached = len(calls)
n_plain, n_cached'''),
(22, [], '''\
xw = torch.randn(2, 6, 3); wd.train()
with parametrize.cached(): torch.manual_seed(3); out_wd = wd(xw)[0]   # one forward call ...
torch.manual_seed(3); w_used = F.dropout(w0, 0.5)                   # ... used exactly this mask, at every step
ref = nn.LSTM(3, 4, batch_first=True); ref.load_state_dict({**{k: v for k, v in wd.state_dict().items() if \'parametrizations\' not in k}, \'weight_hh_l0\': w_used})
test_close(out_wd, ref(xw)[0], eps=1e-6)
wd.eval(); ref.load_state_dict({**{k: v for k, v in wd.state_dict().items() if \'parametrizations\' not in k}, \'weight_hh_l0\': w0}); test_close(wd(xw)[0], ref(xw)[0], eps=1e-6)
assert n_plain > 1 and n_cached == 1
test_fail(lambda: weight_drop(nn.Linear(2, 2), 0.5), contains="name: Linear has no weight \'weight_hh_l0\'")'''),
(24, [], '''\
class LayerNormLSTM(nn.Module):
    "A one-layer, batch-first LSTM with layer normalisation inside the cell (Ba et al. 2016); state `((1, B, H), (1, B, H))` as torch\'s"
    def __init__(self, input_size:int, # F
                 hidden_size:int,      # H
                 batch_first:bool=True): # must be True (the layout `CharLM` uses)
        super().__init__()
        if batch_first is not True: raise ValueError(f"batch_first: LayerNormLSTM is batch-first only, got {batch_first!r}")
        H = self.hidden_size = hidden_size
        self.weight_ih_l0, self.weight_hh_l0 = nn.Parameter(torch.empty(4*H, input_size)), nn.Parameter(torch.empty(4*H, H))
        self.bias_l0 = nn.Parameter(torch.zeros(4*H))
        self.ln_ih, self.ln_hh, self.ln_c = nn.LayerNorm(4*H), nn.LayerNorm(4*H), nn.LayerNorm(H)
        for w in (self.weight_ih_l0, self.weight_hh_l0): nn.init.uniform_(w, -H**-0.5, H**-0.5)

    def forward(self, x, hx=None):
        "`x` (B, T, F), `hx` None or (h0, c0) each (1, B, H) -> (output (B, T, H), (h_n, c_n))"
        if x.dim() != 3 or x.shape[-1] != self.weight_ih_l0.shape[1]: raise ValueError(f"input: expected (B, T, {self.weight_ih_l0.shape[1]}), got {tuple(x.shape)}")
        B, H = x.shape[0], self.hidden_size
        h, c = (x.new_zeros(B, H), x.new_zeros(B, H)) if hx is None else (hx[0][0], hx[1][0])
        W_hh, xs = self.weight_hh_l0, self.ln_ih(x @ self.weight_ih_l0.T) + self.bias_l0    # read W_hh once: one DropConnect mask per call
        out = []
        for x_t in xs.unbind(1):
            i, f, g, o = (x_t + self.ln_hh(h @ W_hh.T)).chunk(4, -1)
            c = f.sigmoid() * c + i.sigmoid() * g.tanh()
            h = o.sigmoid() * self.ln_c(c).tanh(); out.append(h)
        return torch.stack(out, 1), (h[None], c[None])'''),
(25, [], '''\
torch.manual_seed(0); lnl = LayerNormLSTM(3, 5); xl = torch.randn(2, 7, 3)
o_l, (h_l, c_l) = lnl(xl)
o_l.shape, h_l.shape, c_l.shape'''),
(27, [], '''\
with torch.no_grad():
    lnl3 = LayerNormLSTM(3, 5); lnl3.load_state_dict(lnl.state_dict()); lnl3.weight_hh_l0.mul_(3); lnl3.weight_ih_l0.mul_(3)
    pl = nn.LSTM(3, 5, batch_first=True); pl3 = nn.LSTM(3, 5, batch_first=True); pl3.load_state_dict(pl.state_dict()); pl3.weight_hh_l0.mul_(3); pl3.weight_ih_l0.mul_(3)
    print(f"LayerNormLSTM: max change {(lnl3(xl)[0] - o_l).abs().max():.1e};  nn.LSTM: max change {(pl3(xl)[0] - pl(xl)[0]).abs().max():.2f}")'''),
(28, [], '''\
test_close(lnl3(xl)[0], o_l, eps=2e-3); assert (pl3(xl)[0] - pl(xl)[0]).abs().max() > 100 * (lnl3(xl)[0] - o_l).abs().max()
assert torch.equal(o_l[:, -1], h_l[0]); test_eq(o_l.shape, (2, 7, 5))
o_a, s_a = lnl(xl[:, :3]); o_b, s_b = lnl(xl[:, 3:], s_a)       # the state carries: two halves = the whole
test_close(torch.cat([o_a, o_b], 1), o_l, eps=1e-6); test_close(s_b[1], c_l, eps=1e-6)
l64 = LayerNormLSTM(2, 3).double(); assert torch.autograd.gradcheck(lambda x: l64(x)[0], torch.randn(2, 4, 2, dtype=torch.float64, requires_grad=True))
test_fail(lambda: LayerNormLSTM(3, 5, batch_first=False), contains=\'batch_first: LayerNormLSTM is batch-first only, got False\')
test_fail(lambda: lnl(torch.randn(2, 7, 4)), contains=\'input: expected (B, T, 3), got (2, 7, 4)\')'''),
(29, [], '''\
class CharLM(nn.Module):
    "Character language model: embedding → `n_layers` recurrent layers → linear head; `forward(x, h=None) -> (logits, h)`"
    def __init__(self, vocab_size:int,    # V, size of the vocabulary
                 cell:str=\'lstm\',         # \'rnn\', \'gru\' or \'lstm\'
                 impl:str=\'torch\',        # \'torch\' or \'ours\'
                 emb_size:int=64,         # E, size of the character embedding
                 hidden_size:int=256,     # H, size of each layer\'s state
                 n_layers:int=1,          # L, stacked recurrent layers
                 p_emb:float=0.,          # dropout on the embeddings
                 p_hidden:float=0.,       # dropout between recurrent layers
                 p_out:float=0.,          # dropout on the last layer\'s output, before the head
                 locked:bool=False,       # one dropout mask per sequence, shared over time (variational)
                 tie:bool=False,          # tie the head\'s weight to the embedding (projects H → E first if H != E)
                 p_weight:float=0.,       # DropConnect on each layer\'s recurrent weight W_hh (AWD-LSTM)
                 layer_norm:bool=False):  # `LayerNormLSTM` layers (needs cell=\'lstm\'; `impl` is then ignored)
        super().__init__()
        for k, v in dict(vocab_size=vocab_size, emb_size=emb_size, hidden_size=hidden_size, n_layers=n_layers).items():
            if isinstance(v, bool) or not isinstance(v, int) or v < 1: raise ValueError(f"{k}: expected an int >= 1, got {v!r}")
        if layer_norm and cell != \'lstm\': raise ValueError(f"layer_norm: needs cell=\'lstm\', got cell={cell!r}")
        for k, v in dict(p_emb=p_emb, p_hidden=p_hidden, p_out=p_out, p_weight=p_weight).items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < 1: raise ValueError(f"{k}: expected a probability in [0, 1), got {v!r}")
        self.hparams = dict(vocab_size=vocab_size, cell=cell, impl=impl, emb_size=emb_size, hidden_size=hidden_size, n_layers=n_layers,
                            p_emb=float(p_emb), p_hidden=float(p_hidden), p_out=float(p_out), locked=bool(locked), tie=bool(tie), p_weight=float(p_weight), layer_norm=bool(layer_norm))
        self.emb = nn.Embedding(vocab_size, emb_size)
        core = lambda n_in: LayerNormLSTM(n_in, hidden_size) if layer_norm else make_core(cell, impl, n_in, hidden_size)
        self.layers = nn.ModuleList(core(emb_size if l == 0 else hidden_size) for l in range(n_layers))
        for c in self.layers if p_weight else []: weight_drop(c, p_weight)
        self.drop_emb, self.drop_hid, self.drop_out = _drop(p_emb, locked), _drop(p_hidden, locked), _drop(p_out, locked)
        self.proj = nn.Linear(hidden_size, emb_size) if tie and hidden_size != emb_size else nn.Identity()
        self.head = nn.Linear(emb_size if tie else hidden_size, vocab_size)
        if tie: self.head.weight = self.emb.weight'''),
(30, [], '''\
def _layer_state(h, l): return None if h is None else _smap(lambda v: v[l:l+1], h)

@patch
def forward(self:CharLM, x, h=None):
    "`x` (B, T) ids, `h` the state as torch\'s layers keep it ((L, B, H), or (h, c) for an LSTM); logits (B, T, V)"
    a, hs = self.drop_emb(self.emb(x)), []
    with parametrize.cached():                     # DropConnect (`p_weight`): one mask per weight per call
        for l, core in enumerate(self.layers):
            a, h_l = core(a, _layer_state(h, l)); hs.append(h_l)
            if l < len(self.layers) - 1: a = self.drop_hid(a)
    return self.head(self.proj(self.drop_out(a))), _sjoin(lambda vs: torch.cat(vs), hs)'''),
(32, [], '''\
torch.manual_seed(0)
m = CharLM(V, \'lstm\', emb_size=16, hidden_size=32, n_layers=2)
x = torch.randint(4, V, (3, 10))
logits, (h, c) = m(x)
logits.shape, h.shape, c.shape'''),
(33, [], '''\
test_eq(logits.shape, (3, 10, V)); test_eq(h.shape, (2, 3, 32))
# the state carries: two halves with the state handed over = the whole sequence at once
l1, s = m(x[:, :4]); l2, s2 = m(x[:, 4:], s)
test_close(torch.cat([l1, l2], 1), logits, eps=1e-5); test_close(s2[0], h, eps=1e-5)
for cell in CELLS:
    for tie, H in [(True, 16), (True, 32), (False, 32)]:
        mm = CharLM(V, cell, emb_size=16, hidden_size=H, tie=tie, p_emb=.1, p_out=.1, p_hidden=.1, locked=True, n_layers=2)
        out, st = mm(x); test_eq(out.shape, (3, 10, V))
        test_eq(mm.head.weight is mm.emb.weight, tie); test_eq(isinstance(mm.proj, nn.Linear), tie and H != 16)
        out.sum().backward(); assert mm.emb.weight.grad is not None
test_fail(lambda: CharLM(V, hidden_size=0), contains=\'hidden_size: expected an int >= 1, got 0\')
test_fail(lambda: CharLM(V, p_out=1.0), contains=\'p_out: expected a probability in [0, 1), got 1.0\')
test_fail(lambda: CharLM(V, cell=\'lstn\'), contains="cell: expected one of rnn, gru, lstm")
test_fail(lambda: CharLM(V, cell=\'gru\', layer_norm=True), contains="layer_norm: needs cell=\'lstm\', got cell=\'gru\'")
test_fail(lambda: CharLM(V, p_weight=-0.1), contains=\'p_weight: expected a probability in [0, 1), got -0.1\')
mln = CharLM(V, \'lstm\', emb_size=16, hidden_size=32, n_layers=2, layer_norm=True, p_weight=0.3).eval()
l_all, s_all = mln(x); l1, s = mln(x[:, :4]); l2, s2 = mln(x[:, 4:], s)             # layer norm + DropConnect: the state still carries
test_close(torch.cat([l1, l2], 1), l_all, eps=1e-5); test_eq(s_all[0].shape, (2, 3, 32)); assert all(isinstance(c, LayerNormLSTM) for c in mln.layers)
for impl in IMPLS:                                                                     # one DropConnect mask per layer per forward call
    mw = CharLM(V, \'lstm\', impl, emb_size=16, hidden_size=32, n_layers=2, p_weight=0.5).train(); calls = []
    for c in mw.layers: c.parametrizations.weight_hh_l0[0].register_forward_hook(lambda *a: calls.append(1))
    mw(x); test_eq(len(calls), 2)'''),
(35, [], '''\
@torch.no_grad()
def evaluate(model:nn.Module, # a character LM
             ids,             # 1-D token ids of the held-out text
             bs:int=64,       # rows read in parallel (the text is cut into `bs` contiguous rows)
             seq_len:int=128  # steps per forward pass; the state is carried between passes
            )->dict:
    "Loss in nats per character over `ids`, read statefully, and the same as bits per character and perplexity"
    was_training = model.training; model.eval()
    dev, h, tot, n = next(model.parameters()).device, None, 0., 0
    try:
        for x, y in LMStream(ids, bs, seq_len):
            logits, h = model(x.to(dev), h)
            tot += F.cross_entropy(logits.flatten(0, 1), y.to(dev).flatten(), reduction=\'sum\').item(); n += y.numel()
    finally: model.train(was_training)
    loss = tot / n
    return dict(loss=loss, bpc=loss / math.log(2), perplexity=math.exp(loss), n_chars=n)'''),
(36, [], '''\
torch.manual_seed(0)
r0 = evaluate(CharLM(V), valid_ids[:20_000])
print(f"untrained LSTM: {r0[\'loss\']:.3f} nats/char = {r0[\'bpc\']:.2f} bits/char, perplexity {r0[\'perplexity\']:.1f} (uniform: {math.log(V):.3f}, {math.log2(V):.2f}, {V})")'''),
(37, [], '''\
assert abs(r0[\'loss\'] - math.log(V)) < 0.1
test_close(r0[\'bpc\'], r0[\'loss\'] / math.log(2)); test_close(math.log(r0[\'perplexity\']), r0[\'loss\'])
test_eq(r0[\'n_chars\'], (20_000 // 64 - 1) * 64)'''),
(39, [], '''\
class Resume:
    "Batches of `dl`, picking up where the previous iteration stopped (a new pass, with `set_epoch`, when `dl` runs out)"
    def __init__(self, dl): self.dl, self.n_pass, self.it = dl, 0, iter(dl)
    def __iter__(self):
        while True:
            try: b = next(self.it)
            except StopIteration:
                self.n_pass += 1
                if hasattr(self.dl, \'set_epoch\'): self.dl.set_epoch(self.n_pass)
                self.it = iter(self.dl); b = next(self.it)
            yield b

class CarryTBPTT(TBPTT):
    "`TBPTT` that also carries the training state from one (sub-)epoch to the next, for a `Resume`d stream"
    def before_fit(self, learn): self.h = None
    def before_train(self, learn): learn.h = self.h
    def after_train(self, learn): self.h = learn.h'''),
(40, [], '''\
r = Resume([1, 2, 3])
[b for _, b in zip(range(2), r)], [b for _, b in zip(range(3), r)], r.n_pass'''),
(41, [], '''\
test_eq([b for _, b in zip(range(4), r)], [3, 1, 2, 3]); test_eq(r.n_pass, 2)
lw = LMWindows(train_ids[:1000], 2, 8, n_batches=2, seed=0); rw = Resume(lw)
first = [b[0] for _, b in zip(range(4), rw)]; test_eq(lw.epoch, 1); assert not torch.equal(first[0], first[2])'''),
(42, [], '''\
class BudgetSchedule(Callback):
    "Train for `seconds` of training time (validation not counted), lr warm-up then cosine decay by the fraction spent; validate `n_reports` times"
    order = 80
    def __init__(self, seconds:float, # training time budget
                 lr_max:float,        # peak learning rate
                 n_reports:int=6,     # end an epoch (so validate and report) this many times
                 warmup:float=0.03,   # fraction of the budget spent raising the lr from lr_max/10
                 final:float=0.05):   # last lr, as a fraction of lr_max
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
            raise ValueError(f"seconds: expected a positive number, got {seconds!r}")
        self.seconds, self.lr_max, self.n_reports, self.warmup, self.final = seconds, lr_max, n_reports, warmup, final
    def lr_at(self, f):
        "Learning rate when the fraction `f` of the budget is spent"
        if f < self.warmup: return self.lr_max * (0.1 + 0.9 * f / self.warmup)
        c = (1 + math.cos(math.pi * min(1., (f - self.warmup) / (1 - self.warmup)))) / 2
        return self.lr_max * (self.final + (1 - self.final) * c)
    def _set(self, learn):
        for g in learn.opt.param_groups: g[\'lr\'] = self.lr_at(self.spent / self.seconds)
    def before_fit(self, learn): self.spent, self.done, self.next = 0., False, self.seconds / self.n_reports; self._set(learn)
    def before_batch(self, learn): self.t0 = time.perf_counter()
    def after_batch(self, learn):
        if not learn.training: return
        self.spent += time.perf_counter() - self.t0; self._set(learn)
        if self.spent >= self.seconds: self.done = True; raise CancelTrainException()
        if self.spent >= self.next: self.next += self.seconds / self.n_reports; raise CancelTrainException()
    def after_epoch(self, learn):
        if self.done: raise CancelFitException()'''),
(43, [], '''\
bsch = BudgetSchedule(60, 4e-3)
fig, ax = plt.subplots(figsize=(6, 2.8)); fs = torch.linspace(0, 1, 200)
ax.plot(fs * 60, [bsch.lr_at(float(f)) for f in fs]); ax.grid(alpha=.3)
ax.set(xlabel=\'training time spent (s)\', ylabel=\'learning rate\', title=\'BudgetSchedule(60 s, lr_max=4e-3)\');'''),
(44, [], '''\
test_close(bsch.lr_at(0), 4e-4); test_close(bsch.lr_at(0.03), 4e-3); test_close(bsch.lr_at(1), 4e-3 * 0.05)
assert all(bsch.lr_at(a) >= bsch.lr_at(b) for a, b in [(0.1, 0.5), (0.5, 0.9)])
test_fail(lambda: BudgetSchedule(0, 1e-3), contains=\'seconds: expected a positive number, got 0\')
test_fail(lambda: BudgetSchedule(-5, 1e-3), contains=\'seconds: expected a positive number, got -5\')'''),
(45, [], '''\
def train_lm(cell:str=\'lstm\',       # \'rnn\', \'gru\' or \'lstm\'
             impl:str=\'torch\',      # \'torch\' or \'ours\'
             seconds:float=60.,     # training time budget (validation not counted)
             hidden_size:int=256,   # H
             n_layers:int=1,        # L
             emb_size:int=64,       # E
             bs:int=32,             # rows of the stream (or windows per batch)
             seq_len:int=64,        # steps per batch: the truncation length of BPTT
             lr:float=4e-3,         # peak learning rate (Adam)
             stateful:bool=True,    # carry the state across batches (TBPTT); False: random windows from a zero state
             seed:int=0,            # seed of the weights (and windows)
             n_reports:int=6,       # validations during training (on the first `valid_chars` of the valid plays)
             valid_chars:int=20_000,# size of that quick validation text
             progress:bool=True,    # show progress (a bar in Jupyter, a line per report elsewhere)
             train_chars:int|None=None, # train on only the first `train_chars` characters (None: all)
             **kw):                 # more `CharLM` arguments: p_emb, p_hidden, p_out, locked, tie, p_weight, layer_norm
    "Train a `CharLM` on the training plays for `seconds`; the `Learner` (its model, its recorder) and the vocabulary"
    vocab, tr = lm_data(\'train\'); va = lm_data(\'valid\')[1][:valid_chars]; tr = tr[:train_chars]
    torch.manual_seed(seed)
    model = CharLM(len(vocab), cell, impl, emb_size, hidden_size, n_layers, **kw)
    train = Resume(LMStream(tr, bs, seq_len) if stateful else LMWindows(tr, bs, seq_len, n_batches=len(tr) // (bs * seq_len), seed=seed))
    budget = BudgetSchedule(seconds, lr, n_reports)
    cbs = ([CarryTBPTT()] if stateful else []) + [GradClip(1.0), budget] + ([ProgressCB(plot=False)] if progress else [])
    learn = Learner(model, DataLoaders(train, LMStream(va, 16, 256)), cross_entropy_flat, lr=lr, cbs=cbs, metrics=[Perplexity()])
    learn.fit(n_reports + 1)
    return learn, vocab'''),
(47, [], '''\
learn, vocab = train_lm(\'lstm\', seconds=8, hidden_size=128, n_reports=4, seed=0)
r_short = evaluate(learn.model, valid_ids)
print(f"after {len(learn.recorder.losses)} steps: validation {r_short[\'loss\']:.3f} nats/char, {r_short[\'bpc\']:.2f} bpc, perplexity {r_short[\'perplexity\']:.1f}")'''),
(48, [], '''\
assert r_short[\'loss\'] < math.log(V), r_short                # below the uniform model (how far depends on the machine\'s speed)
assert learn.recorder.losses[-1] < learn.recorder.losses[0]
assert 1 <= len(learn.recorder.log) <= 4      # one row per report (fewer if one batch outlasts a slice)'''),
(49, [], '''\
def plot_history(learn, ax=None, title=\'Character LM: loss while training\'):
    "Training loss (running mean over batches) and quick validation loss against training batches, in nats/char"
    import matplotlib.pyplot as plt
    ax = learn.plot_loss(ax=ax, title=title)
    ax.set(ylabel=\'cross-entropy (nats/char)\')
    return ax

def _save_png(fig, path):
    buf = io.BytesIO(); fig.savefig(buf, format=\'png\', dpi=100, bbox_inches=\'tight\'); write_atomic(path, buf.getvalue())'''),
(50, [], '''\
plot_history(learn, title=f\'LSTM H=128, 8 s: training and quick-validation loss\');'''),
(52, [], '''\
def _check_prob(v, name, lo_open=True):
    if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 1):
        raise ValueError(f"{name}: expected a number in (0, 1], got {v!r}")

def sample_next(logits,            # (V,) logits of the next character
                temperature=1.0,   # divide the logits by this; 0 means greedy (argmax)
                top_k=None,        # keep only the `top_k` most likely characters
                top_p=None,        # keep the smallest set of most likely characters whose probability reaches `top_p` (nucleus)
                generator=None):   # torch.Generator for reproducible draws
    "Draw one id from `logits` with temperature, top-k and top-p (nucleus) filtering"
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or temperature < 0:
        raise ValueError(f"temperature: expected a number >= 0, got {temperature!r}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1):
        raise ValueError(f"top_k: expected an int >= 1 or None, got {top_k!r}")
    _check_prob(top_p, \'top_p\')
    if temperature == 0 or top_k == 1: return int(logits.argmax())
    logits = logits.float() / temperature
    if top_k is not None and top_k < len(logits):
        logits = logits.masked_fill(logits < logits.topk(top_k).values[-1], -math.inf)
    if top_p is not None and top_p < 1:
        p, idx = logits.softmax(-1).sort(descending=True)
        drop = (p.cumsum(-1) - p) >= top_p                 # those reached only after the mass is already >= top_p
        logits = logits.clone(); logits[idx[drop]] = -math.inf
    return int(torch.multinomial(logits.softmax(-1).cpu(), 1, generator=generator))'''),
(53, [], '''\
z = torch.tensor([2., 1., 0., -1.])
g = torch.Generator().manual_seed(0)
[sample_next(z, 0)], [sample_next(z, 1.0, top_k=2, generator=g) for _ in range(8)], [sample_next(z, 1.0, top_p=0.5, generator=g) for _ in range(8)]'''),
(54, [], '''\
test_eq(sample_next(z, 0.7, top_k=1), 0)
test_eq({sample_next(z, 5., top_k=2, generator=g) for _ in range(200)}, {0, 1})
test_eq({sample_next(z, 1., top_p=0.5, generator=g) for _ in range(200)}, {0})          # p(0) = 0.64 >= 0.5 alone
test_eq({sample_next(z, 1., top_p=0.7, generator=g) for _ in range(300)}, {0, 1})
test_eq({sample_next(z, 1., generator=g) for _ in range(500)}, {0, 1, 2, 3})
test_fail(lambda: sample_next(z, -1), contains=\'temperature: expected a number >= 0, got -1\')
test_fail(lambda: sample_next(z, 1, top_k=0), contains=\'top_k: expected an int >= 1 or None, got 0\')
test_fail(lambda: sample_next(z, 1, top_p=1.5), contains=\'top_p: expected a number in (0, 1], got 1.5\')'''),
(55, [], '''\
def encode_prompt(vocab:Vocab, # the model\'s vocabulary
                  prompt:str   # text made of characters the model knows
                 )->list:
    "Ids of `prompt`; `ValueError` listing any character outside `vocab`"
    if not isinstance(prompt, str): raise TypeError(f"prompt: expected a str, got {type(prompt).__name__}")
    if not prompt: raise ValueError("prompt: expected at least one character, got \'\'")
    bad = sorted({c for c in prompt if c not in vocab or c in vocab.specials})
    if bad: raise ValueError(f"prompt: characters {bad} are not in the model\'s vocabulary of {len(vocab) - len(vocab.specials)} characters")
    return vocab.encode(tokenize_chars(prompt))

@torch.no_grad()
def generate(model:nn.Module,   # follows forward(x, h=None) -> (logits, h)
             vocab:Vocab,       # maps characters to the model\'s ids
             prompt:str,        # text to continue
             n:int,             # characters to generate
             temperature:float=1.0, # 0: greedy; < 1 sharper; > 1 flatter
             top_k:int|None=None,   # sample among the k most likely characters only
             top_p:float|None=None, # sample in the nucleus of probability top_p
             seed:int|None=None     # seed of the draws (None: torch\'s global generator)
            )->str:
    "The `n` characters that follow `prompt`, sampled one at a time with the hidden state carried"
    ids = encode_prompt(vocab, prompt)
    if isinstance(n, bool) or not isinstance(n, int) or n < 0: raise ValueError(f"n: expected an int >= 0, got {n!r}")
    was_training, dev = model.training, next(model.parameters()).device
    model.eval()
    g = None if seed is None else torch.Generator().manual_seed(seed)
    try:
        logits, h = model(torch.tensor([ids], device=dev))       # the prompt, once: (1, T, V)
        out = []
        for _ in range(n):
            last = logits[0, -1].clone(); last[[vocab.stoi[s] for s in vocab.specials]] = -math.inf   # never emit <pad>, <unk>...
            out.append(sample_next(last, temperature, top_k, top_p, g))
            logits, h = model(torch.tensor([[out[-1]]], device=dev), h)   # one step from the carried state
    finally: model.train(was_training)
    return \'\'.join(vocab.decode(out))'''),
(56, [], '''\
m = learn.model; prompt = \'MACBETH:\\n\'
for name, kw in [(\'greedy\', dict(temperature=0)), (\'temperature 0.7\', dict(temperature=0.7)), (\'temperature 1.0\', dict()),
                 (\'top-k 5\', dict(top_k=5)), (\'top-p 0.8\', dict(top_p=0.8))]:
    print(f"--- {name}\\n{prompt}{generate(m, vocab, prompt, 120, seed=0, **kw)}")'''),
(57, [], '''\
# carrying the state = recomputing from the whole prefix (logits equal)
torch.manual_seed(0); mm = CharLM(V, \'gru\', hidden_size=32).eval()
ids = torch.tensor([encode_prompt(vocab, \'To be, or not\')])
with torch.no_grad():
    full, _ = mm(ids); z, h = mm(ids[:, :3]); steps = [z[0, -1]]
    for t in range(3, ids.shape[1]): z, h = mm(ids[:, t:t+1], h); steps.append(z[0, -1])
test_close(torch.stack(steps), full[0, 2:], eps=1e-5)
gen = generate(m, vocab, prompt, 60, temperature=0)
test_eq(generate(m, vocab, prompt, 60, top_k=1, seed=3), gen)                     # top_k=1 is greedy
test_eq(generate(m, vocab, prompt, 60, seed=5), generate(m, vocab, prompt, 60, seed=5))   # a seed reproduces
assert generate(m, vocab, prompt, 60, seed=5) != generate(m, vocab, prompt, 60, seed=6)
# greedy, continued by hand with argmax over the full prefix each time
with torch.no_grad():
    s = prompt
    for _ in range(20):
        zz = m(torch.tensor([vocab.encode(list(s))]))[0][0, -1]; zz[:4] = -math.inf; s += vocab.itos[int(zz.argmax())]
test_eq(s[len(prompt):], gen[:20])
m.train(); test_eq(generate(m, vocab, prompt, 0), \'\'); test_eq(m.training, True); m.eval()   # generate restores the mode
test_fail(lambda: generate(m, vocab, \'MACBETH: 你好\', 5), contains="prompt: characters [\'你\', \'好\'] are not in the model\'s vocabulary")
test_fail(lambda: generate(m, vocab, \'\', 5), contains="prompt: expected at least one character, got \'\'")
test_fail(lambda: generate(m, vocab, \'a\', -1), contains=\'n: expected an int >= 0, got -1\')'''),
(59, [], '''\
import ipywidgets as widgets
def resample(temperature=0.8, top_k=0):
    print(prompt + generate(m, vocab, prompt, 200, temperature, top_k or None, seed=0))
widgets.interact(resample, temperature=widgets.FloatSlider(value=0.8, min=0, max=2, step=0.1), top_k=widgets.IntSlider(value=0, min=0, max=20));'''),
(61, [], '''\
_FORMAT = \'rnnbook.lm/1\'

def save_lm(model:CharLM, # the model to save
            vocab:Vocab,  # its vocabulary
            path,         # file to write, atomically
            **extra):     # more to store: results, history (tensors, numbers, strings, lists, dicts)
    "Save weights, hyper-parameters and vocabulary in one file readable with `torch.load(..., weights_only=True)`"
    buf = io.BytesIO()
    torch.save(dict(format=_FORMAT, hparams=model.hparams, model=model.state_dict(), itos=list(vocab.itos),
                    specials=list(vocab.specials), extra=extra), buf)
    return write_atomic(path, buf.getvalue())

def load_lm(path,                 # a file written by `save_lm` (or `rnnbook train`)
            map_location=\'cpu\'    # device to load the weights on
           )->tuple:
    "The `(model, vocab)` saved in `path`, model in eval mode"
    path = Path(path)
    if not path.is_file(): raise FileNotFoundError(f"checkpoint: no such file {str(path)!r}")
    try: st = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as e: raise ValueError(f"checkpoint: cannot read {str(path)!r} (truncated or corrupt file?): {type(e).__name__}") from None
    if not isinstance(st, dict) or st.get(\'format\') != _FORMAT:
        raise ValueError(f"checkpoint: {str(path)!r} is not an rnnbook language model (expected format {_FORMAT!r})")
    model = CharLM(**st[\'hparams\']); model.load_state_dict(st[\'model\'])
    return model.to(map_location).eval(), Vocab.from_itos(st[\'itos\'], st[\'specials\'])'''),
(62, [], '''\
tmp = Path(tempfile.mkdtemp())
save_lm(learn.model, vocab, tmp/\'lm.pt\', val=r_short)
m2, v2 = load_lm(tmp/\'lm.pt\')
sorted(torch.load(tmp/\'lm.pt\', weights_only=True)), m2.hparams[\'cell\'], v2 == vocab'''),
(63, [], '''\
xx = torch.tensor([vocab.encode(list(\'KING LEAR:\'))]); learn.model.eval()
test_eq(m2(xx)[0].detach(), learn.model(xx)[0].detach()); test_eq(generate(m2, v2, \'A\', 30, seed=1), generate(learn.model, vocab, \'A\', 30, seed=1))
test_fail(lambda: load_lm(tmp/\'missing.pt\'), exc=FileNotFoundError)
(tmp/\'bad.pt\').write_bytes((tmp/\'lm.pt\').read_bytes()[:1000]); test_fail(lambda: load_lm(tmp/\'bad.pt\'), contains=\'cannot read\')
torch.save({\'w\': torch.ones(1)}, tmp/\'other.pt\'); test_fail(lambda: load_lm(tmp/\'other.pt\'), contains=\'is not an rnnbook language model\')
test_eq([p.name for p in tmp.iterdir() if p.suffix == \'.tmp\'], [])'''),
(65, [], '''\
def compare(cells, seconds, H, **kw):
    "Train each of `cells` for `seconds`; validation results on the full held-out plays, and a sample"
    res = {}
    for c in cells:
        l, _ = train_lm(c, seconds=seconds, hidden_size=H, n_reports=2, progress=False, seed=0, **kw)
        res[c] = dict(evaluate(l.model, valid_ids), steps=len(l.recorder.losses), sample=generate(l.model, vocab, \'BRUTUS:\\n\', 80, 0.7, seed=0))
    for c, r in res.items(): print(f"{c:>5}: {r[\'steps\']:4d} steps, valid {r[\'loss\']:.3f} nats/char, {r[\'bpc\']:.2f} bpc, ppl {r[\'perplexity\']:5.1f} | {r[\'sample\'][:60]!r}")
    return res
short = compare(CELLS, 4, 128)'''),
(66, [], '''\
for c, r in short.items(): assert r[\'steps\'] > 0 and r[\'loss\'] < math.log(V) + 0.05, (c, r[\'steps\'], r[\'loss\'])   # how far it gets depends on the machine\'s speed'''),
(68, ['slow'], '''\
full = compare(CELLS, 30, 256)'''),
(70, ['slow'], '''\
def reg_run(seconds=30, **kw):
    l, _ = train_lm(\'lstm\', seconds=seconds, hidden_size=256, n_reports=2, progress=False, seed=0, **kw)
    return dict(valid=evaluate(l.model, valid_ids)[\'loss\'], train=l.recorder.log[-1][\'train_loss\'], steps=len(l.recorder.losses))
regs = {\'none\': dict(valid=full[\'lstm\'][\'loss\'], train=float(\'nan\'), steps=full[\'lstm\'][\'steps\']),
        \'dropout 0.2 (emb, out)\': reg_run(p_emb=.2, p_out=.2),
        \'locked 0.2 (emb, out)\': reg_run(p_emb=.2, p_out=.2, locked=True),
        \'DropConnect 0.3 (W_hh)\': reg_run(p_weight=.3),
        \'layer norm\': reg_run(layer_norm=True)}
for k, r in regs.items(): print(f"{k:>24}: {r[\'steps\']:5d} steps, valid {r[\'valid\']:.3f} nats/char")'''),
(72, ['slow'], '''\
small = {\'none\': reg_run(20, train_chars=50_000), \'locked 0.3 (emb, out)\': reg_run(20, train_chars=50_000, p_emb=.3, p_out=.3, locked=True),
         \'locked 0.3 + DropConnect 0.3\': reg_run(20, train_chars=50_000, p_emb=.3, p_out=.3, locked=True, p_weight=.3)}
for k, r in small.items(): print(f"{k:>30}: {r[\'steps\']:5d} steps, train {r[\'train\']:.3f}, valid {r[\'valid\']:.3f} nats/char")'''),
(74, [], '''\
class _Parser(argparse.ArgumentParser):
    def error(self, message): print(f"rnnbook: error: {message}", file=sys.stderr); sys.exit(2)

def _positive(cast, name):
    def f(s):
        try: v = cast(s)
        except ValueError: raise argparse.ArgumentTypeError(f"expected a number, got {s!r}") from None
        if not v > 0 or v != v: raise argparse.ArgumentTypeError(f"expected a positive number, got {s!r}")
        return v
    f.__name__ = name; return f

def _parser():
    p = _Parser(prog=\'rnnbook\', description=\'Train and sample character language models on Shakespeare (rnnbook)\')
    sub = p.add_subparsers(dest=\'cmd\', required=True)
    t = sub.add_parser(\'train\', help=\'train on the bundled plays for a time budget\')
    t.add_argument(\'--model\', choices=CELLS, default=\'lstm\', help=\'recurrent core (default lstm)\')
    t.add_argument(\'--impl\', choices=IMPLS, default=\'torch\', help="torch\'s layers or ours (default torch)")
    t.add_argument(\'--hidden\', type=_positive(int, \'int\'), default=256, help=\'hidden size H (default 256)\')
    t.add_argument(\'--layers\', type=_positive(int, \'int\'), default=1, help=\'recurrent layers (default 1)\')
    t.add_argument(\'--seconds\', type=_positive(float, \'float\'), default=60., help=\'training time budget (default 60)\')
    t.add_argument(\'--out\', default=\'rnnbook-run\', help=\'folder for model.pt and loss.png (default ./rnnbook-run)\')
    t.add_argument(\'--seed\', type=int, default=0, help=\'random seed (default 0)\')
    t.add_argument(\'--bs\', type=_positive(int, \'int\'), default=32, help=\'batch size (default 32)\')
    t.add_argument(\'--seq-len\', type=_positive(int, \'int\'), default=64, help=\'BPTT length (default 64)\')
    t.add_argument(\'--lr\', type=_positive(float, \'float\'), default=4e-3, help=\'peak learning rate (default 4e-3)\')
    s = sub.add_parser(\'sample\', help=\'generate text from a trained checkpoint\')
    s.add_argument(\'--checkpoint\', required=True, help=\'a model.pt written by rnnbook train\')
    s.add_argument(\'--prompt\', default=\'ROMEO:\\n\', help=\'text to continue\')
    s.add_argument(\'-n\', type=int, default=500, help=\'characters to generate (default 500)\')
    s.add_argument(\'--temperature\', type=float, default=0.8, help=\'sampling temperature; 0 is greedy (default 0.8)\')
    s.add_argument(\'--top-k\', type=int, default=None, help=\'sample among the k most likely characters\')
    s.add_argument(\'--top-p\', type=float, default=None, help=\'nucleus sampling with this probability mass\')
    s.add_argument(\'--seed\', type=int, default=None, help=\'seed for reproducible samples\')
    return p'''),
(75, [], '''\
def _train_cmd(a):
    out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    print(f"training a {a.model} ({a.impl}) H={a.hidden} L={a.layers} for {a.seconds:g}s on {torch.get_num_threads()} threads")
    learn, vocab = train_lm(a.model, a.impl, a.seconds, a.hidden, a.layers, bs=a.bs, seq_len=a.seq_len, lr=a.lr, seed=a.seed)
    _, va = lm_data(\'valid\')
    r = evaluate(learn.model, va)
    steps = len(learn.recorder.losses)
    save_lm(learn.model, vocab, out/\'model.pt\', val=r, steps=steps, seconds=a.seconds, seed=a.seed,
            train_losses=learn.recorder.losses, log=learn.recorder.log)
    import matplotlib; matplotlib.use(\'Agg\'); import matplotlib.pyplot as plt
    ax = plot_history(learn, title=f\'{a.model} H={a.hidden}: {steps} steps in {a.seconds:g}s; valid {r["loss"]:.3f} nats/char\')
    _save_png(ax.figure, out/\'loss.png\'); plt.close(ax.figure)
    print(f"wrote {out/\'model.pt\'} and {out/\'loss.png\'}")
    print(f"val_loss={r[\'loss\']:.4f} nats/char  bpc={r[\'bpc\']:.3f}  perplexity={r[\'perplexity\']:.2f}  "
          f"({r[\'n_chars\']} characters of the validation plays, {steps} training steps)")

def _sample_cmd(a):
    model, vocab = load_lm(a.checkpoint)
    print(a.prompt + generate(model, vocab, a.prompt, a.n, a.temperature, a.top_k, a.top_p, a.seed))

def main(argv=None # arguments (default: sys.argv[1:])
        ):
    "The `rnnbook` command: `rnnbook train ...` or `rnnbook sample --checkpoint PATH ...`"
    a = _parser().parse_args(argv)
    try: (_train_cmd if a.cmd == \'train\' else _sample_cmd)(a)
    except (ValueError, TypeError, FileNotFoundError, OSError) as e:
        print(f"rnnbook: error: {e}", file=sys.stderr); sys.exit(1)
    except KeyboardInterrupt: print("rnnbook: interrupted", file=sys.stderr); sys.exit(130)

if __name__ == \'__main__\' and Path(sys.argv[0]).name == \'lm.py\': main()   # python -m rnnbook.lm; not when a notebook runs this cell'''),
(76, [], '''\
run_dir = tmp/\'run\'
main([\'train\', \'--seconds\', \'3\', \'--hidden\', \'64\', \'--out\', str(run_dir)])'''),
(77, [], '''\
main([\'sample\', \'--checkpoint\', str(run_dir/\'model.pt\'), \'--prompt\', \'JULIET:\\n\', \'-n\', \'100\', \'--seed\', \'0\'])'''),
(78, [], '''\
st = torch.load(run_dir/\'model.pt\', weights_only=True); test_eq(st[\'hparams\'][\'hidden_size\'], 64); assert (run_dir/\'loss.png\').stat().st_size > 1000
def run_main(*args):
    "Exit code and stderr of `main(args)`"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try: main(list(args)); code = 0
        except SystemExit as e: code = e.code
    return code, err.getvalue()
for args, msg in [((\'train\', \'--model\', \'transformer\'), "invalid choice: \'transformer\'"),
                  ((\'train\', \'--seconds\', \'0\'), "--seconds: expected a positive number, got \'0\'"),
                  ((\'train\', \'--seconds\', \'-3\'), "expected a positive number, got \'-3\'"),
                  ((\'train\', \'--seconds\', \'abc\'), "expected a number, got \'abc\'"),
                  ((\'sample\', \'--checkpoint\', str(tmp/\'missing.pt\')), \'no such file\'),
                  ((\'sample\', \'--checkpoint\', str(tmp/\'bad.pt\')), \'cannot read\'),
                  ((\'sample\', \'--checkpoint\', str(tmp/\'other.pt\')), \'is not an rnnbook language model\'),
                  ((\'sample\', \'--checkpoint\', str(run_dir/\'model.pt\'), \'--prompt\', \'Ω\'), "prompt: characters [\'Ω\'] are not in"),
                  ((\'sample\', \'--checkpoint\', str(run_dir/\'model.pt\'), \'--top-k\', \'0\'), \'top_k: expected an int >= 1\'),
                  ((\'sample\',), \'the following arguments are required: --checkpoint\'), ((), \'required\')]:
    code, err = run_main(*args)
    assert code != 0 and msg in err and err.count(\'\\n\') == 1 and \'Traceback\' not in err, (args, code, err)'''),
(80, [], '''\
p = subprocess.run([sys.executable, \'-m\', \'rnnbook.lm\', \'sample\', \'--checkpoint\', str(tmp/\'bad.pt\')], capture_output=True, text=True)
p.returncode, p.stderr'''),
(81, [], '''\
assert p.returncode == 1 and p.stderr.startswith(\'rnnbook: error: checkpoint: cannot read\') and \'Traceback\' not in p.stderr'''),
(83, [], '''\
l = 1.5; bpc = l / math.log(2); ppl = math.exp(l)
print(f"{bpc:.3f} bits/char, perplexity {ppl:.2f}; {bpc * 205_184 / 8 / 1024:.0f} KiB instead of {205_184 / 1024:.0f} KiB")
assert abs(bpc - 2.164) < 1e-3 and abs(ppl - 4.48) < 0.01'''),
(85, [], '''\
counts = torch.bincount(train_ids, minlength=V).float() + 1      # add-one, so no validation character has probability 0
logp = (counts / counts.sum()).log()
unigram = -logp[valid_ids].mean().item()
print(f"unigram: {unigram:.3f} nats/char (uniform {math.log(V):.3f}); the 8 s LSTM above: {r_short[\'loss\']:.3f}")
assert unigram < math.log(V) - 0.8'''),
(87, [], '''\
a, b = generate(m, vocab, \'LEAR:\\n\', 80, top_p=1.0, seed=4), generate(m, vocab, \'LEAR:\\n\', 80, seed=4)
c, d = generate(m, vocab, \'LEAR:\\n\', 80, top_p=1e-6, seed=4), generate(m, vocab, \'LEAR:\\n\', 80, temperature=0)
print(a == b, c == d); assert a == b and c == d'''),
(89, [], '''\
r16 = evaluate(train_lm(\'lstm\', seconds=4, hidden_size=128, seq_len=16, progress=False)[0].model, valid_ids[:50_000])[\'loss\']
r64 = evaluate(train_lm(\'lstm\', seconds=4, hidden_size=128, seq_len=64, progress=False)[0].model, valid_ids[:50_000])[\'loss\']
print(f"seq_len 16: {r16:.3f}, seq_len 64: {r64:.3f} nats/char")
assert max(r16, r64) < math.log(V)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/09_lm.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_lm(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c005_def_lm_data_split_train(): nb.run(5)
def test_c006_vocab_train_ids_lm_data_train_valid_ids(): nb.run(6)
def test_c007_test_eq_v_len_vocab_itos_assert_vocab_un(): nb.run(7)
def test_c009_cells_rnn_gru_lstm(): nb.run(9)
def test_c010_type_make_core_c_torch_8_16___name___for(): nb.run(10)
def test_c011_test_fail_lambda_make_core_transformer_c(): nb.run(11)
def test_c013_class_lockeddropout_nn_module(): nb.run(13)
def test_c014_torch_manual_seed_0(): nb.run(14)
def test_c015_test_eq_y_1_y_all_true_one_mask_per_sequ(): nb.run(15)
def test_c017_class_weightdrop_nn_module(): nb.run(17)
def test_c018_torch_manual_seed_0(): nb.run(18)
def test_c020_calls(): nb.run(20)
def test_c022_xw_torch_randn_2_6_3_wd_train(): nb.run(22)
def test_c024_class_layernormlstm_nn_module(): nb.run(24)
def test_c025_torch_manual_seed_0_lnl_layernormlstm_3(): nb.run(25)
def test_c027_with_torch_no_grad(): nb.run(27)
def test_c028_test_close_lnl3_xl_0_o_l_eps_2e_3_assert(): nb.run(28)
def test_c029_class_charlm_nn_module(): nb.run(29)
def test_c030_def__layer_state_h_l_return_none_if_h_is(): nb.run(30)
def test_c032_torch_manual_seed_0(): nb.run(32)
def test_c033_test_eq_logits_shape_3_10_v_test_eq_h_sh(): nb.run(33)
def test_c035_torch_no_grad(): nb.run(35)
def test_c036_torch_manual_seed_0(): nb.run(36)
def test_c037_assert_abs_r0_loss_math_log_v_0_1(): nb.run(37)
def test_c039_class_resume(): nb.run(39)
def test_c040_r_resume_1_2_3(): nb.run(40)
def test_c041_test_eq_b_for___b_in_zip_range_4_r_3_1_2(): nb.run(41)
def test_c042_class_budgetschedule_callback(): nb.run(42)
def test_c043_bsch_budgetschedule_60_4e_3(): nb.run(43)
def test_c044_test_close_bsch_lr_at_0_4e_4_test_close(): nb.run(44)
def test_c045_def_train_lm_cell_str_lstm_rnn_gru_or_ls(): nb.run(45)
def test_c047_learn_vocab_train_lm_lstm_seconds_8_hidd(): nb.run(47)
def test_c048_assert_r_short_loss_math_log_v_r_short_b(): nb.run(48)
def test_c049_def_plot_history_learn_ax_none_title_cha(): nb.run(49)
def test_c050_plot_history_learn_title_f_lstm_h_128_8(): nb.run(50)
def test_c052_def__check_prob_v_name_lo_open_true(): nb.run(52)
def test_c053_z_torch_tensor_2_1_0_1(): nb.run(53)
def test_c054_test_eq_sample_next_z_0_7_top_k_1_0(): nb.run(54)
def test_c055_def_encode_prompt_vocab_vocab_the_model(): nb.run(55)
def test_c056_m_learn_model_prompt_macbeth_n(): nb.run(56)
def test_c057_carrying_the_state_recomputing_from_the(): nb.run(57)
def test_c059_import_ipywidgets_as_widgets(): nb.run(59)
def test_c061_format_rnnbook_lm_1(): nb.run(61)
def test_c062_tmp_path_tempfile_mkdtemp(): nb.run(62)
def test_c063_xx_torch_tensor_vocab_encode_list_king_l(): nb.run(63)
def test_c065_def_compare_cells_seconds_h_kw(): nb.run(65)
def test_c066_for_c_r_in_short_items_assert_r_steps_0(): nb.run(66)
@pytest.mark.slow
def test_c068_full_compare_cells_30_256(): nb.run(68)
@pytest.mark.slow
def test_c070_def_reg_run_seconds_30_kw(): nb.run(70)
@pytest.mark.slow
def test_c072_small_none_reg_run_20_train_chars_50_000(): nb.run(72)
def test_c074_class__parser_argparse_argumentparser(): nb.run(74)
def test_c075_def__train_cmd_a(): nb.run(75)
def test_c076_run_dir_tmp_run(): nb.run(76)
def test_c077_main_sample_checkpoint_str_run_dir_model(): nb.run(77)
def test_c078_st_torch_load_run_dir_model_pt_weights_o(): nb.run(78)
def test_c080_p_subprocess_run_sys_executable_m_rnnboo(): nb.run(80)
def test_c081_assert_p_returncode_1_and_p_stderr_start(): nb.run(81)
def test_c083_l_1_5_bpc_l_math_log_2_ppl_math_exp_l(): nb.run(83)
def test_c085_counts_torch_bincount_train_ids_minlengt(): nb.run(85)
def test_c087_a_b_generate_m_vocab_lear_n_80_top_p_1_0(): nb.run(87)
def test_c089_r16_evaluate_train_lm_lstm_seconds_4_hid(): nb.run(89)
