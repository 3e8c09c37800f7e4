# Generated from nbs/13_seq2seq.ipynb by `python -m rnnbook.testing`; do not edit.
# One test per cell; the cells run in order in one IPython shell, cwd at the notebook's folder.
from pathlib import Path
import pytest
from rnnbook.testing import NotebookCells

CELLS = [
(0, [], '''\
#| default_exp seq2seq'''),
(2, [], '''\
from __future__ import annotations
import math, random, numbers, collections
from typing import NamedTuple
import torch, torch.nn.functional as F
from torch import nn, Tensor
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from fastcore.basics import patch
from rnnbook.data import Vocab
from rnnbook.padding import lengths_to_mask, pad_sequences, masked_cross_entropy'''),
(3, [], '''\
from fastcore.test import *
import matplotlib.pyplot as plt'''),
(6, [], '''\
def _is_int(v): return isinstance(v, numbers.Integral) and not isinstance(v, bool)

def _check_int(name, v, lo):
    if not _is_int(v): raise TypeError(f"{name}: expected an int, got {type(v).__name__} {v!r}")
    if v < lo: raise ValueError(f"{name}: expected an int >= {lo}, got {v}")

DIGITS = \'0123456789\'
DIGIT_VOCAB = Vocab(DIGITS)'''),
(7, [], '''\
DIGIT_VOCAB, DIGIT_VOCAB.encode(\'2026\'), DIGIT_VOCAB.bos_id, DIGIT_VOCAB.eos_id'''),
(9, [], '''\
def digit_strings(n:int,          # number of strings
                  min_len:int=1,  # shortest length
                  max_len:int=20, # longest length
                  seed:int=0,     # seed of the draw
                  exclude=(),     # strings never to return (a set, e.g. the test set)
                 ) -> list:
    "`n` random digit strings, lengths uniform in `min_len..max_len`, none in `exclude`"
    _check_int(\'n\', n, 0); _check_int(\'min_len\', min_len, 1); _check_int(\'max_len\', max_len, min_len)
    rng, out, misses = random.Random(seed), [], 0
    while len(out) < n:
        s = \'\'.join(rng.choices(DIGITS, k=rng.randint(min_len, max_len)))
        if s not in exclude: out.append(s)
        else:
            misses += 1
            if misses > 1000 + 100 * n: raise ValueError(f"exclude: it holds almost every string of lengths {min_len}..{max_len}; {misses} draws were rejected")
    return out'''),
(10, [], '''\
digit_strings(6, seed=1)'''),
(11, [], '''\
test_eq(digit_strings(50, 3, 5, seed=2), digit_strings(50, 3, 5, seed=2))
test_ne(digit_strings(50, 3, 5, seed=2), digit_strings(50, 3, 5, seed=3))
test_eq({len(s) for s in digit_strings(500, 3, 5)}, {3, 4, 5})
test_eq(set(digit_strings(200, 1, 1, exclude={\'3\', \'7\'})) & {\'3\', \'7\'}, set())
test_fail(lambda: digit_strings(5, 1, 1, exclude=set(DIGITS)), contains=\'exclude\')
test_fail(lambda: digit_strings(5, 4, 2), contains=\'max_len\')
test_fail(lambda: digit_strings(2.0), contains=\'n: expected an int\')
test_fail(lambda: digit_strings(5, 0), contains=\'min_len\')'''),
(13, [], '''\
def reversal_split(n_train:int,          # number of training strings (repeats allowed)
                   n_test_per_len:int=50, # distinct test strings per length (at most half of the 10**L)
                   min_len:int=1,         # shortest length
                   max_len:int=20,        # longest length
                   seed:int=0,            # seed of both draws
                  ) -> tuple:             # (train, test) lists of digit strings; test sorted by length
    "Train and test digit strings for reversal; no test string occurs in train"
    _check_int(\'n_test_per_len\', n_test_per_len, 1); _check_int(\'min_len\', min_len, 1); _check_int(\'max_len\', max_len, min_len)
    rng, test = random.Random(seed + 1), []
    for L in range(min_len, max_len + 1):
        k, seen = min(n_test_per_len, 10 ** L // 2), set()
        while len(seen) < k: seen.add(\'\'.join(rng.choices(DIGITS, k=L)))
        test += sorted(seen)
    return digit_strings(n_train, min_len, max_len, seed, exclude=set(test)), test'''),
(14, [], '''\
train, test = reversal_split(40_000, seed=0)
print(len(train), len(test), collections.Counter(map(len, test)).most_common()[-3:], len(set(train) & set(test)))'''),
(15, [], '''\
test_eq(set(train) & set(test), set())
test_eq(collections.Counter(map(len, test))[1], 5)
test_eq(collections.Counter(map(len, test))[20], 50)
test_eq(reversal_split(100, seed=4), reversal_split(100, seed=4))
test_fail(lambda: reversal_split(10, n_test_per_len=0), contains=\'n_test_per_len\')'''),
(17, [], '''\
def encode_reversal(strings,                # non-empty list of digit strings
                    vocab:Vocab=DIGIT_VOCAB, # token table with <pad>, <bos> and <eos>
                   ) -> tuple:               # src (B, S), src_len (B,), tgt_in (B, T), tgt_out (B, T), all int64
    "Ids of `strings` and of their reversals, right-padded: `tgt_in` = <bos> + reversed, `tgt_out` = reversed + <eos>"
    if isinstance(strings, str) or not isinstance(strings, (list, tuple)) or not strings:
        raise TypeError(f"strings: expected a non-empty list of digit strings, got {type(strings).__name__} {str(strings)[:30]}")
    bad = next((s for s in strings if not isinstance(s, str) or not s or not set(s) <= set(DIGITS)), None)
    if bad is not None: raise ValueError(f"strings: expected non-empty strings of digits 0-9, got {bad!r}")
    t = lambda ids: torch.tensor(ids, dtype=torch.int64)
    pad = lambda xs: pad_sequences(xs, batch_first=True, padding_value=vocab.pad_id)
    src = pad([t(vocab.encode(s)) for s in strings])
    tgt_in = pad([t([vocab.bos_id] + vocab.encode(s[::-1])) for s in strings])
    tgt_out = pad([t(vocab.encode(s[::-1]) + [vocab.eos_id]) for s in strings])
    return src, t([len(s) for s in strings]), tgt_in, tgt_out'''),
(18, [], '''\
src, src_len, tgt_in, tgt_out = encode_reversal([\'123\', \'45\'])
src, src_len, tgt_in, tgt_out'''),
(19, [], '''\
test_eq(src, torch.tensor([[5, 6, 7], [8, 9, 0]]))
test_eq(tgt_in, torch.tensor([[2, 7, 6, 5], [2, 9, 8, 0]]))
test_eq(tgt_out, torch.tensor([[7, 6, 5, 3], [9, 8, 3, 0]]))
test_eq(src_len, torch.tensor([3, 2]))
test_fail(lambda: encode_reversal(\'123\'), contains=\'strings: expected a non-empty list\')
test_fail(lambda: encode_reversal([]), contains=\'strings\')
test_fail(lambda: encode_reversal([\'12a\']), contains="\'12a\'")
test_fail(lambda: encode_reversal([\'\']), contains=\'non-empty strings\')'''),
(22, [], '''\
class Encoder(nn.Module):
    "Embedding and a one-layer `nn.GRU` over the real steps of a right-padded batch"
    def __init__(self, V:int,        # vocabulary size
                 E:int=32,           # embedding size
                 H:int=64,           # hidden size
                 pad_id:int=0):      # id of <pad>, whose embedding stays 0
        super().__init__()
        for k, v in dict(V=V, E=E, H=H).items(): _check_int(k, v, 1)
        self.emb, self.rnn = nn.Embedding(V, E, padding_idx=pad_id), nn.GRU(E, H, batch_first=True)

    def forward(self, src, src_len):  # ids (B, S); lengths (B,) in 1..S
        "All states (B, S, H), zero at padding, and each sequence\'s last real state (B, H)"
        packed = pack_padded_sequence(self.emb(src), src_len.cpu(), batch_first=True, enforce_sorted=False)
        out, h_n = self.rnn(packed)
        return pad_packed_sequence(out, batch_first=True, total_length=src.shape[1])[0], h_n[0]'''),
(24, [], '''\
torch.manual_seed(0)
enc = Encoder(len(DIGIT_VOCAB), E=8, H=16)
src, src_len, *_ = encode_reversal([\'12345\', \'67\'])
h, h_last = enc(src, src_len)
h_alone, h_last_alone = enc(*encode_reversal([\'67\'])[:2])
h.shape, h_last.shape, (h[1, :2] - h_alone[0]).abs().max().item(), (h_last[1] - h_last_alone[0]).abs().max().item()'''),
(25, [], '''\
test_eq(h.shape, (2, 5, 16)); test_eq(h_last.shape, (2, 16))
test_close(h[1, :2], h_alone[0], eps=1e-6); test_close(h_last[1], h_last_alone[0], eps=1e-6)
test_eq(h[1, 2:].detach(), torch.zeros(3, 16))
test_close(h_last[0], h[0, 4], eps=1e-7)
test_fail(lambda: Encoder(14, E=0), contains=\'E: expected an int >= 1\')'''),
(27, [], '''\
class AdditiveAttention(nn.Module):
    "Bahdanau attention: `e_j = vᵀ tanh(W s + U h_j + b)`, softmax over real positions, context `Σ α_j h_j`"
    def __init__(self, H_dec:int,  # size of the decoder state s
                 H_enc:int,        # size of the encoder states h_j
                 A:int=64):        # attention size
        super().__init__()
        for k, v in dict(H_dec=H_dec, H_enc=H_enc, A=A).items(): _check_int(k, v, 1)
        self.W, self.U, self.v = nn.Linear(H_dec, A, bias=False), nn.Linear(H_enc, A), nn.Linear(A, 1, bias=False)

    def forward(self, s,      # decoder state (B, H_dec)
                h,            # encoder states (B, S, H_enc)
                mask,         # bool (B, S), True at real positions; every row needs one
                Uh=None):     # `self.U(h)` (B, S, A), if already computed
        "Context (B, H_enc) and weights α (B, S), exactly 0 where `mask` is False"
        _check_attn_args(s, h, mask, Uh)
        if Uh is None: Uh = self.U(h)
        e = self.v(torch.tanh(self.W(s)[:, None] + Uh)).squeeze(-1)               # (B, S)
        alpha = torch.softmax(e.masked_fill(~mask, float(\'-inf\')), dim=-1)        # (B, S)
        return (alpha[:, :, None] * h).sum(1), alpha'''),
(29, [], '''\
def _shape(x): return tuple(x.shape) if isinstance(x, Tensor) else type(x).__name__

def _check_attn_args(s, h, mask, Uh):
    if not isinstance(s, Tensor) or s.dim() != 2: raise ValueError(f"s: expected a decoder state (B, H_dec), got {_shape(s)}")
    if not isinstance(h, Tensor) or h.dim() != 3 or h.shape[0] != s.shape[0]:
        raise ValueError(f"h: expected encoder states (B={s.shape[0]}, S, H_enc), got {_shape(h)}")
    if not isinstance(mask, Tensor) or mask.dtype != torch.bool:
        raise TypeError(f"mask: expected a bool tensor (B, S), True at real positions, got {mask.dtype if isinstance(mask, Tensor) else type(mask).__name__}")
    if mask.shape != h.shape[:2]: raise ValueError(f"mask: expected shape {tuple(h.shape[:2])}, (B, S) of h, got {tuple(mask.shape)}")
    if not mask.any(1).all(): raise ValueError(f"mask: row {(~mask.any(1)).nonzero()[0, 0].item()} has no real position, so its softmax would be 0/0")
    if Uh is not None and (not isinstance(Uh, Tensor) or Uh.shape[:2] != h.shape[:2]):
        raise ValueError(f"Uh: expected U(h) of shape (B, S, A) = {tuple(h.shape[:2])} + (A,), got {_shape(Uh)}")'''),
(30, [], '''\
torch.manual_seed(0)
att = AdditiveAttention(H_dec=16, H_enc=16, A=8)
s0, mask = torch.randn(2, 16), lengths_to_mask(src_len, 5)
c, alpha = att(s0, h, mask)
print(c.shape, alpha.shape); alpha'''),
(32, [], '''\
test_eq(alpha[~mask].detach(), torch.zeros(3))
test_close(alpha.sum(1), torch.ones(2), eps=1e-6)
e_hand = torch.stack([att.v.weight[0] @ torch.tanh(att.W.weight @ s0[1] + att.U.weight @ h[1, j] + att.U.bias) for j in range(2)])
test_close(alpha[1, :2], torch.softmax(e_hand, 0), eps=1e-6)
test_close(c[1], alpha[1, :2] @ h[1, :2], eps=1e-6)
h_junk = h.detach().clone(); h_junk[1, 2:] = 100.
test_close(att(s0, h_junk, mask)[0][1], c[1], eps=1e-5)
test_eq(att(s0, h, mask, Uh=att.U(h))[1].detach(), alpha.detach())
import copy
att64, s64, h64 = copy.deepcopy(att).double(), s0.double().requires_grad_(), h.detach().double().requires_grad_()
assert torch.autograd.gradcheck(lambda s, h: att64(s, h, mask)[0], (s64, h64))
test_fail(lambda: att(s0[0], h, mask), contains=\'s: expected a decoder state\')
test_fail(lambda: att(s0, h[0], mask), contains=\'h: expected encoder states\')
test_fail(lambda: att(s0, h, mask.float()), contains=\'mask: expected a bool tensor\')
test_fail(lambda: att(s0, h, mask[:, :4]), contains=\'mask: expected shape (2, 5)\')
test_fail(lambda: att(s0, h, torch.tensor([[True] * 5, [False] * 5])), contains=\'row 1 has no real position\')
test_fail(lambda: att(s0, h, mask, Uh=torch.zeros(2, 4, 8)), contains=\'Uh\')
test_fail(lambda: AdditiveAttention(16, 16, A=0), contains=\'A: expected\')'''),
(34, [], '''\
class Decoder(nn.Module):
    "One decoder step: a `nn.GRUCell` fed the previous token, and the context too if `attention`"
    def __init__(self, V:int,           # vocabulary size
                 E:int=32,              # embedding size
                 H:int=64,              # hidden size (also the encoder\'s)
                 attention:bool=True,   # attend over the encoder states, or rely on s_0 alone
                 A:int=64,              # attention size
                 pad_id:int=0):         # id of <pad>
        super().__init__()
        for k, v in dict(V=V, E=E, H=H, A=A).items(): _check_int(k, v, 1)
        if not isinstance(attention, bool): raise TypeError(f"attention: expected a bool, got {type(attention).__name__}")
        C = H if attention else 0
        self.emb, self.cell, self.out = nn.Embedding(V, E, padding_idx=pad_id), nn.GRUCell(E + C, H), nn.Linear(H + C, V)
        self.attn = AdditiveAttention(H, H, A) if attention else None

    def forward(self, y, s, h, mask, Uh=None):  # token (B,), state (B, H), encoder states (B, S, H), mask (B, S), U(h)
        "Logits (B, V), new state (B, H), attention weights (B, S) or None"
        if self.attn is None:
            s = self.cell(self.emb(y), s)
            return self.out(s), s, None
        c, alpha = self.attn(s, h, mask, Uh)
        s = self.cell(torch.cat([self.emb(y), c], -1), s)
        return self.out(torch.cat([s, c], -1)), s, alpha'''),
(36, [], '''\
class Seq2Seq(nn.Module):
    "Encoder–decoder GRU, with additive attention if `attention`; the decoder starts from the encoder\'s last state"
    def __init__(self, V:int=len(DIGIT_VOCAB),   # vocabulary size
                 E:int=32,                        # embedding size
                 H:int=64,                        # hidden size of encoder and decoder
                 attention:bool=True,             # use AdditiveAttention
                 A:int=64,                        # attention size
                 vocab:Vocab=DIGIT_VOCAB):        # gives the ids of <pad>, <bos>, <eos>
        super().__init__()
        self.attention, self.pad_id, self.bos_id, self.eos_id = attention, vocab.pad_id, vocab.bos_id, vocab.eos_id
        self.encoder, self.decoder = Encoder(V, E, H, vocab.pad_id), Decoder(V, E, H, attention, A, vocab.pad_id)

    def encode(self, src, src_len):  # ids (B, S); lengths (B,) in 1..S
        "Encoder states (B, S, H), s_0 (B, H), mask (B, S) and `U h` (B, S, A) or None"
        _check_src(src, src_len)
        h, s = self.encoder(src, src_len)
        mask = lengths_to_mask(src_len, src.shape[1]).to(src.device)
        return h, s, mask, (self.decoder.attn.U(h) if self.attention else None)'''),
(37, [], '''\
def _check_src(src, src_len):
    if not isinstance(src, Tensor) or src.dim() != 2 or src.is_floating_point() or src.dtype == torch.bool:
        raise ValueError(f"src: expected integer ids (B, S), got {_shape(src)}{\' of \' + str(src.dtype) if isinstance(src, Tensor) else \'\'}")
    B, S = src.shape
    if not isinstance(src_len, Tensor) or src_len.shape != (B,) or src_len.is_floating_point():
        raise ValueError(f"src_len: expected an integer tensor of B={B} lengths, got {_shape(src_len)}")
    if B == 0 or src_len.min() < 1 or src_len.max() > S:
        raise ValueError(f"src_len: expected lengths in 1..S={S}, got {src_len.tolist()[:8]}")'''),
(38, [], '''\
@patch
def forward(self:Seq2Seq, src, src_len,   # ids (B, S) and lengths (B,)
            tgt_in,                        # decoder inputs (B, T): <bos> then the target
            teacher_forcing:float=1.0,     # probability of reading the true previous token rather than the model\'s argmax
            generator=None):               # torch.Generator for the teacher-forcing coin flips
    "Logits (B, T, V) and attention weights (B, T, S) (None without attention)"
    if isinstance(teacher_forcing, bool) or not isinstance(teacher_forcing, numbers.Real) or not 0 <= teacher_forcing <= 1:
        raise ValueError(f"teacher_forcing: expected a probability in [0, 1], got {teacher_forcing!r}")
    if not isinstance(tgt_in, Tensor) or tgt_in.dim() != 2 or tgt_in.shape[0] != src.shape[0]:
        raise ValueError(f"tgt_in: expected ids (B={src.shape[0]}, T), got {_shape(tgt_in)}")
    h, s, mask, Uh = self.encode(src, src_len)
    logits, alphas = [], []
    for t in range(tgt_in.shape[1]):
        y = tgt_in[:, t]
        if t > 0 and teacher_forcing < 1:
            own = torch.rand(y.shape, generator=generator) >= teacher_forcing
            y = torch.where(own.to(y.device), logits[-1].argmax(-1), y)
        o, s, a = self.decoder(y, s, h, mask, Uh)
        logits.append(o); alphas.append(a)
    return torch.stack(logits, 1), (torch.stack(alphas, 1) if self.attention else None)'''),
(39, [], '''\
torch.manual_seed(0)
src, src_len, tgt_in, tgt_out = encode_reversal([\'12345\', \'67\', \'8\'])
m_att, m_plain = Seq2Seq(attention=True), Seq2Seq(attention=False)
logits, alphas = m_att(src, src_len, tgt_in)
print(logits.shape, alphas.shape, m_plain(src, src_len, tgt_in)[1])
print(sum(p.numel() for p in m_plain.parameters()), sum(p.numel() for p in m_att.parameters()))'''),
(40, [], '''\
test_eq(logits.shape, (3, 6, len(DIGIT_VOCAB))); test_eq(alphas.shape, (3, 6, 5))
test_eq(alphas[2, :, 1:].detach(), torch.zeros(6, 4))
test_close(alphas.sum(-1), torch.ones(3, 6), eps=1e-6)
# padding the batch does not change an example\'s logits, with or without attention
for m in (m_att, m_plain):
    alone = m(*encode_reversal([\'67\'])[:2], encode_reversal([\'67\'])[2])[0]
    test_close(m(src, src_len, tgt_in)[0][1, :3], alone[0], eps=1e-5)
# teacher_forcing=0 feeds the model\'s own argmax, = a greedy roll-out
lg0 = m_att(src, src_len, tgt_in, teacher_forcing=0.)[0]
test_ne(lg0.detach(), logits.detach())
with torch.no_grad(): test_eq(m_att(src, src_len, tgt_in, 0.5, torch.Generator().manual_seed(1))[0], m_att(src, src_len, tgt_in, 0.5, torch.Generator().manual_seed(1))[0])
test_fail(lambda: m_att(src, src_len, tgt_in, teacher_forcing=1.5), contains=\'teacher_forcing\')
test_fail(lambda: m_att(src, src_len, tgt_in[0]), contains=\'tgt_in\')
test_fail(lambda: m_att(src.float(), src_len, tgt_in), contains=\'src: expected integer ids\')
test_fail(lambda: m_att(src, src_len[:2], tgt_in), contains=\'src_len: expected an integer tensor of B=3\')
test_fail(lambda: m_att(src, torch.tensor([6, 2, 1]), tgt_in), contains=\'src_len: expected lengths in 1..S=5\')
test_fail(lambda: m_att(src, torch.tensor([5, 0, 1]), tgt_in), contains=\'src_len\')
test_fail(lambda: Seq2Seq(attention=1), contains=\'attention: expected a bool\')
test_fail(lambda: Seq2Seq(H=-1), contains=\'H: expected\')'''),
(42, [], '''\
def fit_seq2seq(model:Seq2Seq,              # model to train in place
                train:list,                 # training digit strings, cycled through in order
                steps:int=400,              # optimizer steps
                bs:int=64,                  # strings per batch
                lr:float=3e-3,              # Adam learning rate
                teacher_forcing:float=1.0,  # see `Seq2Seq.forward`
                seed:int=0,                 # seeds the initial torch RNG state and the teacher-forcing coin
                clip:float=1.0,             # gradient-norm clip
               ) -> list:                   # the training loss of every step
    "Train `model` for `steps` Adam steps on reversal of `train`; return the losses"
    _check_int(\'steps\', steps, 1); _check_int(\'bs\', bs, 1)
    if not train: raise ValueError("train: expected a non-empty list of digit strings")
    torch.manual_seed(seed); g = torch.Generator().manual_seed(seed)
    opt, losses, dev = torch.optim.Adam(model.parameters(), lr=lr), [], next(model.parameters()).device
    model.train()
    for i in range(steps):
        j = (i * bs) % len(train)
        src, src_len, tgt_in, tgt_out = (t.to(dev) for t in encode_reversal(train[j:j + bs]))
        logits, _ = model(src, src_len, tgt_in, teacher_forcing, g)
        loss = masked_cross_entropy(logits, tgt_out, tgt_out != model.pad_id)
        opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(model.parameters(), clip); opt.step()
        losses.append(loss.item())
    model.eval()
    return losses'''),
(44, [], '''\
STEPS = 400
torch.manual_seed(0); plain = Seq2Seq(attention=False)
torch.manual_seed(0); attn = Seq2Seq(attention=True)
loss_plain = fit_seq2seq(plain, train, STEPS, seed=0)
loss_attn = fit_seq2seq(attn, train, STEPS, seed=0)
avg = lambda l: sum(l[-50:]) / 50
print(f"mean loss over the last 50 steps: plain {avg(loss_plain):.3f}, attention {avg(loss_attn):.3f} nats/token (uniform guess: {math.log(len(DIGIT_VOCAB)):.3f})")'''),
(45, [], '''\
assert avg(loss_attn) < math.log(len(DIGIT_VOCAB)) - 1 and avg(loss_plain) < math.log(len(DIGIT_VOCAB))
tiny = lambda: (torch.manual_seed(1), Seq2Seq(E=4, H=8, A=4))[1]
test_eq(fit_seq2seq(tiny(), train[:40], 3, bs=8, teacher_forcing=0.5, seed=3), fit_seq2seq(tiny(), train[:40], 3, bs=8, teacher_forcing=0.5, seed=3))
test_fail(lambda: fit_seq2seq(plain, [], 1), contains=\'train\')
test_fail(lambda: fit_seq2seq(plain, train, 0), contains=\'steps\')'''),
(46, [], '''\
fig, ax = plt.subplots(figsize=(7, 3.5))
for l, lab in ((loss_plain, \'no attention\'), (loss_attn, \'additive attention\')):
    ax.plot(torch.tensor(l).unfold(0, 20, 1).mean(1), label=lab)
ax.set(xlabel=\'optimizer step (batches of 64 strings)\', ylabel=\'training loss (nats per target token)\', title=f\'Teacher-forced training loss, running mean over 20 steps, {STEPS} steps\')
ax.legend(); ax.grid(alpha=.3);'''),
(49, [], '''\
class Decoded(NamedTuple):
    ids: list            # B lists of output ids, <eos> removed
    scores: Tensor       # (B,) sum of log-probabilities of the tokens written, <eos> included
    attn: Tensor|None    # (B, T_out, S) attention weights, None without attention

def _check_model(model):
    if not isinstance(model, Seq2Seq): raise TypeError(f"model: expected a Seq2Seq, got {type(model).__name__}")

@torch.no_grad()
def greedy_decode(model:Seq2Seq,   # trained model
                  src:Tensor,      # ids (B, S), right-padded
                  src_len:Tensor,  # lengths (B,) in 1..S
                  max_len:int=30,  # most tokens to write, <eos> included
                 ) -> Decoded:
    "Write the most probable token at every step until <eos> or `max_len` tokens"
    _check_model(model); _check_int(\'max_len\', max_len, 1)
    h, s, mask, Uh = model.encode(src, src_len)
    y = torch.full((src.shape[0],), model.bos_id, device=src.device)
    done, scores, toks, alphas = torch.zeros_like(y, dtype=torch.bool), torch.zeros(len(y), device=src.device), [], []
    for t in range(max_len):
        o, s, a = model.decoder(y, s, h, mask, Uh)
        logp = torch.log_softmax(o, -1); y = logp.argmax(-1)
        scores += logp.gather(1, y[:, None])[:, 0].masked_fill(done, 0.)
        toks.append(y); alphas.append(a); done = done | (y == model.eos_id)
        if done.all(): break
    rows = torch.stack(toks, 1).tolist()
    ids = [r[:r.index(model.eos_id)] if model.eos_id in r else r for r in rows]
    return Decoded(ids, scores, torch.stack(alphas, 1) if model.attention else None)'''),
(50, [], '''\
src, src_len, *_ = encode_reversal([\'12345\', \'9081726354\', \'7\'])
d = greedy_decode(attn, src, src_len)
[\'\'.join(DIGIT_VOCAB.decode(i)) for i in d.ids], d.scores, d.attn.shape'''),
(51, [], '''\
test_eq(len(d.ids), 3); test_eq(d.attn.shape[0], 3)
test_close(d.attn.sum(-1), torch.ones(d.attn.shape[:2]), eps=1e-5)
test_eq(d.attn[2, :, 1:].abs().sum(), 0.)
assert (d.scores <= 0).all()
test_eq(len(greedy_decode(plain, src, src_len, max_len=2).ids[1]), 2)
test_eq(greedy_decode(plain, src, src_len).attn, None)
test_fail(lambda: greedy_decode(attn, src, src_len, max_len=0), contains=\'max_len: expected an int >= 1\')
test_fail(lambda: greedy_decode(attn.encoder, src, src_len), contains=\'model: expected a Seq2Seq\')
test_fail(lambda: greedy_decode(attn, src, src_len[:1]), contains=\'src_len\')'''),
(53, [], '''\
def exact_match_by_length(model:Seq2Seq,  # trained model
                          strings:list,   # digit strings to reverse
                          bs:int=500,     # strings decoded per batch
                         ) -> dict:       # {length: fraction of exact matches}
    "Fraction of `strings` of each length whose greedy output is exactly their reversal"
    _check_model(model); _check_int(\'bs\', bs, 1)
    hits = collections.defaultdict(list)
    for i in range(0, len(strings), bs):
        chunk, dev = strings[i:i + bs], next(model.parameters()).device
        src, src_len, *_ = encode_reversal(chunk)
        out = greedy_decode(model, src.to(dev), src_len.to(dev), max_len=src.shape[1] + 5).ids
        for s, o in zip(chunk, out): hits[len(s)].append(o == DIGIT_VOCAB.encode(s[::-1]))
    return {L: sum(v) / len(v) for L, v in sorted(hits.items())}'''),
(54, [], '''\
acc_plain, acc_attn = exact_match_by_length(plain, test), exact_match_by_length(attn, test)
overall = lambda acc: sum(acc.values()) / len(acc)
print(f"exact match averaged over lengths 1-20: plain {overall(acc_plain):.2f}, attention {overall(acc_attn):.2f}")
for lo, hi in ((1, 5), (6, 10), (11, 15), (16, 20)):
    print(f"  lengths {lo:2}-{hi:2}: plain {sum(acc_plain[L] for L in range(lo, hi+1))/5:.2f}, attention {sum(acc_attn[L] for L in range(lo, hi+1))/5:.2f}")'''),
(55, [], '''\
test_eq(list(acc_attn), list(range(1, 21)))
assert all(0 <= a <= 1 for a in acc_attn.values())
assert overall(acc_attn) > overall(acc_plain)
test_eq(exact_match_by_length(attn, test[:300], bs=7), exact_match_by_length(attn, test[:300]))
test_fail(lambda: exact_match_by_length(attn, test, bs=0), contains=\'bs\')'''),
(56, [], '''\
def plot_acc(accs, title):
    fig, ax = plt.subplots(figsize=(7, 3.5))
    for acc, lab in accs: ax.plot(list(acc), list(acc.values()), \'o-\', label=lab)
    ax.set(xlabel=\'input length L (digits)\', ylabel=\'exact match (fraction of test strings)\', title=title, ylim=(-.03, 1.03), xticks=range(1, 21))
    ax.legend(); ax.grid(alpha=.3)
plot_acc([(acc_plain, \'no attention\'), (acc_attn, \'additive attention\')], f\'Reversal, greedy decoding, after {STEPS} steps of 64 strings\');'''),
(59, [], '''\
def plot_attention(model, strings, title=\'\'):
    "Heat maps of the greedy decoder\'s attention for each of `strings`"
    src, src_len, *_ = encode_reversal(strings)
    d = greedy_decode(model, src, src_len, max_len=src.shape[1] + 5)
    fig, axs = plt.subplots(1, len(strings), figsize=(6.5 * len(strings), 6.5), squeeze=False, layout=\'constrained\'); axs = axs[0]
    for ax, s, ids, a in zip(axs, strings, d.ids, d.attn):
        out = DIGIT_VOCAB.decode(ids) + [\'<eos>\']
        im = ax.imshow(a[:len(out), :len(s)], cmap=\'viridis\', vmin=0, vmax=1)
        ax.set(xticks=range(len(s)), xticklabels=[f\'{j+1}\\n{c}\' for j, c in enumerate(s)], yticks=range(len(out)),
               yticklabels=[f\'{t+1}: {c}\' for t, c in enumerate(out)], xlabel=\'source position j (and digit)\', ylabel=\'output position t: digit written\',
               title=f\'{s} →\\n{"".join(out[:-1])} ({"right" if out[:-1] == list(s[::-1]) else "wrong"})\')
    fig.colorbar(im, ax=axs, label=\'attention weight α_tj\', shrink=.8); fig.suptitle(title)
    return d
examples = [test[len(test) - 50 * 9 + 3], test[-7]]   # one of length 12, one of length 20
d_ex = plot_attention(attn, examples, f\'Additive attention after {STEPS} steps: rows sum to 1 over the source\')'''),
(60, [], '''\
test_eq([len(s) for s in examples], [12, 20])'''),
(63, [], '''\
import ipywidgets as widgets
by_len = collections.defaultdict(list)
for s in test: by_len[len(s)].append(s)
widgets.interact(lambda L, i: plot_attention(attn, [by_len[L][i % len(by_len[L])]]) and None,
                 L=widgets.IntSlider(16, min=1, max=20, description=\'length L\'), i=widgets.IntSlider(0, min=0, max=49, description=\'example\'));'''),
(65, [], '''\
@torch.no_grad()
def beam_search(model:Seq2Seq,  # trained model
                src:Tensor,     # one source, ids (S,) without padding
                beam:int=4,     # hypotheses kept per step, >= 1
                max_len:int=30, # most tokens to write, <eos> included
               ) -> tuple:      # (ids without <eos>, score = sum of log-probabilities)
    "Most probable output of `model` for `src` found by beam search of width `beam`"
    _check_model(model); _check_int(\'beam\', beam, 1); _check_int(\'max_len\', max_len, 1)
    if not isinstance(src, Tensor) or src.dim() != 1 or len(src) == 0 or src.is_floating_point():
        raise ValueError(f"src: expected one source as integer ids (S,) without padding, got {_shape(src)}")
    h, s, mask, Uh = model.encode(src[None], torch.tensor([len(src)]))
    seqs, scores, y, done = [[]], torch.zeros(1, device=src.device), torch.full((1,), model.bos_id, device=src.device), []
    for t in range(max_len):
        k = len(seqs)
        o, s, _ = model.decoder(y, s, h.expand(k, -1, -1), mask.expand(k, -1), None if Uh is None else Uh.expand(k, -1, -1))
        V = o.shape[-1]
        top, idx = (torch.log_softmax(o, -1) + scores[:, None]).flatten().topk(min(2 * beam, k * V))
        rows, toks = (idx // V).tolist(), (idx % V).tolist()
        done += [(seqs[r], sc) for i, (r, tk, sc) in enumerate(zip(rows, toks, top.tolist())) if tk == model.eos_id and i < beam]
        live = [i for i, tk in enumerate(toks) if tk != model.eos_id][:beam]
        if not live: break
        seqs, scores = [seqs[rows[i]] + [toks[i]] for i in live], top[live]
        s, y = s[[rows[i] for i in live]], torch.tensor([toks[i] for i in live], device=src.device)
        if t == max_len - 1: done += list(zip(seqs, scores.tolist()))
        elif done and max(sc for _, sc in done) >= scores.max().item(): break
    return max(done, key=lambda d: d[1])'''),
(66, [], '''\
s_ex = test[-7]
ids_g, ids_b = greedy_decode(attn, *encode_reversal([s_ex])[:2]).ids[0], beam_search(attn, encode_reversal([s_ex])[0][0], beam=4)[0]
print(s_ex[::-1], \'\'.join(DIGIT_VOCAB.decode(ids_g)), \'\'.join(DIGIT_VOCAB.decode(ids_b)))'''),
(68, [], '''\
def beam_vs_greedy(model, strings, beam):
    "Greedy and beam outputs and scores for each string, one at a time"
    out = []
    for s in strings:
        src, src_len, *_ = encode_reversal([s]); g = greedy_decode(model, src, src_len, max_len=len(s) + 5)
        out.append((g.ids[0], g.scores[0].item(), *beam_search(model, src[0], beam=beam, max_len=len(s) + 5), DIGIT_VOCAB.encode(s[::-1])))
    return out
sub = test[::10]   # every tenth test string, all lengths
for name, m in ((\'plain\', plain), (\'attention\', attn)):
    r1, r4 = beam_vs_greedy(m, sub, 1), beam_vs_greedy(m, sub, 4)
    same1 = sum(g == b for g, _, b, _, _ in r1); dmax = max(abs(gs - bs) for _, gs, _, bs, _ in r1)
    worse = sum(bs < gs - 1e-5 for _, gs, _, bs, _ in r4); better = sum(bs > gs + 1e-5 for _, gs, _, bs, _ in r4)
    em_g, em_b = (sum(x[i] == x[4] for x in r4) / len(sub) for i in (0, 2))
    print(f"{name:9}: beam=1 = greedy on {same1}/{len(sub)} (largest score gap {dmax:.1e}); beam=4 scores higher on {better}, lower on {worse}; exact match greedy {em_g:.3f}, beam=4 {em_b:.3f}")
    if name == \'plain\': r1_plain, r4_plain = r1, r4
    else: r1_attn, r4_attn = r1, r4'''),
(69, [], '''\
for r1 in (r1_plain, r1_attn):
    test_eq([g for g, *_ in r1], [b for _, _, b, *_ in r1])
    test_close(torch.tensor([gs for _, gs, *_ in r1]), torch.tensor([bs for *_, bs, _ in r1]), eps=1e-4)
for r4 in (r4_plain, r4_attn):   # not a theorem (see the text), but it holds for most strings and on average
    assert sum(bs < gs - 1e-5 for _, gs, _, bs, _ in r4) <= len(r4) // 10
    assert sum(bs for *_, bs, _ in r4) >= sum(gs for _, gs, *_ in r4)
src1 = encode_reversal([\'123\'])[0][0]
test_eq(len(beam_search(plain, src1, beam=3, max_len=2)[0]), 2)
test_fail(lambda: beam_search(attn, src1, beam=0), contains=\'beam: expected an int >= 1\')
test_fail(lambda: beam_search(attn, src1, beam=2.), contains=\'beam: expected an int\')
test_fail(lambda: beam_search(attn, src1, max_len=0), contains=\'max_len\')
test_fail(lambda: beam_search(attn, src1[None]), contains=\'src: expected one source\')
test_fail(lambda: beam_search(attn, src1[:0]), contains=\'src\')
test_fail(lambda: beam_search(None, src1), contains=\'model: expected a Seq2Seq\')'''),
(71, [], '''\
cases = [(s, x) for s, x in zip(sub, r4_plain) if x[3] < x[1] - 1e-5]
for s, (g, gs, b, bs, ref) in cases[:1]:
    dec = lambda ids: \'\'.join(DIGIT_VOCAB.decode(ids))
    print(f"target {dec(ref)}\\ngreedy {dec(g)}  score {gs:.3f}\\nbeam=4 {dec(b)}  score {bs:.3f}")'''),
(74, [], '''\
torch.manual_seed(0); attn_tf5 = Seq2Seq(attention=True)
loss_tf5 = fit_seq2seq(attn_tf5, train, STEPS, teacher_forcing=0.5, seed=0)
acc_tf5 = exact_match_by_length(attn_tf5, test)
@torch.no_grad()
def tf_loss(m, strings):
    "Teacher-forced loss of `m` on reversing `strings`"
    src, src_len, tgt_in, tgt_out = encode_reversal(strings)
    return masked_cross_entropy(m(src, src_len, tgt_in)[0], tgt_out, tgt_out != m.pad_id).item()
tf_loss1, tf_loss5 = tf_loss(attn, test), tf_loss(attn_tf5, test)
print(f"teacher forcing 1.0: test loss (teacher-forced) {tf_loss1:.3f}, exact match {overall(acc_attn):.3f}")
print(f"teacher forcing 0.5: test loss (teacher-forced) {tf_loss5:.3f}, exact match {overall(acc_tf5):.3f}")'''),
(75, [], '''\
plot_acc([(acc_attn, \'attention, teacher forcing 1.0\'), (acc_tf5, \'attention, teacher forcing 0.5\')], f\'Teacher forcing ratio, {STEPS} steps each\');'''),
(78, [], '''\
def _ngrams(x, n): return collections.Counter(tuple(x[i:i + n]) for i in range(len(x) - n + 1))

def bleu(candidates,    # list of outputs, each a sequence of tokens (a str counts as its characters)
         references,    # list of references, one per candidate
         max_n:int=4,   # N: use n-grams of n = 1..N
        ) -> float:     # corpus BLEU in [0, 1]
    "Corpus BLEU-`max_n`: clipped n-gram precisions, geometric mean, brevity penalty; no smoothing"
    _check_int(\'max_n\', max_n, 1)
    for name, x in ((\'candidates\', candidates), (\'references\', references)):
        if isinstance(x, str) or not isinstance(x, (list, tuple)): raise TypeError(f"{name}: expected a list of token sequences, got {type(x).__name__}")
    if len(candidates) != len(references): raise ValueError(f"references: expected one per candidate, {len(candidates)}, got {len(references)}")
    match, total, c, r = [0] * max_n, [0] * max_n, 0, 0
    for cand, ref in zip(candidates, references):
        c, r = c + len(cand), r + len(ref)
        for n in range(1, max_n + 1):
            rc = _ngrams(ref, n)
            match[n-1] += sum(min(k, rc[g]) for g, k in _ngrams(cand, n).items()); total[n-1] += max(len(cand) - n + 1, 0)
    if min(match) == 0: return 0.0
    return (1.0 if c > r else math.exp(1 - r / c)) * math.exp(sum(math.log(m / t) for m, t in zip(match, total)) / max_n)'''),
(80, [], '''\
print(bleu([\'the the the the the the the\'.split()], [\'the cat is on the mat\'.split()], max_n=1), bleu([\'1234\'], [\'123456\']),
      bleu([\'1235\'], [\'1234\']), bleu([\'1235\'], [\'1234\'], max_n=3))'''),
(81, [], '''\
test_close(bleu([\'the the the the the the the\'.split()], [\'the cat is on the mat\'.split()], max_n=1), 2/7, eps=1e-12)
test_close(bleu([\'1234\'], [\'123456\']), math.exp(-0.5), eps=1e-12)
test_eq(bleu([\'1235\'], [\'1234\']), 0.)
test_close(bleu([\'1235\'], [\'1234\'], max_n=3), 4 ** (-1/3), eps=1e-12)
test_close(bleu([\'1234\', \'1235\'], [\'1234\', \'1234\'], max_n=2), math.sqrt(7/8 * 5/6), eps=1e-12)   # corpus sums: p1 = 7/8, p2 = 5/6
test_eq(bleu([\'12345\'], [\'12345\']), 1.)
test_eq(bleu([\'\'], [\'12\']), 0.)
test_fail(lambda: bleu(\'123\', [\'123\']), contains=\'candidates: expected a list\')
test_fail(lambda: bleu([\'123\'], [\'123\', \'4\']), contains=\'references: expected one per candidate\')
test_fail(lambda: bleu([\'123\'], [\'123\'], max_n=0), contains=\'max_n\')'''),
(83, [], '''\
def outputs(model, strings):
    src, src_len, *_ = encode_reversal(strings)
    return [\'\'.join(DIGIT_VOCAB.decode(i)) for i in greedy_decode(model, src, src_len, max_len=src.shape[1] + 5).ids]
refs = [s[::-1] for s in test]
out_plain, out_attn = outputs(plain, test), outputs(attn, test)
for name, out in ((\'plain\', out_plain), (\'attention\', out_attn)):
    print(f"{name:9}: BLEU-4 {bleu(out, refs):.3f}, exact match {sum(o == r for o, r in zip(out, refs)) / len(refs):.3f} (over all {len(refs)} test strings)")
short = [i for i, s in enumerate(test) if len(s) <= 3]
print(f"lengths 1-3, attention: BLEU-4 {bleu([out_attn[i] for i in short], [refs[i] for i in short]):.3f}, "
      f"exact match {sum(out_attn[i] == refs[i] for i in short) / len(short):.3f}")'''),
(86, [], '''\
class NoMask(Seq2Seq):
    "The bug: every position, padding included, counts as real"
    def encode(self, src, src_len):
        h, s, mask, Uh = super().encode(src, src_len)
        return h, s, torch.ones_like(mask), Uh
buggy = NoMask(attention=True); buggy.load_state_dict(attn.state_dict())
def decode_all(model, groups):
    "Greedy outputs for each group of strings, decoded as one padded batch per group"
    out = []
    for g in groups:
        src, src_len, *_ = encode_reversal(g); d = greedy_decode(model, src, src_len, max_len=25)   # the same limit for every batch
        out += list(zip(d.ids, d.scores.tolist(), d.attn.unbind(0)))
    return out
unpadded = decode_all(attn, by_len.values())                       # no padding anywhere: the mask is all True anyway
for name, m in ((\'without mask\', buggy), (\'with mask\', attn)):
    padded = decode_all(m, [test])
    changed = sum(p[0] != u[0] for p, u in zip(padded, unpadded)); gap = max(abs(p[1] - u[1]) for p, u in zip(padded, unpadded))
    on_pad = torch.stack([p[2][:len(s) + 1, len(s):].sum(-1).mean() for p, s in zip(padded, test) if len(s) <= 5]).mean().item()
    em = sum(p[0] == DIGIT_VOCAB.encode(s[::-1]) for p, s in zip(padded, test)) / len(test)
    print(f"{name:12}: {changed:3} of {len(test)} outputs change when batched with padding; largest score change {gap:.1e}; "
          f"mean attention on padding (lengths 1-5) {on_pad:.3f}; exact match {em:.3f}")
    if name == \'with mask\': changed_fix, gap_fix = changed, gap
    else: changed_bug, on_pad_bug = changed, on_pad'''),
(87, [], '''\
test_eq(changed_fix, 0); assert gap_fix < 1e-4
assert changed_bug > 0 and on_pad_bug > 0.05'''),
(90, [], '''\
with torch.no_grad():
    src, src_len, tgt_in, tgt_out = encode_reversal(test)
    pred, real = plain(src, src_len, tgt_in)[0].argmax(-1), tgt_out != 0
    tok_acc_tf = (pred == tgt_out)[real].float().mean().item()
correct = lambda o, r: sum(a == b for a, b in zip(o, r)) + (len(o) == len(r))   # right digits in place, and <eos> in place
tok_acc_greedy = sum(correct(o, r) for o, r in zip(out_plain, refs)) / real.sum().item()
print(f"plain model, per-token accuracy: teacher-forced {tok_acc_tf:.3f}, its own greedy outputs {tok_acc_greedy:.3f}; exact match {sum(o == r for o, r in zip(out_plain, refs)) / len(refs):.3f}")'''),
(91, [], '''\
assert tok_acc_tf > tok_acc_greedy'''),
(94, ['slow'], '''\
SLOW_STEPS = 1200
train_long, _ = reversal_split(SLOW_STEPS * 64, seed=0)
torch.manual_seed(0); plain_long = Seq2Seq(attention=False)
torch.manual_seed(0); attn_long = Seq2Seq(attention=True)
fit_seq2seq(plain_long, train_long, SLOW_STEPS, seed=0); fit_seq2seq(attn_long, train_long, SLOW_STEPS, seed=0)
acc_plain_long, acc_attn_long = exact_match_by_length(plain_long, test), exact_match_by_length(attn_long, test)
print(f"{SLOW_STEPS} steps, exact match over lengths 1-20: plain {overall(acc_plain_long):.3f}, attention {overall(acc_attn_long):.3f}")
print(\'plain by length:    \', {L: round(a, 2) for L, a in acc_plain_long.items()})
print(\'attention by length:\', {L: round(a, 2) for L, a in acc_attn_long.items()})
plot_acc([(acc_plain_long, \'no attention\'), (acc_attn_long, \'additive attention\')], f\'Reversal, greedy decoding, after {SLOW_STEPS} steps of 64 strings (slow run)\');'''),
(95, ['slow'], '''\
assert overall(acc_attn_long) > overall(acc_plain_long)
plot_attention(attn_long, examples, f\'Additive attention after {SLOW_STEPS} steps\');'''),
(97, [], '''\
src, src_len, *_ = encode_reversal(test)
d_all = greedy_decode(attn, src, src_len, max_len=src.shape[1] + 5)
offsets = collections.Counter()
for s, a in zip(test, d_all.attn):
    L = len(s)
    if L < 10: continue
    for t, j in enumerate(a[:min(L, a.shape[0])].argmax(-1).tolist()): offsets[j - (L - 1 - t)] += 1   # 0-based: digit t copies L-1-t
n_steps = sum(offsets.values())
print({k: round(v / n_steps, 3) for k, v in sorted(offsets.items())})
assert (offsets[0] + offsets[1]) / n_steps > 0.9'''),
(99, [], '''\
one_train, one_test = {s for s in train if len(s) == 1}, set(by_len[1])
print(sorted(one_train), sorted(one_test))
test_eq(one_train | one_test, set(DIGITS)); test_eq(one_train & one_test, set())'''),
(101, [], '''\
def dot_attention(s, h, mask):
    "Luong\'s dot-product attention: context (B, H) and weights (B, S)"
    _check_attn_args(s, h, mask, None)
    alpha = torch.softmax(torch.einsum(\'bh,bsh->bs\', s, h).masked_fill(~mask, float(\'-inf\')), -1)
    return torch.einsum(\'bs,bsh->bh\', alpha, h), alpha
torch.manual_seed(0)
h_d, mask_d = F.normalize(torch.randn(3, 6, 8), dim=-1), lengths_to_mask(torch.tensor([6, 3, 1]))   # unit-length states
s_d = h_d[:, 0] * 5                      # aligned with position 0: s·h_0 = 5, every other s·h_j < 5
c_d, a_d = dot_attention(s_d, h_d, mask_d)
print(a_d.round(decimals=3))
test_close(a_d.sum(1), torch.ones(3), eps=1e-6); test_eq(a_d[~mask_d].abs().sum(), 0.)
test_eq(a_d.argmax(1), torch.zeros(3, dtype=torch.long))'''),
(103, [], '''\
b2 = bleu([\'1212\'], [\'1221\'], max_n=2)
print(b2, bleu([\'2121\'], [\'1221\'], max_n=2))
test_close(b2, math.sqrt(2/3), eps=1e-12)
test_eq(bleu([\'2121\'], [\'1221\'], max_n=2), b2)   # reversing a string reverses each n-gram; matches map one to one'''),
]
nb = NotebookCells(Path(__file__).parent/'../nbs/13_seq2seq.ipynb', CELLS)

@pytest.fixture(scope='module', autouse=True)
def _close_shell():
    yield
    nb.close()

def test_c000_default_exp_seq2seq(): nb.run(0)
def test_c002_from___future___import_annotations(): nb.run(2)
def test_c003_from_fastcore_test_import(): nb.run(3)
def test_c006_def__is_int_v_return_isinstance_v_number(): nb.run(6)
def test_c007_digit_vocab_digit_vocab_encode_2026_digi(): nb.run(7)
def test_c009_def_digit_strings_n_int_number_of_string(): nb.run(9)
def test_c010_digit_strings_6_seed_1(): nb.run(10)
def test_c011_test_eq_digit_strings_50_3_5_seed_2_digi(): nb.run(11)
def test_c013_def_reversal_split_n_train_int_number_of(): nb.run(13)
def test_c014_train_test_reversal_split_40_000_seed_0(): nb.run(14)
def test_c015_test_eq_set_train_set_test_set(): nb.run(15)
def test_c017_def_encode_reversal_strings_non_empty_li(): nb.run(17)
def test_c018_src_src_len_tgt_in_tgt_out_encode_revers(): nb.run(18)
def test_c019_test_eq_src_torch_tensor_5_6_7_8_9_0(): nb.run(19)
def test_c022_class_encoder_nn_module(): nb.run(22)
def test_c024_torch_manual_seed_0(): nb.run(24)
def test_c025_test_eq_h_shape_2_5_16_test_eq_h_last_sh(): nb.run(25)
def test_c027_class_additiveattention_nn_module(): nb.run(27)
def test_c029_def__shape_x_return_tuple_x_shape_if_isi(): nb.run(29)
def test_c030_torch_manual_seed_0(): nb.run(30)
def test_c032_test_eq_alpha_mask_detach_torch_zeros_3(): nb.run(32)
def test_c034_class_decoder_nn_module(): nb.run(34)
def test_c036_class_seq2seq_nn_module(): nb.run(36)
def test_c037_def__check_src_src_src_len(): nb.run(37)
def test_c038_patch(): nb.run(38)
def test_c039_torch_manual_seed_0(): nb.run(39)
def test_c040_test_eq_logits_shape_3_6_len_digit_vocab(): nb.run(40)
def test_c042_def_fit_seq2seq_model_seq2seq_model_to_t(): nb.run(42)
def test_c044_steps_400(): nb.run(44)
def test_c045_assert_avg_loss_attn_math_log_len_digit(): nb.run(45)
def test_c046_fig_ax_plt_subplots_figsize_7_3_5(): nb.run(46)
def test_c049_class_decoded_namedtuple(): nb.run(49)
def test_c050_src_src_len___encode_reversal_12345_9081(): nb.run(50)
def test_c051_test_eq_len_d_ids_3_test_eq_d_attn_shape(): nb.run(51)
def test_c053_def_exact_match_by_length_model_seq2seq(): nb.run(53)
def test_c054_acc_plain_acc_attn_exact_match_by_length(): nb.run(54)
def test_c055_test_eq_list_acc_attn_list_range_1_21(): nb.run(55)
def test_c056_def_plot_acc_accs_title(): nb.run(56)
def test_c059_def_plot_attention_model_strings_title(): nb.run(59)
def test_c060_test_eq_len_s_for_s_in_examples_12_20(): nb.run(60)
def test_c063_import_ipywidgets_as_widgets(): nb.run(63)
def test_c065_torch_no_grad(): nb.run(65)
def test_c066_s_ex_test_7(): nb.run(66)
def test_c068_def_beam_vs_greedy_model_strings_beam(): nb.run(68)
def test_c069_for_r1_in_r1_plain_r1_attn(): nb.run(69)
def test_c071_cases_s_x_for_s_x_in_zip_sub_r4_plain_if(): nb.run(71)
def test_c074_torch_manual_seed_0_attn_tf5_seq2seq_att(): nb.run(74)
def test_c075_plot_acc_acc_attn_attention_teacher_forc(): nb.run(75)
def test_c078_def__ngrams_x_n_return_collections_count(): nb.run(78)
def test_c080_print_bleu_the_the_the_the_the_the_the_s(): nb.run(80)
def test_c081_test_close_bleu_the_the_the_the_the_the(): nb.run(81)
def test_c083_def_outputs_model_strings(): nb.run(83)
def test_c086_class_nomask_seq2seq(): nb.run(86)
def test_c087_test_eq_changed_fix_0_assert_gap_fix_1e(): nb.run(87)
def test_c090_with_torch_no_grad(): nb.run(90)
def test_c091_assert_tok_acc_tf_tok_acc_greedy(): nb.run(91)
@pytest.mark.slow
def test_c094_slow_steps_1200(): nb.run(94)
@pytest.mark.slow
def test_c095_assert_overall_acc_attn_long_overall_acc(): nb.run(95)
def test_c097_src_src_len___encode_reversal_test(): nb.run(97)
def test_c099_one_train_one_test_s_for_s_in_train_if_l(): nb.run(99)
def test_c101_def_dot_attention_s_h_mask(): nb.run(101)
def test_c103_b2_bleu_1212_1221_max_n_2(): nb.run(103)
