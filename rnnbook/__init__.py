__version__ = "0.0.1"

import os as _os
if _os.environ.get('IN_TEST') and 'OMP_NUM_THREADS' not in _os.environ:
    # `nbdev_test` (which sets IN_TEST) runs one notebook per core side by side; torch's default of one thread
    # per core in each of them oversubscribes the machine (10-100x slower on 2 cores). One thread each instead.
    import torch as _torch
    _torch.set_num_threads(1)
