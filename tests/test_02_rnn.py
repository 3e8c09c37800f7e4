# Generated from nbs/02_rnn.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp rnn'''),
(2, [], '''\
from __future__ import annotations
import math, numbers, warnings, inspect
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence
from fastcore.basics import patch, store_attr'''),
(3, [], '''\
from fastcore.test import *
import itertools, time
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch
from torch.nn.utils.rnn import pad_packed_sequence
from hypothesis import given, settings, strategies as st
_threads = torch.get_num_threads()
torch.set_num_threads(1)  # our tensors are tiny: threads only add synchronisation, which stalls when the cores are shared'''),
(5, [], '''\
def draw_unrolled(T=4):
    "Draw the RNN folded into a loop and unrolled over `T` steps"
    fig, ax = plt.subplots(figsize=(10, 3.6))
    def box(x, y, s, c):
        ax.add_patch(FancyBboxPatch((x-.32, y-.22), .64, .44, boxstyle=\'round,pad=0.03\', fc=c, ec=\'k\'))
        ax.text(x, y, s, ha=\'center\', va=\'center\', fontsize=12)
    def arrow(x0, y0, x1, y1, s=\'\', dx=0, dy=0, **kw):
        ax.annotate(\'\', (x1, y1), (x0, y0), arrowprops=dict(arrowstyle=\'->\', lw=1.4, **kw))
        if s: ax.text((x0+x1)/2+dx, (y0+y1)/2+dy, s, fontsize=10, color=\'C3\', ha=\'center\', va=\'center\')
    def column(x, t):
        box(x, 0, f\'$x_{{{t}}}$\', \'#dbe9f6\'); box(x, 1.2, f\'$h_{{{t}}}$\', \'#fde2c8\'); box(x, 2.4, f\'out$_{{{t}}}$\', \'#e3f3dc\')
        arrow(x, .25, x, .95, \'$W_{ih}$\', dx=.3); arrow(x, 1.45, x, 2.15)
    column(0, \'t\')
    arrow(.33, 1.08, .33, 1.32, connectionstyle=\'arc,angleA=0,angleB=0,armA=45,armB=45,rad=12\')
    ax.text(.72, 1.5, \'$W_{hh}$\', color=\'C3\', fontsize=10, ha=\'center\'); ax.text(1.7, 1.2, \'=\', fontsize=22, ha=\'center\', va=\'center\')
    x0 = 2.4; box(x0, 1.2, \'$h_0$\', \'#eeeeee\')
    for t in range(1, T+1):
        column(x0+1.5*t, t); arrow(x0+1.5*t-1.15, 1.2, x0+1.5*t-.35, 1.2, \'$W_{hh}$\', dy=.17)
    ax.set_xlim(-.6, x0+1.5*T+.6); ax.set_ylim(-.5, 2.9); ax.axis(\'off\')
    ax.set_title(f\'An RNN is a loop (left); unrolled over T={T} steps (right) it is a deep net whose steps share $W_{{ih}}, W_{{hh}}$\')
    return fig
draw_unrolled();'''),
(7, [], '''\
def rnn_draft(x, h, W_ih, W_hh, b_ih, b_hh):
    "One tanh layer over time-major `x` (T, B, F) from state `h` (B, H)"
    outs = []
    for x_t in x:
        h = torch.tanh(x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        outs.append(h)
    return torch.stack(outs), h'''),
(8, [], '''\
torch.manual_seed(0)
T, B, F_in, H = 6, 3, 4, 5
ref = nn.RNN(F_in, H)
x = torch.randn(T, B, F_in)
out, h_T = rnn_draft(x, torch.zeros(B, H), ref.weight_ih_l0, ref.weight_hh_l0, ref.bias_ih_l0, ref.bias_hh_l0)
out_ref, h_n_ref = ref(x)
print(out.shape, h_n_ref.shape, (out - out_ref).abs().max().item())'''),
(9, [], '''\
test_eq(out.shape, (T, B, H))
test_close(out, out_ref, eps=1e-6)
test_close(h_T, h_n_ref[0], eps=1e-6)'''),
(12, [], '''\
def rnn_step(xp,                   # x_t W_ihᵀ + b_ih, projected input (B, H)
             h,                    # previous state h_{t-1} (B, H)
             W_hh,                 # recurrent weight (H, H)
             b_hh,                 # recurrent bias (H,) or None
             nonlinearity=\'tanh\',  # \'tanh\' or \'relu\'
            ) -> Tensor:           # h_t (B, H)
    "One Elman step: `act(xp + h W_hhᵀ + b_hh)`"
    a = xp + F.linear(h, W_hh, b_hh)
    return torch.tanh(a) if nonlinearity == \'tanh\' else torch.relu(a)'''),
(13, [], '''\
h1 = rnn_step(x[0] @ ref.weight_ih_l0.T + ref.bias_ih_l0, torch.zeros(B, H), ref.weight_hh_l0, ref.bias_hh_l0)
h1.shape, (h1 - out_ref[0]).abs().max().item()'''),
(14, [], '''\
test_close(h1, out_ref[0], eps=1e-6)
test_eq(rnn_step(torch.full((1, 2), -3.), torch.zeros(1, 2), torch.eye(2), None, \'relu\'), torch.zeros(1, 2))
test_close(rnn_step(torch.ones(1, 2), torch.ones(1, 2), torch.eye(2), torch.zeros(2)), torch.tanh(torch.tensor(2.)).expand(1, 2), eps=1e-7)'''),
(16, [], '''\
def _smap(f, s):
    "Apply `f` to state `s`: a tensor, or each tensor of a tuple such as LSTM\'s `(h, c)`"
    return tuple(f(v) for v in s) if isinstance(s, tuple) else f(s)

def _sjoin(f, ss):
    "Combine the list of states `ss` with `f` (e.g. `torch.cat`), tensor by tensor for tuple states"
    return tuple(f(list(vs)) for vs in zip(*ss)) if isinstance(ss[0], tuple) else f(ss)

def _hid(s):
    "The output part of state `s`: `h` of `(h, c)`, or `s` itself"
    return s[0] if isinstance(s, tuple) else s'''),
(17, [], '''\
hc = (torch.ones(2, 3), torch.zeros(2, 3))
_smap(lambda v: v[:1], hc), _sjoin(torch.cat, [hc, hc])[0].shape, _hid(hc) is hc[0]'''),
(18, [], '''\
test_eq(_smap(lambda v: v*2, torch.ones(2)), torch.full((2,), 2.))
test_eq([v.shape for v in _sjoin(torch.stack, [hc, hc, hc])], [(3, 2, 3), (3, 2, 3)])
test_eq(_sjoin(torch.cat, [torch.ones(1, 2), torch.zeros(2, 2)]), torch.tensor([[1., 1], [0, 0], [0, 0]]))
test_is(_hid(hc[1]), hc[1])'''),
(20, [], '''\
def _check_int(name, v, cls):
    if not isinstance(v, int) or isinstance(v, bool): raise TypeError(f"{cls}: {name} should be an int, got {type(v).__name__}")
    if v <= 0: raise ValueError(f"{cls}: {name} must be greater than zero, got {v}")

def _check_bool(name, v, cls):
    if not isinstance(v, bool): raise TypeError(f"{cls}: {name} should be a bool, got {type(v).__name__}")

def _check_nonlinearity(v, cls):
    if v not in (\'tanh\', \'relu\'): raise ValueError(f"{cls}: unknown nonlinearity={v!r}; expected \'tanh\' or \'relu\'")

def _check_tensor(name, x, cls, w):
    "Raise unless `x` is a floating-point tensor with the dtype and device of parameter `w`"
    if not isinstance(x, Tensor): raise TypeError(f"{cls}: expected {name} to be a Tensor, got {type(x).__name__}")
    if not x.is_floating_point():
        hint = " (turn token ids into vectors first, e.g. with nn.Embedding)" if name == \'input\' else ""
        raise TypeError(f"{cls}: expected a floating-point {name}, got dtype {x.dtype}{hint}")
    if x.dtype != w.dtype:
        raise TypeError(f"{cls}: {name} has dtype {x.dtype} but the parameters have {w.dtype}; convert one: {name}.to({w.dtype}) or model.to({x.dtype})")
    if x.device != w.device: raise ValueError(f"{cls}: {name} is on {x.device} but the parameters are on {w.device}")

def _check_state(hx, n_states, shape, layout, cls, w):
    "Raise unless `hx` is None or `n_states` tensors (one tensor if 1, else a tuple), each of `shape`"
    if hx is None: return
    if n_states == 1 and not isinstance(hx, Tensor):
        raise TypeError(f"{cls}: expected hx to be a Tensor of shape {shape} = {layout}, got {type(hx).__name__}")
    if n_states > 1 and not (isinstance(hx, tuple) and len(hx) == n_states):
        raise TypeError(f"{cls}: expected hx to be a tuple of {n_states} tensors of shape {shape} = {layout}, got {type(hx).__name__}")
    for i, h in enumerate(hx if n_states > 1 else (hx,)):
        name = \'hx\' if n_states == 1 else f\'hx[{i}]\'
        _check_tensor(name, h, cls, w)
        if tuple(h.shape) != shape: raise ValueError(f"{cls}: expected {name} of shape {shape} = {layout}, got {tuple(h.shape)}")'''),
(22, [], '''\
def _init_kwargs(obj, cls):
    "The arguments of `cls`\'s constructor, except `device` and `dtype`, read off the attributes of `obj`"
    return {k: getattr(obj, k) for k in inspect.signature(cls).parameters if k not in (\'device\', \'dtype\')}

class TorchTwin:
    "Mixin: convert to and from the `torch.nn` module `torch_cls` with the same arguments and parameters"
    torch_cls = None

    @classmethod
    def from_torch(cls, m):
        "Ours, from torch module `m`: same arguments, parameters, dtype, device, and train/eval mode"
        if not isinstance(m, cls.torch_cls): raise TypeError(f"{cls.__name__}.from_torch expects a {cls.torch_cls.__name__}, got {type(m).__name__}")
        p = next(m.parameters())
        res = cls(**_init_kwargs(m, cls), device=p.device, dtype=p.dtype)
        res.load_state_dict(m.state_dict())
        return res.train(m.training)

    def to_torch(self):
        "The `torch_cls` module with our arguments, parameters, dtype, device, and train/eval mode"
        p = next(self.parameters())
        res = self.torch_cls(**_init_kwargs(self, type(self)), device=p.device, dtype=p.dtype)
        res.load_state_dict(self.state_dict())
        return res.train(self.training)'''),
(24, [], '''\
class RNNCellBase(TorchTwin, nn.Module):
    "One step of a recurrent cell with torch\'s parameters; subclasses give `step` (and `n_gates`, `n_states`)"
    n_gates, n_states = 1, 1  # weight rows per hidden unit (LSTM: 4, GRU: 3); tensors in the state (LSTM: 2)
    def __init__(self, input_size:int, # F, features of each input step
                 hidden_size:int,      # H, size of the state
                 bias:bool=True,       # use b_ih and b_hh
                 device=None,          # device of the parameters
                 dtype=None,           # dtype of the parameters
                ):
        super().__init__()
        cls = type(self).__name__
        _check_int(\'input_size\', input_size, cls); _check_int(\'hidden_size\', hidden_size, cls); _check_bool(\'bias\', bias, cls)
        store_attr(\'input_size,hidden_size,bias\')
        G, fk = self.n_gates*hidden_size, dict(device=device, dtype=dtype)
        self.weight_ih = nn.Parameter(torch.empty(G, input_size, **fk))
        self.weight_hh = nn.Parameter(torch.empty(G, hidden_size, **fk))
        self.bias_ih = nn.Parameter(torch.empty(G, **fk)) if bias else None
        self.bias_hh = nn.Parameter(torch.empty(G, **fk)) if bias else None
        self.reset_parameters()

    def reset_parameters(self):
        "Every parameter from uniform(-1/√H, 1/√H), drawn in torch\'s order"
        for w in self.parameters(): nn.init.uniform_(w, -1/math.sqrt(self.hidden_size), 1/math.sqrt(self.hidden_size))
    def step(self, xp, state, W_hh, b_hh):
        "The state after one step from `state`, given the projected input `xp` (B, G); subclasses define it"
        raise NotImplementedError(f"{type(self).__name__} must define `step`")
    def extra_repr(self):
        nl = getattr(self, \'nonlinearity\', \'tanh\')
        return f"{self.input_size}, {self.hidden_size}" + ("" if self.bias else ", bias=False") + ("" if nl == \'tanh\' else f", nonlinearity={nl}")'''),
(25, [], '''\
@patch
def forward(self:RNNCellBase, input, hx=None):
    "The next state for `input` (B, F) or (F,) from state `hx` (B, H) or (H,) (zeros if None)"
    cls, H = type(self).__name__, self.hidden_size
    _check_tensor(\'input\', input, cls, self.weight_ih)
    if input.dim() not in (1, 2): raise ValueError(f"{cls}: expected input to be 1-D (F,) or 2-D (B, F), got {input.dim()}-D input of shape {tuple(input.shape)}")
    if input.size(-1) != self.input_size:
        raise ValueError(f"{cls}: expected input.size(-1) == input_size={self.input_size}, got {input.size(-1)} (input of shape {tuple(input.shape)})")
    batched = input.dim() == 2
    shape, layout = ((input.size(0), H), \'(B, hidden_size)\') if batched else ((H,), \'(hidden_size,)\')
    _check_state(hx, self.n_states, shape, layout, cls, self.weight_ih)
    x = input if batched else input[None]
    if hx is None: hx = _smap(lambda _: x.new_zeros(x.size(0), H), (0,)*self.n_states if self.n_states > 1 else 0)
    elif not batched: hx = _smap(lambda v: v[None], hx)
    s = self.step(F.linear(x, self.weight_ih, self.bias_ih), hx, self.weight_hh, self.bias_hh)
    return s if batched else _smap(lambda v: v[0], s)'''),
(27, [], '''\
class RNNCell(RNNCellBase):
    "Drop-in `torch.nn.RNNCell`: `h\' = act(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)` in plain tensor operations"
    torch_cls = nn.RNNCell
    def __init__(self, input_size:int,  # F, features of the input
                 hidden_size:int,       # H, size of the state
                 bias:bool=True,        # use b_ih and b_hh
                 nonlinearity=\'tanh\',   # \'tanh\' or \'relu\'
                 device=None,           # device of the parameters
                 dtype=None,            # dtype of the parameters
                ):
        _check_nonlinearity(nonlinearity, \'RNNCell\')
        super().__init__(input_size, hidden_size, bias, device, dtype)
        self.nonlinearity = nonlinearity
    def step(self, xp, h, W_hh, b_hh): return rnn_step(xp, h, W_hh, b_hh, self.nonlinearity)'''),
(28, [], '''\
torch.manual_seed(0); cell_ref = nn.RNNCell(4, 5, nonlinearity=\'relu\')
torch.manual_seed(0); cell = RNNCell(4, 5, nonlinearity=\'relu\')
xb, hb = torch.randn(3, 4), torch.randn(3, 5)
print(cell, [(k, tuple(v.shape)) for k, v in cell.state_dict().items()])
print(cell(xb, hb).shape, cell(xb[0]).shape, (cell(xb, hb) - cell_ref(xb, hb)).abs().max().item())'''),
(30, [], '''\
test_eq(list(cell.state_dict()), list(cell_ref.state_dict()))
for k in cell_ref.state_dict(): test_eq(cell.state_dict()[k], cell_ref.state_dict()[k])
for nl, bias in itertools.product([\'tanh\', \'relu\'], [True, False]):
    r = nn.RNNCell(4, 5, bias=bias, nonlinearity=nl, dtype=torch.float64); c = RNNCell.from_torch(r)
    test_eq(c.bias, bias); test_eq(c.nonlinearity, nl); test_eq(c.weight_ih.dtype, torch.float64)
    x64, h64 = torch.randn(3, 4, dtype=torch.float64, requires_grad=True), torch.randn(3, 5, dtype=torch.float64, requires_grad=True)
    for args in [(x64, h64), (x64,), (x64[0], h64[0]), (x64[0],)]:
        o1, o2 = r(*args), c(*args)
        test_eq(o2.shape, o1.shape); test_close(o2, o1, eps=1e-12)
        g1 = torch.autograd.grad((o1*o1.detach()).sum(), [x64, *r.parameters()])
        g2 = torch.autograd.grad((o2*o2.detach()).sum(), [x64, *c.parameters()])
        for a, b in zip(g1, g2): test_close(a, b, eps=1e-12)
    r2 = c.to_torch(); test_eq(type(r2), nn.RNNCell); test_eq(r2.nonlinearity, nl); test_close(r2(x64), r(x64), eps=1e-12)
test_fail(lambda: RNNCell.from_torch(nn.GRUCell(4, 5)), contains=\'expects a RNNCell, got GRUCell\')
test_fail(lambda: RNNCell(4, 5, nonlinearity=\'sigmoid\'), contains="nonlinearity=\'sigmoid\'")
test_fail(lambda: cell(torch.randn(3, 7)), contains=\'input_size=4, got 7\')
test_fail(lambda: cell(xb, torch.randn(2, 5)), contains=\'expected hx of shape (3, 5)\')
test_fail(lambda: cell(xb[0], hb), contains=\'expected hx of shape (5,)\')
test_fail(lambda: cell(torch.randn(2, 3, 4)), contains=\'got 3-D input\')
test_fail(lambda: cell(torch.ones(3, 4, dtype=torch.long)), contains=\'floating-point input, got dtype torch.int64\')'''),
(32, [], '''\
c64 = RNNCell(3, 4, dtype=torch.float64)
torch.autograd.gradcheck(c64, (torch.randn(2, 3, dtype=torch.float64, requires_grad=True), torch.randn(2, 4, dtype=torch.float64, requires_grad=True)))'''),
(34, [], '''\
class RNNBase(TorchTwin, nn.Module):
    "Layers × directions of a recurrent `step` with torch\'s parameter names; subclasses give `step` (and `n_states`)"
    gates = dict(RNN_TANH=1, RNN_RELU=1, LSTM=4, GRU=3)  # gate_size = gates[mode] * hidden_size
    n_states = 1  # tensors in the state: 1 (h) for RNN and GRU, 2 (h, c) for LSTM
    def __init__(self, mode:str,          # \'RNN_TANH\', \'RNN_RELU\', \'LSTM\' or \'GRU\'
                 input_size:int,          # F, features of each input step
                 hidden_size:int,         # H, size of the state of each layer and direction
                 num_layers:int=1,        # L, stacked layers
                 bias:bool=True,          # use b_ih and b_hh
                 batch_first:bool=False,  # `input` and `output` are (B, T, ·) instead of (T, B, ·); `hx`, `h_n` are not
                 dropout:float=0.,        # probability of zeroing each output of every layer but the last, in training
                 bidirectional:bool=False,# add a reverse direction (D = 2)
                 device=None,             # device of the parameters
                 dtype=None,              # dtype of the parameters
                ):
        super().__init__()
        cls = type(self).__name__
        if mode not in self.gates: raise ValueError(f"{cls}: unknown mode={mode!r}; expected one of {list(self.gates)}")
        for k, v in dict(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers).items(): _check_int(k, v, cls)
        for k, v in dict(bias=bias, batch_first=batch_first, bidirectional=bidirectional).items(): _check_bool(k, v, cls)
        if isinstance(dropout, bool) or not isinstance(dropout, numbers.Number) or not 0 <= dropout <= 1:
            raise ValueError(f"{cls}: dropout should be a number in [0, 1], the probability of zeroing an element, got {dropout!r}")
        if dropout > 0 and num_layers == 1:
            warnings.warn(f"{cls}: dropout={dropout} acts between layers only, so it does nothing with num_layers=1", stacklevel=2)
        store_attr(\'mode,input_size,hidden_size,num_layers,bias,batch_first,bidirectional\')
        self.dropout, self.D, self.gate_size = float(dropout), 2 if bidirectional else 1, self.gates[mode]*hidden_size
        self._make_params(dict(device=device, dtype=dtype))
        self.reset_parameters()'''),
(36, [], '''\
@patch
def _make_params(self:RNNBase, fk):
    G, H = self.gate_size, self.hidden_size
    self._flat_weights_names = []
    for l in range(self.num_layers):
        for d in range(self.D):
            F_in = self.input_size if l == 0 else H*self.D
            shapes = dict(weight_ih=(G, F_in), weight_hh=(G, H)) | (dict(bias_ih=(G,), bias_hh=(G,)) if self.bias else {})
            for n, shape in shapes.items():
                name = f"{n}_l{l}{\'_reverse\' if d else \'\'}"
                setattr(self, name, nn.Parameter(torch.empty(shape, **fk)))
                self._flat_weights_names.append(name)

@patch
def reset_parameters(self:RNNBase):
    "Every parameter from uniform(-1/√H, 1/√H), drawn in torch\'s order"
    for w in self.parameters(): nn.init.uniform_(w, -1/math.sqrt(self.hidden_size), 1/math.sqrt(self.hidden_size))

@patch
def weights(self:RNNBase,
            l:int, # layer, 0 to num_layers-1
            d:int, # direction: 0 forward, 1 reverse
           ):
    "`(W_ih, W_hh, b_ih, b_hh)` of layer `l`, direction `d`; the biases are None if `bias=False`"
    sfx = f"_l{l}{\'_reverse\' if d else \'\'}"
    return tuple(getattr(self, n+sfx, None) for n in (\'weight_ih\', \'weight_hh\', \'bias_ih\', \'bias_hh\'))

@patch
def step(self:RNNBase, xp, state, W_hh, b_hh):
    "The state after one step from `state`, given the projected input `xp` (b, G); subclasses define it"
    raise NotImplementedError(f"{type(self).__name__} must define `step`")

@patch
def flatten_parameters(self:RNNBase):
    "Nothing to do (there is no cuDNN weight buffer); kept so that code written for `torch.nn.RNN` runs unchanged"

@patch
def extra_repr(self:RNNBase):
    s = f"{self.input_size}, {self.hidden_size}"
    for k, dflt in dict(num_layers=1, bias=True, batch_first=False, dropout=0., bidirectional=False).items():
        if getattr(self, k) != dflt: s += f", {k}={getattr(self, k)}"
    return s + ("" if getattr(self, \'nonlinearity\', \'tanh\') == \'tanh\' else f", nonlinearity={self.nonlinearity}")'''),
(38, [], '''\
@patch
def scan(self:RNNBase,
         xs,                # projected inputs x_t W_ihᵀ + b_ih, one (b_t, G) tensor per step
         s,                 # initial state of this layer and direction: (B, H), or a tuple of them
         W_hh,              # recurrent weight (G, H)
         b_hh,              # recurrent bias (G,) or None
         batch_sizes=None,  # list: sequences still running at each step (packed input); None: all B rows every step
         reverse=False,     # run from the last step to the first
        ):
    "Run `step` over `xs` (one projected input per step) from state `s`; return (outputs, final state)"
    T, outs = len(xs), [None]*len(xs)
    if batch_sizes is None:
        for t in (reversed(range(T)) if reverse else range(T)):
            s = self.step(xs[t], s, W_hh, b_hh); outs[t] = _hid(s)
        return torch.stack(outs), s
    if not reverse:
        ended = []  # final states of the sequences that ended, in the order they ended
        for t in range(T):
            b, n = batch_sizes[t], _hid(s).size(0)
            if b < n: ended.append(_smap(lambda v: v[b:], s)); s = _smap(lambda v: v[:b], s)
            s = self.step(xs[t], s, W_hh, b_hh); outs[t] = _hid(s)
        return torch.cat(outs), _sjoin(torch.cat, [s] + ended[::-1])
    s0, s = s, _smap(lambda v: v[:batch_sizes[-1]], s)
    for t in reversed(range(T)):
        b, n = batch_sizes[t], _hid(s).size(0)
        if b > n: s = _sjoin(torch.cat, [s, _smap(lambda v: v[n:b], s0)])
        s = self.step(xs[t], s, W_hh, b_hh); outs[t] = _hid(s)
    return torch.cat(outs), s'''),
(40, [], '''\
@patch
def layers(self:RNNBase,
           x,                # time-major input (T, B, F), or packed data (N, F)
           hx,               # initial states (L*D, B, H), or a tuple of them, in sorted order if packed
           batch_sizes=None, # list of running sequences per step if `x` is packed data
          ):
    "Run all layers and directions on time-major `x` (T, B, F), or packed data (N, F); return (output, h_n)"
    finals = []
    for l in range(self.num_layers):
        outs = []
        for d in range(self.D):
            W_ih, W_hh, b_ih, b_hh = self.weights(l, d)
            xp = F.linear(x, W_ih, b_ih)  # x_t W_ihᵀ + b_ih for every step, one matmul
            xs = xp.unbind(0) if batch_sizes is None else xp.split(batch_sizes)
            o, s = self.scan(xs, _smap(lambda v: v[l*self.D + d], hx), W_hh, b_hh, batch_sizes, reverse=d == 1)
            outs.append(o); finals.append(s)
        x = torch.cat(outs, -1) if self.D == 2 else outs[0]
        if self.dropout and self.training and l < self.num_layers-1: x = F.dropout(x, self.dropout, training=True)
    return x, _sjoin(torch.stack, finals)'''),
(42, [], '''\
@patch
def _time_major(self:RNNBase, input):
    "Check `input` and return it time-major (T, B, F), with (batch_sizes, packed, batched, B)"
    cls, w = type(self).__name__, self.weight_ih_l0
    packed = isinstance(input, PackedSequence)
    x = input.data if packed else input
    _check_tensor(\'input\', x, cls, w)
    if packed:
        if x.dim() != 2: raise ValueError(f"{cls}: expected packed data of shape (N, F), got {tuple(x.shape)}")
        batch_sizes = input.batch_sizes.tolist()
        batched, B = True, batch_sizes[0]
    else:
        batch_sizes, layout = None, \'(B, T, F)\' if self.batch_first else \'(T, B, F)\'
        if x.dim() not in (2, 3): raise ValueError(f"{cls}: expected input to be 2-D (T, F) unbatched or 3-D {layout} batched, got {x.dim()}-D input of shape {tuple(x.shape)}")
        batched = x.dim() == 3
        x = (x.transpose(0, 1) if self.batch_first else x) if batched else x[:, None]  # time-major (T, B, F) from here on
        if x.size(0) == 0: raise ValueError(f"{cls}: expected at least one time step, got input of shape {tuple(input.shape)}")
        B = x.size(1)
    if x.size(-1) != self.input_size:
        raise ValueError(f"{cls}: expected input.size(-1) == input_size={self.input_size}, got {x.size(-1)} (input of shape {tuple(input.data.shape if packed else input.shape)})")
    return x, batch_sizes, packed, batched, B'''),
(43, [], '''\
@patch
def forward(self:RNNBase, input, hx=None):
    "Drop-in `forward`: `input` (T, B, F), (B, T, F) if `batch_first`, (T, F) unbatched, or a `PackedSequence`"
    cls, H, LD, w = type(self).__name__, self.hidden_size, self.num_layers*self.D, self.weight_ih_l0
    x, batch_sizes, packed, batched, B = self._time_major(input)
    shape, layout = ((LD, B, H), \'(num_layers*num_directions, B, hidden_size)\') if batched else ((LD, H), \'(num_layers*num_directions, hidden_size)\')
    _check_state(hx, self.n_states, shape, layout, cls, w)
    if hx is None: hx = _smap(lambda _: x.new_zeros(LD, B, H), (0,)*self.n_states if self.n_states > 1 else 0)
    elif not batched: hx = _smap(lambda v: v[:, None], hx)
    elif packed and input.sorted_indices is not None: hx = _smap(lambda v: v.index_select(1, input.sorted_indices), hx)
    out, h_n = self.layers(x, hx, batch_sizes)
    if packed:
        if input.unsorted_indices is not None: h_n = _smap(lambda v: v.index_select(1, input.unsorted_indices), h_n)
        return PackedSequence(out, input.batch_sizes, input.sorted_indices, input.unsorted_indices), h_n
    if not batched: return out[:, 0], _smap(lambda v: v[:, 0], h_n)
    return (out.transpose(0, 1) if self.batch_first else out), h_n'''),
(45, [], '''\
class RNN(RNNBase):
    "Drop-in `torch.nn.RNN` (Elman): plain tensor operations and a Python loop over time"
    torch_cls = nn.RNN
    def __init__(self, input_size:int,        # F, features of each input step
                 hidden_size:int,             # H, size of the state of each layer and direction
                 num_layers:int=1,            # L, stacked layers
                 nonlinearity=\'tanh\',         # \'tanh\' or \'relu\'
                 bias:bool=True,              # use b_ih and b_hh
                 batch_first:bool=False,      # `input`/`output` are (B, T, ·); `hx`/`h_n` stay (L*D, B, H)
                 dropout:float=0.,            # dropout on the outputs of every layer but the last, in training
                 bidirectional:bool=False,    # add a reverse direction
                 device=None,                 # device of the parameters
                 dtype=None,                  # dtype of the parameters
                ):
        _check_nonlinearity(nonlinearity, \'RNN\')
        super().__init__(\'RNN_TANH\' if nonlinearity == \'tanh\' else \'RNN_RELU\', input_size, hidden_size, num_layers,
                         bias, batch_first, dropout, bidirectional, device, dtype)
        self.nonlinearity = nonlinearity
    def step(self, xp, h, W_hh, b_hh): return rnn_step(xp, h, W_hh, b_hh, self.nonlinearity)'''),
(47, [], '''\
torch.manual_seed(0); ref = nn.RNN(4, 5, num_layers=2, bidirectional=True, batch_first=True)
torch.manual_seed(0); rnn = RNN(4, 5, num_layers=2, bidirectional=True, batch_first=True)
print(rnn)
print([(k, tuple(v.shape)) for k, v in rnn.state_dict().items()])
print(\'same names:\', list(rnn.state_dict()) == list(ref.state_dict()), \' same values:\', all(torch.equal(v, ref.state_dict()[k]) for k, v in rnn.state_dict().items()))'''),
(49, [], '''\
xb = torch.randn(3, 7, 4)  # (B, T, F) since batch_first=True
out, h_n = rnn(xb)
out_ref, h_n_ref = ref(xb)
print(\'output\', tuple(out.shape), \' h_n\', tuple(h_n.shape), \' max |ours - torch|:\', max((out-out_ref).abs().max().item(), (h_n-h_n_ref).abs().max().item()))'''),
(50, [], '''\
B, T, F_in, H, L, D = 3, 7, 4, 5, 2, 2
test_eq(out.shape, (B, T, D*H)); test_eq(h_n.shape, (L*D, B, H))
test_close(out, out_ref, eps=1e-6); test_close(h_n, h_n_ref, eps=1e-6)
# the forward direction\'s final state is the last step of the forward half; the reverse one\'s is the *first* step of the reverse half
test_eq(h_n[2].detach(), out[:, -1, :H].detach()); test_eq(h_n[3].detach(), out[:, 0, H:].detach())
o1, h1 = rnn(xb[0]); test_eq(o1.shape, (T, D*H)); test_eq(h1.shape, (L*D, H)); test_close(o1, out[0], eps=1e-6)
test_close(rnn(xb[0], h_n[:, 0])[0], ref(xb[0], h_n[:, 0])[0], eps=1e-6)'''),
(52, [], '''\
def _tensors(o):
    "The tensors in `o`: a tensor, a `PackedSequence` (its data), or a tuple of those"
    if isinstance(o, PackedSequence): return [o.data]
    return [o] if isinstance(o, Tensor) else [t for v in o for t in _tensors(v)]

def compare_to_torch(ref,          # a torch module: `nn.RNN`, `nn.RNNCell`, `nn.LSTM`, ...
                     ours,         # our twin of it, e.g. `RNN.from_torch(ref)`
                     x,            # input, in the layout `ref` expects
                     hx=None,      # initial state (a tensor, a tuple, or None)
                     lengths=None, # if given, pack `x` with these lengths (enforce_sorted=False)
                     seed=0,       # seed set before each forward, for dropout
                    ) -> float:    # largest absolute difference
    "Largest |ours - ref| over outputs, final states, and gradients w.r.t. input, `hx` and every parameter"
    if list(ours.state_dict()) != list(ref.state_dict()): raise AssertionError(f"parameter names differ: {list(ours.state_dict())} vs {list(ref.state_dict())}")
    res = []
    for m in (ref, ours):
        xi = x.detach().clone().requires_grad_()
        hi = None if hx is None else _smap(lambda v: v.detach().clone().requires_grad_(), hx)
        inp = xi if lengths is None else pack_padded_sequence(xi, lengths, batch_first=m.batch_first, enforce_sorted=False)
        torch.manual_seed(seed)
        outs = _tensors(m(inp, hi))
        rng = torch.cuda.get_rng_state() if x.is_cuda else torch.get_rng_state()
        gen = torch.Generator().manual_seed(1)
        loss = sum((o * torch.randn(o.shape, generator=gen, dtype=o.dtype).to(o.device)).sum() for o in outs)
        grads = torch.autograd.grad(loss, [xi, *([] if hi is None else _tensors(hi)), *m.parameters()])
        res.append((outs + list(grads), rng))
    if not torch.equal(res[0][1], res[1][1]): raise AssertionError("the two modules consumed the random number generator differently")
    return max((a - b).abs().max().item() for a, b in zip(res[0][0], res[1][0]))'''),
(53, [], '''\
def rnn_case(L=1, bi=False, bf=False, packed=False, h0=False, nl=\'tanh\', bias=True, dropout=0., B=4, T=6, F_in=3, H=5,
             dtype=torch.float64, device=\'cpu\', seed=0):
    "Compare `nn.RNN` with ours on random data for one configuration"
    g = torch.Generator().manual_seed(seed)
    ref = nn.RNN(F_in, H, L, nonlinearity=nl, bias=bias, batch_first=bf, dropout=dropout, bidirectional=bi, device=device, dtype=dtype)
    x = torch.randn((B, T, F_in) if bf else (T, B, F_in), generator=g, dtype=dtype).to(device)
    hx = torch.randn(L*(1+bi), B, H, generator=g, dtype=dtype).to(device) if h0 else None
    lengths = torch.randint(1, T+1, (B,), generator=g) if packed else None
    return compare_to_torch(ref, RNN.from_torch(ref), x, hx, lengths, seed)'''),
(54, [], '''\
grid = list(itertools.product([1, 2, 3], [False, True], [False, True], [False, True], [False, True], [\'tanh\', \'relu\']))
t0 = time.perf_counter()
errs = [rnn_case(L, bi, bf, packed, h0, nl) for L, bi, bf, packed, h0, nl in grid]
print(f"{len(grid)} configurations (layers 1-3 × bidirectional × batch_first × packed × h0 × tanh/relu), float64, "
      f"{time.perf_counter()-t0:.1f}s: largest difference {max(errs):.1e}")'''),
(55, [], '''\
test_close(max(errs), 0., eps=1e-10)
for bias, bi in itertools.product([False, True], [False, True]): test_close(rnn_case(2, bi, True, True, True, bias=bias), 0., eps=1e-10)
test_close(rnn_case(3, True, False, True, True, B=1, T=1), 0., eps=1e-10)
# compare_to_torch can fail: different weights, or different use of the random number generator
ref64 = nn.RNN(3, 5, 2, dtype=torch.float64); x64 = torch.randn(6, 4, 3, dtype=torch.float64)
assert compare_to_torch(ref64, RNN(3, 5, 2, dtype=torch.float64), x64) > 1e-3
test_fail(lambda: compare_to_torch(nn.RNN(3, 5, 2, dropout=.5, dtype=torch.float64), RNN.from_torch(ref64).train(), x64), contains=\'random number generator\')'''),
(57, [], '''\
@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(L=st.integers(1, 3), bi=st.booleans(), bf=st.booleans(), packed=st.booleans(), h0=st.booleans(), nl=st.sampled_from([\'tanh\', \'relu\']),
       bias=st.booleans(), B=st.integers(1, 5), T=st.integers(1, 7), F_in=st.integers(1, 4), H=st.integers(1, 6), seed=st.integers(0, 2**16))
def check_rnn(**kw): assert rnn_case(**kw) <= 1e-10
check_rnn()'''),
(59, [], '''\
drop_errs = {(L, bi, packed): rnn_case(L, bi, False, packed, True, dropout=0.4) for L, bi, packed in itertools.product([2, 3], [False, True], [False, True])}
print(\'largest difference with dropout=0.4, training mode:\', max(drop_errs.values()))'''),
(60, [], '''\
test_close(max(drop_errs.values()), 0., eps=1e-10)
torch.manual_seed(0); r = nn.RNN(3, 5, 3, dropout=0.5); o = RNN.from_torch(r); x32 = torch.randn(6, 4, 3)
torch.manual_seed(1); a = r(x32)[0].detach()
torch.manual_seed(1); b = o(x32)[0].detach()
torch.manual_seed(2); c = o(x32)[0].detach()
test_eq(a, b)                     # same seed: identical masks, identical output, bitwise
assert (a - c).abs().max() > 0.1  # another seed: other masks
test_eq(o.eval()(x32)[0].detach(), r.eval()(x32)[0].detach())  # no dropout in eval mode
test_warns(lambda: RNN(3, 5, dropout=0.2))'''),
(62, [], '''\
r32 = nn.RNN(8, 16, 2, bidirectional=True)
err32 = compare_to_torch(r32, RNN.from_torch(r32), torch.randn(10, 4, 8), lengths=torch.tensor([10, 3, 7, 1]))
mine = RNN(8, 16, 2, bidirectional=True)
theirs = nn.RNN(8, 16, 2, bidirectional=True); theirs.load_state_dict(mine.state_dict())
mine2 = RNN(8, 16, 2, bidirectional=True); mine2.load_state_dict(theirs.state_dict())
x32 = torch.randn(10, 4, 8)
print(f\'float32: {err32:.1e};  ours→torch→ours: {(mine(x32)[0] - theirs(x32)[0]).abs().max().item():.1e}, {(mine2(x32)[0] - mine(x32)[0]).abs().max().item():.1e}\')
print(mine.double().weight_hh_l1_reverse.dtype, RNN.from_torch(nn.RNN(2, 3, dtype=torch.float64)).weight_ih_l0.dtype, mine.to_torch())'''),
(63, [], '''\
test_close(err32, 0., eps=1e-5)
test_eq(mine2(x32)[0].detach(), theirs(x32)[0].detach())
m64 = RNN(3, 4, 2, bidirectional=True).to(torch.float64)
test_eq({p.dtype for p in m64.parameters()}, {torch.float64})
test_eq(m64(torch.randn(5, 2, 3, dtype=torch.float64))[0].dtype, torch.float64)
rb = RNN(3, 4, dtype=torch.bfloat16); test_eq(rb(torch.randn(5, 2, 3, dtype=torch.bfloat16))[1].dtype, torch.bfloat16)
test_eq(type(RNN(3, 4, 2, nonlinearity=\'relu\', batch_first=True, dropout=.1).to_torch()), nn.RNN)
rt = RNN(3, 4, 2, nonlinearity=\'relu\', batch_first=True, dropout=.1, bias=False).to_torch().eval()
test_eq((rt.nonlinearity, rt.batch_first, rt.dropout, rt.bias, rt.training), (\'relu\', True, .1, False, False))
test_eq(RNN.from_torch(rt).training, False)
test_fail(lambda: RNN.from_torch(nn.LSTM(3, 4)), contains=\'expects a RNN, got LSTM\')'''),
(65, [], '''\
if torch.cuda.is_available():
    cuda_errs = [rnn_case(L, bi, bf, packed, h0, nl, device=\'cuda\') for L, bi, bf, packed, h0, nl in grid[::3]]
    with torch.backends.cudnn.flags(enabled=False):
        cuda_errs += [rnn_case(L, bi, False, packed, True, dropout=0.4, device=\'cuda\') for L, bi, packed in drop_errs]
    print(\'CUDA, float64: largest difference\', max(cuda_errs))
    test_close(max(cuda_errs), 0., eps=1e-10)
else: print(\'no GPU here: CUDA checks skipped\')'''),
(67, [], '''\
torch.manual_seed(0)
rnn = RNN(3, 4, num_layers=2, bidirectional=True, batch_first=True, dtype=torch.float64)
lengths = torch.tensor([2, 5, 1, 4])
xb = torch.randn(4, 5, 3, dtype=torch.float64)
out_p, h_n = rnn(pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False))
out, _ = pad_packed_sequence(out_p, batch_first=True)
alone = [rnn(xb[i:i+1, :n]) for i, n in enumerate(lengths)]
print(\'largest difference, packed batch vs each sequence alone:\',
      max(max((out[i, :n] - o[0]).abs().max().item(), (h_n[:, i] - h[:, 0]).abs().max().item()) for i, (n, (o, h)) in enumerate(zip(lengths, alone))))'''),
(68, [], '''\
for i, (n, (o, h)) in enumerate(zip(lengths, alone)):
    test_close(out[i, :n], o[0], eps=1e-12); test_close(h_n[:, i], h[:, 0], eps=1e-12)
    test_eq(out[i, n:].abs().sum().item(), 0.)  # padded positions of the output are zeros
# a given hx is in the caller\'s order, also for unsorted packed input
hx = torch.randn(4, 4, 4, dtype=torch.float64)  # (L*D, B, H)
_, h_n2 = rnn(pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False), hx)
test_close(h_n2[:, 1], rnn(xb[1:2], hx[:, 1:2])[1][:, 0], eps=1e-12)'''),
(70, [], '''\
class _LSTMSketch(RNNBase):
    torch_cls, n_states = nn.LSTM, 2
    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0., bidirectional=False, device=None, dtype=None):
        super().__init__(\'LSTM\', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)
    def step(self, xp, state, W_hh, b_hh):
        h, c = state
        i, f, g, o = (xp + F.linear(h, W_hh, b_hh)).chunk(4, -1)
        c = f.sigmoid()*c + i.sigmoid()*g.tanh()
        return o.sigmoid()*c.tanh(), c

class _GRUSketch(RNNBase):
    torch_cls = nn.GRU
    def __init__(self, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0., bidirectional=False, device=None, dtype=None):
        super().__init__(\'GRU\', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, device, dtype)
    def step(self, xp, h, W_hh, b_hh):
        (x_r, x_z, x_n), (h_r, h_z, h_n) = xp.chunk(3, -1), F.linear(h, W_hh, b_hh).chunk(3, -1)
        r, z = (x_r + h_r).sigmoid(), (x_z + h_z).sigmoid()
        return (1 - z)*(x_n + r*h_n).tanh() + z*h

for (cls, tcls), L, bi, packed in itertools.product([(_LSTMSketch, nn.LSTM), (_GRUSketch, nn.GRU)], [1, 2], [False, True], [False, True]):
    ref = tcls(3, 4, L, bidirectional=bi, dropout=0.3 if L > 1 else 0., dtype=torch.float64)
    g = torch.Generator().manual_seed(L)
    x = torch.randn(6, 5, 3, generator=g, dtype=torch.float64)
    h0 = torch.randn(L*(1+bi), 5, 4, generator=g, dtype=torch.float64)
    hx = (h0, torch.randn_like(h0)) if cls is _LSTMSketch else h0
    test_close(compare_to_torch(ref, cls.from_torch(ref), x, hx, torch.tensor([6, 2, 4, 1, 3]) if packed else None), 0., eps=1e-10)
test_fail(lambda: _LSTMSketch(3, 4)(torch.randn(6, 5, 3), torch.zeros(1, 5, 4)), contains=\'expected hx to be a tuple of 2 tensors\')
test_fail(lambda: _LSTMSketch(3, 4)(torch.randn(6, 5, 3), (torch.zeros(1, 5, 4), torch.zeros(1, 4, 4))), contains=\'expected hx[1] of shape (1, 5, 4)\')'''),
(72, [], '''\
rnn = RNN(10, 20, num_layers=2, batch_first=True)
for bad in [lambda: rnn(torch.randn(3, 7, 12)),              # wrong feature size
            lambda: rnn(torch.randn(3, 7, 10), torch.zeros(2, 20)),  # hx is 2-D for batched input
            lambda: RNN(10, 20, nonlinearity=\'sigmoid\'),
            lambda: rnn(torch.randint(0, 5, (3, 7, 10)))]:  # token ids, not vectors
    try: bad()
    except (ValueError, TypeError) as e: print(f\'{type(e).__name__}: {e}\')'''),
(73, [], '''\
test_fail(lambda: rnn(torch.randn(3, 7, 12)), contains=\'expected input.size(-1) == input_size=10, got 12\')
test_fail(lambda: rnn(torch.randn(3, 7, 10), torch.zeros(1, 3, 20)), contains=\'expected hx of shape (2, 3, 20) = (num_layers*num_directions, B, hidden_size), got (1, 3, 20)\')
test_fail(lambda: rnn(torch.randn(3, 7, 10), torch.zeros(2, 20)), contains=\'got (2, 20)\')
test_fail(lambda: rnn(torch.randn(3, 7, 10), torch.zeros(2, 7, 20)), contains=\'expected hx of shape (2, 3, 20)\')  # batch_first does not apply to hx
test_fail(lambda: rnn(torch.randn(7, 10), torch.zeros(2, 3, 20)), contains=\'expected hx of shape (2, 20) = (num_layers*num_directions, hidden_size)\')
test_fail(lambda: rnn(torch.randn(3, 7, 10), (torch.zeros(2, 3, 20),)), contains=\'expected hx to be a Tensor\')
test_fail(lambda: RNN(10, 20, nonlinearity=\'sigmoid\'), contains="unknown nonlinearity=\'sigmoid\'; expected \'tanh\' or \'relu\'")
for p in [-0.1, 1.5, True, \'0.2\']: test_fail(lambda: RNN(10, 20, 2, dropout=p), contains=\'dropout should be a number in [0, 1]\')
test_fail(lambda: rnn(torch.randint(0, 5, (3, 7, 10))), contains=\'expected a floating-point input, got dtype torch.int64\')
test_fail(lambda: rnn(torch.randn(3, 7, 10, dtype=torch.float64)), contains=\'input has dtype torch.float64 but the parameters have torch.float32\')
test_fail(lambda: rnn(torch.randn(3, 7, 10), torch.zeros(2, 3, 20, dtype=torch.float64)), contains=\'hx has dtype torch.float64\')
test_fail(lambda: rnn(torch.randn(2, 3, 7, 10)), contains=\'expected input to be 2-D (T, F) unbatched or 3-D (B, T, F) batched, got 4-D input of shape (2, 3, 7, 10)\')
test_fail(lambda: rnn(torch.randn(3, 0, 10)), contains=\'at least one time step\')
test_fail(lambda: rnn([1., 2.]), contains=\'expected input to be a Tensor, got list\')
test_fail(lambda: RNN(10, 0), contains=\'hidden_size must be greater than zero, got 0\')
test_fail(lambda: RNN(10.0, 20), contains=\'input_size should be an int, got float\')
test_fail(lambda: RNN(10, 20, num_layers=0), contains=\'num_layers must be greater than zero\')
test_fail(lambda: RNN(10, 20, batch_first=1), contains=\'batch_first should be a bool, got int\')
test_fail(lambda: RNNBase(\'LSTMX\', 10, 20), contains="unknown mode=\'LSTMX\'")
test_fail(lambda: RNNBase(\'RNN_TANH\', 3, 4)(torch.randn(2, 1, 3)), contains=\'RNNBase must define `step`\')
test_fail(lambda: RNNCellBase(3, 4)(torch.randn(2, 3)), contains=\'RNNCellBase must define `step`\')
test_fail(lambda: rnn(pack_padded_sequence(torch.randn(3, 7, 12), torch.tensor([7, 2, 3]), batch_first=True, enforce_sorted=False)), contains=\'input_size=10, got 12\')'''),
(75, [], '''\
def rnn_bptt(x,        # inputs, time-major (T, B, F)
             h0,       # initial state (B, H)
             W_ih,     # input weight (H, F)
             W_hh,     # recurrent weight (H, H)
             b_ih,     # input bias (H,)
             b_hh,     # recurrent bias (H,)
             g,        # ∂ℓ_t/∂h_t for every step (T, B, H)
             k1=None,  # a backward pass every k1 steps (None: one, at the end)
             k2=None,  # each backward pass goes back k2 >= k1 steps (None: k1)
            ) -> dict: # gradients of L = Σ_t ℓ_t w.r.t. \'W_ih\', \'W_hh\', \'b_ih\', \'b_hh\', \'x\', \'h0\'
    "Backpropagation through time by hand, no autograd, for a one-layer tanh RNN; BPTT(k1, k2) if truncated"
    T = len(x); k1 = k1 or T; k2 = k2 or k1
    if not 1 <= k1 <= k2: raise ValueError(f"rnn_bptt: expected 1 <= k1 <= k2, got k1={k1}, k2={k2}")
    hs = [h0]  # hs[t+1] is h_t after step t
    for t in range(T): hs.append(torch.tanh(x[t] @ W_ih.T + b_ih + hs[-1] @ W_hh.T + b_hh))
    delta, dh0 = x.new_zeros(T, *h0.shape), torch.zeros_like(h0)  # delta[t]: ∂L/∂a_t, summed over backward passes
    ends = list(range(k1-1, T, k1)) + ([T-1] if T % k1 else [])  # steps after which a backward pass runs
    for n in ends:
        dh = torch.zeros_like(h0)
        for t in range(n, max(n-k2, -1), -1):  # back k2 steps from n
            if t > n-k1: dh = dh + g[t]        # the losses of the last k1 steps enter here
            d = dh * (1 - hs[t+1]**2)
            delta[t] += d
            dh = d @ W_hh
        if n - k2 < 0: dh0 += dh  # this pass reached h_0
    D, H_prev = delta.flatten(0, 1), torch.stack(hs[:-1]).flatten(0, 1)  # (T*B, H): the sums over t are matmuls
    dW_ih, dW_hh, db = D.T @ x.flatten(0, 1), D.T @ H_prev, D.sum(0)
    return dict(W_ih=dW_ih, W_hh=dW_hh, b_ih=db, b_hh=db.clone(), x=delta @ W_ih, h0=dh0)'''),
(77, [], '''\
torch.manual_seed(0)
T, B, F_in, H = 12, 3, 4, 5
rnn = RNN(F_in, H, dtype=torch.float64)
x = torch.randn(T, B, F_in, dtype=torch.float64, requires_grad=True)
h0 = torch.randn(1, B, H, dtype=torch.float64, requires_grad=True)
g = torch.randn(T, B, H, dtype=torch.float64)
out, _ = rnn(x, h0)
(out * g).sum().backward()
W_ih, W_hh, b_ih, b_hh = rnn.weights(0, 0)
mine = rnn_bptt(x.detach(), h0[0].detach(), *(p.detach() for p in rnn.weights(0, 0)), g)
auto = dict(W_ih=W_ih.grad, W_hh=W_hh.grad, b_ih=b_ih.grad, b_hh=b_hh.grad, x=x.grad, h0=h0.grad[0])
{k: f\'{(mine[k] - auto[k]).abs().max().item():.1e}\' for k in auto}'''),
(78, [], '''\
for k in auto: test_eq(mine[k].shape, auto[k].shape); test_close(mine[k], auto[k], eps=1e-10)
test_fail(lambda: rnn_bptt(x.detach(), h0[0].detach(), *(p.detach() for p in rnn.weights(0, 0)), g, k1=4, k2=2), contains=\'k1=4, k2=2\')'''),
(80, [], '''\
k = 4
rnn.zero_grad(); x.grad = h0.grad = None
h, loss = h0, 0.
for c in range(0, T, k):
    o, h = rnn(x[c:c+k], h)
    loss = loss + (o * g[c:c+k]).sum()
    h = h.detach()  # truncate: no gradient flows into the previous chunk
loss.backward()
trunc = rnn_bptt(x.detach(), h0[0].detach(), *(p.detach() for p in rnn.weights(0, 0)), g, k1=k, k2=k)
print(f"detach every {k} steps vs BPTT({k},{k}) by hand, dL/dW_hh: {(trunc[\'W_hh\'] - W_hh.grad).abs().max().item():.1e};  "
      f"vs full BPTT: {((trunc[\'W_hh\'] - mine[\'W_hh\']).norm() / mine[\'W_hh\'].norm()).item():.2f} relative error")'''),
(81, [], '''\
test_close(trunc[\'W_hh\'], W_hh.grad, eps=1e-10); test_close(trunc[\'x\'], x.grad, eps=1e-10); test_close(trunc[\'W_ih\'], W_ih.grad, eps=1e-10)
test_close(trunc[\'h0\'], h0.grad[0], eps=1e-10)
assert (trunc[\'W_hh\'] - mine[\'W_hh\']).abs().max() > 1e-3  # truncation does change the gradient
# BPTT(1, k2): each loss backpropagates k2 steps; check against autograd, one loss at a time from a detached state
k2, ref_g = 3, torch.zeros_like(W_hh)
for t in range(T):
    s = max(t - k2 + 1, 0)
    hs_ = h0[0] if s == 0 else rnn(x[:s].detach(), h0.detach())[1][0]
    o, _ = rnn(x[s:t+1].detach(), hs_.detach()[None])
    ref_g += torch.autograd.grad((o[-1] * g[t]).sum(), W_hh)[0]
test_close(rnn_bptt(x.detach(), h0[0].detach(), *(p.detach() for p in rnn.weights(0, 0)), g, k1=1, k2=k2)[\'W_hh\'], ref_g, eps=1e-10)'''),
(83, [], '''\
def trunc_errors(gain, ks=(1, 2, 4, 8, 16, 32), T=64, B=8, F_in=8, H=32, seed=0):
    "Relative error of dL/dW_hh under BPTT(1, k) and BPTT(k, k), for W_hh = `gain` × a random orthogonal matrix"
    gen = torch.Generator().manual_seed(seed)
    x, g = torch.randn(T, B, F_in, generator=gen, dtype=torch.float64), torch.randn(T, B, H, generator=gen, dtype=torch.float64)
    W_ih = torch.randn(H, F_in, generator=gen, dtype=torch.float64) / F_in**0.5
    W_hh = gain * torch.linalg.qr(torch.randn(H, H, generator=gen, dtype=torch.float64))[0]
    args = (x, torch.zeros(B, H, dtype=torch.float64), W_ih, W_hh, torch.zeros(H, dtype=torch.float64), torch.zeros(H, dtype=torch.float64), g)
    full = rnn_bptt(*args)[\'W_hh\']
    rel = lambda k1, k2: ((rnn_bptt(*args, k1=k1, k2=k2)[\'W_hh\'] - full).norm() / full.norm()).item()
    return [rel(1, k) for k in ks], [rel(k, k) for k in ks]'''),
(84, [], '''\
ks, gains = (1, 2, 4, 8, 16, 32), (0.5, 0.9, 1.5)
errs = {gain: trunc_errors(gain, ks) for gain in gains}
fig, ax = plt.subplots(figsize=(7, 4))
for i, gain in enumerate(gains):
    ax.plot(ks, errs[gain][0], \'o-\', color=f\'C{i}\', label=f\'BPTT(1, $k_2$), gain {gain}\')
    ax.plot(ks, errs[gain][1], \'s--\', color=f\'C{i}\', label=f\'BPTT($k_2$, $k_2$) = detach every $k_2$, gain {gain}\')
ax.set(xscale=\'log\', yscale=\'log\', xlabel=\'$k_2$, steps each backward pass goes back\', ylabel=r\'relative error of $\\partial L/\\partial W_{hh}$\',
       title=\'What truncated BPTT drops (T = 64 steps, tanh RNN, H = 32)\')
ax.set_xticks(ks, [str(k) for k in ks]); ax.legend(fontsize=7); ax.grid(alpha=.3);'''),
(85, [], '''\
for gain in gains: print(f"gain {gain}: k2 = 8: BPTT(1,8) {errs[gain][0][3]:.1e}, BPTT(8,8) {errs[gain][1][3]:.2f};  k2 = 32: BPTT(1,32) {errs[gain][0][5]:.1e}, BPTT(32,32) {errs[gain][1][5]:.2f}")'''),
(86, [], '''\
test_close(trunc_errors(0.9, ks=(64,))[0][0], 0., eps=1e-12)  # k2 = T is full BPTT
for gain in gains:
    e1, e2 = errs[gain]
    assert all(a >= b for a, b in zip(e1, e1[1:])), e1   # looking further back never hurts
    assert all(a <= b + 1e-12 for a, b in zip(e1, e2)), (e1, e2)  # BPTT(1, k) is at least as close as BPTT(k, k)
assert errs[0.5][0][3] < 1e-3 < errs[1.5][0][3]'''),
(90, [], '''\
torch.manual_seed(0)
rnn = RNN(3, 4, num_layers=2, batch_first=True)
xb = torch.randn(5, 7, 3)  # B=5, T=7
out, h_n = rnn(xb)
print(\'wrong: h_n[:, -1]\', tuple(h_n[:, -1].shape), \' right: h_n[-1]\', tuple(h_n[-1].shape), \' equals output[:, -1]:\', torch.equal(h_n[-1], out[:, -1]))'''),
(91, [], '''\
test_eq(h_n[-1].detach(), out[:, -1].detach()); test_ne(h_n[:, -1].shape, (5, 4))'''),
(93, [], '''\
lengths = torch.tensor([7, 3, 5, 1, 7])
xb_pad = xb * (torch.arange(7)[None, :, None] < lengths[:, None, None])  # zero the padding
_, h_pad = rnn(xb_pad)
out_p, h_pack = rnn(pack_padded_sequence(xb_pad, lengths, batch_first=True, enforce_sorted=False))
print(\'lengths\', lengths.tolist(), \';  |h_n padded - h_n packed| per sequence:\', (h_pad[-1] - h_pack[-1]).abs().amax(-1).detach())'''),
(94, [], '''\
d = (h_pad[-1] - h_pack[-1]).abs().amax(-1).detach()
test_eq(d[lengths == 7], torch.zeros(2)); assert (d[lengths < 7] > 1e-3).all()
out_pad, _ = rnn(xb_pad)
test_close(out_pad[torch.arange(5), lengths - 1], h_pack[-1], eps=1e-6)  # the fix without packing: gather each sequence\'s last step'''),
(96, [], '''\
bi = RNN(3, 4, bidirectional=True)
out, h_n = bi(xb.transpose(0, 1))
print(\'reverse half of output[-1] == h_n[-1]:\', torch.equal(out[-1, :, 4:], h_n[-1]), \';  output[0, :, H:] == h_n[-1]:\', torch.equal(out[0, :, 4:], h_n[-1]))'''),
(97, [], '''\
test_eq(out[0, :, 4:].detach(), h_n[-1].detach()); test_eq(out[-1, :, :4].detach(), h_n[-2].detach())'''),
(99, [], '''\
def train_loop(model:nn.Module,  # maps a batch `x` to predictions
               batches,          # re-iterable of (x, y) pairs; started again when it runs out
               loss_fn,          # `loss_fn(model(x), y)` -> scalar loss
               steps:int,        # optimizer steps to take
               lr:float=1e-3,    # learning rate
               clip:float=None,  # clip the global gradient norm to this (None: no clipping)
               opt_func=torch.optim.Adam, # optimizer class, called as `opt_func(params, lr=lr)`
              ) -> list:         # the loss at every step
    "Train `model` for `steps` steps on `batches` and return the loss of each step"
    dev, opt = next(model.parameters()).device, opt_func(model.parameters(), lr=lr)
    model.train(); losses, it = [], iter(batches)
    for _ in range(steps):
        b = next(it, None)
        if b is None:
            it = iter(batches); b = next(it, None)
            if b is None: raise ValueError("train_loop: `batches` yielded no batch; pass something that can be iterated again (a list, a DataLoader), not a used-up generator")
        x, y = b
        loss = loss_fn(model(x.to(dev)), y.to(dev))
        opt.zero_grad(); loss.backward()
        if clip is not None: nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step(); losses.append(loss.item())
    return losses'''),
(100, [], '''\
torch.manual_seed(0)
lin = nn.Linear(3, 1)
w_true = torch.tensor([[1., -2., 3.]])
data = [(xx := torch.randn(16, 3), xx @ w_true.T) for _ in range(4)]
losses = train_loop(lin, data, F.mse_loss, steps=200, lr=0.05)
print(f\'linear regression: loss {losses[0]:.2f} -> {losses[-1]:.1e}; weights {lin.weight.data}\')'''),
(101, [], '''\
test_eq(len(losses), 200); test_close(lin.weight.data, w_true, eps=1e-2)
test_fail(lambda: train_loop(lin, (b for b in data), F.mse_loss, steps=5), contains=\'used-up generator\')
test_fail(lambda: train_loop(lin, [], F.mse_loss, steps=1), contains=\'yielded no batch\')
l_clip = nn.Linear(3, 1); w0 = torch.cat([p.detach().flatten() for p in l_clip.parameters()])
train_loop(l_clip, data[:1], lambda p, y: 1e6*F.mse_loss(p, y), steps=1, lr=1., clip=1e-3, opt_func=torch.optim.SGD)
step = (torch.cat([p.detach().flatten() for p in l_clip.parameters()]) - w0).norm()
test_close(step, 1e-3, eps=1e-6)  # with SGD at lr=1, the clipped step has norm exactly `clip`'''),
(103, [], '''\
from rnnbook.data import load_shakespeare, Vocab, tokenize_chars, LMStream
text, valid_text = load_shakespeare(\'train\'), load_shakespeare(\'valid\')
vocab = Vocab(tokenize_chars(text))
train_ids, valid_ids = vocab.encode(text), vocab.encode(valid_text)
print(f\'{len(text):,} training characters, {len(valid_text):,} validation characters, {len(vocab)} ids\')'''),
(104, [], '''\
class CharRNN(nn.Module):
    "Embedding, our RNN, a linear head: next-character logits (B, T, V) for ids (B, T)"
    def __init__(self, V, E=32, H=64, num_layers=1):
        super().__init__()
        self.emb, self.rnn, self.head = nn.Embedding(V, E), RNN(E, H, num_layers, batch_first=True), nn.Linear(H, V)
    def run(self, x, h=None):
        "Logits for ids `x` (B, T) from state `h`, and the final state"
        out, h = self.rnn(self.emb(x), h)
        return self.head(out), h
    def forward(self, x): return self.run(x)[0]

def lm_loss(logits, y): return F.cross_entropy(logits.flatten(0, 1), y.flatten())'''),
(106, [], '''\
torch.manual_seed(0)
model = CharRNN(len(vocab), H=128)
t0 = time.perf_counter()
losses = train_loop(model, LMStream(train_ids, bs=32, seq_len=64), lm_loss, steps=400, lr=5e-3, clip=1.0)
train_s = time.perf_counter() - t0

@torch.no_grad()
def valid_loss(model, ids, n=20):
    "Mean next-character loss on the first `n` batches of `ids`"
    model.eval()
    res = [lm_loss(model(x), y).item() for x, y in itertools.islice(LMStream(ids, bs=32, seq_len=64), n)]
    model.train(); return sum(res) / len(res)
v_loss = valid_loss(model, valid_ids)
print(f\'{train_s:.1f}s; loss: uniform guess {math.log(len(vocab)):.2f}, first step {losses[0]:.2f}, \'
      f\'mean of last 20 steps {sum(losses[-20:])/20:.2f}; validation {v_loss:.2f} (nats per character)\')'''),
(107, [], '''\
def plot_losses(losses, v_loss, V, title):
    "Training loss per step with a running mean, the uniform-guess level and the validation loss"
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(losses, alpha=.35, label=\'training loss, per step\')
    w = min(20, len(losses)); run = torch.tensor(losses).unfold(0, w, 1).mean(1)
    ax.plot(range(w-1, len(losses)), run, label=f\'mean of the last {w} steps\')
    ax.axhline(math.log(V), color=\'gray\', ls=\':\', label=f\'uniform guess, ln {V}\')
    ax.axhline(v_loss, color=\'C3\', ls=\'--\', label=\'validation loss at the end\')
    ax.set(xlabel=\'optimizer step\', ylabel=\'cross-entropy (nats per character)\', title=title); ax.legend(); ax.grid(alpha=.3)
plot_losses(losses, v_loss, len(vocab), \'CharRNN (our RNN, H = 128) on Shakespeare, 400 steps\')'''),
(108, [], '''\
assert sum(losses[-20:])/20 < losses[0] - 1.5, (losses[0], losses[-20:])  # it learns
assert v_loss < math.log(len(vocab)) - 1.5'''),
(110, [], '''\
@torch.no_grad()
def sample(model, prompt, n=200, temperature=0.8, seed=0):
    "`prompt` followed by `n` characters drawn from `model`"
    model.eval(); g = torch.Generator().manual_seed(seed)
    ids = vocab.encode(prompt)
    logits, h = model.run(torch.tensor([ids]))
    for _ in range(n):
        nxt = torch.multinomial(F.softmax(logits[0, -1] / temperature, -1), 1, generator=g).item()
        ids.append(nxt)
        logits, h = model.run(torch.tensor([[nxt]]), h)
    model.train()
    return \'\'.join(vocab.decode(ids))
print(sample(model, \'BRUTUS:\\n\'))'''),
(112, ['slow'], '''\
torch.manual_seed(0)
big = CharRNN(len(vocab), E=48, H=256)
t0 = time.perf_counter()
big_losses = train_loop(big, LMStream(train_ids, bs=64, seq_len=96), lm_loss, steps=1500, lr=3e-3, clip=1.0)
big_v = valid_loss(big, valid_ids)
print(f\'{time.perf_counter()-t0:.0f}s; mean of last 20 steps {sum(big_losses[-20:])/20:.2f}, validation {big_v:.2f}\')
plot_losses(big_losses, big_v, len(vocab), \'CharRNN (our RNN, H = 256) on Shakespeare, 1500 steps\')
print(sample(big, \'BRUTUS:\\n\', n=400))'''),
(114, [], '''\
def fwd_bwd_time(m, x, n=5):
    "Best time of `n` forward+backward passes of `m` on `x`, in seconds"
    ts = []
    for _ in range(n):
        t0 = time.perf_counter(); m.zero_grad(); m(x)[0].sum().backward(); ts.append(time.perf_counter() - t0)
    return min(ts)
torch.manual_seed(0)
ref = nn.RNN(256, 256, 2); ours = RNN.from_torch(ref); x = torch.randn(100, 32, 256)
fwd_bwd_time(ref, x, 1); fwd_bwd_time(ours, x, 1)  # warm up
t_ref, t_ours = fwd_bwd_time(ref, x), fwd_bwd_time(ours, x)
print(f\'torch.nn.RNN {t_ref*1e3:.0f} ms, ours {t_ours*1e3:.0f} ms: ours takes {t_ours/t_ref:.2f}× as long (torch threads: {torch.get_num_threads()})\')'''),
(116, [], '''\
def index_vs_unbind(T=400, B=32, H=64, how=\'unbind\'):
    "Time of the backward through a loop that reads each step of `xp` by indexing or from `unbind`"
    xp = torch.randn(T, B, H, requires_grad=True)
    steps = xp.unbind(0) if how == \'unbind\' else [xp[t] for t in range(T)]
    s = sum(st.sum() for st in steps)
    t0 = time.perf_counter(); s.backward(); return time.perf_counter() - t0
t_idx, t_unb = min(index_vs_unbind(how=\'index\') for _ in range(3)), min(index_vs_unbind() for _ in range(3))
print(f\'backward through T = 400 steps: xp[t] {t_idx*1e3:.1f} ms, unbind {t_unb*1e3:.1f} ms\')'''),
(118, [], '''\
class LeakyRNN(RNNBase):
    "Elman RNN whose state moves only a fraction `alpha` of the way to the new value at each step"
    def __init__(self, input_size, hidden_size, alpha=0.5, **kwargs):
        super().__init__(\'RNN_TANH\', input_size, hidden_size, **kwargs)
        self.alpha = alpha
    def step(self, xp, h, W_hh, b_hh): return (1 - self.alpha)*h + self.alpha*rnn_step(xp, h, W_hh, b_hh)

torch.manual_seed(0)
ref = RNN(3, 4, num_layers=2, bidirectional=True, batch_first=True)
leaky = LeakyRNN(3, 4, alpha=1., num_layers=2, bidirectional=True, batch_first=True)
leaky.load_state_dict(ref.state_dict())  # same parameter names
xb, lengths = torch.randn(5, 6, 3), torch.tensor([6, 2, 5, 1, 3])
packed = pack_padded_sequence(xb, lengths, batch_first=True, enforce_sorted=False)
test_close(leaky(packed)[1], ref(packed)[1], eps=1e-6)
leaky.alpha = 0.1
print(f\'alpha=0.1, packed: h_n {tuple(leaky(packed)[1].shape)}, largest difference from RNN {(leaky(packed)[1] - ref(packed)[1]).abs().max().item():.2f}\')
assert (leaky(packed)[1] - ref(packed)[1]).abs().max() > 0.1'''),
(120, [], '''\
torch.manual_seed(0)
bi = RNN(3, 4, bidirectional=True, batch_first=True)
fwd = RNN(3, 4, batch_first=True)
fwd.load_state_dict({k.replace(\'_reverse\', \'\'): v for k, v in bi.state_dict().items() if k.endswith(\'_reverse\')})
out_p, h_n = bi(packed)
out = pad_packed_sequence(out_p, batch_first=True)[0]
for i, n in enumerate(lengths):
    o, h = fwd(xb[i, :n].flip(0))                # this sequence alone, flipped
    test_close(out[i, :n, 4:], o.flip(0), eps=1e-6)  # the reverse half of the output, step by step
    test_close(h_n[1, i], h[0], eps=1e-6)           # and its final state'''),
(122, [], '''\
def n_params(F, H, L, D):
    "Each direction of layer l has W_ih (H, F_l), W_hh (H, H), b_ih, b_hh (H,), with F_0 = F and F_l = D·H"
    return D * (H*F + H*H + 2*H) + (L - 1) * D * (H*D*H + H*H + 2*H)
for F_, H, L, bidir in itertools.product([1, 7], [2, 5], [1, 3], [False, True]):
    test_eq(sum(p.numel() for p in RNN(F_, H, L, bidirectional=bidir).parameters()), n_params(F_, H, L, 2 if bidir else 1))
n_params(256, 256, 2, 1)'''),
(124, [], '''\
def masked_rnn(rnn, x, lengths, h=None):
    "Final state of a one-layer, forward `rnn` on padded time-major `x` (T, B, F), by masking"
    W_ih, W_hh, b_ih, b_hh = rnn.weights(0, 0)
    h = x.new_zeros(x.size(1), rnn.hidden_size) if h is None else h
    for t, xp in enumerate(F.linear(x, W_ih, b_ih).unbind(0)):
        m = (t < lengths).to(x.dtype)[:, None]
        h = m * rnn.step(xp, h, W_hh, b_hh) + (1 - m) * h
    return h
torch.manual_seed(0)
uni = RNN(3, 4)
test_close(masked_rnn(uni, xb.transpose(0, 1), lengths), uni(packed)[1][0], eps=1e-6)  # a PackedSequence has no batch_first: it fits any layout
masked_rnn(uni, xb.transpose(0, 1), lengths).shape'''),
(125, [], '''\
torch.set_num_threads(_threads)'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/02_rnn.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_rnn(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c005_def_draw_unrolled_t_4(): nb.run(5)
def test_c007_def_rnn_draft_x_h_w_ih_w_hh_b_ih_b_hh(): nb.run(7)
def test_c008_torch_manual_seed_0(): nb.run(8)
def test_c009_test_eq_out_shape_t_b_h(): nb.run(9)
def test_c012_def_rnn_step_xp_x_t_w_ihᵀ_b_ih_projected(): nb.run(12)
def test_c013_h1_rnn_step_x_0_ref_weight_ih_l0_t_ref_b(): nb.run(13)
def test_c014_test_close_h1_out_ref_0_eps_1e_6(): nb.run(14)
def test_c016_def__smap_f_s(): nb.run(16)
def test_c017_hc_torch_ones_2_3_torch_zeros_2_3(): nb.run(17)
def test_c018_test_eq__smap_lambda_v_v_2_torch_ones_2(): nb.run(18)
def test_c020_def__check_int_name_v_cls(): nb.run(20)
def test_c022_def__init_kwargs_obj_cls(): nb.run(22)
def test_c024_class_rnncellbase_torchtwin_nn_module(): nb.run(24)
def test_c025_patch(): nb.run(25)
def test_c027_class_rnncell_rnncellbase(): nb.run(27)
def test_c028_torch_manual_seed_0_cell_ref_nn_rnncell(): nb.run(28)
def test_c030_test_eq_list_cell_state_dict_list_cell_r(): nb.run(30)
def test_c032_c64_rnncell_3_4_dtype_torch_float64(): nb.run(32)
def test_c034_class_rnnbase_torchtwin_nn_module(): nb.run(34)
def test_c036_patch(): nb.run(36)
def test_c038_patch(): nb.run(38)
def test_c040_patch(): nb.run(40)
def test_c042_patch(): nb.run(42)
def test_c043_patch(): nb.run(43)
def test_c045_class_rnn_rnnbase(): nb.run(45)
def test_c047_torch_manual_seed_0_ref_nn_rnn_4_5_num_l(): nb.run(47)
def test_c049_xb_torch_randn_3_7_4_b_t_f_since_batch_f(): nb.run(49)
def test_c050_b_t_f_in_h_l_d_3_7_4_5_2_2(): nb.run(50)
def test_c052_def__tensors_o(): nb.run(52)
def test_c053_def_rnn_case_l_1_bi_false_bf_false_packe(): nb.run(53)
def test_c054_grid_list_itertools_product_1_2_3_false(): nb.run(54)
def test_c055_test_close_max_errs_0_eps_1e_10(): nb.run(55)
def test_c057_settings_max_examples_40_deadline_none_d(): nb.run(57)
def test_c059_drop_errs_l_bi_packed_rnn_case_l_bi_fals(): nb.run(59)
def test_c060_test_close_max_drop_errs_values_0_eps_1e(): nb.run(60)
def test_c062_r32_nn_rnn_8_16_2_bidirectional_true(): nb.run(62)
def test_c063_test_close_err32_0_eps_1e_5(): nb.run(63)
def test_c065_if_torch_cuda_is_available(): nb.run(65)
def test_c067_torch_manual_seed_0(): nb.run(67)
def test_c068_for_i_n_o_h_in_enumerate_zip_lengths_alo(): nb.run(68)
def test_c070_class__lstmsketch_rnnbase(): nb.run(70)
def test_c072_rnn_rnn_10_20_num_layers_2_batch_first_t(): nb.run(72)
def test_c073_test_fail_lambda_rnn_torch_randn_3_7_12(): nb.run(73)
def test_c075_def_rnn_bptt_x_inputs_time_major_t_b_f(): nb.run(75)
def test_c077_torch_manual_seed_0(): nb.run(77)
def test_c078_for_k_in_auto_test_eq_mine_k_shape_auto(): nb.run(78)
def test_c080_k_4(): nb.run(80)
def test_c081_test_close_trunc_w_hh_w_hh_grad_eps_1e_1(): nb.run(81)
def test_c083_def_trunc_errors_gain_ks_1_2_4_8_16_32_t(): nb.run(83)
def test_c084_ks_gains_1_2_4_8_16_32_0_5_0_9_1_5(): nb.run(84)
def test_c085_for_gain_in_gains_print_f_gain_gain_k2_8(): nb.run(85)
def test_c086_test_close_trunc_errors_0_9_ks_64_0_0_0(): nb.run(86)
def test_c090_torch_manual_seed_0(): nb.run(90)
def test_c091_test_eq_h_n_1_detach_out_1_detach_test_n(): nb.run(91)
def test_c093_lengths_torch_tensor_7_3_5_1_7(): nb.run(93)
def test_c094_d_h_pad_1_h_pack_1_abs_amax_1_detach(): nb.run(94)
def test_c096_bi_rnn_3_4_bidirectional_true(): nb.run(96)
def test_c097_test_eq_out_0_4_detach_h_n_1_detach_test(): nb.run(97)
def test_c099_def_train_loop_model_nn_module_maps_a_ba(): nb.run(99)
def test_c100_torch_manual_seed_0(): nb.run(100)
def test_c101_test_eq_len_losses_200_test_close_lin_we(): nb.run(101)
def test_c103_from_rnnbook_data_import_load_shakespear(): nb.run(103)
def test_c104_class_charrnn_nn_module(): nb.run(104)
def test_c106_torch_manual_seed_0(): nb.run(106)
def test_c107_def_plot_losses_losses_v_loss_v_title(): nb.run(107)
def test_c108_assert_sum_losses_20_20_losses_0_1_5_los(): nb.run(108)
def test_c110_torch_no_grad(): nb.run(110)
@pytest.mark.slow
def test_c112_torch_manual_seed_0(): nb.run(112)
def test_c114_def_fwd_bwd_time_m_x_n_5(): nb.run(114)
def test_c116_def_index_vs_unbind_t_400_b_32_h_64_how(): nb.run(116)
def test_c118_class_leakyrnn_rnnbase(): nb.run(118)
def test_c120_torch_manual_seed_0(): nb.run(120)
def test_c122_def_n_params_f_h_l_d(): nb.run(122)
def test_c124_def_masked_rnn_rnn_x_lengths_h_none(): nb.run(124)
def test_c125_torch_set_num_threads__threads(): nb.run(125)
