# Writes test/golden/linalg.json: PyTorch (float64) SVD, solve and inverse of fixed matrices, which
# test/src/linalg.test.ts reproduces with gradlab's linalg. Inputs are formulas, never torch's RNG.
#   /usr/bin/python3 test/golden/make_linalg_golden.py            compare with the committed JSON
#   /usr/bin/python3 test/golden/make_linalg_golden.py --update   rewrite the JSON
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linalg.json")


def mat(rows, cols, seed):
    return [[math.sin(seed * 12.9898 + (i * cols + j) * 78.233 + 0.1 * (i * cols + j) ** 2) for j in range(cols)] for i in range(rows)]


def build():
    svd_cases = {
        "tall_6x3": mat(6, 3, 1),
        "wide_3x5": mat(3, 5, 2),
        "square_4x4": mat(4, 4, 3),
        "rank_one_4x3": [[a * b for b in (1.0, -2.0, 0.5)] for a in (1.0, 2.0, -1.0, 3.0)],
        "network_map_30x8": (torch.tensor(mat(30, 12, 4)) @ torch.tensor(mat(12, 8, 5))).tolist(),
    }
    out = {"svd": {}, "solve": {}, "inv": {}}
    for name, a in svd_cases.items():
        u, s, v = torch.svd(torch.tensor(a))
        out["svd"][name] = {"a": a, "S": s.tolist(), "U": u.tolist(), "V": v.tolist()}
    for name, (a, b) in {"vector_3": (mat(3, 3, 6), [1.0, -2.0, 0.5]), "matrix_4x2": (mat(4, 4, 7), mat(4, 2, 8))}.items():
        out["solve"][name] = {"a": a, "b": b, "x": torch.linalg.solve(torch.tensor(a), torch.tensor(b)).tolist()}
    for name, a in {"square_5": mat(5, 5, 9), "needs_pivot": [[0.0, 1.0, 2.0], [1.0, 0.0, 3.0], [4.0, -3.0, 8.0]]}.items():
        out["inv"][name] = {"a": a, "inv": torch.linalg.inv(torch.tensor(a)).tolist()}
    return out


if __name__ == "__main__":
    new = build()
    if "--update" in sys.argv:
        with open(OUT, "w") as f:
            json.dump(new, f, indent=1)
            f.write("\n")
        print(f"wrote {OUT}")
    else:
        old = json.load(open(OUT))
        print("unchanged" if old == new else "DIFFERENT: run with --update to rewrite")
