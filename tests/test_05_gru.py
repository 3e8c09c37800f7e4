# Generated from nbs/05_gru.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp gru'''),
(2, [], '''\
from __future__ import annotations
from typing import NamedTuple
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.nn.utils.rnn import PackedSequence
from rnnbook.rnn import RNNBase, RNNCellBase
from rnnbook.lstm import gate_trace, trace_input'''),
(3, [], '''\
from fastcore.test import *
import itertools, math, time
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, Circle
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from rnnbook.rnn import RNN, RNNCell, compare_to_torch, train_loop
from rnnbook.data import adding_problem
from rnnbook.gradients import decay_rate'''),
(6, [], '''\
def draw_gru_cell():
    "Draw one GRU step: the reset, update and candidate blocks and how they combine"
    fig, ax = plt.subplots(figsize=(10, 5))
    def box(x, y, s, c, w=1.5, h=.62):
        ax.add_patch(FancyBboxPatch((x-w/2, y-h/2), w, h, boxstyle=\'round,pad=0.04\', fc=c, ec=\'k\', zorder=2))
        ax.text(x, y, s, ha=\'center\', va=\'center\', fontsize=11, zorder=3)
    def op(x, y, s):
        ax.add_patch(Circle((x, y), .22, fc=\'white\', ec=\'k\', zorder=2)); ax.text(x, y, s, ha=\'center\', va=\'center\', fontsize=12, zorder=3)
    def arrow(p0, p1, s=\'\', c=\'k\', dx=0, dy=0, **kw):
        ax.annotate(\'\', p1, p0, arrowprops=dict(arrowstyle=\'->\', lw=1.5, color=c, shrinkA=2, shrinkB=2, **kw), zorder=1)
        if s: ax.text((p0[0]+p1[0])/2+dx, (p0[1]+p1[1])/2+dy, s, fontsize=10, color=c, ha=\'center\', va=\'center\')
    cr, cz, cn = \'#cfe2f3\', \'#fce5cd\', \'#d9ead3\'
    ax.text(-.9, 4, \'$h_{t-1}$\', fontsize=14, ha=\'center\', va=\'center\'); ax.text(11.1, 4, \'$h_t$\', fontsize=14, ha=\'center\', va=\'center\')
    op(6, 4, \'×\'); op(9, 4, \'+\'); op(9, 2.9, \'×\'); box(7.3, 3.2, \'$1-z$\', \'white\', w=.75, h=.36)
    arrow((-.5, 4), (5.78, 4)); arrow((6.22, 4), (8.78, 4), r\'$z \\odot h_{t-1}$\', dy=.22); arrow((9.22, 4), (10.7, 4))
    arrow((9, 3.12), (9, 3.78)); arrow((7.72, 3.15), (8.78, 2.95), c=\'C1\')
    # the two buses below: h_{t-1} (W_hh) and x_t (W_ih), each projected to 3H and split r | z | n
    ax.plot([0, 0, 8.6], [4, .9, .9], color=\'gray\', lw=1.2); ax.text(8.8, .9, r\'$h_{t-1}W_{hh}^\\top + b_{hh}$  (B, 3H)\', va=\'center\', fontsize=9, color=\'gray\')
    ax.plot([.5, .5, 8.6], [-.6, .2, .2], color=\'k\', lw=1.2); ax.text(8.8, .2, r\'$x_t W_{ih}^\\top + b_{ih}$  (B, 3H)\', va=\'center\', fontsize=9)
    ax.text(.5, -.8, \'$x_t$\', fontsize=14, ha=\'center\', va=\'center\')
    box(2, 2, r\'$r = \\sigma(x_r + h_r)$\', cr, w=2.2); box(4.6, 2, r\'$z = \\sigma(x_z + h_z)$\', cz, w=2.2); box(7.6, 1.9, r\'$n = \\tanh(x_n + r \\odot h_n)$\', cn, w=2.9)
    for x0, lab in [(2, \'r\'), (4.6, \'z\'), (7.0, \'n\')]:
        arrow((x0-.25, .2), (x0-.25, 1.65), f\'$x_{lab}$\', dx=-.25, dy=-.3); arrow((x0+.25, .9), (x0+.25, 1.65), f\'$h_{lab}$\', c=\'gray\', dx=.27, dy=-.1)
    arrow((2.4, 2.33), (6.5, 2.23), c=\'C0\', connectionstyle=\'arc3,rad=-0.32\'); ax.text(3.3, 3.05, \'r\', color=\'C0\', fontsize=11)
    arrow((4.6, 2.33), (5.95, 3.78), \'z\', c=\'C1\', dx=-.2)
    arrow((5.3, 2.33), (6.88, 3.1), \'z\', c=\'C1\', dy=.2)
    arrow((8.4, 2.22), (8.8, 2.75), \'n\', c=\'C2\', dx=.2)
    ax.set_xlim(-1.4, 12.6); ax.set_ylim(-1.1, 4.6); ax.axis(\'off\')
    ax.set_title(\'One GRU step (torch\\\'s reset-after form): reset r, update z, candidate n;  $h_t = (1-z)\\\\odot n + z \\\\odot h_{t-1}$\')
    return fig
draw_gru_cell();'''),
(8, [], '''\
def gru_draft(x, h, W_ih, W_hh, b_ih, b_hh):
    "One GRU layer over time-major `x` (T, B, F) from `h` (B, H), written gate by gate"
    W_ir, W_iz, W_in = W_ih.chunk(3); W_hr, W_hz, W_hn = W_hh.chunk(3)
    b_ir, b_iz, b_in = b_ih.chunk(3); b_hr, b_hz, b_hn = b_hh.chunk(3)
    outs = []
    for x_t in x:
        r = torch.sigmoid(x_t @ W_ir.T + b_ir + h @ W_hr.T + b_hr)
        z = torch.sigmoid(x_t @ W_iz.T + b_iz + h @ W_hz.T + b_hz)
        n = torch.tanh(x_t @ W_in.T + b_in + r * (h @ W_hn.T + b_hn))
        h = (1 - z) * n + z * h
        outs.append(h)
    return torch.stack(outs), h'''),
(9, [], '''\
torch.manual_seed(0)
T, B, F_in, H = 6, 3, 4, 5
ref = nn.GRU(F_in, H)
x = torch.randn(T, B, F_in)
out, h_T = gru_draft(x, torch.zeros(B, H), ref.weight_ih_l0, ref.weight_hh_l0, ref.bias_ih_l0, ref.bias_hh_l0)
out_ref, h_n_ref = ref(x)
print([(k, tuple(v.shape)) for k, v in ref.state_dict().items()], \' max |draft - torch|:\', (out - out_ref).abs().max().item())'''),
(10, [], '''\
test_eq(out.shape, (T, B, H)); test_close(out, out_ref, eps=1e-6); test_close(h_T, h_n_ref[0], eps=1e-6)'''),
(12, [], '''\
class GRUGates(NamedTuple):
    "The reset gate `r`, update gate `z`, candidate `n` and new state `h` of a GRU step or sequence"
    r: Tensor
    z: Tensor
    n: Tensor
    h: Tensor

def gru_step_gates(xp,                # x_t W_ihᵀ + b_ih, projected input (B, 3H), blocks r | z | n
                   h,                 # previous state h_{t-1} (B, H)
                   W_hh,              # recurrent weight (3H, H)
                   b_hh,              # recurrent bias (3H,) or None
                   reset_after=True,  # torch\'s r ⊙ (h W_hnᵀ + b_hn); False: Cho et al.\'s (r ⊙ h) W_hnᵀ + b_hn
                  ) -> GRUGates:      # r, z, n and the new h, each (B, H)
    "One GRU step, returning its gates along with the new state"
    x_r, x_z, x_n = xp.chunk(3, -1)
    if reset_after:
        h_r, h_z, h_n = F.linear(h, W_hh, b_hh).chunk(3, -1)  # all three recurrent products in one matmul
        r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
        n = torch.tanh(x_n + r * h_n)
    else:
        H = h.size(-1)
        (W_hrz, W_hn), (b_hrz, b_hn) = W_hh.split([2*H, H]), (None, None) if b_hh is None else b_hh.split([2*H, H])
        h_r, h_z = F.linear(h, W_hrz, b_hrz).chunk(2, -1)
        r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
        n = torch.tanh(x_n + F.linear(r * h, W_hn, b_hn))  # a second matmul, which has to wait for r
    return GRUGates(r, z, n, n + z * (h - n))  # (1 - z)⊙n + z⊙h, with one operation fewer

def gru_step(xp,                # x_t W_ihᵀ + b_ih, projected input (B, 3H), blocks r | z | n
             h,                 # previous state h_{t-1} (B, H)
             W_hh,              # recurrent weight (3H, H)
             b_hh,              # recurrent bias (3H,) or None
             reset_after=True,  # torch\'s form; False: Cho et al.\'s
            ) -> Tensor:        # the new state h_t (B, H)
    "One GRU step: the new state from projected input `xp` and state `h`"
    return gru_step_gates(xp, h, W_hh, b_hh, reset_after).h'''),
(13, [], '''\
xp0 = x[0] @ ref.weight_ih_l0.T + ref.bias_ih_l0
g = gru_step_gates(xp0, torch.zeros(B, H), ref.weight_hh_l0, ref.bias_hh_l0)
print({k: tuple(v.shape) for k, v in g._asdict().items()}, \' |h - torch|:\', (g.h - out_ref[0]).abs().max().item())'''),
(14, [], '''\
test_close(g.h, out_ref[0], eps=1e-6)
test_close(g.h, (1 - g.z)*g.n + g.z*torch.zeros(B, H), eps=1e-7)
assert ((g.r > 0) & (g.r < 1) & (g.z > 0) & (g.z < 1)).all()
h1 = torch.randn(B, H)
test_eq(gru_step(xp0, h1, ref.weight_hh_l0, ref.bias_hh_l0).shape, (B, H))
# reset-before differs, except when the state is zero (then r ⊙ h = 0 = r ⊙ (h W) with no bias)
cho = gru_step(xp0, h1, ref.weight_hh_l0, ref.bias_hh_l0, reset_after=False)
assert (cho - gru_step(xp0, h1, ref.weight_hh_l0, ref.bias_hh_l0)).abs().max() > 1e-3
test_close(gru_step(xp0, torch.zeros(B, H), ref.weight_hh_l0, None, reset_after=False), gru_step(xp0, torch.zeros(B, H), ref.weight_hh_l0, None), eps=1e-7)'''),
(16, [], '''\
class GRUCell(RNNCellBase):
    "Drop-in `torch.nn.GRUCell` in plain tensor operations"
    torch_cls, n_gates, reset_after = nn.GRUCell, 3, True
    def __init__(self, input_size:int,  # F, features of the input
                 hidden_size:int,       # H, size of the state
                 bias:bool=True,        # use b_ih and b_hh
                 device=None,           # device of the parameters
                 dtype=None,            # dtype of the parameters
                ):
        super().__init__(input_size, hidden_size, bias, device, dtype)
    def step(self, xp, h, W_hh, b_hh): return gru_step(xp, h, W_hh, b_hh, self.reset_after)'''),
(17, [], '''\
torch.manual_seed(0); cell_ref = nn.GRUCell(4, 5)
torch.manual_seed(0); cell = GRUCell(4, 5)
xb, hb = torch.randn(3, 4), torch.randn(3, 5)
print(cell, [(k, tuple(v.shape)) for k, v in cell.state_dict().items()])
print(cell(xb, hb).shape, cell(xb[0]).shape, (cell(xb, hb) - cell_ref(xb, hb)).abs().max().item())'''),
(18, [], '''\
for k in cell_ref.state_dict(): test_eq(cell.state_dict()[k], cell_ref.state_dict()[k])
for bias in [True, False]:
    r = nn.GRUCell(4, 5, bias=bias, dtype=torch.float64); c = GRUCell.from_torch(r)
    test_eq(c.bias, bias); test_eq(c.weight_ih.shape, (15, 4))
    x64, h64 = torch.randn(3, 4, dtype=torch.float64, requires_grad=True), torch.randn(3, 5, dtype=torch.float64, requires_grad=True)
    for args in [(x64, h64), (x64,), (x64[0], h64[0]), (x64[0],)]:
        o1, o2 = r(*args), c(*args)
        test_eq(o2.shape, o1.shape); test_close(o2, o1, eps=1e-12)
        g1 = torch.autograd.grad((o1*o1.detach()).sum(), [x64, *r.parameters()])
        g2 = torch.autograd.grad((o2*o2.detach()).sum(), [x64, *c.parameters()])
        for a, b in zip(g1, g2): test_close(a, b, eps=1e-12)
    test_close(c.to_torch()(x64), r(x64), eps=1e-12); test_eq(type(c.to_torch()), nn.GRUCell)
torch.autograd.gradcheck(GRUCell(3, 4, dtype=torch.float64), (torch.randn(2, 3, dtype=torch.float64, requires_grad=True), torch.randn(2, 4, dtype=torch.float64, requires_grad=True)))
test_fail(lambda: GRUCell.from_torch(nn.LSTMCell(4, 5)), contains=\'expects a GRUCell, got LSTMCell\')
test_fail(lambda: cell(torch.randn(3, 7)), contains=\'input_size=4, got 7\')
test_fail(lambda: cell(xb, torch.randn(2, 5)), contains=\'expected hx of shape (3, 5)\')
test_fail(lambda: cell(xb, (hb, hb)), contains=\'expected hx to be a Tensor\')'''),
(20, [], '''\
class GRU(RNNBase):
    "Drop-in `torch.nn.GRU`: plain tensor operations and a Python loop over time"
    torch_cls, reset_after = nn.GRU, True
    def __init__(self, input_size:int,        # F, features of each input step
                 hidden_size:int,             # H, size of the state of each layer and direction
                 num_layers:int=1,            # L, stacked layers
                 bias:bool=True,              # use b_ih and b_hh
                 batch_first:bool=False,      # `input`/`output` are (B, T, ·); `hx`/`h_n` stay (L*D, B, H)
                 dropout:float=0.,            # dropout on the outputs of every layer but the last, in training
                 bidirectional:bool=False,    # add a reverse direction
                 device=None,                 # device of the parameters
                 dtype=None,                  # dtype of the parameters
                ):
        super().__init__(\'GRU\', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)
    def step(self, xp, h, W_hh, b_hh): return gru_step(xp, h, W_hh, b_hh, self.reset_after)
    def forward(self, input, hx=None):
        "`input` (T, B, F), (B, T, F) if `batch_first`, (T, F) unbatched, or a `PackedSequence`; `hx` one tensor h_0"
        if isinstance(hx, (tuple, list)):
            raise TypeError(f"{type(self).__name__}: expected hx to be one Tensor h_0 of shape (num_layers*num_directions, B, hidden_size), "
                            f"got a {type(hx).__name__} of {len(hx)}; a GRU has no cell state c_0 (that is the LSTM\'s (h_0, c_0))")
        return super().forward(input, hx)'''),
(21, [], '''\
torch.manual_seed(0); ref = nn.GRU(4, 5, num_layers=2, bidirectional=True, batch_first=True)
torch.manual_seed(0); gru = GRU(4, 5, num_layers=2, bidirectional=True, batch_first=True)
xb = torch.randn(3, 7, 4)  # (B, T, F), batch_first
out, h_n = gru(xb)
out_ref, h_n_ref = ref(xb)
print(gru, \' output\', tuple(out.shape), \' h_n\', tuple(h_n.shape))
print(\'same parameter names and values:\', all(torch.equal(v, ref.state_dict()[k]) for k, v in gru.state_dict().items()) and list(gru.state_dict()) == list(ref.state_dict()),
      \' max |ours - torch|:\', max((out - out_ref).abs().max().item(), (h_n - h_n_ref).abs().max().item()))'''),
(22, [], '''\
test_eq(out.shape, (3, 7, 10)); test_eq(h_n.shape, (4, 3, 5))
test_close(out, out_ref, eps=1e-6); test_close(h_n, h_n_ref, eps=1e-6)
test_eq(h_n[3].detach(), out[:, 0, 5:].detach())  # the reverse direction ends at t = 0
o1, h1 = gru(xb[0]); test_eq(o1.shape, (7, 10)); test_eq(h1.shape, (4, 5)); test_close(o1, out[0], eps=1e-6)
test_close(gru(xb[0], h_n[:, 0])[0], ref(xb[0], h_n[:, 0])[0], eps=1e-6)'''),
(24, [], '''\
def gru_case(L=1, bi=False, bf=False, packed=False, h0=False, bias=True, dropout=0., B=4, T=6, F_in=3, H=5,
             dtype=torch.float64, device=\'cpu\', seed=0, cls=None):
    "Largest difference between `nn.GRU` and ours (`cls`, default `GRU`) on random data for one configuration"
    g = torch.Generator().manual_seed(seed)
    ref = nn.GRU(F_in, H, L, bias=bias, batch_first=bf, dropout=dropout, bidirectional=bi, device=device, dtype=dtype)
    x = torch.randn((B, T, F_in) if bf else (T, B, F_in), generator=g, dtype=dtype).to(device)
    hx = torch.randn(L*(1+bi), B, H, generator=g, dtype=dtype).to(device) if h0 else None
    lengths = torch.randint(1, T+1, (B,), generator=g) if packed else None
    return compare_to_torch(ref, (cls or GRU).from_torch(ref), x, hx, lengths, seed)'''),
(25, [], '''\
grid = list(itertools.product([1, 2, 3], [False, True], [False, True], [False, True], [False, True], [True, False]))
t0 = time.perf_counter()
errs = [gru_case(L, bi, bf, packed, h0, bias) for L, bi, bf, packed, h0, bias in grid]
print(f"{len(grid)} configurations, float64, {time.perf_counter()-t0:.1f}s: largest difference {max(errs):.1e} with H = 5")
errs16 = [gru_case(L, bi, bf, packed, h0, bias, H=16) for L, bi, bf, packed, h0, bias in grid[::4]]
print(f"{len(errs16)} of them again with H = 16: largest difference {max(errs16):.1e}")'''),
(26, [], '''\
test_close(max(errs), 0., eps=1e-10); test_close(max(errs16), 0., eps=1e-10)
test_close(gru_case(3, True, False, True, True, B=1, T=1), 0., eps=1e-10)
assert compare_to_torch(nn.GRU(3, 5, 2, dtype=torch.float64), GRU(3, 5, 2, dtype=torch.float64), torch.randn(6, 4, 3, dtype=torch.float64)) > 1e-3  # different weights are caught'''),
(28, [], '''\
drop = {(L, bi, packed): gru_case(L, bi, False, packed, True, dropout=0.4, H=16) for L, bi, packed in itertools.product([2, 3], [False, True], [False, True])}
print(\'dropout=0.4, training mode, H = 16: largest difference\', max(drop.values()))'''),
(29, [], '''\
test_eq(max(drop.values()), 0.)
torch.manual_seed(0); r = nn.GRU(3, 5, 3, dropout=0.5); o = GRU.from_torch(r); x32 = torch.randn(6, 4, 3)
torch.manual_seed(1); a = r(x32)[0].detach()
torch.manual_seed(1); b = o(x32)[0].detach()
torch.manual_seed(2); c = o(x32)[0].detach()
test_close(a, b, eps=1e-6); assert (a - c).abs().max() > 0.05  # same seed: same masks; another seed: others'''),
(31, [], '''\
r32 = nn.GRU(8, 16, 2, bidirectional=True)
err32 = compare_to_torch(r32, GRU.from_torch(r32), torch.randn(10, 4, 8), lengths=torch.tensor([10, 3, 7, 1]))
print(f\'float32, 2 layers, bidirectional, packed: largest difference {err32:.1e};\', GRU(2, 3, 2, bias=False, batch_first=True).to_torch())'''),
(32, [], '''\
test_close(err32, 0., eps=1e-5)
test_eq(GRU(3, 4, dtype=torch.bfloat16)(torch.randn(5, 2, 3, dtype=torch.bfloat16))[1].dtype, torch.bfloat16)
m64 = GRU(3, 4, 2).double(); test_eq(m64(torch.randn(5, 2, 3, dtype=torch.float64))[0].dtype, torch.float64)
rt = GRU(3, 4, 2, batch_first=True, dropout=.1, bias=False).to_torch().eval()
test_eq((type(rt), rt.batch_first, rt.dropout, rt.bias, rt.training), (nn.GRU, True, .1, False, False))
test_eq(GRU.from_torch(rt).training, False)
test_fail(lambda: GRU.from_torch(nn.LSTM(3, 4)), contains=\'expects a GRU, got LSTM\')'''),
(34, [], '''\
if torch.cuda.is_available():
    cuda_errs = [gru_case(L, bi, bf, packed, h0, bias, device=\'cuda\') for L, bi, bf, packed, h0, bias in grid[::3]]
    with torch.backends.cudnn.flags(enabled=False):
        cuda_errs += [gru_case(L, bi, False, packed, True, dropout=0.4, device=\'cuda\') for L, bi, packed in drop]
    print(\'CUDA, float64: largest difference\', max(cuda_errs)); test_close(max(cuda_errs), 0., eps=1e-10)
else: print(\'no GPU here: CUDA checks skipped\')'''),
(36, [], '''\
gru = GRU(10, 20, num_layers=2, batch_first=True)
xb = torch.randn(3, 7, 10)
for bad in [lambda: gru(torch.randn(3, 7, 12)),                           # wrong feature size
            lambda: gru(xb, (torch.zeros(2, 3, 20), torch.zeros(2, 3, 20))),  # an LSTM\'s (h_0, c_0)
            lambda: gru(xb, torch.zeros(2, 7, 20)),                       # h_0 batch-first: it never is
            lambda: gru(xb, torch.zeros(2, 3, 20, dtype=torch.float64))]:  # h_0 in another dtype
    try: bad()
    except (ValueError, TypeError) as e: print(f\'{type(e).__name__}: {e}\')'''),
(37, [], '''\
test_fail(lambda: gru(torch.randn(3, 7, 12)), contains=\'expected input.size(-1) == input_size=10, got 12\')
test_fail(lambda: gru(xb, (torch.zeros(2, 3, 20), torch.zeros(2, 3, 20))), contains=\'got a tuple of 2; a GRU has no cell state\')
test_fail(lambda: gru(xb, [torch.zeros(2, 3, 20)]), contains=\'got a list of 1\')
test_fail(lambda: gru(xb, torch.zeros(2, 7, 20)), contains=\'expected hx of shape (2, 3, 20) = (num_layers*num_directions, B, hidden_size), got (2, 7, 20)\')
test_fail(lambda: gru(xb, torch.zeros(1, 3, 20)), contains=\'got (1, 3, 20)\')
test_fail(lambda: gru(xb[0], torch.zeros(2, 3, 20)), contains=\'expected hx of shape (2, 20)\')
test_fail(lambda: gru(xb, torch.zeros(2, 3, 20, dtype=torch.float64)), contains=\'hx has dtype torch.float64 but the parameters have torch.float32\')
test_fail(lambda: gru(xb, torch.zeros(2, 3, 20, dtype=torch.long)), contains=\'floating-point hx\')
test_fail(lambda: gru(xb.double()), contains=\'input has dtype torch.float64\')
test_fail(lambda: gru(torch.randn(2, 3, 7, 10)), contains=\'got 4-D input\')
test_fail(lambda: GRU(10, 0), contains=\'hidden_size must be greater than zero\')
test_fail(lambda: GRU(10, 20, 2, dropout=1.5), contains=\'dropout should be a number in [0, 1]\')
test_fail(lambda: gru(pack_padded_sequence(torch.randn(3, 7, 12), torch.tensor([7, 2, 3]), batch_first=True, enforce_sorted=False)), contains=\'input_size=10, got 12\')'''),
(39, [], '''\
def _no_torch_twin(cls):
    raise TypeError(f"{cls.__name__} applies the reset gate before the recurrent matmul (Cho et al. 2014); torch.nn.GRU applies it after, "
                    f"and no choice of weights makes the two equal: keep the model as a {cls.__name__}")

class ChoGRUCell(GRUCell):
    "`GRUCell` with Cho et al.\'s reset-before candidate `n = tanh(x W_inᵀ + b_in + (r ⊙ h) W_hnᵀ + b_hn)`"
    reset_after = False
    @classmethod
    def from_torch(cls, m): _no_torch_twin(cls)
    def to_torch(self): _no_torch_twin(type(self))

class ChoGRU(GRU):
    "`GRU` with Cho et al.\'s reset-before candidate `n = tanh(x W_inᵀ + b_in + (r ⊙ h) W_hnᵀ + b_hn)`"
    reset_after = False
    @classmethod
    def from_torch(cls, m): _no_torch_twin(cls)
    def to_torch(self): _no_torch_twin(type(self))'''),
(40, [], '''\
torch.manual_seed(0)
after = GRU(8, 32, batch_first=True)
before = ChoGRU(8, 32, batch_first=True); before.load_state_dict(after.state_dict())
xs = torch.randn(16, 50, 8)
d = (after(xs)[0] - before(xs)[0]).abs()
print(f\'same weights, same input: |reset-after - reset-before| mean {d.mean():.3f}, largest {d.max():.3f} (the outputs lie in (-1, 1))\')'''),
(41, [], '''\
assert d.mean() > 0.01
nb = GRU(8, 32, bias=False, batch_first=True); cb = ChoGRU(8, 32, bias=False, batch_first=True); cb.load_state_dict(nb.state_dict())
test_eq(nb(xs)[0][:, 0].detach(), cb(xs)[0][:, 0].detach())  # without biases, from h_0 = 0 the reset has nothing to act on at step 1
assert (nb(xs)[0][:, 1] - cb(xs)[0][:, 1]).abs().max() > 1e-3
x64 = torch.randn(5, 2, 3, dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(ChoGRU(3, 4, 2, bidirectional=True, dtype=torch.float64), (x64,))
test_fail(lambda: before.to_torch(), contains=\'no choice of weights makes the two equal\')
test_fail(lambda: ChoGRU.from_torch(nn.GRU(3, 4)), contains=\'keep the model as a ChoGRU\')
test_fail(lambda: ChoGRUCell(3, 4).to_torch(), contains=\'ChoGRUCell applies the reset gate before\')
cc = ChoGRUCell(3, 4, dtype=torch.float64)
xc, hc = torch.randn(2, 3, dtype=torch.float64), torch.randn(2, 4, dtype=torch.float64)
W_ir, W_iz, W_in = cc.weight_ih.chunk(3); W_hr, W_hz, W_hn = cc.weight_hh.chunk(3); b_ir, b_iz, b_in = cc.bias_ih.chunk(3); b_hr, b_hz, b_hn = cc.bias_hh.chunk(3)
r_ = torch.sigmoid(xc @ W_ir.T + b_ir + hc @ W_hr.T + b_hr); z_ = torch.sigmoid(xc @ W_iz.T + b_iz + hc @ W_hz.T + b_hz)
n_ = torch.tanh(xc @ W_in.T + b_in + (r_ * hc) @ W_hn.T + b_hn)
test_close(cc(xc, hc), (1 - z_)*n_ + z_*hc, eps=1e-12)  # Cho et al.\'s equations, gate by gate'''),
(43, [], '''\
def fwd_time(m, x, n=3):
    "Best time of `n` forward passes of `m` on `x`, without gradients, in seconds"
    with torch.no_grad():
        m(x); ts = []
        for _ in range(n): t0 = time.perf_counter(); m(x); ts.append(time.perf_counter() - t0)
    return min(ts)
torch.manual_seed(0)
after, x_b = GRU(64, 256), torch.randn(100, 64, 64)
before = ChoGRU(64, 256); before.load_state_dict(after.state_dict())
t_after, t_before = fwd_time(after, x_b), fwd_time(before, x_b)
class CountLinear(torch.overrides.TorchFunctionMode):
    "Count calls of `F.linear` (each a matrix product) made inside the `with` block"
    n = 0
    def __torch_function__(self, func, types, args=(), kwargs=None):
        self.n += func is F.linear
        return func(*args, **(kwargs or {}))
def step_matmuls(m):
    "Matrix products in one time step of `m`, not counting the input projection"
    with CountLinear() as c: m(x_b[:1])
    return c.n - 1
print(f\'matmuls per step: reset-after {step_matmuls(after)}, reset-before {step_matmuls(before)};  \'
      f\'forward: reset-after {t_after*1e3:.0f} ms, reset-before {t_before*1e3:.0f} ms ({t_before/t_after:.2f}×)\')'''),
(44, [], '''\
test_eq((step_matmuls(after), step_matmuls(before)), (1, 2))'''),
(47, [], '''\
def state_grad_norms(cell:nn.Module,      # a cell: `cell(x)` or `cell(x, s)` -> s, a tensor or a tuple such as (h, c)
                     T:int=100,           # number of steps
                     B:int=16,            # examples, each with its own inputs and u
                     input_scale:float=1.,# std of the random inputs
                     seed:int=0,          # seed for the inputs and u
                    ) -> Tensor:          # ‖∂L/∂s_t‖ for t = 0..T-1, (T,)
    "Norm of the gradient of L = Σ_b u_bᵀ h_T with respect to the state after each step of `cell` driven by random inputs"
    g, p = torch.Generator().manual_seed(seed), next(cell.parameters())
    xs = input_scale * torch.randn(T, B, cell.input_size, generator=g, dtype=p.dtype).to(p.device)
    s, states = None, []
    for x_t in xs:
        s = cell(x_t) if s is None else cell(x_t, s)
        for v in (s if isinstance(s, tuple) else (s,)): v.retain_grad()
        states.append(s)
    h = s[0] if isinstance(s, tuple) else s
    u = torch.randn(h.shape, generator=g, dtype=p.dtype).to(p.device)
    (u / u.norm(dim=-1, keepdim=True) * h).sum().backward()
    sq = lambda v: torch.zeros((), dtype=p.dtype, device=p.device) if v.grad is None else (v.grad**2).sum()
    return torch.stack([sum(sq(v) for v in (s if isinstance(s, tuple) else (s,))).sqrt() for s in states])'''),
(49, [], '''\
try: from rnnbook.lstm import LSTMCell; lstm_src = \'rnnbook.lstm\'
except ImportError: LSTMCell, lstm_src = nn.LSTMCell, \'torch.nn\'
def with_z_bias(cell, b):
    "`cell` with `b` added to the update gate\'s recurrent bias"
    H = cell.hidden_size
    with torch.no_grad(): cell.bias_hh[H:2*H] += b
    return cell
torch.manual_seed(0)
cells = {\'RNN (tanh)\': RNNCell(8, 64), \'LSTM\': LSTMCell(8, 64), \'GRU\': GRUCell(8, 64)}
cells |= {f\'GRU, z bias +{b}\': with_z_bias(GRUCell(8, 64), b) for b in (2, 4)}
norms = {k: state_grad_norms(c, T=100) for k, c in cells.items()}
rates = {k: decay_rate(v) for k, v in norms.items()}
for k, v in rates.items():
    pred = f"   predicted -log σ({k[-1]}) = {-math.log(torch.sigmoid(torch.tensor(float(k[-1]))).item()):.3f}" if \'bias\' in k else \'\'
    print(f\'{k:16s} fitted decay {v:.3f} per step;  gradient 99 steps back {norms[k][0] / norms[k][-1]:.1e} of its value at T{pred}\')
print(f\'(the LSTM cell is {lstm_src}.LSTMCell)\')'''),
(50, [], '''\
fig, ax = plt.subplots(figsize=(8, 4))
for k, v in norms.items():
    ax.semilogy(torch.arange(99, -1, -1).numpy(), (v / v[-1]).numpy(), label=f\'{k}: decay {rates[k]:.3f}/step\', ls=\'--\' if \'bias\' in k else \'-\')
ax.set(xlabel=\'distance T − t (steps)\', ylabel=\'‖∂L/∂s_t‖ / ‖∂L/∂s_T‖ (log scale)\',
       title=\'Gradient reaching step t, H = 64, random inputs, torch\\\'s default initialisation\')
ax.legend(fontsize=8); ax.grid(alpha=.3);'''),
(51, [], '''\
assert rates[\'GRU, z bias +4\'] < rates[\'GRU, z bias +2\'] < rates[\'GRU\'] / 3
for b in (2, 4): test_close(rates[f\'GRU, z bias +{b}\'], -math.log(torch.sigmoid(torch.tensor(float(b)))), eps=0.04)
n1 = state_grad_norms(GRUCell(3, 4, dtype=torch.float64), T=5, B=2); test_eq(n1.shape, (5,)); test_close(n1[-1], math.sqrt(2), eps=1e-12)  # ‖u_b‖ = 1 for each of 2 examples
test_eq(state_grad_norms(nn.LSTMCell(3, 4), T=5).shape, (5,))'''),
(54, [], '''\
def _trace_layer(x, h, W_ih, W_hh, b_ih, b_hh, reset_after, reverse):
    "Gates of one layer and direction over time-major `x` (T, B, F) from `h` (B, H), each stacked to (T, B, H)"
    xs, gs = F.linear(x, W_ih, b_ih).unbind(0), [None]*len(x)
    for t in (reversed(range(len(x))) if reverse else range(len(x))):
        gs[t] = gru_step_gates(xs[t], h, W_hh, b_hh, reset_after); h = gs[t].h
    return GRUGates(*(torch.stack(v) for v in zip(*gs)))

def gru_gates(module,   # a GRU or GRUCell, ours (`GRU`, `ChoGRU`, ...) or torch\'s
              input,    # a tensor as `module` takes it (not packed): (T, B, F), (B, T, F) if batch_first, (T, F); a cell\'s (B, F), (F,)
              hx=None,  # initial state as `module` takes it (zeros if None)
             ) -> GRUGates: # r, z, n, h: each (L*D, T, B, H) in the input\'s layout, (L*D, T, H) unbatched; a cell\'s (B, H), (H,)
    "Every gate of `module` at every step on `input`, computed as in evaluation mode (no dropout)"
    cls = type(module).__name__
    if not isinstance(module, (nn.GRU, GRU, nn.GRUCell, GRUCell)): raise TypeError(f"gru_gates: expected a GRU or GRUCell (ours or torch\'s), got {cls}")
    if isinstance(input, PackedSequence): raise TypeError("gru_gates: expected a padded tensor, got a PackedSequence; pad it with pad_packed_sequence")
    reset_after, cell = getattr(module, \'reset_after\', True), isinstance(module, (nn.GRUCell, GRUCell))
    if cell:
        if hx is None: hx = input.new_zeros(*input.shape[:-1], module.hidden_size)
        return gru_step_gates(F.linear(input, module.weight_ih, module.bias_ih), hx, module.weight_hh, module.bias_hh, reset_after)
    if input.dim() not in (2, 3): raise ValueError(f"gru_gates: expected a 2-D (T, F) or 3-D input, got shape {tuple(input.shape)}")
    if input.size(-1) != module.input_size: raise ValueError(f"gru_gates: expected input.size(-1) == input_size={module.input_size}, got {input.size(-1)}")
    batched, D, H = input.dim() == 3, 2 if module.bidirectional else 1, module.hidden_size
    x = (input.transpose(0, 1) if module.batch_first else input) if batched else input[:, None]
    hx = x.new_zeros(module.num_layers*D, x.size(1), H) if hx is None else (hx if batched else hx[:, None])
    if hx.shape != (module.num_layers*D, x.size(1), H): raise ValueError(f"gru_gates: expected hx of shape {(module.num_layers*D, x.size(1), H)}, got {tuple(hx.shape)}")
    res = []
    for l in range(module.num_layers):
        for d in range(D):
            sfx = f"_l{l}{\'_reverse\' if d else \'\'}"
            W_ih, W_hh, b_ih, b_hh = (getattr(module, n+sfx, None) for n in (\'weight_ih\', \'weight_hh\', \'bias_ih\', \'bias_hh\'))
            res.append(_trace_layer(x, hx[l*D + d], W_ih, W_hh, b_ih, b_hh, reset_after, reverse=d == 1))
        x = torch.cat([g.h for g in res[-D:]], -1)
    out = GRUGates(*(torch.stack(v) for v in zip(*res)))  # (L*D, T, B, H)
    if not batched: return GRUGates(*(v[:, :, 0] for v in out))
    return GRUGates(*(v.transpose(1, 2) for v in out)) if module.batch_first else out'''),
(55, [], '''\
torch.manual_seed(0)
ref = nn.GRU(4, 5, num_layers=2, bidirectional=True, batch_first=True)
xb = torch.randn(3, 7, 4)
gates = gru_gates(ref, xb)
out, h_n = ref(xb)
print({k: tuple(v.shape) for k, v in gates._asdict().items()},
      \' top layer h == output:\', torch.allclose(torch.cat([gates.h[2], gates.h[3]], -1), out, atol=1e-6))'''),
(56, [], '''\
test_close(torch.cat([gates.h[2], gates.h[3]], -1), out, eps=1e-6)
test_close(gates.h[[0, 2], :, -1], h_n[[0, 2]], eps=1e-6); test_close(gates.h[[1, 3], :, 0], h_n[[1, 3]], eps=1e-6)
h0 = torch.randn(4, 3, 5)
test_close(gru_gates(GRU.from_torch(ref), xb, h0).h[2], ref(xb, h0)[0][..., :5], eps=1e-6)
g1 = gru_gates(ref, xb[0]); test_eq(g1.z.shape, (4, 7, 5)); test_close(g1.z, gates.z[:, 0], eps=1e-6)
cho = ChoGRU(4, 5, batch_first=True); test_close(gru_gates(cho, xb).h[0], cho(xb)[0], eps=1e-6)
tm = nn.GRU(4, 5); test_close(gru_gates(tm, xb.transpose(0, 1)).h[0], tm(xb.transpose(0, 1))[0], eps=1e-6)
gc = gru_gates(nn.GRUCell(4, 5), xb[:, 0]); test_eq(gc.r.shape, (3, 5))
c2 = GRUCell(4, 5); test_close(gru_gates(c2, xb[:, 0], h0[0]).h, c2(xb[:, 0], h0[0]), eps=1e-6)
test_fail(lambda: gru_gates(nn.LSTM(4, 5), xb), contains=\'expected a GRU or GRUCell (ours or torch\\\'s), got LSTM\')
test_fail(lambda: gru_gates(ref, xb[..., :3]), contains=\'input_size=4, got 3\')
test_fail(lambda: gru_gates(ref, xb, torch.zeros(4, 7, 5)), contains=\'expected hx of shape (4, 3, 5)\')
test_fail(lambda: gru_gates(ref, pack_padded_sequence(xb, torch.tensor([7, 3, 2]), batch_first=True)), contains=\'PackedSequence\')'''),
(58, [], '''\
@gate_trace.register
def _(module:GRU, input, hx=None):
    x, hx = trace_input(module, input, hx)  # the module\'s own checks; time-major input, state (B, H)
    h = x.new_zeros(x.size(1), module.hidden_size) if hx is None else hx
    with torch.no_grad(): return _trace_layer(x, h, *module.weights(0, 0), module.reset_after, reverse=False)._asdict()

@gate_trace.register
def _(module:nn.GRU, input, hx=None): return gate_trace(GRU.from_torch(module), input, hx)'''),
(59, [], '''\
ref1 = nn.GRU(4, 5, batch_first=True)
tr = gate_trace(ref1, xb)
print({k: tuple(v.shape) for k, v in tr.items()}, \' h == output:\', torch.allclose(tr[\'h\'].transpose(0, 1), ref1(xb)[0], atol=1e-6))'''),
(60, [], '''\
test_eq(list(tr), [\'r\', \'z\', \'n\', \'h\']); test_close(tr[\'h\'].transpose(0, 1), ref1(xb)[0], eps=1e-6)
test_close(tr[\'z\'], gru_gates(ref1, xb).z[0].transpose(0, 1), eps=1e-6); assert not tr[\'z\'].requires_grad
h0_1 = torch.randn(1, 3, 5)
test_close(gate_trace(GRU.from_torch(ref1), xb, h0_1)[\'h\'][-1], ref1(xb, h0_1)[1][0], eps=1e-6)
test_eq(gate_trace(ref1, xb[0])[\'r\'].shape, (7, 1, 5))  # unbatched: B = 1
cho1 = ChoGRU(4, 5); test_close(gate_trace(cho1, xb.transpose(0, 1))[\'h\'], cho1(xb.transpose(0, 1))[0], eps=1e-6)  # subclasses dispatch to GRU\'s
test_fail(lambda: gate_trace(ref, xb), contains=\'one layer and one direction, got num_layers=2\')
test_fail(lambda: gate_trace(ref1, xb, (h0_1, h0_1)), contains=\'a GRU has no cell state\')
test_fail(lambda: gate_trace(ref1, xb[..., :3]), contains=\'input_size=4, got 3\')'''),
(62, [], '''\
class Adder(nn.Module):
    "A recurrent layer `rnn_cls(2, H)` over (B, T, 2) inputs with a linear head on its last output"
    def __init__(self, rnn_cls=GRU, H=16):
        super().__init__()
        self.rnn, self.head = rnn_cls(2, H, batch_first=True), nn.Linear(H, 1)
    def forward(self, x): return self.head(self.rnn(x)[0][:, -1]).squeeze(-1)

def adding_run(rnn_cls=GRU, T=50, H=16, steps=300, lr=1e-2, seed=0):
    "Train an `Adder` on the adding problem; return (validation MSE, per-step losses, seconds, model)"
    X, Y = adding_problem(20_000, T, seed=1); Xv, Yv = adding_problem(1_000, T, seed=2)
    batches = [(X[i:i+64], Y[i:i+64]) for i in range(0, len(X), 64)]
    torch.manual_seed(seed); model = Adder(rnn_cls, H)
    t0 = time.perf_counter(); losses = train_loop(model, batches, F.mse_loss, steps, lr=lr, clip=1.0); secs = time.perf_counter() - t0
    model.eval()
    with torch.no_grad(): return F.mse_loss(model(Xv), Yv).item(), losses, secs, model'''),
(63, [], '''\
mse_gru, losses_gru, secs_gru, adder = adding_run()
print(f\'GRU, H = 16, T = 50: {secs_gru:.1f}s, training loss {losses_gru[0]:.3f} -> {sum(losses_gru[-20:])/20:.4f} (mean of the last 20), validation MSE {mse_gru:.4f} (predicting the mean: 0.167)\')'''),
(64, [], '''\
assert mse_gru < 0.02, mse_gru'''),
(66, [], '''\
def plot_gates(model, x, title=\'\'):
    "Input, r, z and h of `model.rnn` over time for one sequence `x` (T, 2)"
    with torch.no_grad(): g = gru_gates(model.rnn, x[None]); pred = model(x[None]).item()
    r, z, h = (v[0, 0].T for v in (g.r, g.z, g.h))  # (H, T)
    order = z.mean(1).argsort(descending=True); marks = x[:, 1].nonzero().flatten().tolist()
    fig, axs = plt.subplots(4, 2, figsize=(9, 8), gridspec_kw=dict(height_ratios=[1, 2, 2, 2], width_ratios=[40, 1]))
    axs[0, 1].axis(\'off\'); axs[0, 0].plot(x[:, 0].numpy(), \'.-\', color=\'gray\', lw=.8); axs[0, 0].set(ylabel=\'value\', xlim=(-.5, len(x) - .5))
    axs[0, 0].set_title(f\'{title}target {x[marks, 0].sum():.3f}, prediction {pred:.3f}\')
    for (ax, cax), v, name, cmap, lim in [(axs[1], r, \'reset r\', \'Blues\', (0, 1)), (axs[2], z, \'update z (1 = keep)\', \'Oranges\', (0, 1)), (axs[3], h, \'state h\', \'RdBu_r\', (-1, 1))]:
        im = ax.imshow(v[order].numpy(), aspect=\'auto\', cmap=cmap, vmin=lim[0], vmax=lim[1], interpolation=\'nearest\')
        ax.set_ylabel(f\'{name}\\nunit (sorted)\'); fig.colorbar(im, cax=cax)
    for ax in axs[:, 0]:
        for m in marks: ax.axvline(m, color=\'k\', ls=\'--\', lw=1)
    axs[-1, 0].set_xlabel(\'time step t (dashed: the two marked steps)\')
    plt.tight_layout(); return fig
Xv, Yv = adding_problem(256, 50, seed=3)
plot_gates(adder, Xv[0], \'GRU (H = 16) on the adding problem, T = 50: \');'''),
(68, [], '''\
with torch.no_grad(): gv = gru_gates(adder.rnn, Xv)
z, r = gv.z[0], gv.r[0]                      # (B, T, H)
marks = Xv[..., 1].bool()                    # (B, T)
lowest = z.mean(-1).argmin(1)                # the step with the lowest mean z, per sequence
at_mark = marks[torch.arange(len(Xv)), lowest].float().mean().item()
print(f\'mean z at the marked steps {z[marks].mean():.2f}, elsewhere {z[~marks].mean():.2f};  \'
      f\'the step with the lowest mean z is a marked one in {at_mark:.1%} of the sequences\')'''),
(69, [], '''\
assert z[marks].mean() < z[~marks].mean() - 0.1 and at_mark > 0.9'''),
(71, [], '''\
sat = lambda v: ((v < .05) | (v > .95)).float().mean().item()
fig, ax = plt.subplots(figsize=(9, 3.8))
bins = torch.linspace(0, 1, 41)
ax.hist(z[~marks].numpy().ravel(), bins.numpy(), density=True, alpha=.6, color=\'C1\', label=f\'z, unmarked steps ({sat(z[~marks]):.0%} saturated)\')
ax.hist(z[marks].numpy().ravel(), bins.numpy(), density=True, histtype=\'step\', lw=2, color=\'C3\', label=f\'z, marked steps ({sat(z[marks]):.0%} saturated)\')
ax.hist(r.numpy().ravel(), bins.numpy(), density=True, histtype=\'step\', lw=2, color=\'C0\', label=f\'r, all steps ({sat(r):.0%} saturated)\')
ax.set(xlabel=\'gate value\', ylabel=\'density\', title=\'Gate values of the trained GRU\\n(256 sequences × 50 steps × 16 units; saturated: < 0.05 or > 0.95)\')
ax.legend(fontsize=8);
print(f\'saturated (< 0.05 or > 0.95): z unmarked {sat(z[~marks]):.0%}, z marked {sat(z[marks]):.0%}, r {sat(r):.0%}\')'''),
(73, [], '''\
import ipywidgets as widgets
def show_gates(i=0, first=5, second=40):
    x = Xv[i].clone(); x[:, 1] = 0; x[first, 1] = x[second, 1] = 1
    plot_gates(adder, x, f\'sequence {i}, markers at {first} and {second}: \'); plt.show()
widgets.interact(show_gates, i=widgets.IntSlider(0, 0, len(Xv) - 1), first=widgets.IntSlider(5, 0, 24), second=widgets.IntSlider(40, 25, 49));'''),
(75, [], '''\
runs = {\'GRU (ours)\': (mse_gru, losses_gru, secs_gru, adder)}
runs |= {name: adding_run(cls) for name, cls in [(\'LSTM (torch)\', nn.LSTM), (\'RNN (ours, tanh)\', RNN)]}
print(f"{\'model\':18s} {\'parameters\':>10s} {\'valid MSE\':>10s} {\'seconds\':>8s}")
for name, (mse, _, secs, model) in runs.items(): print(f\'{name:18s} {sum(p.numel() for p in model.parameters()):10d} {mse:10.4f} {secs:8.1f}\')
print(\'predicting the mean: 0.1667; remembering only the second value: 0.0833\')'''),
(76, [], '''\
assert runs[\'GRU (ours)\'][0] < 0.02 < runs[\'RNN (ours, tanh)\'][0]'''),
(78, ['slow'], '''\
for T in (50, 100):
    for name, cls in [(\'GRU (ours)\', GRU), (\'LSTM (torch)\', nn.LSTM), (\'RNN (ours, tanh)\', RNN)]:
        print(T, name, [round(adding_run(cls, T=T, steps=1000, seed=s)[0], 4) for s in range(3)])'''),
(81, [], '''\
class GRUScan(torch.autograd.Function):
    "One reset-after GRU layer over projected inputs `xp` (T, B, 3H) from `h` (B, H), with a hand-written backward"
    @staticmethod
    def forward(ctx, xp, h, W_hh, b_hh):
        T, B, G = xp.shape; H = G // 3
        hs, gh = xp.new_empty(T + 1, B, H), xp.new_empty(T, B, G)  # states h_0..h_T; recurrent products, kept for backward
        rz, n = xp.new_empty(T, B, 2*H), xp.new_empty(T, B, H)
        hs[0] = h
        for t in range(T):
            torch.addmm(b_hh, hs[t], W_hh.t(), out=gh[t])
            torch.add(xp[t, :, :2*H], gh[t, :, :2*H], out=rz[t]).sigmoid_()                      # r | z
            torch.addcmul(xp[t, :, 2*H:], rz[t, :, :H], gh[t, :, 2*H:], out=n[t]).tanh_()      # n = tanh(x_n + r ⊙ g_n)
            torch.addcmul(n[t], rz[t, :, H:], hs[t] - n[t], out=hs[t+1])                       # h = n + z ⊙ (h - n)
        ctx.save_for_backward(hs, gh, rz, n, W_hh)
        return hs[1:].clone(), hs[T].clone()

    @staticmethod
    def backward(ctx, d_out, d_hT):
        hs, gh, rz, n, W_hh = ctx.saved_tensors
        T, B, H = n.shape
        r, z = rz[..., :H], rz[..., H:]
        A, Cz, Cr = (1 - z) * (1 - n*n), (hs[:-1] - n) * z * (1 - z), gh[..., 2*H:] * r * (1 - r)  # all steps at once
        d_out = torch.zeros_like(n) if d_out is None else d_out
        d_g, d_an = hs.new_empty(T, B, 3*H), hs.new_empty(T, B, H)  # [ā_r, ā_z, ḡ_n] and ā_n for every step
        dh = d_out[T-1] if d_hT is None else d_out[T-1] + d_hT
        for t in range(T-1, -1, -1):
            torch.mul(dh, A[t], out=d_an[t])
            torch.mul(d_an[t], Cr[t], out=d_g[t, :, :H])
            torch.mul(dh, Cz[t], out=d_g[t, :, H:2*H])
            torch.mul(d_an[t], r[t], out=d_g[t, :, 2*H:])
            dh = torch.addmm(dh * z[t] if t == 0 else torch.addcmul(d_out[t-1], dh, z[t]), d_g[t], W_hh)
        d_W = d_g.flatten(0, 1).t() @ hs[:-1].flatten(0, 1)  # Σ_t over all T·B rows in one matmul
        return torch.cat([d_g[..., :2*H], d_an], -1), dh, d_W, d_g.sum((0, 1))

def gru_manual(x, h, W_ih, W_hh, b_ih, b_hh):
    "One GRU layer over time-major `x` (T, B, F) with the hand-written backward: (output, h_T)"
    return GRUScan.apply(F.linear(x, W_ih, b_ih), h, W_hh, b_hh)'''),
(82, [], '''\
torch.manual_seed(0)
ref64 = nn.GRU(4, 6, dtype=torch.float64)
x64 = torch.randn(7, 3, 4, dtype=torch.float64, requires_grad=True); h064 = torch.randn(3, 6, dtype=torch.float64, requires_grad=True)
def grads_of(f):
    out, h_T = f()
    g = torch.Generator().manual_seed(1)
    loss = (out * torch.randn(out.shape, generator=g, dtype=out.dtype)).sum() + (h_T * torch.randn(h_T.shape, generator=g, dtype=out.dtype)).sum()
    return [out, h_T, *torch.autograd.grad(loss, [x64, h064, *ref64.parameters()])]
mine, theirs = grads_of(lambda: gru_manual(x64, h064, *ref64.parameters())), grads_of(lambda: (lambda o, h: (o, h[0]))(*ref64(x64, h064[None])))
print(\'hand-written backward vs nn.GRU, float64: largest difference over outputs and all gradients\', max((a - b).abs().max().item() for a, b in zip(mine, theirs)))'''),
(83, [], '''\
for a, b in zip(mine, theirs): test_close(a, b, eps=1e-12)
assert torch.autograd.gradcheck(lambda xp, h: GRUScan.apply(xp, h, ref64.weight_hh_l0, ref64.bias_hh_l0), (torch.randn(4, 2, 18, dtype=torch.float64, requires_grad=True), h064[:2]))'''),
(85, [], '''\
import warnings
def fwd_bwd(f, x):
    "Seconds for one forward and backward pass of `f`, which maps `x` to (output, h_n)"
    t0 = time.perf_counter(); out, h = f(x); (out.sum() + h.sum()).backward(); return time.perf_counter() - t0

def bench(versions, x, rounds=2):
    "Best forward+backward time of each version over `rounds` rounds, each of which runs every version once"
    ts = {k: [] for k in versions}
    for _ in range(rounds):
        for k, f in versions.items(): ts[k].append(fwd_bwd(f, x))
    return {k: min(v) for k, v in ts.items()}

def onednn_off(m):
    "`m` called with oneDNN switched off"
    def f(x):
        with warnings.catch_warnings():
            warnings.simplefilter(\'ignore\')  # torch warns about TF32 on Intel GPUs whenever the flags change
            with torch.backends.mkldnn.flags(enabled=False): return m(x)
    return f

def gru_indexed(x, h, W_ih, W_hh, b_ih, b_hh):
    "Input projection hoisted out of the loop, but each step read as `xp[t]`"
    xp, outs = F.linear(x, W_ih, b_ih), []
    for t in range(len(x)):
        h = gru_step(xp[t], h, W_hh, b_hh); outs.append(h)
    return torch.stack(outs), h'''),
(86, [], '''\
B, T, F_in, H = 64, 100, 64, 256
torch.manual_seed(0)
ref = nn.GRU(F_in, H); ours = GRU.from_torch(ref); ps = list(ref.parameters())
x = torch.randn(T, B, F_in, requires_grad=True); h0 = torch.zeros(B, H)
versions = {\'nn.GRU\': ref, \'nn.GRU, oneDNN off\': onednn_off(ref),
            \'1. draft, gate by gate\': lambda x: gru_draft(x, h0, *ps), \'2. hoisted, xp[t]\': lambda x: gru_indexed(x, h0, *ps),
            \'3. ours: GRU (unbind)\': ours, \'4. hand-written backward\': lambda x: gru_manual(x, h0, *ps)}
times = bench(versions, x)
for k, v in times.items(): print(f"{k:26s} {v*1e3:6.0f} ms   {v / times[\'nn.GRU\']:.2f}× nn.GRU   {v / times[\'nn.GRU, oneDNN off\']:.2f}× nn.GRU without oneDNN")'''),
(87, [], '''\
extra_bytes = T * T * B * 3*H * 4  # T indexing ops, each writing a zero gradient of all of xp (T, B, 3H) in float32
print(f"xp[t] instead of unbind: {(times[\'2. hoisted, xp[t]\'] - times[\'3. ours: GRU (unbind)\'])*1e3:.0f} ms more; "
      f"its backward fills T = {T} zero tensors of T·B·3H floats, {extra_bytes/1e9:.1f} GB of writes")'''),
(88, [], '''\
assert times[\'2. hoisted, xp[t]\'] > times[\'3. ours: GRU (unbind)\']'''),
(90, [], '''\
from torch.utils._python_dispatch import TorchDispatchMode
class OpNames(TorchDispatchMode):
    "Record the names of the ATen operators run inside the `with` block"
    def __init__(self): super().__init__(); self.names = set()
    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.names.add(func.__name__.split(\'.\')[0]); return func(*args, **(kwargs or {}))
for m in (nn.GRU(4, 5), nn.LSTM(4, 5)):
    with OpNames() as ops: m(torch.randn(3, 2, 4))[0].sum().backward()
    print(f\'{type(m).__name__}: {len(ops.names)} operators;  oneDNN ones: {sorted(n for n in ops.names if "mkldnn" in n)}\')'''),
(91, [], '''\
with OpNames() as ops: nn.GRU(4, 5)(torch.randn(3, 2, 4))
assert \'addmm\' in ops.names and not any(\'mkldnn\' in n for n in ops.names)'''),
(94, [], '''\
Xv50, Yv50 = adding_problem(1_000, 50, seed=2)  # adding_run\'s validation set
def valid_mse(model):
    "Validation MSE of an `Adder` on the adding problem, T = 50"
    model.eval()
    with torch.no_grad(): return F.mse_loss(model(Xv50), Yv50).item()'''),
(96, [], '''\
mse_cho, _, _, cho_adder = adding_run(ChoGRU)
torch_adder = Adder(nn.GRU); torch_adder.load_state_dict(cho_adder.state_dict())  # no error: same names, same shapes
print(f\'trained as ChoGRU: valid MSE {mse_cho:.4f};  the same weights in nn.GRU: {valid_mse(torch_adder):.4f};  \'
      f\'outputs differ by up to {(torch_adder(Xv50) - cho_adder(Xv50)).abs().max():.2f}\')'''),
(97, [], '''\
assert mse_cho < 0.02 and valid_mse(torch_adder) > 3 * mse_cho'''),
(99, [], '''\
try: cho_adder.rnn.to_torch()
except TypeError as e: print(\'TypeError:\', e)'''),
(101, [], '''\
def reorder_gru_gates(w:Tensor,     # a stacked GRU weight (3H, ·) or bias (3H,), its blocks in the order `src`
                  src:str,      # the order of the blocks in `w`, a permutation of \'rzn\', e.g. \'zrn\' for Keras
                  dst:str=\'rzn\',# the order wanted; torch\'s is \'rzn\'
                 ) -> Tensor:   # `w` with its blocks in the order `dst`
    "`w` with its three gate blocks moved from the order `src` to the order `dst`"
    for name, o in ((\'src\', src), (\'dst\', dst)):
        if not isinstance(o, str) or sorted(o) != [\'n\', \'r\', \'z\']: raise ValueError(f"reorder_gru_gates: {name} should be a permutation of \'rzn\', got {o!r}")
    if w.size(0) % 3: raise ValueError(f"reorder_gru_gates: expected w of size 3H along dim 0, got {tuple(w.shape)}")
    blocks = dict(zip(src, w.chunk(3)))
    return torch.cat([blocks[g] for g in dst])'''),
(102, [], '''\
def with_gate_order(model, src, dst):
    "A copy of the `Adder` `model` with every GRU weight and bias reordered from `src` to `dst`"
    res = Adder(type(model.rnn)); sd = model.state_dict()
    res.load_state_dict({k: reorder_gru_gates(v, src, dst) if k.startswith(\'rnn.\') else v for k, v in sd.items()})
    return res
keras_order = with_gate_order(adder, \'rzn\', \'zrn\')                         # as a Keras model would store it
wrong = Adder(GRU); wrong.load_state_dict(keras_order.state_dict())        # loaded as if it were r, z, n
fixed = with_gate_order(keras_order, \'zrn\', \'rzn\')                         # reordered first
print(f\'valid MSE: trained {valid_mse(adder):.4f};  z, r, n loaded as r, z, n {valid_mse(wrong):.4f};  reordered {valid_mse(fixed):.4f}\')'''),
(103, [], '''\
test_eq(valid_mse(fixed), valid_mse(adder)); assert valid_mse(wrong) > 10 * valid_mse(adder)
w = torch.arange(6.)
test_eq(reorder_gru_gates(w, \'rzn\', \'zrn\'), torch.tensor([2., 3, 0, 1, 4, 5]))
test_eq(reorder_gru_gates(reorder_gru_gates(w, \'nzr\'), \'rzn\', \'nzr\'), w)
test_fail(lambda: reorder_gru_gates(w, \'rzh\'), contains="src should be a permutation of \'rzn\', got \'rzh\'")
test_fail(lambda: reorder_gru_gates(w, \'rzn\', \'rz\'), contains="dst should be a permutation")
test_fail(lambda: reorder_gru_gates(torch.ones(7), \'zrn\'), contains=\'expected w of size 3H along dim 0, got (7,)\')'''),
(105, [], '''\
class SwappedGRU(GRU):
    "A GRU whose update gate writes: h\' = z ⊙ n + (1 - z) ⊙ h"
    def step(self, xp, h, W_hh, b_hh):
        g = gru_step_gates(xp, h, W_hh, b_hh)
        return g.z * g.n + (1 - g.z) * h
swapped = Adder(SwappedGRU); swapped.load_state_dict(adder.state_dict())
print(f\'valid MSE: trained {valid_mse(adder):.4f};  the same weights with z swapped {valid_mse(swapped):.4f}\')'''),
(107, [], '''\
def flip_z(sd):
    "A GRU state_dict with the update gate\'s weights and biases negated: converts between the two z conventions"
    res = {}
    for k, v in sd.items():
        if k.startswith(\'rnn.\'): H = v.size(0) // 3; v = v.clone(); v[H:2*H] *= -1
        res[k] = v
    return res
swapped.load_state_dict(flip_z(adder.state_dict()))
print(f\'valid MSE with z negated: {valid_mse(swapped):.4f};  largest output difference from the trained model {(swapped(Xv50) - adder(Xv50)).abs().max():.1e}\')'''),
(108, [], '''\
test_close(swapped(Xv50), adder(Xv50), eps=1e-5)
s2 = Adder(SwappedGRU); s2.load_state_dict(adder.state_dict()); assert valid_mse(s2) > 10 * valid_mse(adder)'''),
(110, [], '''\
def n_params(F, H, L, D, gates=3):
    "Each direction of layer l: W_ih (G·H, F_l), W_hh (G·H, H), b_ih, b_hh (G·H,), with F_0 = F, F_l = D·H"
    per = lambda F_l: gates*H*(F_l + H + 2)
    return D * per(F) + (L - 1) * D * per(D*H)
for F_, H, L, bi in itertools.product([1, 7], [2, 5], [1, 3], [False, True]):
    D = 2 if bi else 1
    test_eq(sum(p.numel() for p in GRU(F_, H, L, bidirectional=bi).parameters()), n_params(F_, H, L, D))
    test_eq(sum(p.numel() for p in nn.LSTM(F_, H, L, bidirectional=bi).parameters()), n_params(F_, H, L, D, gates=4))
print(\'F = H = 256, 2 layers: GRU\', n_params(256, 256, 2, 1), \' LSTM\', n_params(256, 256, 2, 1, 4), \' RNN\', n_params(256, 256, 2, 1, 1))'''),
(112, [], '''\
torch.manual_seed(0)
g_rnn = GRU(3, 4, dtype=torch.float64)
with torch.no_grad():
    g_rnn.bias_ih_l0[:4] = 100.   # r = σ(≈100) = 1
    g_rnn.bias_ih_l0[4:8] = -100. # z = σ(≈-100) = 0
elman = RNN(3, 4, dtype=torch.float64)
elman.load_state_dict({k: v[8:] for k, v in g_rnn.state_dict().items()})  # the n blocks
x3 = torch.randn(9, 2, 3, dtype=torch.float64)
print(\'largest |GRU - RNN|:\', (g_rnn(x3)[0] - elman(x3)[0]).abs().max().item())
test_close(g_rnn(x3)[0], elman(x3)[0], eps=1e-12)'''),
(114, [], '''\
class MGU(RNNBase):
    "Minimal gated unit: one gate f serves as reset and as update"
    gates = RNNBase.gates | {\'MGU\': 2}
    def __init__(self, input_size, hidden_size, **kwargs): super().__init__(\'MGU\', input_size, hidden_size, **kwargs)
    def step(self, xp, h, W_hh, b_hh):
        (x_f, x_n), (h_f, h_n) = xp.chunk(2, -1), F.linear(h, W_hh, b_hh).chunk(2, -1)
        f = torch.sigmoid(x_f + h_f)
        n = torch.tanh(x_n + f * h_n)
        return (1 - f) * h + f * n
torch.manual_seed(0)
mgu = MGU(3, 4, num_layers=2, bidirectional=True, batch_first=True, dtype=torch.float64)
xb, lengths = torch.randn(4, 6, 3, dtype=torch.float64), torch.tensor([6, 2, 5, 1])
out_p, h_n = mgu(pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False))
for i, n in enumerate(lengths): test_close(h_n[:, i], mgu(xb[i:i+1, :n])[1][:, 0], eps=1e-12)
n_mgu, n_gru = (sum(p.numel() for p in m.parameters()) for m in (mgu, GRU(3, 4, num_layers=2, bidirectional=True)))
print(f\'MGU parameters {n_mgu}, GRU {n_gru}: ratio {n_mgu / n_gru:.3f}\'); test_eq(3 * n_mgu, 2 * n_gru)'''),
(116, [], '''\
def gru_masked(gru, x, lengths):
    "Final state of a one-layer, forward `gru` on padded time-major `x` (T, B, F), by forcing z = 1 after each sequence\'s end"
    W_ih, W_hh, b_ih, b_hh = gru.weights(0, 0)
    h = x.new_zeros(x.size(1), gru.hidden_size)
    for t, xp in enumerate(F.linear(x, W_ih, b_ih).unbind(0)):
        g = gru_step_gates(xp, h, W_hh, b_hh)
        z = torch.where((t < lengths)[:, None], g.z, torch.ones_like(g.z))
        h = (1 - z) * g.n + z * h
    return h
torch.manual_seed(0)
uni = GRU(3, 4, dtype=torch.float64)
packed = pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False)
print(\'largest |masked - packed|:\', (gru_masked(uni, xb.transpose(0, 1), lengths) - uni(packed)[1][0]).abs().max().item())
test_close(gru_masked(uni, xb.transpose(0, 1), lengths), uni(packed)[1][0], eps=1e-12)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/05_gru.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_gru(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def_draw_gru_cell(): nb.run(6)
def test_c008_def_gru_draft_x_h_w_ih_w_hh_b_ih_b_hh(): nb.run(8)
def test_c009_torch_manual_seed_0(): nb.run(9)
def test_c010_test_eq_out_shape_t_b_h_test_close_out_o(): nb.run(10)
def test_c012_class_grugates_namedtuple(): nb.run(12)
def test_c013_xp0_x_0_ref_weight_ih_l0_t_ref_bias_ih_l(): nb.run(13)
def test_c014_test_close_g_h_out_ref_0_eps_1e_6(): nb.run(14)
def test_c016_class_grucell_rnncellbase(): nb.run(16)
def test_c017_torch_manual_seed_0_cell_ref_nn_grucell(): nb.run(17)
def test_c018_for_k_in_cell_ref_state_dict_test_eq_cel(): nb.run(18)
def test_c020_class_gru_rnnbase(): nb.run(20)
def test_c021_torch_manual_seed_0_ref_nn_gru_4_5_num_l(): nb.run(21)
def test_c022_test_eq_out_shape_3_7_10_test_eq_h_n_sha(): nb.run(22)
def test_c024_def_gru_case_l_1_bi_false_bf_false_packe(): nb.run(24)
def test_c025_grid_list_itertools_product_1_2_3_false(): nb.run(25)
def test_c026_test_close_max_errs_0_eps_1e_10_test_clo(): nb.run(26)
def test_c028_drop_l_bi_packed_gru_case_l_bi_false_pac(): nb.run(28)
def test_c029_test_eq_max_drop_values_0(): nb.run(29)
def test_c031_r32_nn_gru_8_16_2_bidirectional_true(): nb.run(31)
def test_c032_test_close_err32_0_eps_1e_5(): nb.run(32)
def test_c034_if_torch_cuda_is_available(): nb.run(34)
def test_c036_gru_gru_10_20_num_layers_2_batch_first_t(): nb.run(36)
def test_c037_test_fail_lambda_gru_torch_randn_3_7_12(): nb.run(37)
def test_c039_def__no_torch_twin_cls(): nb.run(39)
def test_c040_torch_manual_seed_0(): nb.run(40)
def test_c041_assert_d_mean_0_01(): nb.run(41)
def test_c043_def_fwd_time_m_x_n_3(): nb.run(43)
def test_c044_test_eq_step_matmuls_after_step_matmuls(): nb.run(44)
def test_c047_def_state_grad_norms_cell_nn_module_a_ce(): nb.run(47)
def test_c049_try_from_rnnbook_lstm_import_lstmcell_ls(): nb.run(49)
def test_c050_fig_ax_plt_subplots_figsize_8_4(): nb.run(50)
def test_c051_assert_rates_gru_z_bias_4_rates_gru_z_bi(): nb.run(51)
def test_c054_def__trace_layer_x_h_w_ih_w_hh_b_ih_b_hh(): nb.run(54)
def test_c055_torch_manual_seed_0(): nb.run(55)
def test_c056_test_close_torch_cat_gates_h_2_gates_h_3(): nb.run(56)
def test_c058_gate_trace_register(): nb.run(58)
def test_c059_ref1_nn_gru_4_5_batch_first_true(): nb.run(59)
def test_c060_test_eq_list_tr_r_z_n_h_test_close_tr_h(): nb.run(60)
def test_c062_class_adder_nn_module(): nb.run(62)
def test_c063_mse_gru_losses_gru_secs_gru_adder_adding(): nb.run(63)
def test_c064_assert_mse_gru_0_02_mse_gru(): nb.run(64)
def test_c066_def_plot_gates_model_x_title(): nb.run(66)
def test_c068_with_torch_no_grad_gv_gru_gates_adder_rn(): nb.run(68)
def test_c069_assert_z_marks_mean_z_marks_mean_0_1_and(): nb.run(69)
def test_c071_sat_lambda_v_v_05_v_95_float_mean_item(): nb.run(71)
def test_c073_import_ipywidgets_as_widgets(): nb.run(73)
def test_c075_runs_gru_ours_mse_gru_losses_gru_secs_gr(): nb.run(75)
def test_c076_assert_runs_gru_ours_0_0_02_runs_rnn_our(): nb.run(76)
@pytest.mark.slow
def test_c078_for_t_in_50_100(): nb.run(78)
def test_c081_class_gruscan_torch_autograd_function(): nb.run(81)
def test_c082_torch_manual_seed_0(): nb.run(82)
def test_c083_for_a_b_in_zip_mine_theirs_test_close_a(): nb.run(83)
def test_c085_import_warnings(): nb.run(85)
def test_c086_b_t_f_in_h_64_100_64_256(): nb.run(86)
def test_c087_extra_bytes_t_t_b_3_h_4_t_indexing_ops_e(): nb.run(87)
def test_c088_assert_times_2_hoisted_xp_t_times_3_ours(): nb.run(88)
def test_c090_from_torch_utils__python_dispatch_import(): nb.run(90)
def test_c091_with_opnames_as_ops_nn_gru_4_5_torch_ran(): nb.run(91)
def test_c094_xv50_yv50_adding_problem_1_000_50_seed_2(): nb.run(94)
def test_c096_mse_cho_____cho_adder_adding_run_chogru(): nb.run(96)
def test_c097_assert_mse_cho_0_02_and_valid_mse_torch(): nb.run(97)
def test_c099_try_cho_adder_rnn_to_torch(): nb.run(99)
def test_c101_def_reorder_gru_gates_w_tensor_a_stacked(): nb.run(101)
def test_c102_def_with_gate_order_model_src_dst(): nb.run(102)
def test_c103_test_eq_valid_mse_fixed_valid_mse_adder(): nb.run(103)
def test_c105_class_swappedgru_gru(): nb.run(105)
def test_c107_def_flip_z_sd(): nb.run(107)
def test_c108_test_close_swapped_xv50_adder_xv50_eps_1(): nb.run(108)
def test_c110_def_n_params_f_h_l_d_gates_3(): nb.run(110)
def test_c112_torch_manual_seed_0(): nb.run(112)
def test_c114_class_mgu_rnnbase(): nb.run(114)
def test_c116_def_gru_masked_gru_x_lengths(): nb.run(116)
