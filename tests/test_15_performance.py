# Generated from nbs/15_performance.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp performance'''),
(2, [], '''\
from __future__ import annotations
import math, time
import torch, torch.nn.functional as F
from torch import nn, Tensor
from rnnbook.data import LMWindows
from rnnbook.lm import BudgetSchedule, Resume, lm_data'''),
(3, [], '''\
from fastcore.test import *
import platform, os
import matplotlib.pyplot as plt
from torch.nn.utils.rnn import pack_padded_sequence
from rnnbook.lstm import LSTM
from rnnbook.gru import GRU
from rnnbook.padding import BucketSampler, lognormal_lengths
from rnnbook.modern import MinGRU
from rnnbook.lm import train_lm, evaluate'''),
(5, [], '''\
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")'''),
(7, [], '''\
def race(fns:dict,   # name -> a function of no arguments to time
         rounds:int=3 # rounds of taking turns; each keeps its fastest
        )->dict:
    "Best wall-clock seconds of each function of `fns`, called in turn for `rounds` rounds"
    if not isinstance(fns, dict) or not fns or not all(callable(f) for f in fns.values()): raise TypeError(f"fns: expected a non-empty dict of callables, got {fns!r:.80}")
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1: raise ValueError(f"rounds: expected an int >= 1, got {rounds!r}")
    ts = {k: math.inf for k in fns}
    for _ in range(rounds):
        for k, f in fns.items(): t0 = time.perf_counter(); f(); ts[k] = min(ts[k], time.perf_counter() - t0)
    return ts'''),
(8, [], '''\
race({\'sum of a million\': lambda: sum(range(10**6)), \'torch\': lambda: torch.arange(10**6).sum()})'''),
(9, [], '''\
r = race({\'a\': lambda: None}, rounds=2); test_eq(list(r), [\'a\']); assert 0 <= r[\'a\'] < 1
test_fail(lambda: race({}), contains=\'fns: expected a non-empty dict of callables\')
test_fail(lambda: race({\'a\': 1}), contains=\'fns: expected a non-empty dict of callables\')
test_fail(lambda: race({\'a\': lambda: None}, rounds=0), contains=\'rounds: expected an int >= 1, got 0\')'''),
(11, [], '''\
def fwd_bwd(m, x):
    "One forward and backward through `m` (the gradient of the sum of its outputs)"
    def f():
        m.zero_grad(); m(x)[0].sum().backward()
    return f

torch.manual_seed(0)
x_r = torch.randn(100, 64, 64)                    # (T, B, F), torch\'s default layout
ref_lstm, ref_gru = nn.LSTM(64, 256), nn.GRU(64, 256)
our_lstm, our_gru = LSTM.from_torch(ref_lstm), GRU.from_torch(ref_gru)
for ours, ref in [(our_lstm, ref_lstm), (our_gru, ref_gru)]:
    fwd_bwd(ours, x_r)(); fwd_bwd(ref, x_r)()
    test_close(ours(x_r)[0], ref(x_r)[0], eps=1e-4)
    for p, q in zip(ours.parameters(), ref.parameters()): test_close(p.grad, q.grad, eps=1e-5 * q.grad.abs().max())   # float32: relative to the largest
t_cells = race({\'nn.LSTM\': fwd_bwd(ref_lstm, x_r), \'our LSTM\': fwd_bwd(our_lstm, x_r),
                \'nn.GRU\': fwd_bwd(ref_gru, x_r), \'our GRU\': fwd_bwd(our_gru, x_r)}, rounds=5)
for k, v in t_cells.items(): print(f"{k:>9}: {v*1e3:6.1f} ms")'''),
(13, [], '''\
class Classifier(nn.Module):
    "Embedding -> LSTM -> linear head on the final state; takes padded ids (B, T) and lengths, packed or not"
    def __init__(self, V=100, E=32, H=64):
        super().__init__(); self.emb, self.rnn, self.head = nn.Embedding(V, E), nn.LSTM(E, H, batch_first=True), nn.Linear(H, 2)
    def forward(self, ids, lengths, packed):
        e = self.emb(ids)
        if packed: return self.head(self.rnn(pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False))[1][0][-1])
        out = self.rnn(e)[0]
        return self.head(out[torch.arange(len(ids)), lengths - 1])            # the last real step

g = torch.Generator().manual_seed(1)
lens = lognormal_lengths(256, median=50, sigma=0.5, seed=1)
seqs, labels = [torch.randint(1, 100, (int(n),), generator=g) for n in lens], torch.randint(0, 2, (256,), generator=g)
def collate(batches):
    "Index batches -> (padded ids (B, T), lengths, labels), each padded to its own longest sequence"
    return [(nn.utils.rnn.pad_sequence([seqs[i] for i in b], batch_first=True), lens[b], labels[b]) for b in map(torch.as_tensor, batches)]
random_b = collate(torch.randperm(256, generator=g).split(32))
bucket_b = collate(list(BucketSampler(lens, 32, seed=0)))
torch.manual_seed(0); clf = Classifier(); opt = torch.optim.SGD(clf.parameters(), lr=0.1)
def epoch(batches, packed):
    def f():
        for ids, l, y in batches:
            loss = F.cross_entropy(clf(ids, l, packed), y); opt.zero_grad(); loss.backward(); opt.step()
    return f
t_pad = race({\'pad-to-max\': epoch(random_b, False), \'bucketed, padded\': epoch(bucket_b, False), \'packed + bucketed\': epoch(bucket_b, True)})
for k, v in t_pad.items(): print(f"{k:>18}: {v*1e3:6.1f} ms per epoch")'''),
(14, [], '''\
ids0, l0, _ = bucket_b[0]
test_close(clf(ids0, l0, True), clf(ids0, l0, False), eps=1e-5)           # packed and padded read the same last real states
test_eq(sorted(torch.cat([torch.as_tensor(b) for b in BucketSampler(lens, 32, seed=0)]).tolist()), list(range(256)))'''),
(16, [], '''\
torch.manual_seed(0)
x_m = torch.randn(16, 4096, 128)
mg, gru_m = MinGRU(128, 128), nn.GRU(128, 128, batch_first=True)
def mode_step(mode):
    def f(): mg.mode = mode; mg.zero_grad(); mg(x_m)[0].sum().backward()
    return f
t_min = race({\'nn.GRU\': fwd_bwd(gru_m, x_m), **{f\'minGRU {m}\': mode_step(m) for m in (\'sequential\', \'parallel\', \'chunked\')}}, rounds=2)
for k, v in t_min.items(): print(f"{k:>18}: {v:5.2f} s")'''),
(18, [], '''\
ratios = {
    \'our LSTM / nn.LSTM (fwd+bwd, B=64 T=100 H=256)\': t_cells[\'our LSTM\'] / t_cells[\'nn.LSTM\'],
    \'our GRU / nn.GRU (fwd+bwd, B=64 T=100 H=256)\': t_cells[\'our GRU\'] / t_cells[\'nn.GRU\'],
    \'packed+bucketed / pad-to-max (LSTM epoch)\': t_pad[\'packed + bucketed\'] / t_pad[\'pad-to-max\'],
    \'bucketed, padded / pad-to-max (LSTM epoch)\': t_pad[\'bucketed, padded\'] / t_pad[\'pad-to-max\'],
    **{f"minGRU {m} / nn.GRU (fwd+bwd, T=4096)": t_min[f\'minGRU {m}\'] / t_min[\'nn.GRU\'] for m in (\'sequential\', \'parallel\', \'chunked\')}}
for k, v in ratios.items(): print(f"{k:>48}: {v:5.2f}x the time")'''),
(19, [], '''\
for k, v in ratios.items(): assert math.isfinite(v) and v > 0, (k, v)'''),
(20, [], '''\
fig, ax = plt.subplots(figsize=(8, 3.8))
names = list(ratios)[::-1]
ax.barh(names, [ratios[k] for k in names], color=[\'tab:green\' if ratios[k] < 1 else \'tab:red\' for k in names])
ax.axvline(1, color=\'k\', lw=1); ax.set_xscale(\'log\')
ax.set(title=\'Time relative to the reference (below 1: faster), one run\', xlabel=\'time / reference time (log scale)\')
for i, k in enumerate(names): ax.text(ratios[k], i, f\' {ratios[k]:.2f}\', va=\'center\', fontsize=8)
ax.tick_params(axis=\'y\', labelsize=8);'''),
(22, [], '''\
class BabyGPT(nn.Module):
    "A small causal Transformer language model: embeddings + positions -> `n_layers` pre-norm blocks -> LayerNorm -> head"
    def __init__(self, vocab_size:int, # V
                 d_model:int=128,      # width
                 n_heads:int=4,        # attention heads
                 n_layers:int=4,       # Transformer blocks
                 ctx:int=64,           # context: longest input, in tokens
                 dropout:float=0.):    # dropout inside the blocks
        super().__init__()
        for k, v in dict(vocab_size=vocab_size, d_model=d_model, n_heads=n_heads, n_layers=n_layers, ctx=ctx).items():
            if isinstance(v, bool) or not isinstance(v, int) or v < 1: raise ValueError(f"{k}: expected an int >= 1, got {v!r}")
        if d_model % n_heads: raise ValueError(f"n_heads: expected a divisor of d_model={d_model}, got {n_heads}")
        self.ctx, self.tok, self.pos = ctx, nn.Embedding(vocab_size, d_model), nn.Embedding(ctx, d_model)
        block = nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout, activation=\'gelu\', batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(block, n_layers, enable_nested_tensor=False)
        self.norm, self.head = nn.LayerNorm(d_model), nn.Linear(d_model, vocab_size)

    def forward(self, x:Tensor)->Tensor:
        "`x` (B, T) ids, T <= ctx -> logits (B, T, V), each step seeing only itself and the steps before it"
        if x.dim() != 2 or not 1 <= x.shape[1] <= self.ctx: raise ValueError(f"x: expected ids (B, T) with 1 <= T <= {self.ctx}, got shape {tuple(x.shape)}")
        T = x.shape[1]
        mask = nn.Transformer.generate_square_subsequent_mask(T, device=x.device)
        a = self.tok(x) + self.pos(torch.arange(T, device=x.device))
        return self.head(self.norm(self.blocks(a, mask=mask, is_causal=True)))'''),
(23, [], '''\
vocab, train_ids = lm_data(\'train\'); valid_ids = lm_data(\'valid\')[1]; V = len(vocab)
torch.manual_seed(0); gpt = BabyGPT(V)
n_params = lambda m: sum(p.numel() for p in m.parameters())
print(f"BabyGPT: {n_params(gpt):,} parameters; logits {tuple(gpt(train_ids[:64][None]).shape)}")'''),
(24, [], '''\
xg = torch.randint(0, V, (2, 10)); lg = gpt(xg)
test_close(gpt(xg[:, :6]), lg[:, :6], eps=1e-5)              # causal: the first 6 outputs do not see steps 6..9
test_fail(lambda: gpt(torch.zeros(2, 65, dtype=torch.long)), contains=\'x: expected ids (B, T) with 1 <= T <= 64, got shape (2, 65)\')
test_fail(lambda: BabyGPT(V, d_model=130, n_heads=4), contains=\'n_heads: expected a divisor of d_model=130, got 4\')
test_fail(lambda: BabyGPT(0), contains=\'vocab_size: expected an int >= 1, got 0\')'''),
(25, [], '''\
@torch.no_grad()
def gpt_evaluate(model:BabyGPT, # a trained BabyGPT
                 ids:Tensor,    # 1-D ids of the held-out text
                 bs:int=256     # windows per forward pass
                )->float:
    "Loss in nats per token over `ids`, each token predicted from ctx/2 + 1 to ctx tokens (windows overlapping by half)"
    if not isinstance(ids, Tensor) or ids.dim() != 1 or len(ids) <= model.ctx: raise ValueError(f"ids: expected a 1-D tensor longer than ctx={model.ctx}, got {tuple(getattr(ids, \'shape\', ()))}")
    was, (C, S) = model.training, (model.ctx, model.ctx // 2)
    model.eval(); dev = next(model.parameters()).device
    starts = torch.arange(0, len(ids) - C, S)
    tot, n = F.cross_entropy(model(ids[None, :C].to(dev))[0, :S], ids[1:S+1].to(dev), reduction=\'sum\').item(), S   # the first window\'s first half
    for b in starts.split(bs):
        w = torch.stack([ids[s:s + C + 1] for s in b.tolist()]).to(dev)               # (bs, C + 1)
        logits = model(w[:, :-1])[:, S:]                                               # the last C - S predictions
        tot += F.cross_entropy(logits.flatten(0, 1), w[:, S+1:].flatten(), reduction=\'sum\').item(); n += w[:, S+1:].numel()
    model.train(was)
    return tot / n'''),
(26, [], '''\
ids_t = torch.randint(0, V, (64 * 5 + 1,))
full = F.cross_entropy(gpt.eval()(ids_t[None, :64])[0], ids_t[1:65]).item()
test_close(gpt_evaluate(gpt, ids_t[:65]), full, eps=1e-5)                # exactly one window: every prediction counts once
assert abs(gpt_evaluate(gpt, ids_t) - math.log(V)) < 1.0
test_fail(lambda: gpt_evaluate(gpt, ids_t[:64]), contains=\'ids: expected a 1-D tensor longer than ctx=64, got (64,)\')'''),
(28, [], '''\
def train_gpt(seconds:float=60.,  # training time budget
              lr:float=2e-3,      # peak learning rate (Adam)
              bs:int=32,          # windows per batch
              seed:int=0,         # seed of the weights and windows
              **kw):              # `BabyGPT` arguments: d_model, n_heads, n_layers, ctx, dropout
    "Train a `BabyGPT` on the training plays for `seconds`; the model and its per-step training losses"
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0: raise ValueError(f"seconds: expected a positive number, got {seconds!r}")
    vocab, tr = lm_data(\'train\')
    torch.manual_seed(seed); model = BabyGPT(len(vocab), **kw)
    opt, sched = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01), BudgetSchedule(seconds, lr)
    spent, losses = 0., []
    for x, y in Resume(LMWindows(tr, bs, model.ctx, n_batches=len(tr) // (bs * model.ctx), seed=seed)):   # epoch after epoch
        t0 = time.perf_counter()
        for grp in opt.param_groups: grp[\'lr\'] = sched.lr_at(spent / seconds)
        loss = F.cross_entropy(model(x).flatten(0, 1), y.flatten())
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step()
        losses.append(loss.item()); spent += time.perf_counter() - t0
        if spent >= seconds: break
    return model, losses'''),
(29, [], '''\
test_fail(lambda: train_gpt(0), contains=\'seconds: expected a positive number, got 0\')'''),
(31, [], '''\
def lm_race(seconds):
    "Train the default character LSTM and the BabyGPT for `seconds` each; steps, training losses, validation loss (nats/char)"
    lstm_learn, _ = train_lm(\'lstm\', seconds=seconds, progress=False, seed=0)
    gpt_m, gpt_losses = train_gpt(seconds)
    return {\'LSTM (rnnbook train)\': dict(model=lstm_learn.model, steps=len(lstm_learn.recorder.losses), losses=lstm_learn.recorder.losses,
                                         params=n_params(lstm_learn.model), valid=evaluate(lstm_learn.model, valid_ids)[\'loss\']),
            \'BabyGPT 4L/4H/128, ctx 64\': dict(model=gpt_m, steps=len(gpt_losses), losses=gpt_losses, params=n_params(gpt_m), valid=gpt_evaluate(gpt_m, valid_ids))}

def show_race(res, seconds):
    for k, r in res.items(): print(f"{k:>26}: {r[\'params\']:9,} parameters, {r[\'steps\']:5,} steps in {seconds} s, valid {r[\'valid\']:.3f} nats/char ({r[\'valid\'] / math.log(2):.2f} bpc)")
quick = lm_race(5)
show_race(quick, 5)'''),
(32, [], '''\
for k, r in quick.items(): assert r[\'valid\'] < math.log(V) and r[\'steps\'] > 0, (k, r)'''),
(33, [], '''\
def plot_race(res, seconds):
    "Training loss (running mean over 25 steps) against training time, steps spread evenly over the budget"
    fig, ax = plt.subplots(figsize=(7, 4))
    for k, r in res.items():
        l = torch.tensor(r[\'losses\']); sm = l.unfold(0, min(25, len(l)), 1).mean(1)
        ax.plot(torch.linspace(0, seconds, len(sm)), sm, label=f"{k}: valid {r[\'valid\']:.3f}")
    ax.set(title=f\'Character LM on the same plays, {seconds} s of training each\', xlabel=\'training time (s)\', ylabel=\'training loss (nats/char)\', ylim=(1, 4.5))
    ax.legend(); ax.grid(alpha=.3)
plot_race(quick, 5)'''),
(35, ['slow'], '''\
full = lm_race(60)
show_race(full, 60)
plot_race(full, 60)'''),
(37, [], '''\
small_gpt = BabyGPT(V, d_model=96, n_heads=4)
print(f"BabyGPT d=96: {n_params(small_gpt):,} parameters; LSTM H=256: {quick[\'LSTM (rnnbook train)\'][\'params\']:,}")
assert abs(n_params(small_gpt) - 12 * 4 * 96**2) / n_params(small_gpt) < 0.1'''),
(39, [], '''\
a_e, b_e = torch.randn(1000, 1000), torch.randn(1000, 1000)
ts_e = [race({\'mm\': lambda: a_e @ b_e}, rounds=1)[\'mm\'] for _ in range(10)]
print(f"min {min(ts_e)*1e3:.1f} ms, mean {sum(ts_e)/len(ts_e)*1e3:.1f} ms, max {max(ts_e)*1e3:.1f} ms")
assert min(ts_e) <= sum(ts_e) / len(ts_e) <= max(ts_e)'''),
(41, [], '''\
gpt_q = quick[\'BabyGPT 4L/4H/128, ctx 64\'][\'model\'].eval()
x_e = valid_ids[:64][None].clone(); x_e2 = x_e.clone(); x_e2[0, -1] = (x_e[0, -1] + 1) % V
def unmasked(m, x): return m.head(m.norm(m.blocks(m.tok(x) + m.pos(torch.arange(x.shape[1])))))
with torch.no_grad():
    moved = (gpt_q(x_e2) - gpt_q(x_e))[0].abs().amax(-1)                   # (64,): largest change of a logit at each position
    moved_nomask = (unmasked(gpt_q, x_e2) - unmasked(gpt_q, x_e))[0].abs().amax(-1)
print(f"with the mask: positions 0-62 moved by at most {moved[:-1].max():.1e}, position 63 by {moved[-1]:.2f}; "
      f"without it, {(moved_nomask[:-1] > 1e-4).sum().item()} of the first 63 positions moved")
assert moved[:-1].max() < 1e-5 and moved[-1] > 1e-3 and (moved_nomask[:-1] > 1e-4).sum() > 0'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/15_performance.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_performance(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c005_print_f_torch_torch___version___torch_ge(): nb.run(5)
def test_c007_def_race_fns_dict_name_a_function_of_no(): nb.run(7)
def test_c008_race_sum_of_a_million_lambda_sum_range_1(): nb.run(8)
def test_c009_r_race_a_lambda_none_rounds_2_test_eq_li(): nb.run(9)
def test_c011_def_fwd_bwd_m_x(): nb.run(11)
def test_c013_class_classifier_nn_module(): nb.run(13)
def test_c014_ids0_l0___bucket_b_0(): nb.run(14)
def test_c016_torch_manual_seed_0(): nb.run(16)
def test_c018_ratios(): nb.run(18)
def test_c019_for_k_v_in_ratios_items_assert_math_isfi(): nb.run(19)
def test_c020_fig_ax_plt_subplots_figsize_8_3_8(): nb.run(20)
def test_c022_class_babygpt_nn_module(): nb.run(22)
def test_c023_vocab_train_ids_lm_data_train_valid_ids(): nb.run(23)
def test_c024_xg_torch_randint_0_v_2_10_lg_gpt_xg(): nb.run(24)
def test_c025_torch_no_grad(): nb.run(25)
def test_c026_ids_t_torch_randint_0_v_64_5_1(): nb.run(26)
def test_c028_def_train_gpt_seconds_float_60_training(): nb.run(28)
def test_c029_test_fail_lambda_train_gpt_0_contains_se(): nb.run(29)
def test_c031_def_lm_race_seconds(): nb.run(31)
def test_c032_for_k_r_in_quick_items_assert_r_valid_ma(): nb.run(32)
def test_c033_def_plot_race_res_seconds(): nb.run(33)
@pytest.mark.slow
def test_c035_full_lm_race_60(): nb.run(35)
def test_c037_small_gpt_babygpt_v_d_model_96_n_heads_4(): nb.run(37)
def test_c039_a_e_b_e_torch_randn_1000_1000_torch_rand(): nb.run(39)
def test_c041_gpt_q_quick_babygpt_4l_4h_128_ctx_64_mod(): nb.run(41)
