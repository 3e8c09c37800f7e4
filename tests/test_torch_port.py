"""PyTorch's own CPU tests for recurrent modules and packing, re-expressed for rnnbook's drop-ins (issue #18).

Every test runs twice, through a namespace `ns` of torch's classes and functions (the control: it must pass as
PyTorch's suite passes) and through ours. The source of each test is named in a comment, as
`file::Class.test_name` of pytorch/pytorch; the inputs and assertions are PyTorch's, re-written here (sizes kept
small enough that the whole file stays under 30 s CPU at one thread; where a size or a sample set was cut, the comment says so).
CUDA/cuDNN-only tests and checks of torch internals are skips that say why; test_packed_sequence.py's test_to_memory_format
(a Conv2d test) is not ported. Where ours fails, the test carries a strict xfail for `ours` that
says why (see issue #18): it turns red when the cause is fixed, and the xfail must then go.

Mapping of torch's names to ours: `nn.RNN/GRU/LSTM(Cell)` -> `rnnbook.rnn/gru/lstm`; `pad_sequence` ->
`padding.pad_sequences`; `pack_padded_sequence` -> `padding.pack`; `pad_packed_sequence` -> `padding.unpack`.
rnnbook has no `pack_sequence`, `unpad_sequence` or `unpack_sequence`: for ours they are composed here from the three
above (so those tests check `pack`/`unpack`/`pad_sequences` through torch's uses of them)."""
import copy, io, itertools, random, re
from functools import partial
from types import SimpleNamespace
import pytest
import torch
from torch import nn
import torch.nn.utils.rnn as tu
from torch.nn.utils.rnn import PackedSequence
from torch.autograd import gradcheck, gradgradcheck
from rnnbook.rnn import RNN, RNNCell
from rnnbook.lstm import LSTM, LSTMCell
from rnnbook.gru import GRU, GRUCell
from rnnbook import padding as P

# ---------------------------------------------------------------------------------------------------------------
# The two namespaces

TORCH = SimpleNamespace(name='torch', RNN=nn.RNN, GRU=nn.GRU, LSTM=nn.LSTM, RNNCell=nn.RNNCell, GRUCell=nn.GRUCell, LSTMCell=nn.LSTMCell,
                        pad_sequence=tu.pad_sequence, pack_padded_sequence=tu.pack_padded_sequence, pad_packed_sequence=tu.pad_packed_sequence,
                        pack_sequence=tu.pack_sequence, unpad_sequence=tu.unpad_sequence, unpack_sequence=tu.unpack_sequence)
OURS = SimpleNamespace(name='ours', RNN=RNN, GRU=GRU, LSTM=LSTM, RNNCell=RNNCell, GRUCell=GRUCell, LSTMCell=LSTMCell,
                       pad_sequence=P.pad_sequences, pack_padded_sequence=P.pack, pad_packed_sequence=P.unpack,
                       pack_sequence=P.pack_sequences, unpad_sequence=P.unpad_sequences, unpack_sequence=P.unpack_sequences)

def impls(xfail=None, raises=None):
    "Parameters `torch` and `ours`; `xfail`: the reason ours fails, which makes `ours` a strict xfail (failing with `raises` only, if given)"
    mark = [] if xfail is None else [pytest.mark.xfail(strict=True, raises=raises, reason=f"port: {xfail}, see issue #18")]
    return pytest.mark.parametrize('ns', [pytest.param(TORCH, id='torch'), pytest.param(OURS, id='ours', marks=mark)])

def raises_like_torch(ns, exc, pattern, fn):
    "`fn()` raises `exc`; for torch its message also matches `pattern` (ours promise torch's class, with messages of their own)"
    with pytest.raises(exc) as info: fn()
    if ns is TORCH and pattern: assert re.search(pattern, str(info.value)), f"{info.value!r} vs /{pattern}/"
    return info.value

def assert_equal(a, b, atol=0., rtol=0., what=''):
    "Tensors (or nested tuples/lists of them) equal within `atol`/`rtol`, printing the values compared when not"
    if isinstance(a, (tuple, list)):
        assert isinstance(b, (tuple, list)) and len(a) == len(b), f"{what}: {type(a).__name__} of {len(a)} vs {type(b).__name__} {b!r}"[:400]
        for i, (u, v) in enumerate(zip(a, b)): assert_equal(u, v, atol, rtol, f"{what}[{i}]")
        return
    if a is None or b is None:
        assert a is None and b is None, f"{what}: {a!r} vs {b!r}"
        return
    a, b = torch.as_tensor(a), torch.as_tensor(b)
    assert a.shape == b.shape, f"{what}: shape {tuple(a.shape)} vs {tuple(b.shape)}"
    if not torch.allclose(a.to(b.dtype) if a.dtype != b.dtype and b.is_floating_point() else a, b.to(a.dtype) if a.dtype != b.dtype else b, atol=atol, rtol=rtol):
        d = (a.double() - b.double()).abs().max().item()
        raise AssertionError(f"{what}: max |a - b| = {d:.3g} > atol={atol}\n{a}\nvs\n{b}")

pytestmark = pytest.mark.filterwarnings('ignore:LSTM with projections is not supported with oneDNN')  # torch's notice, from the control

@pytest.fixture(autouse=True)
def _seeded():
    "Every test starts from the same RNG state (torch and ours alike), and leaves the default dtype as it found it"
    torch.manual_seed(0)
    random.seed(0)
    dt = torch.get_default_dtype()
    yield
    torch.set_default_dtype(dt)

# ===============================================================================================================
# test/nn/test_packed_sequence.py :: PackedSequenceTest

_TYPES = dict(double=torch.float64, float=torch.float32, long=torch.int64, int=torch.int32, short=torch.int16, char=torch.int8, byte=torch.uint8)
_BATCH, _MAXLEN = 5, 6  # PackedSequenceTest's batch_size and max_length

def _ordered_sequence(dtype):
    "PackedSequenceTest._ordered_sequence: `_BATCH` random sequences of random lengths 1..`_MAXLEN`, longest first"
    seqs = [torch.empty(random.randint(1, _MAXLEN), dtype=dtype) for _ in range(_BATCH)]
    seqs = [s.random_(0, 256) if dtype == torch.uint8 else s.random_(-128, 128) for s in seqs]
    return sorted(seqs, key=len, reverse=True)

def _padded_sequence(ns, dtype):
    "PackedSequenceTest._padded_sequence: the ordered sequences padded (T, B), with their lengths"
    ordered = _ordered_sequence(dtype)
    return ns.pad_sequence(ordered), [len(s) for s in ordered]

@impls()
def test_type_casts(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_type_casts
    for src in _TYPES.values():
        for cast, dst in _TYPES.items():
            for enforce_sorted in (True, False):
                padded, lengths = _padded_sequence(ns, src)
                packed = ns.pack_padded_sequence(padded, lengths, enforce_sorted=enforce_sorted)
                unpacked, _ = ns.pad_packed_sequence(getattr(packed, cast)())
                assert unpacked.dtype == dst, f"{src} -> .{cast}(): {unpacked.dtype} vs {dst}"

@impls()
def test_wrong_order(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_wrong_order (the sizes: 25 and 22 steps of 300 features)
    b_a = ns.pad_sequence([torch.ones(22, 300), torch.ones(25, 300)])
    with pytest.raises(RuntimeError): ns.pack_padded_sequence(b_a, [22, 25], enforce_sorted=True)

@impls()
def test_pad_sequence_with_tensor_sequences(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_pad_sequence_with_tensor_sequences
    from_tuple = ns.pad_sequence((torch.tensor([[7, 6]]), torch.tensor([[-7, -1]])))
    from_tensor = ns.pad_sequence(torch.tensor([[[7, 6]], [[-7, -1]]]))
    assert_equal(from_tuple, from_tensor)
    assert from_tuple.shape == (1, 2, 2), from_tuple.shape

@impls()
def test_pad_sequence_with_non_iterable_sequences(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_pad_sequence_with_non_iterable_sequences
    raises_like_torch(ns, RuntimeError, r"Expected iterable for input sequences, but got arg of type", lambda: ns.pad_sequence(5))

@impls()
def test_total_length(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_total_length
    padded, lengths = _padded_sequence(ns, torch.float32)
    T = max(lengths)
    packed = ns.pack_padded_sequence(padded, lengths)
    for total_length in (-1, 0, T - 1):  # torch checks only the last of these (its assert sits outside the loop); we check all
        for batch_first in (True, False):
            raises_like_torch(ns, ValueError, r"Expected total_length to be at least the length of the longest sequence in input",
                              lambda: ns.pad_packed_sequence(packed, batch_first=batch_first, total_length=total_length))
    for batch_first in (True, False):
        no_extra_pad, _ = ns.pad_packed_sequence(packed, batch_first=batch_first)
        for delta in (0, 1, 8):
            unpacked, lengths_out = ns.pad_packed_sequence(packed, batch_first=batch_first, total_length=T + delta)
            assert lengths_out.tolist() == lengths, f"{lengths_out} vs {lengths}"
            assert unpacked.size(1 if batch_first else 0) == T + delta, f"{unpacked.shape} vs total_length {T + delta}"
            pad = no_extra_pad.new_zeros((_BATCH, delta) if batch_first else (delta, _BATCH))
            assert_equal(unpacked, torch.cat([no_extra_pad, pad], 1 if batch_first else 0))

@impls()
def test_to(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_to (CPU part; the CUDA part is skipped below)
    for enforce_sorted in (True, False):
        padded, lengths = _padded_sequence(ns, torch.int32)
        a = ns.pack_padded_sequence(padded, lengths, enforce_sorted=enforce_sorted).cpu()
        assert a is a.to('cpu') and a is a.cpu() and a is a.to('cpu', dtype=torch.int32), (a.data.dtype, a.to('cpu', dtype=torch.int32).data.dtype)
        assert_equal(a.long().data, a.to(torch.int64).data)

@pytest.mark.skip(reason="needs CUDA: the second half of PackedSequenceTest.test_to moves a PackedSequence to cuda")
def test_to_cuda(): pass

def _pad_to(t, length):
    "The `pad` helper of PackedSequenceTest: `t` with zero rows appended up to `length`"
    return torch.cat([t, t.new_zeros(length - t.size(0), *t.shape[1:])])

def _square_sequences(maxlen, num_dim, shuffle=True, descending=False):
    "Sequences of lengths i*i, i = 1..maxlen, each (i*i, 5, 4, ...) with `num_dim` trailing 4s, as torch's tests build them"
    order = range(maxlen, 0, -1) if descending else range(1, maxlen + 1)
    seqs = [torch.rand(i*i, 5, *[4]*num_dim) for i in order]
    if shuffle: random.shuffle(seqs)
    return seqs

@impls()
def test_pad_sequence(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_pad_sequence
    a, b, c = torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])
    expected = torch.tensor([[4, 5, 0], [1, 2, 3], [6, 0, 0]])
    assert_equal(ns.pad_sequence([b, a, c], True), expected)              # batch_first positionally, as torch's test passes it
    assert_equal(ns.pad_sequence([b, a, c]), expected.T)
    assert_equal(ns.pad_sequence([b, a, c], True, 1), torch.tensor([[4, 5, 1], [1, 2, 3], [6, 1, 1]]))
    assert_equal(ns.pad_sequence([a, b, c], True), torch.tensor([[1, 2, 3], [4, 5, 0], [6, 0, 0]]))
    maxlen = 5  # torch uses 9 (sequences up to 81 steps); 5 keeps the same shapes' variety in less time
    for num_dim in (0, 1, 2, 3):
        seqs = _square_sequences(maxlen, num_dim)
        expected = torch.stack([_pad_to(s, maxlen*maxlen) for s in seqs])
        assert_equal(ns.pad_sequence(seqs, True), expected)
        assert_equal(ns.pad_sequence(seqs), expected.transpose(0, 1))

@impls()
def test_unpad_sequence(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_unpad_sequence (maxlen 5 for torch's 9, as in test_pad_sequence)
    seqs = [torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])]
    lengths = torch.as_tensor([len(s) for s in seqs])
    for batch_first in (True, False):
        padded = ns.pad_sequence(seqs, batch_first=batch_first)
        assert_equal(ns.unpad_sequence(padded, lengths, batch_first=batch_first), seqs)
    for num_dim in (0, 1, 2, 3):
        seqs = _square_sequences(5, num_dim)
        lengths = torch.as_tensor([len(s) for s in seqs])
        padded = ns.pad_sequence(seqs, batch_first=batch_first)
        assert_equal(ns.unpad_sequence(padded, lengths, batch_first=batch_first), seqs)

@impls()
def test_pack_sequence(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_pack_sequence (maxlen 5 for torch's 9, as in test_pad_sequence)
    def compatible(seqs, lengths, batch_first, enforce_sorted=False):
        padded = ns.pad_sequence(seqs, batch_first)
        packed = ns.pack_sequence(seqs, enforce_sorted)
        assert_equal(padded, ns.pad_packed_sequence(packed, batch_first)[0])
        pack_padded = ns.pack_padded_sequence(padded, lengths, batch_first, enforce_sorted)
        assert_equal(tuple(packed), tuple(pack_padded))
    a, b, c = torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])
    expected = torch.tensor([1, 4, 6, 2, 5, 3])
    packed = ns.pack_sequence([a, b, c], enforce_sorted=False)
    assert_equal(packed.batch_sizes, [3, 2, 1]); assert_equal(packed.data, expected)
    assert_equal(packed.sorted_indices, [0, 1, 2]); assert_equal(packed.unsorted_indices, [0, 1, 2])
    packed = ns.pack_sequence([b, c, a], enforce_sorted=False)
    assert_equal(packed.batch_sizes, [3, 2, 1]); assert_equal(packed.data, expected)
    assert_equal(packed.sorted_indices, [2, 0, 1]); assert_equal(packed.unsorted_indices, [1, 2, 0])
    packed = ns.pack_sequence([a, b, c], enforce_sorted=True)
    assert_equal(packed.batch_sizes, [3, 2, 1]); assert_equal(packed.data, expected)
    assert packed.sorted_indices is None and packed.unsorted_indices is None, (packed.sorted_indices, packed.unsorted_indices)
    raises_like_torch(ns, RuntimeError, "must be sorted in decreasing order", lambda: ns.pack_sequence([b, c, a], enforce_sorted=True))
    raises_like_torch(ns, RuntimeError, "You can pass `enforce_sorted=False`", lambda: ns.pack_sequence([b, c, a], enforce_sorted=True))
    for num_dim in (0, 1, 2, 3):
        seqs = _square_sequences(5, num_dim, shuffle=False, descending=True)
        lengths = [len(s) for s in seqs]
        unsorted = [s.clone() for s in seqs]
        random.shuffle(unsorted)
        for batch_first in (True, False):
            for enforce_sorted in (True, False): compatible(seqs, lengths, batch_first, enforce_sorted)
            compatible(unsorted, [len(s) for s in unsorted], batch_first)

@impls()
def test_unpack_sequence(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_unpack_sequence (maxlen 5 for torch's 9, as in test_pad_sequence)
    seqs = [torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])]
    assert_equal(ns.unpack_sequence(ns.pack_sequence(seqs, enforce_sorted=False)), seqs)
    for num_dim in (0, 1, 2, 3):
        seqs = _square_sequences(5, num_dim)
        assert_equal(ns.unpack_sequence(ns.pack_sequence(seqs, enforce_sorted=False)), seqs)

@impls()
@pytest.mark.parametrize('sorted_lengths,shuffle', [([10, 8, 4, 2, 2, 2, 1], False), ([11, 10, 8, 6, 4, 3, 1], False), ([11, 10, 8, 6, 4, 3, 1], True)])
@pytest.mark.parametrize('batch_first', [True, False])
def test_pack_padded_sequence(ns, sorted_lengths, shuffle, batch_first):
    # test_packed_sequence.py::PackedSequenceTest.test_pack_padded_sequence (its test cases as parameters)
    T = sorted_lengths[0]
    batch_sizes = [sum(l >= t for l in sorted_lengths) for t in range(1, T + 1)]
    padded = torch.cat([_pad_to(i*100 + torch.arange(1., 5*l + 1).view(l, 1, 5), T) for i, l in enumerate(sorted_lengths, 1)], 1)
    expected = torch.stack([torch.arange(1., 6) + (i + 1)*100 + 5*n for n, bs in enumerate(batch_sizes) for i in range(bs)])
    if shuffle:
        perm = list(range(len(sorted_lengths)))
        random.shuffle(perm)
        unsorted_indices = torch.tensor(perm)
        padded = padded.index_select(1, unsorted_indices)
        lengths = torch.tensor(sorted_lengths).index_select(0, unsorted_indices)
    else: unsorted_indices, lengths = None, sorted_lengths
    padded.requires_grad_()
    src = padded.transpose(0, 1) if batch_first else padded
    packed = ns.pack_padded_sequence(src, lengths, batch_first=batch_first, enforce_sorted=not shuffle)
    assert_equal(packed.data, expected)
    assert_equal(packed.batch_sizes, batch_sizes)
    if unsorted_indices is None: assert packed.unsorted_indices is None, packed.unsorted_indices
    else: assert_equal(packed.unsorted_indices, unsorted_indices)
    unpacked, unpacked_len = ns.pad_packed_sequence(packed, batch_first=batch_first)
    assert_equal(unpacked, src)
    assert_equal(unpacked_len, torch.as_tensor(lengths))
    grad_output = torch.randn_like(unpacked)
    unpacked.backward(grad_output)
    if batch_first: grad_output = grad_output.transpose(0, 1)
    for i, l in enumerate(lengths):
        assert_equal(padded.grad[:l, i], grad_output[:l, i])
        if l < 10: assert padded.grad[l:, i].abs().sum() == 0, padded.grad[l:, i]

@impls()
def test_pack_padded_sequence_errors(ns):
    # test_packed_sequence.py::PackedSequenceTest.test_pack_padded_sequence, its "test error messages" part
    raises_like_torch(ns, RuntimeError, "You can pass `enforce_sorted=False`", lambda: ns.pack_padded_sequence(torch.randn(3, 3), [1, 3, 2]))
    raises_like_torch(ns, RuntimeError, "empty tensor", lambda: ns.pack_padded_sequence(torch.randn(0, 0), []))
    raises_like_torch(ns, RuntimeError, "empty tensor", lambda: ns.pack_padded_sequence(torch.randn([0, 1, 10]), torch.randn([11, 14, 14, 2]), True))

# ===============================================================================================================
# test/test_nn.py :: TestNN and TestNNDeviceType (CPU)

@impls()
def test_RNN_cell(ns):
    # test_nn.py::TestNN.test_RNN_cell (a smoke test in torch; we also assert the state's shape and that gradients arrive)
    for cell_cls in (ns.RNNCell, ns.GRUCell):
        for bias in (True, False):
            x, hx = torch.randn(3, 10), torch.randn(3, 20)
            cell = cell_cls(10, 20, bias=bias)
            for _ in range(6): hx = cell(x, hx)
            assert hx.shape == (3, 20), hx.shape
            hx.sum().backward()
            assert all(p.grad is not None for p in cell.parameters()), [n for n, p in cell.named_parameters() if p.grad is None]

@impls()
def test_RNN_cell_forward_zero_hidden_size(ns):
    # test_nn.py::TestNN.test_RNN_cell_forward_zero_hidden_size
    x, hx = torch.randn(3, 10), torch.randn(3, 0)
    for cell in (ns.RNNCell(10, 0, nonlinearity='relu'), ns.RNNCell(10, 0, nonlinearity='tanh'), ns.GRUCell(10, 0)):
        assert cell(x, hx).shape == (3, 0), cell(x, hx).shape

@impls()
def test_RNN_cell_no_broadcasting(ns):
    # test_nn.py::TestNN(DeviceType).test_RNN_cell_no_broadcasting
    H, F_ = 20, 10
    def check(cell_cls, x, hx): raises_like_torch(ns, RuntimeError, None, lambda: cell_cls(F_, H)(x, hx))
    def check_all(bad_hx, good_hx, x):
        check(ns.RNNCell, x, bad_hx); check(ns.GRUCell, x, bad_hx)
        check(ns.LSTMCell, x, (bad_hx, good_hx)); check(ns.LSTMCell, x, (good_hx, bad_hx))
    x, good_hx = torch.randn(3, F_), torch.randn(3, H)
    check_all(torch.randn(1, H), good_hx, x)             # hidden/input batch size
    check_all(torch.randn(3, 1), good_hx, x)             # hx's hidden_size vs the module's
    check_all(good_hx, good_hx, torch.randn(3, 1))       # input's input_size vs the module's

@impls()
def test_LSTM_cell(ns):
    # test_nn.py::TestNN.test_LSTM_cell
    for bias in (True, False):
        x, hx, cx = torch.randn(3, 10), torch.randn(3, 20), torch.randn(3, 20)
        lstm = ns.LSTMCell(10, 20, bias=bias)
        for _ in range(6): hx, cx = lstm(x, (hx, cx))
        assert hx.shape == cx.shape == (3, 20), (hx.shape, cx.shape)
        (hx + cx).sum().backward()
        assert all(p.grad is not None for p in lstm.parameters()), [n for n, p in lstm.named_parameters() if p.grad is None]

@impls()
def test_LSTM_cell_forward_input_size(ns):
    # test_nn.py::TestNN.test_LSTM_cell_forward_input_size
    with pytest.raises(Exception): ns.LSTMCell(10, 20)(torch.randn(3, 11), (torch.randn(3, 20), torch.randn(3, 20)))

@impls()
def test_LSTM_cell_forward_hidden_size(ns):
    # test_nn.py::TestNN.test_LSTM_cell_forward_hidden_size
    lstm, x, hx, cx = ns.LSTMCell(10, 20), torch.randn(3, 10), torch.randn(3, 21), torch.randn(3, 20)
    with pytest.raises(Exception): lstm(x, (hx, cx))
    with pytest.raises(Exception): lstm(x, (cx, hx))

def _update_shape(shape, dim, size):
    "test_rnn_args_check's update_shape: `shape` with `shape[dim] = size`"
    s = list(shape); s[dim] = size
    return tuple(s)

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'GRU', 'LSTM'])
def test_rnn_args_check(ns, mode):
    # test_nn.py::TestNN.test_rnn_args_check
    F_, H, L, B, T, D, bad = 3, 5, 2, 4, 6, 1, 7  # bad: a prime, so that no size divides it
    good_x, good_h = (T, B, F_), (L*D, B, H)
    def inputs(x_shape, h_shape):
        x, h = torch.randn(x_shape), torch.randn(h_shape)
        if mode != 'LSTM': return [(x, h)]
        if h_shape == good_h: return [(x, (h, h))]
        g = torch.randn(good_h)
        return [(x, (h, g)), (x, (g, h))]
    cases = [(_update_shape(good_x, 1, bad), good_h),   # input batch size
             (good_x, _update_shape(good_h, 1, bad)),   # hidden batch size
             (_update_shape(good_x, 2, bad), good_h),   # input size
             (good_x, _update_shape(good_h, 2, bad)),   # hidden size
             (good_x, _update_shape(good_h, 0, bad))]   # hidden[0]
    for x_shape, h_shape in cases:
        for x, h in inputs(x_shape, h_shape):
            model = getattr(ns, mode)(F_, H, L)
            raises_like_torch(ns, RuntimeError, None, lambda: model(x, h))

@impls()
def test_projections_lstm_args_check(ns):
    # test_nn.py::TestNN.test_projections_lstm_args_check
    F_, H, P_, L, B, T, D, bad = 3, 5, 2, 2, 4, 6, 1, 7
    good_x, good_h, good_c = (T, B, F_), (L*D, B, P_), (L*D, B, H)
    cases = [(_update_shape(good_x, 1, bad), good_h, good_c),                               # input batch size
             (good_x, _update_shape(good_h, 1, bad), _update_shape(good_c, 1, bad)),        # hidden batch size
             (_update_shape(good_x, 2, bad), good_h, good_c),                               # input size
             (good_x, _update_shape(good_h, 2, bad), _update_shape(good_c, 2, bad)),        # hidden size
             (good_x, _update_shape(good_h, 0, bad), _update_shape(good_c, 0, bad)),        # hidden[0]
             (good_x, _update_shape(good_h, 0, H), good_c),                                 # proj size = hidden size
             (good_x, _update_shape(good_h, 0, bad), good_c),                               # proj size != hidden size
             (good_x, good_h, _update_shape(good_c, 0, bad))]                               # cell size != hidden size
    for x_shape, h_shape, c_shape in cases:
        model = ns.LSTM(F_, H, L, proj_size=P_)
        x, h = torch.randn(x_shape), (torch.randn(h_shape), torch.randn(c_shape))
        raises_like_torch(ns, RuntimeError, None, lambda: model(x, h))

@pytest.mark.skip(reason="needs 2 CUDA devices: test_nn.py::TestNN.test_rnn_check_device and test_projections_lstm_check_device check hx on another GPU")
def test_rnn_check_device(): pass

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'GRU', 'LSTM'])
def test_rnn_initial_hidden_state(ns, mode):
    # test_nn.py::TestNN.test_rnn_initial_hidden_state (torch: batch 32, 10 steps, 30 -> 20; here batch 8, same sizes otherwise)
    rnn = getattr(ns, mode)(30, 20, 2)
    x, h = torch.randn(10, 8, 30), torch.zeros(2, 8, 20)
    if mode == 'LSTM': h = (h, h)
    out1, h1 = rnn(x, h)
    out2, h2 = rnn(x)
    assert_equal(out1, out2); assert_equal(h1, h2)

@impls()
@pytest.mark.parametrize('bidir', [False, True])
def test_projections_lstm_initial_hidden_state(ns, bidir):
    # test_nn.py::TestNN.test_projections_lstm_initial_hidden_state (batch 8 instead of 32)
    D = 2 if bidir else 1
    rnn = ns.LSTM(30, 20, 2, bidirectional=bidir, proj_size=10)
    x, h = torch.randn(10, 8, 30), (torch.zeros(2*D, 8, 10), torch.zeros(2*D, 8, 20))
    out1, h1 = rnn(x, h)
    out2, h2 = rnn(x)
    assert_equal(out1, out2); assert_equal(h1, h2)

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'GRU'])
def test_projections_errors_on_gru_and_rnn(ns, mode):
    # test_nn.py::TestNN.test_projections_errors_on_gru_and_rnn
    raises_like_torch(ns, ValueError, "proj_size argument is only supported for LSTM, not RNN or GRU", lambda: getattr(ns, mode)(30, 20, 2, proj_size=10))

@impls()
def test_RNN_dropout(ns):
    # test_nn.py::TestNN.test_RNN_dropout, its CPU half (torch's test runs under `skipIf(not TEST_CUDNN)` and loops over cuda in
    # (True, False); the cuda=True half is the cuDNN check and is left out). Default dtype double, as test_nn sets it.
    torch.set_default_dtype(torch.float64)
    for p in (0, 0.276, 0.731, 1):
        for train in (True, False):
            rnn = ns.RNN(10, 1000, 2, bias=False, dropout=p, nonlinearity='relu')
            rnn.train(train)
            with torch.no_grad():
                for n in ('weight_ih_l0', 'weight_hh_l0', 'weight_ih_l1', 'weight_hh_l1'): getattr(rnn, n).fill_(1)
            output, hy = rnn(torch.ones(1, 1, 10), torch.zeros(2, 1, 1000))
            assert output.min() == output.max(), (output.min(), output.max())
            val = output[0, 0, 0].item()
            if p == 0 or not train: assert val == 10000, val
            elif p == 1: assert val == 0, val
            else:
                assert 8000 < val < 12000, val
                denorm_mod = (val * (1 - p)) % 10
                assert min(denorm_mod, 10 - denorm_mod) < 1e-2, (val, p, denorm_mod)
            assert hy[0].min() == hy[0].max() and hy[1].min() == hy[1].max(), hy
            assert hy[0, 0, 0].item() == 10 and hy[1, 0, 0].item() == val, (hy[0, 0, 0], hy[1, 0, 0], val)

@impls()
@pytest.mark.parametrize('p', [0, 0.1234])
def test_RNN_dropout_state(ns, p):
    # test_nn.py::TestNN.test_RNN_dropout_state, its CPU half (torch's runs under skipIf(not TEST_CUDNN) and loops over cuda).
    # `flatten_parameters()` is called as torch's test calls it (ours: a no-op kept for code written for torch)
    for train in (True, False):
        rnn = ns.RNN(100, 100, 2, bias=False, dropout=p, nonlinearity='relu')
        rnn.train(train)
        x, hx = torch.rand(1, 1, 100), torch.rand(2, 1, 100)
        out1, hy1 = rnn(x, hx)
        out2, hy2 = rnn(x, hx)
        buf = io.BytesIO()
        torch.save(rnn, buf)
        buf.seek(0)
        rnn2 = torch.load(buf, weights_only=False)
        rnn2.flatten_parameters()
        out3, hy3 = rnn2(x, hx)
        if p == 0 or not train:
            assert_equal(out1, out2); assert_equal(out1, out3); assert_equal(hy1, hy2); assert_equal(hy1, hy3)
        else:
            assert not torch.equal(out1, out2) and not torch.equal(out1, out3), (out1, out2, out3)
            assert not torch.equal(hy1, hy2) and not torch.equal(hy1, hy3), (hy1, hy2, hy3)

@impls()
@pytest.mark.parametrize('train', [True, False])
def test_RNN_change_dropout(ns, train):
    # test_nn.py::TestNN.test_RNN_change_dropout, its CPU half (cuda=False): setting `rnn.dropout` between calls takes effect
    torch.set_default_dtype(torch.float64)
    rnn = ns.RNN(100, 100, 2, dropout=0, nonlinearity='relu').train(train)
    x, prev = torch.rand(3, 2, 100), None
    for p in (0, 0.5, 0, 0.7, 0.2, 1, 0.2, 0):
        rnn.dropout = p
        out1, hy1 = rnn(x)
        out2, hy2 = rnn(x)
        if p == 0 or p == 1 or not train: assert_equal(out1, out2, what=f'p={p}'); assert_equal(hy1, hy2, what=f'p={p}')
        else: assert not torch.equal(out1, out2) and not torch.equal(hy1, hy2), f'p={p}: two calls in training gave the same output'
        if prev is not None:
            if not train: assert_equal(out1, prev); assert_equal(out2, prev)
            else: assert not torch.equal(out1, prev) and not torch.equal(out2, prev), f'p={p}: same output as with the previous p'
        prev = out1.detach()

@impls()
@pytest.mark.parametrize('name,kwargs', [('weight_hh_l0', {}), ('weight_hr_l0', dict(proj_size=3))])
@pytest.mark.filterwarnings('ignore:`torch.nn.utils.weight_norm` is deprecated')
def test_RNN_cudnn_weight_norm(ns, name, kwargs):
    # test_nn.py::TestNN.test_RNN_cudnn_weight_norm without the move to cuda: the output is unchanged by weight_norm and by its removal
    m = ns.LSTM(10, 6, 2, **kwargs)
    x = torch.randn(7, 6, 10)
    expected = m(x)
    m = torch.nn.utils.weight_norm(m, name=name)
    assert_equal(m(x), expected, atol=1e-5, rtol=1.3e-6)   # torch's assertEqual defaults for float32: w = g v/|v| rounds
    m = torch.nn.utils.remove_weight_norm(m, name=name)
    assert_equal(m(x), expected, atol=1e-5, rtol=1.3e-6)

@impls()
def test_cudnn_forward_exception(ns):
    # test_nn.py::TestNN.test_cudnn_forward_exception (no CUDA needed: it runs on CPU in torch's suite too)
    cases = [(ns.LSTM(10, 20, batch_first=True), (torch.zeros(1, 2, 19), torch.zeros(1, 2, 19))),
             (ns.LSTM(10, 20, batch_first=True, proj_size=10), (torch.zeros(1, 2, 19), torch.zeros(1, 2, 19))),
             (ns.GRU(10, 20, batch_first=True), torch.zeros(1, 2, 19)),
             (ns.RNN(10, 20, batch_first=True), torch.zeros(1, 2, 19))]
    x_wrong, x_right = torch.randn(2, 3, 3), torch.randn(2, 3, 10)
    for rnn, hidden in cases:
        raises_like_torch(ns, RuntimeError, "Expected hidden.*size.*got", lambda: rnn(x_right, hidden))
        raises_like_torch(ns, RuntimeError, re.escape("input.size(-1) must be equal to input_size"), lambda: rnn(x_wrong))

def _noncontig_copy(t):
    "_test_RNN_cpu_vs_cudnn's make_noncontig: the same values through a strided view"
    return torch.stack([t.clone().zero_(), t], t.dim()).select(t.dim(), 1)

def _forward_backward(rnn, input_val, grad_output, weights_val, hx_val, grad_hy, cx_val=None, grad_cy=None):
    "_test_RNN_cpu_vs_cudnn's forward_backward (CPU): copy `weights_val` into `rnn.all_weights`, run, backward, return what it compares"
    lstm = isinstance(rnn, (nn.LSTM, LSTM))
    with torch.no_grad():
        for xl, yl in zip(rnn.all_weights, weights_val):
            for x, y in zip(xl, yl): x.copy_(y)
    if isinstance(input_val, PackedSequence):
        inp = PackedSequence(input_val.data.detach().clone().requires_grad_(), input_val.batch_sizes)
        input_var = inp.data
    else: inp = input_var = input_val.clone().requires_grad_()
    if lstm: hx = (hx_val.clone().requires_grad_(), (hx_val if cx_val is None else cx_val).add(1).requires_grad_())
    else: hx = hx_val.clone().requires_grad_()
    output, hy = rnn(inp, hx)
    if isinstance(output, PackedSequence): output = output.data
    if lstm: torch.autograd.backward([output, hy[0], hy[1]], [grad_output, grad_hy, (grad_hy if grad_cy is None else grad_cy) + 1])
    else: torch.autograd.backward([output, hy], [grad_output, grad_hy])
    return dict(output=output.detach(), hy=(hy[0] if lstm else hy).detach(), grad_input=input_var.grad, grad_hx=(hx[0] if lstm else hx).grad,
                cy=hy[1].detach() if lstm else None, grad_cx=hx[1].grad if lstm else None, grad_weights=[w.grad for ws in rnn.all_weights for w in ws])

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'LSTM', 'GRU', 'LSTM_proj', 'RNN_relu'])
def test_RNN_cpu_vs_reference(ns, mode):
    # test_nn.py::TestNN._test_RNN_cpu_vs_cudnn(dropout=0), with torch's CPU module in the place of cuDNN: `ns`'s module, given
    # torch's weights through `all_weights`, must give torch's outputs and gradients (atol 5e-5 as there), over bias, bidirectional,
    # batch_first, non-contiguous inputs, packed input with lengths as a list or a tensor (all 64 combinations; RNN relu: torch's one
    # extra case). The torch control compares torch with torch.
    F_, H, P_, L, T, B = 10, 6, 3, 2, 7, 6
    dtype = torch.float64
    combos = list(itertools.product((True, False), repeat=6)) if mode != 'RNN_relu' else [(False, False, False, True, False, False)]
    for bias, bidir, batch_first, contig, variable_len, lens_as_tensor in combos:
        D = 2 if bidir else 1
        out_size = P_ if mode == 'LSTM_proj' else H
        shape = (B, T) if batch_first else (T, B)
        input_val, grad_output = torch.randn(*shape, F_, dtype=dtype), torch.randn(*shape, out_size*D, dtype=dtype)
        hx_val, grad_hy = torch.randn(L*D, B, out_size, dtype=dtype), torch.randn(L*D, B, out_size, dtype=dtype)
        cx_val = grad_cy = None
        if mode == 'LSTM_proj': cx_val, grad_cy = torch.randn(L*D, B, H, dtype=dtype), torch.randn(L*D, B, H, dtype=dtype)
        if not contig:
            grad_output, grad_hy, hx_val = _noncontig_copy(grad_output), _noncontig_copy(grad_hy), _noncontig_copy(hx_val)
            if cx_val is not None: cx_val, grad_cy = _noncontig_copy(cx_val), _noncontig_copy(grad_cy)
        if variable_len:
            lengths = [7, 5, 5, 2, 1, 1]
            if lens_as_tensor: lengths = torch.tensor(lengths, dtype=torch.long)
            input_val = tu.pack_padded_sequence(input_val, lengths, batch_first=batch_first)
            grad_output = tu.pack_padded_sequence(grad_output, lengths, batch_first=batch_first).data
        base = mode.split('_')[0]
        kw = dict(bias=bias, dropout=0, bidirectional=bidir, batch_first=batch_first) | (dict(proj_size=P_) if mode == 'LSTM_proj' else {}) \
             | (dict(nonlinearity='relu') if mode == 'RNN_relu' else {})
        ref = getattr(nn, base)(F_, H, L, **kw).to(dtype)
        ours = getattr(ns, base)(F_, H, L, **kw).to(dtype)
        a = _forward_backward(ref, input_val, grad_output, ref.all_weights, hx_val, grad_hy, cx_val, grad_cy)
        b = _forward_backward(ours, input_val, grad_output, ref.all_weights, hx_val, grad_hy, cx_val, grad_cy)
        for k in a: assert_equal(b[k], a[k], atol=5e-5, what=f"{mode} {k} bias={bias} bidir={bidir} batch_first={batch_first} contig={contig} packed={variable_len}")

@pytest.mark.skip(reason="needs cuDNN: the cuda halves of test_nn.py::TestNN.test_RNN_dropout, test_RNN_dropout_state, test_RNN_change_dropout, "
                         "test_RNN_cudnn_weight_norm, and test_RNN_cpu_vs_cudnn_no_dropout/with_dropout (ported above with torch's CPU module as the reference)")
def test_RNN_cudnn_halves(): pass

@pytest.mark.filterwarnings('ignore:`torch.nn.utils.weight_norm` is deprecated')  # torch's test uses the old API; so do we
@impls()
@pytest.mark.parametrize('kwargs,name,num_params', [({}, 'weight_ih_l0', 4), (dict(proj_size=16), 'weight_hr_l0', 5)])
def test_rnn_weight_norm(ns, kwargs, name, num_params):
    # test_nn.py::TestNN.test_rnn_weight_norm, less its two `_flat_weights` counts (torch internals): after weight_norm the module
    # still runs; after remove_weight_norm `name` is a parameter again and the `_v`, `_g` parts are gone
    l = torch.nn.utils.weight_norm(ns.LSTM(32, 32, **kwargs), name=name)
    assert name + '_v' in dict(l.named_parameters()) and name + '_g' in dict(l.named_parameters()), list(dict(l.named_parameters()))
    assert l(torch.randn(2, 1, 32))[0].shape == (2, 1, kwargs.get('proj_size', 32))   # not in torch's test: the reparametrised weight is used
    l = torch.nn.utils.remove_weight_norm(l, name=name)
    assert len(list(l.parameters())) == num_params
    params = dict(l.named_parameters())
    assert name in l._parameters and l._parameters[name] is not None, list(l._parameters)
    assert name + '_v' not in l._parameters and name + '_g' not in l._parameters, list(l._parameters)
    assert name in params and params[name] is not None, list(params)
    assert name + '_v' not in params and name + '_g' not in params, list(params)

@pytest.mark.skip(reason="torch internals: the `_flat_weights` counts of test_nn.py::TestNN.test_rnn_weight_norm (ported above without them); "
                         "test_partial_flat_weights deletes a weight and moves the module to cuda")
def test_rnn_flat_weights(): pass

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'LSTM', 'GRU'])
@pytest.mark.parametrize('bidirectional', [True, False])
def test_error_RNN_seq_len_zero(ns, mode, bidirectional):
    # test_nn.py::TestNN.test_error_RNN_seq_len_zero (CPU)
    rnn = getattr(ns, mode)(5, 6, bidirectional=bidirectional)
    raises_like_torch(ns, RuntimeError, "Expected sequence length to be larger than 0 in RNN", lambda: rnn(torch.ones(0, 10, 5)))

@impls()
@pytest.mark.parametrize('mode', ['RNN', 'LSTM', 'GRU'])
def test_RNN_input_size_zero(ns, mode):
    # test_nn.py::TestNN.test_RNN_input_size_zero (CPU): a batch of 0 sequences
    rnn = getattr(ns, mode)(input_size=3, hidden_size=4)
    outs = rnn(torch.zeros(5, 0, 3))
    assert outs[0].shape == (5, 0, 4), outs[0].shape
    outs[0].sum().backward()  # backward does not raise

@impls()
def test_RNN_nonlinearity(ns):
    # test_nn.py::TestNN.test_RNN_nonlinearity
    assert ns.RNN(1, 10).nonlinearity == 'tanh'
    assert ns.RNN(1, 10, nonlinearity='relu').nonlinearity == 'relu'
    raises_like_torch(ns, ValueError, 'Unknown nonlinearity', lambda: ns.RNN(1, 10, nonlinearity='garbage'))

@impls()
def test_RNN_nonlinearity_passed_as_arg(ns):
    # test_nn.py::TestNN.test_RNN_nonlinearity_passed_as_arg
    assert ns.RNN(2, 3, 1, 'relu').nonlinearity == 'relu'

@impls()
@pytest.mark.parametrize('dtype', [torch.float32, torch.float64])
def test_rnn_retain_variables(ns, dtype):
    # test_nn.py::TestNNDeviceType.test_rnn_retain_variables (CPU; torch also runs half on CUDA)
    for rnn in (ns.LSTM(10, 20, num_layers=2).to(dtype), ns.GRU(10, 20, num_layers=2).to(dtype), ns.RNN(10, 20, num_layers=2).to(dtype)):
        x = torch.randn(5, 6, 10, dtype=dtype, requires_grad=True)
        out = rnn(x)
        out[0].sum().backward(retain_graph=True)
        grads = [x.grad.clone()] + [p.grad.clone() for p in rnn.parameters()]
        for _ in range(4):
            rnn.zero_grad()
            x.grad.zero_()
            out[0].sum().backward(retain_graph=True)
            assert_equal([x.grad] + [p.grad for p in rnn.parameters()], grads, what=type(rnn).__name__)

def _maybe_index_tuple(hx, b):
    "test_variable_sequence's maybe_index_tuple: sequence `b`'s slice of `(h, c)`, or None"
    return None if hx is None else tuple(v[:, b:b+1].contiguous() for v in hx)

@impls()
@pytest.mark.parametrize('enforce_sorted,lengths', [(True, [5]), (False, [5]), (True, [10, 10, 6, 2, 2, 1, 1]),
                                                    (False, [10, 10, 6, 2, 2, 1, 1]), (False, [2, 1, 3, 2, 10, 5, 3])])
@pytest.mark.parametrize('use_default_hiddens', [True, False])
@pytest.mark.parametrize('proj_size', [0, 2])
def test_variable_sequence(ns, enforce_sorted, lengths, use_default_hiddens, proj_size):
    # test_nn.py::TestNNDeviceType.test_variable_sequence (CPU, float64, with torch's tolerance for double)
    dtype, prec = torch.float64, 1e-5  # dtype2prec_DONTUSE[torch.double]
    F_, H, L, bidir = 3, 4, 2, True
    T, D = max(lengths), 2
    x_leaf = torch.randn(T, len(lengths), F_, dtype=dtype, requires_grad=True)
    lstm = ns.LSTM(F_, H, bidirectional=bidir, num_layers=L, proj_size=proj_size).to(dtype)
    lstm2 = copy.deepcopy(lstm)
    h0 = None if use_default_hiddens else (torch.randn(D*L, len(lengths), proj_size or H, dtype=dtype), torch.randn(D*L, len(lengths), H, dtype=dtype))
    seq_outs, seq_hids = [], []
    for b, l in enumerate(lengths):   # each sequence on its own
        out, hid = lstm2(x_leaf[:l, b:b+1], _maybe_index_tuple(h0, b))
        seq_outs.append(_pad_to(out, T)); seq_hids.append(hid)
    seq_out = torch.cat(seq_outs, 1)
    seq_hid = tuple(torch.cat(h, 1) for h in zip(*seq_hids))
    packed = ns.pack_padded_sequence(x_leaf, lengths, enforce_sorted=enforce_sorted)
    packed_out, packed_hid = lstm(packed, h0)
    unpacked, unpacked_len = ns.pad_packed_sequence(packed_out)
    assert_equal(packed_hid, seq_hid, atol=prec, what='h_n, c_n')
    assert_equal(unpacked, seq_out, atol=prec, what='output')
    assert unpacked_len.tolist() == lengths, (unpacked_len, lengths)
    seq_out.sum().backward()
    grad_x = x_leaf.grad.clone()
    x_leaf.grad.zero_()
    unpacked.sum().backward()
    assert_equal(x_leaf.grad, grad_x, atol=prec, what='input grad')
    for (n, p1), p2 in zip(lstm.named_parameters(), lstm2.parameters()): assert_equal(p1.grad, p2.grad, atol=prec, what=n)

@impls()
def test_lstmcell_backward_only_one_output_grad(ns):
    # test_nn.py::TestNNDeviceType.test_lstmcell_backward_only_one_output_grad (torch: onlyCUDA; nothing in it needs CUDA)
    l = ns.LSTMCell(2, 3).double()
    s = torch.randn(1, 2, dtype=torch.double, requires_grad=True)
    for i in range(2):
        l(s)[i].sum().backward()
        assert not (s.grad is None or s.grad.abs().sum().item() == 0), s.grad

@pytest.mark.skip(reason="needs CUDA: test_nn.py::TestNN.test_pack_sequence_batch_sizes_throw builds a PackedSequence with batch_sizes on cuda")
def test_pack_sequence_batch_sizes_throw(): pass

@pytest.mark.skip(reason="needs CUDA/cuDNN or oneDNN: test_nn.py's test_rnn_fused, test_cudnn_rnn_dropout_states_device, test_LSTM_differentiable_backward_using_oneDNN, test_cudnn_weight_format/_tying")
def test_rnn_fused_cudnn_onednn(): pass

# ===============================================================================================================
# test/test_autograd.py :: TestAutogradDeviceType (CPU)

def _rnn_mod_check(mod, inp):
    "test_autograd.py's _test_rnn_mod: gradcheck and gradgradcheck of the module's outputs flattened, w.r.t. the input"
    def flat_out(inp):
        out = mod(inp)
        return tuple(t if isinstance(t, torch.Tensor) else tt for t in out for tt in t)
    assert gradcheck(flat_out, inp, check_batched_grad=False)
    assert gradgradcheck(flat_out, inp, check_batched_grad=False)

@impls()
def test_LSTM_grad_and_gradgrad(ns):
    # test_autograd.py::TestAutogradDeviceType.test_LSTM_grad_and_gradgrad (CPU; torch's cudnn.flags(enabled=False) is moot there)
    inp = torch.rand(1, 3, 4, dtype=torch.float64, requires_grad=True)
    for bias in (True, False): _rnn_mod_check(ns.LSTM(4, 4, bias=bias).double(), inp)

@impls()
def test_GRU_grad_and_gradgrad(ns):
    # test_autograd.py::TestAutogradDeviceType.test_GRU_grad_and_gradgrad (CPU)
    inp = torch.rand(1, 3, 4, dtype=torch.float64, requires_grad=True)
    for bias in (True, False): _rnn_mod_check(ns.GRU(4, 4, bias=bias).double(), inp)

@pytest.mark.skip(reason="needs cuDNN: the second half of test_autograd.py's _test_rnn_mod checks cuDNN's error for double backward on cuda")
def test_rnn_mod_cudnn_double_backward_error(): pass

@impls()
def test_rnn_backward_to_input_but_not_parameters(ns):
    # test_autograd.py::TestAutogradDeviceType.test_rnn_backward_to_input_but_not_parameters (torch: onlyCUDA; nothing in it needs CUDA)
    l = ns.LSTM(2, 3)
    for p in l.parameters(): p.requires_grad = False
    s = torch.randn(1, 1, 2, requires_grad=True)
    out, _ = l(s)
    out.sum().backward()
    assert not (s.grad is None or s.grad.abs().sum().item() == 0), s.grad

# test_autograd.py's test_lstmcell_backward_only_one_output_grad is the same test as test_nn.py's, ported above.

# ===============================================================================================================
# test/test_modules.py :: TestModule, over common_modules.py's ModuleInfo inputs for RNN, GRU, LSTM and their cells
#
# `_module_inputs` re-expresses module_inputs_torch_nn_RNN_GRU (is_rnn for RNN), _LSTM, _RNN_GRU_Cell and _LSTMCell:
# each sample is (constructor args, constructor kwargs, forward args, reference), the reference being the
# no_batch_dim_reference_* function that runs the unbatched input as a batch of one and squeezes it back.
# Inputs come from `torch.testing.make_tensor` as in torch (uniform in [-9, 9] for floats).

from torch.testing import make_tensor

def _ref_rnn(m, inp, h=None, batch_first=False):
    "no_batch_dim_reference_rnn_gru: `m` on the input and h as a batch of one, squeezed back"
    bd = 0 if batch_first else 1
    out, hn = m(inp.unsqueeze(bd), None if h is None else h.unsqueeze(1))
    return out.squeeze(bd), hn.squeeze(1)

def _ref_lstm(m, inp, h=None, batch_first=False):
    "no_batch_dim_reference_lstm"
    bd = 0 if batch_first else 1
    out, (hn, cn) = m(inp.unsqueeze(bd), None if h is None else (h[0].unsqueeze(1), h[1].unsqueeze(1)))
    return out.squeeze(bd), (hn.squeeze(1), cn.squeeze(1))

def _ref_cell(m, inp, h):
    "no_batch_dim_reference_fn for RNNCell and GRUCell"
    return m(inp.unsqueeze(0), h.unsqueeze(0)).squeeze(0)

def _ref_lstmcell(m, inp, hc):
    "no_batch_dim_reference_lstmcell"
    h, c = m(inp.unsqueeze(0), (hc[0].unsqueeze(0), hc[1].unsqueeze(0)))
    return h.squeeze(0), c.squeeze(0)

def _module_inputs(kind, dtype=torch.float32, requires_grad=False):
    "The ModuleInfo samples of `kind` ('RNN', 'GRU', 'LSTM', 'RNNCell', 'GRUCell', 'LSTMCell'): (args, kwargs, forward args, reference)"
    mk = partial(make_tensor, device='cpu', dtype=dtype, requires_grad=requires_grad)
    res = []
    if kind in ('RNNCell', 'GRUCell'):
        res += [((5, 10), {}, (mk(5), mk(10)), _ref_cell), ((5, 10), dict(bias=True), (mk(5), mk(10)), _ref_cell)]
        if kind == 'RNNCell': res.append(((5, 10), dict(bias=True, nonlinearity='relu'), (mk(5), mk(10)), _ref_cell))
    elif kind == 'LSTMCell':
        res += [((5, 10), {}, (mk(5), (mk(10), mk(10))), _ref_lstmcell), ((5, 10), dict(bias=True), (mk(5), (mk(10), mk(10))), _ref_lstmcell)]
    elif kind in ('RNN', 'GRU'):
        nls = ('relu', 'tanh') if kind == 'RNN' else (None,)
        for nl, b, bf, bidir in itertools.product(nls, (False, True), (False, True), (False, True)):
            kw = dict(num_layers=2, batch_first=bf, bias=b, bidirectional=bidir) | ({} if nl is None else dict(nonlinearity=nl))
            ref = partial(_ref_rnn, batch_first=bf)
            res.append(((), dict(input_size=2, hidden_size=2, **kw), (mk((3, 2)),), ref))
            res.append(((), dict(input_size=2, hidden_size=3, **kw), (mk((3, 2)), mk((4 if bidir else 2, 3))), ref))
    else:  # LSTM
        for b, bf, bidir, P_ in itertools.product((False, True), (False, True), (False, True), (0, 2)):
            kw = dict(input_size=2, hidden_size=3, num_layers=2, proj_size=P_, batch_first=bf, bias=b, bidirectional=bidir)
            ref, D = partial(_ref_lstm, batch_first=bf), 4 if bidir else 2
            res.append(((), kw, (mk((2, 2)),), ref))
            res.append(((), kw, (mk((3, 2)), (mk((D, P_ or 3)), mk((D, 3)))), ref))
    return res

KINDS = ['RNN', 'GRU', 'LSTM', 'RNNCell', 'GRUCell', 'LSTMCell']

def _flat(o):
    "The tensors of a nested output, in order (torch's tree_flatten of an RNN output)"
    return [o] if isinstance(o, torch.Tensor) else [t for v in o for t in _flat(v)]

@impls()
@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('dtype', [torch.float32, torch.float64])
@pytest.mark.parametrize('training', [True, False])
def test_module_forward(ns, kind, dtype, training):
    # test_modules.py::TestModule.test_forward: output equals the no-batch-dim reference; .float()/.double() keep params in dtype
    for args, kwargs, fargs, ref in _module_inputs(kind, dtype):
        m = getattr(ns, kind)(*args, **kwargs).to(dtype).train(training)
        out = m(*fargs)
        assert_equal(out, ref(m, *fargs), atol=1e-5 if dtype == torch.float32 else 1e-7, rtol=1.3e-6 if dtype == torch.float32 else 1e-7,  # torch's assertEqual defaults
                     what=f"{kind}{args}{kwargs}")
        (m.float() if dtype == torch.float32 else m.double())(*fargs)
        assert all(p.dtype == dtype and p.device.type == 'cpu' for p in m.parameters()), [(n, p.dtype) for n, p in m.named_parameters()]

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_factory_kwargs(ns, kind):
    # test_modules.py::TestModule.test_factory_kwargs: device= and dtype= reach every parameter
    for args, kwargs, _, _ in _module_inputs(kind):
        m = getattr(ns, kind)(*args, **kwargs, device='cpu', dtype=torch.float64)
        assert all(p.dtype == torch.float64 and p.device.type == 'cpu' for p in m.parameters()), [(n, p.dtype) for n, p in m.named_parameters()]

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_repr(ns, kind):
    # test_modules.py::TestModule.test_repr: repr and str do not raise
    for args, kwargs, _, _ in _module_inputs(kind):
        m = getattr(ns, kind)(*args, **kwargs)
        assert repr(m) and str(m)

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_pickle(ns, kind):
    # test_modules.py::TestModule.test_pickle: a saved and loaded module gives the same output
    for args, kwargs, fargs, _ in _module_inputs(kind):
        m = getattr(ns, kind)(*args, **kwargs)
        out = m(*fargs)
        buf = io.BytesIO()
        torch.save(m, buf)
        buf.seek(0)
        assert_equal(torch.load(buf, weights_only=False)(*fargs), out)

def _noncontig(o):
    "test_non_contiguous_tensors' _make_non_contiguous: the same values, through a stride-2 view"
    if isinstance(o, (tuple, list)): return type(o)(_noncontig(v) for v in o)
    if o is None or o.dim() == 0: return o
    out = torch.repeat_interleave(o, 2, dim=-1)[..., ::2].detach()
    out.requires_grad = o.requires_grad
    return out

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_non_contiguous_tensors(ns, kind):
    # test_modules.py::TestModule.test_non_contiguous_tensors (float32, training): same outputs and gradients for non-contiguous inputs
    for args, kwargs, fargs, _ in _module_inputs(kind, requires_grad=True):
        m = getattr(ns, kind)(*args, **kwargs).train()
        def run(inputs, gouts):
            for t in _flat(inputs): t.grad = None
            m.zero_grad()
            out = m(*inputs)
            for o, g in zip(_flat(out), _flat(gouts)): o.backward(g, retain_graph=True)
            return out, [t.grad for t in _flat(inputs)], [p.grad.clone() for p in m.parameters()]
        ref_out = m(*fargs)
        gout = tuple(torch.randn_like(o) for o in _flat(ref_out))
        out0, gin0, gp0 = run(fargs, gout)
        for inputs, g in itertools.product([fargs, _noncontig(fargs)], [gout, _noncontig(gout)]):
            out, gin, gp = run(inputs, g)
            assert_equal(out, out0, what='output')
            assert_equal(gin, gin0, atol=1e-4, what='input grads')   # torch's atol=1e-4, rtol=0
            assert_equal(gp, gp0, atol=1e-5, rtol=1.3e-6, what='param grads')

def _gradients_helper(m, fargs, check, partials=True):
    "test_modules.py's _test_gradients_helper: `check` on the total derivative (inputs and all parameters), then (`partials`) one parameter at a time"
    params = tuple(m.parameters())
    n_in = len(_flat(fargs))
    def rebuild(flat):
        it = iter(flat[:n_in])
        def fill(o): return next(it) if isinstance(o, torch.Tensor) else type(o)(fill(v) for v in o)
        return fill(fargs)
    def fn(*flat): return tuple(_flat(m(*rebuild(flat))))
    assert check(fn, (*_flat(fargs), *params))
    if not partials: return
    for p in params: p.requires_grad = False
    for p in params:
        p.requires_grad = True
        assert check(fn, (*_flat(fargs), *params))
        p.requires_grad = False
    for p in params: p.requires_grad = True

# Time budget (the file must stay under ~30 s CPU at one thread): torch's test_grad/test_gradgrad run the slow (full Jacobian)
# check on every sample, then once per parameter: minutes of CPU here. We keep every sample for gradcheck and an eighth of them
# for gradgradcheck, in gradcheck's fast mode (a random projection of the Jacobian, which fails where the slow mode fails,
# with high probability), and the one-parameter-at-a-time checks of test_grad on the last (most featureful) sample only
# (test_gradgrad: every eighth sample and the last, total derivative only). The slow mode
# runs in test_LSTM_grad_and_gradgrad / test_GRU_grad_and_gradgrad above.
_fast_gradcheck, _fast_gradgradcheck = partial(gradcheck, fast_mode=True), partial(gradgradcheck, fast_mode=True)

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_grad(ns, kind):
    # test_modules.py::TestModule.test_grad (float64, training; train and eval do the same without dropout)
    samples = _module_inputs(kind, torch.float64, requires_grad=True)
    for i, (args, kwargs, fargs, _) in enumerate(samples):
        _gradients_helper(getattr(ns, kind)(*args, **kwargs).double().train(), fargs, _fast_gradcheck, partials=i == len(samples) - 1)

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_gradgrad(ns, kind):
    # test_modules.py::TestModule.test_gradgrad (float64, training), total derivative only, on every eighth sample and the last
    samples = _module_inputs(kind, torch.float64, requires_grad=True)
    for i, (args, kwargs, fargs, _) in enumerate(samples):
        if i % 8 == 0 or i == len(samples) - 1:
            _gradients_helper(getattr(ns, kind)(*args, **kwargs).double().train(), fargs, _fast_gradgradcheck, partials=False)

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_memory_format(ns, kind):
    # test_modules.py::TestModule.test_memory_format for inputs of 1 to 3 dims (contiguous formats only): outputs and the
    # gradients w.r.t. inputs and parameters are contiguous, and equal across (preserve, contiguous) module formats
    for args, kwargs, fargs, _ in _module_inputs(kind, requires_grad=True):
        m = getattr(ns, kind)(*args, **kwargs).train()
        def run():
            out = _flat(m(*fargs))
            gin = torch.autograd.grad(out, [*_flat(fargs), *m.parameters()], [g.clone() for g in gouts])
            return out, gin
        gouts = [torch.rand_like(o) for o in _flat(m(*fargs))]
        ref = run()
        for fmt in (torch.preserve_format, torch.contiguous_format):
            m.to(memory_format=fmt)
            out, gin = run()
            assert_equal(out, ref[0]); assert_equal(gin, ref[1])
            bad = [i for i, t in enumerate(out + list(gin)) if not t.is_contiguous()]
            assert not bad, f"not contiguous: {[(i, tuple((out + list(gin))[i].shape), (out + list(gin))[i].stride()) for i in bad]}"

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_if_train_and_eval_modes_differ(ns, kind):
    # test_modules.py::TestModule.test_if_train_and_eval_modes_differ: a module without `training` either runs, or fails on
    # 'training' only if its ModuleInfo says train and eval differ (True for RNN, GRU, LSTM; False for the cells)
    differ = kind in ('RNN', 'GRU', 'LSTM')
    for args, kwargs, fargs, _ in _module_inputs(kind):
        m = getattr(ns, kind)(*args, **kwargs).train()
        del m.training
        try: m(*fargs)
        except AttributeError as e:
            if "'training'" not in str(e): raise
            assert differ, f"{kind} reads `training` in forward but its ModuleInfo says train and eval do not differ"

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_device_ctx_init(ns, kind):
    # test_modules.py::TestModule.test_device_ctx_init: built under torch.device('meta'), the parameters are meta tensors
    # with the metadata (shape, dtype, strides, requires_grad) of the CPU ones
    for args, kwargs, _, _ in _module_inputs(kind):
        m_cpu = getattr(ns, kind)(*args, **kwargs)
        with torch.device('meta'): m = getattr(ns, kind)(*args, **kwargs)
        for (n, pm), pc in zip(m.named_parameters(), m_cpu.parameters()):
            assert pm.is_meta, n
            assert (pm.shape, pm.dtype, pm.stride(), pm.requires_grad) == (pc.shape, pc.dtype, pc.stride(), pc.requires_grad), (n, pm, pc)

# test_modules.py::TestModule.test_errors over module_error_inputs_torch_nn_RNN_GRU (RNN, GRU, LSTM), _RNN_GRU_Cell, _LSTMCell
_CTOR, _FWD = 'construction', 'forward'
def _error_inputs(kind):
    "(when, constructor args, kwargs, forward args, error class, torch's regex) of the ModuleInfo error inputs of `kind`"
    mk = partial(make_tensor, device='cpu', dtype=torch.float32)
    if kind in ('RNN', 'GRU', 'LSTM'):
        return [(_CTOR, (10, 0, 1), {}, None, ValueError, "hidden_size must be greater than zero"),
                (_CTOR, (10, 10, 0), {}, None, ValueError, "num_layers must be greater than zero"),
                (_FWD, (3, 5), dict(dtype=torch.float32), (make_tensor((2, 4, 3), device='cpu', dtype=torch.float64),), ValueError,
                 r"RNN input dtype .* does not match weight dtype .* Convert input: input\.to\(.*\), or convert model: model\.to\(.*\)"),
                *[(_CTOR, (3, 5), {k: v}, None, TypeError, f"{k} should be of type bool, got: {type(v).__name__}")
                  for k in ('bias', 'batch_first') for v in (0, 1, str(k == 'bias'))],
                (_CTOR, (3.0, 5), {}, None, TypeError, "input_size should be of type int, got: float"),
                (_CTOR, ("10", 5), {}, None, TypeError, "input_size should be of type int, got: str"),
                (_CTOR, (0, 5), {}, None, ValueError, "input_size must be greater than zero"),
                (_CTOR, (-1, 5), {}, None, ValueError, "input_size must be greater than zero"),
                (_CTOR, (3, 5.0), {}, None, TypeError, "hidden_size should be of type int, got: float")]
    hx = (lambda *s: (mk(s), mk(s))) if kind == 'LSTMCell' else (lambda *s: mk(s))
    res = [(_FWD, (10, 20), {}, (mk((3, 11)), hx(3, 20)), RuntimeError, "input has inconsistent input_size: got 11 expected 10"),
           (_FWD, (10, 20), {}, (mk((3, 10)), hx(3, 21)), RuntimeError, "hidden0 has inconsistent hidden_size: got 21, expected 20"),
           (_FWD, (10, 20), {}, (mk((3, 10)), hx(5, 20)), RuntimeError, "Input batch size 3 doesn't match hidden0 batch size 5"),
           (_FWD, (10, 20), {}, (mk((3, 10)), hx(3, 1, 1, 20)), ValueError,
            r"Expected hx\[0\] to be 1D or 2D, got 4D instead" if kind == 'LSTMCell' else "Expected hidden to be 1D or 2D, got 4D instead")]
    if kind != 'LSTMCell':  # the third positional argument is `bias` (truthy strings), as torch's inputs pass it
        res += [(_FWD, (10, 20, nl), {}, (mk((3, 10)), mk((3, 21))), RuntimeError, "hidden0 has inconsistent hidden_size: got 21, expected 20")
                for nl in ('relu', 'tanh')]
    return res

@impls()
@pytest.mark.parametrize('kind', KINDS)
def test_module_errors(ns, kind):
    # test_modules.py::TestModule.test_errors: the class torch raises (and, for torch, its message)
    for when, args, kwargs, fargs, exc, pattern in _error_inputs(kind):
        if when == _CTOR: raises_like_torch(ns, exc, pattern, lambda: getattr(ns, kind)(*args, **kwargs))
        else:
            m = getattr(ns, kind)(*args, **kwargs)
            raises_like_torch(ns, exc, pattern, lambda: m(*fargs))

@pytest.mark.skip(reason="needs CUDA: test_modules.py::TestModule.test_cpu_gpu_parity and test_multiple_device_transfer compare or move modules between CPU and GPU")
def test_module_cpu_gpu_parity(): pass
