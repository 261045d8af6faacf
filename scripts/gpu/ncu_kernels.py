"""Kernels of an Nsight Compute CSV (--metrics gpu__time_duration.sum,launch__grid_size,launch__block_size --csv).

Used by profile-step.sh and profile-inference.sh:
  read(path)                   -> kernels in launch order, dicts with 'name', 'us', 'grid', 'block'
  write_sequence(kernels, path)   one line per kernel: index, time, grid and block sizes, name
  print_summary(kernels, title)   the title, then the kernels summed by name, largest first
"""
import collections
import csv

_SCALE = {'ns': 1e-3, 'nsecond': 1e-3, 'us': 1.0, 'usecond': 1.0, 'ms': 1e3, 'msecond': 1e3}


def read(path):
    rows = [r for r in csv.reader(open(path)) if len(r) > 10]
    head = rows[0]
    ident, name, metric = head.index('ID'), head.index('Kernel Name'), head.index('Metric Name')
    value, unit = head.index('Metric Value'), head.index('Metric Unit')
    kernels = collections.OrderedDict()
    for r in rows[1:]:
        k = kernels.setdefault(r[ident], {'name': r[name], 'us': 0.0, 'grid': 0, 'block': 0})
        v = float(r[value].replace(',', ''))
        if r[metric] == 'gpu__time_duration.sum':
            k['us'] = v * _SCALE.get(r[unit], 1e-3)
        elif r[metric] == 'launch__grid_size':
            k['grid'] = int(v)
        elif r[metric] == 'launch__block_size':
            k['block'] = int(v)
    return list(kernels.values())


def write_sequence(kernels, path):
    with open(path, 'w') as seq:
        for i, k in enumerate(kernels):
            seq.write(f"{i:5d} {k['us']:8.1f} us grid={k['grid']:7d} block={k['block']:4d}  {k['name'][:160]}\n")


def print_summary(kernels, title, rows=45):
    per = collections.defaultdict(list)
    for k in kernels:
        per[k['name'][:70]].append(k['us'])
    total = sum(k['us'] for k in kernels)
    print(f"# {title}: {total / 1000:.2f} ms over {len(kernels)} kernels")
    for name, times in sorted(per.items(), key=lambda kv: -sum(kv[1]))[:rows]:
        print(f"{sum(times) / 1000:7.2f} ms  n={len(times):4d}  mean={sum(times) / len(times):7.1f} us  {name}")
