# PyTorch's side of the benchmark, the same workloads as bench/library.mjs on the same data:
# `python3 bench/torch_workloads.py w1|w2|w3|w4|w5|blas [--f64]` prints one JSON line per case.
# float32 as the notes' torch figures (--f64: float64); run with OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1
# (bench/run.mjs does). `blas` names the BLAS library torch's products run on, and its speed.
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload_data as wd  # noqa: E402

import torch  # noqa: E402

torch.set_num_threads(1)
DT = torch.float64 if "--f64" in sys.argv[2:] else torch.float32


def emit(rec):
    print(json.dumps(rec), flush=True)


def now():
    return time.perf_counter() * 1000


def blas():
    """The BLAS shared library loaded for torch.mm (and OpenBLAS's kernel), and a float32 n=512 rate."""
    a = torch.rand(512, 512)
    torch.mm(a, a)
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f if any(k in line.rsplit("/", 1)[-1].lower() for k in ("blas", "mkl", "blis"))})
    name = ", ".join(os.path.basename(p) for p in libs) or "none found"
    kind = "openblas" if any("openblas" in p for p in libs) else "mkl" if any("mkl" in p for p in libs) else "reference" if libs else "unknown"
    detail = None
    if kind == "openblas":
        import ctypes
        lib = ctypes.CDLL(next(p for p in libs if "openblas" in p))
        lib.openblas_get_corename.restype = lib.openblas_get_config.restype = ctypes.c_char_p
        detail = f"{lib.openblas_get_config().decode().strip()}; core {lib.openblas_get_corename().decode()}"
    t0 = now()
    reps = 0
    while now() - t0 < 300:
        torch.mm(a, a)
        reps += 1
    rate = 2 * 512 ** 3 * reps / ((now() - t0) / 1000) / 1e9
    emit(dict(blas=kind, libraries=name, detail=detail, sgemm512=rate))


def w1_run(x, y, steps, loss_at=None):
    ws = [torch.nn.Parameter(torch.full((1,), wd.W1["W0"], dtype=DT)) for _ in range(wd.W1["D"])]
    opt = torch.optim.SGD(ws, lr=wd.W1["LR"])
    checked = None
    for s in range(1, steps + 1):
        opt.zero_grad()
        h = x
        for w in ws:
            h = w * h
        loss = ((h - y) ** 2).mean()
        loss.backward()
        opt.step()
        if s == loss_at:
            checked = loss.item()
    return checked


def w1():
    xs, ys = wd.w1_data()
    x, y = torch.tensor(xs, dtype=DT), torch.tensor(ys, dtype=DT)
    check = w1_run(x, y, 10, 10)
    w1_run(x, y, wd.W1["STEPS"])
    ms = []
    for _ in range(5):
        t0 = now()
        w1_run(x, y, wd.W1["STEPS"])
        ms.append((now() - t0) / wd.W1["STEPS"])
    emit(dict(workload="w1", case="D50_P100", unit="ms/step", **wd.stats(ms), check=dict(lossAfter10=check)))


def linear_from(init):
    layer = torch.nn.Linear(init["nin"], init["nout"]).to(DT)
    with torch.no_grad():
        k = torch.tensor(init["kernel"], dtype=DT).reshape(init["nin"], init["nout"])
        layer.weight.copy_(k.t())
        layer.bias.copy_(torch.tensor(init["bias"], dtype=DT))
    return layer


def w2():
    xs, labels, inits = wd.w2_data()
    x = torch.tensor(xs, dtype=DT).reshape(wd.W2["B"], wd.W2["IN"])
    t = torch.tensor(labels)
    l1, l2, l3 = [linear_from(i) for i in inits]
    model = torch.nn.Sequential(l1, torch.nn.ReLU(), l2, torch.nn.ReLU(), l3)
    opt = torch.optim.SGD(model.parameters(), lr=wd.W2["LR"], momentum=wd.W2["MOM"])
    ce = torch.nn.CrossEntropyLoss()
    losses = []

    def step():
        opt.zero_grad()
        loss = ce(model(x), t)
        loss.backward()
        opt.step()
        losses.append(loss.item())

    for _ in range(10):
        step()
    ms = []
    for _ in range(7):
        t0 = now()
        for _ in range(50):
            step()
        ms.append((now() - t0) / 50)
    s = wd.stats(ms)
    emit(dict(workload="w2", case=f"784-128-128-10 b128 {'f64' if DT == torch.float64 else 'f32'}", unit="ms/step", **s, gflops=wd.w2_flops() / s["median"] / 1e6,
              check=dict(loss1=losses[0], loss10=losses[9])))


def w3():
    for dtype, label in ((torch.float32, "f32"), (torch.float64, "f64")):
        for n in (64, 256, 512, 1024):
            a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
            out = torch.empty(n, n, dtype=dtype)
            t0 = now()
            torch.mm(a, b, out=out)
            reps = max(1, int(50 / max(now() - t0, 1e-3)))
            gf = []
            for _ in range(1 + 7):
                t0 = now()
                for _ in range(reps):
                    torch.mm(a, b, out=out)
                gf.append(2 * n ** 3 * reps / ((now() - t0) / 1000) / 1e9)
            emit(dict(workload="w3", case=f"{label} n={n}", unit="GFLOP/s", **wd.stats(gf[1:])))


def w4_sweep(x, t, finals=None):
    ce = torch.nn.CrossEntropyLoss()
    for st in wd.w4_settings():
        inits = wd.w4_layers(st["depth"], st["seed"])
        layers = []
        for l, init in enumerate(inits):
            layers.append(linear_from(init))
            if l + 1 < len(inits):
                layers.append(torch.nn.Tanh())
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.SGD(model.parameters(), lr=st["lr"])
        for _ in range(wd.W4["STEPS"]):
            opt.zero_grad()
            loss = ce(model(x), t)
            loss.backward()
            opt.step()
        if finals is not None:
            finals.append(dict(depth=st["depth"], lr=st["lr"], loss=loss.item()))


def w4():
    xs, labels = wd.spiral()
    x = torch.tensor(xs, dtype=DT).reshape(wd.W4["N"], 2)
    t = torch.tensor(labels)
    finals = []
    w4_sweep(x, t, finals)
    s = []
    for _ in range(3):
        t0 = now()
        w4_sweep(x, t)
        s.append((now() - t0) / 1000)
    check = next(f["loss"] for f in finals if f["depth"] == 2 and f["lr"] == 0.3)
    emit(dict(workload="w4", case="20 settings × 500 steps", unit="s/sweep", **wd.stats(s), check=dict(depth2lr03=check)))


def w5():
    code = ("import torch; w = torch.tensor([1., 2., 3.], requires_grad=True); (w * w).sum().backward(); "
            "assert w.grad.tolist() == [2., 4., 6.]")
    ms = []
    for i in range(1 + 5):
        t0 = now()
        subprocess.run([sys.executable, "-c", code], check=True)
        if i > 0:
            ms.append(now() - t0)
    emit(dict(workload="w5", case="import + tiny backward", unit="ms", **wd.stats(ms)))


if __name__ == "__main__":
    dict(w1=w1, w2=w2, w3=w3, w4=w4, w5=w5, blas=blas)[sys.argv[1]]()
