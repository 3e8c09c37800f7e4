# Generated from nbs/07_learner.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp learner'''),
(2, [], '''\
from __future__ import annotations
import copy, collections.abc, io, math, random, time
from operator import attrgetter
from pathlib import Path
import torch, torch.nn.functional as F
from torch import nn
from fastcore.basics import patch, store_attr
from rnnbook.data import write_atomic, _check_int
from rnnbook.rnn import _smap'''),
(3, [], '''\
from fastcore.test import *
import itertools, tempfile, warnings
import matplotlib.pyplot as plt
from torch.utils.data import DataLoader, TensorDataset, Sampler
from torch.optim import lr_scheduler
from rnnbook.data import noisy_sine, windows, load_shakespeare, Vocab, tokenize_chars, LMStream, LMWindows'''),
(6, [], '''\
series = noisy_sine(2000, period=50, noise=0.1, seed=0)
def window_ds(s, n_in=30):
    "Windows of `s` as a dataset of (x (n_in, 1), y (1,)) pairs"
    X, Y = windows(s, n_in); return TensorDataset(X.unsqueeze(-1), Y)
sine_train, sine_valid = window_ds(series[:1500]), window_ds(series[1500:])
def sine_loaders(seed=0, bs=32):
    "Shuffled training loader (its own generator, seeded) and validation loader"
    return (DataLoader(sine_train, bs, shuffle=True, generator=torch.Generator().manual_seed(seed)),
            DataLoader(sine_valid, 256))
len(sine_train), len(sine_valid), sine_train[0][0].shape, sine_train[0][1].shape'''),
(7, [], '''\
class Forecaster(nn.Module):
    "An RNN reads the window; a linear head maps the last hidden state to the next value"
    def __init__(self, H=32, p=0.):
        super().__init__()
        self.rnn, self.drop, self.head = nn.RNN(1, H, batch_first=True), nn.Dropout(p), nn.Linear(H, 1)
    def forward(self, x, h=None):
        out, h = self.rnn(x, h)                            # out (B, T, H), h (1, B, H)
        return self.head(self.drop(out[:, -1])), h         # (B, 1)
torch.manual_seed(0)
pred, h = Forecaster()(sine_train[:4][0])
pred.shape, h.shape'''),
(9, [], '''\
def fit_draft(model, train_dl, valid_dl, loss_fn, epochs, opt,
              zero_grad=True, eval_mode=True):  # switches to break the loop on purpose
    "Train for `epochs`; return the loss of every training batch and the validation loss of every epoch"
    train_losses, valid_losses = [], []
    for epoch in range(epochs):
        model.train()
        for x, y in train_dl:
            if zero_grad: opt.zero_grad()      # 1
            out, _ = model(x)                  # 2
            loss = loss_fn(out, y)             # 3
            loss.backward()                    # 4
            opt.step()                         # 5
            train_losses.append(loss.item())
        if eval_mode: model.eval()
        with torch.no_grad():
            valid_losses.append(sum(loss_fn(model(x)[0], y).item() * len(y) for x, y in valid_dl) / len(valid_dl.dataset))
    return train_losses, valid_losses'''),
(10, [], '''\
torch.manual_seed(0)
model = Forecaster()
t0 = time.perf_counter()
tl, vl = fit_draft(model, *sine_loaders(), F.mse_loss, 5, torch.optim.Adam(model.parameters(), lr=3e-3))
draft_s, n_b = time.perf_counter() - t0, len(tl) // len(vl)
print(f"{len(tl)} steps in {draft_s:.1f}s; first batch {tl[0]:.2f}; by epoch: mean training MSE "
      f"{[round(sum(tl[i*n_b:(i+1)*n_b]) / n_b, 4) for i in range(len(vl))]}, validation MSE {[round(v, 4) for v in vl]}")'''),
(11, [], '''\
def running_mean(xs, w=20):
    "Mean of each `w` consecutive values of `xs` (shorter than `xs` by w-1)"
    return torch.tensor(xs).unfold(0, min(w, len(xs)), 1).mean(1)
def plot_curves(tl, vl, ax=None, title=\'\', label=\'\'):
    "Training loss per batch (faint), its running mean, and validation loss per epoch"
    ax = ax or plt.subplots(figsize=(7, 3.5))[1]
    n = len(tl) // len(vl); w = min(20, len(tl))
    l = ax.plot(tl, alpha=.25)[0]
    ax.plot(range(w - 1, len(tl)), running_mean(tl, w), color=l.get_color(), label=f\'{label}train (mean of {w} batches)\')
    ax.plot([n * (i + 1) for i in range(len(vl))], vl, \'o--\', color=l.get_color(), label=f\'{label}valid, per epoch\')
    ax.set(xlabel=\'training batch\', ylabel=\'loss\', title=title); ax.grid(alpha=.3); ax.legend()
    return ax
ax = plot_curves(tl, vl, title=\'Forecaster (nn.RNN, H = 32) on the noisy sine: MSE\')
ax.axhline(0.01, color=\'gray\', ls=\':\', label=\'noise floor 0.01\'); ax.set_yscale(\'log\'); ax.legend();'''),
(12, [], '''\
assert vl[-1] < 0.02 < 0.3 < tl[0], (tl[0], vl)       # from about 0.45 to close to the floor
assert vl[-1] > 0.008                                  # not below the noise (that would mean a leak)'''),
(14, [], '''\
def sine_run(zero_grad=True, eval_mode=True, p=0., epochs=5, lr=3e-3):
    "Train a fresh Forecaster with `fit_draft`; return the model and its curves"
    torch.manual_seed(0); m = Forecaster(p=p)
    return m, *fit_draft(m, *sine_loaders(), F.mse_loss, epochs, torch.optim.Adam(m.parameters(), lr=lr), zero_grad, eval_mode)
_, tl_nozero, vl_nozero = sine_run(zero_grad=False)
print(f"without zero_grad: validation MSE by epoch {[round(v, 3) for v in vl_nozero]}; with it: {vl[-1]:.4f}")'''),
(15, [], '''\
assert vl_nozero[-1] > 10 * vl[-1]'''),
(17, [], '''\
m_drop, _, vl_drop = sine_run(p=0.3)
@torch.no_grad()
def valid_mse(m, train_mode):
    "Validation MSE of `m` in training mode (dropout on) or eval mode"
    m.train(train_mode)
    return sum(F.mse_loss(m(x)[0], y).item() * len(y) for x, y in DataLoader(sine_valid, 256)) / len(sine_valid)
mse_eval, mse_train_a, mse_train_b = valid_mse(m_drop, False), valid_mse(m_drop, True), valid_mse(m_drop, True)
print(f"eval mode: {mse_eval:.4f}; training mode, twice: {mse_train_a:.4f}, {mse_train_b:.4f}")'''),
(18, [], '''\
test_eq(valid_mse(m_drop, False), mse_eval)              # eval mode is deterministic
assert mse_train_a != mse_train_b and min(mse_train_a, mse_train_b) > 1.2 * mse_eval'''),
(20, [], '''\
torch.manual_seed(0)
B, T, V = 4, 7, 10
logits, y = torch.randn(B, T, V), torch.randint(0, V, (B, T))
try: F.cross_entropy(logits, y)
except RuntimeError as e: ce_err = str(e); print(ce_err)'''),
(22, [], '''\
torch.manual_seed(0)
logits5, y5 = torch.randn(2, 5, 5), torch.randint(0, 5, (2, 5))
wrong = F.cross_entropy(logits5, y5)                                  # class axis taken to be T
right = F.cross_entropy(logits5.transpose(1, 2), y5)                  # fix 1: move V to axis 1
flat = F.cross_entropy(logits5.flatten(0, 1), y5.flatten())           # fix 2: flatten to (B·T, V)
print(f"wrong {wrong:.4f}, right {right:.4f}, flattened {flat:.4f}")'''),
(23, [], '''\
test_fail(lambda: F.cross_entropy(logits, y), contains=\'Expected target size\')
test_close(right, flat, eps=1e-6); assert abs(wrong - right) > 0.05'''),
(25, [], '''\
def cross_entropy_flat(preds,  # logits (..., V): class axis last, e.g. (B, T, V)
                       y):     # class ids (...), e.g. (B, T)
    "Mean cross-entropy of logits `preds` (..., V) against class ids `y` (...)"
    if not isinstance(preds, torch.Tensor) or not isinstance(y, torch.Tensor):
        raise TypeError(f"cross_entropy_flat: expected tensors, got {type(preds).__name__} and {type(y).__name__}")
    if preds.shape[:-1] != y.shape:
        raise ValueError(f"cross_entropy_flat: expected logits of shape (*{tuple(y.shape)}, V) for targets of shape {tuple(y.shape)}, got {tuple(preds.shape)}")
    return F.cross_entropy(preds.flatten(0, -2), y.flatten())'''),
(26, [], '''\
cross_entropy_flat(logits5, y5), cross_entropy_flat(logits, y)'''),
(27, [], '''\
test_close(cross_entropy_flat(logits5, y5), right, eps=1e-6)
test_close(cross_entropy_flat(logits[:, 0], y[:, 0]), F.cross_entropy(logits[:, 0], y[:, 0]), eps=1e-6)   # (B, V) works too
test_fail(lambda: cross_entropy_flat(logits.transpose(1, 2), y), contains=\'expected logits of shape (*(4, 7), V)\')
test_fail(lambda: cross_entropy_flat(logits, [1, 2]), contains=\'expected tensors\')'''),
(29, [], '''\
g = torch.Generator().manual_seed(0)
Xc = torch.randn(1200, 20, 1, generator=g); yc = (Xc.sum((1, 2)) > 0).float()[:, None]
clf_train, clf_valid = TensorDataset(Xc[:1000], yc[:1000]), TensorDataset(Xc[1000:], yc[1000:])
class Classifier(nn.Module):
    "GRU over the sequence, one logit from the last state (or a probability if `squash`: the bug)"
    def __init__(self, H=16, squash=False):
        super().__init__(); self.rnn, self.head, self.squash = nn.GRU(1, H, batch_first=True), nn.Linear(H, 1), squash
    def forward(self, x, h=None):
        out, h = self.rnn(x, h); z = self.head(out[:, -1])
        return (torch.sigmoid(z) if self.squash else z), h'''),
(30, [], '''\
clf = {}
for squash in (False, True):
    torch.manual_seed(0); m = Classifier(squash=squash)
    tl_c, vl_c = fit_draft(m, DataLoader(clf_train, 32, shuffle=True, generator=torch.Generator().manual_seed(0)),
                           DataLoader(clf_valid, 200), F.binary_cross_entropy_with_logits, 4, torch.optim.Adam(m.parameters(), 1e-2))
    with torch.no_grad(): out = m.eval()(clf_valid.tensors[0])[0]
    clf[squash] = dict(tl=tl_c, loss=vl_c[-1], acc=((out > 0).float() == clf_valid.tensors[1]).float().mean().item())
    print(f"{\'sigmoid, then BCEWithLogits\' if squash else \'logits into BCEWithLogits \'}: valid loss {vl_c[-1]:.3f}, accuracy {clf[squash][\'acc\']:.1%}")
floor = (-math.log(torch.sigmoid(torch.tensor(1.)).item()) - math.log(0.5)) / 2
print(f"lowest loss the squashed model can reach on balanced classes: {floor:.3f}; share of positives {clf_valid.tensors[1].mean():.1%}")'''),
(31, [], '''\
assert clf[False][\'acc\'] > 0.85 and clf[False][\'loss\'] < 0.3
assert clf[True][\'loss\'] > floor - 0.02 and clf[True][\'acc\'] < 0.55'''),
(33, [], '''\
sq_train = TensorDataset(sine_train.tensors[0], sine_train.tensors[1][:, 0])     # targets (N,) instead of (N, 1)
sq_valid = TensorDataset(sine_valid.tensors[0], sine_valid.tensors[1][:, 0])
torch.manual_seed(0); m = Forecaster()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter(\'always\')
    tl_sq, vl_sq = fit_draft(m, DataLoader(sq_train, 32, shuffle=True, generator=torch.Generator().manual_seed(0)),
                             DataLoader(sq_valid, 256), F.mse_loss, 5, torch.optim.Adam(m.parameters(), lr=3e-3))
target_var = sq_valid.tensors[1].var(correction=0).item()
print(f"targets (B,): valid \'MSE\' {vl_sq[-1]:.4f}, variance of the targets {target_var:.4f}; right shape: {vl[-1]:.4f}")
print(f"{len(caught)} warnings, the first: {str(caught[0].message)[:110]}...")'''),
(34, [], '''\
assert len(caught) > 0 and \'different to the input size\' in str(caught[0].message)
test_close(vl_sq[-1], target_var, eps=0.05 * target_var)          # it learned the mean, nothing more
assert vl_sq[-1] > 20 * vl[-1]'''),
(36, [], '''\
fig, axs = plt.subplots(1, 3, figsize=(15, 3.6))
for ax, (a, b, title) in zip(axs, [(tl, tl_nozero, \'no zero_grad (MSE, sine)\'),
                                    (clf[False][\'tl\'], clf[True][\'tl\'], \'sigmoid before BCEWithLogits\'),
                                    (tl, tl_sq, \'targets (B,) for outputs (B, 1)\')]):
    ax.plot(running_mean(a), label=\'correct loop\'); ax.plot(running_mean(b), label=\'with the bug\')
    ax.set(title=title, xlabel=\'training batch\', ylabel=\'training loss (mean of 20 batches)\', yscale=\'log\'); ax.grid(alpha=.3); ax.legend()
fig.suptitle(\'Three silent bugs, measured on the training loss\'); fig.tight_layout()'''),
(38, [], '''\
text, valid_text = load_shakespeare(\'train\'), load_shakespeare(\'valid\')
vocab = Vocab(tokenize_chars(text)); V = len(vocab)
train_ids, valid_ids = torch.tensor(vocab.encode(text[:100_000])), torch.tensor(vocab.encode(valid_text[:20_000]))
class CharModel(nn.Module):
    "Embedding, one recurrent layer (`cell`), linear head: logits (B, T, V) and the state"
    def __init__(self, V, E=32, H=64, cell=nn.GRU):
        super().__init__(); self.emb, self.rnn, self.head = nn.Embedding(V, E), cell(E, H, batch_first=True), nn.Linear(H, V)
    def forward(self, x, h=None):
        out, h = self.rnn(self.emb(x), h)
        return self.head(out), h
opt_train, opt_valid = LMStream(train_ids[:40_000], 32, 32), LMStream(valid_ids[:15_000], 32, 32)
V, len(opt_train), len(opt_valid)'''),
(40, [], '''\
def fit_sched(model, train_dl, valid_dl, loss_fn, epochs, opt, sched=None, on=\'batch\'):
    "`fit_draft` with clipping at norm 1 and a scheduler stepped every batch or (`on=\'valid\'`) with each validation loss"
    train_losses, valid_losses, lrs = [], [], []
    for epoch in range(epochs):
        model.train()
        for x, y in train_dl:
            opt.zero_grad(); loss = loss_fn(model(x)[0], y); loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
            train_losses.append(loss.item()); lrs.append(opt.param_groups[0][\'lr\'])
            if sched is not None and on == \'batch\': sched.step()
        model.eval()
        with torch.no_grad():
            valid_losses.append(sum(loss_fn(model(x)[0], y).item() * y.numel() for x, y in valid_dl) / sum(y.numel() for _, y in valid_dl))
        if sched is not None and on == \'valid\': sched.step(valid_losses[-1])
    return train_losses, valid_losses, lrs'''),
(42, [], '''\
def make_settings(n_steps, warm=20):
    "{name: params -> (optimiser, scheduler or None, when to step it)} for a budget of `n_steps` steps"
    return {
        \'Adam 1e-3\':               lambda p: (torch.optim.Adam(p, 1e-3), None, \'batch\'),
        \'RMSprop 1e-3\':            lambda p: (torch.optim.RMSprop(p, 1e-3), None, \'batch\'),
        \'SGD 0.5, momentum 0.9\':   lambda p: (torch.optim.SGD(p, 0.5, momentum=0.9), None, \'batch\'),
        \'Adam 1e-2\':               lambda p: (torch.optim.Adam(p, 1e-2), None, \'batch\'),
        \'Adam 1e-2, warm-up\':      lambda p: (o := torch.optim.Adam(p, 1e-2), lr_scheduler.LambdaLR(o, lambda i: min(1, (i + 1) / warm)), \'batch\'),
        \'Adam 1e-2, warm-up + cosine\': lambda p: (o := torch.optim.Adam(p, 1e-2), lr_scheduler.LambdaLR(
                                         o, lambda i: min((i + 1) / warm, 0.5 * (1 + math.cos(math.pi * i / n_steps)))), \'batch\'),
        \'Adam 1e-2, plateau ÷3\':   lambda p: (o := torch.optim.Adam(p, 1e-2), lr_scheduler.ReduceLROnPlateau(o, factor=1/3, patience=0, threshold=0.01), \'valid\'),
    }
def compare(train, valid, epochs):
    "Train a fresh CharModel with every setting; {name: (train losses, valid losses, lrs)}"
    res = {}
    for name, make in make_settings(epochs * len(train)).items():
        torch.manual_seed(0); m = CharModel(V); opt, sched, on = make(m.parameters())
        res[name] = fit_sched(m, train, valid, cross_entropy_flat, epochs, opt, sched, on)
    return res
def table(runs):
    print(f"{\'setting\':29} {\'train (last 20)\':>15} {\'valid\':>7} {\'valid perplexity\':>17}")
    for name, (tl_, vl_, _) in runs.items(): print(f"{name:29} {sum(tl_[-20:]) / 20:15.3f} {vl_[-1]:7.3f} {math.exp(vl_[-1]):17.2f}")
runs = compare(opt_train, opt_valid, 3); n_steps = 3 * len(opt_train)
table(runs)'''),
(43, [], '''\
def plot_runs(runs, title):
    "Running mean of the training loss for the optimisers, for the schedules, and the schedules\' learning rates"
    names = list(runs); color = {n: f\'C{i}\' for i, n in enumerate(names)}
    style = {\'Adam 1e-2\': dict(lw=5, alpha=.35), \'Adam 1e-2, plateau ÷3\': dict(ls=\':\', lw=2)}
    fig, axs = plt.subplots(1, 3, figsize=(16, 4))
    for ax, group, t in [(axs[0], names[:4], \'Optimisers at their own learning rates\'), (axs[1], names[3:], \'Schedules for Adam, peak 1e-2\')]:
        for n in group:
            tl_, vl_, _ = runs[n]
            ax.plot(range(19, len(tl_)), running_mean(tl_), color=color[n], label=f"{n} (valid {vl_[-1]:.2f})", **style.get(n, {}))
        ax.set(title=t, xlabel=\'training batch\', ylabel=\'train cross-entropy, nats/char (mean of 20)\', ylim=(1.5, 3.6)); ax.legend(fontsize=8); ax.grid(alpha=.3)
    for n in names[3:]: axs[2].plot(runs[n][2], color=color[n], label=n, **style.get(n, {}))
    axs[2].set(title=\'Learning rate\', xlabel=\'training batch\', ylabel=\'learning rate\', yscale=\'log\'); axs[2].legend(fontsize=8); axs[2].grid(alpha=.3)
    fig.suptitle(title); fig.tight_layout()
plot_runs(runs, f\'Character GRU (H = 64) on Shakespeare, {n_steps} steps each\')'''),
(44, [], '''\
fin = {k: v[1][-1] for k, v in runs.items()}
assert all(v < math.log(V) - 0.5 for v in fin.values())                  # every setting learns something
assert fin[\'Adam 1e-2\'] < fin[\'Adam 1e-3\'] - 0.1                          # at this budget, 1e-3 is too slow
lr_p = runs[\'Adam 1e-2, plateau ÷3\'][2]                                 # the plateau schedule moves only between epochs, by ÷3
assert all(a == b for i, (a, b) in enumerate(zip(lr_p, lr_p[1:])) if (i + 1) % len(opt_train))
assert all(min(abs(math.log(lr / 1e-2, 3) - k) for k in (0, -1, -2, -3)) < 1e-9 for lr in lr_p)
test_close(runs[\'Adam 1e-2, warm-up\'][2][:3], [1e-2 / 20, 2e-2 / 20, 3e-2 / 20], eps=1e-12)'''),
(46, ['slow'], '''\
long_runs = compare(LMStream(train_ids, 32, 32), opt_valid, 8)
table(long_runs); plot_runs(long_runs, \'Character GRU (H = 64) on Shakespeare, 8 epochs of 98 batches each\')'''),
(48, [], '''\
g = torch.Generator().manual_seed(0)
yr = torch.randn(1001, generator=g); yr[:50] += 20                    # 5% of the targets are outliers; an odd count, one median
c = torch.linspace(-1, 3, 4001)
best_mse, best_mae = c[((yr[None] - c[:, None]) ** 2).mean(1).argmin()], c[(yr[None] - c[:, None]).abs().mean(1).argmin()]
print(f"best constant under MSE {best_mse:.3f} (mean {yr.mean():.3f}); under MAE {best_mae:.3f} (median {yr.median():.3f})")'''),
(49, [], '''\
test_close(best_mse, yr.mean(), eps=2e-3); test_close(best_mae, yr.median(), eps=2e-3)   # grid step 1e-3'''),
(51, [], '''\
uniform = cross_entropy_flat(torch.zeros(4, 32, V), torch.randint(0, V, (4, 32)))
best_name = min(runs, key=lambda k: runs[k][1][-1]); m_best = runs[best_name][1][-1]
print(f"uniform guess: cross-entropy {uniform:.4f} = ln {V}, perplexity {uniform.exp():.2f}; "
      f"best run above ({best_name}): perplexity {math.exp(m_best):.2f}")
torch.manual_seed(0); m_untrained = CharModel(V).eval()
with torch.no_grad(): ces = torch.tensor([cross_entropy_flat(m_untrained(x)[0], y).item() for x, y in opt_valid])
print(f"untrained model: exp(mean CE) {ces.mean().exp():.4f}, mean of per-batch exp(CE) {ces.exp().mean():.4f}")'''),
(52, [], '''\
test_close(uniform.exp(), V, eps=1e-3)
assert ces.exp().mean() >= ces.mean().exp()'''),
(54, [], '''\
def fit_draft2(model, train_dl, valid_dl, loss_fn, epochs, lr=1e-3, opt_func=torch.optim.Adam,
               clip=None, make_sched=None, stateful=False, patience=None):
    "The draft with clipping, a per-batch schedule, a carried state and early stopping"
    opt = opt_func(model.parameters(), lr=lr)
    sched = make_sched(opt) if make_sched else None
    train_losses, valid_losses, best, best_state, wait = [], [], math.inf, None, 0
    for epoch in range(epochs):
        model.train(); h = None
        for x, y in train_dl:
            out, h_new = model(x, h.detach() if stateful and h is not None else None)
            loss = loss_fn(out, y); loss.backward()
            if clip: nn.utils.clip_grad_norm_(model.parameters(), clip)
            opt.step(); opt.zero_grad(); h = h_new
            if sched: sched.step()
            train_losses.append(loss.item())
        model.eval(); h, total, n = None, 0., 0
        with torch.no_grad():
            for x, y in valid_dl:
                out, h = model(x, h if stateful else None)
                total += loss_fn(out, y).item() * y.numel(); n += y.numel()
        valid_losses.append(total / n)
        if patience is not None:
            if valid_losses[-1] < best: best, wait, best_state = valid_losses[-1], 0, copy.deepcopy(model.state_dict())
            elif (wait := wait + 1) >= patience: break
    if best_state is not None: model.load_state_dict(best_state)
    return train_losses, valid_losses'''),
(56, [], '''\
class DataLoaders:
    "The training loader and, optionally, the validation loader"
    def __init__(self, train,       # re-iterable of batches: DataLoader, LMStream, LMWindows, a list...
                 valid=None):       # the same for validation, or None to skip validation
        for name, dl in ((\'train\', train), (\'valid\', valid)):
            if dl is None and name == \'valid\': continue
            if (not isinstance(dl, collections.abc.Iterable) or isinstance(dl, (collections.abc.Iterator, str, bytes, torch.Tensor))):
                raise TypeError(f"DataLoaders: expected `{name}` to be a re-iterable loader (DataLoader, LMStream, a list of batches), "
                                f"got {type(dl).__name__}{\' (a one-shot iterator)\' if isinstance(dl, collections.abc.Iterator) else \'\'}")
        self.train, self.valid = train, valid
    def __repr__(self): return f"DataLoaders(train={type(self.train).__name__}, valid={type(self.valid).__name__})"'''),
(57, [], '''\
DataLoaders(*sine_loaders()), DataLoaders(opt_train, opt_valid)'''),
(58, [], '''\
test_fail(lambda: DataLoaders(iter([1, 2])), contains=\'one-shot iterator\')
test_fail(lambda: DataLoaders([(1, 2)], valid=torch.ones(3)), contains=\'`valid` to be a re-iterable loader\')
test_fail(lambda: DataLoaders(5), contains=\'got int\')
test_eq(DataLoaders([(1, 2)]).valid, None)'''),
(60, [], '''\
class CancelFitException(Exception): "Stop training; `after_fit` still runs"
class CancelEpochException(Exception): "Skip the rest of this epoch"
class CancelTrainException(Exception): "Skip the rest of this epoch\'s training batches"
class CancelValidateException(Exception): "Skip the rest of this epoch\'s validation batches"
class CancelBatchException(Exception): "Skip the rest of this batch"
class CancelBackwardException(Exception): "Skip this batch\'s backward pass"
class CancelStepException(Exception): "Skip this batch\'s `opt.step()` and `zero_grad()`: the gradients accumulate"

class Callback:
    "Base class of callbacks: a method named after an event (`after_batch(self, learn)`) runs at that event; lower `order` runs first"
    order = 0'''),
(62, [], '''\
class Metric:
    "Mean of `func(preds, y)` over the validation set, each batch weighted by `y.numel()`, then `post`"
    def __init__(self, func=None,  # f(preds, y) -> the batch mean as a scalar; a subclass may define it instead
                 name=None,        # column name in the recorder; default the function\'s name
                 post=None):       # applied to the mean at the end (e.g. math.exp)
        if func is not None: self.func = func
        if not callable(getattr(self, \'func\', None)): raise TypeError(f"func: expected a function f(preds, y), got {type(func).__name__}")
        if post is not None: self.post = post
        self.name = name or getattr(type(self), \'name\', None) or getattr(self.func, \'__name__\', type(self).__name__.lower())
        self.reset()
    def post(self, v): return v
    def reset(self): self.total, self.count = 0., 0
    def accumulate(self, preds, y):
        n = y.numel(); self.total += float(self.func(preds, y)) * n; self.count += n
    @property
    def value(self): return self.post(self.total / self.count) if self.count else float(\'nan\')
    def __repr__(self): return f"{type(self).__name__}({self.name!r})"

def _accuracy(preds, y):
    "Binary if `preds` has the shape of `y` (logit > 0), else argmax over the last axis"
    if preds.shape == y.shape: return ((preds > 0).to(y.dtype) == y).float().mean()
    return (preds.argmax(-1) == y).float().mean()

class Accuracy(Metric): "Share of correct predictions: argmax of the logits, or logit > 0 for binary"; name, func = \'accuracy\', staticmethod(_accuracy)
class Perplexity(Metric):
    "exp of the mean cross-entropy of logits (..., V) against ids (...)"
    name, func = \'perplexity\', staticmethod(cross_entropy_flat)
    def post(self, v): return math.exp(v)
class MAE(Metric): "Mean absolute error"; name, func = \'mae\', staticmethod(F.l1_loss)
class RMSE(Metric):
    "Root of the mean squared error"
    name, func = \'rmse\', staticmethod(F.mse_loss)
    def post(self, v): return math.sqrt(v)

def _as_metric(m):
    if isinstance(m, Metric): return m
    if isinstance(m, type) and issubclass(m, Metric): return m()
    if callable(m): return Metric(m)
    raise TypeError(f"metrics: expected Metric objects or functions f(preds, y), got {type(m).__name__}")'''),
(63, [], '''\
ppl = Perplexity()
for x, y in itertools.islice(opt_valid, 3):
    with torch.no_grad(): ppl.accumulate(m_untrained(x)[0], y)
ppl, ppl.value, ppl.count'''),
(64, [], '''\
test_close(ppl.value, ces[:3].mean().exp(), eps=1e-4)                       # equal batches: exp of the mean of the 3
a = Accuracy(); a.accumulate(torch.tensor([[2., 1], [0, 3], [1, 0]]), torch.tensor([0, 0, 0])); test_close(a.value, 2/3)
a.reset(); a.accumulate(torch.tensor([[1.], [-1], [2]]), torch.tensor([[1.], [1], [1]])); test_close(a.value, 2/3)   # binary logits
r = RMSE(); r.accumulate(torch.zeros(2, 1), torch.ones(2, 1)); r.accumulate(torch.zeros(6, 1), torch.full((6, 1), 3.))
test_close(r.value, math.sqrt((2 * 1 + 6 * 9) / 8)); test_eq(r.name, \'rmse\')
test_eq(_as_metric(F.l1_loss).name, \'l1_loss\'); test_eq(type(_as_metric(MAE)), MAE)
test_eq(math.isnan(Metric(F.l1_loss).value), True)
test_fail(lambda: _as_metric(3), contains=\'metrics: expected Metric objects or functions\')'''),
(66, [], '''\
def _numel(y): return y.numel() if isinstance(y, torch.Tensor) else 1

class Recorder(Callback):
    "Loss and lr of every training batch; per epoch, the mean losses, the `metrics` and the time"
    order = -10
    def __init__(self, metrics=None): # Metric objects or functions f(preds, y)
        self.metrics = [_as_metric(m) for m in (metrics or [])]
        self.losses, self.lrs, self.log, self.valid = [], [], [], {}
    def before_train(self, learn): self.t0, self.tl, self.tn = time.perf_counter(), 0., 0
    def before_batch(self, learn): self.lr = learn.opt.param_groups[0][\'lr\']     # the lr this batch is trained with
    def before_validate(self, learn):
        self.vl, self.vn, self.valid = 0., 0, {}
        for m in self.metrics: m.reset()
    def after_batch(self, learn):
        if learn.loss is None: return                 # a cancelled batch
        loss, n = learn.loss.item(), _numel(learn.yb)
        if learn.training:
            self.losses.append(loss); self.lrs.append(self.lr); self.tl += loss * n; self.tn += n
        else:
            self.vl += loss * n; self.vn += n
            for m in self.metrics: m.accumulate(learn.preds, learn.yb)
    def after_validate(self, learn):
        self.valid = dict(valid_loss=self.vl / self.vn if self.vn else math.nan, **{m.name: m.value for m in self.metrics})
    def after_epoch(self, learn):
        row = dict(epoch=learn.epoch, step=len(self.losses), train_loss=self.tl / self.tn if getattr(self, \'tn\', 0) else math.nan)
        row.update(self.valid or dict(valid_loss=math.nan, **{m.name: math.nan for m in self.metrics}))
        self.log.append(dict(row, time=time.perf_counter() - self.t0)); self.valid = {}

    def values(self, name # a column: \'epoch\', \'step\', \'train_loss\', \'valid_loss\', a metric\'s name, \'time\'
              )->list:
        "The column `name` of the per-epoch log"
        return [r[name] for r in self.log]
    def last(self, name # a column, as in `values`
            ):
        "The latest value of column `name`"
        if not self.log: raise ValueError("recorder: no epoch has finished yet")
        if name not in self.log[-1]: raise ValueError(f"monitor: {name!r} is not recorded; the recorder has {list(self.log[-1])}")
        return self.log[-1][name]
    def state_dict(self):
        "Losses, learning rates and log, for checkpoints"
        return dict(losses=list(self.losses), lrs=list(self.lrs), log=[dict(r) for r in self.log])
    def load_state_dict(self, d): self.losses, self.lrs, self.log = list(d[\'losses\']), list(d[\'lrs\']), [dict(r) for r in d[\'log\']]'''),
(68, [], '''\
def _check_lr(lr):
    if isinstance(lr, bool) or not isinstance(lr, (int, float)): raise TypeError(f"lr: expected a float, got {type(lr).__name__}")
    if not lr > 0: raise ValueError(f"lr: expected a positive float, got {lr}")

class Learner:
    "Train `model` on `dls` with `loss_func` and `opt_func`; the callbacks `cbs` hook into every event"
    def __init__(self, model:nn.Module, # follows forward(x, h=None) -> (out, h), or returns a plain tensor
                 dls:DataLoaders,        # training and validation loaders
                 loss_func,              # f(preds, y) -> scalar tensor
                 lr:float=1e-3,          # learning rate of the optimiser
                 opt_func=torch.optim.Adam, # optimiser class, called as opt_func(params, lr=lr)
                 cbs=None,               # Callback objects used in every fit
                 metrics=None):          # Metric objects or functions f(preds, y), computed on validation
        if not isinstance(model, nn.Module): raise TypeError(f"model: expected an nn.Module, got {type(model).__name__}")
        if not isinstance(dls, DataLoaders): raise TypeError(f"dls: expected DataLoaders(train, valid), got {type(dls).__name__}")
        if not callable(loss_func): raise TypeError(f"loss_func: expected a function f(preds, y) -> scalar, got {type(loss_func).__name__}")
        _check_lr(lr); cbs = list(cbs or [])
        for cb in cbs:
            if not isinstance(cb, Callback): raise TypeError(f"cbs: expected Callback objects, got {type(cb).__name__}")
        store_attr(\'model,dls,loss_func,opt_func\')
        self.opt, self.recorder = opt_func(model.parameters(), lr=lr), Recorder(metrics)
        self.cbs, self.epoch, self.h, self.loss, self.training = [self.recorder] + cbs, 0, None, None, False

    def callback(self, event):
        "Run method `event` of every callback that has one, lowest `order` first"
        for cb in sorted(self.cbs, key=attrgetter(\'order\')):
            f = getattr(cb, event, None)
            if f is not None: f(self)

    def _with_events(self, f, name, cancel):
        try: self.callback(f\'before_{name}\'); f()
        except cancel: pass
        self.callback(f\'after_{name}\')

    @property
    def device(self): return next((p.device for p in self.model.parameters()), torch.device(\'cpu\'))'''),
(70, [], '''\
def _shape(x): return tuple(x.shape) if isinstance(x, torch.Tensor) else type(x).__name__
def _to(b, dev):
    if isinstance(b, torch.Tensor): return b.to(dev)
    if isinstance(b, (list, tuple)): return type(b)(_to(o, dev) for o in b)
    return b

@patch
def _forward(self:Learner):
    out = self.model(*self.xb) if self.h is None else self.model(*self.xb, self.h)
    if isinstance(out, tuple):
        if len(out) != 2: raise TypeError(f"model: expected forward to return a tensor or (out, h), got a tuple of {len(out)}")
        self.preds, self.h_out = out
    else: self.preds, self.h_out = out, None

@patch
def _get_loss(self:Learner):
    p, y, name = self.preds, self.yb, getattr(self.loss_func, \'__name__\', type(self.loss_func).__name__)
    if isinstance(p, torch.Tensor) and isinstance(y, torch.Tensor) and y.is_floating_point() and p.shape != y.shape:
        raise ValueError(f"model output of shape {_shape(p)} does not match the float target of shape {_shape(y)}; the loss would "
                         "broadcast them. Make them equal (e.g. out.squeeze(-1) or y.unsqueeze(-1))")
    try: loss = self.loss_func(p, y)
    except (RuntimeError, ValueError, IndexError) as e:
        raise ValueError(f"loss_func {name} failed on model output of shape {_shape(p)} and target of shape {_shape(y)}: {e}") from e
    if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
        raise ValueError(f"loss_func {name}: expected a scalar tensor, got {\'shape \' + str(_shape(loss)) if isinstance(loss, torch.Tensor) else type(loss).__name__}; "
                         "reduce it to one number (e.g. reduction=\'mean\')")
    self.loss = loss

@patch
def _step(self:Learner): self.opt.step(); self.opt.zero_grad()

@patch
def _one_batch(self:Learner):
    self._forward()
    self._with_events(self._get_loss, \'loss\', ())
    if not self.training: return
    self._with_events(lambda: self.loss.backward(), \'backward\', CancelBackwardException)
    self._with_events(self._step, \'step\', CancelStepException)

@patch
def _all_batches(self:Learner):
    n = 0
    for self.iter, b in enumerate(self.dl):
        if not isinstance(b, (tuple, list)) or len(b) < 2:
            raise TypeError(f"batch: expected (x, y) or (x1, ..., y) from the loader, got {type(b).__name__}")
        self.batch = _to(b, self.device); *self.xb, self.yb = self.batch; self.loss = None
        self._with_events(self._one_batch, \'batch\', CancelBatchException); n += 1
    if n == 0: raise ValueError(f"dls.{\'train\' if self.training else \'valid\'}: the loader yielded no batch")'''),
(72, [], '''\
@patch
def _train(self:Learner):
    self.model.train(); self.training, self.dl = True, self.dls.train
    self._with_events(self._all_batches, \'train\', CancelTrainException)

@patch
def _validate(self:Learner, dl=None):
    self.model.eval(); self.training, self.dl = False, self.dls.valid if dl is None else dl
    with torch.no_grad(): self._with_events(self._all_batches, \'validate\', CancelValidateException)

@patch
def _one_epoch(self:Learner):
    try:
        for s in (self.dls.train, getattr(self.dls.train, \'sampler\', None), getattr(self.dls.train, \'batch_sampler\', None)):
            if hasattr(s, \'set_epoch\'): s.set_epoch(self.epoch)
        self._train()
        if self.dls.valid is not None: self._validate()
    finally: self.epoch += 1

@patch
def _fit(self:Learner):
    for _ in range(self.n_epochs): self._with_events(self._one_epoch, \'epoch\', CancelEpochException)'''),
(73, [], '''\
@patch
def fit(self:Learner, n_epochs:int, # epochs to train, at least 1
        lr:float=None,              # set the optimiser\'s learning rate first (None: keep it)
        cbs=None):                  # extra callbacks for this fit only
    "Train `n_epochs` more epochs, validating after each"
    _check_int(n_epochs, \'n_epochs\', 1)
    for name in (\'train\', \'valid\'):
        dl = getattr(self.dls, name)
        if dl is not None and hasattr(dl, \'__len__\') and len(dl) == 0:
            raise ValueError(f"dls.{name}: the loader is empty (len 0); check the dataset size against batch_size and drop_last")
    if lr is not None:
        _check_lr(lr)
        for g in self.opt.param_groups: g[\'lr\'] = lr; g.pop(\'initial_lr\', None)
    cbs = list(cbs or [])
    for cb in cbs:
        if not isinstance(cb, Callback): raise TypeError(f"cbs: expected Callback objects, got {type(cb).__name__}")
    self.cbs += cbs; self.n_epochs, self.start_epoch = n_epochs, self.epoch
    try: self._with_events(self._fit, \'fit\', CancelFitException)
    finally:
        for cb in cbs: self.cbs.remove(cb)
        self.h = None
    return self

@patch
def validate(self:Learner, dl=None # a loader; default `dls.valid`
            )->dict:
    "One validation pass over `dl` with the callbacks; the validation loss and metrics"
    if dl is None and self.dls.valid is None: raise ValueError("validate: no dl given and dls.valid is None")
    try: self._validate(dl)
    finally: self.h = None
    return dict(self.recorder.valid)'''),
(75, [], '''\
torch.manual_seed(0)
learn = Learner(Forecaster(), DataLoaders(*sine_loaders()), F.mse_loss, lr=3e-3, metrics=[MAE(), RMSE()])
learn.fit(3)
for row in learn.recorder.log: print({k: round(v, 4) for k, v in row.items() if k != \'time\'})'''),
(76, [], '''\
torch.manual_seed(0); m2 = Forecaster()
tl2, vl2 = fit_draft2(m2, *sine_loaders(), F.mse_loss, 3, lr=3e-3)
print(\'same weights as fit_draft2:\', all(torch.equal(p, q) for p, q in zip(learn.model.parameters(), m2.parameters())))'''),
(77, [], '''\
assert all(torch.equal(p, q) for p, q in zip(learn.model.parameters(), m2.parameters()))
test_eq(learn.recorder.losses, tl2); test_close(learn.recorder.values(\'valid_loss\'), vl2, eps=1e-9)
test_eq(learn.epoch, 3); test_eq(learn.recorder.values(\'step\'), [46, 92, 138]); test_eq(len(learn.recorder.lrs), 138)
test_close(learn.recorder.last(\'rmse\'), math.sqrt(learn.recorder.last(\'valid_loss\')), eps=1e-6)      # RMSE = sqrt(MSE) exactly
test_eq(learn.validate(), learn.recorder.valid)
test_close(learn.validate()[\'valid_loss\'], vl2[-1], eps=1e-9)                # validate() reproduces the last epoch
test_fail(lambda: learn.recorder.last(\'accuracy\'), contains="\'accuracy\' is not recorded")'''),
(79, [], '''\
EVENTS = [f\'{w}_{e}\' for e in (\'fit\', \'epoch\', \'train\', \'validate\', \'batch\', \'loss\', \'backward\', \'step\') for w in (\'before\', \'after\')]
class EventLog(Callback):
    "Append the name of every event to `log`"
    def __init__(self): self.log = []
for ev in EVENTS: setattr(EventLog, ev, lambda self, learn, ev=ev: self.log.append(ev))
tiny = [(torch.randn(4, 3, 1), torch.randn(4, 1)) for _ in range(2)]
el = EventLog(); Learner(Forecaster(4), DataLoaders(tiny, tiny[:1]), F.mse_loss, cbs=[el]).fit(1)
print(\' → \'.join(el.log))'''),
(80, [], '''\
one_train = [\'before_batch\', \'before_loss\', \'after_loss\', \'before_backward\', \'after_backward\', \'before_step\', \'after_step\', \'after_batch\']
test_eq(el.log, [\'before_fit\', \'before_epoch\', \'before_train\', *one_train, *one_train, \'after_train\', \'before_validate\',
                 \'before_batch\', \'before_loss\', \'after_loss\', \'after_batch\', \'after_validate\', \'after_epoch\', \'after_fit\'])
def raiser(event, exc, when=lambda learn: True):
    "A callback that raises `exc` at `event` when `when(learn)`"
    def f(self, learn):
        if when(learn): raise exc()
    return type(\'Raiser\', (Callback,), {event: f})()
def run_with(cb, n=1, **kw):
    el = EventLog(); l = Learner(Forecaster(4), DataLoaders(tiny, tiny[:1]), F.mse_loss, cbs=[el, cb], **kw); l.fit(n); return l, el.log
l, log = run_with(raiser(\'before_step\', CancelStepException))                  # no step: weights unchanged, gradients accumulate
test_eq(log.count(\'after_step\'), 2); test_eq(l.recorder.lrs, [1e-3, 1e-3])
torch.manual_seed(0); f1 = Forecaster(4); w0 = [p.detach().clone() for p in f1.parameters()]
Learner(f1, DataLoaders(tiny, tiny[:1]), F.mse_loss, cbs=[raiser(\'before_step\', CancelStepException)]).fit(1)
assert all(torch.equal(a, b) for a, b in zip(w0, f1.parameters())) and f1.head.bias.grad is not None
g_acc = f1.head.bias.grad.clone(); f1.zero_grad()
for x_, y_ in tiny: F.mse_loss(f1(x_)[0], y_).backward()
test_close(g_acc, f1.head.bias.grad, eps=1e-6)                                       # the sum of both batches\' gradients
l, log = run_with(raiser(\'before_batch\', CancelBatchException))                # batches skipped: nothing recorded
test_eq(log.count(\'before_loss\'), 0); test_eq(l.recorder.losses, []); test_eq(math.isnan(l.recorder.last(\'valid_loss\')), True)
l, log = run_with(raiser(\'after_batch\', CancelTrainException, lambda learn: learn.training))   # one training batch, then validation
test_eq(log.count(\'before_backward\'), 1); test_eq(log.count(\'after_validate\'), 1); test_eq(len(l.recorder.losses), 1)
l, log = run_with(raiser(\'before_validate\', CancelValidateException))
test_eq(log.count(\'before_batch\'), 2); test_eq(log[-3:], [\'after_validate\', \'after_epoch\', \'after_fit\'])
l, log = run_with(raiser(\'before_train\', CancelEpochException), n=2)
test_eq(log.count(\'before_batch\'), 0); test_eq(log.count(\'after_epoch\'), 2); test_eq(l.epoch, 2)
l, log = run_with(raiser(\'after_epoch\', CancelFitException), n=5)
test_eq(log.count(\'before_epoch\'), 1); test_eq(log[-1], \'after_fit\'); test_eq(l.epoch, 1)
l, log = run_with(raiser(\'before_backward\', CancelBackwardException))
test_eq(log.count(\'after_backward\'), 2); test_eq(log.count(\'before_step\'), 2)
l.fit(2); test_eq(l.epoch, 3); test_eq(l.recorder.values(\'epoch\'), [1, 2, 3])   # fit continues the epoch count'''),
(82, [], '''\
class TwoInputs(nn.Module):
    "A plain tensor from two inputs"
    def __init__(self): super().__init__(); self.lin = nn.Linear(2, 1)
    def forward(self, a, b): return self.lin(torch.cat([a, b], -1))
torch.manual_seed(0)
batches = [(torch.randn(8, 1), torch.randn(8, 1), torch.randn(8, 1)) for _ in range(3)]
l2 = Learner(TwoInputs(), DataLoaders(batches, batches), F.mse_loss, lr=0.1).fit(3)
l2.recorder.values(\'valid_loss\')'''),
(83, [], '''\
test_eq(l2.h_out, None); assert l2.recorder.values(\'valid_loss\')[-1] < l2.recorder.values(\'valid_loss\')[0]'''),
(85, [], '''\
@patch
def plot_loss(self:Learner, ax=None, # matplotlib axes to draw on (default: a new figure)
              title=None,            # the plot\'s title
              label=\'\'):             # prefix of the legend labels, to compare learners on one axes
    "Training loss of every batch and its running mean; validation loss of every epoch"
    import matplotlib.pyplot as plt
    r = self.recorder
    if ax is None: ax = plt.subplots(figsize=(7, 3.5))[1]
    pre = f\'{label}: \' if label else \'\'
    c = ax.plot(r.losses, alpha=.25, label=f\'{pre}train, per batch\')[0].get_color()
    w = max(1, min(20, len(r.losses) // 5))
    if len(r.losses) >= w:
        ax.plot(range(w - 1, len(r.losses)), torch.tensor(r.losses).unfold(0, w, 1).mean(1), color=c, label=f\'{pre}train, mean of {w} batches\')
    if r.log: ax.plot(r.values(\'step\'), r.values(\'valid_loss\'), \'o--\', color=c if label else None, label=f\'{pre}valid, per epoch\')
    ax.set(xlabel=\'training batch\', ylabel=\'loss\', title=title or f\'{type(self.model).__name__}: loss\'); ax.grid(alpha=.3); ax.legend()
    return ax'''),
(86, [], '''\
learn.plot_loss(title=\'Forecaster trained by the Learner: MSE\').set_yscale(\'log\')'''),
(88, [], '''\
class GradClip(Callback):
    "Clip the global gradient norm to `max_norm` after each backward pass; `norms` keeps the norm before clipping"
    order = 10
    def __init__(self, max_norm:float=1.0): # largest norm allowed (1.0 is the usual advice for RNNs)
        self.max_norm, self.norms = max_norm, []
    def after_backward(self, learn): self.norms.append(float(nn.utils.clip_grad_norm_(learn.model.parameters(), self.max_norm)))'''),
(90, [], '''\
class Scheduler(Callback):
    "Step the torch scheduler `make(opt)` after every optimiser step or every epoch"
    order = 20
    def __init__(self, make,           # opt -> a torch lr scheduler
                 every:str=\'batch\'):   # \'batch\' or \'epoch\'
        if every not in (\'batch\', \'epoch\'): raise ValueError(f"every: expected \'batch\' or \'epoch\', got {every!r}")
        self.make, self.every, self.sched, self._pending = make, every, None, None
    def before_fit(self, learn):
        if self.sched is not None: return
        groups = [{k: v for k, v in g.items() if k != \'params\'} for g in learn.opt.param_groups]
        self.sched = self.make(learn.opt)
        if self._pending is not None:                      # resuming: the loaded optimiser holds the right lr and momentum
            self.sched.load_state_dict(self._pending); self._pending = None
            for g, s in zip(learn.opt.param_groups, groups): g.update(s)
    def _step(self, learn): self.sched.step()
    def after_step(self, learn):
        if self.every == \'batch\': self._step(learn)
    def after_epoch(self, learn):
        if self.every == \'epoch\': self._step(learn)
    def state_dict(self): return self.sched.state_dict() if self.sched is not None else self._pending
    def load_state_dict(self, d):
        if self.sched is None: self._pending = d
        else: self.sched.load_state_dict(d)

class OneCycle(Scheduler):
    "Torch\'s one-cycle schedule over `total_steps` optimiser steps (default: all batches of the first fit)"
    def __init__(self, max_lr:float,        # the peak learning rate
                 total_steps:int=None,      # steps in the plan; None: epochs × batches of the first fit
                 pct_start:float=0.25):     # share of the steps spent warming up
        store_attr(\'max_lr,total_steps,pct_start\'); super().__init__(self._make)
    def _make(self, opt):
        return torch.optim.lr_scheduler.OneCycleLR(opt, self.max_lr, total_steps=self.total_steps or self.planned, pct_start=self.pct_start)
    def before_fit(self, learn):
        self.planned = learn.n_epochs * len(learn.dls.train); super().before_fit(learn)
    def _step(self, learn):
        if self.sched.last_epoch + 1 < self.sched.total_steps: self.sched.step()   # past the plan, hold the final lr

class ReduceLROnPlateauCB(Scheduler):
    "Multiply the lr by `factor` when `monitor` has not improved for `patience` epochs (torch\'s `ReduceLROnPlateau`)"
    def __init__(self, monitor:str=\'valid_loss\', # a column of the recorder
                 factor:float=0.5,               # multiply the lr by this
                 patience:int=1,                 # epochs without improvement to wait
                 mode:str=\'min\'):                # \'min\' or \'max\': which direction is better
        self.monitor = monitor
        super().__init__(lambda opt: torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode, factor, patience), every=\'epoch\')
    def _step(self, learn): self.sched.step(learn.recorder.last(self.monitor))'''),
(92, [], '''\
class _Monitor(Callback):
    order = 30
    def __init__(self, monitor, mode):
        if mode not in (\'min\', \'max\'): raise ValueError(f"mode: expected \'min\' or \'max\', got {mode!r}")
        self.monitor, self.mode, self.best = monitor, mode, None
    def _improved(self, learn, min_delta=0.):
        v = learn.recorder.last(self.monitor)
        if math.isnan(v): return False
        if self.best is None or (v < self.best - min_delta if self.mode == \'min\' else v > self.best + min_delta):
            self.best = v; return True
        return False

class EarlyStopping(_Monitor):
    "Stop when `monitor` has not improved by `min_delta` for `patience` epochs; then restore the best weights"
    def __init__(self, monitor:str=\'valid_loss\', # a column of the recorder
                 patience:int=3,                 # epochs without improvement before stopping
                 min_delta:float=0.,             # smaller changes do not count as improvement
                 mode:str=\'min\',                 # \'min\' or \'max\'
                 restore_best:bool=True):        # load the best epoch\'s weights at the end of fit
        super().__init__(monitor, mode); store_attr(\'patience,min_delta,restore_best\'); self.wait, self.best_state = 0, None
    def after_epoch(self, learn):
        if self._improved(learn, self.min_delta):
            self.wait, self.best_epoch = 0, learn.epoch
            self.best_state = {k: v.detach().clone() for k, v in learn.model.state_dict().items()}
        elif (w := self.wait + 1) >= self.patience: self.wait, self.stopped_epoch = w, learn.epoch; raise CancelFitException()
        else: self.wait = w
    def after_fit(self, learn):
        if self.restore_best and self.best_state is not None: learn.model.load_state_dict(self.best_state)

class SaveBest(_Monitor):
    "Save the training state to `path` with `Learner.save` whenever `monitor` improves"
    def __init__(self, path,                     # checkpoint file
                 monitor:str=\'valid_loss\',       # a column of the recorder
                 mode:str=\'min\'):                # \'min\' or \'max\'
        super().__init__(monitor, mode); self.path = Path(path)
    def after_epoch(self, learn):
        if self._improved(learn): learn.save(self.path)'''),
(94, [], '''\
class TimeBudget(Callback):
    "Stop after `seconds` of wall-clock time: finish the batch, validate, end the fit"
    order = 90
    def __init__(self, seconds:float,          # the budget, counted from the start of fit
                 clock=time.perf_counter):     # the clock (replaceable, for tests)
        self.seconds, self.clock = seconds, clock
    def before_fit(self, learn): self.t0, self.expired = self.clock(), False
    def after_batch(self, learn):
        if learn.training and self.clock() - self.t0 >= self.seconds: self.expired = True; raise CancelTrainException()
    def after_epoch(self, learn):
        if self.expired or self.clock() - self.t0 >= self.seconds: self.expired = True; raise CancelFitException()'''),
(96, [], '''\
def _fmt(row): return {k: str(v) if k == \'epoch\' else f"{v:.1f}s" if k == \'time\' else f"{v:.4f}" for k, v in row.items() if k != \'step\'}

class ProgressCB(Callback):
    "Progress bars and a live loss plot in Jupyter; one printed line per epoch elsewhere"
    order = -9
    def __init__(self, plot:bool=True, # in Jupyter, redraw the losses while training
                 every:int=10):        # redraw every this many batches
        self.plot, self.every = plot, every
    def before_fit(self, learn):
        import fastprogress.fastprogress as fp
        self.fp, self.nb, self.header = fp, fp.IN_NOTEBOOK, False
        if self.nb: self.mbar = fp.master_bar(range(learn.n_epochs)); self.mbar.on_iter_begin(); self.mbar.update(0)
    def _bar(self, learn):
        if self.nb and hasattr(learn.dl, \'__len__\'): learn.dl = self.fp.progress_bar(learn.dl, parent=self.mbar, leave=False)
    before_train = before_validate = _bar
    def _graph(self, learn):
        r = learn.recorder
        self.mbar.update_graph([[range(len(r.losses)), r.losses]] + ([[r.values(\'step\'), r.values(\'valid_loss\')]] if r.log else []))
        ax = self.mbar.graph_ax
        if len(ax.lines) > 1: ax.lines[1].set(marker=\'o\', ls=\'--\')
        ax.set(xlabel=\'training batch\', ylabel=\'loss\', title=f\'{type(learn.model).__name__}: loss while training\'); ax.grid(alpha=.3)
        self.mbar.graph_out.update(ax.figure)
    def after_batch(self, learn):
        if not (self.nb and learn.training and learn.loss is not None and hasattr(learn.dl, \'comment\')): return
        learn.dl.comment = f"{learn.loss.item():.3f}"
        if self.plot and len(learn.recorder.losses) % self.every == 0: self._graph(learn)
    def after_epoch(self, learn):
        row = _fmt(learn.recorder.log[-1])
        if self.nb:
            if not self.header: self.mbar.write(list(row), table=True)
            self.mbar.write(list(row.values()), table=True); self.mbar.update(learn.epoch - learn.start_epoch)
        else:
            if not self.header: print(\'  \'.join(f"{k:>10}" for k in row))
            print(\'  \'.join(f"{v:>10}" for v in row.values()))
        self.header = True
    def after_fit(self, learn):
        if self.nb:
            if self.plot and learn.recorder.losses: self._graph(learn)
            self.mbar.on_iter_end()'''),
(98, [], '''\
ckpt_dir = Path(tempfile.mkdtemp())
torch.manual_seed(0)
clip, es = GradClip(1.0), EarlyStopping(patience=2)
learn = Learner(Forecaster(), DataLoaders(*sine_loaders()), F.mse_loss, metrics=[RMSE()],
                cbs=[clip, OneCycle(3e-2), es, ProgressCB()])
learn.fit(6)
print(f"clipped in {sum(n > 1 for n in clip.norms)} of {len(clip.norms)} steps; best epoch {es.best_epoch}, valid MSE {es.best:.4f}")'''),
(99, [], '''\
fig, axs = plt.subplots(1, 2, figsize=(13, 3.6))
learn.plot_loss(axs[0], title=\'Forecaster with one-cycle (peak 3e-2), clipping at 1\'); axs[0].set_yscale(\'log\')
axs[1].plot(learn.recorder.lrs); axs[1].set(title=\'OneCycle: learning rate\', xlabel=\'training batch\', ylabel=\'learning rate\'); axs[1].grid(alpha=.3);'''),
(100, [], '''\
lrs = learn.recorder.lrs; peak = max(range(len(lrs)), key=lrs.__getitem__)
test_close(lrs[peak], 3e-2, eps=1e-6); test_close(peak, 0.25 * 6 * 46, eps=2)          # the peak after a quarter of the plan
if learn.epoch == 6: assert lrs[-1] < 3e-2 / 1e3
test_close(learn.validate()[\'valid_loss\'], es.best, eps=1e-9)                          # the best weights are back'''),
(102, [], '''\
def lin_learner(cbs=(), n=4, lr=1e-2, valid=True, **kw):
    "A linear regression on 4 fixed batches: fast and deterministic"
    torch.manual_seed(0); xs = torch.randn(4, 8, 3); ys = xs @ torch.tensor([[1.], [-2], [.5]])
    b = list(zip(xs, ys)); return Learner(nn.Linear(3, 1), DataLoaders(b, b if valid else None), F.mse_loss, lr=lr, cbs=list(cbs), **kw)
# OneCycle equals torch\'s OneCycleLR, then holds the final lr past the plan
l = lin_learner([OneCycle(0.1, total_steps=10)]).fit(4)
o = torch.optim.Adam([nn.Parameter(torch.zeros(1))], lr=1e-2); s = lr_scheduler.OneCycleLR(o, 0.1, total_steps=10, pct_start=0.25)
ref = []
for _ in range(10): ref.append(o.param_groups[0][\'lr\']); o.step(); s.step() if s.last_epoch + 1 < 10 else None
test_close(l.recorder.lrs[:10], ref, eps=1e-12); test_eq(l.recorder.lrs[10:], [l.recorder.lrs[9]] * 6)
l = lin_learner([OneCycle(0.1)]).fit(2); test_eq(l.cbs[1].sched.total_steps, 8)                  # planned from the first fit
l = lin_learner([Scheduler(lambda o: lr_scheduler.StepLR(o, 1, 0.5), every=\'epoch\')]).fit(3)
test_close([l.recorder.lrs[i] for i in (0, 4, 8)], [1e-2, 5e-3, 2.5e-3], eps=1e-12)
test_fail(lambda: Scheduler(None, every=\'step\'), contains="every: expected \'batch\' or \'epoch\', got \'step\'")
# ReduceLROnPlateau: a lr so large that the loss never improves after the first epoch
l = lin_learner([ReduceLROnPlateauCB(patience=0, factor=0.1)], lr=1.0, opt_func=torch.optim.SGD).fit(3)
vls = l.recorder.values(\'valid_loss\'); assert vls[1] > vls[0]
test_close(l.recorder.lrs[::4], [1.0, 1.0, 0.1], eps=1e-9)                          # cut after the 2nd (worse) epoch
# EarlyStopping: divergent SGD, stops after `patience` bad epochs, restores the best (first) epoch\'s weights
es2 = EarlyStopping(patience=2)
l = lin_learner([es2], lr=1.0, opt_func=torch.optim.SGD).fit(10)
test_eq(l.epoch, 3); test_eq(es2.best_epoch, 1); test_eq(es2.stopped_epoch, 3)
test_close(l.validate()[\'valid_loss\'], l.recorder.values(\'valid_loss\')[0], eps=1e-9)
es3 = EarlyStopping(monitor=\'accuracy\', mode=\'max\', patience=1); test_eq(es3.mode, \'max\')
test_fail(lambda: EarlyStopping(mode=\'best\'), contains="mode: expected \'min\' or \'max\', got \'best\'")
test_fail(lambda: lin_learner([EarlyStopping(monitor=\'acc\')]).fit(1), contains="\'acc\' is not recorded")
# TimeBudget with a fake clock that advances 1 s per reading: stops mid-epoch, validates, ends the fit
class FakeClock:
    def __init__(self): self.t = 0.
    def __call__(self): self.t += 1.; return self.t
tb = TimeBudget(6, clock=FakeClock()); el = EventLog()
l = lin_learner([tb, el]).fit(100)
test_eq(tb.expired, True); test_eq(l.epoch, 2); test_eq(len(l.recorder.losses), 5)    # 4 batches, then 1 more
test_eq(el.log.count(\'after_validate\'), 2); test_eq(el.log[-2:], [\'after_epoch\', \'after_fit\'])
test_eq(lin_learner([TimeBudget(1e9)]).fit(3).epoch, 3)
# GradClip: the norm before clipping is recorded, and after clipping it is at most max_norm
gc_ = GradClip(1e-3); norms_after = []
class AfterClip(Callback):
    order = 11
    def after_backward(self, learn): norms_after.append(torch.cat([p.grad.flatten() for p in learn.model.parameters()]).norm().item())
lin_learner([gc_, AfterClip()], valid=False).fit(1)
assert all(n > 1e-3 for n in gc_.norms) and all(n <= 1e-3 * (1 + 1e-4) for n in norms_after)
# ProgressCB prints one line per epoch outside Jupyter, also when early stopping ends the fit
import contextlib, fastprogress.fastprogress as fpp
buf, in_nb = io.StringIO(), fpp.IN_NOTEBOOK
fpp.IN_NOTEBOOK = False                                     # as in a terminal, also when this notebook runs in Jupyter
try:
    with contextlib.redirect_stdout(buf): lin_learner([ProgressCB(), EarlyStopping(patience=1)], lr=1.0, opt_func=torch.optim.SGD).fit(10)
finally: fpp.IN_NOTEBOOK = in_nb
lines = buf.getvalue().strip().splitlines()
test_eq(len(lines), 1 + 2); assert \'valid_loss\' in lines[0] and lines[-1].split()[0] == \'2\''''),
(105, [], '''\
stream = LMStream(train_ids, 32, 32)
def lm_steps(n, detach, retain_graph=False, seed=0):
    "Train a CharModel on the first `n` batches of `stream`, carrying the state; return the model"
    torch.manual_seed(seed); m = CharModel(V); opt = torch.optim.Adam(m.parameters(), 1e-3); h = None
    for x, y in itertools.islice(stream, n):
        out, h = m(x, h.detach() if detach and h is not None else h)
        loss = cross_entropy_flat(out, y); loss.backward(retain_graph=retain_graph)
        opt.step(); opt.zero_grad()
    return m
try: lm_steps(2, detach=False)
except RuntimeError as e: err_twice = str(e); print(err_twice[:200], \'...\')'''),
(107, [], '''\
try: lm_steps(2, detach=False, retain_graph=True)
except RuntimeError as e: err_inplace = str(e); print(err_inplace[:230], \'...\')'''),
(108, [], '''\
assert \'backward through the graph a second time\' in err_twice
assert \'modified by an inplace operation\' in err_inplace
lm_steps(3, detach=True)                                     # the fix runs'''),
(110, [], '''\
def graph_size(t):
    "Number of autograd nodes reachable from `t.grad_fn`"
    seen, todo = set(), [t.grad_fn]
    while todo:
        f = todo.pop()
        if f is not None and f not in seen: seen.add(f); todo += [g for g, _ in f.next_functions]
    return len(seen)
torch.manual_seed(0); m = CharModel(V); h, nodes, ms = None, [], []
for x, y in itertools.islice(stream, 20):
    t0 = time.perf_counter()
    out, h = m(x, h); loss = cross_entropy_flat(out, y); loss.backward(retain_graph=True)
    ms.append(1e3 * (time.perf_counter() - t0)); nodes.append(graph_size(loss))
print(f"graph nodes: {nodes[:4]} ... {nodes[-1]}; time per batch: first 3 {sum(ms[:3]) / 3:.0f} ms, last 3 {sum(ms[-3:]) / 3:.0f} ms "
      f"({sum(ms[-3:]) / sum(ms[:3]):.0f}×)")'''),
(111, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.3)); ax2 = ax.twinx()
ax.plot(range(1, 21), ms, \'o-\', label=\'time per batch\'); ax2.plot(range(1, 21), nodes, \'s--\', color=\'C1\', label=\'graph nodes\')
ax.set(xlabel=\'batch (state never detached, graph retained)\', ylabel=\'time per batch (ms)\', title=\'Without detach the graph grows with every batch\')
ax2.set_ylabel(\'autograd nodes behind the loss\'); fig.legend(loc=\'upper left\', bbox_to_anchor=(0.12, 0.88)); ax.grid(alpha=.3);'''),
(112, [], '''\
d = [b - a for a, b in zip(nodes, nodes[1:])]
test_eq(len(set(d)), 1); test_eq(nodes[-1], nodes[0] + 19 * d[0])   # exactly linear: one batch\'s graph more each time'''),
(114, [], '''\
chunks = train_ids[:50 * 33].view(50, 33)
plain_dl = DataLoader(TensorDataset(chunks[:, :-1], chunks[:, 1:]), batch_size=16)   # drop_last=False: 16, 16, 16, 2
class NaiveCarry(Callback):
    "Carry the detached state to the next batch, as is (the bug: no resize)"
    def before_batch(self, learn): learn.h = None if learn.h is None else learn.h.detach()
    def after_loss(self, learn): learn.h = learn.h_out
print([len(x) for x, _ in plain_dl])
torch.manual_seed(0)
try: Learner(CharModel(V), DataLoaders(plain_dl), cross_entropy_flat, cbs=[NaiveCarry()]).fit(1)
except RuntimeError as e: err_rows = str(e); print(err_rows)'''),
(115, [], '''\
assert \'Expected hidden size (1, 2, 64), got [1, 16, 64]\' in err_rows'''),
(117, [], '''\
def _fit_rows(v, B, dim):
    "`v` with `B` entries along `dim`: its first `B`, or zeros added after its own"
    n = v.shape[dim]
    if n >= B: return v.narrow(dim, 0, B)
    shape = list(v.shape); shape[dim] = B - n
    return torch.cat([v, v.new_zeros(shape)], dim)

class TBPTT(Callback):
    "Stateful truncated BPTT: carry the model\'s state across batches, detached and resized; reset each epoch and for validation"
    order = -5
    def __init__(self, batch_dim:int=1): # axis of the batch in each state tensor (1 for nn.RNN/LSTM/GRU states)
        self.batch_dim = batch_dim
    def _reset(self, learn): learn.h = None
    before_train = before_validate = after_fit = _reset
    def before_batch(self, learn):
        B = learn.xb[0].shape[0]
        if learn.h is not None: learn.h = _smap(lambda v: _fit_rows(v.detach(), B, self.batch_dim), learn.h)
    def after_loss(self, learn):
        if learn.h_out is None: raise TypeError("TBPTT: the model returned no state; a stateful model must return (out, h) from forward(x, h=None)")
        learn.h = learn.h_out'''),
(118, [], '''\
torch.manual_seed(0)
Learner(CharModel(V), DataLoaders(plain_dl), cross_entropy_flat, cbs=[TBPTT()]).fit(1).recorder.log[-1][\'train_loss\']'''),
(119, [], '''\
class StateSpy(Callback):
    "Record the state the model receives at each batch"
    order = 0
    def __init__(self): self.seen = []
    def before_batch(self, learn): self.seen.append((learn.training, None if learn.h is None else _smap(lambda v: (tuple(v.shape), v.requires_grad), learn.h)))
torch.manual_seed(0); spy = StateSpy()
Learner(CharModel(V, cell=nn.LSTM), DataLoaders(plain_dl, plain_dl), cross_entropy_flat, cbs=[TBPTT(), spy]).fit(2)
st16, st2 = ((1, 16, 64), False), ((1, 2, 64), False)
per_pass = [None, (st16, st16), (st16, st16), (st2, st2)]                         # LSTM: a tuple (h, c), resized to 2 rows
test_eq([s for _, s in spy.seen], per_pass * 4)                                     # reset at each epoch and for validation
test_eq([t for t, _ in spy.seen], ([True] * 4 + [False] * 4) * 2)
test_eq(_fit_rows(torch.ones(1, 2, 3), 4, 1)[0, :, 0], torch.tensor([1., 1, 0, 0]))  # more rows: zeros added
test_eq(_fit_rows(torch.arange(6.).view(3, 2), 2, 0), torch.tensor([[0., 1], [2, 3]]))
test_fail(lambda: Learner(TwoInputs(), DataLoaders(batches), F.mse_loss, cbs=[TBPTT()]).fit(1), contains=\'TBPTT: the model returned no state\')
# the carried state really continues: with TBPTT, batch 2\'s output equals running the model on batches 1 and 2 at once
torch.manual_seed(0); mc = CharModel(V).eval()
(x1, _), (x2, _) = itertools.islice(stream, 2)
class Grab(Callback):
    order = 1
    def after_loss(self, learn): self.out = learn.preds if learn.iter == 1 else getattr(self, \'out\', None)
gr = Grab(); Learner(mc, DataLoaders([(x1, x1), (x2, x2)], [(x1, x1), (x2, x2)]), cross_entropy_flat, cbs=[TBPTT(), gr]).validate()
with torch.no_grad(): test_close(gr.out, mc(torch.cat([x1, x2], 1))[0][:, 32:], eps=1e-5)'''),
(121, [], '''\
lm_dls = DataLoaders(LMStream(train_ids, 32, 32), LMStream(valid_ids, 32, 32))
torch.manual_seed(0)
lm = Learner(CharModel(V), lm_dls, cross_entropy_flat, lr=1e-2, cbs=[TBPTT(), GradClip(1.0), ProgressCB()], metrics=[Perplexity()])
lm.fit(2)
print(f"{len(lm_dls.train)} training batches per epoch; valid perplexity {lm.recorder.last(\'perplexity\'):.2f}")'''),
(122, [], '''\
test_close(lm.recorder.last(\'perplexity\'), math.exp(lm.recorder.last(\'valid_loss\')), eps=1e-4)   # same weighting: exp(valid loss)
assert lm.recorder.last(\'perplexity\') < 10'''),
(124, [], '''\
sl_dls = DataLoaders(LMStream(train_ids, 32, 16), LMStream(valid_ids, 32, 16))
sl, sl_time = {}, {}
for name, cbs in [(\'stateless\', []), (\'stateful\', [TBPTT()])]:
    torch.manual_seed(0)
    sl[name] = Learner(CharModel(V), sl_dls, cross_entropy_flat, lr=1e-2, cbs=[GradClip(1.0)] + cbs)
    t0 = time.perf_counter(); sl[name].fit(3); sl_time[name] = time.perf_counter() - t0
evals = {(tr, ev): Learner(sl[tr].model, sl_dls, cross_entropy_flat, cbs=[TBPTT()] if ev == \'stateful\' else []).validate()[\'valid_loss\']
         for tr in sl for ev in (\'stateless\', \'stateful\')}
print(f"{\'trained\':10} {\'time\':>6} {\'valid, stateless\':>17} {\'valid, stateful\':>16}")
for tr in sl: print(f"{tr:10} {sl_time[tr]:5.1f}s {evals[tr, \'stateless\']:17.3f} {evals[tr, \'stateful\']:16.3f}")'''),
(125, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.5))
for name, l in sl.items(): l.plot_loss(ax, label=name)
ax.set(ylim=(1.8, 3.0), ylabel=\'cross-entropy (nats/char)\', title=\'Character GRU, seq_len 16: stateless vs stateful (TBPTT)\'); ax.legend(ncol=2, fontsize=8);'''),
(126, [], '''\
assert evals[\'stateful\', \'stateful\'] < evals[\'stateless\', \'stateless\'] - 0.03
assert evals[\'stateful\', \'stateless\'] > evals[\'stateful\', \'stateful\']                 # it relies on the carried state
test_close(evals[\'stateful\', \'stateful\'], sl[\'stateful\'].recorder.last(\'valid_loss\'), eps=1e-9)'''),
(128, ['slow'], '''\
sl64 = {}
for name, cbs in [(\'stateless\', []), (\'stateful\', [TBPTT()])]:
    torch.manual_seed(0); l = Learner(CharModel(V), DataLoaders(LMStream(train_ids, 32, 64), LMStream(valid_ids, 32, 64)),
                                      cross_entropy_flat, lr=1e-2, cbs=[GradClip(1.0)] + cbs)
    sl64[name] = l.fit(12).recorder.last(\'valid_loss\')
print({k: round(v, 3) for k, v in sl64.items()})'''),
(130, [], '''\
_FORMAT = \'rnnbook.learner/1\'

def _generators(dl):
    "The torch.Generators that loader `dl` draws from: its own, its sampler\'s, its batch sampler\'s"
    res, bs = [], getattr(dl, \'batch_sampler\', None)
    for o in (dl, getattr(dl, \'sampler\', None), bs, getattr(bs, \'sampler\', None)):
        g = getattr(o, \'generator\', None)
        if isinstance(g, torch.Generator) and all(g is not r for r in res): res.append(g)
    return res

def _stateful_cbs(learn):
    "{name: callback} for the callbacks with a `state_dict`, named by class (`Name_1` for a second one)"
    res, seen = {}, collections.Counter()
    for cb in learn.cbs:
        if cb is learn.recorder or not hasattr(cb, \'state_dict\'): continue
        n = type(cb).__name__; res[n if not seen[n] else f"{n}_{seen[n]}"] = cb; seen[n] += 1
    return res

@patch
def save(self:Learner, path # checkpoint file; written atomically
        )->Path:
    "Save model, optimiser, callback (scheduler) states, epoch, recorder and RNG states to `path`"
    st = dict(format=_FORMAT, model=self.model.state_dict(), opt=self.opt.state_dict(), epoch=self.epoch,
              recorder=self.recorder.state_dict(), callbacks={k: cb.state_dict() for k, cb in _stateful_cbs(self).items()},
              rng=dict(python=random.getstate(), torch=torch.get_rng_state(),
                       cuda=torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
                       loader=[g.get_state() for g in _generators(self.dls.train)]))
    buf = io.BytesIO(); torch.save(st, buf)
    return write_atomic(path, buf.getvalue())'''),
(131, [], '''\
def _check_model_state(path, sd, model):
    own = model.state_dict()
    missing, unexpected = sorted(set(own) - set(sd)), sorted(set(sd) - set(own))
    shapes = [f"{k}: {tuple(sd[k].shape)} in the file, {tuple(own[k].shape)} in the model" for k in own if k in sd and sd[k].shape != own[k].shape]
    if missing or unexpected or shapes:
        raise ValueError(f"{path}: the checkpoint does not fit this model (another architecture?): missing keys {missing}; "
                         f"unexpected keys {unexpected}; shape mismatches {shapes}")

@patch
def load(self:Learner, path # a file written by `Learner.save`
        ):
    "Restore what `save` wrote (read with `weights_only=True`); on an error the model and optimiser are left as they were"
    path = Path(path)
    try: st = torch.load(path, map_location=\'cpu\', weights_only=True)
    except FileNotFoundError: raise
    except Exception as e: raise ValueError(f"{path}: cannot read the checkpoint (truncated or corrupt file?): {type(e).__name__}: {str(e)[:200]}") from None
    if not isinstance(st, dict) or st.get(\'format\') != _FORMAT:
        raise ValueError(f"{path}: not a Learner checkpoint (expected format {_FORMAT!r}, got {st.get(\'format\') if isinstance(st, dict) else type(st).__name__!r})")
    _check_model_state(path, st[\'model\'], self.model)
    cbs, gens = _stateful_cbs(self), _generators(self.dls.train)
    if set(cbs) != set(st[\'callbacks\']):
        raise ValueError(f"{path}: the checkpoint holds the states of callbacks {sorted(st[\'callbacks\'])}, this learner has {sorted(cbs)}")
    if len(gens) != len(st[\'rng\'][\'loader\']):
        raise ValueError(f"{path}: the checkpoint holds {len(st[\'rng\'][\'loader\'])} loader generator states, the training loader has {len(gens)}")
    undo = copy.deepcopy(self.model.state_dict()), copy.deepcopy(self.opt.state_dict())
    try:
        self.model.load_state_dict(st[\'model\']); self.opt.load_state_dict(st[\'opt\'])
        for k, cb in cbs.items(): cb.load_state_dict(st[\'callbacks\'][k])
    except Exception as e:
        self.model.load_state_dict(undo[0]); self.opt.load_state_dict(undo[1])
        raise ValueError(f"{path}: could not restore the training state: {type(e).__name__}: {e}") from e
    self.recorder.load_state_dict(st[\'recorder\']); self.epoch = st[\'epoch\']
    rng = st[\'rng\']; random.setstate(rng[\'python\']); torch.set_rng_state(rng[\'torch\'])
    if rng[\'cuda\'] and torch.cuda.is_available(): torch.cuda.set_rng_state_all(rng[\'cuda\'])
    for g, s in zip(gens, rng[\'loader\']): g.set_state(s)
    return self'''),
(133, [], '''\
class DropForecaster(Forecaster):
    "The forecaster with dropout 0.2 before the head"
    def __init__(self): super().__init__(H=16, p=0.2)
small_train, small_valid = TensorDataset(*sine_train[:320]), TensorDataset(*sine_valid[:128])
def build(seed, own_generator):
    "A fresh learner: dropout, a shuffling loader, clipping, one-cycle planned for 4 epochs"
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(0) if own_generator else None
    dls = DataLoaders(DataLoader(small_train, 32, shuffle=True, generator=g), DataLoader(small_valid, 64))
    return Learner(DropForecaster(), dls, F.mse_loss, cbs=[GradClip(1.0), OneCycle(1e-2, total_steps=4 * len(dls.train))])
def same(a, b): return all(torch.equal(p, q) for p, q in zip(a.model.parameters(), b.model.parameters()))

resume = {}
for own in (False, True):
    whole = build(0, own).fit(4)
    first = build(0, own).fit(2); first.save(ckpt_dir/\'resume.pt\')
    torch.manual_seed(1234); random.seed(1234)                   # disturb the generators: load must restore them
    resumed = build(7, own).load(ckpt_dir/\'resume.pt\'); test_eq(resumed.epoch, 2); resumed.fit(2)
    resume[own] = same(whole, resumed) and whole.recorder.losses == resumed.recorder.losses
    print(f"loader {\'with its own generator\' if own else \'on the global generator\'}: bitwise equal weights and losses: {resume[own]}")'''),
(134, [], '''\
assert resume[False] and resume[True]
test_eq(resumed.recorder.values(\'epoch\'), [1, 2, 3, 4]); test_eq(len(resumed.recorder.losses), 40)'''),
(136, [], '''\
def resume_without(what, own=False):
    "Resume as above, but undo one part of the restore; True if still bitwise equal"
    whole = build(0, own).fit(4)
    first = build(0, own).fit(2); first.save(ckpt_dir/\'r.pt\')
    r = build(7, own).load(ckpt_dir/\'r.pt\')
    if what == \'rng\': torch.manual_seed(99)
    if what == \'schedule\': r.cbs[2] = OneCycle(1e-2, total_steps=40)       # a scheduler that did not get its state
    return same(whole, r.fit(2))
for what in (\'rng\', \'schedule\'): print(f"without restoring the {what}: bitwise equal {resume_without(what)}")'''),
(137, [], '''\
assert not resume_without(\'rng\') and not resume_without(\'schedule\')'''),
(139, [], '''\
def build_lm(seed, stateful):
    torch.manual_seed(seed)
    tr = LMStream(train_ids[:20_000], 16, 16) if stateful else LMWindows(train_ids[:20_000], 16, 16, n_batches=8, seed=0)
    return Learner(CharModel(V, E=8, H=16), DataLoaders(tr, LMStream(valid_ids[:2_000], 16, 16)), cross_entropy_flat, lr=1e-2,
                   cbs=[TBPTT()] if stateful else [])
for stateful in (False, True):
    whole = build_lm(0, stateful).fit(3); build_lm(0, stateful).fit(1).save(ckpt_dir/\'lm.pt\')
    r = build_lm(5, stateful).load(ckpt_dir/\'lm.pt\').fit(2)
    print(f"{\'LMStream + TBPTT\' if stateful else \'LMWindows + set_epoch\'}: bitwise equal {same(whole, r)}")
    assert same(whole, r)'''),
(141, [], '''\
good = (ckpt_dir/\'resume.pt\').read_bytes()
write_atomic(ckpt_dir/\'truncated.pt\', good[:len(good) // 2])
l_bad = build(0, False); before = copy.deepcopy(l_bad.model.state_dict())
try: l_bad.load(ckpt_dir/\'truncated.pt\')
except ValueError as e: print(str(e)[:150])
class Bigger(DropForecaster):
    def __init__(self): super().__init__(); self.rnn = nn.RNN(1, 16, num_layers=2, batch_first=True)
big = Learner(Bigger(), build(0, False).dls, F.mse_loss, cbs=[GradClip(1.0), OneCycle(1e-2, total_steps=40)])
try: big.load(ckpt_dir/\'resume.pt\')
except ValueError as e: print(e)'''),
(142, [], '''\
test_fail(lambda: l_bad.load(ckpt_dir/\'truncated.pt\'), contains=\'truncated.pt: cannot read the checkpoint (truncated or corrupt file?)\')
test_fail(lambda: big.load(ckpt_dir/\'resume.pt\'), contains="missing keys [\'rnn.bias_hh_l1\', \'rnn.bias_ih_l1\', \'rnn.weight_hh_l1\', \'rnn.weight_ih_l1\']")
torch.save({\'w\': torch.ones(2)}, ckpt_dir/\'plain.pt\')
test_fail(lambda: l_bad.load(ckpt_dir/\'plain.pt\'), contains="plain.pt: not a Learner checkpoint")
wide = Learner(Forecaster(H=32), build(0, False).dls, F.mse_loss, cbs=[GradClip(1.0), OneCycle(1e-2, total_steps=40)])
test_fail(lambda: wide.load(ckpt_dir/\'resume.pt\'), contains="rnn.weight_ih_l0: (16, 1) in the file, (32, 1) in the model")
test_fail(lambda: build(0, False).load(ckpt_dir/\'missing.pt\'), exc=FileNotFoundError)
no_cb = Learner(DropForecaster(), build(0, False).dls, F.mse_loss)
test_fail(lambda: no_cb.load(ckpt_dir/\'resume.pt\'), contains="callbacks [\'OneCycle\'], this learner has []")
test_fail(lambda: build(0, False).load(ckpt_dir/\'resume.pt\'), contains=\'holds 1 loader generator states, the training loader has 0\')
(ckpt_dir/\'text.pt\').write_text(\'not a checkpoint\'); test_fail(lambda: l_bad.load(ckpt_dir/\'text.pt\'), contains=\'text.pt: cannot read the checkpoint\')
for k, v in l_bad.model.state_dict().items(): test_eq(v, before[k])          # every failed load left the model as it was
test_eq(l_bad.epoch, 0); test_eq(l_bad.recorder.losses, [])
# an optimiser state that does not fit is rolled back after the model was already loaded
sgd = Learner(DropForecaster(), build(0, True).dls, F.mse_loss, opt_func=torch.optim.SGD, cbs=[GradClip(1.0), OneCycle(1e-2, total_steps=40)])
st = torch.load(ckpt_dir/\'resume.pt\', weights_only=True); st[\'opt\'][\'param_groups\'].append(dict(st[\'opt\'][\'param_groups\'][0]))
buf = io.BytesIO(); torch.save(st, buf); write_atomic(ckpt_dir/\'badopt.pt\', buf.getvalue())
before = copy.deepcopy(sgd.model.state_dict())
test_fail(lambda: sgd.load(ckpt_dir/\'badopt.pt\'), contains=\'could not restore the training state\')
for k, v in sgd.model.state_dict().items(): test_eq(v, before[k])
test_eq(sorted(p.name for p in ckpt_dir.iterdir() if p.name.endswith(\'.tmp\')), [])   # no temporary file left behind'''),
(144, [], '''\
torch.manual_seed(0)
es, sb = EarlyStopping(patience=2), SaveBest(ckpt_dir/\'best.pt\')
learn = Learner(Forecaster(), DataLoaders(*sine_loaders()), F.mse_loss, lr=3e-2, cbs=[es, sb]).fit(12)
best = torch.load(ckpt_dir/\'best.pt\', weights_only=True)
print(f"valid losses {[round(v, 4) for v in learn.recorder.values(\'valid_loss\')]}; stopped after epoch {learn.epoch}, "
      f"best epoch {es.best_epoch}, saved epoch {best[\'epoch\']}")'''),
(145, [], '''\
test_eq(best[\'epoch\'], es.best_epoch); test_eq(sb.best, es.best)
assert all(torch.equal(v, learn.model.state_dict()[k]) for k, v in best[\'model\'].items())   # restored weights = saved best
test_close(learn.validate()[\'valid_loss\'], min(learn.recorder.values(\'valid_loss\')), eps=1e-9)
test_eq(len(best[\'recorder\'][\'log\']), best[\'epoch\'])'''),
(147, [], '''\
sine_dls = DataLoaders(*sine_loaders())
for f in [lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(0),
          lambda: Learner(Forecaster(), DataLoaders(DataLoader(TensorDataset(*sine_train[:10]), 32, drop_last=True)), F.mse_loss).fit(1),
          lambda: Learner(Forecaster(), sine_dls, nn.MSELoss(reduction=\'none\')).fit(1),
          lambda: Learner(CharModel(V), DataLoaders(opt_train), F.cross_entropy).fit(1)]:
    try: f()
    except (ValueError, TypeError) as e: print(f"{type(e).__name__}: {str(e)[:170]}")'''),
(148, [], '''\
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(0), contains=\'n_epochs: expected an int >= 1, got 0\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(-2), contains=\'n_epochs: expected an int >= 1, got -2\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(2.0), contains=\'n_epochs: expected an int, got float\')
empty = DataLoaders(DataLoader(TensorDataset(*sine_train[:10]), 32, drop_last=True))
test_fail(lambda: Learner(Forecaster(), empty, F.mse_loss).fit(1), contains=\'dls.train: the loader is empty (len 0)\')
test_fail(lambda: Learner(Forecaster(), DataLoaders(sine_dls.train, []), F.mse_loss).fit(1), contains=\'dls.valid: the loader is empty\')
class NoLen:
    def __iter__(self): return iter([])
test_fail(lambda: Learner(Forecaster(), DataLoaders(NoLen()), F.mse_loss).fit(1), contains=\'dls.train: the loader yielded no batch\')
test_fail(lambda: Learner(Forecaster(), sine_dls, nn.MSELoss(reduction=\'none\')).fit(1), contains=\'loss_func MSELoss: expected a scalar tensor, got shape (32, 1)\')
test_fail(lambda: Learner(Forecaster(), sine_dls, lambda p, y: 1.0).fit(1), contains=\'expected a scalar tensor, got float\')
test_fail(lambda: Learner(CharModel(V), DataLoaders(opt_train), F.cross_entropy).fit(1),
          contains=\'loss_func cross_entropy failed on model output of shape (32, 32, 67) and target of shape (32, 32)\')
test_fail(lambda: Learner(Forecaster(), DataLoaders(DataLoader(sq_train, 32)), F.mse_loss).fit(1),
          contains=\'model output of shape (32, 1) does not match the float target of shape (32,)\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss, lr=0).fit(1), contains=\'lr: expected a positive float, got 0\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(1, lr=\'1e-3\'), contains=\'lr: expected a float, got str\')
test_fail(lambda: Learner(Forecaster(), (sine_dls.train, sine_dls.valid), F.mse_loss), contains=\'dls: expected DataLoaders(train, valid), got tuple\')
test_fail(lambda: Learner(Forecaster, sine_dls, F.mse_loss), contains=\'model: expected an nn.Module, got type\')
test_fail(lambda: Learner(Forecaster(), sine_dls, \'mse\'), contains=\'loss_func: expected a function\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss, cbs=[TBPTT]), contains=\'cbs: expected Callback objects, got type\')
test_fail(lambda: Learner(Forecaster(), sine_dls, F.mse_loss).fit(1, cbs=[3]), contains=\'cbs: expected Callback objects, got int\')
test_fail(lambda: Learner(Forecaster(), DataLoaders([torch.ones(3)]), F.mse_loss).fit(1), contains=\'batch: expected (x, y) or (x1, ..., y)\')
class ThreeOut(Forecaster):
    def forward(self, x, h=None): out, h = super().forward(x, h); return out, h, h
test_fail(lambda: Learner(ThreeOut(), sine_dls, F.mse_loss).fit(1), contains=\'got a tuple of 3\')
test_fail(lambda: Learner(Forecaster(), DataLoaders([]), F.mse_loss).validate(), contains=\'validate: no dl given\')
# set_epoch is called, by duck typing, on the loader, its sampler and its batch sampler
class EpochSampler(Sampler):
    "Sequential order; records set_epoch calls"
    def __init__(self, n): self.n, self.calls = n, []
    def __iter__(self): return iter(range(self.n))
    def __len__(self): return self.n
    def set_epoch(self, e): self.calls.append(e)
class EpochBatchSampler(EpochSampler):
    def __iter__(self): return iter([list(range(i, min(i + 32, self.n))) for i in range(0, self.n, 32)])
    def __len__(self): return math.ceil(self.n / 32)
sp, bsp = EpochSampler(64), EpochBatchSampler(64)
l = Learner(Forecaster(), DataLoaders(DataLoader(sine_train, 32, sampler=sp)), F.mse_loss).fit(3); test_eq(sp.calls, [0, 1, 2])
Learner(Forecaster(), DataLoaders(DataLoader(sine_train, batch_sampler=bsp)), F.mse_loss).fit(2); test_eq(bsp.calls, [0, 1])
lw = LMWindows(train_ids, 4, 8, n_batches=2, seed=0); seen = []
class SeeX(Callback):
    def before_batch(self, learn): seen.append(learn.xb[0].clone())
Learner(CharModel(V), DataLoaders(lw), cross_entropy_flat, cbs=[SeeX()]).fit(2)
test_eq(lw.epoch, 1); lw.set_epoch(1); test_eq(seen[2], next(iter(lw))[0]); assert not torch.equal(seen[0], seen[2])'''),
(150, [], '''\
class GradAccum(Callback):
    "Step every `k` batches; scale each loss by 1/k so the accumulated gradient is the mean"
    def __init__(self, k): self.k = k
    def after_loss(self, learn):
        if learn.training: learn.loss = learn.loss / self.k
    def before_step(self, learn):
        if (learn.iter + 1) % self.k: raise CancelStepException()
def sgd_forecaster(bs, cbs):
    torch.manual_seed(0)
    return Learner(Forecaster(8), DataLoaders(DataLoader(TensorDataset(*sine_train[:256]), bs)), F.mse_loss, lr=0.1,
                   opt_func=torch.optim.SGD, cbs=cbs).fit(2)
acc, big = sgd_forecaster(16, [GradAccum(2)]), sgd_forecaster(32, [])
diff = max((p - q).abs().max().item() for p, q in zip(acc.model.parameters(), big.model.parameters()))
print(f"largest weight difference, 2 × 16 accumulated vs 32: {diff:.1e}")
assert diff < 1e-5'''),
(152, [], '''\
def top3(preds, y): return (preds.topk(3, -1).indices == y[..., None]).any(-1).float().mean()
res = Learner(lm.model, lm_dls, cross_entropy_flat, cbs=[TBPTT()], metrics=[Accuracy(), top3]).validate()
print({k: round(v, 3) for k, v in res.items()})
assert res[\'accuracy\'] < res[\'top3\'] <= 1'''),
(154, [], '''\
budget = 2.0
torch.manual_seed(0)
l3 = Learner(Forecaster(), DataLoaders(*sine_loaders()), F.mse_loss, lr=1e-3)
t0 = time.perf_counter(); l3.fit(1); t1 = time.perf_counter() - t0
n_more = max(1, int(0.9 * (budget - t1) / t1))
oc, tb = OneCycle(1e-2, total_steps=n_more * len(l3.dls.train)), TimeBudget(budget - t1)
l3.fit(n_more + 100, cbs=[oc, tb])
print(f"first epoch {t1:.2f}s; planned {n_more} more epochs ({oc.total_steps} steps), ran {l3.epoch - 1}; "
      f"{min(1, (oc.sched.last_epoch + 1) / oc.total_steps):.0%} of the plan done; final lr {l3.recorder.lrs[-1]:.1e}; "
      f"valid MSE {l3.recorder.last(\'valid_loss\'):.4f}")
assert tb.expired and l3.epoch < n_more + 101 and oc.total_steps == n_more * 46'''),
(156, [], '''\
class LRFinder(Callback):
    "Multiply the lr by `gamma` after each step; stop when the loss passes 3 × its minimum"
    order = 25
    def __init__(self, gamma=1.15): self.gamma, self.lrs, self.losses = gamma, [], []
    def after_batch(self, learn):
        if not learn.training: raise CancelValidateException()
        loss = learn.loss.item(); self.lrs.append(learn.opt.param_groups[0][\'lr\']); self.losses.append(loss)
        if loss > 3 * min(self.losses) or math.isnan(loss): raise CancelFitException()
        for g in learn.opt.param_groups: g[\'lr\'] *= self.gamma
torch.manual_seed(0)
finder = LRFinder()
Learner(Forecaster(), DataLoaders(*sine_loaders()), F.mse_loss, lr=1e-5).fit(20, cbs=[finder])
best_lr = finder.lrs[min(range(len(finder.losses)), key=finder.losses.__getitem__)]
fig, ax = plt.subplots(figsize=(6, 3.3)); ax.plot(finder.lrs, finder.losses)
ax.set(xscale=\'log\', yscale=\'log\', xlabel=\'learning rate\', ylabel=\'training loss (MSE)\', title=\'LR finder on the forecaster\'); ax.grid(alpha=.3)
print(f"{len(finder.lrs)} steps; lowest loss at lr {best_lr:.1e}")
assert finder.losses[-1] > 3 * min(finder.losses) and 1e-4 < best_lr < 1'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/07_learner.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_learner(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_series_noisy_sine_2000_period_50_noise_0(): nb.run(6)
def test_c007_class_forecaster_nn_module(): nb.run(7)
def test_c009_def_fit_draft_model_train_dl_valid_dl_lo(): nb.run(9)
def test_c010_torch_manual_seed_0(): nb.run(10)
def test_c011_def_running_mean_xs_w_20(): nb.run(11)
def test_c012_assert_vl_1_0_02_0_3_tl_0_tl_0_vl_from_a(): nb.run(12)
def test_c014_def_sine_run_zero_grad_true_eval_mode_tr(): nb.run(14)
def test_c015_assert_vl_nozero_1_10_vl_1(): nb.run(15)
def test_c017_m_drop___vl_drop_sine_run_p_0_3(): nb.run(17)
def test_c018_test_eq_valid_mse_m_drop_false_mse_eval(): nb.run(18)
def test_c020_torch_manual_seed_0(): nb.run(20)
def test_c022_torch_manual_seed_0(): nb.run(22)
def test_c023_test_fail_lambda_f_cross_entropy_logits(): nb.run(23)
def test_c025_def_cross_entropy_flat_preds_logits_v_cl(): nb.run(25)
def test_c026_cross_entropy_flat_logits5_y5_cross_entr(): nb.run(26)
def test_c027_test_close_cross_entropy_flat_logits5_y5(): nb.run(27)
def test_c029_g_torch_generator_manual_seed_0(): nb.run(29)
def test_c030_clf(): nb.run(30)
def test_c031_assert_clf_false_acc_0_85_and_clf_false(): nb.run(31)
def test_c033_sq_train_tensordataset_sine_train_tensor(): nb.run(33)
def test_c034_assert_len_caught_0_and_different_to_the(): nb.run(34)
def test_c036_fig_axs_plt_subplots_1_3_figsize_15_3_6(): nb.run(36)
def test_c038_text_valid_text_load_shakespeare_train_l(): nb.run(38)
def test_c040_def_fit_sched_model_train_dl_valid_dl_lo(): nb.run(40)
def test_c042_def_make_settings_n_steps_warm_20(): nb.run(42)
def test_c043_def_plot_runs_runs_title(): nb.run(43)
def test_c044_fin_k_v_1_1_for_k_v_in_runs_items(): nb.run(44)
@pytest.mark.slow
def test_c046_long_runs_compare_lmstream_train_ids_32(): nb.run(46)
def test_c048_g_torch_generator_manual_seed_0(): nb.run(48)
def test_c049_test_close_best_mse_yr_mean_eps_2e_3_tes(): nb.run(49)
def test_c051_uniform_cross_entropy_flat_torch_zeros_4(): nb.run(51)
def test_c052_test_close_uniform_exp_v_eps_1e_3(): nb.run(52)
def test_c054_def_fit_draft2_model_train_dl_valid_dl_l(): nb.run(54)
def test_c056_class_dataloaders(): nb.run(56)
def test_c057_dataloaders_sine_loaders_dataloaders_opt(): nb.run(57)
def test_c058_test_fail_lambda_dataloaders_iter_1_2_co(): nb.run(58)
def test_c060_class_cancelfitexception_exception_stop(): nb.run(60)
def test_c062_class_metric(): nb.run(62)
def test_c063_ppl_perplexity(): nb.run(63)
def test_c064_test_close_ppl_value_ces_3_mean_exp_eps(): nb.run(64)
def test_c066_def__numel_y_return_y_numel_if_isinstanc(): nb.run(66)
def test_c068_def__check_lr_lr(): nb.run(68)
def test_c070_def__shape_x_return_tuple_x_shape_if_isi(): nb.run(70)
def test_c072_patch(): nb.run(72)
def test_c073_patch(): nb.run(73)
def test_c075_torch_manual_seed_0(): nb.run(75)
def test_c076_torch_manual_seed_0_m2_forecaster(): nb.run(76)
def test_c077_assert_all_torch_equal_p_q_for_p_q_in_zi(): nb.run(77)
def test_c079_events_f_w___e_for_e_in_fit_epoch_train(): nb.run(79)
def test_c080_one_train_before_batch_before_loss_after(): nb.run(80)
def test_c082_class_twoinputs_nn_module(): nb.run(82)
def test_c083_test_eq_l2_h_out_none_assert_l2_recorder(): nb.run(83)
def test_c085_patch(): nb.run(85)
def test_c086_learn_plot_loss_title_forecaster_trained(): nb.run(86)
def test_c088_class_gradclip_callback(): nb.run(88)
def test_c090_class_scheduler_callback(): nb.run(90)
def test_c092_class__monitor_callback(): nb.run(92)
def test_c094_class_timebudget_callback(): nb.run(94)
def test_c096_def__fmt_row_return_k_str_v_if_k_epoch_e(): nb.run(96)
def test_c098_ckpt_dir_path_tempfile_mkdtemp(): nb.run(98)
def test_c099_fig_axs_plt_subplots_1_2_figsize_13_3_6(): nb.run(99)
def test_c100_lrs_learn_recorder_lrs_peak_max_range_le(): nb.run(100)
def test_c102_def_lin_learner_cbs_n_4_lr_1e_2_valid_tr(): nb.run(102)
def test_c105_stream_lmstream_train_ids_32_32(): nb.run(105)
def test_c107_try_lm_steps_2_detach_false_retain_graph(): nb.run(107)
def test_c108_assert_backward_through_the_graph_a_seco(): nb.run(108)
def test_c110_def_graph_size_t(): nb.run(110)
def test_c111_fig_ax_plt_subplots_figsize_7_3_3_ax2_ax(): nb.run(111)
def test_c112_d_b_a_for_a_b_in_zip_nodes_nodes_1(): nb.run(112)
def test_c114_chunks_train_ids_50_33_view_50_33(): nb.run(114)
def test_c115_assert_expected_hidden_size_1_2_64_got_1(): nb.run(115)
def test_c117_def__fit_rows_v_b_dim(): nb.run(117)
def test_c118_torch_manual_seed_0(): nb.run(118)
def test_c119_class_statespy_callback(): nb.run(119)
def test_c121_lm_dls_dataloaders_lmstream_train_ids_32(): nb.run(121)
def test_c122_test_close_lm_recorder_last_perplexity_m(): nb.run(122)
def test_c124_sl_dls_dataloaders_lmstream_train_ids_32(): nb.run(124)
def test_c125_fig_ax_plt_subplots_figsize_7_3_5(): nb.run(125)
def test_c126_assert_evals_stateful_stateful_evals_sta(): nb.run(126)
@pytest.mark.slow
def test_c128_sl64(): nb.run(128)
def test_c130_format_rnnbook_learner_1(): nb.run(130)
def test_c131_def__check_model_state_path_sd_model(): nb.run(131)
def test_c133_class_dropforecaster_forecaster(): nb.run(133)
def test_c134_assert_resume_false_and_resume_true(): nb.run(134)
def test_c136_def_resume_without_what_own_false(): nb.run(136)
def test_c137_assert_not_resume_without_rng_and_not_re(): nb.run(137)
def test_c139_def_build_lm_seed_stateful(): nb.run(139)
def test_c141_good_ckpt_dir_resume_pt_read_bytes(): nb.run(141)
def test_c142_test_fail_lambda_l_bad_load_ckpt_dir_tru(): nb.run(142)
def test_c144_torch_manual_seed_0(): nb.run(144)
def test_c145_test_eq_best_epoch_es_best_epoch_test_eq(): nb.run(145)
def test_c147_sine_dls_dataloaders_sine_loaders(): nb.run(147)
def test_c148_test_fail_lambda_learner_forecaster_sine(): nb.run(148)
def test_c150_class_gradaccum_callback(): nb.run(150)
def test_c152_def_top3_preds_y_return_preds_topk_3_1_i(): nb.run(152)
def test_c154_budget_2_0(): nb.run(154)
def test_c156_class_lrfinder_callback(): nb.run(156)
