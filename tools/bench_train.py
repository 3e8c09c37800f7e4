"""Benchmark the main job as a user runs it: `rnnbook train` (default: 60 s on the bundled plays) in fresh processes,
its held-out loss beside the count models of chapter 08a on the same text.

    python tools/bench_train.py                         # the default run, 3 times
    python tools/bench_train.py --repeat 1 -- --lr 8e-3 --bs 64   # flags after -- go to `rnnbook train`

Run it alone on the machine: a time budget measures the machine as much as the model. Each run is a new process
with torch's default threads, as the README's command runs. Prints every run's val_loss and steps, then the median.
Nothing is asserted: this is a measurement (the README quotes it)."""
import argparse, re, statistics, subprocess, sys, tempfile
from pathlib import Path

LINE = re.compile(r'val_loss ([\d.]+) nats/char .* after ([\d,]+) steps')

def run_once(extra, out):
    "val_loss and steps of one `rnnbook train` in a new process"
    p = subprocess.run([sys.executable, '-m', 'rnnbook.cli', 'train', '--quiet', '--out', str(out), *extra], capture_output=True, text=True)
    m = LINE.search(p.stdout)
    if p.returncode or not m: sys.exit(f"rnnbook train failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return float(m[1]), int(m[2].replace(',', ''))

def count_models():
    "Nats/char of chapter 08a's interpolated Kneser-Ney 5-gram and tuned 7-gram on the held-out plays"
    from rnnbook.lm import lm_data
    from rnnbook.ngram import NGramLM
    vocab, tr = lm_data('train'); va = lm_data('valid')[1]
    V = len(vocab)
    return {'5-gram': NGramLM(5, vocab_size=V).fit(tr).nll(va), 'tuned 7-gram': NGramLM(7, vocab_size=V, discount=0.9).fit(tr).nll(va)}

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--repeat', type=lambda v: max(1, int(v)), default=3, help='runs, at least 1 (default 3)')
    p.add_argument('--no-counts', action='store_true', help='skip the count models')
    p.add_argument('extra', nargs='*', help='flags for `rnnbook train`, after --')
    a = p.parse_args()
    res = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.repeat):
            res.append(run_once(a.extra, Path(tmp)/f'run{k}'))
            print(f"run {k + 1}: val_loss {res[-1][0]:.4f} nats/char after {res[-1][1]:,} steps {' '.join(a.extra)}", flush=True)
    losses = [r[0] for r in res]
    print(f"median {statistics.median(losses):.4f} nats/char (min {min(losses):.4f}, max {max(losses):.4f}) over {len(res)} runs")
    if not a.no_counts:
        for k, v in count_models().items(): print(f"{k}: {v:.4f} nats/char on the same held-out text, no training")
