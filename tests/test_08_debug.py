# Generated from nbs/08_debug.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp debug'''),
(2, [], '''\
from __future__ import annotations
import copy, math
from typing import NamedTuple
import torch, torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import PackedSequence
from fastcore.basics import patch
from rnnbook.rnn import RNNBase
from rnnbook.gru import gru_gates
from rnnbook.learner import Learner, DataLoaders, Callback, CancelFitException, CancelValidateException'''),
(3, [], '''\
from fastcore.test import *
import matplotlib.pyplot as plt
from torch.utils.data import DataLoader, TensorDataset
from rnnbook.data import noisy_sine, windows, load_shakespeare, Vocab, tokenize_chars, LMStream, MinMaxScaler, StandardScaler
from rnnbook.padding import lengths_to_mask, masked_cross_entropy, pad_sequences
from rnnbook.learner import TBPTT, GradClip, CancelStepException, cross_entropy_flat'''),
(6, [], '''\
text = load_shakespeare(\'train\')[:40_000]
vocab = Vocab(tokenize_chars(text))
ids = torch.tensor(vocab.encode(text))
lm_train, lm_valid = LMStream(ids[:36_000], bs=32, seq_len=32), LMStream(ids[36_000:], bs=8, seq_len=32)
len(vocab), len(lm_train), len(lm_valid)'''),
(7, [], '''\
class CharLM(nn.Module):
    "Embedding → recurrent layer (`kind`: nn.RNN, nn.LSTM, nn.GRU or one of ours) → linear head"
    def __init__(self, V, H=64, kind=nn.LSTM, E=16, **kw):
        super().__init__()
        self.emb, self.rnn, self.head = nn.Embedding(V, E), kind(E, H, batch_first=True, **kw), nn.Linear(H, V)
    def forward(self, x, h=None):
        out, h = self.rnn(self.emb(x), h)
        return self.head(out), h

def lm_learner(kind=nn.LSTM, lr=1e-2, cbs=None, seed=0, **kw):
    torch.manual_seed(seed)
    return Learner(CharLM(len(vocab), kind=kind, **kw), DataLoaders(lm_train, lm_valid), cross_entropy_flat, lr=lr, cbs=cbs)'''),
(9, [], '''\
series = noisy_sine(2000, period=50, noise=0.1, seed=0)
def sine_ds(s):
    X, Y = windows(s, 30); return TensorDataset(X.unsqueeze(-1), Y)
def sine_dls(seed=0): return DataLoaders(DataLoader(sine_ds(series[:1500]), 32, shuffle=True, generator=torch.Generator().manual_seed(seed)),
                                         DataLoader(sine_ds(series[1500:]), 256))
class Forecaster(nn.Module):
    "A recurrent layer reading (B, T, 1); a linear head on the last output predicts the next value (B, 1)"
    def __init__(self, H=32, kind=nn.GRU, batch_first=True, **kw):
        super().__init__(); self.rnn, self.head = kind(1, H, batch_first=batch_first, **kw), nn.Linear(H, 1)
    def forward(self, x, h=None):
        out, h = self.rnn(x, h)
        return self.head(out[:, -1]), h'''),
(11, [], '''\
class CheckFailed(AssertionError):
    "A debugging check found a problem; the message says what and where to look"

def _recurrent(model):
    "(name, module) of every recurrent layer of `model`: torch\'s or ours"
    return [(n, m) for n, m in model.named_modules() if isinstance(m, (nn.RNNBase, RNNBase))]

def _need_recurrent(model, who, modes=None):
    rs = [(n, m) for n, m in _recurrent(model) if modes is None or m.mode in modes]
    if not rs:
        what = \' or \'.join(modes) if modes else \'recurrent (RNN, LSTM or GRU)\'
        raise ValueError(f"{who}: the model has no {what} layer to measure; its modules are {sorted({type(m).__name__ for m in model.modules()})}")
    return rs'''),
(12, [], '''\
[n for n, _ in _recurrent(CharLM(len(vocab)))], [n for n, _ in _recurrent(Forecaster())]'''),
(14, [], '''\
class NonFiniteError(FloatingPointError):
    "The loss or a gradient became nan or inf; raised before the optimiser step"

def _bad(t): return not bool(torch.isfinite(t).all())

class NonFiniteGuard(Callback):
    "Raise `NonFiniteError` as soon as the loss or a gradient is nan/inf, before the optimiser step"
    order = 5   # before GradClip (10): check the raw gradients, not clipped ones
    def _where(self, learn):
        return f"at step {len(learn.recorder.losses)} (epoch {learn.epoch}, {\'training\' if learn.training else \'validation\'} batch {learn.iter})"
    def after_loss(self, learn):
        if _bad(learn.loss.detach()):
            raise NonFiniteError(f"NonFiniteGuard: the loss is {learn.loss.item()} {self._where(learn)}; the optimiser step was not taken")
    def after_backward(self, learn):
        bad = [n for n, p in learn.model.named_parameters() if p.grad is not None and _bad(p.grad)]
        if bad: raise NonFiniteError(f"NonFiniteGuard: non-finite gradient of {\', \'.join(bad[:5])}{\' ...\' if len(bad) > 5 else \'\'} "
                                     f"{self._where(learn)}; the optimiser step was not taken")'''),
(16, [], '''\
torch.manual_seed(0)
learn = Learner(Forecaster(kind=nn.RNN, nonlinearity=\'relu\'), sine_dls(), F.mse_loss, lr=1., opt_func=torch.optim.SGD, cbs=[NonFiniteGuard()])
try: learn.fit(1); err = None
except NonFiniteError as e: err = e
print(err); print(\'losses before:\', [f"{l:.3g}" for l in learn.recorder.losses])
assert err is not None and all(torch.isfinite(p).all() for p in learn.model.parameters())'''),
(17, [], '''\
torch.manual_seed(0)
learn = Learner(Forecaster(kind=nn.RNN, nonlinearity=\'relu\'), sine_dls(), F.mse_loss, lr=1., opt_func=torch.optim.SGD)
learn.fit(1)   # without the guard: the same run ends with nan weights
assert not all(torch.isfinite(p).all() for p in learn.model.parameters())
learn = Learner(Forecaster(), sine_dls(), F.mse_loss, lr=1e-2, cbs=[NonFiniteGuard()]).fit(1)   # a healthy run is not stopped
# a nan gradient with a finite loss is named by parameter
class _NaNGrad(Callback):
    order = 1
    def after_backward(self, learn): learn.model.head.bias.grad[0] = float(\'nan\')
learn = Learner(Forecaster(), sine_dls(), F.mse_loss, cbs=[_NaNGrad(), NonFiniteGuard()])
w0 = copy.deepcopy(learn.model.state_dict())
test_fail(lambda: learn.fit(1), contains=\'gradient of head.bias at step 0 (epoch 0\')
test_eq(all(torch.equal(w0[k], v) for k, v in learn.model.state_dict().items()), True)'''),
(19, [], '''\
def graph_size(t:torch.Tensor # a tensor with a `grad_fn`, e.g. a loss
              )->int:
    "Number of distinct nodes in the autograd graph behind `t`"
    if not isinstance(t, torch.Tensor): raise TypeError(f"t: expected a tensor, got {type(t).__name__}")
    seen, todo = set(), [t.grad_fn]
    while todo:
        f = todo.pop()
        if f is None or f in seen: continue
        seen.add(f); todo.extend(g for g, _ in f.next_functions)
    return len(seen)'''),
(20, [], '''\
class GradientStats(Callback):
    "Per-step gradient norms per parameter, stale gradients, graph size, and ‖∂L/∂x_t‖ per input time step"
    order = 4
    def __init__(self, inputs:bool=True): # also measure the gradient reaching each input time step (batch first)
        self.inputs, self.total, self.x_grads, self.stale, self.graph = inputs, [], [], [], []
    def before_fit(self, learn):
        self.names = [n for n, p in learn.model.named_parameters() if p.requires_grad]
        self.norms, self.total, self.stale, self.graph, self.x_grads = {n: [] for n in self.names}, [], [], [], []
        emb = next((m for m in learn.model.modules() if isinstance(m, nn.Embedding)), None)
        self._hook = emb.register_forward_hook(self._keep) if emb is not None and self.inputs else None
    def _keep(self, m, args, out):
        if out.requires_grad: out.retain_grad(); self._x = out
    def before_batch(self, learn):
        self._x = None
        if self.inputs and learn.training and learn.xb[0].is_floating_point():
            learn.xb[0] = self._x = learn.xb[0].detach().requires_grad_()
    def after_fit(self, learn):
        if self._hook is not None: self._hook.remove()'''),
(21, [], '''\
def _norm(ts): return math.sqrt(sum(float(t.detach().pow(2).sum()) for t in ts))

@patch
def after_loss(self:GradientStats, learn):
    if learn.training: self.graph.append(graph_size(learn.loss))
@patch
def before_backward(self:GradientStats, learn):
    self.stale.append(_norm(p.grad for p in learn.model.parameters() if p.grad is not None))
@patch
def after_backward(self:GradientStats, learn):
    ps = dict(learn.model.named_parameters())
    for n in self.names: self.norms[n].append(_norm([ps[n].grad]) if ps[n].grad is not None else 0.)
    self.total.append(math.sqrt(sum(v[-1]**2 for v in self.norms.values())))
    if self._x is not None and self._x.grad is not None and self._x.dim() >= 2:
        self.x_grads.append(self._x.grad.detach().flatten(2).norm(dim=-1).mean(0).cpu())'''),
(23, [], '''\
@patch
def frac_clipped(self:GradientStats, max_norm:float=1.0 # the clipping threshold
                )->float:
    "Share of the recorded steps whose global gradient norm exceeded `max_norm`"
    if not self.total: raise ValueError("GradientStats: no training step recorded yet")
    return sum(t > max_norm for t in self.total) / len(self.total)

@patch
def input_grad_ratio(self:GradientStats)->float:
    "Median over steps of ‖∂L/∂x_0‖ / ‖∂L/∂x_{T-1}‖: how much of the gradient reaches the first step"
    if not self.x_grads: raise ValueError("GradientStats: no input gradient recorded; the inputs are neither float tensors nor embedded by an nn.Embedding")
    return float(torch.tensor([float(g[0] / g[-1].clamp_min(1e-30)) for g in self.x_grads]).median())

@patch
def vanishing(self:GradientStats, ratio:float=1e-3 # flag when the first step gets less than this share of the last\'s gradient
             )->bool:
    "Does the gradient vanish before it reaches the first time step?"
    return self.input_grad_ratio() < ratio

@patch
def accumulating(self:GradientStats)->bool:
    "Were gradients already non-zero before a backward pass (a `zero_grad` missing)?"
    return any(s > 0 for s in self.stale)

@patch
def graph_growing(self:GradientStats, factor:float=1.0 # flag when a later graph has more than `factor` × the first\'s nodes
                 )->bool:
    "Does the autograd graph grow from step to step (a state that is never detached)?"
    return len(self.graph) > 1 and max(self.graph[1:]) > factor * self.graph[0]'''),
(25, [], '''\
@patch
def plot(self:GradientStats, max_norm:float=None, # draw this clipping threshold on the norms
         title:str=\'\'):                           # prefix of the titles
    "Per-parameter gradient norms over training; gradient reaching each input step"
    import matplotlib.pyplot as plt
    fig, axs = plt.subplots(1, 2, figsize=(11, 3.6))
    for n, v in self.norms.items(): axs[0].plot(v, label=n, lw=1)
    if max_norm is not None: axs[0].axhline(max_norm, color=\'k\', ls=\'--\', lw=1, label=f\'max_norm={max_norm}\')
    axs[0].set(yscale=\'log\', xlabel=\'training step\', ylabel=\'gradient norm\', title=f\'{title}gradient norm per parameter\'); axs[0].legend(fontsize=7)
    full = [g for g in self.x_grads if len(g) == max(len(v) for v in self.x_grads)]   # leave out a shorter last batch
    for v, lab in ((full[:1], \'first step\'), (full[-1:], \'last step\')):
        if v: axs[1].plot(v[0], label=lab)
    axs[1].set(yscale=\'log\', xlabel=\'input time step t\', ylabel=\'‖∂L/∂x_t‖ (mean over batch)\', title=f\'{title}gradient reaching each input step\')
    if self.x_grads: axs[1].legend()
    for a in axs: a.grid(alpha=.3)
    plt.tight_layout(); return axs'''),
(27, [], '''\
gs = GradientStats()
learn = lm_learner(cbs=[gs]).fit(1)
print(f"steps {len(gs.total)}; share of steps above norm 1: {gs.frac_clipped(1.):.2f}; median ‖∂L/∂x_0‖/‖∂L/∂x_T-1‖ = {gs.input_grad_ratio():.2f}")
print(f"stale gradient: {max(gs.stale)}; graph nodes per step: {min(gs.graph)}..{max(gs.graph)}")
gs.plot(max_norm=1., title=\'LSTM LM: \');'''),
(28, [], '''\
test_eq(len(gs.total), len(lm_train)); test_eq(len(gs.x_grads[0]), 32)
test_eq(gs.accumulating(), False); test_eq(gs.graph_growing(), False)
# the per-parameter and global norms match a direct computation on one step
torch.manual_seed(0); m = CharLM(len(vocab)); m0 = copy.deepcopy(m); x, y = next(iter(lm_train))
g2 = GradientStats(); Learner(m, DataLoaders([(x, y)]), cross_entropy_flat, cbs=[g2]).fit(1)
cross_entropy_flat(m0(x)[0], y).backward()
test_close(g2.norms[\'head.weight\'][0], m0.head.weight.grad.norm(), eps=1e-4)
test_close(g2.total[0], torch.cat([p.grad.flatten() for p in m0.parameters()]).norm(), eps=1e-4)
test_fail(lambda: GradientStats().frac_clipped(), contains=\'no training step\')'''),
(31, [], '''\
def lstm_gates(module,   # an LSTM layer, ours or torch\'s (torch\'s parameter names, no projections)
               input,    # (T, B, F), or (B, T, F) if batch_first; not packed
               hx=None,  # (h_0, c_0), each (L*D, B, H); zeros if None
              )->dict:   # i, f, g, o, c, h: each (L*D, T, B, H), time-major
    "Every gate of an LSTM at every step, recomputed from its weights (evaluation mode: no dropout)"
    if getattr(module, \'mode\', None) != \'LSTM\': raise TypeError(f"lstm_gates: expected an LSTM layer, got {type(module).__name__}")
    if getattr(module, \'proj_size\', 0): raise ValueError(f"lstm_gates: projections are not supported, got proj_size={module.proj_size}")
    if not isinstance(input, torch.Tensor) or input.dim() != 3: raise ValueError(f"lstm_gates: expected a 3-D padded input tensor, got {type(input).__name__} {tuple(getattr(input, \'shape\', ()))}")
    x = input.transpose(0, 1) if module.batch_first else input
    D, H, L = 2 if module.bidirectional else 1, module.hidden_size, module.num_layers
    h0, c0 = hx if hx is not None else (x.new_zeros(L*D, x.size(1), H),)*2
    res = []
    for l in range(L):
        outs = []
        for d in range(D):
            sfx = f"_l{l}{\'_reverse\' if d else \'\'}"
            W_ih, W_hh, b_ih, b_hh = (getattr(module, n + sfx, None) for n in (\'weight_ih\', \'weight_hh\', \'bias_ih\', \'bias_hh\'))
            xp, h, c, gs = F.linear(x, W_ih, b_ih), h0[l*D+d], c0[l*D+d], [None]*len(x)
            for t in (reversed(range(len(x))) if d else range(len(x))):
                i, f, g, o = (xp[t] + F.linear(h, W_hh, b_hh)).chunk(4, -1)
                i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
                c = f*c + i*g; h = o*c.tanh(); gs[t] = (i, f, g, o, c, h)
            res.append({k: torch.stack(v) for k, v in zip(\'ifgoch\', zip(*gs))}); outs.append(res[-1][\'h\'])
        x = torch.cat(outs, -1)
    return {k: torch.stack([r[k] for r in res]) for k in \'ifgoch\'}'''),
(33, [], '''\
torch.manual_seed(0)
lstm, x = nn.LSTM(3, 5, num_layers=2, batch_first=True), torch.randn(4, 7, 3)
out, (h_n, c_n) = lstm(x)
gts = lstm_gates(lstm, x)
test_close(gts[\'h\'][-1].transpose(0, 1), out, eps=1e-6); test_close(gts[\'c\'][:, -1], c_n, eps=1e-6)
{k: tuple(v.shape) for k, v in gts.items()}'''),
(34, [], '''\
bi = nn.LSTM(3, 5, bidirectional=True); xt = torch.randn(7, 4, 3); o, (hb, cb) = bi(xt); gb = lstm_gates(bi, xt)
test_close(torch.cat([gb[\'h\'][0], gb[\'h\'][1]], -1), o, eps=1e-6); test_close(gb[\'c\'][1, 0], cb[1], eps=1e-6)
test_fail(lambda: lstm_gates(nn.GRU(3, 5), xt), contains=\'expected an LSTM\')
test_fail(lambda: lstm_gates(nn.LSTM(3, 5, proj_size=2), xt), contains=\'proj_size\')'''),
(35, [], '''\
_SIG = dict(LSTM=(\'i\', \'f\', \'o\'), GRU=(\'r\', \'z\'))
_TANH = dict(LSTM=(\'g\',), GRU=(\'n\',))

def _gates(m, x, hx):
    "{gate: values in [0, 1]} of layer `m` on input `x`"
    if isinstance(x, PackedSequence): raise TypeError("GateStats: the layer got a PackedSequence; measure gates on padded batches")
    if m.mode == \'LSTM\': gs = lstm_gates(m, x, hx)
    else: gs = gru_gates(m, x, hx)._asdict()
    return {**{k: gs[k] for k in _SIG[m.mode]}, **{k: (gs[k] + 1) / 2 for k in _TANH[m.mode]}}

class GateStats(Callback):
    "Share of saturated gate activations (< `lo` or > `hi`) per gate of every LSTM/GRU layer, over training"
    def __init__(self, every:int=1,   # measure every this many training batches
                 lo:float=0.05,       # below this a sigmoid gate counts as saturated (closed)
                 hi:float=0.95):      # above this, saturated (open)
        if not 0 < lo < hi < 1: raise ValueError(f"lo, hi: expected 0 < lo < hi < 1, got lo={lo}, hi={hi}")
        self.every, self.lo, self.hi = every, lo, hi
    def before_fit(self, learn):
        layers = _need_recurrent(learn.model, \'GateStats\', (\'LSTM\', \'GRU\'))
        self.sat = {f"{n}.{g}": [] for n, m in layers for g in _SIG[m.mode] + _TANH[m.mode]}
        self.steps, self._n, self._hooks = [], 0, [m.register_forward_hook(self._hook(n), with_kwargs=True) for n, m in layers]
    def _hook(self, name):
        def f(m, args, kwargs, out):
            if not (m.training and self._n % self.every == 0): return
            hx = args[1] if len(args) > 1 else kwargs.get(\'hx\')
            with torch.no_grad():
                for g, v in _gates(m, args[0], hx).items(): self.sat[f"{name}.{g}"].append(float(((v < self.lo) | (v > self.hi)).float().mean()))
            if not self.steps or self.steps[-1] != self._n: self.steps.append(self._n)
        return f
    def after_batch(self, learn):
        if learn.training: self._n += 1
    def after_fit(self, learn):
        for h in self._hooks: h.remove()'''),
(37, [], '''\
@patch
def plot(self:GateStats, ax=None, # matplotlib axes (default: a new figure)
         title:str=\'\'):           # prefix of the title
    "Share of saturated activations of each gate over training"
    import matplotlib.pyplot as plt
    if ax is None: ax = plt.subplots(figsize=(7, 3.4))[1]
    for k, v in self.sat.items(): ax.plot(self.steps[:len(v)], v, label=k)
    ax.set(xlabel=\'training batch\', ylabel=f\'share saturated (<{self.lo} or >{self.hi})\', ylim=(0, 1), title=f\'{title}gate saturation\'); ax.grid(alpha=.3); ax.legend(fontsize=7)
    return ax'''),
(39, [], '''\
runs = {}
for lr in (1e-2, 1e-1):
    runs[lr] = GateStats(every=2); lm_learner(lr=lr, cbs=[runs[lr]]).fit(1)
fig, axs = plt.subplots(1, 2, figsize=(12, 3.4), sharey=True)
for ax, (lr, g) in zip(axs, runs.items()): g.plot(ax, title=f\'LSTM, lr {lr}: \')
final = {lr: {k: round(v[-1], 2) for k, v in g.sat.items()} for lr, g in runs.items()}; print(final)'''),
(40, [], '''\
assert sum(final[1e-1].values()) > sum(final[1e-2].values())'''),
(41, [], '''\
# torch\'s GRU and ours both work; a model without LSTM/GRU is refused with a clear message
from rnnbook.gru import GRU as OurGRU
for k in (nn.GRU, OurGRU):
    g = GateStats(); lm_learner(kind=k, cbs=[g]).fit(1)
    test_eq(sorted(g.sat), [\'rnn.n\', \'rnn.r\', \'rnn.z\']); test_eq(len(g.sat[\'rnn.r\']), len(lm_train))
    assert all(0 <= v <= 1 for v in g.sat[\'rnn.z\'])
test_fail(lambda: lm_learner(kind=nn.RNN, cbs=[GateStats()]).fit(1), contains=\'no LSTM or GRU layer\')
test_fail(lambda: Learner(nn.Linear(1, 1), sine_dls(), F.mse_loss, cbs=[GateStats()]).fit(1), contains=\'no LSTM or GRU layer\')
test_fail(lambda: GateStats(lo=.6, hi=.4), contains=\'lo, hi\')'''),
(43, [], '''\
class ActivationStats(Callback):
    "Mean, std and histogram of every recurrent layer\'s outputs h_t, per training batch and per time step"
    def __init__(self, bins:int=40,      # histogram bins
                 range:tuple=(-1., 1.)): # histogram range; values outside are counted in the end bins
        self.bins, self.range = bins, range
    def before_fit(self, learn):
        layers = _need_recurrent(learn.model, \'ActivationStats\')
        self.stats = {n: dict(mean=[], std=[], hist=[]) for n, _ in layers}
        self._hooks = [m.register_forward_hook(self._hook(n)) for n, m in layers]
    def _hook(self, name):
        def f(m, args, out):
            if not m.training: return
            h = out[0]
            if isinstance(h, PackedSequence): raise TypeError("ActivationStats: the layer returned a PackedSequence; measure on padded batches")
            h = (h if m.batch_first else h.transpose(0, 1)).detach().float()   # (B, T, H)
            s, hist = self.stats[name], lambda v: torch.histc(v.clamp(*self.range), self.bins, *self.range)
            s[\'mean\'].append(float(h.mean())); s[\'std\'].append(float(h.std())); s[\'hist\'].append(hist(h).cpu())
            if \'t_hist\' in s and h.shape[1] < s[\'t_hist\'].shape[1]: return   # keep the last batch of full length
            s[\'t_mean\'], s[\'t_std\'] = h.mean((0, 2)).cpu(), h.std((0, 2)).cpu()
            s[\'t_hist\'] = torch.stack([hist(h[:, t]) for t in torch.arange(h.shape[1])], 1).cpu()   # (bins, T)
        return f
    def after_fit(self, learn):
        for h in self._hooks: h.remove()'''),
(44, [], '''\
@patch
def plot(self:ActivationStats, layer:str=None, # name of the layer (default: the first)
         title:str=\'\'):                         # prefix of the titles
    "Histograms of the hidden states over training and over time, with their mean and std"
    import matplotlib.pyplot as plt
    name = layer or next(iter(self.stats)); s = self.stats[name]
    fig, axs = plt.subplots(1, 3, figsize=(14, 3.4))
    ext = dict(aspect=\'auto\', origin=\'lower\', cmap=\'viridis\')
    axs[0].imshow(torch.stack(s[\'hist\'], 1).add(1).log(), extent=(0, len(s[\'hist\']), *self.range), **ext)
    axs[0].set(xlabel=\'training batch\', ylabel=\'value of h\', title=f\'{title}{name}: histogram over training (log)\')
    axs[1].imshow(s[\'t_hist\'].add(1).log(), extent=(0, s[\'t_hist\'].shape[1], *self.range), **ext)
    axs[1].set(xlabel=\'time step t\', ylabel=\'value of h\', title=f\'{title}last full batch: histogram over time (log)\')
    axs[2].plot(s[\'mean\'], label=\'mean\'); axs[2].plot(s[\'std\'], label=\'std\')
    axs[2].set(xlabel=\'training batch\', ylabel=\'value of h\', title=f\'{title}mean and std over training\'); axs[2].grid(alpha=.3); axs[2].legend()
    plt.tight_layout(); return axs'''),
(46, [], '''\
acts = {}
for lr in (1e-2, 1e-1):
    acts[lr] = ActivationStats(); lm_learner(lr=lr, cbs=[acts[lr]]).fit(1)
    acts[lr].plot(title=f\'lr {lr}, \')
zero = {lr: float(a.stats[\'rnn\'][\'hist\'][-1][19:21].sum() / a.stats[\'rnn\'][\'hist\'][-1].sum()) for lr, a in acts.items()}
print(\'share of h with |h| < 0.05 at the last batch:\', {lr: round(v, 3) for lr, v in zero.items()})'''),
(47, [], '''\
assert zero[1e-1] > 2 * zero[1e-2]'''),
(48, [], '''\
s = acts[1e-2].stats[\'rnn\']
test_eq(len(s[\'hist\']), len(lm_train)); test_eq(s[\'t_hist\'].shape, (40, 32)); test_close(s[\'hist\'][0].sum(), 32*32*64)
test_fail(lambda: Learner(nn.Linear(1, 1), sine_dls(), F.mse_loss, cbs=[ActivationStats()]).fit(1), contains=\'no recurrent (RNN, LSTM or GRU) layer\')'''),
(50, [], '''\
class LRFind(NamedTuple):
    "Result of `lr_find`"
    lrs: list          # the rate of each batch
    losses: list       # the training loss of each batch
    suggestion: float  # the lowest point of the smoothed loss, divided by 10

class _Sweep(Callback):
    order = 25
    def __init__(self, lrs, stop_div): self.lrs, self.stop_div, self.losses = lrs, stop_div, []
    def before_validate(self, learn): raise CancelValidateException()
    def before_batch(self, learn):
        for g in learn.opt.param_groups: g[\'lr\'] = self.lrs[len(self.losses)]
    def after_batch(self, learn):
        l = learn.loss.item(); self.losses.append(l)
        if len(self.losses) == len(self.lrs) or (self.stop_div and (not math.isfinite(l) or l > 4 * min(self.losses))): raise CancelFitException()

def _smooth(v, beta=0.9):
    avg, res = 0., []
    for i, x in enumerate(v): avg = beta * avg + (1 - beta) * x; res.append(avg / (1 - beta ** (i + 1)))
    return res'''),
(51, [], '''\
def lr_find(learn:Learner,        # the learner to probe; it is left as it was
            start:float=1e-7,     # first learning rate
            end:float=10.,        # last learning rate
            num_it:int=100,       # batches in the sweep (at most)
            stop_div:bool=True,   # stop once the loss passes 4 × its minimum or is not finite
            show:bool=True)->LRFind: # plot loss against learning rate
    "Sweep the learning rate exponentially, suggest one, and restore the model and optimiser"
    if not isinstance(learn, Learner): raise TypeError(f"learn: expected a Learner, got {type(learn).__name__}")
    if not 0 < start < end: raise ValueError(f"start, end: expected 0 < start < end, got start={start}, end={end}")
    if isinstance(num_it, bool) or not isinstance(num_it, int) or num_it < 2: raise ValueError(f"num_it: expected an int >= 2, got {num_it!r}")
    lrs = [start * (end / start) ** (i / (num_it - 1)) for i in range(num_it)]
    saved = (copy.deepcopy(learn.model.state_dict()), copy.deepcopy(learn.opt.state_dict()), learn.recorder.state_dict(), learn.epoch, torch.get_rng_state())
    sweep = _Sweep(lrs, stop_div)
    try: learn.fit(math.ceil(num_it / len(learn.dls.train)), cbs=[sweep])
    finally:
        learn.model.load_state_dict(saved[0]); learn.opt.load_state_dict(saved[1]); learn.recorder.load_state_dict(saved[2])
        learn.epoch = saved[3]; torch.set_rng_state(saved[4])
    losses = sweep.losses; sm = _smooth([l if math.isfinite(l) else float(\'inf\') for l in losses])
    res = LRFind(lrs[:len(losses)], losses, lrs[min(range(len(sm)), key=sm.__getitem__)] / 10)
    if show: _plot_lr(res)
    return res

def _plot_lr(r):
    import matplotlib.pyplot as plt
    ax = plt.subplots(figsize=(6, 3.4))[1]
    ax.plot(r.lrs, r.losses, alpha=.4, label=\'loss per batch\'); ax.plot(r.lrs, _smooth(r.losses), label=\'smoothed\')
    ax.axvline(r.suggestion, color=\'k\', ls=\'--\', lw=1, label=f\'suggestion {r.suggestion:.1e}\')
    ax.set(xscale=\'log\', xlabel=\'learning rate\', ylabel=\'training loss\', title=\'learning-rate finder\'); ax.grid(alpha=.3); ax.legend()'''),
(52, [], '''\
learn = lm_learner()
before = copy.deepcopy(learn.model.state_dict())
found = lr_find(learn, num_it=100)
print(f"{len(found.losses)} batches; suggestion {found.suggestion:.1e}")'''),
(53, [], '''\
test_eq(all(torch.equal(before[k], v) for k, v in learn.model.state_dict().items()), True)
test_eq(learn.opt.state_dict()[\'state\'], {}); test_eq(learn.epoch, 0); test_eq(learn.recorder.losses, [])
assert 1e-4 < found.suggestion < 1 and len(found.losses) < 100
# with optimiser state and a history: both are restored exactly, and a fit afterwards is the same as without the probe
l1, l2 = lm_learner(), lm_learner()
l1.fit(1); l2.fit(1)
opt0, rec0 = copy.deepcopy(l1.opt.state_dict()), copy.deepcopy(l1.recorder.state_dict())
lr_find(l1, num_it=30, show=False)
o1 = l1.opt.state_dict()
test_eq(o1[\'param_groups\'], opt0[\'param_groups\'])
test_eq(all(torch.equal(o1[\'state\'][i][k], opt0[\'state\'][i][k]) for i in opt0[\'state\'] for k in opt0[\'state\'][i]), True)
test_eq(l1.recorder.state_dict(), rec0)
l1.fit(1); l2.fit(1)
test_eq(l1.recorder.losses, l2.recorder.losses)
test_fail(lambda: lr_find(l1, start=1, end=1e-3), contains=\'start, end\')
test_fail(lambda: lr_find(l1, num_it=1), contains=\'num_it\')
test_fail(lambda: lr_find(l1.model), contains=\'expected a Learner\')'''),
(55, [], '''\
def overfit_one_batch(learn:Learner,  # its model is copied; its loss, optimiser class and first training batch are used
                      steps:int=100,  # optimiser steps on the one batch
                      lr:float=None,  # learning rate (default: the learner\'s)
                      cbs=None)->float: # callbacks for the run (e.g. a NonFiniteGuard)
    "Train a copy of `learn.model` on one batch for `steps` steps; the final training loss"
    if not isinstance(learn, Learner): raise TypeError(f"learn: expected a Learner, got {type(learn).__name__}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1: raise ValueError(f"steps: expected an int >= 1, got {steps!r}")
    b = next(iter(learn.dls.train))
    l = Learner(copy.deepcopy(learn.model), DataLoaders([b]), learn.loss_func, lr=lr or learn.opt.param_groups[0][\'lr\'], opt_func=learn.opt_func, cbs=cbs)
    return l.fit(steps).recorder.losses[-1]'''),
(56, [], '''\
torch.manual_seed(0)
ob = overfit_one_batch(Learner(Forecaster(H=64), sine_dls(), F.mse_loss, lr=1e-2), steps=200)
print(f"MSE on one batch after 200 steps: {ob:.2e}; the noise floor on unseen data: 0.01")
assert ob < 0.005'''),
(57, [], '''\
test_fail(lambda: overfit_one_batch(learn, steps=0), contains=\'steps\')'''),
(60, [], '''\
def _shape(o):
    if isinstance(o, torch.Tensor): return tuple(o.shape)
    if isinstance(o, PackedSequence): return f"packed{tuple(o.data.shape)}"
    if isinstance(o, (tuple, list)): return tuple(_shape(v) for v in o)
    return None if o is None else type(o).__name__

class ShapeTable(list):
    "Rows (name, type, input shapes, output shapes) and `problems` found"
    problems: list
    def __repr__(self):
        w = max(len(r[0] or \'(model)\') for r in self) + 2
        lines = [f"{\'module\':<{w}}{\'type\':<13}{\'input\':<28}output"] + [f"{n or \'(model)\':<{w}}{t:<13}{str(i):<28}{o}" for n, t, i, o in self]
        return \'\\n\'.join(lines + [f"PROBLEM: {p}" for p in self.problems])'''),
(61, [], '''\
def check_shapes(model:nn.Module, # follows forward(x, h=None) -> (out, h), or returns a tensor
                 batch)->ShapeTable: # a batch from the loader, (x, y) or (x1, ..., y), or the input x alone
    "Each module\'s input and output shapes for one batch; flag recurrent layers whose batch axis is not the batch\'s"
    if not isinstance(model, nn.Module): raise TypeError(f"model: expected an nn.Module, got {type(model).__name__}")
    xs = list(batch[:-1]) if isinstance(batch, (tuple, list)) else [batch]
    if not xs or not isinstance(xs[0], torch.Tensor): raise TypeError(f"batch: expected (x, ..., y) or a tensor x, got {type(batch).__name__}")
    B, rows, probs, names = xs[0].shape[0], ShapeTable(), [], {m: n for n, m in model.named_modules()}
    def hook(m, args, out):
        rows.append((names[m], type(m).__name__, _shape(args[0] if len(args) == 1 else args), _shape(out)))
        x = args[0] if args else None
        if isinstance(m, (nn.RNNBase, RNNBase)) and isinstance(x, torch.Tensor) and x.dim() == 3 and x.shape[1 - m.batch_first] != B:
            probs.append(f"{names[m]} ({type(m).__name__}, batch_first={m.batch_first}) reads axis {1 - m.batch_first} of its input "
                         f"{tuple(x.shape)} as the batch, of size {x.shape[1 - m.batch_first]}, but the batch has B={B} (axis 0): set batch_first={not m.batch_first} or transpose")
    hs = [m.register_forward_hook(hook) for m in model.modules()]
    try:
        with torch.no_grad(): model(*xs)
    finally:
        for h in hs: h.remove()
    rows.problems = probs; return rows'''),
(62, [], '''\
torch.manual_seed(0)
x, y = next(iter(lm_train))
check_shapes(CharLM(len(vocab)), (x, y))'''),
(64, [], '''\
t = check_shapes(CharLM(len(vocab)), (x, y))
test_eq(t.problems, []); test_eq([r[0] for r in t], [\'emb\', \'rnn\', \'head\', \'\'])
test_eq(t[1][3], ((32, 32, 64), ((1, 32, 64), (1, 32, 64))))
test_fail(lambda: check_shapes(lambda x: x, (x, y)), contains=\'expected an nn.Module\')'''),
(66, [], '''\
def predict_topk(model:nn.Module, # a language model: forward(x (1, T), h=None) -> (logits (1, T, V), h)
                 vocab,           # the `Vocab` the model was trained with
                 prompt,          # text (a str is read as characters) or a list of tokens
                 k:int=3)->list:  # how many guesses
    "The model\'s `k` most likely next tokens after `prompt`, with their probabilities"
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(vocab): raise ValueError(f"k: expected an int in 1..{len(vocab)}, got {k!r}")
    ids = vocab.encode(prompt)
    if not ids: raise ValueError("prompt: expected at least one token, got an empty prompt")
    was = model.training; model.eval()
    try:
        with torch.no_grad(): out = model(torch.tensor([ids], device=next(model.parameters()).device))
    finally: model.train(was)
    logits = out[0] if isinstance(out, tuple) else out
    if logits.shape[-1] != len(vocab): raise ValueError(f"model: expected logits over the vocabulary\'s {len(vocab)} tokens, got {logits.shape[-1]}")
    p, i = logits[0, -1].float().softmax(-1).topk(k)
    return [(vocab.itos[j], round(float(q), 4)) for j, q in zip(i.tolist(), p)]'''),
(67, [], '''\
learn = lm_learner().fit(2)
print(predict_topk(learn.model, vocab, \'What is thy nam\', k=3))'''),
(68, [], '''\
learn.model.train(); pk = predict_topk(learn.model, vocab, \'What is thy nam\', k=len(vocab))
test_close(sum(p for _, p in pk), 1., eps=1e-3); assert pk[0][1] >= pk[1][1] >= pk[-1][1]
test_eq(learn.model.training, True)
test_fail(lambda: predict_topk(learn.model, vocab, \'\', k=3), contains=\'empty prompt\')
test_fail(lambda: predict_topk(learn.model, vocab, \'a\', k=0), contains=\'k: expected\')'''),
(70, [], '''\
def _int2d(t, name):
    if not isinstance(t, torch.Tensor) or t.is_floating_point() or t.dim() != 2: raise TypeError(f"{name}: expected a (B, T) integer tensor, got {_shape(t) if isinstance(t, torch.Tensor) else type(t).__name__}")

def check_lm_targets(x:torch.Tensor, # inputs (B, T) of token ids
                     y:torch.Tensor  # targets (B, T)
                    )->bool:
    "Check that the targets are the inputs shifted by exactly one step: y[:, t] == x[:, t+1]"
    _int2d(x, \'x\'); _int2d(y, \'y\')
    if x.shape != y.shape: raise ValueError(f"y: expected the shape of x {tuple(x.shape)}, got {tuple(y.shape)}")
    T = x.shape[1]
    if T < 2 or torch.equal(y[:, :-1], x[:, 1:]): return True
    s = next((s for s in range(T - 1) if torch.equal(y[:, :T-s], x[:, s:])), None)
    raise CheckFailed(f"check_lm_targets: the targets are not the inputs shifted by one step; "
                      + (f"they are shifted by {s} (expected 1)" if s is not None else "no shift between 0 and T-2 matches"))'''),
(71, [], '''\
def _flat(o): return torch.cat([_flat(v) for v in o]) if isinstance(o, (tuple, list)) else torch.as_tensor(o).detach().float().flatten()

def check_eval_deterministic(f,          # the evaluation: a model, or a function of the batch
                             *args,      # its arguments, e.g. the batch
                             atol:float=0.)->bool: # largest difference tolerated
    "Check that two evaluation passes over the same inputs agree (no dropout or other randomness left on)"
    if not callable(f): raise TypeError(f"f: expected a model or a function, got {type(f).__name__}")
    a, b = _flat(f(*args)), _flat(f(*args))
    d = float((a - b).abs().max()) if a.numel() else 0.
    if d > atol:
        on = [n or \'(model)\' for n, m in f.named_modules() if m.training and isinstance(m, nn.Dropout)] if isinstance(f, nn.Module) else []
        raise CheckFailed(f"check_eval_deterministic: two evaluation passes over the same batch differ by up to {d:.3g}; "
                          f"is dropout still on (call model.eval())?{\' Dropout in training mode: \' + \', \'.join(on) if on else \'\'}")
    return True'''),
(72, [], '''\
def check_scaler_fit(scaler,       # a fitted scaler with `shift` and `scale` (MinMaxScaler, StandardScaler)
                     train,        # the training part, as passed to `fit`
                     rtol:float=1e-5)->bool: # tolerance on the statistics
    "Check that `scaler`\'s statistics are those of the training part alone (no leak from validation or test data)"
    if getattr(scaler, \'shift\', None) is None: raise ValueError(f"scaler: expected a fitted scaler with `shift` and `scale`, got {type(scaler).__name__} without them")
    ref = copy.deepcopy(scaler).fit(train)
    if torch.allclose(scaler.shift, ref.shift, rtol=rtol) and torch.allclose(scaler.scale, ref.scale, rtol=rtol): return True
    raise CheckFailed(f"check_scaler_fit: the scaler\'s statistics (shift {scaler.shift.tolist()}, scale {scaler.scale.tolist()}) are not those "
                      f"of the training part (shift {ref.shift.tolist()}, scale {ref.scale.tolist()}): was it fitted on more than the training data?")'''),
(73, [], '''\
def check_padding_ignored(loss_func, # f(preds, y) -> scalar: the loss as the training code calls it
                          preds,     # predictions (B, T, ...)
                          y,         # targets
                          mask,      # bool (B, T), True at real positions
                          seed:int=0)->bool:
    "Check that the loss does not change when the predictions at padded positions change"
    if not isinstance(mask, torch.Tensor) or mask.dtype != torch.bool or mask.shape != preds.shape[:2]:
        raise ValueError(f"mask: expected a bool tensor of shape {tuple(preds.shape[:2])}, got {_shape(mask)}")
    g = torch.Generator().manual_seed(seed)
    noisy = preds.detach().clone()
    noisy[~mask] += 10 * torch.randn(noisy[~mask].shape, generator=g).to(noisy)
    a, b = float(loss_func(preds.detach(), y)), float(loss_func(noisy, y))
    if abs(a - b) <= 1e-6 * (1 + abs(a)): return True
    raise CheckFailed(f"check_padding_ignored: changing the predictions at the {int((~mask).sum())} padded positions changed the loss "
                      f"from {a:.4f} to {b:.4f}: the padding is counted in the loss (mask it, e.g. masked_cross_entropy)")'''),
(74, [], '''\
def check_class_loss(loss_func, # f(logits, y) -> scalar, for logits (..., V) with classes on the last axis
                     y,         # class ids (...), e.g. (B, T)
                     V:int)->bool: # number of classes
    "Check that `loss_func` is a cross-entropy over the last axis: log V for uniform logits, ~0 for confident right ones"
    if not isinstance(y, torch.Tensor) or y.is_floating_point(): raise TypeError(f"y: expected an integer tensor of class ids, got {_shape(y)}")
    uniform = float(loss_func(torch.zeros(*y.shape, V), y))
    right = float(loss_func(F.one_hot(y, V).float() * 30, y))
    if abs(uniform - math.log(V)) < 1e-3 and right < 1e-3: return True
    raise CheckFailed(f"check_class_loss: for uniform logits over V={V} classes the loss should be log V = {math.log(V):.4f}, got {uniform:.4f}; "
                      f"for confident right logits ~0, got {right:.4f}: does the loss take the classes from another axis (softmax over time)?")'''),
(76, [], '''\
x, y = next(iter(lm_train))
sc = MinMaxScaler().fit(series[:1500])
mask = lengths_to_mask(torch.tensor([5, 3]))
print(check_lm_targets(x, y), check_eval_deterministic(learn.model.eval(), x), check_scaler_fit(sc, series[:1500]),
      check_padding_ignored(lambda p, t: masked_cross_entropy(p, t, mask), torch.randn(2, 5, 4), torch.randint(0, 4, (2, 5)), mask),
      check_class_loss(cross_entropy_flat, y, len(vocab)))
learn.model.train();'''),
(77, [], '''\
test_fail(lambda: check_lm_targets(x, y.float()), contains=\'integer tensor\')
test_fail(lambda: check_lm_targets(x, y[:, :5]), contains=\'expected the shape of x\')
test_fail(lambda: check_lm_targets(x, x.flip(1)), contains=\'no shift\')
test_fail(lambda: check_scaler_fit(MinMaxScaler(), series), contains=\'fitted scaler\')
test_fail(lambda: check_padding_ignored(F.mse_loss, torch.zeros(2, 5), torch.zeros(2, 5), mask.float()), contains=\'mask: expected a bool\')
test_fail(lambda: check_class_loss(cross_entropy_flat, y.float(), 3), contains=\'integer tensor\')
test_fail(lambda: check_eval_deterministic(3, x), contains=\'f: expected\')'''),
(80, [], '''\
def run_nan(lr, opt, cbs=()):
    torch.manual_seed(0)
    learn = Learner(Forecaster(kind=nn.RNN, nonlinearity=\'relu\'), sine_dls(), F.mse_loss, lr=lr, opt_func=opt, cbs=[NonFiniteGuard(), *cbs])
    try: learn.fit(1); return None, learn
    except NonFiniteError as e: return e, learn
bad, good = run_nan(1., torch.optim.SGD), run_nan(1e-2, torch.optim.Adam, [GradClip(1.)])
print(\'buggy:\', bad[0]); print(f"fixed: no error, final train loss {good[1].recorder.losses[-1]:.4f}")
assert isinstance(bad[0], NonFiniteError) and good[0] is None'''),
(82, [], '''\
T_rem = 60
g = torch.Generator().manual_seed(0)
Xr = torch.randn(256, T_rem, 1, generator=g); Yr = Xr[:, 0]          # remember the first value
rem_dls = DataLoaders(DataLoader(TensorDataset(Xr, Yr), 64), None)
def run_vanish(kind, z_bias=None):
    torch.manual_seed(0); gs = GradientStats(); m = Forecaster(kind=kind); H = m.rnn.hidden_size
    if z_bias is not None:
        with torch.no_grad(): m.rnn.bias_hh_l0[H:2*H] = z_bias       # torch\'s GRU gate order: r, z, n
    Learner(m, rem_dls, F.mse_loss, lr=1e-3, cbs=[gs]).fit(1)
    return gs
van = {\'RNN\': run_vanish(nn.RNN), \'GRU\': run_vanish(nn.GRU), \'GRU, z bias 4\': run_vanish(nn.GRU, 4.)}
for k, gs in van.items(): print(f"{k}: ‖∂L/∂x_0‖ / ‖∂L/∂x_59‖ = {gs.input_grad_ratio():.1e}, vanishing: {gs.vanishing()}")
assert van[\'RNN\'].vanishing() and not van[\'GRU, z bias 4\'].vanishing()'''),
(83, [], '''\
fig, ax = plt.subplots(figsize=(6, 3.4))
for k, gs in van.items(): ax.plot(torch.stack(gs.x_grads).mean(0), label=k)
ax.set(yscale=\'log\', xlabel=\'input time step t\', ylabel=\'‖∂L/∂x_t‖ (mean over batch)\', title=\'Gradient reaching each input step, loss at t=59\'); ax.grid(alpha=.3); ax.legend();'''),
(85, [], '''\
class CarryState(Callback):           # the bug: no detach
    order = -5
    def before_train(self, learn): learn.h = None
    def after_loss(self, learn):
        if learn.training: learn.h = learn.h_out
def run_detach(cb):
    gs = GradientStats(inputs=False); learn = lm_learner(cbs=[cb, gs])
    try: learn.fit(1); return None, gs
    except RuntimeError as e: return e, gs
(err, gs_bad), (ok, gs_good) = run_detach(CarryState()), run_detach(TBPTT())
print(\'buggy:\', str(err)[:75], \'...\', ok); print(\'graph nodes per step, buggy:\', gs_bad.graph, \' fixed:\', gs_good.graph[:3], \'...\')
assert err is not None and ok is None and gs_bad.graph_growing() and not gs_good.graph_growing()'''),
(87, [], '''\
class MyStep(Callback):
    def __init__(self, zero): self.zero = zero
    def before_step(self, learn):
        learn.opt.step()
        if self.zero: learn.opt.zero_grad()
        raise CancelStepException()
def run_zero(zero):
    gs = GradientStats(inputs=False); learn = lm_learner(lr=3e-3, cbs=[MyStep(zero), gs]).fit(1)
    return learn, gs
(lb, gb), (lg, gg) = run_zero(False), run_zero(True)
print(f"valid loss: buggy {lb.recorder.last(\'valid_loss\'):.3f}, fixed {lg.recorder.last(\'valid_loss\'):.3f}; "
      f"grad norm at the last step: buggy {gb.total[-1]:.1f}, fixed {gg.total[-1]:.1f}")
assert gb.accumulating() and not gg.accumulating()'''),
(89, [], '''\
def run_bf(bf):
    torch.manual_seed(0)
    learn = Learner(Forecaster(batch_first=bf), sine_dls(), F.mse_loss, lr=1e-2).fit(3)
    return learn, check_shapes(learn.model, next(iter(learn.dls.train)))
(lb, tb), (lg, tg) = run_bf(False), run_bf(True)
print(f"valid MSE: buggy {lb.recorder.last(\'valid_loss\'):.4f}, fixed {lg.recorder.last(\'valid_loss\'):.4f} (noise floor 0.01)"); print(tb)
assert tb.problems and not tg.problems'''),
(91, [], '''\
def ce_wrong_axis(preds, y): return F.nll_loss(F.log_softmax(preds, dim=1).flatten(0, 1), y.flatten())
def run_ce(loss):
    learn = lm_learner(); learn.loss_func = loss; learn.fit(1)
    learn.loss_func = cross_entropy_flat
    return learn.recorder.losses[-1], learn.validate()[\'valid_loss\']
(rb, vb), (rg, vg) = run_ce(ce_wrong_axis), run_ce(cross_entropy_flat)
print(f"last reported training loss: buggy {rb:.3f}, fixed {rg:.3f}; real validation cross-entropy: buggy {vb:.3f}, fixed {vg:.3f}")
y = next(iter(lm_train))[1]
test_fail(lambda: check_class_loss(ce_wrong_axis, y, len(vocab)), contains=\'another axis\')
assert check_class_loss(cross_entropy_flat, y, len(vocab))'''),
(93, [], '''\
g = torch.Generator().manual_seed(0)
lens = torch.randint(4, 25, (512,), generator=g)
seqs = [torch.randint(1, 10, (int(n),), generator=g) for n in lens]
Xp = pad_sequences(seqs, batch_first=True); Yp = F.pad(Xp[:, :-1], (1, 0)) * lengths_to_mask(lens)
pad_dls = DataLoaders(DataLoader(TensorDataset(Xp, lens, Yp), 64), None)   # batches (x, lengths, y)
class Echo(nn.Module):
    def __init__(self): super().__init__(); self.emb, self.rnn, self.head = nn.Embedding(10, 8), nn.GRU(8, 32, batch_first=True), nn.Linear(32, 10)
    def forward(self, x, lengths=None, h=None): out, h = self.rnn(self.emb(x), h); return self.head(out), h'''),
(94, [], '''\
cur = {}   # the loss gets (preds, y) only: a callback hands it the mask of the current batch
class MaskOf(Callback):
    def before_batch(self, learn): cur[\'mask\'] = lengths_to_mask(learn.xb[1], Xp.shape[1])
def masked(p, y): return masked_cross_entropy(p, y, cur[\'mask\'])
def run_pad(loss):
    torch.manual_seed(0); learn = Learner(Echo(), pad_dls, loss, lr=1e-2, cbs=[MaskOf()]).fit(3)
    x, l, y = Xp[:256], lens[:256], Yp[:256]; m = lengths_to_mask(l, Xp.shape[1])
    with torch.no_grad(): p = learn.model(x)[0]
    return float(cross_entropy_flat(p, y)), float(masked_cross_entropy(p, y, m)), p, y, m
bug, fix = run_pad(cross_entropy_flat), run_pad(masked)
print(f"buggy: loss over all positions {bug[0]:.3f}, over the real ones {bug[1]:.3f}; fixed, over the real ones {fix[1]:.3f}")
print(f"share of padding in the batch: {1 - fix[4].float().mean():.2f}")
p, y, m = fix[2:]
test_fail(lambda: check_padding_ignored(cross_entropy_flat, p, y, m), contains=\'padding is counted\')
assert check_padding_ignored(lambda p, y: masked_cross_entropy(p, y, m), p, y, m)'''),
(96, [], '''\
class Clf(nn.Module):
    "Is the last value of the window positive? GRU → linear (→ sigmoid if `squash`)"
    def __init__(self, squash): super().__init__(); self.rnn, self.head, self.squash = nn.GRU(1, 16, batch_first=True), nn.Linear(16, 1), squash
    def forward(self, x, h=None):
        out, h = self.rnn(x, h); z = self.head(out[:, -1]).squeeze(-1)
        return (z.sigmoid() if self.squash else z), h
Xs, _ = windows(series, 30); Xs = Xs.unsqueeze(-1); Ys = (Xs[:, -1, 0] > 0).float()
clf_dls = DataLoaders(DataLoader(TensorDataset(Xs, Ys), 32), None)
ob = {}
for squash in (True, False):
    torch.manual_seed(0); ob[squash] = overfit_one_batch(Learner(Clf(squash), clf_dls, nn.BCEWithLogitsLoss(), lr=1e-2), steps=150)
print(f"loss after overfitting one batch: buggy {ob[True]:.3f}, fixed {ob[False]:.4f}")
assert ob[True] > 0.3 and ob[False] < 0.05'''),
(98, [], '''\
trend = series + torch.linspace(0, 2, len(series))           # a trend: the test part reaches higher values
leaky, clean = MinMaxScaler().fit(trend), MinMaxScaler().fit(trend[:1500])
print(f"buggy: training part scaled to [{leaky.transform(trend[:1500]).min():.2f}, {leaky.transform(trend[:1500]).max():.2f}];"
      f" fixed: [{clean.transform(trend[:1500]).min():.2f}, {clean.transform(trend[:1500]).max():.2f}]")
test_fail(lambda: check_scaler_fit(leaky, trend[:1500]), contains=\'more than the training data\')
assert check_scaler_fit(clean, trend[:1500])'''),
(100, [], '''\
class DropLM(CharLM):
    def __init__(self, V): super().__init__(V); self.drop = nn.Dropout(0.3)
    def forward(self, x, h=None): out, h = self.rnn(self.drop(self.emb(x)), h); return self.head(self.drop(out)), h
torch.manual_seed(0); learn = Learner(DropLM(len(vocab)), DataLoaders(lm_train, lm_valid), cross_entropy_flat, lr=1e-2).fit(1)
xv, yv = next(iter(lm_valid))
def evaluate(model):   # the bug: no model.eval()
    with torch.no_grad(): return cross_entropy_flat(model(xv)[0], yv)
print(f"buggy: {float(evaluate(learn.model.train())):.4f} and {float(evaluate(learn.model)):.4f}; fixed: {float(evaluate(learn.model.eval())):.4f} twice")
test_fail(lambda: check_eval_deterministic(evaluate, learn.model.train()), contains=\'is dropout still on\')
assert check_eval_deterministic(evaluate, learn.model.eval())'''),
(102, [], '''\
def shifted(s, B=32, T=32):
    "Batches (x, y) of the training text with y = x moved by `s` steps"
    starts = torch.arange(0, 35_900 - T, T)[:B * 34].view(-1, B, 1)
    return [(ids[st + torch.arange(T)], ids[st + s + torch.arange(T)]) for st in starts]
res = {}
for s in (0, 1, 2):
    dl = shifted(s); torch.manual_seed(0)
    l = Learner(CharLM(len(vocab)), DataLoaders(dl), cross_entropy_flat, lr=1e-2).fit(1)
    res[s] = (l.recorder.losses[-1], *dl[0])
print({f"shift {s}": round(v[0], 3) for s, v in res.items()})
for s in (0, 2): test_fail(lambda: check_lm_targets(*res[s][1:]), contains=f\'shifted by {s}\')
assert check_lm_targets(*res[1][1:])'''),
(104, [], '''\
def noise_ratio(bs):
    torch.manual_seed(0); gs = GradientStats(inputs=False)
    dls = DataLoaders(DataLoader(sine_ds(series[:1500]), bs, shuffle=True, generator=torch.Generator().manual_seed(0)), None)
    Learner(Forecaster(), dls, F.mse_loss, lr=1e-3, cbs=[gs, TimeBudgetSteps(60)]).fit(1)
    t = torch.tensor(gs.total[-20:]); return float(t.std() / t.mean())
class TimeBudgetSteps(Callback):
    def __init__(self, n): self.n = n
    def after_batch(self, learn):
        if len(learn.recorder.losses) >= self.n: raise CancelFitException()
r4, r64 = noise_ratio(4), noise_ratio(64); print(f"std/mean of the gradient norm: bs 4 {r4:.2f}, bs 64 {r64:.2f}")
assert r4 > r64'''),
(106, [], '''\
def frac_near_zero(a, layer=\'rnn\'):
    h = a.stats[layer][\'hist\'][-1]; mid = len(h) // 2
    return float(h[mid-1:mid+1].sum() / h.sum())
fr = {}
for neg in (False, True):
    torch.manual_seed(0); m = Forecaster(kind=nn.RNN, nonlinearity=\'relu\'); a = ActivationStats()
    if neg:
        with torch.no_grad(): m.rnn.bias_ih_l0.fill_(-2.)
    Learner(m, sine_dls(), F.mse_loss, lr=1e-3, cbs=[a]).fit(1); fr[neg] = frac_near_zero(a)
print(fr); assert fr[True] > fr[False]'''),
(108, [], '''\
torch.manual_seed(0)
learn = Learner(Forecaster(kind=nn.RNN, nonlinearity=\'relu\'), sine_dls(), F.mse_loss, opt_func=torch.optim.SGD, cbs=[NonFiniteGuard()])
w0 = copy.deepcopy(learn.model.state_dict())
test_fail(lambda: lr_find(learn, start=1e-3, end=100, num_it=60, stop_div=False, show=False), contains=\'NonFiniteGuard\')
assert all(torch.equal(w0[k], v) for k, v in learn.model.state_dict().items())'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/08_debug.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_debug(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_text_load_shakespeare_train_40_000(): nb.run(6)
def test_c007_class_charlm_nn_module(): nb.run(7)
def test_c009_series_noisy_sine_2000_period_50_noise_0(): nb.run(9)
def test_c011_class_checkfailed_assertionerror(): nb.run(11)
def test_c012_n_for_n___in__recurrent_charlm_len_vocab(): nb.run(12)
def test_c014_class_nonfiniteerror_floatingpointerror(): nb.run(14)
def test_c016_torch_manual_seed_0(): nb.run(16)
def test_c017_torch_manual_seed_0(): nb.run(17)
def test_c019_def_graph_size_t_torch_tensor_a_tensor_w(): nb.run(19)
def test_c020_class_gradientstats_callback(): nb.run(20)
def test_c021_def__norm_ts_return_math_sqrt_sum_float(): nb.run(21)
def test_c023_patch(): nb.run(23)
def test_c025_patch(): nb.run(25)
def test_c027_gs_gradientstats(): nb.run(27)
def test_c028_test_eq_len_gs_total_len_lm_train_test_e(): nb.run(28)
def test_c031_def_lstm_gates_module_an_lstm_layer_ours(): nb.run(31)
def test_c033_torch_manual_seed_0(): nb.run(33)
def test_c034_bi_nn_lstm_3_5_bidirectional_true_xt_tor(): nb.run(34)
def test_c035_sig_dict_lstm_i_f_o_gru_r_z(): nb.run(35)
def test_c037_patch(): nb.run(37)
def test_c039_runs(): nb.run(39)
def test_c040_assert_sum_final_1e_1_values_sum_final_1(): nb.run(40)
def test_c041_torch_s_gru_and_ours_both_work_a_model_w(): nb.run(41)
def test_c043_class_activationstats_callback(): nb.run(43)
def test_c044_patch(): nb.run(44)
def test_c046_acts(): nb.run(46)
def test_c047_assert_zero_1e_1_2_zero_1e_2(): nb.run(47)
def test_c048_s_acts_1e_2_stats_rnn(): nb.run(48)
def test_c050_class_lrfind_namedtuple(): nb.run(50)
def test_c051_def_lr_find_learn_learner_the_learner_to(): nb.run(51)
def test_c052_learn_lm_learner(): nb.run(52)
def test_c053_test_eq_all_torch_equal_before_k_v_for_k(): nb.run(53)
def test_c055_def_overfit_one_batch_learn_learner_its(): nb.run(55)
def test_c056_torch_manual_seed_0(): nb.run(56)
def test_c057_test_fail_lambda_overfit_one_batch_learn(): nb.run(57)
def test_c060_def__shape_o(): nb.run(60)
def test_c061_def_check_shapes_model_nn_module_follows(): nb.run(61)
def test_c062_torch_manual_seed_0(): nb.run(62)
def test_c064_t_check_shapes_charlm_len_vocab_x_y(): nb.run(64)
def test_c066_def_predict_topk_model_nn_module_a_langu(): nb.run(66)
def test_c067_learn_lm_learner_fit_2(): nb.run(67)
def test_c068_learn_model_train_pk_predict_topk_learn(): nb.run(68)
def test_c070_def__int2d_t_name(): nb.run(70)
def test_c071_def__flat_o_return_torch_cat__flat_v_for(): nb.run(71)
def test_c072_def_check_scaler_fit_scaler_a_fitted_sca(): nb.run(72)
def test_c073_def_check_padding_ignored_loss_func_f_pr(): nb.run(73)
def test_c074_def_check_class_loss_loss_func_f_logits(): nb.run(74)
def test_c076_x_y_next_iter_lm_train(): nb.run(76)
def test_c077_test_fail_lambda_check_lm_targets_x_y_fl(): nb.run(77)
def test_c080_def_run_nan_lr_opt_cbs(): nb.run(80)
def test_c082_t_rem_60(): nb.run(82)
def test_c083_fig_ax_plt_subplots_figsize_6_3_4(): nb.run(83)
def test_c085_class_carrystate_callback_the_bug_no_det(): nb.run(85)
def test_c087_class_mystep_callback(): nb.run(87)
def test_c089_def_run_bf_bf(): nb.run(89)
def test_c091_def_ce_wrong_axis_preds_y_return_f_nll_l(): nb.run(91)
def test_c093_g_torch_generator_manual_seed_0(): nb.run(93)
def test_c094_cur_the_loss_gets_preds_y_only_a_callbac(): nb.run(94)
def test_c096_class_clf_nn_module(): nb.run(96)
def test_c098_trend_series_torch_linspace_0_2_len_seri(): nb.run(98)
def test_c100_class_droplm_charlm(): nb.run(100)
def test_c102_def_shifted_s_b_32_t_32(): nb.run(102)
def test_c104_def_noise_ratio_bs(): nb.run(104)
def test_c106_def_frac_near_zero_a_layer_rnn(): nb.run(106)
def test_c108_torch_manual_seed_0(): nb.run(108)
