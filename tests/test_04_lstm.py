# Generated from nbs/04_lstm.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp lstm'''),
(2, [], '''\
from __future__ import annotations
from functools import singledispatch
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.autograd.function import once_differentiable
from torch.nn.utils.rnn import PackedSequence
from fastcore.basics import patch
from rnnbook.rnn import RNNBase, RNNCellBase, _smap, _sjoin, _check_tensor'''),
(3, [], '''\
from fastcore.test import *
import itertools, math, time, warnings
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, Circle
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from hypothesis import given, settings, strategies as st
from rnnbook.rnn import RNN, compare_to_torch, train_loop, _tensors
from rnnbook.gradients import decay_rate
from rnnbook.data import embedded_reber, EMBEDDED_REBER, REBER_SYMBOLS
warnings.filterwarnings(\'ignore\', message=\'LSTM with projections is not supported with oneDNN\')  # torch\'s note that it falls back to ATen
warnings.filterwarnings(\'ignore\', message=\'TF32 acceleration on top of oneDNN\')  # printed when oneDNN is switched off below'''),
(6, [], '''\
def draw_lstm_cell():
    "Draw one LSTM step: the cell state runs along the top, the four gates below it"
    fig, ax = plt.subplots(figsize=(10, 5.2))
    def arrow(x0, y0, x1, y1, lw=1.5): ax.annotate(\'\', (x1, y1), (x0, y0), arrowprops=dict(arrowstyle=\'->\', lw=lw, shrinkA=0, shrinkB=0))
    def line(xs, ys, lw=1.5): ax.plot(xs, ys, color=\'k\', lw=lw, solid_capstyle=\'round\')
    def box(x, y, s, fc, w=.9):
        ax.add_patch(FancyBboxPatch((x-w/2, y-.25), w, .5, boxstyle=\'round,pad=0.02\', fc=fc, ec=\'k\')); ax.text(x, y, s, ha=\'center\', va=\'center\', fontsize=12)
    def op(x, y, s): ax.add_patch(Circle((x, y), .2, fc=\'#fff3b0\', ec=\'k\', zorder=3)); ax.text(x, y, s, ha=\'center\', va=\'center\', fontsize=13, zorder=4)
    ax.add_patch(FancyBboxPatch((0.6, -0.2), 7.6, 4.2, boxstyle=\'round,pad=0.05\', fc=\'#f4f4f4\', ec=\'gray\'))
    arrow(-0.4, 3.3, 2.3, 3.3, lw=2.5); op(2.5, 3.3, \'×\'); line([2.7, 4.5], [3.3, 3.3], lw=2.5); op(4.7, 3.3, \'+\'); arrow(4.9, 3.3, 9.2, 3.3, lw=2.5)
    ax.text(-0.5, 3.55, \'$c_{t-1}$\', fontsize=14); ax.text(8.7, 3.55, \'$c_t$\', fontsize=14)
    line([-0.4, 6.0], [0.3, 0.3]); line([1.2, 1.2], [-0.6, 0.3]); ax.text(-0.5, 0.5, \'$h_{t-1}$\', fontsize=14); ax.text(1.0, -0.85, \'$x_t$\', fontsize=14)
    xs = dict(f=2.5, i=3.6, g=4.75, o=5.85)
    for (n, x), act, fc in zip(xs.items(), [\'σ\', \'σ\', \'tanh\', \'σ\'], [\'#cfe2f3\', \'#d9ead3\', \'#fce5cd\', \'#ead1dc\']):
        line([x, x], [0.3, 0.95]); box(x, 1.2, f\'${n}_t$: {act}\', fc, w=1.05 if n == \'g\' else .9)
    arrow(xs[\'f\'], 1.45, 2.5, 3.1)                                                             # f multiplies c_{t-1}
    line([xs[\'i\'], xs[\'i\']], [1.45, 2.2]); line([xs[\'i\'], 4.55], [2.2, 2.2]); op(4.75, 2.2, \'×\')  # i times g ...
    line([xs[\'g\'], xs[\'g\']], [1.45, 2.0]); arrow(4.75, 2.4, 4.75, 3.1)                         # ... is added to the cell
    line([6.9, 6.9], [3.3, 2.75]); box(6.9, 2.5, \'tanh\', \'#fce5cd\', w=.7); line([6.9, 6.9], [2.25, 1.4])
    op(6.9, 1.2, \'×\'); arrow(6.3, 1.2, 6.7, 1.2)                                                # o times tanh(c)
    line([7.1, 7.6], [1.2, 1.2]); line([7.6, 7.6], [1.2, 0.3]); arrow(7.6, 0.3, 9.2, 0.3, lw=2); ax.text(8.7, 0.5, \'$h_t$\', fontsize=14)
    line([7.6, 7.6], [1.2, 4.3]); arrow(7.6, 4.3, 7.6, 4.6); ax.text(7.75, 4.45, \'$h_t$ (output)\', fontsize=11)
    ax.text(3.6, 4.3, r\'$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$\', fontsize=12, ha=\'center\')
    ax.text(7.75, 2.0, r\'$h_t = o_t \\odot \\tanh(c_t)$\', fontsize=11)
    ax.set_xlim(-0.8, 9.6); ax.set_ylim(-1.1, 4.9); ax.axis(\'off\'); ax.set_aspect(\'equal\')
    ax.set_title(\'One LSTM step: the gates read $x_t$ and $h_{t-1}$; the cell state $c$ runs along the top, touched only by × f and + i g\')
    return fig
draw_lstm_cell();'''),
(8, [], '''\
def lstm_draft(x, h, c, W_ih, W_hh, b_ih, b_hh):
    "One LSTM layer over time-major `x` (T, B, F) from state (h, c), each (B, H)"
    outs = []
    for x_t in x:
        i, f, g, o = (x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh).chunk(4, -1)
        i, f, g, o = i.sigmoid(), f.sigmoid(), g.tanh(), o.sigmoid()
        c = f*c + i*g
        h = o*c.tanh()
        outs.append(h)
    return torch.stack(outs), (h, c)'''),
(9, [], '''\
torch.manual_seed(0)
T, B, F_in, H = 6, 3, 4, 5
ref = nn.LSTM(F_in, H)
x = torch.randn(T, B, F_in)
out, (h_T, c_T) = lstm_draft(x, torch.zeros(B, H), torch.zeros(B, H), *ref.parameters())
out_ref, (h_n, c_n) = ref(x)
print([(k, tuple(p.shape)) for k, p in ref.named_parameters()])
print(out.shape, h_n.shape, c_n.shape, max((out - out_ref).abs().max().item(), (c_T - c_n[0]).abs().max().item()))'''),
(10, [], '''\
test_eq(out.shape, (T, B, H)); test_eq(c_n.shape, (1, B, H))
test_close(out, out_ref, eps=1e-6); test_close(h_T, h_n[0], eps=1e-6); test_close(c_T, c_n[0], eps=1e-6)'''),
(12, [], '''\
def lstm_gates(xp,         # x_t W_ihᵀ + b_ih, the projected input of one step (B, 4H)
               h,          # h_{t-1} (B, R), with R = proj_size or H
               c,          # c_{t-1} (B, H)
               W_hh,       # recurrent weight (4H, R), rows in torch\'s order i, f, g, o
               b_hh=None,  # recurrent bias (4H,) or None
               W_hr=None,  # projection (P, H) of an LSTMP, or None
              ) -> dict:   # i, f, g, o, c: (B, H); h: (B, R)
    "The four gates and the new state of one LSTM step, by name"
    i, f, g, o = (F.linear(h, W_hh, b_hh) + xp).chunk(4, -1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c = f*c + i*g
    h = o*torch.tanh(c)
    if W_hr is not None: h = F.linear(h, W_hr)
    return dict(i=i, f=f, g=g, o=o, c=c, h=h)

def lstm_step(xp,         # x_t W_ihᵀ + b_ih (B, 4H)
              state,      # (h_{t-1}, c_{t-1})
              W_hh,       # recurrent weight (4H, R)
              b_hh=None,  # recurrent bias (4H,) or None
              W_hr=None,  # projection (P, H) or None
             ) -> tuple:  # (h_t, c_t)
    "One LSTM step: the new state `(h, c)`"
    s = lstm_gates(xp, *state, W_hh, b_hh, W_hr)
    return s[\'h\'], s[\'c\']'''),
(13, [], '''\
W_ih, W_hh, b_ih, b_hh = ref.parameters()
s = lstm_gates(x[0] @ W_ih.T + b_ih, torch.zeros(B, H), torch.zeros(B, H), W_hh, b_hh)
{k: tuple(v.shape) for k, v in s.items()}, (s[\'h\'] - out_ref[0]).abs().max().item()'''),
(14, [], '''\
test_close(s[\'h\'], out_ref[0], eps=1e-6)
test_close(s[\'c\'], s[\'i\']*s[\'g\'], eps=1e-7)  # from c_0 = 0 the cell is just i ⊙ g
assert ((s[\'i\'] > 0) & (s[\'i\'] < 1)).all() and (s[\'g\'].abs() < 1).all()
h1, c1 = lstm_step(x[0] @ W_ih.T + b_ih, (torch.zeros(B, H), torch.zeros(B, H)), W_hh, b_hh)
test_eq(h1.detach(), s[\'h\'].detach()); test_eq(c1.detach(), s[\'c\'].detach())
W_hr = torch.randn(2, H)
test_close(lstm_gates(x[0] @ W_ih.T + b_ih, torch.zeros(B, H), torch.zeros(B, H), W_hh, b_hh, W_hr)[\'h\'], s[\'h\'] @ W_hr.T, eps=1e-6)'''),
(16, [], '''\
class LSTMCell(RNNCellBase):
    "Drop-in `torch.nn.LSTMCell`: one `lstm_step`, state `(h, c)`"
    torch_cls, n_gates, n_states = nn.LSTMCell, 4, 2
    def __init__(self, input_size:int, # F, features of the input
                 hidden_size:int,      # H, size of h and c
                 bias:bool=True,       # use b_ih and b_hh
                 device=None,          # device of the parameters
                 dtype=None,           # dtype of the parameters
                ):
        super().__init__(input_size, hidden_size, bias, device, dtype)
    def step(self, xp, state, W_hh, b_hh): return lstm_step(xp, state, W_hh, b_hh)'''),
(17, [], '''\
torch.manual_seed(0); cell_ref = nn.LSTMCell(4, 5)
torch.manual_seed(0); cell = LSTMCell(4, 5)
xb, hc = torch.randn(3, 4), (torch.randn(3, 5), torch.randn(3, 5))
h1, c1 = cell(xb, hc)
print(cell, [(k, tuple(v.shape)) for k, v in cell.state_dict().items()])
print(h1.shape, c1.shape, \'bitwise equal to torch:\', all(torch.equal(a, b) for a, b in zip((h1, c1), cell_ref(xb, hc))))'''),
(18, [], '''\
test_eq(list(cell.state_dict()), list(cell_ref.state_dict()))
for bias in [True, False]:
    r = nn.LSTMCell(4, 5, bias=bias, dtype=torch.float64); c = LSTMCell.from_torch(r)
    x64 = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    hc64 = tuple(torch.randn(3, 5, dtype=torch.float64, requires_grad=True) for _ in range(2))
    for args in [(x64, hc64), (x64,), (x64[0], tuple(v[0] for v in hc64)), (x64[0],)]:
        o1, o2 = r(*args), c(*args)
        for a, b in zip(o1, o2): test_eq(b.shape, a.shape); test_eq(a.detach(), b.detach())
        ws = [x64, *r.parameters()]
        g1 = torch.autograd.grad(sum((v*v.detach()).sum() for v in o1), ws)
        g2 = torch.autograd.grad(sum((v*v.detach()).sum() for v in o2), [x64, *c.parameters()])
        for a, b in zip(g1, g2): test_close(a, b, eps=1e-12)
    r2 = c.to_torch(); test_eq(type(r2), nn.LSTMCell); test_eq(r2.bias, bias)
test_fail(lambda: cell(xb, hc[0]), contains=\'expected hx to be a tuple of 2 tensors of shape (3, 5)\')
test_fail(lambda: cell(xb, (hc[0], hc[1][:2])), contains=\'expected hx[1] of shape (3, 5)\')
test_fail(lambda: cell(torch.randn(3, 6)), contains=\'input_size=4, got 6\')
test_fail(lambda: LSTMCell.from_torch(nn.GRUCell(4, 5)), contains=\'expects a LSTMCell, got GRUCell\')
c64 = LSTMCell(3, 4, dtype=torch.float64)
assert torch.autograd.gradcheck(lambda x, h, c: c64(x, (h, c)), tuple(torch.randn(2, n, dtype=torch.float64, requires_grad=True) for n in (3, 4, 4)))'''),
(20, [], '''\
class LSTMLayer(torch.autograd.Function):
    "One LSTM layer over time: the forward computes what `lstm_gates` does, the backward is written by hand"
    @staticmethod
    def forward(ctx, x, h0, c0, W_ih, W_hh, b_ih, b_hh, reverse):
        T, B, F_in = x.shape; H = h0.shape[-1]
        xs = F.linear(x, W_ih, b_ih).unbind(0)                # x_t W_ihᵀ + b_ih: one matmul for all steps, split without copies
        S, G, TC = (x.new_empty(T, B, n) for n in (4*H, H, H))  # σ of the i, f, o pre-activations (the g slot unused); g; tanh c
        XH, C = x.new_empty(T+1, B, F_in + H), x.new_empty(T+1, B, H)  # rows [x_t, h_{t-1}] and c_{t-1} of each step
        first, wr = (T, lambda t: t) if reverse else (0, lambda t: t+1)  # the row of h_0 and c_0; the row step t writes h_t, c_t to
        XH[first, :, F_in:], C[first] = h0, c0
        (XH[1:] if reverse else XH[:T])[..., :F_in] = x         # step t reads row t+1 if reverse, else row t
        S_, G_, TC_, C_, H_ = S.unbind(0), G.unbind(0), TC.unbind(0), C.unbind(0), XH[..., F_in:].unbind(0)  # per-step views
        h, c = h0, c0
        for t in (reversed(range(T)) if reverse else range(T)):
            a_i, a_f, a_g, a_o = F.linear(h, W_hh, b_hh).add_(xs[t]).chunk(4, 1)  # pre-activations, as torch adds them
            s_i, s_f, _, s_o = S_[t].chunk(4, 1)
            i, f, o = torch.sigmoid(a_i, out=s_i), torch.sigmoid(a_f, out=s_f), torch.sigmoid(a_o, out=s_o)
            g = torch.tanh(a_g, out=G_[t])
            c = torch.add(f*c, i*g, out=C_[wr(t)])
            h = o*torch.tanh(c, out=TC_[t])
            H_[wr(t)].copy_(h)                                 # a copy: the next matmul reads a contiguous h, as torch\'s does
        ctx.save_for_backward(S, G, TC, XH, C, W_ih, W_hh)
        ctx.reverse, ctx.bias, ctx.F_in = reverse, b_ih is not None, F_in
        out = (XH[:T] if reverse else XH[1:])[..., F_in:]
        return out.contiguous(), h.clone(), c.clone()'''),
(22, [], '''\
@once_differentiable
def _lstm_layer_backward(ctx, dout, dh_T, dc_T):
    "Backward of `LSTMLayer`: the equations above, from the last step read to the first"
    S, G, TC, XH, C, W_ih, W_hh = ctx.saved_tensors
    (T, B, H), F_in = G.shape, ctx.F_in
    steps = list(range(T)) if ctx.reverse else list(range(T-1, -1, -1))
    rd = (lambda t: t+1) if ctx.reverse else (lambda t: t)    # the row that holds step t\'s x_t, h_{t-1}, c_{t-1}
    dA = torch.empty_like(S)                                   # ā_t for every step (T, B, 4H)
    S_, G_, TC_, C_, dA_, dout_ = (v.unbind(0) for v in (S, G, TC, C, dA, dout))
    dh, dc = dout_[steps[0]] + dh_T, dc_T
    for k, t in enumerate(steps):
        s, g, tc = S_[t], G_[t], TC_[t]
        i, f, _, o = s.chunk(4, 1)
        dc = dc + dh*o*(1 - tc*tc)                             # through h = o tanh(c)
        da = torch.cat([dc*g, dc*C_[rd(t)], dc*i, dh*tc], 1, out=dA_[t])  # ∂L/∂i, ∂L/∂f, ∂L/∂g, ∂L/∂o ...
        ds = torch.addcmul(s, s, s, value=-1)                  # ... times σ\' = s(1 - s)
        ds[:, 2*H:3*H] = 1 - g*g                               # ... and tanh\' = 1 - g² for g
        da.mul_(ds)
        dc = dc*f                                              # the cell path: c_{t-1} reaches c_t through f alone
        dh = da @ W_hh if k == T-1 else torch.addmm(dout_[steps[k+1]], da, W_hh)
    dA2 = dA.view(T*B, 4*H)
    need = ctx.needs_input_grad
    dW = dA2.t() @ (XH[1:] if ctx.reverse else XH[:T]).reshape(T*B, F_in + H) if need[3] or need[4] else dA2.new_zeros(1, F_in + H)  # [dW_ih, dW_hh]
    dx = (dA2 @ W_ih).view(T, B, F_in) if need[0] else None
    db = dA2.sum(0) if ctx.bias else None
    return dx, dh, dc, dW[:, :F_in], dW[:, F_in:], db, db, None
LSTMLayer.backward = staticmethod(_lstm_layer_backward)'''),
(23, [], '''\
def lstm_layer(x,             # time-major input (T, B, F)
               h0,            # initial h (B, H)
               c0,            # initial c (B, H)
               W_ih,          # input weight (4H, F)
               W_hh,          # recurrent weight (4H, H)
               b_ih=None,     # input bias (4H,) or None
               b_hh=None,     # recurrent bias (4H,) or None
               reverse=False, # read from the last step to the first
              ) -> tuple:     # (output (T, B, H), h_T (B, H), c_T (B, H))
    "One LSTM layer and direction, with the hand-written backward of `LSTMLayer`"
    return LSTMLayer.apply(x, h0, c0, W_ih, W_hh, b_ih, b_hh, reverse)'''),
(25, [], '''\
def layer_grads(fn, reverse=False, bias=True, seed=0, T=7, B=3, F_in=4, H=5):
    "Outputs and gradients w.r.t. x, h0, c0 and the weights of `fn` (`lstm_layer`\'s signature) for a random linear loss"
    g = torch.Generator().manual_seed(seed)
    r = lambda *s: torch.randn(*s, generator=g, dtype=torch.float64).requires_grad_()
    args = [r(T, B, F_in), r(B, H), r(B, H), r(4*H, F_in), r(4*H, H)] + ([r(4*H), r(4*H)] if bias else [None, None])
    out, h, c = fn(*args, reverse=reverse)
    loss = sum((v * torch.randn(v.shape, generator=g, dtype=torch.float64)).sum() for v in (out, h, c))
    return [out, h, c] + list(torch.autograd.grad(loss, [a for a in args if a is not None]))

def draft_layer(x, h0, c0, W_ih, W_hh, b_ih=None, b_hh=None, reverse=False):
    "`lstm_draft` with `lstm_layer`\'s signature: autograd does the backward"
    out, (h, c) = lstm_draft(x.flip(0) if reverse else x, h0, c0, W_ih, W_hh, 0 if b_ih is None else b_ih, 0 if b_hh is None else b_hh)
    return out.flip(0) if reverse else out, h, c

names = [\'output\', \'h_T\', \'c_T\', \'x\', \'h0\', \'c0\', \'W_ih\', \'W_hh\', \'b_ih\', \'b_hh\']
{n: f\'{(a - b).abs().max().item():.0e}\' for n, a, b in zip(names, layer_grads(lstm_layer), layer_grads(draft_layer))}'''),
(26, [], '''\
for rev, bias in itertools.product([False, True], [False, True]):
    for a, b in zip(layer_grads(lstm_layer, rev, bias, seed=3), layer_grads(draft_layer, rev, bias, seed=3)): test_close(a, b, eps=1e-12)
for a, b in zip(layer_grads(lstm_layer, T=1, B=1), layer_grads(draft_layer, T=1, B=1)): test_close(a, b, eps=1e-12)
args64 = tuple(torch.randn(*s, dtype=torch.float64, requires_grad=True) for s in [(4, 2, 3), (2, 2), (2, 2), (8, 3), (8, 2), (8,), (8,)])
for rev in [False, True]: assert torch.autograd.gradcheck(lambda *a: lstm_layer(*a, reverse=rev), args64)
# only h_T used: autograd hands the backward zeros for the others
xx, hh, cc, Wi, Wh, bi, bh = args64
test_close(torch.autograd.grad(lstm_layer(*args64)[1].sum(), Wh)[0], torch.autograd.grad(draft_layer(*args64)[1].sum(), Wh)[0], eps=1e-12)
Wi_frozen = Wi.detach()  # no gradient wanted for W_ih, W_hh: only x\'s
test_close(torch.autograd.grad(lstm_layer(xx, hh, cc, Wi_frozen, Wh.detach(), bi, bh)[0].sum(), xx)[0], torch.autograd.grad(draft_layer(*args64)[0].sum(), xx)[0], eps=1e-12)
# the hand-written backward is first-order only, and says so
gW = torch.autograd.grad(lstm_layer(*args64)[0].pow(2).sum(), Wh, create_graph=True)[0]
test_fail(lambda: gW.sum().backward(), contains=\'once_differentiable\')'''),
(28, [], '''\
def _check_proj(proj_size, hidden_size):
    if isinstance(proj_size, bool) or not isinstance(proj_size, int): raise TypeError(f"LSTM: proj_size should be an int, got {type(proj_size).__name__}")
    if proj_size < 0: raise ValueError(f"LSTM: proj_size should be 0 (no projection) or positive, got {proj_size}")
    if proj_size > 0 and isinstance(hidden_size, int) and proj_size >= hidden_size:
        raise ValueError(f"LSTM: proj_size has to be smaller than hidden_size, got proj_size={proj_size} >= hidden_size={hidden_size}")

class LSTM(RNNBase):
    "Drop-in `torch.nn.LSTM`, projections (LSTMP) included, in plain tensor operations"
    torch_cls, n_states = nn.LSTM, 2
    fast_backward = True  # padded input without projection: `lstm_layer`; False: autograd through `lstm_step` everywhere
    def __init__(self, input_size:int,        # F, features of each input step
                 hidden_size:int,             # H, size of c (and of h, without projection)
                 num_layers:int=1,            # L, stacked layers
                 bias:bool=True,              # use b_ih and b_hh
                 batch_first:bool=False,      # `input`/`output` are (B, T, ·); h_0, c_0, h_n, c_n stay (L*D, B, ·)
                 dropout:float=0.,            # dropout on the outputs of every layer but the last, in training
                 bidirectional:bool=False,    # add a reverse direction
                 proj_size:int=0,             # P > 0: h_t = (o ⊙ tanh c_t) W_hrᵀ has P < H features (LSTMP)
                 device=None,                 # device of the parameters
                 dtype=None,                  # dtype of the parameters
                ):
        _check_proj(proj_size, hidden_size)
        self.proj_size = proj_size  # read by `_make_params`, which the base\'s constructor calls
        super().__init__(\'LSTM\', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)

    def _make_params(self, fk):
        "torch\'s parameters in torch\'s order: per layer and direction W_ih, W_hh, b_ih, b_hh, then W_hr if P > 0"
        G, H, P = self.gate_size, self.hidden_size, self.proj_size
        R = P or H  # the size of h
        self._flat_weights_names = []
        for l in range(self.num_layers):
            for d in range(self.D):
                shapes = dict(weight_ih=(G, self.input_size if l == 0 else R*self.D), weight_hh=(G, R))
                if self.bias: shapes |= dict(bias_ih=(G,), bias_hh=(G,))
                if P: shapes |= dict(weight_hr=(P, H))
                for n, shape in shapes.items():
                    name = f"{n}_l{l}{\'_reverse\' if d else \'\'}"
                    setattr(self, name, nn.Parameter(torch.empty(shape, **fk)))
                    self._flat_weights_names.append(name)

    def step(self, xp, state, W_hh, b_hh):
        "`lstm_step`; with a projection, `W_hh` is the pair `(W_hh, W_hr)`"
        W_hh, W_hr = W_hh if isinstance(W_hh, tuple) else (W_hh, None)
        return lstm_step(xp, state, W_hh, b_hh, W_hr)
    def extra_repr(self): return super().extra_repr() + (f", proj_size={self.proj_size}" if self.proj_size else "")'''),
(30, [], '''\
@patch
def layers(self:LSTM,
           x,                # time-major input (T, B, F), or packed data (N, F)
           hx,               # (h_0, c_0), each (L*D, B, ·), in sorted order if packed
           batch_sizes=None, # list of running sequences per step if `x` is packed data
          ):
    "All layers and directions: `lstm_layer` where it applies, the base\'s `scan` of `lstm_step` elsewhere; (output, (h_n, c_n))"
    finals = []
    for l in range(self.num_layers):
        outs = []
        for d in range(self.D):
            W_ih, W_hh, b_ih, b_hh = self.weights(l, d)
            W_hr = getattr(self, f"weight_hr_l{l}{\'_reverse\' if d else \'\'}", None)
            s = _smap(lambda v: v[l*self.D + d], hx)
            if batch_sizes is None and W_hr is None and self.fast_backward:
                o, *s = lstm_layer(x, *s, W_ih, W_hh, b_ih, b_hh, reverse=d == 1)
            else:
                xp = F.linear(x, W_ih, b_ih)
                xs = xp.unbind(0) if batch_sizes is None else xp.split(batch_sizes)
                o, s = self.scan(xs, s, W_hh if W_hr is None else (W_hh, W_hr), b_hh, batch_sizes, reverse=d == 1)
            outs.append(o); finals.append(tuple(s))
        x = torch.cat(outs, -1) if self.D == 2 else outs[0]
        if self.dropout and self.training and l < self.num_layers-1: x = F.dropout(x, self.dropout, training=True)
    return x, _sjoin(torch.stack, finals)'''),
(32, [], '''\
def _check_hc(hx, shapes, layouts, w):
    "Raise unless `hx` is None or a tuple `(h_0, c_0)` of tensors of the given `shapes`"
    if hx is None: return
    want = f"h_0 of shape {shapes[0]} = {layouts[0]} and c_0 of shape {shapes[1]} = {layouts[1]}"
    if not (isinstance(hx, tuple) and len(hx) == 2):
        got = f"a Tensor of shape {tuple(hx.shape)}" if isinstance(hx, Tensor) else type(hx).__name__
        raise TypeError(f"LSTM: expected hx to be a tuple (h_0, c_0), {want}; got {got}. "
                        f"An LSTM\'s state is a pair: to start from a given h_0 alone, pass (h_0, c_0) with c_0 zeros of the shape above")
    for name, v, shape in zip((\'h_0\', \'c_0\'), hx, shapes):
        _check_tensor(name, v, \'LSTM\', w)
        if tuple(v.shape) != shape: raise ValueError(f"LSTM: expected {want}; got {name} of shape {tuple(v.shape)}")

@patch
def forward(self:LSTM, input, hx=None):
    "Drop-in `forward`: `input` (T, B, F), (B, T, F) if `batch_first`, (T, F) unbatched, or packed; `hx` = (h_0, c_0)"
    cls, H, R, LD, w = type(self).__name__, self.hidden_size, self.proj_size or self.hidden_size, self.num_layers*self.D, self.weight_ih_l0
    x, batch_sizes, packed, batched, B = self._time_major(input)
    b, r = (\'B, \' if batched else \'\'), (\'proj_size\' if self.proj_size else \'hidden_size\')
    shapes = ((LD, B, R), (LD, B, H)) if batched else ((LD, R), (LD, H))
    _check_hc(hx, shapes, (f\'(num_layers*num_directions, {b}{r})\', f\'(num_layers*num_directions, {b}hidden_size)\'), w)
    if hx is None: hx = (x.new_zeros(LD, B, R), x.new_zeros(LD, B, H))
    elif not batched: hx = _smap(lambda v: v[:, None], hx)
    elif packed and input.sorted_indices is not None: hx = _smap(lambda v: v.index_select(1, input.sorted_indices), hx)
    out, h_n = self.layers(x, hx, batch_sizes)
    if packed:
        if input.unsorted_indices is not None: h_n = _smap(lambda v: v.index_select(1, input.unsorted_indices), h_n)
        return PackedSequence(out, input.batch_sizes, input.sorted_indices, input.unsorted_indices), h_n
    if not batched: return out[:, 0], _smap(lambda v: v[:, 0], h_n)
    return (out.transpose(0, 1) if self.batch_first else out), h_n'''),
(34, [], '''\
torch.manual_seed(0); ref = nn.LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True, proj_size=3)
torch.manual_seed(0); lstm = LSTM(4, 6, num_layers=2, bidirectional=True, batch_first=True, proj_size=3)
print(lstm)
print([(k, tuple(v.shape)) for k, v in lstm.state_dict().items()][:10], \'...\')
print(\'same names:\', list(lstm.state_dict()) == list(ref.state_dict()), \' same values:\', all(torch.equal(v, ref.state_dict()[k]) for k, v in lstm.state_dict().items()))'''),
(36, [], '''\
xb = torch.randn(2, 7, 4)
out, (h_n, c_n) = lstm(xb)
out_ref, (h_ref, c_ref) = ref(xb)
print(\'output\', tuple(out.shape), \' h_n\', tuple(h_n.shape), \' c_n\', tuple(c_n.shape),
      \' max |ours - torch|:\', max((a - b).abs().max().item() for a, b in [(out, out_ref), (h_n, h_ref), (c_n, c_ref)]))'''),
(37, [], '''\
test_eq(out.shape, (2, 7, 6)); test_eq(h_n.shape, (4, 2, 3)); test_eq(c_n.shape, (4, 2, 6))
for a, b in [(out, out_ref), (h_n, h_ref), (c_n, c_ref)]: test_close(a, b, eps=1e-6)
o1, (h1, c1) = lstm(xb[0]); test_eq(o1.shape, (7, 6)); test_eq(h1.shape, (4, 3)); test_eq(c1.shape, (4, 6))
test_close(o1, out[0], eps=1e-6)
test_close(lstm(xb[0], (h_n[:, 0], c_n[:, 0]))[0], ref(xb[0], (h_n[:, 0], c_n[:, 0]))[0], eps=1e-6)
test_eq(LSTM(4, 6).extra_repr(), \'4, 6\'); test_eq(LSTM(4, 6, proj_size=2).extra_repr(), \'4, 6, proj_size=2\')'''),
(39, [], '''\
def lstm_case(L=1, bi=False, bf=False, packed=False, h0=False, proj=0, bias=True, dropout=0., fast=True, B=4, T=6, F_in=3, H=5,
              dtype=torch.float64, device=\'cpu\', seed=0):
    "Compare `nn.LSTM` with ours (`fast_backward=fast`) on random data for one configuration"
    g = torch.Generator().manual_seed(seed)
    ref = nn.LSTM(F_in, H, L, bias=bias, batch_first=bf, dropout=dropout, bidirectional=bi, proj_size=proj, device=device, dtype=dtype)
    x = torch.randn((B, T, F_in) if bf else (T, B, F_in), generator=g, dtype=dtype).to(device)
    hx = tuple(torch.randn(L*(1+bi), B, n, generator=g, dtype=dtype).to(device) for n in (proj or H, H)) if h0 else None
    lengths = torch.randint(1, T+1, (B,), generator=g) if packed else None
    ours = LSTM.from_torch(ref); ours.fast_backward = fast
    return compare_to_torch(ref, ours, x, hx, lengths, seed)'''),
(40, [], '''\
grid = list(itertools.product([1, 2, 3], [False, True], [False, True], [False, True], [False, True], [0, 2]))
t0 = time.perf_counter()
errs = [lstm_case(*c) for c in grid]
errs_autograd = [lstm_case(*c, fast=False) for c in grid if not c[3] and not c[5]]
print(f"{len(grid)} configurations (layers 1-3 × bidirectional × batch_first × packed × (h0, c0) × proj_size 0/2), float64, "
      f"{time.perf_counter()-t0:.1f}s:\\n  largest difference {max(errs):.1e};  "
      f"the {len(errs_autograd)} padded ones without projection through autograd instead of the hand-written backward: {max(errs_autograd):.1e}")'''),
(41, [], '''\
test_close(max(errs), 0., eps=1e-10); test_eq(max(errs_autograd), 0.)
for bias, bi, packed, proj in itertools.product([False, True], [False, True], [False, True], [0, 3]):
    test_close(lstm_case(2, bi, True, packed, True, proj, bias=bias), 0., eps=1e-10)
test_close(lstm_case(3, True, False, True, True, B=1, T=1), 0., eps=1e-10)
test_close(lstm_case(2, True, False, False, True, T=1), 0., eps=1e-10)
for proj, bi, fast, packed in itertools.product([0, 2], [False, True], [False, True], [False, True]):  # forward values: bit for bit
    r = nn.LSTM(3, 5, 2, bidirectional=bi, proj_size=proj, dtype=torch.float64); o = LSTM.from_torch(r); o.fast_backward = fast
    x64, hx64 = torch.randn(6, 4, 3, dtype=torch.float64), (torch.randn(2*(1+bi), 4, proj or 5, dtype=torch.float64), torch.randn(2*(1+bi), 4, 5, dtype=torch.float64))
    inp = pack_padded_sequence(x64, torch.tensor([6, 2, 5, 1]), enforce_sorted=False) if packed else x64
    with torch.no_grad():
        for a, b in zip(_tensors(r(inp, hx64)), _tensors(o(inp, hx64))): test_eq(a, b)
ref64 = nn.LSTM(3, 5, 2, dtype=torch.float64); x64 = torch.randn(6, 4, 3, dtype=torch.float64)
assert compare_to_torch(ref64, LSTM(3, 5, 2, dtype=torch.float64), x64) > 1e-3  # the comparison can fail'''),
(43, [], '''\
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(L=st.integers(1, 3), bi=st.booleans(), bf=st.booleans(), packed=st.booleans(), h0=st.booleans(), bias=st.booleans(), fast=st.booleans(),
       B=st.integers(1, 5), T=st.integers(1, 7), F_in=st.integers(1, 4), H=st.integers(2, 6), proj=st.integers(0, 1), seed=st.integers(0, 2**16))
def check_lstm(**kw): assert lstm_case(**kw) <= 1e-10
check_lstm()'''),
(45, [], '''\
drop_errs = {(L, bi, packed): lstm_case(L, bi, False, packed, True, dropout=0.4) for L, bi, packed in itertools.product([2, 3], [False, True], [False, True])}
torch.manual_seed(0); r = nn.LSTM(3, 5, 3, dropout=0.5, dtype=torch.float64); o = LSTM.from_torch(r); x64 = torch.randn(6, 4, 3, dtype=torch.float64)
outs = []
for m in (r, o, o):
    torch.manual_seed(len(outs) // 2); outs.append(m(x64)[0].detach())  # seeds 0, 0, 1
print(\'largest difference with dropout=0.4, training mode:\', max(drop_errs.values()),
      \'; same seed, outputs bitwise equal:\', torch.equal(outs[0], outs[1]), \'; another seed differs by\', round((outs[1] - outs[2]).abs().max().item(), 3))'''),
(46, [], '''\
test_close(max(drop_errs.values()), 0., eps=1e-10)
test_eq(outs[0], outs[1]); assert (outs[1] - outs[2]).abs().max() > 0.05
test_eq(o.eval()(x64)[0].detach(), r.eval()(x64)[0].detach())
test_warns(lambda: LSTM(3, 5, dropout=0.2))'''),
(48, [], '''\
r32 = nn.LSTM(8, 16, 2, bidirectional=True, proj_size=4)
err32 = compare_to_torch(r32, LSTM.from_torch(r32), torch.randn(10, 4, 8), lengths=torch.tensor([10, 3, 7, 1]))
mine = LSTM(8, 16, 2, bidirectional=True)
theirs = nn.LSTM(8, 16, 2, bidirectional=True); theirs.load_state_dict(mine.state_dict())
x32 = torch.randn(10, 4, 8)
print(f\'float32: {err32:.1e};  ours vs torch with the same state_dict: {(mine(x32)[0] - theirs(x32)[0]).abs().max().item():.1e}\')
print(mine.double().weight_hh_l1_reverse.dtype, LSTM.from_torch(nn.LSTM(2, 3, dtype=torch.float64)).weight_ih_l0.dtype, mine.to_torch())'''),
(49, [], '''\
test_close(err32, 0., eps=1e-5)
m64 = LSTM(3, 4, 2, bidirectional=True, proj_size=2).to(torch.float64)
test_eq({p.dtype for p in m64.parameters()}, {torch.float64})
test_eq(m64(torch.randn(5, 2, 3, dtype=torch.float64))[1][1].dtype, torch.float64)
rb = LSTM(3, 4, dtype=torch.bfloat16); test_eq(rb(torch.randn(5, 2, 3, dtype=torch.bfloat16))[1][0].dtype, torch.bfloat16)
rt = LSTM(3, 4, 2, batch_first=True, dropout=.1, bias=False, proj_size=2).to_torch().eval()
test_eq(type(rt), nn.LSTM); test_eq((rt.proj_size, rt.batch_first, rt.dropout, rt.bias, rt.training), (2, True, .1, False, False))
test_eq(LSTM.from_torch(rt).proj_size, 2); test_eq(LSTM.from_torch(rt).training, False)
test_fail(lambda: LSTM.from_torch(nn.GRU(3, 4)), contains=\'expects a LSTM, got GRU\')'''),
(51, [], '''\
if torch.cuda.is_available():
    cuda_errs = [lstm_case(*c, device=\'cuda\') for c in grid[::3]]
    with torch.backends.cudnn.flags(enabled=False):
        cuda_errs += [lstm_case(L, bi, False, packed, True, dropout=0.4, device=\'cuda\') for L, bi, packed in drop_errs]
    print(\'CUDA, float64: largest difference\', max(cuda_errs)); test_close(max(cuda_errs), 0., eps=1e-10)
else: print(\'no GPU here: CUDA checks skipped\')'''),
(53, [], '''\
torch.manual_seed(0)
lstm = LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True, proj_size=2, dtype=torch.float64)
lengths, xb = torch.tensor([2, 5, 1, 4]), torch.randn(4, 5, 3, dtype=torch.float64)
out_p, (h_n, c_n) = lstm(pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False))
out = pad_packed_sequence(out_p, batch_first=True)[0]
alone = [lstm(xb[i:i+1, :n]) for i, n in enumerate(lengths)]
print(\'largest difference, packed batch vs each sequence alone:\',
      max(max((out[i, :n] - o[0]).abs().max().item(), (h_n[:, i] - h[:, 0]).abs().max().item(), (c_n[:, i] - c[:, 0]).abs().max().item())
          for i, (n, (o, (h, c))) in enumerate(zip(lengths, alone))))'''),
(54, [], '''\
for i, (n, (o, (h, c))) in enumerate(zip(lengths, alone)):
    test_close(out[i, :n], o[0], eps=1e-12); test_close(h_n[:, i], h[:, 0], eps=1e-12); test_close(c_n[:, i], c[:, 0], eps=1e-12)'''),
(56, [], '''\
lstm = LSTM(10, 20, num_layers=2, batch_first=True)
xb = torch.randn(3, 7, 10)
for bad in [lambda: lstm(torch.randn(3, 7, 12)),                                  # wrong feature size
            lambda: lstm(xb, torch.zeros(2, 3, 20)),                              # h_0 alone
            lambda: lstm(xb, (torch.zeros(2, 3, 20), torch.zeros(2, 7, 20))),     # c_0 batch-first
            lambda: lstm(xb, (torch.zeros(2, 3, 20), torch.zeros(2, 3, 20, dtype=torch.float64))),
            lambda: LSTM(10, 20, proj_size=20)]:
    try: bad()
    except (ValueError, TypeError) as e: print(f\'{type(e).__name__}: {e}\')'''),
(57, [], '''\
z = torch.zeros(2, 3, 20)
test_fail(lambda: lstm(torch.randn(3, 7, 12)), contains=\'expected input.size(-1) == input_size=10, got 12\')
test_fail(lambda: lstm(xb, z), contains=\'expected hx to be a tuple (h_0, c_0), h_0 of shape (2, 3, 20)\')
test_fail(lambda: lstm(xb, z), contains=\'got a Tensor of shape (2, 3, 20)\')
test_fail(lambda: lstm(xb, [z, z]), contains=\'got list\')
test_fail(lambda: lstm(xb, (z, z, z)), contains=\'expected hx to be a tuple (h_0, c_0)\')
test_fail(lambda: lstm(xb, (z, torch.zeros(2, 7, 20))), contains=\'got c_0 of shape (2, 7, 20)\')
test_fail(lambda: lstm(xb, (torch.zeros(1, 3, 20), z)), contains=\'got h_0 of shape (1, 3, 20)\')
test_fail(lambda: lstm(xb[0], (z, z)), contains=\'h_0 of shape (2, 20) = (num_layers*num_directions, hidden_size)\')
test_fail(lambda: lstm(xb, (z, z.double())), contains=\'c_0 has dtype torch.float64 but the parameters have torch.float32\')
test_fail(lambda: lstm(xb, (z.long(), z)), contains=\'expected a floating-point h_0\')
lp = LSTM(10, 20, proj_size=5)
test_fail(lambda: lp(xb.transpose(0, 1), (torch.zeros(1, 3, 20), torch.zeros(1, 3, 20))), contains=\'h_0 of shape (1, 3, 5) = (num_layers*num_directions, B, proj_size)\')
test_eq(lp(xb.transpose(0, 1), (torch.zeros(1, 3, 5), torch.zeros(1, 3, 20)))[1][0].shape, (1, 3, 5))
test_fail(lambda: LSTM(10, 20, proj_size=20), contains=\'proj_size has to be smaller than hidden_size, got proj_size=20 >= hidden_size=20\')
test_fail(lambda: LSTM(10, 20, proj_size=-1), contains=\'proj_size should be 0 (no projection) or positive, got -1\')
test_fail(lambda: LSTM(10, 20, proj_size=2.0), contains=\'proj_size should be an int, got float\')
test_fail(lambda: LSTM(10, 0), contains=\'hidden_size must be greater than zero\')
test_fail(lambda: lstm(torch.randn(3, 7, 10, dtype=torch.float64)), contains=\'input has dtype torch.float64\')
test_fail(lambda: lstm(torch.randn(2, 3, 7, 10)), contains=\'got 4-D input\')
test_fail(lambda: lstm(pack_padded_sequence(torch.randn(3, 7, 12), torch.tensor([7, 2, 3]), batch_first=True, enforce_sorted=False)), contains=\'input_size=10, got 12\')'''),
(59, [], '''\
@singledispatch
def gate_trace(module,   # a one-layer, one-direction recurrent module of a registered type
               input,    # (T, F), or (T, B, F), or (B, T, F) if `module.batch_first`; not packed
               hx=None,  # initial state, as `module(input, hx)` takes it
              ) -> dict: # {name: (T, B, ·) tensor}; for an LSTM i, f, g, o, c, h
    "Per-step gates and states of `module` on `input`, time-major and detached; extend with `gate_trace.register`"
    known = \', \'.join(sorted(f\'{c.__module__}.{c.__qualname__}\' for c in gate_trace.registry if c is not object))
    raise TypeError(f"gate_trace: cannot trace a {type(module).__name__}; registered types: {known}")

def trace_input(module,   # a one-layer, one-direction module of ours, built on `RNNBase`
                input,    # as for `module(input, hx)`, not packed
                hx=None,  # as for `module(input, hx)`
               ) -> tuple:# (time-major input (T, B, F), initial state as (B, ·) tensors or None)
    "Check that `module` and `input` can be traced; return the input and state in the shapes a step takes"
    if module.num_layers != 1 or module.bidirectional:
        raise ValueError(f"gate_trace: expected a module with one layer and one direction, got num_layers={module.num_layers}, "
                         f"bidirectional={module.bidirectional}; trace each layer as its own module")
    if isinstance(input, PackedSequence): raise TypeError("gate_trace: expected a padded tensor, got a PackedSequence; pad it, or trace each sequence alone")
    with torch.no_grad(): module(input, hx)  # the module\'s own checks of `input` and `hx`
    x = input[:, None] if input.dim() == 2 else input.transpose(0, 1) if module.batch_first else input
    if hx is not None: hx = _smap(lambda v: v[0] if input.dim() == 3 else v, hx)  # (1, B, ·) -> (B, ·); unbatched (1, ·) is B = 1
    return x, hx'''),
(60, [], '''\
@gate_trace.register
def _(module:LSTM, input, hx=None):
    x, hx = trace_input(module, input, hx)
    W_ih, W_hh, b_ih, b_hh = module.weights(0, 0)
    W_hr, (T, B) = getattr(module, \'weight_hr_l0\', None), x.shape[:2]
    h, c = hx if hx is not None else (x.new_zeros(B, module.proj_size or module.hidden_size), x.new_zeros(B, module.hidden_size))
    steps = []
    with torch.no_grad():
        for xp in F.linear(x, W_ih, b_ih).unbind(0):
            steps.append(lstm_gates(xp, h, c, W_hh, b_hh, W_hr))
            h, c = steps[-1][\'h\'], steps[-1][\'c\']
    return {k: torch.stack([s[k] for s in steps]) for k in steps[0]}

@gate_trace.register
def _(module:nn.LSTM, input, hx=None): return gate_trace(LSTM.from_torch(module), input, hx)'''),
(61, [], '''\
torch.manual_seed(0)
ref = nn.LSTM(3, 5, batch_first=True)
xb = torch.randn(2, 7, 3)  # (B, T, F)
tr = gate_trace(ref, xb)
out, (h_n, c_n) = ref(xb)
print({k: tuple(v.shape) for k, v in tr.items()}, \' h matches the output:\', torch.allclose(tr[\'h\'], out.transpose(0, 1)))'''),
(62, [], '''\
test_close(tr[\'h\'], out.transpose(0, 1), eps=1e-6); test_close(tr[\'c\'][-1], c_n[0], eps=1e-6)
test_close(tr[\'c\'][1:], tr[\'f\'][1:]*tr[\'c\'][:-1] + tr[\'i\'][1:]*tr[\'g\'][1:], eps=1e-6)
hx = (torch.randn(1, 2, 5), torch.randn(1, 2, 5))
test_close(gate_trace(ref, xb, hx)[\'c\'][-1], ref(xb, hx)[1][1][0], eps=1e-6)
tr1 = gate_trace(ref, xb[0], (hx[0][:, 0], hx[1][:, 0]))  # unbatched: B = 1
test_eq(tr1[\'i\'].shape, (7, 1, 5)); test_close(tr1[\'h\'][:, 0], ref(xb[0], (hx[0][:, 0], hx[1][:, 0]))[0], eps=1e-6)
trp = gate_trace(LSTM(3, 5, proj_size=2), torch.randn(7, 4, 3))
test_eq(trp[\'h\'].shape, (7, 4, 2)); test_eq(trp[\'c\'].shape, (7, 4, 5))
assert not any(v.requires_grad for v in tr.values())
test_fail(lambda: gate_trace(nn.RNN(3, 5), xb), contains=\'cannot trace a RNN; registered types:\')
test_fail(lambda: gate_trace(nn.GRU(3, 5), xb), contains=\'torch.nn.modules.rnn.LSTM\')
test_fail(lambda: gate_trace(nn.LSTM(3, 5, 2), xb), contains=\'one layer and one direction, got num_layers=2\')
test_fail(lambda: gate_trace(LSTM(3, 5, bidirectional=True), xb), contains=\'bidirectional=True\')
test_fail(lambda: gate_trace(ref, torch.randn(2, 7, 4)), contains=\'input_size=3, got 4\')
test_fail(lambda: gate_trace(ref, xb, hx[0]), contains=\'expected hx to be a tuple (h_0, c_0)\')
test_fail(lambda: gate_trace(ref, pack_padded_sequence(xb, torch.tensor([7, 3]), batch_first=True)), contains=\'got a PackedSequence\')'''),
(64, [], '''\
def init_forget_bias(module,         # an LSTM or LSTMCell, ours or torch\'s
                     value:float=1., # the forget gate\'s bias b_if + b_hf to set
                    ):
    "Set the forget-gate bias of every layer and direction of `module` to `value` (b_ih\'s f rows to `value`, b_hh\'s to 0)"
    H = module.hidden_size
    bs = [(n, p) for n, p in module.named_parameters() if n.startswith((\'bias_ih\', \'bias_hh\'))]
    if not bs: raise ValueError(f"init_forget_bias: {type(module).__name__} has no biases (bias=False)")
    if any(p.shape != (4*H,) for _, p in bs): raise ValueError(f"init_forget_bias: expected an LSTM\'s biases of shape (4H,) = ({4*H},), got {tuple(bs[0][1].shape)}")
    with torch.no_grad():
        for n, p in bs: p[H:2*H] = value if n.startswith(\'bias_ih\') else 0.
    return module'''),
(65, [], '''\
m = init_forget_bias(nn.LSTM(3, 4, bidirectional=True), 1.)
print(\'b_ih, b_hh of unit 0 for i, f, g, o:\', m.bias_ih_l0.data.view(4, 4)[:, 0], m.bias_hh_l0.data.view(4, 4)[:, 0])'''),
(66, [], '''\
for mod in [LSTM(3, 4, 2, bidirectional=True), nn.LSTMCell(3, 4), LSTMCell(3, 4)]:
    init_forget_bias(mod, 2.)
    for n, p in mod.named_parameters():
        if n.startswith(\'bias\'): test_eq(p[4:8].detach(), torch.full((4,), 2. if \'ih\' in n else 0.))
test_fail(lambda: init_forget_bias(nn.LSTM(3, 4, bias=False)), contains=\'has no biases\')
test_fail(lambda: init_forget_bias(nn.GRU(3, 4)), contains="expected an LSTM\'s biases of shape (4H,) = (16,), got (12,)")'''),
(67, [], '''\
def grad_reach(model, T=200, F_in=16, B=8, seed=0):
    "‖∂L/∂x_t‖ for t = 0..T-1, with L = uᵀh_T, on random inputs (float64), and those inputs"
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(T, B, F_in, generator=g, dtype=torch.float64, requires_grad=True)
    out = model(x)[0]
    (out[-1] @ torch.randn(out.shape[-1], generator=g, dtype=torch.float64)).sum().backward()
    return x.grad.norm(dim=(1, 2)), x.detach()

H = 64
models = {\'RNN (tanh)\': RNN(16, H, dtype=torch.float64)} | {f\'LSTM, forget bias {b}\': LSTM(16, H, dtype=torch.float64) for b in (\'default\', 1, 2)}
for b in (1, 2): init_forget_bias(models[f\'LSTM, forget bias {b}\'], b)
reach, rates, f_stats = {}, {}, {}
for name, m in models.items():
    reach[name], xr = grad_reach(m)
    rates[name] = decay_rate(reach[name])
    if name.startswith(\'LSTM\'): f = gate_trace(m, xr)[\'f\']; f_stats[name] = (f.mean().item(), -f.log().mean().item())
print(f"{\'model\':>26} {\'fitted decay /step\':>19} {\'mean f\':>7} {\'-mean log f\':>12}")
for name in models: print(f"{name:>26} {rates[name]:19.3f} " + (\' \'.join(f\'{v:{w}.3f}\' for v, w in zip(f_stats[name], (7, 12))) if name in f_stats else \'\'))'''),
(68, [], '''\
fig, ax = plt.subplots(figsize=(8, 4))
for name, n in reach.items():
    ax.semilogy(torch.arange(len(n) - 1, -1, -1), n, label=f\'{name}: {rates[name]:.2f} per step\')
ax.set(xlabel=\'distance T − t (steps)\', ylabel=\'‖∂L/∂x_t‖ (log scale)\', title=f\'Gradient reaching step t from the loss at T = 200 (H = {H}, random inputs, float64)\')
ax.legend(title=\'model: fitted decay rate\'); ax.grid(alpha=.3);'''),
(69, [], '''\
assert rates[\'RNN (tanh)\'] > rates[\'LSTM, forget bias default\'] > rates[\'LSTM, forget bias 1\'] > rates[\'LSTM, forget bias 2\'] > -0.01
assert reach[\'LSTM, forget bias 2\'][0] > 1e-6 * reach[\'LSTM, forget bias 2\'][-1] and reach[\'RNN (tanh)\'][0] < 1e-30
for name, (mf, _) in f_stats.items(): assert 0.45 < f_stats[\'LSTM, forget bias default\'][0] < 0.55 < f_stats[\'LSTM, forget bias 1\'][0] < f_stats[\'LSTM, forget bias 2\'][0]'''),
(72, [], '''\
def reber_batch(strs):
    "One-hot inputs (B, T, 7) of every symbol but the last, and next-symbol targets (B, T), -100 on padding"
    idx = {ch: k for k, ch in enumerate(REBER_SYMBOLS)}
    T = max(map(len, strs)) - 1
    x, y = torch.zeros(len(strs), T, len(REBER_SYMBOLS)), torch.full((len(strs), T), -100)
    for b, s in enumerate(strs):
        ids = torch.tensor([idx[ch] for ch in s])
        x[b, torch.arange(len(s) - 1), ids[:-1]] = 1.; y[b, :len(s) - 1] = ids[1:]
    return x, y

class ReberLSTM(nn.Module):
    "Our LSTM over one-hot symbols (B, T, 7), batch first, and a linear head: next-symbol logits (B, T, 7)"
    def __init__(self, H=16):
        super().__init__()
        self.lstm, self.head = LSTM(len(REBER_SYMBOLS), H, batch_first=True), nn.Linear(H, len(REBER_SYMBOLS))
    def forward(self, x): return self.head(self.lstm(x)[0])

def flat_ce(logits, y): return F.cross_entropy(logits.flatten(0, 1), y.flatten())  # the padding (-100) is ignored'''),
(74, [], '''\
def reber_scores(model, strs):
    "(share of steps whose most likely next symbol is legal, share of strings whose second-to-last symbol is predicted right)"
    x, y = reber_batch(strs)
    with torch.no_grad(): pred = model(x).argmax(-1)
    legal = [REBER_SYMBOLS[pred[b, k]] in EMBEDDED_REBER.next_symbols(s[:k+1]) for b, s in enumerate(strs) for k in range(len(s) - 1)]
    rows, n = torch.arange(len(strs)), torch.tensor([len(s) for s in strs])
    return sum(legal) / len(legal), (pred[rows, n - 3] == y[rows, n - 3]).float().mean().item()'''),
(75, [], '''\
train_strs, test_strs = embedded_reber(4000, seed=0), embedded_reber(500, seed=1)
batches = [reber_batch(train_strs[i:i+32]) for i in range(0, len(train_strs), 32)]
torch.manual_seed(0); untrained = ReberLSTM()
torch.manual_seed(0); model = ReberLSTM()
t0 = time.perf_counter()
losses = train_loop(model, batches, flat_ce, steps=400, lr=1e-2, clip=1.)
print(f\'{time.perf_counter() - t0:.1f}s; loss {losses[0]:.2f} -> {sum(losses[-20:]) / 20:.3f} (mean of the last 20 steps)\')
for name, m in [(\'untrained\', untrained), (\'trained\', model)]:
    legal, second_last = reber_scores(m, test_strs)
    print(f\'{name:>9}: legal next symbol {legal:.1%} of steps; second-to-last symbol right in {second_last:.1%} of 500 test strings\')'''),
(76, [], '''\
legal, second_last = reber_scores(model, test_strs)
assert legal > 0.99 and second_last > 0.95, (legal, second_last)
assert reber_scores(untrained, test_strs)[0] < 0.8'''),
(78, [], '''\
x_test, _ = reber_batch(test_strs)
tr_test = gate_trace(model.lstm, x_test)  # each (T, 500, 16)
long = [k for k, s in enumerate(test_strs) if len(s) >= 14]
branch = torch.tensor([1. if test_strs[k][1] == \'T\' else -1. for k in long])
C = tr_test[\'c\'][1:11, long]  # (10 steps, strings, H)
corr = ((C - C.mean(1, keepdim=True)) * (branch - branch.mean())[None, :, None]).mean(1) / (C.std(1, correction=0) * branch.std(correction=0))
worst = corr.abs().min(0).values  # per unit, over the 10 steps
mem = worst.argmax().item()
gates_mem = {k: tr_test[k][2:11, long, mem].mean().item() for k in \'if\'}
f_all = tr_test[\'f\'][2:11, long].mean().item()
print(f\'{len(long)} strings; unit {mem}: |correlation of c_t with the branch| at least {worst[mem]:.2f} at every step 1-10 \'
      f\'(next best unit: {worst.sort().values[-2]:.2f}); over steps 2-10 its forget gate averages {gates_mem["f"]:.2f} \'
      f\'(all units {f_all:.2f}) and its input gate {gates_mem["i"]:.2f}\')'''),
(79, [], '''\
assert worst[mem] > 0.8 and gates_mem[\'f\'] > f_all + 0.1'''),
(81, [], '''\
def plot_gates(tr, s, b, mark=None, title=\'\'):
    "Heatmaps of i, f, o (0 to 1) and c over the steps of string `s`, column `b` of the trace `tr`; unit `mark` in red"
    T = len(s) - 1
    fig, axs = plt.subplots(4, 1, figsize=(9, 8.5), sharex=True)
    for ax, k in zip(axs, \'ifoc\'):
        v = tr[k][:T, b].T  # (H, T)
        lim = v.abs().max().item() if k == \'c\' else 1
        im = ax.imshow(v, aspect=\'auto\', cmap=\'RdBu_r\' if k == \'c\' else \'viridis\', vmin=-lim if k == \'c\' else 0, vmax=lim, interpolation=\'nearest\')
        fig.colorbar(im, ax=ax, pad=.01)
        ax.set_ylabel({\'i\': \'input gate i\', \'f\': \'forget gate f\', \'o\': \'output gate o\', \'c\': \'cell state c\'}[k] + \'\\nunit\')
        ax.set_yticks(range(v.shape[0]), [str(j) for j in range(v.shape[0])], fontsize=7)
        if mark is not None: ax.get_yticklabels()[mark].set(color=\'C3\', fontweight=\'bold\')
    axs[-1].set_xticks(range(T), list(s[:-1])); axs[-1].set_xlabel(\'symbol read at step t\')
    axs[0].set_title(title); fig.tight_layout()
    return fig
b = next(b for b, s in enumerate(test_strs) if 16 <= len(s) <= 20)
plot_gates(tr_test, test_strs[b], b, mem, f\'Trained LSTM on the embedded Reber string {test_strs[b]}\\n(red: unit {mem}, whose c carries the branch symbol, here {test_strs[b][1]})\');'''),
(83, [], '''\
fig, ax = plt.subplots(figsize=(8, 3.4))
for k in long[:60]:
    s_ = test_strs[k]
    ax.plot(range(1, len(s_) - 1), tr_test[\'c\'][1:len(s_) - 1, k, mem], color=\'C0\' if s_[1] == \'T\' else \'C1\', alpha=.5, lw=1)
ax.plot([], [], color=\'C0\', label=\'branch symbol T\'); ax.plot([], [], color=\'C1\', label=\'branch symbol P\'); ax.legend()
ax.set(xlabel=\'step t (step 1 reads the branch symbol)\', ylabel=f\'cell state c of unit {mem}\', title=f\'Unit {mem} carries the branch symbol through the string (60 test strings)\'); ax.grid(alpha=.3);'''),
(85, [], '''\
valid = torch.arange(x_test.shape[1])[:, None] < torch.tensor([len(s) - 1 for s in test_strs])  # (T, 500): real steps, not padding
tr_untrained = gate_trace(untrained.lstm, x_test)
fig, axs = plt.subplots(1, 2, figsize=(11, 3.6), sharey=True)
sat = {}
for ax, (name, tr) in zip(axs, [(\'untrained\', tr_untrained), (\'trained\', tr_test)]):
    for k in \'ifo\':
        v = tr[k][valid].flatten()
        sat[name, k] = ((v < 0.1) | (v > 0.9)).float().mean().item()
        ax.hist(v, bins=40, range=(0, 1), histtype=\'step\', lw=1.8, density=True, label=f\'{k}: {sat[name, k]:.0%} below 0.1 or above 0.9\')
    ax.set(title=f\'{name} LSTM: gate values over 500 test strings\', xlabel=\'gate value\', yscale=\'log\'); ax.legend(fontsize=8)
axs[0].set_ylabel(\'density (log scale)\'); fig.tight_layout()
print({f\'{name} {k}\': f\'{v:.0%}\' for (name, k), v in sat.items()})'''),
(86, [], '''\
for k in \'ifo\': assert sat[\'trained\', k] > sat[\'untrained\', k] + 0.2'''),
(88, [], '''\
def show_step(model, s, t):
    "Gates and state of every unit after reading s[:t+1] (left), and the next-symbol probabilities (right)"
    x, _ = reber_batch([s]); tr = gate_trace(model.lstm, x)
    with torch.no_grad(): p = F.softmax(model(x)[0, t], -1)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 3.2), gridspec_kw=dict(width_ratios=[2.3, 1]))
    M = torch.stack([tr[k][t, 0] for k in \'ifgoch\'])  # (6, H)
    a1.imshow(M, cmap=\'RdBu_r\', vmin=-1.5, vmax=1.5, aspect=\'auto\', interpolation=\'nearest\')
    for (r, c), v in zip(itertools.product(range(6), range(M.shape[1])), M.flatten().tolist()): a1.text(c, r, f\'{v:.1f}\', ha=\'center\', va=\'center\', fontsize=6.5, color=\'w\' if abs(v) > 1 else \'k\')
    a1.set(yticks=range(6), yticklabels=list(\'ifgoch\'), xticks=range(M.shape[1]), xlabel=\'unit\', title=f\'after reading {s[:t+1]}  (string {s})\')
    allowed = EMBEDDED_REBER.next_symbols(s[:t+1])
    a2.bar(range(7), p, color=[\'C2\' if ch in allowed else \'C3\' for ch in REBER_SYMBOLS])
    a2.set(xticks=range(7), xticklabels=list(REBER_SYMBOLS), ylim=(0, 1), ylabel=\'probability\', title=f\'next symbol (allowed: {allowed})\')
    plt.show()
show_step(model, test_strs[b], len(test_strs[b]) - 3)'''),
(89, [], '''\
import ipywidgets as widgets
s_pick = widgets.Dropdown(options=test_strs[:12], value=test_strs[b] if b < 12 else test_strs[0], description=\'string\')
t_pick = widgets.IntSlider(0, min=0, max=len(s_pick.value) - 2, description=\'step t\')
s_pick.observe(lambda ch: setattr(t_pick, \'max\', len(ch[\'new\']) - 2), \'value\')
widgets.interact(lambda s, t: show_step(model, s, min(t, len(s) - 2)), s=s_pick, t=t_pick);'''),
(91, [], '''\
def latch_task(n, T, K=4, seed=0):
    "x (n, T, 2+K) one-hot: step 0 holds the class (0 or 1), the others random distractors (2..K+1); y (n,) the class"
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)
    sym = torch.randint(2, 2 + K, (n, T), generator=g); sym[:, 0] = y
    return F.one_hot(sym, 2 + K).float(), y

class LatchLSTM(nn.Module):
    "Our LSTM, batch first, and a linear head on the last output: class logits (B, 2)"
    def __init__(self, H=16, K=4):
        super().__init__()
        self.lstm, self.head = LSTM(2 + K, H, batch_first=True), nn.Linear(H, 2)
    def forward(self, x): return self.head(self.lstm(x)[0][:, -1])

def latch_run(T, forget_bias, steps=150, seed=0, H=16):
    "Train a `LatchLSTM` with the given forget bias; (validation accuracy, step at which the loss fell below 0.1 or None, losses)"
    X, Y = latch_task(steps * 32, T, seed=1); Xv, Yv = latch_task(1000, T, seed=2)
    torch.manual_seed(seed); m = LatchLSTM(H); init_forget_bias(m.lstm, forget_bias)
    losses = train_loop(m, [(X[i:i+32], Y[i:i+32]) for i in range(0, len(X), 32)], F.cross_entropy, steps, lr=1e-2, clip=1.)
    with torch.no_grad(): acc = (m(Xv).argmax(-1) == Yv).float().mean().item()
    run = torch.tensor(losses).unfold(0, 20, 1).mean(1)  # mean of 20 steps
    solved = (run < 0.1).nonzero()
    return acc, (solved[0].item() + 19 if len(solved) else None), losses'''),
(93, [], '''\
latch = {fb: latch_run(20, fb) for fb in (0., 1.)}
for fb, (acc, solved, _) in latch.items(): print(f\'forget bias {fb:.0f}: validation accuracy {acc:.1%}; loss below 0.1 \' + (f\'from step {solved}\' if solved else \'never\'))
fig, ax = plt.subplots(figsize=(7, 3.5))
for fb, (acc, _, losses) in latch.items(): ax.plot(losses, label=f\'forget bias {fb:.0f} (accuracy {acc:.0%})\', alpha=.85)
ax.axhline(math.log(2), color=\'gray\', ls=\':\', label=\'chance, ln 2\')
ax.set(xlabel=\'optimizer step\', ylabel=\'cross-entropy (nats)\', title=\'Remember the first symbol, T = 20: same seed and budget, forget bias 0 or 1\'); ax.legend(); ax.grid(alpha=.3);'''),
(94, [], '''\
assert latch[1.][0] > 0.95 and latch[0.][0] < 0.7, {k: v[:2] for k, v in latch.items()}'''),
(96, ['slow'], '''\
t0 = time.perf_counter()
configs = [(T, fb) for T in (10, 20, 40) for fb in (0., 1.)] + [(40, 2.)]
sweep = {(T, fb, seed): latch_run(T, fb, steps=400, seed=seed)[:2] for T, fb in configs for seed in range(5)}
for T, fb in configs:
    rs = [sweep[T, fb, seed] for seed in range(5)]
    print(f\'T={T:2d}, forget bias {fb:.0f}: accuracy \' + \' \'.join(f\'{a:.2f}\' for a, _ in rs) + \';  loss < 0.1 from step \' + \' \'.join(str(s) for _, s in rs))
print(f\'{time.perf_counter() - t0:.0f}s\')'''),
(99, [], '''\
def lstm_naive(x, W_ih, W_hh, b_ih, b_hh):
    "Version 1: both matmuls inside the loop; output (T, B, H)"
    h = c = x.new_zeros(x.shape[1], W_hh.shape[1]); outs = []
    for t in range(len(x)):
        h, c = lstm_step(x[t] @ W_ih.T + b_ih, (h, c), W_hh, b_hh); outs.append(h)
    return torch.stack(outs)

def lstm_indexed(x, W_ih, W_hh, b_ih, b_hh):
    "Version 2: the input matmul hoisted out of the loop, its steps read back with xp[t]; output (T, B, H)"
    xp = F.linear(x, W_ih, b_ih)
    h = c = x.new_zeros(x.shape[1], W_hh.shape[1]); outs = []
    for t in range(len(x)):
        h, c = lstm_step(xp[t], (h, c), W_hh, b_hh); outs.append(h)
    return torch.stack(outs)'''),
(101, [], '''\
torch.manual_seed(0)
ref = nn.LSTM(64, 256); ps = list(ref.parameters())
ours, ours_autograd = LSTM.from_torch(ref), LSTM.from_torch(ref); ours_autograd.fast_backward = False
def no_onednn(x):
    with torch.backends.mkldnn.flags(enabled=False): return ref(x)[0]
versions = {\'nn.LSTM, oneDNN\': lambda x: ref(x)[0], \'nn.LSTM, oneDNN off\': no_onednn,
            \'1. naive\': lambda x: lstm_naive(x, *ps), \'2. hoisted, xp[t]\': lambda x: lstm_indexed(x, *ps),
            \'3. hoisted, unbind (autograd)\': lambda x: ours_autograd(x)[0], \'4. hand-written backward\': lambda x: ours(x)[0]}'''),
(102, [], '''\
x_small = torch.randn(7, 3, 64)
for name, f in versions.items(): test_close(f(x_small), ref(x_small)[0], eps=1e-5)'''),
(103, ['slow'], '''\
def bench(versions, x, rounds=5):
    "Best time of forward+backward of every `versions[name](x)`, timed in turn over `rounds` rounds after a warm-up one"
    best = dict.fromkeys(versions, float(\'inf\'))
    for r in range(rounds + 1):
        for name, f in versions.items():
            x.grad = None
            t0 = time.perf_counter(); f(x).sum().backward(); t = time.perf_counter() - t0
            if r: best[name] = min(best[name], t)
    return best
x_bench = torch.randn(100, 64, 64, requires_grad=True)
times = bench(versions, x_bench)
print(f"B=64, T=100, F=64, H=256, float32, {torch.get_num_threads()} threads; forward+backward, best of 5")
print(f"{\'version\':>31} {\'ms\':>7} {\'× nn.LSTM\':>10} {\'× nn.LSTM, oneDNN off\':>22}")
for name, t in times.items():
    print(f"{name:>31} {t*1e3:7.1f} {t/times[\'nn.LSTM, oneDNN\']:10.2f} {t/times[\'nn.LSTM, oneDNN off\']:22.2f}")'''),
(105, ['slow'], '''\
for H_s in (16, 64):
    torch.manual_seed(0)
    r_s = nn.LSTM(64, H_s); v3_s, v4_s = LSTM.from_torch(r_s), LSTM.from_torch(r_s); v3_s.fast_backward = False
    t_s = bench({\'nn.LSTM\': lambda x: r_s(x)[0], \'3\': lambda x: v3_s(x)[0], \'4\': lambda x: v4_s(x)[0]}, x_bench)
    print(f"H={H_s:3d}: nn.LSTM (oneDNN) {t_s[\'nn.LSTM\']*1e3:5.1f} ms;  × nn.LSTM: version 3 {t_s[\'3\']/t_s[\'nn.LSTM\']:.2f}, version 4 {t_s[\'4\']/t_s[\'nn.LSTM\']:.2f}")'''),
(108, [], '''\
torch.manual_seed(0)
ref = nn.LSTM(3, 4); ours = LSTM.from_torch(ref)
x1, x2 = torch.randn(5, 2, 3), torch.randn(5, 2, 3)
for name, m in [(\'torch\', ref), (\'ours\', ours)]:
    try: m(x1, torch.zeros(1, 2, 4))
    except (RuntimeError, IndexError, TypeError) as e: print(f"{name}: {type(e).__name__}: {e}\\n")
with torch.no_grad():
    whole = ref(torch.cat([x1, x2]))[0][5:]      # the second chunk\'s outputs, read in one go
    out1, (h, c) = ref(x1)
    swapped, right = ref(x2, (c, h))[0], ref(x2, (h, c))[0]
print(f\'second chunk, state carried as (c, h): off by {(swapped - whole).abs().max():.3f};  as (h, c): off by {(right - whole).abs().max():.1e}\')'''),
(109, [], '''\
test_close(right, whole, eps=1e-6); assert (swapped - whole).abs().max() > 0.01
test_fail(lambda: ours(x1, torch.zeros(1, 2, 4)), contains="An LSTM\'s state is a pair")'''),
(112, [], '''\
def reorder_gates(w,              # weight (4H, ·) or bias (4H,): the four gates stacked on the first axis
                  src:str,        # the order of the gates in `w`, a permutation of \'ifgo\', e.g. \'iofg\' for ONNX
                  dst:str=\'ifgo\', # the order wanted; torch\'s by default
                 ) -> Tensor:     # `w` with its row blocks in the order `dst`
    "`w` with its four gate blocks moved from order `src` to order `dst`"
    for name, order in ((\'src\', src), (\'dst\', dst)):
        if not isinstance(order, str) or sorted(order) != sorted(\'ifgo\'):
            raise ValueError(f"reorder_gates: {name} should be the four letters i, f, g, o in some order, got {order!r}")
    if w.shape[0] % 4: raise ValueError(f"reorder_gates: expected the gates stacked on the first axis, of size 4H, got size {w.shape[0]}")
    blocks = dict(zip(src, w.chunk(4, 0)))
    return torch.cat([blocks[k] for k in dst])'''),
(113, [], '''\
reorder_gates(torch.arange(8.), \'ifgo\', \'iofg\')  # H = 2: rows (i0 i1 f0 f1 g0 g1 o0 o1) -> i, o, f, g'''),
(115, [], '''\
sd = model.state_dict()
ifog = {k: reorder_gates(v, \'ifgo\', \'ifog\') if k.startswith(\'lstm.\') else v for k, v in sd.items()}   # as exported elsewhere
wrong, fixed = ReberLSTM(), ReberLSTM()
wrong.load_state_dict(ifog)                                                                            # no complaint
fixed.load_state_dict({k: reorder_gates(v, \'ifog\') if k.startswith(\'lstm.\') else v for k, v in ifog.items()})
for name, m in [(\'trained\', model), (\'loaded as stored\', wrong), (\'reordered, then loaded\', fixed)]:
    print(f\'{name:>22}: legal next symbol {reber_scores(m, test_strs)[0]:.1%}, second-to-last right {reber_scores(m, test_strs)[1]:.1%}\')'''),
(116, [], '''\
test_eq(fixed(x_test).detach(), model(x_test).detach())
assert reber_scores(wrong, test_strs)[0] < 0.9
test_eq(reorder_gates(torch.arange(8.), \'ifgo\', \'iofg\'), torch.tensor([0., 1, 6, 7, 2, 3, 4, 5]))
w = torch.randn(12, 5)
for order in [\'iofg\', \'igfo\', \'ogfi\']: test_eq(reorder_gates(reorder_gates(w, \'ifgo\', order), order), w)
test_fail(lambda: reorder_gates(w, \'ifgc\'), contains="src should be the four letters i, f, g, o in some order, got \'ifgc\'")
test_fail(lambda: reorder_gates(w, \'ifgo\', \'if\'), contains="dst should be the four letters")
test_fail(lambda: reorder_gates(torch.randn(10, 5), \'iofg\'), contains=\'of size 4H, got size 10\')'''),
(119, [], '''\
def legal_share(pred):
    "Share of the test strings\' steps whose predicted next symbol, `pred` (T, 500), the grammar allows"
    ok = [REBER_SYMBOLS[pred[k, b]] in EMBEDDED_REBER.next_symbols(s[:k+1]) for b, s in enumerate(test_strs) for k in range(len(s) - 1)]
    return sum(ok) / len(ok)
with torch.no_grad(): from_h, from_c = (legal_share(model.head(tr_test[k]).argmax(-1)) for k in \'hc\')
out, (h_n, c_n) = model.lstm(x_test[:1, :len(test_strs[0]) - 1])
print(f"largest |c| {tr_test[\'c\'][valid].abs().max():.1f}, largest |h| {tr_test[\'h\'][valid].abs().max():.2f};  "
      f"output[:, -1] == h_n[-1]: {torch.equal(out[:, -1], h_n[-1])}, == c_n[-1]: {torch.equal(out[:, -1], c_n[-1])}")
print(f\'the head on h: legal next symbol at {from_h:.1%} of steps;  the same head on c: {from_c:.1%}\')'''),
(120, [], '''\
assert from_h > 0.99 and from_c < 0.95
assert tr_test[\'c\'][valid].abs().max() > 1 > tr_test[\'h\'][valid].abs().max()'''),
(122, [], '''\
torch.manual_seed(0); twice = nn.LSTM(7, 16, batch_first=True)
with torch.no_grad(): twice.bias_ih_l0[16:32] = 1.; twice.bias_hh_l0[16:32] = 1.
once = init_forget_bias(nn.LSTM(7, 16, batch_first=True), 1.)
f_twice, f_once = (gate_trace(m, x_test[:50])[\'f\'][valid[:, :50]].mean().item() for m in (twice, once))
print(f\'mean forget gate at initialisation on Reber strings: both biases set to 1: {f_twice:.3f};  init_forget_bias(…, 1): {f_once:.3f}\')'''),
(123, [], '''\
assert f_twice > f_once + 0.1'''),
(125, [], '''\
def bracket_counter(big=20.):
    "A one-unit LSTM over one-hot ( and ): i = f = o = σ(big) ≈ 1, g = tanh(±big) ≈ ±1, so c_t counts the depth"
    m = LSTM(2, 1)
    with torch.no_grad():
        m.weight_hh_l0.zero_(); m.bias_hh_l0.zero_()
        m.weight_ih_l0.copy_(torch.tensor([[0., 0], [0, 0], [big, -big], [0, 0]]))  # rows i, f, g, o; columns \'(\' and \')\'
        m.bias_ih_l0.copy_(torch.tensor([big, big, 0., big]))
    return m
s = \'(()(()))(()\'
x = F.one_hot(torch.tensor([0 if ch == \'(\' else 1 for ch in s]), 2).float()[:, None]  # (T, 1, 2)
depth = torch.tensor([1. if ch == \'(\' else -1. for ch in s]).cumsum(0)
c = gate_trace(bracket_counter(), x)[\'c\'][:, 0, 0]
print(s, c.round(decimals=4).tolist())
test_close(c, depth, eps=1e-5)'''),
(127, [], '''\
def lstm_params(F_in, H, L, D, P=0, bias=True):
    "Number of parameters of LSTM(F_in, H, L, bidirectional=D == 2, proj_size=P, bias=bias)"
    R = P or H
    per = lambda F_l: 4*H*F_l + 4*H*R + (8*H if bias else 0) + P*H
    return D * (per(F_in) + (L - 1) * per(D * R))
for F_, H, L, D, P, bias in itertools.product([1, 7], [3, 6], [1, 3], [1, 2], [0, 2], [False, True]):
    test_eq(sum(p.numel() for p in LSTM(F_, H, L, bias=bias, bidirectional=D == 2, proj_size=P).parameters()), lstm_params(F_, H, L, D, P, bias))
lstm_params(64, 256, 2, 1), lstm_params(64, 256, 2, 1, P=64)'''),
(129, [], '''\
class LSTM1997(LSTM):
    "The LSTM without a forget gate (f = 1): the cell only accumulates; the f rows of the weights are ignored"
    fast_backward = False
    def step(self, xp, state, W_hh, b_hh):
        h, c = state
        i, f, g, o = (F.linear(h, W_hh, b_hh) + xp).chunk(4, -1)
        c = c + i.sigmoid()*g.tanh()
        return o.sigmoid()*c.tanh(), c

torch.manual_seed(0)
std = LSTM(8, 16); old = LSTM1997(8, 16); old.load_state_dict(std.state_dict())
x_long = torch.randn(1000, 4, 8)
with torch.no_grad(): c_std, c_old = std(x_long)[1][1], old(x_long)[1][1]
print(f\'after 1000 steps, largest |c|: standard {c_std.abs().max():.2f}, without forget gate {c_old.abs().max():.1f}\')
assert c_old.abs().max() > 20 * c_std.abs().max()'''),
(131, [], '''\
torch.manual_seed(0)
lp = nn.LSTM(5, 8, proj_size=3)
x5 = torch.randn(6, 2, 5)
tr = gate_trace(lp, x5)
out, (h_n, c_n) = lp(x5)
c_prev = torch.cat([torch.zeros(1, 2, 8), tr[\'c\'][:-1]])
test_close(tr[\'c\'], tr[\'f\']*c_prev + tr[\'i\']*tr[\'g\'], eps=1e-6)
test_close(tr[\'h\'], (tr[\'o\']*tr[\'c\'].tanh()) @ lp.weight_hr_l0.T, eps=1e-6)
test_close(tr[\'h\'][-1], h_n[0], eps=1e-6); test_close(tr[\'c\'][-1], c_n[0], eps=1e-6)
{k: tuple(v.shape) for k, v in tr.items()}'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/04_lstm.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_lstm(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def_draw_lstm_cell(): nb.run(6)
def test_c008_def_lstm_draft_x_h_c_w_ih_w_hh_b_ih_b_hh(): nb.run(8)
def test_c009_torch_manual_seed_0(): nb.run(9)
def test_c010_test_eq_out_shape_t_b_h_test_eq_c_n_shap(): nb.run(10)
def test_c012_def_lstm_gates_xp_x_t_w_ihᵀ_b_ih_the_pro(): nb.run(12)
def test_c013_w_ih_w_hh_b_ih_b_hh_ref_parameters(): nb.run(13)
def test_c014_test_close_s_h_out_ref_0_eps_1e_6(): nb.run(14)
def test_c016_class_lstmcell_rnncellbase(): nb.run(16)
def test_c017_torch_manual_seed_0_cell_ref_nn_lstmcell(): nb.run(17)
def test_c018_test_eq_list_cell_state_dict_list_cell_r(): nb.run(18)
def test_c020_class_lstmlayer_torch_autograd_function(): nb.run(20)
def test_c022_once_differentiable(): nb.run(22)
def test_c023_def_lstm_layer_x_time_major_input_t_b_f(): nb.run(23)
def test_c025_def_layer_grads_fn_reverse_false_bias_tr(): nb.run(25)
def test_c026_for_rev_bias_in_itertools_product_false(): nb.run(26)
def test_c028_def__check_proj_proj_size_hidden_size(): nb.run(28)
def test_c030_patch(): nb.run(30)
def test_c032_def__check_hc_hx_shapes_layouts_w(): nb.run(32)
def test_c034_torch_manual_seed_0_ref_nn_lstm_4_6_num(): nb.run(34)
def test_c036_xb_torch_randn_2_7_4(): nb.run(36)
def test_c037_test_eq_out_shape_2_7_6_test_eq_h_n_shap(): nb.run(37)
def test_c039_def_lstm_case_l_1_bi_false_bf_false_pack(): nb.run(39)
def test_c040_grid_list_itertools_product_1_2_3_false(): nb.run(40)
def test_c041_test_close_max_errs_0_eps_1e_10_test_eq(): nb.run(41)
def test_c043_settings_max_examples_30_deadline_none_d(): nb.run(43)
def test_c045_drop_errs_l_bi_packed_lstm_case_l_bi_fal(): nb.run(45)
def test_c046_test_close_max_drop_errs_values_0_eps_1e(): nb.run(46)
def test_c048_r32_nn_lstm_8_16_2_bidirectional_true_pr(): nb.run(48)
def test_c049_test_close_err32_0_eps_1e_5(): nb.run(49)
def test_c051_if_torch_cuda_is_available(): nb.run(51)
def test_c053_torch_manual_seed_0(): nb.run(53)
def test_c054_for_i_n_o_h_c_in_enumerate_zip_lengths_a(): nb.run(54)
def test_c056_lstm_lstm_10_20_num_layers_2_batch_first(): nb.run(56)
def test_c057_z_torch_zeros_2_3_20(): nb.run(57)
def test_c059_singledispatch(): nb.run(59)
def test_c060_gate_trace_register(): nb.run(60)
def test_c061_torch_manual_seed_0(): nb.run(61)
def test_c062_test_close_tr_h_out_transpose_0_1_eps_1e(): nb.run(62)
def test_c064_def_init_forget_bias_module_an_lstm_or_l(): nb.run(64)
def test_c065_m_init_forget_bias_nn_lstm_3_4_bidirecti(): nb.run(65)
def test_c066_for_mod_in_lstm_3_4_2_bidirectional_true(): nb.run(66)
def test_c067_def_grad_reach_model_t_200_f_in_16_b_8_s(): nb.run(67)
def test_c068_fig_ax_plt_subplots_figsize_8_4(): nb.run(68)
def test_c069_assert_rates_rnn_tanh_rates_lstm_forget(): nb.run(69)
def test_c072_def_reber_batch_strs(): nb.run(72)
def test_c074_def_reber_scores_model_strs(): nb.run(74)
def test_c075_train_strs_test_strs_embedded_reber_4000(): nb.run(75)
def test_c076_legal_second_last_reber_scores_model_tes(): nb.run(76)
def test_c078_x_test___reber_batch_test_strs(): nb.run(78)
def test_c079_assert_worst_mem_0_8_and_gates_mem_f_f_a(): nb.run(79)
def test_c081_def_plot_gates_tr_s_b_mark_none_title(): nb.run(81)
def test_c083_fig_ax_plt_subplots_figsize_8_3_4(): nb.run(83)
def test_c085_valid_torch_arange_x_test_shape_1_none_t(): nb.run(85)
def test_c086_for_k_in_ifo_assert_sat_trained_k_sat_un(): nb.run(86)
def test_c088_def_show_step_model_s_t(): nb.run(88)
def test_c089_import_ipywidgets_as_widgets(): nb.run(89)
def test_c091_def_latch_task_n_t_k_4_seed_0(): nb.run(91)
def test_c093_latch_fb_latch_run_20_fb_for_fb_in_0_1(): nb.run(93)
def test_c094_assert_latch_1_0_0_95_and_latch_0_0_0_7(): nb.run(94)
@pytest.mark.slow
def test_c096_t0_time_perf_counter(): nb.run(96)
def test_c099_def_lstm_naive_x_w_ih_w_hh_b_ih_b_hh(): nb.run(99)
def test_c101_torch_manual_seed_0(): nb.run(101)
def test_c102_x_small_torch_randn_7_3_64(): nb.run(102)
@pytest.mark.slow
def test_c103_def_bench_versions_x_rounds_5(): nb.run(103)
@pytest.mark.slow
def test_c105_for_h_s_in_16_64(): nb.run(105)
def test_c108_torch_manual_seed_0(): nb.run(108)
def test_c109_test_close_right_whole_eps_1e_6_assert_s(): nb.run(109)
def test_c112_def_reorder_gates_w_weight_4h_or_bias_4h(): nb.run(112)
def test_c113_reorder_gates_torch_arange_8_ifgo_iofg_h(): nb.run(113)
def test_c115_sd_model_state_dict(): nb.run(115)
def test_c116_test_eq_fixed_x_test_detach_model_x_test(): nb.run(116)
def test_c119_def_legal_share_pred(): nb.run(119)
def test_c120_assert_from_h_0_99_and_from_c_0_95(): nb.run(120)
def test_c122_torch_manual_seed_0_twice_nn_lstm_7_16_b(): nb.run(122)
def test_c123_assert_f_twice_f_once_0_1(): nb.run(123)
def test_c125_def_bracket_counter_big_20(): nb.run(125)
def test_c127_def_lstm_params_f_in_h_l_d_p_0_bias_true(): nb.run(127)
def test_c129_class_lstm1997_lstm(): nb.run(129)
def test_c131_torch_manual_seed_0(): nb.run(131)
