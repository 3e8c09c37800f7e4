# Generated from nbs/12_forecast.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp forecast'''),
(2, [], '''\
from __future__ import annotations
import math
import torch
from torch import nn, Tensor
from fastcore.basics import store_attr
from rnnbook.data import windows, _check_int'''),
(3, [], '''\
from fastcore.test import *
import subprocess, sys
import torch.nn.functional as F
import matplotlib.pyplot as plt
from torch.utils.data import DataLoader, TensorDataset
from rnnbook.data import noisy_sine, load_stocks, MinMaxScaler, StandardScaler
from rnnbook.learner import Learner, DataLoaders, GradClip, EarlyStopping
from rnnbook.lstm import LSTM'''),
(6, [], '''\
def _check_series(s, name, dims=(1,)):
    if not isinstance(s, Tensor): raise TypeError(f"{name}: expected a tensor, got {type(s).__name__}")
    if not s.is_floating_point(): raise TypeError(f"{name}: expected a float tensor, got {s.dtype}")
    if s.dim() not in dims: raise ValueError(f"{name}: expected a {\' or \'.join(f\'{d}-D\' for d in dims)} tensor, got shape {tuple(s.shape)}")
    return s

def train_test_split_series(series:Tensor, # (N,) or (N, F), time first
                            n_test:int,    # steps held out at the end
                            n_in:int=0     # steps of context put in front of the test part (the window length)
                           )->tuple:
    "The first N - `n_test` steps of `series`, and the last `n_test` preceded by `n_in` steps of context"
    s = _check_series(series, \'series\', (1, 2)); N = len(s)
    _check_int(n_test, \'n_test\', 1); _check_int(n_in, \'n_in\', 0)
    if n_test >= N: raise ValueError(f"n_test: expected fewer than the series\' {N} steps, got {n_test}")
    if n_in > N - n_test: raise ValueError(f"n_in: the context of {n_in} steps is longer than the training part ({N - n_test} steps)")
    return s[:N - n_test], s[N - n_test - n_in:]'''),
(7, [], '''\
s = torch.arange(10.)
tr, te = train_test_split_series(s, n_test=3, n_in=2)
print(tr.tolist(), te.tolist())
X, Y = windows(te, 2); print(X.tolist(), Y.tolist())'''),
(8, [], '''\
test_eq(tr, s[:7]); test_eq(te, s[5:]); test_eq(Y[:, 0], s[7:])          # one window per test target
test_eq(train_test_split_series(s, 3)[1], s[7:])
test_eq(train_test_split_series(torch.zeros(10, 2), 4, 6)[1].shape, (10, 2))
test_fail(lambda: train_test_split_series(s, 10), contains="n_test: expected fewer than the series\' 10 steps, got 10")
test_fail(lambda: train_test_split_series(s, 3, n_in=8), contains=\'n_in: the context of 8 steps is longer than the training part (7 steps)\')
test_fail(lambda: train_test_split_series(s, 0), contains=\'n_test: expected an int >= 1, got 0\')
test_fail(lambda: train_test_split_series([1., 2.], 1), contains=\'series: expected a tensor, got list\')
test_fail(lambda: train_test_split_series(torch.arange(10), 1), contains=\'series: expected a float tensor, got torch.int64\')
test_fail(lambda: train_test_split_series(torch.zeros(2, 3, 4), 1), contains=\'series: expected a 1-D or 2-D tensor, got shape (2, 3, 4)\')'''),
(10, [], '''\
def _check_pair(pred, target):
    for name, t in ((\'pred\', pred), (\'target\', target)):
        if not isinstance(t, Tensor): raise TypeError(f"{name}: expected a tensor, got {type(t).__name__}")
    if pred.shape != target.shape:
        raise ValueError(f"pred: expected the shape of target {tuple(target.shape)}, got {tuple(pred.shape)}; broadcasting would compare every forecast with every target")
    if pred.numel() == 0: raise ValueError("pred: expected at least one value, got an empty tensor")
    return (pred - target).to(torch.promote_types(pred.dtype, torch.float32))

def mae(pred:Tensor,   # forecasts
        target:Tensor, # true values, the same shape
        dim=None       # average only over this dim (e.g. 0: one error per horizon); None: over everything
       )->Tensor:
    "Mean absolute error of `pred` against `target`"
    e = _check_pair(pred, target).abs()
    return e.mean() if dim is None else e.mean(dim)

def rmse(pred:Tensor,   # forecasts
         target:Tensor, # true values, the same shape
         dim=None       # as in `mae`
        )->Tensor:
    "Root mean squared error of `pred` against `target`"
    e = _check_pair(pred, target) ** 2
    return (e.mean() if dim is None else e.mean(dim)).sqrt()'''),
(11, [], '''\
p, y = torch.tensor([[1., 2.], [3., 6.]]), torch.tensor([[1., 1.], [1., 2.]])
mae(p, y), rmse(p, y), mae(p, y, dim=0), rmse(p, y, dim=0)'''),
(12, [], '''\
test_close(mae(p, y), 7 / 4); test_close(rmse(p, y), math.sqrt(21 / 4))
test_close(mae(p, y, dim=0), torch.tensor([1., 2.5])); test_close(rmse(p, y, dim=0), torch.tensor([2., 8.5]).sqrt())
test_close(rmse(p, y), F.mse_loss(p, y).sqrt()); test_close(mae(p, y), F.l1_loss(p, y))
test_eq(mae(torch.tensor([1, 2]), torch.tensor([2, 2])).item(), 0.5)                 # integers are promoted
test_fail(lambda: mae(torch.zeros(4, 1), torch.zeros(4)), contains=\'pred: expected the shape of target (4,), got (4, 1)\')
test_fail(lambda: rmse(torch.zeros(0), torch.zeros(0)), contains=\'pred: expected at least one value\')
test_fail(lambda: rmse([1.], torch.zeros(1)), contains=\'pred: expected a tensor, got list\')'''),
(14, [], '''\
def _check_windows(x, name):
    if not isinstance(x, Tensor): raise TypeError(f"{name}: expected a tensor, got {type(x).__name__}")
    if x.dim() == 3 and x.shape[-1] == 1: x = x[..., 0]
    if x.dim() != 2: raise ValueError(f"{name}: expected input windows (B, n_in) or (B, n_in, 1), got shape {tuple(x.shape)}")
    if not x.is_floating_point(): raise TypeError(f"{name}: expected a float tensor, got {x.dtype}")
    return x

def persistence_forecast(x:Tensor,        # input windows (B, n_in) or (B, n_in, 1), oldest step first
                         n_out:int=1,     # horizons 1..n_out
                         season:int=None  # period m (<= n_in) for seasonal persistence; None: the last value
                        )->Tensor:
    "Naive forecasts (B, `n_out`): the last value of each window, or the value one `season` before each target"
    x = _check_windows(x, \'x\'); _check_int(n_out, \'n_out\', 1)
    if season is None: return x[:, -1:].expand(-1, n_out).clone()
    _check_int(season, \'season\', 1)
    if season > x.shape[1]: raise ValueError(f"season: expected at most n_in = {x.shape[1]} (a window must hold a full season), got {season}")
    return x[:, torch.arange(n_out) % season - season]      # horizon h = i+1 copies x[(i % m) - m]'''),
(15, [], '''\
x = torch.arange(12.).view(2, 6)
persistence_forecast(x, 4), persistence_forecast(x, 4, season=3)'''),
(16, [], '''\
test_eq(persistence_forecast(x, 4), torch.tensor([[5.] * 4, [11.] * 4]))
test_eq(persistence_forecast(x, 4, season=3), torch.tensor([[3., 4., 5., 3.], [9., 10., 11., 9.]]))
test_eq(persistence_forecast(x, 3, season=1), persistence_forecast(x, 3))
test_eq(persistence_forecast(x[..., None], 2), persistence_forecast(x, 2))            # (B, n_in, 1) works too
sine = torch.sin(2 * math.pi * torch.arange(100.) / 20)                                # a noise-free season is repeated exactly
Xs, Ys = windows(sine, 20, 30)
test_close(persistence_forecast(Xs, 30, season=20), Ys, eps=1e-5)
test_fail(lambda: persistence_forecast(x, 2, season=7), contains=\'season: expected at most n_in = 6\')
test_fail(lambda: persistence_forecast(x, 0), contains=\'n_out: expected an int >= 1, got 0\')
test_fail(lambda: persistence_forecast(x[0], 2), contains=\'x: expected input windows (B, n_in) or (B, n_in, 1), got shape (6,)\')
test_fail(lambda: persistence_forecast(torch.zeros(2, 3, 2), 2), contains=\'got shape (2, 3, 2)\')
test_fail(lambda: persistence_forecast(torch.zeros(2, 3, dtype=torch.long), 2), contains=\'x: expected a float tensor\')'''),
(18, [], '''\
def fit_ar(series:Tensor, # (N,) training series
           p:int          # the order: how many lags
          )->Tensor:
    "Least-squares AR(`p`) coefficients (c, φ_1, ..., φ_p) of `series`, so that y_t ≈ c + Σ φ_i y_{t-i}"
    s = _check_series(series, \'series\'); _check_int(p, \'p\', 1)
    if len(s) - p < p + 1: raise ValueError(f"p: AR({p}) has {p + 1} coefficients and needs a series of at least {2 * p + 1} steps, got {len(s)}")
    X, y = windows(s.double(), p)                                       # X (N-p, p), oldest lag first; y (N-p, 1)
    A = torch.cat([torch.ones(len(X), 1, dtype=torch.float64), X.flip(1)], 1)  # columns 1, y_{t-1}, ..., y_{t-p}
    return torch.linalg.lstsq(A, y).solution[:, 0].to(s.dtype)'''),
(20, [], '''\
def simulate_ar(coef, n, seed=0, burn=200):
    "`n` steps of the AR process with coefficients (c, φ_1, ..., φ_p) and N(0, 1) noise, after `burn` discarded steps"
    g = torch.Generator().manual_seed(seed); c, phi = coef[0], coef[1:]
    y, e = [0.] * len(phi), torch.randn(n + burn, generator=g, dtype=torch.float64).tolist()
    for t in range(n + burn): y.append(c + sum(f * y[-1 - i] for i, f in enumerate(phi)) + e[t])
    return torch.tensor(y[len(phi) + burn:], dtype=torch.float64)
true_coef = [0.5, 0.6, -0.3]
ar2 = simulate_ar(true_coef, 5000, seed=0)
coef2 = fit_ar(ar2, 2); print(f"true {true_coef}, fitted {[round(v, 3) for v in coef2.tolist()]}")'''),
(21, [], '''\
test_close(coef2, torch.tensor(true_coef, dtype=torch.float64), eps=0.05)
test_eq(coef2.dtype, torch.float64)
test_close(fit_ar(ar2, 4)[3:], torch.zeros(2, dtype=torch.float64), eps=0.05)        # lags the process does not have come out near 0
test_eq(fit_ar(ar2.float(), 2).dtype, torch.float32)
test_close(fit_ar(ar2.float(), 2), coef2.float(), eps=1e-4)
test_fail(lambda: fit_ar(ar2[:6], 3), contains=\'p: AR(3) has 4 coefficients and needs a series of at least 7 steps, got 6\')
test_fail(lambda: fit_ar(ar2, 0), contains=\'p: expected an int >= 1, got 0\')
test_fail(lambda: fit_ar(ar2[None], 2), contains=\'series: expected a 1-D tensor, got shape (1, 5000)\')'''),
(23, [], '''\
def recursive_forecast(model,         # one-step forecaster: windows (B, n_in, 1) -> (B, 1), or ((B, 1), state)
                       history:Tensor, # input windows (B, n_in) or (B, n_in, 1), oldest step first
                       steps:int       # horizons 1..steps
                      )->Tensor:
    "Forecasts (B, `steps`) made by feeding each prediction of `model` back as the newest input"
    if not callable(model): raise TypeError(f"model: expected a callable one-step forecaster, got {type(model).__name__}")
    w = _check_windows(history, \'history\'); _check_int(steps, \'steps\', 1)
    was_training = isinstance(model, nn.Module) and model.training
    if was_training: model.eval()
    preds = []
    try:
        with torch.no_grad():
            for _ in range(steps):
                out = model(w[..., None]); out = out[0] if isinstance(out, tuple) else out
                if not isinstance(out, Tensor) or out.shape != (len(w), 1):
                    raise ValueError(f"model: expected a one-step forecast of shape ({len(w)}, 1), got {tuple(out.shape) if isinstance(out, Tensor) else type(out).__name__}; "
                                     "a model with n_out > 1 is a direct forecaster, call it once")
                preds.append(out.to(w.dtype)); w = torch.cat([w[:, 1:], preds[-1]], 1)
    finally:
        if was_training: model.train()
    return torch.cat(preds, 1)'''),
(25, [], '''\
def ar_forecast(coef:Tensor,  # (p+1,) coefficients (c, φ_1, ..., φ_p), from `fit_ar`
                x:Tensor,     # input windows (B, n_in) or (B, n_in, 1) with n_in >= p
                n_out:int=1   # horizons 1..n_out
               )->Tensor:
    "Recursive AR forecasts (B, `n_out`) from windows `x`"
    if not isinstance(coef, Tensor) or coef.dim() != 1 or len(coef) < 2:
        raise ValueError(f"coef: expected a 1-D tensor (c, φ_1, ..., φ_p) with p >= 1, got {tuple(coef.shape) if isinstance(coef, Tensor) else type(coef).__name__}")
    x = _check_windows(x, \'x\'); p = len(coef) - 1
    if x.shape[1] < p: raise ValueError(f"x: AR({p}) needs windows of at least {p} steps, got n_in = {x.shape[1]}")
    c, phi = coef[0].double(), coef[1:].double().flip(0).to(x.device)   # flipped: oldest lag first, like the window
    one_step = lambda w: (c + w[:, -p:, 0].double() @ phi)[:, None].to(w.dtype)
    return recursive_forecast(one_step, x, n_out)'''),
(26, [], '''\
X2, Y2 = windows(ar2, 2, 3)
f = ar_forecast(coef2, X2[:2], 3)
print(X2[:2].tolist(), f.tolist())'''),
(27, [], '''\
c_, f1, f2 = coef2.tolist()
test_close(f[:, 0], c_ + f1 * X2[:2, 1] + f2 * X2[:2, 0], eps=1e-9)                    # horizon 1: the AR equation
test_close(f[:, 1], c_ + f1 * f[:, 0] + f2 * X2[:2, 1], eps=1e-9)                      # horizon 2: the forecast fed back
test_close(ar_forecast(coef2, torch.cat([torch.zeros(2, 5, dtype=torch.float64), X2[:2]], 1), 3), f)  # longer windows: only the last p count
test_eq(recursive_forecast(lambda w: w[:, -1], X2[:2], 4), persistence_forecast(X2[:2], 4))  # persistence, fed back
test_fail(lambda: ar_forecast(coef2, X2[:, :1]), contains=\'x: AR(2) needs windows of at least 2 steps, got n_in = 1\')
test_fail(lambda: ar_forecast(coef2[None], X2), contains=\'coef: expected a 1-D tensor\')
test_fail(lambda: recursive_forecast(lambda w: w[:, -2:, 0], X2, 2), contains=\'model: expected a one-step forecast of shape\')
test_fail(lambda: recursive_forecast(3, X2, 2), contains=\'model: expected a callable one-step forecaster, got int\')
test_fail(lambda: recursive_forecast(lambda w: w[:, -1], X2, 0), contains=\'steps: expected an int >= 1, got 0\')
test_fail(lambda: recursive_forecast(lambda w: w[:, -1], X2[0], 2), contains=\'history: expected input windows (B, n_in) or (B, n_in, 1)\')'''),
(29, [], '''\
class LSTMForecaster(nn.Module):
    "An LSTM reads windows (B, T, `n_features`); a linear head maps its last hidden state to the next `n_out` values"
    def __init__(self, n_features:int=1, # F, features per step
                 hidden:int=32,          # H, size of the hidden state
                 n_out:int=1,            # values predicted: 1 for a one-step model, the horizon for a direct one
                 num_layers:int=1,       # stacked recurrent layers
                 rnn_cls=nn.LSTM):       # a class with torch\'s LSTM/GRU signature
        super().__init__()
        for name, v in ((\'n_features\', n_features), (\'hidden\', hidden), (\'n_out\', n_out), (\'num_layers\', num_layers)): _check_int(v, name, 1)
        store_attr(\'n_features,n_out\')
        self.rnn, self.head = rnn_cls(n_features, hidden, num_layers, batch_first=True), nn.Linear(hidden, n_out)
    def forward(self, x:Tensor, # (B, T, n_features) windows
                h=None):        # initial state; None for zeros
        "Forecasts (B, `n_out`) and the recurrent state"
        if not isinstance(x, Tensor) or x.dim() != 3 or x.shape[-1] != self.n_features:
            raise ValueError(f"x: expected windows (B, T, {self.n_features}), batch first, got {tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__}"
                             + ("; a univariate window (B, T) needs x[..., None]" if isinstance(x, Tensor) and x.dim() == 2 else \'\'))
        out, h = self.rnn(x, h)                  # out (B, T, H)
        return self.head(out[:, -1]), h          # (B, n_out)'''),
(30, [], '''\
torch.manual_seed(0)
m = LSTMForecaster(hidden=16, n_out=5)
out, (h, c) = m(torch.randn(4, 30, 1))
out.shape, h.shape, c.shape'''),
(32, [], '''\
torch.manual_seed(0)
ours, theirs = LSTMForecaster(hidden=16, n_out=3, rnn_cls=LSTM), LSTMForecaster(hidden=16, n_out=3)
theirs.load_state_dict(ours.state_dict())
xb = torch.randn(8, 20, 1)
for mod in (ours, theirs): mod(xb)[0].pow(2).sum().backward()
print(f"largest difference: forecasts {(ours(xb)[0] - theirs(xb)[0]).abs().max():.1e}, gradients "
      f"{max((a.grad - b.grad).abs().max().item() for a, b in zip(ours.parameters(), theirs.parameters())):.1e}")'''),
(33, [], '''\
test_eq(out.shape, (4, 5)); test_eq(h.shape, (1, 4, 16))
test_close(ours(xb)[0], theirs(xb)[0], eps=1e-5)
for (n, a), b in zip(ours.named_parameters(), theirs.parameters()): test_close(a.grad, b.grad, eps=1e-5)
test_eq(LSTMForecaster(n_features=3, n_out=2, num_layers=2)(torch.randn(5, 7, 3))[0].shape, (5, 2))
test_eq(LSTMForecaster(rnn_cls=nn.GRU)(torch.randn(2, 7, 1))[1].shape, (1, 2, 32))     # a GRU\'s state is one tensor
test_fail(lambda: m(torch.randn(4, 30)), contains=\'x: expected windows (B, T, 1), batch first, got (4, 30); a univariate window (B, T) needs x[..., None]\')
test_fail(lambda: m(torch.randn(4, 30, 2)), contains=\'x: expected windows (B, T, 1)\')
test_fail(lambda: LSTMForecaster(n_out=0), contains=\'n_out: expected an int >= 1, got 0\')
test_fail(lambda: recursive_forecast(m, torch.randn(4, 30), 2), contains=\'model: expected a one-step forecast of shape (4, 1), got (4, 5)\')
m1 = LSTMForecaster(hidden=8).train()
w0 = torch.randn(3, 10); f_rec = recursive_forecast(m1, w0, 4)
test_eq((f_rec.shape, m1.training), ((3, 4), True))                                  # eval inside, training mode restored
w, manual = w0.clone(), []
with torch.no_grad():
    for _ in range(4): manual.append(m1(w[..., None])[0]); w = torch.cat([w[:, 1:], manual[-1]], 1)
test_close(f_rec, torch.cat(manual, 1), eps=1e-6)                                    # the window slides, predictions fed back
out = subprocess.run([sys.executable, \'-c\', \'import rnnbook.forecast, sys; print("matplotlib" in sys.modules)\'], capture_output=True, text=True)
test_eq(out.stdout.strip(), \'False\')                                                 # importing the module stays light'''),
(35, [], '''\
def new_model(seed=0, **kw):
    "A fresh `LSTMForecaster`, its weights drawn after `torch.manual_seed(seed)`"
    torch.manual_seed(seed); return LSTMForecaster(**kw)
def train(model, X, Y, epochs, lr=1e-2, bs=64, seed=0, valid=None, cbs=()):
    "Fit `model` to windows X (N, n_in) -> Y (N, n_out), scoring `valid` = (Xv, Yv) after each epoch if given; returns the Learner"
    dl = DataLoader(TensorDataset(X[..., None], Y), bs, shuffle=True, generator=torch.Generator().manual_seed(seed))
    vdl = None if valid is None else DataLoader(TensorDataset(valid[0][..., None], valid[1]), len(valid[0]))
    return Learner(model, DataLoaders(dl, vdl), F.mse_loss, lr=lr, cbs=[GradClip(1.0), *cbs]).fit(epochs)
@torch.no_grad()
def predict(model, X):
    "Forecasts of `model` for windows X (B, n_in)"
    return model.eval()(X[..., None])[0]'''),
(37, [], '''\
series = noisy_sine(1200, period=50, noise=0.1, seed=0)
n_test, n_in, n_out = 200, 50, 20
s_train, s_test = train_test_split_series(series, n_test, n_in)
X1, Y1 = windows(s_train, n_in)                 # one-step training windows
Xt1, Yt1 = windows(s_test, n_in)                # one per test target
print(f"train {len(s_train)} steps, {len(X1)} windows; test {n_test} targets, windows {tuple(Xt1.shape)} -> {tuple(Yt1.shape)}")'''),
(39, [], '''\
coef_sine = fit_ar(s_train, n_in)
lstm1 = new_model(hidden=32, n_out=1)
learn1 = train(lstm1, X1, Y1, epochs=20)
one_step = {\'persistence\': persistence_forecast(Xt1), \'seasonal persistence (m = 50)\': persistence_forecast(Xt1, season=50),
            \'AR(50)\': ar_forecast(coef_sine, Xt1), \'LSTM\': predict(lstm1, Xt1)}
def table(preds, y, unit=\'\'):
    "MAE and RMSE of each forecast in `preds` against `y`"
    w = max(map(len, preds)) + 2
    print(f"{\'model\':{w}} {\'MAE\' + unit:>12} {\'RMSE\' + unit:>12}")
    for k, p in preds.items(): print(f"{k:{w}} {mae(p, y):12.4f} {rmse(p, y):12.4f}")
print(f"training MSE: first batch {learn1.recorder.losses[0]:.3f}, last epoch {learn1.recorder.values(\'train_loss\')[-1]:.4f}")
table(one_step, Yt1)'''),
(40, [], '''\
r1 = {k: rmse(p, Yt1).item() for k, p in one_step.items()}
assert 0.1 < r1[\'LSTM\'] < 0.13 and 0.1 < r1[\'AR(50)\'] < 0.13                           # near the noise floor, not below it
assert r1[\'LSTM\'] < r1[\'seasonal persistence (m = 50)\'] < r1[\'persistence\']
test_close(r1[\'seasonal persistence (m = 50)\'], math.sqrt(2) * 0.1, eps=0.02)'''),
(42, [], '''\
Xtm, Ytm = windows(s_test, n_in, n_out)
Xm, Ym = windows(s_train, n_in, n_out)
lstm_direct = new_model(hidden=32, n_out=n_out)
train(lstm_direct, Xm, Ym, epochs=20)
multi = {\'persistence\': persistence_forecast(Xtm, n_out), \'seasonal persistence (m = 50)\': persistence_forecast(Xtm, n_out, season=50),
         \'AR(50), recursive\': ar_forecast(coef_sine, Xtm, n_out), \'LSTM, recursive\': recursive_forecast(lstm1, Xtm, n_out),
         \'LSTM, direct\': predict(lstm_direct, Xtm)}
table(multi, Ytm)
by_h = {k: rmse(p, Ytm, dim=0) for k, p in multi.items()}
print(\'RMSE at horizons 1, 5, 10, 20:\', {k: [round(v[h - 1].item(), 3) for h in (1, 5, 10, 20)] for k, v in by_h.items()})'''),
(43, [], '''\
test_eq(Ytm.shape, (181, 20))
test_close(multi[\'LSTM, recursive\'][:, :1], predict(lstm1, Xtm), eps=1e-6)             # horizon 1 of the recursion is the one-step model
assert by_h[\'persistence\'][-1] > 5 * by_h[\'persistence\'][0]                         # persistence falls apart
assert by_h[\'LSTM, direct\'].max() < 0.2 and by_h[\'LSTM, recursive\'].max() < 0.2
assert rmse(multi[\'LSTM, direct\'], Ytm) < rmse(multi[\'seasonal persistence (m = 50)\'], Ytm)'''),
(44, [], '''\
fig, axs = plt.subplots(1, 2, figsize=(14, 4))
hs = range(1, n_out + 1)
for k, v in by_h.items(): axs[0].plot(hs, v, \'o-\', ms=3, label=k)
axs[0].axhline(0.1, color=\'k\', ls=\':\', label=\'noise floor 0.1\')
axs[0].set(title=\'Noisy sine: test RMSE by horizon (181 windows)\', xlabel=\'horizon h (time steps ahead)\', ylabel=\'RMSE (series units)\', yscale=\'log\')
axs[0].legend(fontsize=8); axs[0].grid(alpha=.3)
i = 40; t0 = len(s_train)                                                       # a test window, on the series\' own time axis
axs[1].plot(range(t0 - n_in + i, t0 + i), Xtm[i], color=\'0.5\', label=\'input window\')
axs[1].plot(range(t0 + i, t0 + i + n_out), Ytm[i], \'k.\', ms=8, label=\'truth\')
for k, p in multi.items(): axs[1].plot(range(t0 + i, t0 + i + n_out), p[i], lw=1.5, label=k)
axs[1].set(title=f\'20-step forecasts from test window {i}\', xlabel=\'time step\', ylabel=\'value (no unit)\'); axs[1].legend(fontsize=7); axs[1].grid(alpha=.3)
fig.tight_layout()'''),
(46, [], '''\
import ipywidgets as widgets
def show_window(i):
    fig, ax = plt.subplots(figsize=(8, 3.2))
    ax.plot(range(-n_in, 0), Xtm[i], color=\'0.5\', label=\'input window\'); ax.plot(range(n_out), Ytm[i], \'k.\', ms=8, label=\'truth\')
    for k, p in multi.items(): ax.plot(range(n_out), p[i], label=f"{k} (RMSE {rmse(p[i], Ytm[i]):.3f})")
    ax.set(title=f\'Noisy sine, test window {i}\', xlabel=\'time step (0 = first forecast)\', ylabel=\'value (no unit)\', ylim=(-1.6, 1.6))
    ax.legend(fontsize=7, loc=\'lower left\'); plt.show()
widgets.interact(show_window, i=widgets.IntSlider(40, 0, len(Xtm) - 1));'''),
(48, [], '''\
dates, sp = load_stocks(\'^GSPC\')
print(f"{len(sp)} months, {dates[0]} .. {dates[-1]}; from {sp[0]:.0f} to {sp[-1]:.0f} points, max {sp.max():.0f} ({dates[sp.argmax()]})")'''),
(50, [], '''\
def log_returns(series:Tensor # (N,) positive values, e.g. prices
               )->Tensor:
    "The (N-1,) log-returns log y_t - log y_{t-1} of `series`"
    s = _check_series(series, \'series\')
    if len(s) < 2: raise ValueError(f"series: expected at least 2 steps, got {len(s)}")
    if not (s > 0).all(): raise ValueError(f"series: log-returns need positive values, got a minimum of {s.min().item()}")
    return s.log().diff()

def from_log_returns(last:Tensor, # (B,) the last observed value of each window
                     r:Tensor     # (B, h) forecast log-returns for horizons 1..h
                    )->Tensor:
    "Levels (B, h): `last` times the exponential of the cumulated returns `r`"
    if not isinstance(last, Tensor) or not isinstance(r, Tensor): raise TypeError(f"last, r: expected tensors, got {type(last).__name__} and {type(r).__name__}")
    if r.dim() != 2 or last.shape != r.shape[:1]: raise ValueError(f"r: expected (B, h) returns for last values of shape (B,), got {tuple(r.shape)} and {tuple(last.shape)}")
    return last[:, None] * r.cumsum(1).exp()'''),
(51, [], '''\
ret = log_returns(sp)
print(f"{len(ret)} monthly log-returns: mean {ret.mean():+.4f}, std {ret.std():.4f}")
from_log_returns(sp[:1], ret[None, :4]), sp[1:5]'''),
(52, [], '''\
test_close(from_log_returns(sp[:1], ret[None, :20]), sp[None, 1:21], eps=1e-2)       # back to the prices
test_close(log_returns(torch.tensor([1., math.e, 1.])), torch.tensor([1., -1.]), eps=1e-6)
test_fail(lambda: log_returns(torch.tensor([1., 0., 2.])), contains=\'series: log-returns need positive values, got a minimum of 0.0\')
test_fail(lambda: log_returns(torch.tensor([1.])), contains=\'series: expected at least 2 steps, got 1\')
test_fail(lambda: from_log_returns(sp[:3], ret[None, :4]), contains=\'r: expected (B, h) returns for last values of shape (B,), got (1, 4) and (3,)\')
test_fail(lambda: from_log_returns(1., ret[None, :4]), contains=\'last, r: expected tensors, got float and Tensor\')'''),
(54, [], '''\
n_test_sp, n_in_sp = 60, 12
sp_train, sp_test = train_test_split_series(sp, n_test_sp, n_in_sp)
r_train = log_returns(sp_train); rc = r_train - r_train.mean()
acf = [(rc[k:] @ rc[:-k] / (rc @ rc)).item() for k in range(1, 7)]
print(f"autocorrelation of {len(r_train)} training returns at lags 1..6: {[round(a, 3) for a in acf]}; noise band ±{2 / math.sqrt(len(r_train)):.3f}")'''),
(55, [], '''\
fig, axs = plt.subplots(1, 2, figsize=(14, 3.6))
cut = dates[len(sp_train)]
axs[0].plot(dates, sp); axs[0].axvline(cut, color=\'k\', ls=\'--\', lw=1)
axs[0].set(title=\'S&P 500, monthly (test: the last 60 months)\', xlabel=\'date\', ylabel=\'index points\')
axs[1].plot(dates[1:], 100 * ret, lw=1); axs[1].axvline(cut, color=\'k\', ls=\'--\', lw=1)
axs[1].set(title=\'S&P 500 monthly log-returns\', xlabel=\'date\', ylabel=\'log-return (% per month)\')
for ax in axs: ax.grid(alpha=.3)
fig.tight_layout()'''),
(57, [], '''\
X_sp, Y_sp = windows(sp_train, n_in_sp)            # 318 training windows, in points
Xt_sp, Yt_sp = windows(sp_test, n_in_sp)           # 60 test windows
def unscale(sc, t):
    "`sc.inverse_transform` of forecasts (B, h) from a scaler fitted on a 1-D series"
    return sc.inverse_transform(t.reshape(-1)).view_as(t)
def level_models(scaler, seed=0):
    "Scale the series with `scaler` (fitted), train an LSTM and fit an AR(12) on the scaled training part; test forecasts in points"
    s_tr, s_te = scaler.transform(sp_train), scaler.transform(sp_test)
    (Xs, Ys), Xts = windows(s_tr, n_in_sp), windows(s_te, n_in_sp)[0]
    m = new_model(seed, hidden=32); train(m, Xs, Ys, epochs=300, bs=len(Xs), seed=seed)
    return {\'LSTM\': unscale(scaler, predict(m, Xts)), \'AR(12)\': unscale(scaler, ar_forecast(fit_ar(s_tr, n_in_sp), Xts))}
fits = {\'fit on the whole series (leak)\': MinMaxScaler().fit(sp), \'fit on the training part\': MinMaxScaler().fit(sp_train)}
leak = {}
for name, sc in fits.items():
    leak[name] = level_models(sc); tr, te = sc.transform(sp_train), sc.transform(sp_test[n_in_sp:])
    print(f"{name}: scaled training values in [{tr.min():.2f}, {tr.max():.2f}], test targets in [{te.min():.2f}, {te.max():.2f}]")
    print(f"    LSTM: RMSE {rmse(leak[name][\'LSTM\'], Yt_sp):6.1f} points, largest forecast {leak[name][\'LSTM\'].max():5.0f};"
          f"  AR(12): RMSE {rmse(leak[name][\'AR(12)\'], Yt_sp):6.1f} points")
print(f"test targets reach {Yt_sp.max():.0f} points; the training part {sp_train.max():.0f}")'''),
(58, [], '''\
(lk, hn) = fits.values()
assert lk.transform(sp_train).max() < 0.6 and hn.transform(sp_test).max() > 1.5
test_close(leak[\'fit on the whole series (leak)\'][\'AR(12)\'], leak[\'fit on the training part\'][\'AR(12)\'], eps=1.)   # affine-equivariant: the scaler does not matter
lstm_leak, lstm_honest = (rmse(leak[k][\'LSTM\'], Yt_sp).item() for k in fits)'''),
(60, [], '''\
R_train, R_test = log_returns(sp_train), log_returns(sp_test)                   # (329,), (71,)
rsc = StandardScaler().fit(R_train)
(Xr_s, Yr_s), Xtr_s = windows(rsc.transform(R_train), n_in_sp - 1), windows(rsc.transform(R_test), n_in_sp - 1)[0]
Xtr, Ytr = windows(R_test, n_in_sp - 1)                                          # unscaled, for the baselines
last_test = Xt_sp[:, -1]                                                         # y_t of each test window
test_close(from_log_returns(last_test, Ytr), Yt_sp, eps=0.05)                    # the return windows line up with the level windows
len(Xr_s), len(Xtr_s)'''),
(62, [], '''\
m_over = new_model(0, hidden=32)
learn_over = train(m_over, Xr_s, Yr_s, epochs=300, bs=len(Xr_s))
r_over = unscale(rsc, predict(m_over, Xtr_s))
pers = rmse(persistence_forecast(Xt_sp), Yt_sp).item()
print(f"training MSE (scaled returns, variance 1): epoch 1 {learn_over.recorder.values(\'train_loss\')[0]:.3f}, epoch 300 {learn_over.recorder.values(\'train_loss\')[-1]:.3f}")
print(f"test RMSE {rmse(from_log_returns(last_test, r_over), Yt_sp):.1f} points (persistence {pers:.1f}); "
      f"forecast returns spread {100 * r_over.std():.2f}% per month, actual {100 * Ytr.std():.2f}%")'''),
(64, [], '''\
n_val = 60
def returns_lstm(seed):
    "Test forecasts of log-returns by an LSTM trained with seed `seed`, early-stopped on the last `n_val` training windows"
    m, es = new_model(seed, hidden=32), EarlyStopping(patience=30)
    train(m, Xr_s[:-n_val], Yr_s[:-n_val], epochs=300, bs=len(Xr_s) - n_val, seed=seed, valid=(Xr_s[-n_val:], Yr_s[-n_val:]), cbs=[es])
    return unscale(rsc, predict(m, Xtr_s)), es.best_epoch
seeds = [0, 1, 2]
r_es = {}
for sd in seeds:
    r_es[sd], best = returns_lstm(sd)
    print(f"seed {sd}: best epoch {best + 1}, test RMSE {rmse(from_log_returns(last_test, r_es[sd]), Yt_sp):.1f} points, "
          f"forecast returns spread {100 * r_es[sd].std():.2f}% per month")'''),
(65, [], '''\
r_fc = {\'zero return = persistence\': torch.zeros_like(Ytr), \'mean return (drift)\': R_train.mean().expand_as(Ytr),
        \'AR(11) on returns\': ar_forecast(fit_ar(R_train, n_in_sp - 1), Xtr), \'LSTM on returns, 300 epochs\': r_over,
        **{f\'LSTM on returns, early-stopped, seed {sd}\': r for sd, r in r_es.items()}}
sp_fc = {k: from_log_returns(last_test, r) for k, r in r_fc.items()}
sp_fc[\'AR(12) on levels\'] = leak[\'fit on the training part\'][\'AR(12)\']
sp_fc.update({f\'LSTM on levels, {k}\': v[\'LSTM\'] for k, v in leak.items()})
table(sp_fc, Yt_sp, \' (pts)\')'''),
(66, [], '''\
test_close(sp_fc[\'zero return = persistence\'], persistence_forecast(Xt_sp), eps=1e-2)
rs = {k: rmse(v, Yt_sp).item() for k, v in sp_fc.items()}
assert all(abs(rs[f\'LSTM on returns, early-stopped, seed {sd}\'] / pers - 1) < 0.03 for sd in seeds)   # ties with persistence
assert rs[\'LSTM on returns, 300 epochs\'] > 1.1 * pers                                               # overfitting loses
assert all(r > 0.97 * pers for r in rs.values())                                                      # nothing beats persistence by more than 3%
assert all(r_es[sd].std() < 0.5 * r_over.std() for sd in seeds)                                       # early stopping: near-constant forecasts'''),
(67, [], '''\
fig, axs = plt.subplots(1, 2, figsize=(15, 4.2))
td = dates[-n_test_sp:]
axs[0].plot(dates[-n_test_sp - 24:], sp[-n_test_sp - 24:], \'k.-\', lw=1, label=\'truth\')
axs[1].plot(td, 100 * Ytr[:, 0], \'k.-\', lw=1, label=\'actual return\')
show = [\'zero return = persistence\', \'AR(11) on returns\', \'LSTM on returns, early-stopped, seed 0\', \'LSTM on returns, 300 epochs\', \'LSTM on levels, fit on the training part\']
for k in show:
    l = axs[0].plot(td, sp_fc[k], lw=1.3, label=f"{k} (RMSE {rs[k]:.0f})")[0]
    axs[1].plot(td, 100 * (sp_fc[k][:, 0] / last_test).log(), lw=1.3, color=l.get_color(), label=k)
axs[0].axvline(td[0], color=\'k\', ls=\'--\', lw=1)
axs[0].set(title=\'S&P 500: one-month-ahead forecasts, 60 test months\', xlabel=\'date (monthly)\', ylabel=\'index points\')
axs[1].set(title=\'The same forecasts as log-returns\', xlabel=\'date (monthly)\', ylabel=\'log-return (% per month)\')
for ax in axs: ax.legend(fontsize=7); ax.grid(alpha=.3)
fig.tight_layout()'''),
(69, ['slow'], '''\
for name, sc in fits.items():
    print(f"LSTM on levels, {name}: RMSE by seed", [round(rmse(level_models(sc, sd)[\'LSTM\'], Yt_sp).item(), 1) for sd in range(3)])
r10 = torch.tensor([rmse(from_log_returns(last_test, returns_lstm(sd)[0]), Yt_sp).item() for sd in range(10)])
print(f"LSTM on returns, early-stopped, 10 seeds: RMSE {r10.mean():.1f} ± {r10.std():.1f} points (min {r10.min():.1f}, max {r10.max():.1f}); "
      f"persistence {pers:.1f}; seeds that beat it: {(r10 < pers).sum().item()} of 10")'''),
(71, [], '''\
clean = torch.sin(2 * math.pi * torch.arange(200, dtype=torch.float64) / 50)
coef_clean = fit_ar(clean, 2)
print(f"fitted {[round(v, 6) for v in coef_clean.tolist()]}, expected [0, {2 * math.cos(2 * math.pi / 50):.6f}, -1]")
test_close(coef_clean, torch.tensor([0., 2 * math.cos(2 * math.pi / 50), -1.], dtype=torch.float64), eps=1e-5)
Xc, Yc = windows(clean, 2, 100)
test_close(ar_forecast(coef_clean, Xc[:5], 100), Yc[:5], eps=1e-4)                    # 100 steps ahead, still on the sine'''),
(73, [], '''\
c, phi = 1.0, 0.8; mu = c / (1 - phi)
yt = torch.tensor([[0.], [3.], [10.]], dtype=torch.float64)
h = torch.arange(1, 16, dtype=torch.float64)
closed = mu + phi ** h * (yt - mu)
test_close(ar_forecast(torch.tensor([c, phi], dtype=torch.float64), yt, 15), closed, eps=1e-9)
print(f"mu = {mu}; forecasts from y_t = 10 at h = 1, 5, 15: {[round(v, 3) for v in closed[2, [0, 4, 14]].tolist()]}")'''),
(75, [], '''\
g = torch.Generator().manual_seed(0)
walk = torch.randn(20_000, generator=g, dtype=torch.float64).cumsum(0)
Xw, Yw = windows(walk, 1, 12)
ratio_walk = rmse(persistence_forecast(Xw, 12), Yw, dim=0) / torch.arange(1, 13).sqrt()
test_close(ratio_walk, torch.ones(12, dtype=torch.float64), eps=0.05)
Xs_, Ys_ = windows(sp.double().log(), 1, 12)                                         # log-levels: step size independent of the level
ratio_sp = rmse(persistence_forecast(Xs_, 12), Ys_, dim=0); ratio_sp = ratio_sp / ratio_sp[0]
print(f"S&P 500, RMSE(h)/RMSE(1) of log-levels at h = 3, 6, 12: {[round(ratio_sp[h - 1].item(), 2) for h in (3, 6, 12)]}; "
      f"sqrt(h): {[round(math.sqrt(h), 2) for h in (3, 6, 12)]}")'''),
(77, [], '''\
_, nq = load_stocks(\'^IXIC\')
nq_train, nq_test = train_test_split_series(nq, n_test_sp, n_in_sp)
Rq, Rqt = log_returns(nq_train), log_returns(nq_test)
Xqt, Yqt = windows(Rqt, n_in_sp - 1); last_q = windows(nq_test, n_in_sp)[0][:, -1]
fq = {\'persistence\': torch.zeros_like(Yqt), \'drift\': Rq.mean().expand_as(Yqt), \'AR(11) on returns\': ar_forecast(fit_ar(Rq, n_in_sp - 1), Xqt)}
nq_rmse = {k: rmse(from_log_returns(last_q, r), nq_test[n_in_sp:, None]).item() for k, r in fq.items()}
print({k: round(v, 1) for k, v in nq_rmse.items()})
assert min(nq_rmse.values()) > 0.95 * nq_rmse[\'persistence\']'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/12_forecast.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_forecast(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def__check_series_s_name_dims_1(): nb.run(6)
def test_c007_s_torch_arange_10(): nb.run(7)
def test_c008_test_eq_tr_s_7_test_eq_te_s_5_test_eq_y(): nb.run(8)
def test_c010_def__check_pair_pred_target(): nb.run(10)
def test_c011_p_y_torch_tensor_1_2_3_6_torch_tensor_1(): nb.run(11)
def test_c012_test_close_mae_p_y_7_4_test_close_rmse_p(): nb.run(12)
def test_c014_def__check_windows_x_name(): nb.run(14)
def test_c015_x_torch_arange_12_view_2_6(): nb.run(15)
def test_c016_test_eq_persistence_forecast_x_4_torch_t(): nb.run(16)
def test_c018_def_fit_ar_series_tensor_n_training_seri(): nb.run(18)
def test_c020_def_simulate_ar_coef_n_seed_0_burn_200(): nb.run(20)
def test_c021_test_close_coef2_torch_tensor_true_coef(): nb.run(21)
def test_c023_def_recursive_forecast_model_one_step_fo(): nb.run(23)
def test_c025_def_ar_forecast_coef_tensor_p_1_coeffici(): nb.run(25)
def test_c026_x2_y2_windows_ar2_2_3(): nb.run(26)
def test_c027_c__f1_f2_coef2_tolist(): nb.run(27)
def test_c029_class_lstmforecaster_nn_module(): nb.run(29)
def test_c030_torch_manual_seed_0(): nb.run(30)
def test_c032_torch_manual_seed_0(): nb.run(32)
def test_c033_test_eq_out_shape_4_5_test_eq_h_shape_1(): nb.run(33)
def test_c035_def_new_model_seed_0_kw(): nb.run(35)
def test_c037_series_noisy_sine_1200_period_50_noise_0(): nb.run(37)
def test_c039_coef_sine_fit_ar_s_train_n_in(): nb.run(39)
def test_c040_r1_k_rmse_p_yt1_item_for_k_p_in_one_step(): nb.run(40)
def test_c042_xtm_ytm_windows_s_test_n_in_n_out(): nb.run(42)
def test_c043_test_eq_ytm_shape_181_20(): nb.run(43)
def test_c044_fig_axs_plt_subplots_1_2_figsize_14_4(): nb.run(44)
def test_c046_import_ipywidgets_as_widgets(): nb.run(46)
def test_c048_dates_sp_load_stocks_gspc(): nb.run(48)
def test_c050_def_log_returns_series_tensor_n_positive(): nb.run(50)
def test_c051_ret_log_returns_sp(): nb.run(51)
def test_c052_test_close_from_log_returns_sp_1_ret_non(): nb.run(52)
def test_c054_n_test_sp_n_in_sp_60_12(): nb.run(54)
def test_c055_fig_axs_plt_subplots_1_2_figsize_14_3_6(): nb.run(55)
def test_c057_x_sp_y_sp_windows_sp_train_n_in_sp_318_t(): nb.run(57)
def test_c058_lk_hn_fits_values(): nb.run(58)
def test_c060_r_train_r_test_log_returns_sp_train_log(): nb.run(60)
def test_c062_m_over_new_model_0_hidden_32(): nb.run(62)
def test_c064_n_val_60(): nb.run(64)
def test_c065_r_fc_zero_return_persistence_torch_zeros(): nb.run(65)
def test_c066_test_close_sp_fc_zero_return_persistence(): nb.run(66)
def test_c067_fig_axs_plt_subplots_1_2_figsize_15_4_2(): nb.run(67)
@pytest.mark.slow
def test_c069_for_name_sc_in_fits_items(): nb.run(69)
def test_c071_clean_torch_sin_2_math_pi_torch_arange_2(): nb.run(71)
def test_c073_c_phi_1_0_0_8_mu_c_1_phi(): nb.run(73)
def test_c075_g_torch_generator_manual_seed_0(): nb.run(75)
def test_c077_nq_load_stocks_ixic(): nb.run(77)
