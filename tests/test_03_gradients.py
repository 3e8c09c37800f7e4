# Generated from nbs/03_gradients.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp gradients'''),
(2, [], '''\
from __future__ import annotations
import math
import torch
from torch import nn'''),
(3, [], '''\
from fastcore.test import *
import matplotlib.pyplot as plt'''),
(6, [], '''\
def with_radius(W:torch.Tensor, # square matrix
                rho:float,      # the spectral radius wanted
               ) -> torch.Tensor:
    "`W` scaled so that its largest eigenvalue modulus is `rho`"
    if W.ndim != 2 or W.shape[0] != W.shape[1]: raise ValueError(f"W: expected a square matrix, got shape {tuple(W.shape)}")
    return W * (rho / torch.linalg.eigvals(W).abs().max())'''),
(7, [], '''\
def grad_norms(W_hh:torch.Tensor,     # recurrent matrix (H, H)
               T:int=100,             # number of steps
               nonlinearity=\'tanh\',   # \'tanh\', \'relu\' or \'linear\'
               input_scale:float=1.0, # std of the input drive W_ih x_t
               seed:int=0,            # seed for the inputs and for u
              ):                      # (‖∂L/∂h_t‖ for t=0..T-1, φ\'(a_t) as (T, H))
    "Norm of the gradient of L = uᵀh_T with respect to each hidden state of an RNN driven by random inputs"
    acts = {\'tanh\': torch.tanh, \'relu\': torch.relu, \'linear\': lambda a: a}
    if nonlinearity not in acts: raise ValueError(f"nonlinearity: expected one of {list(acts)}, got {nonlinearity!r}")
    g, H = torch.Generator().manual_seed(seed), W_hh.shape[0]
    drive = input_scale * torch.randn(T, H, generator=g, dtype=W_hh.dtype)
    W_hh, hs, pre = W_hh.detach(), [], []
    h = torch.zeros(H, dtype=W_hh.dtype, requires_grad=True)
    for t in range(T):
        a = W_hh @ h + drive[t]
        h = acts[nonlinearity](a)
        h.retain_grad(); hs.append(h); pre.append(a)
    u = torch.randn(H, generator=g, dtype=W_hh.dtype)
    (u / u.norm() @ hs[-1]).backward()
    a = torch.stack(pre)
    dphi = {\'tanh\': 1 - torch.tanh(a)**2, \'relu\': (a > 0).to(a.dtype), \'linear\': torch.ones_like(a)}[nonlinearity]
    return torch.stack([h.grad.norm() for h in hs]), dphi'''),
(8, [], '''\
H = 64
Q = torch.linalg.qr(torch.randn(H, H, generator=torch.Generator().manual_seed(1), dtype=torch.float64))[0]
norms, dphi = grad_norms(with_radius(Q, 0.9), T=100, nonlinearity=\'linear\')
norms[-1], norms[-2], norms[-2] / norms[-1]'''),
(10, [], '''\
def decay_rate(norms:torch.Tensor, # ‖∂L/∂h_t‖ for t=0..T-1, as from `grad_norms`
               skip:int=10,        # leave out the `skip` steps nearest to T
              ) -> float:          # minus the slope of log-norm against distance T-1-t
    "Fitted rate at which the gradient\'s log-norm falls per step back in time"
    T = len(norms)
    if T - skip < 2: raise ValueError(f"norms: need more than skip+1={skip+1} values, got {T}")
    dist = torch.arange(T - 1, -1, -1, dtype=torch.float64)[:T - skip]
    A = torch.stack([dist, torch.ones_like(dist)], 1)
    return -torch.linalg.lstsq(A, norms[:T - skip].double().log()[:, None]).solution[0].item()'''),
(11, [], '''\
def predicted_rate(rho, dphi): return -math.log(rho) - 0.5 * (dphi[1:]**2).mean(1).log().mean().item()

rhos, rows = [0.5, 0.9, 1.0, 1.1, 1.5], []
for rho in rhos:
    for nl in [\'linear\', \'tanh\']:
        norms, dphi = grad_norms(with_radius(Q, rho), T=200, nonlinearity=nl)
        rows.append((rho, nl, decay_rate(norms), predicted_rate(rho, dphi), dphi.mean().item()))
print(f"{\'rho\':>4} {\'phi\':>7} {\'measured\':>9} {\'predicted\':>10} {\'mean dphi\':>10}")
for r in rows: print(f"{r[0]:4.1f} {r[1]:>7} {r[2]:9.4f} {r[3]:10.4f} {r[4]:10.3f}")
print(\'largest |measured - predicted| with tanh:\', round(max(abs(r[2] - r[3]) for r in rows if r[1] == \'tanh\'), 4))'''),
(12, [], '''\
for rho, nl, measured, pred, _ in rows:
    test_close(measured, pred, eps=1e-9 if nl == \'linear\' else 0.03)'''),
(14, [], '''\
fig, axs = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
for ax, nl in zip(axs, [\'linear\', \'tanh\']):
    for rho in rhos:
        norms, _ = grad_norms(with_radius(Q, rho), T=200, nonlinearity=nl)
        ax.semilogy(torch.arange(199, -1, -1), norms, label=f\'ρ = {rho}\')
    ax.set(title=f\'{nl} RNN, H={H}: gradient reaching step t\', xlabel=\'distance T − t (steps)\')
axs[0].set_ylabel(\'‖∂L/∂h_t‖ (log scale)\'); axs[0].legend(); plt.tight_layout()'''),
(16, [], '''\
import ipywidgets as widgets
def show_decay(rho=0.9, T=100, nonlinearity=\'tanh\'):
    norms, dphi = grad_norms(with_radius(Q, rho), T=T, nonlinearity=nonlinearity)
    plt.figure(figsize=(6, 3.5)); plt.semilogy(torch.arange(T - 1, -1, -1), norms)
    plt.title(f\'{nonlinearity}, ρ={rho}: measured rate {decay_rate(norms, skip=min(10, T - 2)):.3f}/step\')
    plt.xlabel(\'distance T − t (steps)\'); plt.ylabel(\'‖∂L/∂h_t‖ (log scale)\'); plt.show()
widgets.interact(show_decay, rho=widgets.FloatSlider(0.9, min=0.1, max=2.0, step=0.05),
                 T=widgets.IntSlider(100, min=20, max=300, step=10), nonlinearity=[\'tanh\', \'linear\', \'relu\']);'''),
(17, [], '''\
test_fail(lambda: with_radius(torch.ones(2, 3), 1.0), contains=\'square matrix\')
test_fail(lambda: grad_norms(Q, nonlinearity=\'sigmoid\'), contains="nonlinearity: expected one of [\'tanh\', \'relu\', \'linear\']")
test_fail(lambda: decay_rate(torch.ones(5)), contains=\'need more than skip+1=11 values, got 5\')
test_close(torch.linalg.eigvals(with_radius(torch.randn(8, 8, dtype=torch.float64), 1.3)).abs().max(), 1.3, eps=1e-12)'''),
(19, [], '''\
def _grads(parameters):
    if isinstance(parameters, torch.Tensor): parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]

def clip_grad_norm(parameters,       # tensors (or one tensor) whose `.grad` is clipped in place
                   max_norm:float,   # largest norm allowed
                   norm_type:float=2.0, # q of the q-norm; `inf` for the largest absolute value
                  ) -> torch.Tensor: # total norm of the gradients before clipping
    "Scale all gradients by one factor so that their joint `norm_type`-norm is at most `max_norm`"
    grads = _grads(parameters)
    if not grads: return torch.tensor(0.0)
    norms = torch.stack([torch.linalg.vector_norm(g, float(norm_type)) for g in grads])
    total = torch.linalg.vector_norm(norms, float(norm_type))
    coef = (max_norm / (total + 1e-6)).clamp(max=1.0)
    for g in grads: g.mul_(coef)
    return total'''),
(20, [], '''\
def clip_grad_value(parameters,        # tensors (or one tensor) whose `.grad` is clipped in place
                    clip_value:float,  # gradients are clamped to [-clip_value, clip_value]
                   ):
    "Clamp every gradient element to [-`clip_value`, `clip_value`]"
    for g in _grads(parameters): g.clamp_(-clip_value, clip_value)'''),
(22, [], '''\
def grads_pair(seed=0):
    "Two copies of an RNN and head with the same (large) gradients; the head\'s bias has no gradient"
    torch.manual_seed(seed)
    rnn, head = nn.RNN(3, 8), nn.Linear(8, 1)
    out = head(rnn(torch.randn(20, 4, 3))[0]).sum() * 100
    out.backward(); head.bias.grad = None
    ps = list(rnn.parameters()) + list(head.parameters())
    return ps, [p.detach().clone().requires_grad_() for p in ps], [None if p.grad is None else p.grad.clone() for p in ps]

def set_grads(ps, gs):
    for p, g in zip(ps, gs): p.grad = None if g is None else g.clone()

ps, qs, gs = grads_pair(); set_grads(qs, gs)
mine, ref = clip_grad_norm(ps, 1.0), nn.utils.clip_grad_norm_(qs, 1.0)
mine, ref'''),
(23, [], '''\
for norm_type in [1.0, 2.0, 3.0, math.inf]:
    for max_norm in [0.5, 1e9]:
        set_grads(ps, gs); set_grads(qs, gs)
        test_close(clip_grad_norm(ps, max_norm, norm_type), nn.utils.clip_grad_norm_(qs, max_norm, norm_type), eps=1e-5)
        for p, q in zip(ps, qs):
            if q.grad is None: test_is(p.grad, None)
            else: test_close(p.grad, q.grad, eps=1e-7)
set_grads(ps, gs); set_grads(qs, gs)
clip_grad_value(ps, 0.01); nn.utils.clip_grad_value_(qs, 0.01)
for p, q in zip(ps, qs):
    if q.grad is not None: test_eq(p.grad, q.grad)
test_eq(clip_grad_norm([nn.Parameter(torch.ones(2))], 1.0), torch.tensor(0.0))  # no gradients at all'''),
(25, [], '''\
def flat(ps): return torch.cat([p.grad.flatten() for p in ps if p.grad is not None])
set_grads(ps, gs); g0 = flat(ps)
clip_grad_norm(ps, 1.0); cos_norm = torch.cosine_similarity(flat(ps), g0, 0).item()
set_grads(ps, gs); clip_grad_value(ps, 0.01); cos_value = torch.cosine_similarity(flat(ps), g0, 0).item()
print(f\'norm before: {g0.norm():.1f}; cosine with the original: norm clipping {cos_norm:.6f}, value clipping {cos_value:.3f}\')'''),
(26, [], '''\
test_close(cos_norm, 1.0, eps=1e-6); assert cos_value < 0.99'''),
(28, [], '''\
def init_recurrent(rnn:nn.Module,       # an `RNN` (ours or torch\'s): any module with `weight_hh_l*` parameters
                   scheme=\'default\',    # \'default\' (uniform ±1/√H), \'orthogonal\', or \'identity\' (IRNN)
                   input_std:float=1e-3,# with \'identity\': std of the input weights, as in Le et al. 2015
                  ):
    "Re-initialise the recurrent weights of `rnn` in place: PyTorch\'s default, orthogonal, or identity with zero biases (IRNN)"
    if scheme not in (\'default\', \'orthogonal\', \'identity\'):
        raise ValueError(f"scheme: expected \'default\', \'orthogonal\' or \'identity\', got {scheme!r}")
    with torch.no_grad():
        for name, p in rnn.named_parameters():
            if scheme == \'default\': continue
            if name.startswith(\'weight_hh\'): (nn.init.orthogonal_ if scheme == \'orthogonal\' else nn.init.eye_)(p)
            elif scheme == \'identity\' and name.startswith(\'bias\'): p.zero_()
            elif scheme == \'identity\' and name.startswith(\'weight_ih\'): p.normal_(0, input_std)
    return rnn'''),
(29, [], '''\
from rnnbook.rnn import RNN, train_loop
from rnnbook.data import adding_problem

class AddingModel(nn.Module):
    "An RNN over (B, T, 2) inputs with a linear head on its last output"
    def __init__(self, H=64, scheme=\'default\', nonlinearity=\'relu\'):
        super().__init__()
        self.rnn = init_recurrent(RNN(2, H, nonlinearity=nonlinearity, batch_first=True), scheme)
        self.head = nn.Linear(H, 1)
    def forward(self, x): return self.head(self.rnn(x)[0][:, -1]).squeeze(-1)'''),
(30, [], '''\
def adding_run(T, scheme, lr, steps=800, clip=1.0, seed=0, H=64):
    "Train an `AddingModel` on the adding problem of length `T`; return (validation MSE, per-step losses, model)"
    X, Y = adding_problem(20_000, T, seed=1); Xv, Yv = adding_problem(2_000, T, seed=2)
    batches = [(X[i:i + 64], Y[i:i + 64]) for i in range(0, len(X), 64)]
    torch.manual_seed(seed); model = AddingModel(H, scheme)
    losses = train_loop(model, batches, nn.functional.mse_loss, steps, lr=lr, clip=clip)
    model.eval()
    with torch.no_grad(): return nn.functional.mse_loss(model(Xv), Yv).item(), losses, model'''),
(31, [], '''\
test_fail(lambda: init_recurrent(RNN(2, 4), \'xavier\'), contains="scheme: expected \'default\', \'orthogonal\' or \'identity\', got \'xavier\'")
m = AddingModel(8, \'identity\')
test_eq(m.rnn.weight_hh_l0.detach(), torch.eye(8)); test_eq(m.rnn.bias_ih_l0.detach(), torch.zeros(8))
test_close(torch.linalg.svdvals(AddingModel(8, \'orthogonal\').rnn.weight_hh_l0.detach()), torch.ones(8), eps=1e-5)'''),
(33, [], '''\
mse_raw, loss_raw, _ = adding_run(30, \'orthogonal\', 1e-2, clip=None)
mse_clip, loss_clip, _ = adding_run(30, \'orthogonal\', 1e-2, clip=1.0)
print(f\'no clipping:   largest batch loss {max(loss_raw):.3g}, validation MSE {mse_raw:.4f}\')
print(f\'clip norm 1.0: largest batch loss {max(loss_clip):.3g}, validation MSE {mse_clip:.4f}   (baseline 0.167)\')'''),
(34, [], '''\
assert mse_raw > 0.15 and mse_clip < 0.05'''),
(35, [], '''\
plt.figure(figsize=(7, 3.5))
plt.semilogy(loss_raw, label=f\'no clipping (final valid MSE {mse_raw:.3f})\', alpha=.8)
plt.semilogy(loss_clip, label=f\'clip norm 1.0 (final valid MSE {mse_clip:.3f})\', alpha=.8)
plt.axhline(1/6, color=\'k\', ls=\'--\', lw=1, label=\'predict 1.0 (MSE 1/6)\')
plt.title(\'ReLU RNN, orthogonal init, adding problem T=30, Adam lr 1e-2, same seed\'); plt.xlabel(\'step\'); plt.ylabel(\'batch MSE (log scale)\')
plt.legend(fontsize=8); plt.tight_layout()'''),
(37, ['slow'], '''\
for seed in range(3):
    print(seed, [round(adding_run(30, \'orthogonal\', 1e-2, clip=c, seed=seed)[0], 4) for c in (None, 1.0)])'''),
(40, [], '''\
print(\'spectral radius of the default init, H=64:\', round(torch.linalg.eigvals(RNN(2, 64).weight_hh_l0.detach()).abs().max().item(), 3))'''),
(41, ['slow'], '''\
sweep = {(T, s, lr): adding_run(T, s, lr)[0] for T in (30, 50) for s in (\'default\', \'orthogonal\', \'identity\') for lr in (1e-3, 3e-3, 1e-2)}
for k, v in sweep.items(): print(k, f\'{v:.4f}\')'''),
(43, [], '''\
best_lr = {(30, \'default\'): 3e-3, (30, \'orthogonal\'): 1e-3, (30, \'identity\'): 1e-3,
           (50, \'default\'): 3e-3, (50, \'orthogonal\'): 1e-3, (50, \'identity\'): 1e-3}
results = {k: adding_run(k[0], k[1], lr) for k, lr in best_lr.items()}
print(f"{\'T\':>3} {\'init\':>11} {\'lr\':>7} {\'valid MSE\':>10}")
for (T, s), (mse, _, _) in results.items(): print(f\'{T:3d} {s:>11} {best_lr[T, s]:7.0e} {mse:10.4f}\')
print(\'baseline (predict 1.0): 0.1667\')
mses = {k: v[0] for k, v in results.items()}
for T in (30, 50): print(f\'T={T}, best first:\', \' < \'.join(s for (t, s), _ in sorted(mses.items(), key=lambda o: o[1]) if t == T))'''),
(44, [], '''\
assert all(math.isfinite(v) for v in mses.values())
assert min(v for (T, _), v in mses.items() if T == 30) < 0.5 / 6   # the best run at T=30 beats half the baseline'''),
(47, [], '''\
def marker_weights(model, T, n=2000):
    "Least-squares fit of the model\'s predictions as a·(first value) + b·(second value) + c; returns (a, b, c)"
    X, _ = adding_problem(n, T, seed=3)
    with torch.no_grad(): pred = model(X)
    v = X[..., 0][X[..., 1].bool()].view(n, 2)   # the two marked values, in order
    A = torch.cat([v, torch.ones(n, 1)], 1)
    return tuple(round(c, 3) for c in torch.linalg.lstsq(A, pred[:, None]).solution.squeeze().tolist())'''),
(48, [], '''\
mse_plateau, _, plateau = adding_run(50, \'orthogonal\', 1e-2)
w_plateau, w_good = marker_weights(plateau, 50), marker_weights(results[50, \'orthogonal\'][2], 50)
print(f"orthogonal, lr 1e-2, T=50: valid MSE {mse_plateau:.4f} (1/12 = {1/12:.4f}); weights on (first, second, 1): {w_plateau}")
print(f"orthogonal, lr 1e-3, T=50: valid MSE {mses[50, \'orthogonal\']:.4f}; weights on (first, second, 1): {w_good}")'''),
(49, [], '''\
assert abs(mse_plateau - 1/12) < 0.02 and w_plateau[0] < 0.35 < 0.6 < w_plateau[1]
assert min(w_good[:2]) > 0.6'''),
(52, [], '''\
X, Y = adding_problem(64, 50, seed=1)
torch.manual_seed(0); m = AddingModel(64, \'identity\')
rho0 = torch.linalg.eigvals(m.rnn.weight_hh_l0.detach()).abs().max().item()
first = train_loop(m, [(X, Y)], nn.functional.mse_loss, steps=1, lr=0.1, clip=1.0)
rho1 = torch.linalg.eigvals(m.rnn.weight_hh_l0.detach()).abs().max().item()
with torch.no_grad(): after = nn.functional.mse_loss(m(X), Y).item()
print(f\'spectral radius {rho0:.2f} -> {rho1:.2f} after one clipped Adam step at lr 0.1; loss {first[0]:.3f} -> {after}\')'''),
(53, [], '''\
assert rho1 > 1.5 * rho0 and not math.isfinite(after)'''),
(56, [], '''\
Q8 = with_radius(Q, 0.8)
k_pred = math.ceil(math.log(1e-6) / math.log(0.8))
norms, _ = grad_norms(Q8, T=100, nonlinearity=\'linear\')
k_meas = next(k for k in range(100) if norms[99 - k] < 1e-6 * norms[99])
print(k_pred, k_meas); test_eq(k_meas, k_pred)'''),
(57, [], '''\
G = with_radius(torch.randn(H, H, generator=torch.Generator().manual_seed(5), dtype=torch.float64), 0.9)
rate = decay_rate(grad_norms(G, T=200, nonlinearity=\'linear\')[0])
print(f\'measured {rate:.4f} vs -log 0.9 = {-math.log(0.9):.4f}\')
assert abs(rate + math.log(0.9)) < 0.03'''),
(59, [], '''\
p = nn.Parameter(torch.zeros(2)); p.grad = torch.tensor([5.0, 1.0])
g0 = p.grad.clone(); clip_grad_value([p], 1.0)
angle = math.degrees(math.acos(torch.cosine_similarity(g0, p.grad, 0).item()))
print(p.grad, f\'{angle:.1f} degrees\'); assert angle > 30'''),
(60, [], '''\
def clip_grad_norm_strict(parameters, max_norm, norm_type=2.0):
    "`clip_grad_norm`, refusing a non-finite total norm"
    grads = _grads(parameters)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, float(norm_type)) for g in grads]), float(norm_type))
    if not torch.isfinite(total): raise RuntimeError(f\'clip_grad_norm: the total norm of order {norm_type} is {total.item()}\')
    return clip_grad_norm(parameters, max_norm, norm_type)
p = nn.Parameter(torch.zeros(2)); p.grad = torch.tensor([float(\'nan\'), 1.0])
test_fail(lambda: clip_grad_norm_strict([p], 1.0), contains=\'total norm of order 2.0 is nan\')'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/03_gradients.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_gradients(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def_with_radius_w_torch_tensor_square_ma(): nb.run(6)
def test_c007_def_grad_norms_w_hh_torch_tensor_recurre(): nb.run(7)
def test_c008_h_64(): nb.run(8)
def test_c010_def_decay_rate_norms_torch_tensor_l_h_t(): nb.run(10)
def test_c011_def_predicted_rate_rho_dphi_return_math(): nb.run(11)
def test_c012_for_rho_nl_measured_pred___in_rows(): nb.run(12)
def test_c014_fig_axs_plt_subplots_1_2_figsize_11_4_sh(): nb.run(14)
def test_c016_import_ipywidgets_as_widgets(): nb.run(16)
def test_c017_test_fail_lambda_with_radius_torch_ones(): nb.run(17)
def test_c019_def__grads_parameters(): nb.run(19)
def test_c020_def_clip_grad_value_parameters_tensors_o(): nb.run(20)
def test_c022_def_grads_pair_seed_0(): nb.run(22)
def test_c023_for_norm_type_in_1_0_2_0_3_0_math_inf(): nb.run(23)
def test_c025_def_flat_ps_return_torch_cat_p_grad_flat(): nb.run(25)
def test_c026_test_close_cos_norm_1_0_eps_1e_6_assert(): nb.run(26)
def test_c028_def_init_recurrent_rnn_nn_module_an_rnn(): nb.run(28)
def test_c029_from_rnnbook_rnn_import_rnn_train_loop(): nb.run(29)
def test_c030_def_adding_run_t_scheme_lr_steps_800_cli(): nb.run(30)
def test_c031_test_fail_lambda_init_recurrent_rnn_2_4(): nb.run(31)
def test_c033_mse_raw_loss_raw___adding_run_30_orthogo(): nb.run(33)
def test_c034_assert_mse_raw_0_15_and_mse_clip_0_05(): nb.run(34)
def test_c035_plt_figure_figsize_7_3_5(): nb.run(35)
@pytest.mark.slow
def test_c037_for_seed_in_range_3(): nb.run(37)
def test_c040_print_spectral_radius_of_the_default_ini(): nb.run(40)
@pytest.mark.slow
def test_c041_sweep_t_s_lr_adding_run_t_s_lr_0_for_t_i(): nb.run(41)
def test_c043_best_lr_30_default_3e_3_30_orthogonal_1e(): nb.run(43)
def test_c044_assert_all_math_isfinite_v_for_v_in_mses(): nb.run(44)
def test_c047_def_marker_weights_model_t_n_2000(): nb.run(47)
def test_c048_mse_plateau___plateau_adding_run_50_orth(): nb.run(48)
def test_c049_assert_abs_mse_plateau_1_12_0_02_and_w_p(): nb.run(49)
def test_c052_x_y_adding_problem_64_50_seed_1(): nb.run(52)
def test_c053_assert_rho1_1_5_rho0_and_not_math_isfini(): nb.run(53)
def test_c056_q8_with_radius_q_0_8(): nb.run(56)
def test_c057_g_with_radius_torch_randn_h_h_generator(): nb.run(57)
def test_c059_p_nn_parameter_torch_zeros_2_p_grad_torc(): nb.run(59)
def test_c060_def_clip_grad_norm_strict_parameters_max(): nb.run(60)
