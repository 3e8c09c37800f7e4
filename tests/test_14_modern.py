# Generated from nbs/14_modern.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp modern'''),
(2, [], '''\
from __future__ import annotations
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.autograd import Function
from torch.autograd.function import once_differentiable
from fastcore.basics import patch'''),
(3, [], '''\
from fastcore.test import *
import copy, math, time
import matplotlib.pyplot as plt
from rnnbook.data import load_shakespeare, Vocab, tokenize_chars, LMWindows, adding_problem'''),
(7, [], '''\
def mingru_naive(x, lin_z, lin_h, act=nn.Identity()):
    "minGRU over `x` (B, T, F) as a loop that indexes step t of the gates; `act` is the candidate\'s activation"
    z, v = torch.sigmoid(lin_z(x)), act(lin_h(x))                  # (B, T, H) each
    h, hs = x.new_zeros(x.shape[0], lin_h.out_features), []
    for t in range(x.shape[1]):
        h = (1 - z[:, t]) * h + z[:, t] * v[:, t]; hs.append(h)
    return torch.stack(hs, 1)'''),
(8, [], '''\
torch.manual_seed(0)
B, T, F_in, H = 3, 7, 4, 5
lin_z, lin_h, x = nn.Linear(F_in, H), nn.Linear(F_in, H), torch.randn(B, T, F_in)
out = mingru_naive(x, lin_z, lin_h)
out.shape'''),
(10, [], '''\
def _check_seq(name, t):
    "Raise unless `t` is a 3-D floating-point tensor with at least one time step"
    if not isinstance(t, Tensor): raise TypeError(f"{name}: expected a Tensor, got {type(t).__name__}")
    if not t.is_floating_point(): raise TypeError(f"{name}: expected a floating-point tensor, got {t.dtype}")
    if t.dim() != 3 or t.shape[1] == 0: raise ValueError(f"{name}: expected shape (B, T, H) with T >= 1, got {tuple(t.shape)}")

def _check_scan(names, a, b, h0):
    "Raise unless `a`, `b` are (B, T, H) of one shape, dtype and device, and `h0` is None or (B, H) like them"
    _check_seq(names[0], a); _check_seq(names[1], b)
    if a.shape != b.shape: raise ValueError(f"{names[1]}: expected the shape of {names[0]}, {tuple(a.shape)}, got {tuple(b.shape)}")
    if (a.dtype, a.device) != (b.dtype, b.device): raise TypeError(f"{names[1]}: expected {a.dtype} on {a.device} like {names[0]}, got {b.dtype} on {b.device}")
    if h0 is None: return
    if not isinstance(h0, Tensor): raise TypeError(f"h0: expected a Tensor or None, got {type(h0).__name__}")
    if tuple(h0.shape) != (a.shape[0], a.shape[2]): raise ValueError(f"h0: expected shape (B, H) = {(a.shape[0], a.shape[2])}, got {tuple(h0.shape)}")
    if (h0.dtype, h0.device) != (a.dtype, a.device): raise TypeError(f"h0: expected {a.dtype} on {a.device}, got {h0.dtype} on {h0.device}")'''),
(11, [], '''\
def scan_sequential(a:Tensor,        # coefficients a_t (B, T, H)
                    b:Tensor,        # inputs b_t (B, T, H)
                    h0:Tensor=None,  # initial state (B, H); zeros if None
                   )->Tensor:        # h_1 .. h_T (B, T, H)
    "h_t = a_t ⊙ h_{t-1} + b_t, one step at a time, autograd recording each step"
    _check_scan((\'a\', \'b\'), a, b, h0)
    h, hs = (b.new_zeros(b.shape[0], b.shape[2]) if h0 is None else h0), []
    for a_t, b_t in zip(a.unbind(1), b.unbind(1)):
        h = torch.addcmul(b_t, a_t, h); hs.append(h)   # b_t + a_t ⊙ h
    return torch.stack(hs, 1)'''),
(12, [], '''\
z, v = torch.sigmoid(lin_z(x)), lin_h(x)
h_seq = scan_sequential(1 - z, z * v)
h_seq.shape, (h_seq - out).abs().max().item()'''),
(13, [], '''\
test_close(h_seq, out, eps=1e-6)
h0 = torch.randn(B, H)
test_close(scan_sequential(torch.zeros(B, T, H), torch.ones(B, T, H), h0), torch.ones(B, T, H))     # a = 0: forget everything
test_close(scan_sequential(torch.ones(B, T, H), torch.zeros(B, T, H), h0), h0[:, None].expand(B, T, H))  # a = 1, b = 0: keep h0
test_close(scan_sequential(torch.ones(1, 4, 1), torch.ones(1, 4, 1))[0, :, 0], torch.arange(1., 5.))   # a running sum
test_fail(lambda: scan_sequential(torch.ones(2, 3, 4), torch.ones(2, 3, 5)), contains=\'b: expected the shape of a, (2, 3, 4), got (2, 3, 5)\')
test_fail(lambda: scan_sequential(torch.ones(2, 3), torch.ones(2, 3)), contains=\'a: expected shape (B, T, H) with T >= 1, got (2, 3)\')
test_fail(lambda: scan_sequential(torch.ones(2, 0, 4), torch.ones(2, 0, 4)), contains=\'with T >= 1, got (2, 0, 4)\')
test_fail(lambda: scan_sequential(torch.ones(2, 3, 4, dtype=torch.long), torch.ones(2, 3, 4)), contains=\'a: expected a floating-point tensor, got torch.int64\')
test_fail(lambda: scan_sequential(torch.ones(2, 3, 4), torch.ones(2, 3, 4, dtype=torch.float64)), contains=\'b: expected torch.float32 on cpu like a\')
test_fail(lambda: scan_sequential(torch.ones(2, 3, 4), torch.ones(2, 3, 4), torch.ones(1, 2, 4)), contains=\'h0: expected shape (B, H) = (2, 4), got (1, 2, 4)\')
test_fail(lambda: scan_sequential(torch.ones(2, 3, 4), torch.ones(2, 3, 4), [0.]), contains=\'h0: expected a Tensor or None, got list\')'''),
(15, [], '''\
torch.manual_seed(0)
gru = nn.GRU(F_in, H, batch_first=True)
with torch.no_grad(): gru.weight_hh_l0.zero_(); gru.bias_hh_l0.zero_()
(W_r, W_z, W_n), (b_r, b_z, b_n) = gru.weight_ih_l0.chunk(3), gru.bias_ih_l0.chunk(3)   # torch\'s order: r, z, n
xg, h0 = torch.randn(B, T, F_in, requires_grad=True), torch.randn(B, H)
zt, nt = torch.sigmoid(xg @ W_z.T + b_z), torch.tanh(xg @ W_n.T + b_n)
ours, ref = scan_sequential(zt, (1 - zt) * nt, h0), gru(xg, h0[None])[0]
w = torch.randn(B, T, H)                                                       # a random weighting of the outputs
g_ours = torch.autograd.grad((ours * w).sum(), [gru.weight_ih_l0, xg])
g_ref = torch.autograd.grad((ref * w).sum(), [gru.weight_ih_l0, xg])
(ours - ref).abs().max().item(), max((a - b).abs().max().item() for a, b in zip(g_ours, g_ref))'''),
(16, [], '''\
test_close(ours, ref, eps=1e-6)
for a_, b_ in zip(g_ours, g_ref): test_close(a_, b_, eps=1e-5)'''),
(18, [], '''\
class _LerpScan(Function):
    "h_t = lerp(h_{t-1}, v_t, z_t) for t = 1..T; the backward is the same kind of scan, run from t = T down"
    @staticmethod
    def forward(ctx, z, v, h0):
        h = torch.empty(v.shape, dtype=v.dtype, device=v.device)
        prev = h0
        for z_t, v_t, h_t in zip(z.unbind(1), v.unbind(1), h.unbind(1)): prev = torch.lerp(prev, v_t, z_t, out=h_t)
        ctx.save_for_backward(z, v, h0, h)
        return h

    @staticmethod
    @once_differentiable
    def backward(ctx, gh):
        z, v, h0, h = ctx.saved_tensors
        a, d, zero = torch.rsub(z, 1), torch.empty_like(h), torch.zeros_like(h0)     # a_t = 1 - z_t; d holds δ
        prev = zero                                                                    # δ_{T+1} = 0
        for a_next, g_t, d_t in zip(reversed(a.unbind(1)[1:] + (zero,)), reversed(gh.unbind(1)), reversed(d.unbind(1))):
            prev = torch.addcmul(g_t, a_next, prev, out=d_t)                           # δ_t = g_t + a_{t+1} δ_{t+1}
        dz = torch.empty_like(h)                                                       # dz_t = δ_t (v_t - h_{t-1})
        torch.sub(v[:, 1:], h[:, :-1], out=dz[:, 1:]); torch.sub(v[:, 0], h0, out=dz[:, 0])
        return dz.mul_(d), d.mul(z), a[:, 0] * d[:, 0]'''),
(19, [], '''\
def scan_lerp(z:Tensor,        # gates z_t in [0, 1] (B, T, H)
              v:Tensor,        # candidates v_t (B, T, H)
              h0:Tensor=None,  # initial state (B, H); zeros if None
             )->Tensor:        # h_1 .. h_T (B, T, H)
    "h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ v_t: a loop forward and a loop backward, one autograd node in all"
    _check_scan((\'z\', \'v\'), z, v, h0)
    return _LerpScan.apply(z, v, v.new_zeros(v.shape[0], v.shape[2]) if h0 is None else h0)'''),
(21, [], '''\
torch.manual_seed(0)
z64 = torch.rand(3, 9, 4, dtype=torch.float64, requires_grad=True)
v64, h064 = torch.randn(3, 9, 4, dtype=torch.float64, requires_grad=True), torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
w = torch.randn(3, 9, 4, dtype=torch.float64)
g_lerp = torch.autograd.grad((scan_lerp(z64, v64, h064) * w).sum(), [z64, v64, h064])
g_loop = torch.autograd.grad((scan_sequential(1 - z64, z64 * v64, h064) * w).sum(), [z64, v64, h064])
max((a - b).abs().max().item() for a, b in zip(g_lerp, g_loop)), torch.autograd.gradcheck(scan_lerp, (z64, v64, h064))'''),
(22, [], '''\
for a_, b_ in zip(g_lerp, g_loop): test_close(a_, b_, eps=1e-12)
test_close(scan_lerp(z64, v64, h064), scan_sequential(1 - z64, z64 * v64, h064), eps=1e-12)
test_close(scan_lerp(1 - zt.detach(), nt.detach(), h0), ref.detach(), eps=1e-6)      # torch\'s GRU without W_hh, once more
test_eq(scan_lerp(torch.ones(2, 1, 3), torch.full((2, 1, 3), 5.)), torch.full((2, 1, 3), 5.))   # T = 1
zz = torch.rand(2, 5, 3, requires_grad=True)
scan_lerp(zz, torch.randn(2, 5, 3)).sum().backward(); test_eq(zz.grad.shape, (2, 5, 3))  # h0 None: no grad needed for it
test_fail(lambda: scan_lerp(torch.ones(2, 3, 4), torch.ones(2, 3, 4), torch.ones(4)), contains=\'h0: expected shape (B, H) = (2, 4), got (4,)\')
test_fail(lambda: scan_lerp(torch.ones(2, 3, 4), \'v\'), contains=\'v: expected a Tensor, got str\')'''),
(24, [], '''\
class _G(Function):
    "g(x) = max(x + 1/2, σ(x)); backward g\'(x) = 1 for x >= 0, else g (1 - g)"
    @staticmethod
    def forward(ctx, x):
        y = torch.sigmoid(x); torch.maximum(y, x + 0.5, out=y)
        ctx.save_for_backward(x, y)
        return y
    @staticmethod
    @once_differentiable
    def backward(ctx, gy):
        x, y = ctx.saved_tensors
        return torch.rsub(y, 1).mul_(y).masked_fill_(x >= 0, 1.).mul_(gy)

def g(x:Tensor # any real tensor
     )->Tensor:
    "Feng et al.\'s candidate activation: x + 1/2 for x >= 0, σ(x) below; positive and continuous"
    return _G.apply(x)

def log_g(x:Tensor # any real tensor
         )->Tensor:
    "log g(x) without forming g: log(x + 1/2) for x >= 0, log σ(x) = -softplus(-x) below"
    return torch.where(x >= 0, (F.relu(x) + 0.5).log(), F.logsigmoid(x))'''),
(25, [], '''\
xs = torch.linspace(-4, 4, 401)
fig, axs = plt.subplots(1, 2, figsize=(10, 3.4))
for f, lbl in [(g, \'$g(x)$\'), (torch.tanh, r\'$\\tanh(x)$ (the GRU)\'), (torch.sigmoid, r\'$\\sigma(x)$\')]: axs[0].plot(xs, f(xs), label=lbl)
axs[0].set(title=\'minGRU candidate activation g: positive, unbounded above\', xlabel=\'pre-activation x\', ylabel=\'value\'); axs[0].legend()
axs[1].plot(xs, log_g(xs)); axs[1].set(title=\'log g, as the parallel form uses it\', xlabel=\'pre-activation x\', ylabel=\'log g(x)\')
plt.tight_layout()'''),
(26, [], '''\
x64 = torch.linspace(-30, 30, 2001, dtype=torch.float64)
ref_g = torch.where(x64 >= 0, x64 + 0.5, torch.sigmoid(x64))                 # the definition, piece by piece
test_close(g(x64), ref_g, eps=1e-15); test_close(log_g(x64), ref_g.log(), eps=1e-13)
assert (g(torch.tensor([-50., -20., 0., 1e6])) > 0).all()
test_close(log_g(torch.tensor([-200.])), torch.tensor([-200.]))             # log σ(-200) = -200 + tiny, finite
assert torch.autograd.gradcheck(g, (torch.randn(40, dtype=torch.float64, requires_grad=True),))
xg0 = torch.tensor([-2., -1e-3, 0., 3.], requires_grad=True); g(xg0).sum().backward()
test_close(xg0.grad, torch.tensor([torch.sigmoid(torch.tensor(-2.)) * torch.sigmoid(torch.tensor(2.)), .25, 1., 1.]), eps=1e-4)'''),
(28, [], '''\
def scan_log(log_a:Tensor,       # log a_t (B, T, H)
             log_b:Tensor,       # log b_t (B, T, H), so b_t > 0
             h0:Tensor=None,     # initial state (B, H), any sign; zeros if None
            )->Tensor:           # h_1 .. h_T (B, T, H)
    "h_t = a_t ⊙ h_{t-1} + b_t for all t at once, in log space: `cumsum` and `logcumsumexp` over T (Heinsen 2023)"
    _check_scan((\'log_a\', \'log_b\'), log_a, log_b, h0)
    a_star = log_a.cumsum(1)                                           # log(a_1 ⋯ a_t)
    h = (a_star + (log_b - a_star).logcumsumexp(1)).exp()              # the state reached from h_0 = 0
    return h if h0 is None else h + a_star.exp() * h0.unsqueeze(1)     # plus what is left of h_0'''),
(29, [], '''\
torch.manual_seed(0)
k64, u64 = torch.randn(3, 50, 4, dtype=torch.float64), torch.randn(3, 50, 4, dtype=torch.float64)
z64, h064 = torch.sigmoid(k64), torch.randn(3, 4, dtype=torch.float64)
h_par = scan_log(F.logsigmoid(-k64), F.logsigmoid(k64) + log_g(u64), h064)
h_ref = scan_sequential(1 - z64, z64 * g(u64), h064)
(h_par - h_ref).abs().max().item()'''),
(30, [], '''\
test_close(h_par, h_ref, eps=1e-12)
la = torch.rand(2, 6, 3, dtype=torch.float64).log().requires_grad_(); lb = torch.randn(2, 6, 3, dtype=torch.float64, requires_grad=True)
assert torch.autograd.gradcheck(scan_log, (la, lb, torch.randn(2, 3, dtype=torch.float64, requires_grad=True)))
test_close(scan_log(torch.zeros(1, 4, 1), torch.zeros(1, 4, 1))[0, :, 0], torch.arange(1., 5.), eps=1e-6)   # a = 1, b = 1: a count
test_fail(lambda: scan_log(torch.zeros(1, 4, 1), torch.zeros(1, 4, 1), torch.zeros(1, 1, 1)), contains=\'h0: expected shape (B, H) = (1, 1), got (1, 1, 1)\')'''),
(32, [], '''\
def rel_err(h32, h64):
    "Largest absolute error of `h32` against the reference `h64`, relative to the largest |h64|"
    return ((h32.double() - h64).abs().max() / h64.abs().max()).item()

def scan_errors(T, C=64, B=2, H=64, seed=0):
    "Relative float32 error of the loop, the log-space scan and the chunked scan on random minGRU gates of length `T`"
    g_ = torch.Generator().manual_seed(seed)
    k, u = torch.randn(B, T, H, generator=g_, dtype=torch.float64), torch.randn(B, T, H, generator=g_, dtype=torch.float64)
    la, lb = F.logsigmoid(-k), F.logsigmoid(k) + log_g(u)
    ref = scan_lerp(torch.sigmoid(k), g(u))
    return dict(sequential=rel_err(scan_lerp(torch.sigmoid(k).float(), g(u).float()), ref),
                parallel=rel_err(scan_log(la.float(), lb.float()), ref),
                chunked=rel_err(scan_chunked(la.float(), lb.float(), chunk_size=C), ref))'''),
(34, [], '''\
def scan_chunked(log_a:Tensor,       # log a_t (B, T, H)
                 log_b:Tensor,       # log b_t (B, T, H), so b_t > 0
                 h0:Tensor=None,     # initial state (B, H), any sign; zeros if None
                 chunk_size:int=64,  # C: steps scanned at once; the T/C chunks follow one another
                )->Tensor:           # h_1 .. h_T (B, T, H)
    "`scan_log` inside chunks of `chunk_size` steps, all chunks at once; the state passed between chunks by `scan_sequential`"
    _check_scan((\'log_a\', \'log_b\'), log_a, log_b, h0)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size: expected an int >= 1, got {chunk_size!r}")
    B, T, H = log_a.shape
    C = min(chunk_size, T); n = -(-T // C)
    pad = (0, 0, 0, n * C - T)                                      # steps after the end change nothing before it
    la, lb = F.pad(log_a, pad).reshape(B * n, C, H), F.pad(log_b, pad).reshape(B * n, C, H)
    A = la.cumsum(1).exp().view(B, n, C, H)                         # products of a from the start of each chunk
    h_loc = scan_log(la, lb).view(B, n, C, H)                       # each chunk from a zero state
    s = scan_sequential(A[:, :, -1], h_loc[:, :, -1], h0)           # (B, n, H): the state at the end of each chunk
    s_in = torch.cat([s.new_zeros(B, 1, H) if h0 is None else h0[:, None], s[:, :-1]], 1)   # ... and entering it
    return (h_loc + A * s_in[:, :, None]).reshape(B, n * C, H)[:, :T]'''),
(35, [], '''\
Ts = [2**k for k in range(6, 15)]
errs = {T: scan_errors(T) for T in Ts}
for T_e in (256, 4096, 16384): print(T_e, {k: f\'{v:.1e}\' for k, v in errs[T_e].items()})'''),
(36, [], '''\
fig, ax = plt.subplots(figsize=(7, 4))
for k in (\'parallel\', \'chunked\', \'sequential\'): ax.loglog(Ts, [errs[T][k] for T in Ts], \'o-\', label=k + (\' (C = 64)\' if k == \'chunked\' else \'\'))
ax.axhline(1e-5, color=\'gray\', ls=\'--\', label=\'target 1e-5\')
ax.set(title=\'float32 error of the three forms against a float64 loop\', xlabel=\'sequence length T (steps)\',
       ylabel=\'max |error| / max |h|\'); ax.legend();'''),
(38, [], '''\
assert errs[16384][\'parallel\'] > 10 * errs[256][\'parallel\']                  # the drift grows with T
assert max(errs[T][\'chunked\'] for T in Ts) < 1e-5 and max(errs[T][\'sequential\'] for T in Ts) < 1e-6
la64, lb64 = torch.randn(2, 37, 3, dtype=torch.float64).sigmoid().log(), torch.randn(2, 37, 3, dtype=torch.float64)
h0c = torch.randn(2, 3, dtype=torch.float64)
for C in (1, 4, 5, 37, 100):                                                 # T not a multiple of C, C > T, C = 1
    test_close(scan_chunked(la64, lb64, h0c, C), scan_sequential(la64.exp(), lb64.exp(), h0c), eps=1e-12)
assert torch.autograd.gradcheck(lambda a_, b_, h_: scan_chunked(a_, b_, h_, 4), (la64[:, :9].requires_grad_(), lb64[:, :9].requires_grad_(), h0c.requires_grad_()))
test_fail(lambda: scan_chunked(la64, lb64, chunk_size=0), contains=\'chunk_size: expected an int >= 1, got 0\')
test_fail(lambda: scan_chunked(la64, lb64, chunk_size=2.5), contains=\'chunk_size: expected an int >= 1, got 2.5\')'''),
(40, [], '''\
import ipywidgets as widgets
def show_chunk(C):
    e = scan_errors(4096, C=C)[\'chunked\']
    print(f"C = {C:4}: relative float32 error {e:.1e}; {4096 // C} chunk-to-chunk steps + {C} (or ~{max(1, int(math.log2(C)))}) inside a chunk")
widgets.interact(show_chunk, C=widgets.SelectionSlider(options=[2**k for k in range(13)], value=64));'''),
(42, [], '''\
MODES = (\'sequential\', \'parallel\', \'chunked\')

class MinRNNBase(nn.Module):
    "A layer whose gates read only x_t: h_t = a_t ⊙ h_{t-1} + b_t, computed as `mode` says; subclasses give the gates"
    gates = ()  # names of the linear maps of x, created as `linear_<name>`
    def __init__(self, input_size:int,   # F, features of each input step
                 hidden_size:int,        # H, size of the state
                 bias:bool=True,         # biases in the linear maps
                 batch_first:bool=True,  # x and out are (B, T, ·); else (T, B, ·)
                 mode:str=\'sequential\',  # \'sequential\' (loop), \'parallel\' (log-space scan) or \'chunked\'
                 chunk_size:int=64,      # C, steps per chunk in mode \'chunked\'
                 device=None,            # device of the parameters
                 dtype=None):            # dtype of the parameters
        super().__init__()
        cls = type(self).__name__
        for k, v in dict(input_size=input_size, hidden_size=hidden_size, chunk_size=chunk_size).items():
            if isinstance(v, bool) or not isinstance(v, int) or v < 1: raise ValueError(f"{cls}: {k} expected an int >= 1, got {v!r}")
        for k, v in dict(bias=bias, batch_first=batch_first).items():
            if not isinstance(v, bool): raise TypeError(f"{cls}: {k} expected a bool, got {type(v).__name__}")
        self.input_size, self.hidden_size, self.bias, self.batch_first = input_size, hidden_size, bias, batch_first
        self.mode, self.chunk_size = self._check_mode(mode), chunk_size
        for name in self.gates: setattr(self, f\'linear_{name}\', nn.Linear(input_size, hidden_size, bias, device=device, dtype=dtype))

    def _check_mode(self, mode):
        if mode not in MODES: raise ValueError(f"{type(self).__name__}: mode expected one of {\', \'.join(map(repr, MODES))}, got {mode!r}")
        return mode

    def lerp_coeffs(self, x): raise NotImplementedError   # (z, v), each (B, T, H)
    def log_coeffs(self, x): raise NotImplementedError    # (log a, log b), each (B, T, H)
    def extra_repr(self):
        return f"{self.input_size}, {self.hidden_size}, mode={self.mode!r}" + (f", chunk_size={self.chunk_size}" if self.mode == \'chunked\' else \'\')'''),
(43, [], '''\
@patch
def _inputs(self:MinRNNBase, x, h):
    "`x` as (B, T, F) and `h` as (B, H) or None, after checking both"
    cls, w = type(self).__name__, self.linear_h.weight
    if not isinstance(x, Tensor): raise TypeError(f"{cls}: expected input to be a Tensor, got {type(x).__name__}")
    layout = \'(B, T, F)\' if self.batch_first else \'(T, B, F)\'
    if x.dim() != 3 or x.shape[-1] != self.input_size or 0 in x.shape:
        raise ValueError(f"{cls}: expected input of shape {layout} with F={self.input_size} and B, T >= 1, got {tuple(x.shape)}")
    if (x.dtype, x.device) != (w.dtype, w.device): raise TypeError(f"{cls}: input is {x.dtype} on {x.device} but the parameters are {w.dtype} on {w.device}")
    if not self.batch_first: x = x.transpose(0, 1)
    if h is None: return x, None
    want = (1, x.shape[0], self.hidden_size)
    if not isinstance(h, Tensor) or tuple(h.shape) != want:
        raise ValueError(f"{cls}: expected h of shape (1, B, H) = {want}, got {tuple(h.shape) if isinstance(h, Tensor) else type(h).__name__}")
    if (h.dtype, h.device) != (w.dtype, w.device): raise TypeError(f"{cls}: h is {h.dtype} on {h.device} but the parameters are {w.dtype} on {w.device}")
    return x, h[0]'''),
(44, [], '''\
@patch
def forward(self:MinRNNBase, x, h=None):
    "`x` (B, T, F), or (T, B, F) if not `batch_first`; `h` (1, B, H) or None -> `out` (B, T, H) (or (T, B, H)), `h_n` (1, B, H)"
    mode = self._check_mode(self.mode)
    x, h = self._inputs(x, h)
    if mode == \'sequential\': out = scan_lerp(*self.lerp_coeffs(x), h)
    elif mode == \'parallel\': out = scan_log(*self.log_coeffs(x), h)
    else: out = scan_chunked(*self.log_coeffs(x), h, self.chunk_size)
    return (out if self.batch_first else out.transpose(0, 1)), out[:, -1].unsqueeze(0)'''),
(46, [], '''\
class MinGRU(MinRNNBase):
    "minGRU (Feng et al. 2024): z = σ(x W_zᵀ + b_z), h̃ = g(x W_hᵀ + b_h), h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ h̃_t"
    gates = (\'z\', \'h\')
    def lerp_coeffs(self, x): return torch.sigmoid(self.linear_z(x)), g(self.linear_h(x))
    def log_coeffs(self, x):
        k = self.linear_z(x)
        return F.logsigmoid(-k), F.logsigmoid(k) + log_g(self.linear_h(x))      # log(1 - z), log z + log h̃

class MinLSTM(MinRNNBase):
    "minLSTM (Feng et al. 2024): f, i = σ(x Wᵀ + b), h̃ = g(x W_hᵀ + b_h), h_t = f/(f+i) ⊙ h_{t-1} + i/(f+i) ⊙ h̃_t"
    gates = (\'f\', \'i\', \'h\')
    def lerp_coeffs(self, x):
        f, i = torch.sigmoid(self.linear_f(x)), torch.sigmoid(self.linear_i(x))
        return i / (f + i), g(self.linear_h(x))                                  # i\' = 1 - f\'
    def log_coeffs(self, x):
        d = F.logsigmoid(self.linear_i(x)) - F.logsigmoid(self.linear_f(x))     # log i - log f
        return F.logsigmoid(-d), F.logsigmoid(d) + log_g(self.linear_h(x))      # log f\', log i\' + log h̃'''),
(47, [], '''\
torch.manual_seed(0)
m = MinGRU(F_in, H)
out, h_n = m(torch.randn(B, T, F_in))
m, out.shape, h_n.shape'''),
(49, [], '''\
def mode_gaps(cls, T=300, seed=0):
    "Relative gaps (max |Δ| / max |reference|) of outputs and of input/state/parameter gradients between each mode and \'sequential\' (float64)"
    torch.manual_seed(seed)
    m, w = cls(4, 6, dtype=torch.float64, chunk_size=32), torch.randn(2, T, 6, dtype=torch.float64)
    x, h = torch.randn(2, T, 4, dtype=torch.float64, requires_grad=True), torch.randn(1, 2, 6, dtype=torch.float64, requires_grad=True)
    res = {}
    for mode in MODES:
        m.mode = mode; out, h_n = m(x, h)
        res[mode] = (out, torch.autograd.grad((out * w).sum() + h_n.sum(), [x, h, *m.parameters()]))
    return {k: (rel_err(o, res[\'sequential\'][0]), max(rel_err(a, b) for a, b in zip(gs, res[\'sequential\'][1]))) for k, (o, gs) in res.items() if k != \'sequential\'}
gaps = {cls.__name__: mode_gaps(cls) for cls in (MinGRU, MinLSTM)}
gaps'''),
(50, [], '''\
for name, gp in gaps.items():
    for mode, (e_out, e_grad) in gp.items(): assert e_out < 1e-10 and e_grad < 1e-10, (name, mode, e_out, e_grad)'''),
(52, [], '''\
torch.manual_seed(0)
m32 = MinGRU(128, 128); m64 = copy.deepcopy(m32).double()
x4k = torch.randn(16, 4096, 128)
with torch.no_grad():
    ref4k = m64(x4k.double())[0]
    prec = {}
    for mode in MODES: m32.mode = mode; prec[mode] = rel_err(m32(x4k)[0], ref4k)
{k: f\'{v:.1e}\' for k, v in prec.items()}'''),
(53, [], '''\
test_eq(prec[\'chunked\'] < 1e-5, True); test_eq(prec[\'sequential\'] < 1e-5, True)
test_eq(prec[\'parallel\'] > 1e-5, True)         # the drift this section is about
del x4k, ref4k'''),
(54, [], '''\
# both layers: shapes, layout, carried state, errors
for cls in (MinGRU, MinLSTM):
    for mode in MODES:
        torch.manual_seed(0); mm = cls(3, 5, mode=mode, chunk_size=4)
        xx = torch.randn(2, 11, 3)
        o, hn = mm(xx); test_eq(o.shape, (2, 11, 5)); test_eq(hn.shape, (1, 2, 5)); test_close(hn[0], o[:, -1])
        o1, s = mm(xx[:, :6]); o2, s2 = mm(xx[:, 6:], s)                 # two halves, the state handed over
        test_close(torch.cat([o1, o2], 1), o, eps=1e-5); test_close(s2, hn, eps=1e-5)
        mt = copy.deepcopy(mm); mt.batch_first = False
        ot, hnt = mt(xx.transpose(0, 1)); test_close(ot.transpose(0, 1), o); test_close(hnt, hn)
test_eq([n for n, _ in MinGRU(3, 5).named_parameters()], [\'linear_z.weight\', \'linear_z.bias\', \'linear_h.weight\', \'linear_h.bias\'])
test_eq(sum(p.numel() for p in MinLSTM(3, 5, bias=False).parameters()), 3 * 5 * 3)
test_eq(repr(MinGRU(3, 5, mode=\'chunked\', chunk_size=8)), "MinGRU(\\n  3, 5, mode=\'chunked\', chunk_size=8\\n  (linear_z): Linear(in_features=3, out_features=5, bias=True)\\n  (linear_h): Linear(in_features=3, out_features=5, bias=True)\\n)")
test_fail(lambda: MinGRU(3, 5, mode=\'fast\'), contains="MinGRU: mode expected one of \'sequential\', \'parallel\', \'chunked\', got \'fast\'")
test_fail(lambda: MinGRU(3, 0), contains=\'MinGRU: hidden_size expected an int >= 1, got 0\')
test_fail(lambda: MinLSTM(3.0, 5), contains=\'MinLSTM: input_size expected an int >= 1, got 3.0\')
test_fail(lambda: MinGRU(3, 5, chunk_size=0), contains=\'MinGRU: chunk_size expected an int >= 1, got 0\')
test_fail(lambda: MinGRU(3, 5, batch_first=1), contains=\'MinGRU: batch_first expected a bool, got int\')
mm = MinGRU(3, 5)
test_fail(lambda: mm(torch.randn(2, 4, 7)), contains=\'MinGRU: expected input of shape (B, T, F) with F=3 and B, T >= 1, got (2, 4, 7)\')
test_fail(lambda: mm(torch.randn(2, 0, 3)), contains=\'got (2, 0, 3)\')
test_fail(lambda: mm(torch.randn(4, 3)), contains=\'got (4, 3)\')
test_fail(lambda: mm(torch.randn(2, 4, 3, dtype=torch.float64)), contains=\'MinGRU: input is torch.float64 on cpu but the parameters are torch.float32 on cpu\')
test_fail(lambda: mm(torch.randn(2, 4, 3), torch.zeros(2, 5)), contains=\'MinGRU: expected h of shape (1, B, H) = (1, 2, 5), got (2, 5)\')
test_fail(lambda: mm([[1.]]), contains=\'MinGRU: expected input to be a Tensor, got list\')
test_fail(lambda: mm(torch.randn(2, 4, 3), torch.zeros(1, 2, 5, dtype=torch.float64)), contains=\'MinGRU: h is torch.float64 on cpu but the parameters are torch.float32\')
mm.mode = \'parallel \'; test_fail(lambda: mm(torch.randn(2, 4, 3)), contains="got \'parallel \'")   # checked again at call time
test_eq(MinGRU(3, 5, dtype=torch.float64)(torch.randn(2, 4, 3, dtype=torch.float64))[0].dtype, torch.float64)'''),
(56, [], '''\
n_par = lambda m: sum(p.numel() for p in m.parameters())
sizes = {name: n_par(mk) for name, mk in [(\'minGRU\', MinGRU(128, 128)), (\'minLSTM\', MinLSTM(128, 128)),
                                           (\'nn.GRU\', nn.GRU(128, 128)), (\'nn.LSTM\', nn.LSTM(128, 128))]}
sizes'''),
(57, [], '''\
F_, H_ = 128, 128
test_eq(sizes, {\'minGRU\': 2*H_*(F_+1), \'minLSTM\': 3*H_*(F_+1), \'nn.GRU\': 3*H_*(F_+H_+2), \'nn.LSTM\': 4*H_*(F_+H_+2)})'''),
(59, [], '''\
def mingru_loop(x, lin_z, lin_h):
    "minGRU as an autograd-recorded loop over `unbind` views, with torch.lerp"
    z, v = torch.sigmoid(lin_z(x)), g(lin_h(x))
    h, hs = x.new_zeros(x.shape[0], lin_h.out_features), []
    for z_t, v_t in zip(z.unbind(1), v.unbind(1)):
        h = torch.lerp(h, v_t, z_t); hs.append(h)
    return torch.stack(hs, 1)

def best_of(f, reps=3):
    "Best wall-clock seconds of `reps` calls of `f`"
    ts = []
    for _ in range(reps): t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return min(ts)

def fwd_bwd_times(fns, x, reps=3):
    "Best-of-`reps` seconds of forward + backward (of the sum) for each function of `x` in `fns`, taking turns"
    ts = {k: [] for k in fns}
    for _ in range(reps):
        for k, f in fns.items():
            t0 = time.perf_counter(); f(x).sum().backward(); ts[k].append(time.perf_counter() - t0)
    return {k: min(v) for k, v in ts.items()}'''),
(60, [], '''\
torch.manual_seed(0)
Bb, Db = 16, 128
mg = MinGRU(Db, Db); ref_gru, ref_lstm = nn.GRU(Db, Db, batch_first=True), nn.LSTM(Db, Db, batch_first=True)
def mode_fn(mode):
    def f(x): mg.mode = mode; return mg(x)[0]
    return f
forms = {\'naive loop (z[:, t])\': lambda x: mingru_naive(x, mg.linear_z, mg.linear_h, act=g),
         \'loop, autograd\': lambda x: mingru_loop(x, mg.linear_z, mg.linear_h),
         **{f"minGRU {mode}": mode_fn(mode) for mode in MODES},
         \'nn.GRU\': lambda x: ref_gru(x)[0], \'nn.LSTM\': lambda x: ref_lstm(x)[0]}'''),
(61, [], '''\
t256 = fwd_bwd_times(forms, torch.randn(Bb, 256, Db, requires_grad=True))
for k, v in t256.items(): print(f"{k:22} {v*1e3:7.1f} ms   nn.GRU / this = {t256[\'nn.GRU\'] / v:5.2f}")'''),
(63, [], '''\
t4k = fwd_bwd_times({\'minGRU sequential\': mode_fn(\'sequential\'), \'nn.GRU\': forms[\'nn.GRU\']}, torch.randn(Bb, 4096, Db, requires_grad=True), reps=3)
speedup_4k = t4k[\'nn.GRU\'] / t4k[\'minGRU sequential\']
print({k: f\'{v:.2f} s\' for k, v in t4k.items()}, f"-> minGRU is {speedup_4k:.1f}x faster than nn.GRU at T = 4096")'''),
(65, [], '''\
def width_sweep(Hs, T=1024, reps=3):
    "Forward+backward seconds of minGRU\'s sequential and parallel modes for one sequence of `T` steps, per width H"
    res = {}
    for H_w in Hs:
        torch.manual_seed(0); mw = MinGRU(H_w, H_w)
        def run(mode):
            def f(x): mw.mode = mode; return mw(x)[0]
            return f
        res[H_w] = fwd_bwd_times({\'sequential\': run(\'sequential\'), \'parallel\': run(\'parallel\')}, torch.randn(1, T, H_w, requires_grad=True), reps)
    return res
wsw = width_sweep([1, 4, 16, 64, 256, 1024])
for H_w, r in wsw.items(): print(f"B·H = {H_w:5}: sequential {r[\'sequential\']*1e3:6.1f} ms, parallel {r[\'parallel\']*1e3:6.1f} ms, sequential/parallel = {r[\'sequential\']/r[\'parallel\']:5.2f}")'''),
(66, [], '''\
fig, ax = plt.subplots(figsize=(7, 4))
for k in (\'sequential\', \'parallel\'): ax.loglog(list(wsw), [r[k] for r in wsw.values()], \'o-\', label=f\'minGRU {k}\')
ax.set(title=\'Overhead against work: T = 1024, one sequence, forward + backward\', xlabel=\'channels B·H\', ylabel=\'time (s)\'); ax.legend();'''),
(68, ['slow'], '''\
sweep_T = [64, 128, 256, 512, 1024, 2048, 4096]
sweep = {}
for T_s in sweep_T:
    fs = {k: f for k, f in forms.items() if not (k.startswith(\'naive\') and T_s > 1024)}
    sweep[T_s] = fwd_bwd_times(fs, torch.randn(Bb, T_s, Db, requires_grad=True))
    print(T_s, {k: f\'{v*1e3:.0f} ms\' for k, v in sweep[T_s].items()}, flush=True)'''),
(69, ['slow'], '''\
fig, ax = plt.subplots(figsize=(8, 5))
for k in forms: ax.loglog([T_s for T_s in sweep_T if k in sweep[T_s]], [sweep[T_s][k] for T_s in sweep_T if k in sweep[T_s]], \'o-\', label=k)
ax.set(title=\'Forward + backward time, B = 16, F = H = 128, 2-core CPU\', xlabel=\'sequence length T (steps)\', ylabel=\'time (s)\'); ax.legend(fontsize=8)
best = min((k for k in forms if k.startswith(\'minGRU\')), key=lambda k: sweep[4096][k])
print(f"fastest minGRU form at T = 4096: {best}, {sweep[4096][\'nn.GRU\'] / sweep[4096][best]:.1f}x faster than nn.GRU",
      f"and {sweep[4096][\'nn.LSTM\'] / sweep[4096][best]:.1f}x faster than nn.LSTM; naive loop / sequential at T = 1024: {sweep[1024][\'naive loop (z[:, t])\'] / sweep[1024][\'minGRU sequential\']:.0f}x")'''),
(72, [], '''\
def train_for(model, next_batch, loss_fn, seconds, lr=3e-3, clip=1.0):
    "Adam on batches `next_batch(step)` until `seconds` of wall-clock time have passed; returns the number of steps"
    opt, n, t0 = torch.optim.Adam(model.parameters(), lr=lr), 0, time.perf_counter()
    model.train()
    while time.perf_counter() - t0 < seconds:
        xb, yb = next_batch(n); loss = loss_fn(model(xb), yb)
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), clip); opt.step(); n += 1
    return n'''),
(73, [], '''\
def make_core(kind, n_in, H):
    "A batch-first recurrent layer: \'gru\', \'lstm\' (torch\'s) or \'mingru\'"
    return {\'gru\': lambda: nn.GRU(n_in, H, batch_first=True), \'lstm\': lambda: nn.LSTM(n_in, H, batch_first=True),
            \'mingru\': lambda: MinGRU(n_in, H)}[kind]()

class SeqNet(nn.Module):
    "Optional embedding -> `n_layers` recurrent layers of `kind` -> linear head at every step"
    def __init__(self, kind, n_in, H, n_out, n_layers=1, vocab=None):
        super().__init__()
        self.emb = nn.Embedding(vocab, n_in) if vocab else nn.Identity()
        self.cores = nn.ModuleList(make_core(kind, n_in if l == 0 else H, H) for l in range(n_layers))
        self.head = nn.Linear(H, n_out)
    def forward(self, x):
        a = self.emb(x)
        for core in self.cores: a, _ = core(a)
        return self.head(a)'''),
(75, [], '''\
train_text, valid_text = load_shakespeare(\'train\'), load_shakespeare(\'valid\')
vocab = Vocab(tokenize_chars(train_text)); V = len(vocab)
train_ids, valid_ids = torch.tensor(vocab.encode(train_text)), torch.tensor(vocab.encode(valid_text))
xv = valid_ids[:64 * 257].view(64, 257)                                              # 64 x 256 predictions
lm_loss = lambda out, y: F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
x_add, y_add = adding_problem(2000, 100, seed=10_000)
add_loss = lambda out, y: F.mse_loss(out[:, -1, 0], y)
MODELS = [(\'GRU\', \'gru\', 1), (\'LSTM\', \'lstm\', 1), (\'minGRU\', \'mingru\', 1), (\'minGRU x2\', \'mingru\', 2)]'''),
(76, [], '''\
def compare(seconds):
    "Train every model of MODELS for `seconds` on each task; {name: (steps, bits/char, steps, adding MSE)}"
    res = {}
    for name, kind, L in MODELS:
        torch.manual_seed(0); lm = SeqNet(kind, 32, 128, V, L, vocab=V); wins = iter(LMWindows(train_ids, 32, 128, 20_000, seed=0))
        n_lm = train_for(lm, lambda i: next(wins), lm_loss, seconds); lm.eval()
        with torch.no_grad(): bpc = lm_loss(lm(xv[:, :-1]), xv[:, 1:]).item() / math.log(2)
        torch.manual_seed(0); am = SeqNet(kind, 2, 64, 1, L)
        n_add = train_for(am, lambda i: adding_problem(64, 100, seed=i), add_loss, seconds); am.eval()
        with torch.no_grad(): mse = add_loss(am(x_add), y_add).item()
        res[name] = (n_lm, bpc, n_add, mse)
    return res

def show(res):
    print(f"{\'model\':10} {\'LM steps\':>8} {\'bits/char\':>9} {\'add steps\':>9} {\'add MSE\':>8}")
    for k, (a, b, c, d) in res.items(): print(f"{k:10} {a:8} {b:9.3f} {c:9} {d:8.4f}")'''),
(77, [], '''\
quick = compare(1.5)
show(quick)'''),
(78, [], '''\
for k, (a, b, c, d) in quick.items(): assert b < math.log2(V) and a > 0 and c > 0, k   # every model learned something'''),
(79, ['slow'], '''\
long = compare(30.0)
show(long)'''),
(82, [], '''\
def quantize_per_row(w:Tensor, # a floating-point weight (R, C)
                     bits:int=8 # bits per weight: values in [-(2^(bits-1) - 1), 2^(bits-1) - 1]
                    )->tuple:
    "Symmetric per-row quantisation of `w`: integers `q` (R, C) (int8 storage) and scales `s` (R,), with `w ≈ s[:, None] * q`"
    if not isinstance(w, Tensor) or not w.is_floating_point(): raise TypeError(f"w: expected a floating-point tensor, got {type(w).__name__ if not isinstance(w, Tensor) else w.dtype}")
    if w.dim() != 2: raise ValueError(f"w: expected a 2-D weight (R, C), got shape {tuple(w.shape)}")
    if isinstance(bits, bool) or not isinstance(bits, int) or not 2 <= bits <= 8: raise ValueError(f"bits: expected an int in 2..8, got {bits!r}")
    qmax = 2 ** (bits - 1) - 1
    s = w.detach().abs().amax(1) / qmax
    s = torch.where(s > 0, s, torch.ones_like(s))                  # an all-zero row: any scale works
    return (w.detach() / s[:, None]).round().clamp(-qmax, qmax).to(torch.int8), s

def dequantize_per_row(q:Tensor, # integers (R, C), int8
                       s:Tensor  # scales (R,)
                      )->Tensor:
    "The float32 weight `s[:, None] * q` back from `quantize_per_row`"
    if not isinstance(q, Tensor) or q.dtype != torch.int8 or q.dim() != 2: raise TypeError(f"q: expected a 2-D int8 tensor, got {q.dtype if isinstance(q, Tensor) else type(q).__name__} of shape {tuple(getattr(q, \'shape\', ()))}")
    if not isinstance(s, Tensor) or s.shape != q.shape[:1]: raise ValueError(f"s: expected one scale per row, shape ({q.shape[0]},), got {tuple(getattr(s, \'shape\', ()))}")
    return s[:, None].float() * q.float()'''),
(83, [], '''\
torch.manual_seed(0)
w_q = torch.randn(4, 6) * torch.tensor([[0.01], [0.1], [1.], [10.]])      # rows on very different scales
q_q, s_q = quantize_per_row(w_q)
err_row = (dequantize_per_row(q_q, s_q) - w_q).abs()
s_t = w_q.abs().max() / 127                                                # one scale for the whole tensor
err_tensor = (w_q / s_t).round().clamp(-127, 127) * s_t - w_q
print(q_q[0].tolist(), q_q.dtype)
print(f"largest error relative to each row\'s largest weight: per row {(err_row.amax(1) / w_q.abs().amax(1)).max():.4f}, per tensor {(err_tensor.abs().amax(1) / w_q.abs().amax(1)).max():.4f}")'''),
(85, [], '''\
assert (err_row <= s_q[:, None] / 2 + 1e-6).all()                                   # the bound above
test_eq(q_q.abs().amax(1).tolist(), [127] * 4); test_eq(q_q.dtype, torch.int8)
q4, s4 = quantize_per_row(w_q, bits=4); test_eq(q4.abs().max().item(), 7)
test_eq(dequantize_per_row(*quantize_per_row(torch.zeros(2, 3))), torch.zeros(2, 3))
test_fail(lambda: quantize_per_row(torch.ones(3)), contains=\'w: expected a 2-D weight (R, C), got shape (3,)\')
test_fail(lambda: quantize_per_row(torch.ones(3, 2, dtype=torch.int64)), contains=\'w: expected a floating-point tensor, got torch.int64\')
test_fail(lambda: quantize_per_row(w_q, bits=9), contains=\'bits: expected an int in 2..8, got 9\')
test_fail(lambda: dequantize_per_row(q_q.float(), s_q), contains=\'q: expected a 2-D int8 tensor\')
test_fail(lambda: dequantize_per_row(q_q, s_q[:2]), contains=\'s: expected one scale per row, shape (4,), got (2,)\')'''),
(87, [], '''\
def int8_state_dict(sd:dict)->dict:
    "`sd` with each 2-D floating tensor `k` stored as `k + \'.q\'` (int8) and `k + \'.s\'` (per-row scales); other tensors kept"
    if not isinstance(sd, dict): raise TypeError(f"sd: expected a state dict (a dict of tensors), got {type(sd).__name__}")
    out = {}
    for k, v in sd.items():
        if isinstance(v, Tensor) and v.is_floating_point() and v.dim() == 2: out[k + \'.q\'], out[k + \'.s\'] = quantize_per_row(v)
        else: out[k] = v
    return out

def from_int8_state_dict(sd:dict)->dict:
    "The float32 state dict back from `int8_state_dict`"
    if not isinstance(sd, dict): raise TypeError(f"sd: expected a dict from int8_state_dict, got {type(sd).__name__}")
    out = {k: v for k, v in sd.items() if not k.endswith((\'.q\', \'.s\'))}
    for k in [k[:-2] for k in sd if k.endswith(\'.q\')]:
        if k + \'.s\' not in sd: raise ValueError(f"sd: {k + \'.q\'} has no scales {k + \'.s\'}")
        out[k] = dequantize_per_row(sd[k + \'.q\'], sd[k + \'.s\'])
    return out'''),
(89, [], '''\
from rnnbook.lm import train_lm, evaluate, generate, CharLM, lm_data
import io, warnings
lm_learn, lm_vocab = train_lm(\'lstm\', seconds=6, hidden_size=256, n_reports=1, progress=False, seed=0)
lm_f32 = lm_learn.model.eval(); val_ids = lm_data(\'valid\')[1][:50_000]

def saved_bytes(obj):
    "Bytes `torch.save` writes for `obj`"
    buf = io.BytesIO(); torch.save(obj, buf); return buf.getbuffer().nbytes

lm_int8 = CharLM(**lm_f32.hparams).eval()
lm_int8.load_state_dict(from_int8_state_dict(int8_state_dict(lm_f32.state_dict())))
q_report = {name: dict(mb=saved_bytes(sd) / 1e6, loss=evaluate(m, val_ids)[\'loss\'])
            for name, m, sd in [(\'float32\', lm_f32, lm_f32.state_dict()), (\'int8 per row (ours)\', lm_int8, int8_state_dict(lm_f32.state_dict()))]}
for k, r in q_report.items(): print(f"{k:>22}: {r[\'mb\']:.2f} MB, valid {r[\'loss\']:.4f} nats/char")'''),
(90, [], '''\
sd8 = int8_state_dict(lm_f32.state_dict()); test_eq(sd8[\'head.weight.q\'].dtype, torch.int8); test_eq(sd8[\'layers.0.bias_hh_l0\'], lm_f32.state_dict()[\'layers.0.bias_hh_l0\'])
assert q_report[\'int8 per row (ours)\'][\'mb\'] < 0.3 * q_report[\'float32\'][\'mb\']
assert abs(q_report[\'int8 per row (ours)\'][\'loss\'] - q_report[\'float32\'][\'loss\']) < 0.02
test_fail(lambda: int8_state_dict([1]), contains=\'sd: expected a state dict (a dict of tensors), got list\')
test_fail(lambda: from_int8_state_dict({\'w.q\': sd8[\'head.weight.q\']}), contains=\'sd: w.q has no scales w.s\')'''),
(92, [], '''\
def dynamic_int8(model:nn.Module)->nn.Module:
    "A copy of `model` with its `nn.LSTM`, `nn.GRU` and `nn.Linear` modules dynamically quantised to int8 (torch.ao, CPU only)"
    if not isinstance(model, nn.Module): raise TypeError(f"model: expected an nn.Module, got {type(model).__name__}")
    import copy, warnings
    with warnings.catch_warnings():
        warnings.simplefilter(\'ignore\')                       # torch.ao.quantization is deprecated (torchao replaces it)
        from torch.ao.quantization import quantize_dynamic
        return quantize_dynamic(copy.deepcopy(model).cpu().eval(), {nn.LSTM, nn.GRU, nn.Linear}, dtype=torch.qint8)'''),
(93, [], '''\
lm_dyn = dynamic_int8(lm_f32)
print(type(lm_dyn.layers[0]).__name__, type(lm_dyn.head).__name__)
x_q = val_ids[:200][None]
with torch.no_grad(): d_out = (lm_dyn(x_q)[0] - lm_f32(x_q)[0]).abs().max().item()
q_report[\'int8 dynamic (torch)\'] = dict(mb=saved_bytes(lm_dyn.state_dict()) / 1e6, loss=evaluate(lm_dyn, val_ids)[\'loss\'])

def chars_per_s(m, n=300):
    "Characters per second that `generate` draws from `m` (state carried, one step per character)"
    t0 = time.perf_counter(); generate(m, lm_vocab, \'ROMEO:\\n\', n, seed=0); return n / (time.perf_counter() - t0)
speed = {k: [] for k in q_report}
for _ in range(3):                                     # taking turns, best of three
    for k, m in [(\'float32\', lm_f32), (\'int8 per row (ours)\', lm_int8), (\'int8 dynamic (torch)\', lm_dyn)]: speed[k].append(chars_per_s(m))
for k, r in q_report.items(): print(f"{k:>22}: {r[\'mb\']:.2f} MB, valid {r[\'loss\']:.4f} nats/char, {max(speed[k]):5.0f} chars/s ({max(speed[k]) / max(speed[\'float32\']):.2f}x)")
print(f"largest change of a logit: {d_out:.1e}")'''),
(94, [], '''\
assert q_report[\'int8 dynamic (torch)\'][\'mb\'] < 0.4 * q_report[\'float32\'][\'mb\'] and d_out < 0.1
assert abs(q_report[\'int8 dynamic (torch)\'][\'loss\'] - q_report[\'float32\'][\'loss\']) < 0.05
assert all(v > 0 for v in map(max, speed.values()))
test_fail(lambda: dynamic_int8(\'model\'), contains=\'model: expected an nn.Module, got str\')'''),
(96, ['slow'], '''\
big, _ = train_lm(\'lstm\', seconds=20, hidden_size=512, n_layers=2, n_reports=1, progress=False, seed=0)
big_f32 = big.model.eval(); big_dyn = dynamic_int8(big_f32)
big_int8 = CharLM(**big_f32.hparams).eval(); big_int8.load_state_dict(from_int8_state_dict(int8_state_dict(big_f32.state_dict())))
with torch.no_grad(): d_big = (big_dyn(x_q)[0] - big_f32(x_q)[0]).abs().max().item()
rows = [(\'float32\', big_f32, big_f32.state_dict()), (\'int8 per row (ours)\', big_int8, int8_state_dict(big_f32.state_dict())), (\'int8 dynamic (torch)\', big_dyn, big_dyn.state_dict())]
sp_big = {k: max(chars_per_s(m) for _ in range(3)) for k, m, _ in rows}
for k, m, sd in rows: print(f"{k:>22}: {saved_bytes(sd) / 1e6:5.2f} MB, valid {evaluate(m, val_ids)[\'loss\']:.4f} nats/char, {sp_big[k] / sp_big[\'float32\']:.2f}x the float32 generation speed")
print(f"largest change of a logit (dynamic): {d_big:.1e}")'''),
(100, [], '''\
torch.manual_seed(0)
lz8, lh8 = nn.Linear(64, 64), nn.Linear(64, 64)
slicing = {T_p: fwd_bwd_times({\'naive\': lambda x: mingru_naive(x, lz8, lh8, act=g), \'unbind\': lambda x: mingru_loop(x, lz8, lh8)},
                              torch.randn(8, T_p, 64, requires_grad=True), reps=2) for T_p in (256, 1024)}
for k in (\'naive\', \'unbind\'): print(f"{k:6}: T = 256 -> 1024 multiplies the time by {slicing[1024][k] / slicing[256][k]:.1f}")'''),
(102, [], '''\
torch.manual_seed(0)
k_p, u_p = torch.randn(2, 50, 8), torch.randn(2, 50, 8)                 # gate and candidate pre-activations
bad = scan_log(F.logsigmoid(-k_p), F.logsigmoid(k_p) + u_p.log())            # linear candidate: log of negatives
good = scan_log(F.logsigmoid(-k_p), F.logsigmoid(k_p) + log_g(u_p))          # the fix: candidate g(u) > 0
print(f"NaN share with a linear candidate: {bad.isnan().float().mean():.2f}; with g: {good.isnan().float().mean():.2f};",
      f"gap to the loop with g: {(good - scan_lerp(torch.sigmoid(k_p), g(u_p))).abs().max():.1e}")'''),
(104, [], '''\
def scan_log_h0_step(log_a, log_b, log_h0):
    "The scan with log h_0 as an extra first step, the layout of Feng et al.\'s listings"
    a_star = F.pad(log_a.cumsum(1), (0, 0, 1, 0))                              # a* = 0 for the h_0 step
    return (a_star + (torch.cat([log_h0[:, None], log_b], 1) - a_star).logcumsumexp(1)).exp()[:, 1:]

la_p, lb_p = F.logsigmoid(-k_p), F.logsigmoid(k_p) + log_g(u_p)
whole, first = scan_log(la_p, lb_p), scan_log(la_p[:, :25], lb_p[:, :25])
h_mid = first[:, -1]                                                            # carried into the second half
carried = {\'log_g(h) as the first step\': scan_log_h0_step(la_p[:, 25:], lb_p[:, 25:], log_g(h_mid)),
           \'log(h) as the first step\': scan_log_h0_step(la_p[:, 25:], lb_p[:, 25:], h_mid.log()),
           \'scan_log(h0=h), linear\': scan_log(la_p[:, 25:], lb_p[:, 25:], h_mid)}
{k: f\'{(v - whole[:, 25:]).abs().max():.1e}\' for k, v in carried.items()}'''),
(106, [], '''\
assert (carried[\'log_g(h) as the first step\'] - whole[:, 25:]).abs().max() > 1e-2
for k in (\'log(h) as the first step\', \'scan_log(h0=h), linear\'): test_close(carried[k], whole[:, 25:], eps=1e-5)
assert bad.isnan().any() and not good.isnan().any()
assert slicing[1024][\'naive\'] / slicing[256][\'naive\'] > slicing[1024][\'unbind\'] / slicing[256][\'unbind\']'''),
(108, [], '''\
def scan_log64(log_a, log_b, h0=None):
    "`scan_log` computed in float64, returned in the input\'s dtype"
    return scan_log(log_a.double(), log_b.double(), None if h0 is None else h0.double()).to(log_a.dtype)

g_ = torch.Generator().manual_seed(0)
k_e, u_e = torch.randn(2, 4096, 64, generator=g_, dtype=torch.float64), torch.randn(2, 4096, 64, generator=g_, dtype=torch.float64)
la_e, lb_e, ref_e = F.logsigmoid(-k_e), F.logsigmoid(k_e) + log_g(u_e), scan_lerp(torch.sigmoid(k_e), g(u_e))
t_e = {\'float64 accumulation\': best_of(lambda: scan_log64(la_e.float(), lb_e.float())), \'chunked\': best_of(lambda: scan_chunked(la_e.float(), lb_e.float()))}
err64 = rel_err(scan_log64(la_e.float(), lb_e.float()), ref_e)
print(f"error {err64:.1e}; float64 accumulation takes {t_e[\'float64 accumulation\'] / t_e[\'chunked\']:.1f}x the time of the chunked scan")
assert err64 < 1e-5'''),
(110, [], '''\
torch.manual_seed(0)
ml = MinLSTM(3, 8, chunk_size=16, dtype=torch.float64)                      # float64: compare the algebra, not rounding
xs_ = torch.randn(2, 500, 3, dtype=torch.float64, requires_grad=True)
for mode in MODES:
    ml.mode = mode; full, _ = ml(xs_)
    h, outs = None, []
    for piece in xs_.split(100, 1): o, h = ml(piece, h); outs.append(o)
    test_close(torch.cat(outs, 1), full, eps=1e-10)
h, outs = None, []
for piece in xs_.split(100, 1): o, h = ml(piece, None if h is None else h.detach()); outs.append(o)
outs[-1].sum().backward()
test_eq(xs_.grad[:, :400].abs().max().item(), 0.); assert xs_.grad[:, 400:].abs().max() > 0'''),
(112, [], '''\
def scan_doubling(a, b):
    "h_t = a_t h_{t-1} + b_t from h_0 = 0, in ceil(log2 T) rounds of combining pairs k = 1, 2, 4, ... steps apart"
    k, rounds = 1, 0
    while k < a.shape[1]:
        a, b = torch.cat([a[:, :k], a[:, k:] * a[:, :-k]], 1), torch.cat([b[:, :k], a[:, k:] * b[:, :-k] + b[:, k:]], 1)
        k, rounds = 2 * k, rounds + 1
    return b, rounds

torch.manual_seed(0)
a_d, b_d = torch.rand(2, 1000, 4, dtype=torch.float64), torch.randn(2, 1000, 4, dtype=torch.float64)
h_d, rounds = scan_doubling(a_d, b_d)
test_close(h_d, scan_sequential(a_d, b_d), eps=1e-12); test_eq(rounds, math.ceil(math.log2(1000)))
print(f"T = 1000: {rounds} rounds (depth) and about {rounds * 1000} multiply-adds per channel (work), against 1000 and 1000 for the loop")'''),
(114, [], '''\
torch.manual_seed(0)
ml4, x_4 = MinLSTM(5, 7, dtype=torch.float64), torch.randn(3, 40, 5, dtype=torch.float64)
z_4 = torch.sigmoid(F.softplus(-ml4.linear_f(x_4)) - F.softplus(-ml4.linear_i(x_4)))   # the formula as stated
test_close(scan_lerp(z_4, g(ml4.linear_h(x_4))), ml4(x_4)[0], eps=1e-12)
(scan_lerp(z_4, g(ml4.linear_h(x_4))) - ml4(x_4)[0]).abs().max().item()'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/14_modern.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_modern(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c007_def_mingru_naive_x_lin_z_lin_h_act_nn_id(): nb.run(7)
def test_c008_torch_manual_seed_0(): nb.run(8)
def test_c010_def__check_seq_name_t(): nb.run(10)
def test_c011_def_scan_sequential_a_tensor_coefficient(): nb.run(11)
def test_c012_z_v_torch_sigmoid_lin_z_x_lin_h_x(): nb.run(12)
def test_c013_test_close_h_seq_out_eps_1e_6(): nb.run(13)
def test_c015_torch_manual_seed_0(): nb.run(15)
def test_c016_test_close_ours_ref_eps_1e_6(): nb.run(16)
def test_c018_class__lerpscan_function(): nb.run(18)
def test_c019_def_scan_lerp_z_tensor_gates_z_t_in_0_1(): nb.run(19)
def test_c021_torch_manual_seed_0(): nb.run(21)
def test_c022_for_a__b__in_zip_g_lerp_g_loop_test_clos(): nb.run(22)
def test_c024_class__g_function(): nb.run(24)
def test_c025_xs_torch_linspace_4_4_401(): nb.run(25)
def test_c026_x64_torch_linspace_30_30_2001_dtype_torc(): nb.run(26)
def test_c028_def_scan_log_log_a_tensor_log_a_t_b_t_h(): nb.run(28)
def test_c029_torch_manual_seed_0(): nb.run(29)
def test_c030_test_close_h_par_h_ref_eps_1e_12(): nb.run(30)
def test_c032_def_rel_err_h32_h64(): nb.run(32)
def test_c034_def_scan_chunked_log_a_tensor_log_a_t_b(): nb.run(34)
def test_c035_ts_2_k_for_k_in_range_6_15(): nb.run(35)
def test_c036_fig_ax_plt_subplots_figsize_7_4(): nb.run(36)
def test_c038_assert_errs_16384_parallel_10_errs_256_p(): nb.run(38)
def test_c040_import_ipywidgets_as_widgets(): nb.run(40)
def test_c042_modes_sequential_parallel_chunked(): nb.run(42)
def test_c043_patch(): nb.run(43)
def test_c044_patch(): nb.run(44)
def test_c046_class_mingru_minrnnbase(): nb.run(46)
def test_c047_torch_manual_seed_0(): nb.run(47)
def test_c049_def_mode_gaps_cls_t_300_seed_0(): nb.run(49)
def test_c050_for_name_gp_in_gaps_items(): nb.run(50)
def test_c052_torch_manual_seed_0(): nb.run(52)
def test_c053_test_eq_prec_chunked_1e_5_true_test_eq_p(): nb.run(53)
def test_c054_both_layers_shapes_layout_carried_state(): nb.run(54)
def test_c056_n_par_lambda_m_sum_p_numel_for_p_in_m_pa(): nb.run(56)
def test_c057_f__h__128_128(): nb.run(57)
def test_c059_def_mingru_loop_x_lin_z_lin_h(): nb.run(59)
def test_c060_torch_manual_seed_0(): nb.run(60)
def test_c061_t256_fwd_bwd_times_forms_torch_randn_bb(): nb.run(61)
def test_c063_t4k_fwd_bwd_times_mingru_sequential_mode(): nb.run(63)
def test_c065_def_width_sweep_hs_t_1024_reps_3(): nb.run(65)
def test_c066_fig_ax_plt_subplots_figsize_7_4(): nb.run(66)
@pytest.mark.slow
def test_c068_sweep_t_64_128_256_512_1024_2048_4096(): nb.run(68)
@pytest.mark.slow
def test_c069_fig_ax_plt_subplots_figsize_8_5(): nb.run(69)
def test_c072_def_train_for_model_next_batch_loss_fn_s(): nb.run(72)
def test_c073_def_make_core_kind_n_in_h(): nb.run(73)
def test_c075_train_text_valid_text_load_shakespeare_t(): nb.run(75)
def test_c076_def_compare_seconds(): nb.run(76)
def test_c077_quick_compare_1_5(): nb.run(77)
def test_c078_for_k_a_b_c_d_in_quick_items_assert_b_ma(): nb.run(78)
@pytest.mark.slow
def test_c079_long_compare_30_0(): nb.run(79)
def test_c082_def_quantize_per_row_w_tensor_a_floating(): nb.run(82)
def test_c083_torch_manual_seed_0(): nb.run(83)
def test_c085_assert_err_row_s_q_none_2_1e_6_all_the_b(): nb.run(85)
def test_c087_def_int8_state_dict_sd_dict_dict(): nb.run(87)
def test_c089_from_rnnbook_lm_import_train_lm_evaluate(): nb.run(89)
def test_c090_sd8_int8_state_dict_lm_f32_state_dict_te(): nb.run(90)
def test_c092_def_dynamic_int8_model_nn_module_nn_modu(): nb.run(92)
def test_c093_lm_dyn_dynamic_int8_lm_f32(): nb.run(93)
def test_c094_assert_q_report_int8_dynamic_torch_mb_0(): nb.run(94)
@pytest.mark.slow
def test_c096_big___train_lm_lstm_seconds_20_hidden_si(): nb.run(96)
def test_c100_torch_manual_seed_0(): nb.run(100)
def test_c102_torch_manual_seed_0(): nb.run(102)
def test_c104_def_scan_log_h0_step_log_a_log_b_log_h0(): nb.run(104)
def test_c106_assert_carried_log_g_h_as_the_first_step(): nb.run(106)
def test_c108_def_scan_log64_log_a_log_b_h0_none(): nb.run(108)
def test_c110_torch_manual_seed_0(): nb.run(110)
def test_c112_def_scan_doubling_a_b(): nb.run(112)
def test_c114_torch_manual_seed_0(): nb.run(114)
