# Writes test/golden/golden.json: PyTorch (float64) values that test/src/golden.test.ts reproduces
# in gradlab to 1e-9, and test/golden/golden32.json: the same MLP and optimizer runs and a table of
# every op in float32 (PyTorch's CPU kernels, 1 thread), which test/src/golden32.test.ts reproduces.
# Inputs are fixed formulas written into the JSON, never torch's RNG.
#   /usr/bin/python3 test/golden/make_golden.py            compare with the committed JSON, report
#   /usr/bin/python3 test/golden/make_golden.py --update   rewrite the JSON
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "golden.json")
OUT32 = os.path.join(HERE, "golden32.json")


def vals(n, seed, lo=-1.0, hi=1.0):
    """n deterministic values in (lo, hi), distinct enough that max/relu/abs have no ties or kinks."""
    return [lo + (hi - lo) * (0.5 + 0.5 * math.sin(seed * 12.9898 + i * 78.233 + 0.1 * i * i)) for i in range(n)]


def leaf(shape, seed, lo=-1.0, hi=1.0):
    n = math.prod(shape)
    return torch.tensor(vals(n, seed, lo, hi)).reshape(shape).requires_grad_()


def flat(t):
    return t.detach().reshape(-1).tolist()


# Each expression maps inputs to a scalar; the same bodies are written in gradlab in the test.
EXPRESSIONS = {
    "lecture": ([[], [], []], lambda x, y, z: torch.tanh(torch.log(1 + z * 2 * x / torch.sin(y)))),
    "shared_broadcast": ([[3, 1], [1, 4]], lambda x, y: (lambda a: ((a + a * x) * a).sum() + torch.exp(a).mean())(x * y)),
    "reuse_chain": ([[4]], lambda x: (lambda u: (lambda w: w.sum() + (w * u).mean())((u * u + torch.cos(u) * x) / (1 + u.abs())))(torch.sin(x))),
    "matmul_bias_tanh": ([[3, 2], [2, 4], [4]], lambda x, w, b: (lambda h: (h * h * h).sum() + h.max(dim=1).values.sum())(torch.tanh(x @ w + b))),
    "softmax_mix": ([[2, 5]], lambda x: (torch.softmax(x, 1) * torch.log_softmax(x, 1)).sum() + torch.softmax(x, 0).pow(3).sum()),
    "pow_tensor": ([[3], [3]], lambda a, b: (a ** b).sum() + (b ** 2 / a).mean()),
    "movement": ([[2, 3, 4]], lambda x: (lambda y: ((y.T @ y) * (y.T @ y)).mean() + x.transpose(0, 2).unsqueeze(1).squeeze().sum(0).pow(2).sum() + x.min(dim=2).values.sum())(x.permute(2, 0, 1).reshape(4, 6))),
    "index_slice": ([[5, 3]], lambda x: (lambda t: (x[1] * x[3]).sum() + (torch.sigmoid(x[1:4]) * t[:3]).sum() + t.relu().mean() + x[0:5:2].sum())(x[[0, 2, 2, 4]])),
    "sqrt_div_neg": ([[2, 3], [3]], lambda x, y: (torch.sqrt(x) / (y * y + 1) - torch.exp(-x)).sum()),
    "reductions": ([[2, 3, 4]], lambda x: x.mean(dim=(0, 2)).pow(2).sum() + torch.tanh(x.sum(dim=-1, keepdim=True)).mean() + x.max() + x.min() + x.mean(1).max(dim=0, keepdim=True).values.sum()),
    "matvec_1d": ([[3, 4], [4], [3]], lambda m, v, u: (u @ m @ v) * (m @ v).sum() + (u @ m).abs().sum() + (u @ u)),
    "expand_sub": ([[3], [2, 3]], lambda a, b: (a.expand(2, 3) - b).pow(2).sum() + (b - 2.5).mul(a).div(b + 3).sum()),
}
POSITIVE = {"pow_tensor": [0, None], "sqrt_div_neg": [0, None], "lecture": [None, None, None]}
LECTURE_AT = [0.5, 1.0, 2.0]  # x, y, z


def expressions():
    out = []
    for k, (name, (shapes, fn)) in enumerate(EXPRESSIONS.items()):
        if name == "lecture":
            inputs = [torch.tensor(v, requires_grad=True) for v in LECTURE_AT]
        else:
            pos = POSITIVE.get(name, [None] * len(shapes))
            inputs = [leaf(s, 10 * k + i, *((0.5, 2.0) if pos[i] == 0 else (-1.0, 1.0))) for i, s in enumerate(shapes)]
        f = fn(*inputs)
        f.backward()
        out.append(dict(name=name, inputs=[dict(shape=list(t.shape), data=flat(t)) for t in inputs],
                        value=f.item(), grads=[flat(t.grad) for t in inputs]))
    return out


def linear_from(spec):
    layer = torch.nn.Linear(spec["in"], spec["out"])
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(spec["weight"]).reshape(spec["out"], spec["in"]))
        layer.bias.copy_(torch.tensor(spec["bias"]))
    return layer


def layer_spec(nin, nout, seed):
    k = 1 / math.sqrt(nin)
    return {"in": nin, "out": nout, "weight": vals(nin * nout, seed, -k, k), "bias": vals(nout, seed + 1, -k, k)}


def mlp():
    layers = [layer_spec(3, 5, 101), layer_spec(5, 4, 102), layer_spec(4, 3, 103)]
    x = vals(6 * 3, 104, -2, 2)
    targets = [0, 2, 1, 1, 0, 2]
    l1, l2, l3 = [linear_from(s) for s in layers]
    model = torch.nn.Sequential(l1, torch.nn.Tanh(), l2, torch.nn.Sigmoid(), l3)
    logits = model(torch.tensor(x).reshape(6, 3))
    loss = torch.nn.CrossEntropyLoss()(logits, torch.tensor(targets))
    loss.backward()
    grads = {n: flat(p.grad) for n, p in model.named_parameters()}
    return dict(layers=layers, activations=["tanh", "sigmoid"], x=x, xShape=[6, 3], targets=targets,
                logits=flat(logits), loss=loss.item(), grads=grads)


OPTIMIZERS = [
    ("sgd_plain", "SGD", dict(lr=0.1)),
    ("sgd_momentum", "SGD", dict(lr=0.05, momentum=0.9)),
    ("sgd_momentum_dampening", "SGD", dict(lr=0.05, momentum=0.9, dampening=0.3)),
    ("sgd_nesterov_weight_decay", "SGD", dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)),
    ("sgd_weight_decay_dampening", "SGD", dict(lr=0.1, momentum=0.5, dampening=0.5, weight_decay=0.1)),
    ("adam_default", "Adam", dict()),
    ("adam_lr", "Adam", dict(lr=0.05)),
    ("adam_custom", "Adam", dict(lr=0.05, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.1)),
]


def optimizers():
    spec = layer_spec(3, 2, 201)
    x, y = vals(4 * 3, 202, -2, 2), vals(4 * 2, 203, -1, 1)
    runs = []
    for name, kind, opts in OPTIMIZERS:
        model = linear_from(spec)
        opt = getattr(torch.optim, kind)(model.parameters(), **opts)
        losses, params = [], []
        for _ in range(6):
            opt.zero_grad()
            loss = torch.nn.MSELoss()(model(torch.tensor(x).reshape(4, 3)), torch.tensor(y).reshape(4, 2))
            loss.backward()
            opt.step()
            losses.append(loss.item())
            params.append(dict(weight=flat(model.weight), bias=flat(model.bias)))
        runs.append(dict(name=name, optimizer=kind, options={k: list(v) if isinstance(v, tuple) else v for k, v in opts.items()},
                         losses=losses, params=params))
    return dict(model=spec, x=x, xShape=[4, 3], y=y, yShape=[4, 2], runs=runs)


def losses():
    out = []
    for reduction in ("mean", "sum", "none"):
        a, b = leaf([3, 4], 301), torch.tensor(vals(12, 302)).reshape(3, 4)
        v = torch.nn.MSELoss(reduction=reduction)(a, b)
        v.sum().backward()
        out.append(dict(loss="MSELoss", reduction=reduction, input=dict(shape=[3, 4], data=flat(a)), target=flat(b),
                        targetShape=[3, 4], value=flat(v), grad=flat(a.grad)))
        logits, t = leaf([4, 3], 303, -3, 3), [2, 0, 1, 2]
        v = torch.nn.CrossEntropyLoss(reduction=reduction)(logits, torch.tensor(t))
        v.sum().backward()
        out.append(dict(loss="CrossEntropyLoss", reduction=reduction, input=dict(shape=[4, 3], data=flat(logits)), target=t,
                        targetShape=[4], value=flat(v), grad=flat(logits.grad)))
    return out


def init():
    fans = []
    for shape in ([4, 3], [5, 3, 2, 2], [2, 7, 3], [1, 1]):
        fi, fo = torch.nn.init._calculate_fan_in_and_fan_out(torch.empty(shape))
        fans.append(dict(shape=shape, fanIn=fi, fanOut=fo))
    gains = [dict(nonlinearity=n, param=p, gain=torch.nn.init.calculate_gain(n, p))
             for n, p in (("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)))]
    # nn.Linear's weight bound: kaiming_uniform_(a=√5) on fan_in, i.e. 1/√fan_in.
    linear_bounds = []
    for nin, nout in ((3, 2), (784, 128), (1, 512)):
        std = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5)) / math.sqrt(nin)
        linear_bounds.append(dict(inFeatures=nin, outFeatures=nout, weightBound=math.sqrt(3) * std, biasBound=1 / math.sqrt(nin)))
    return dict(fans=fans, gains=gains, linearBounds=linear_bounds)


def linspaces():
    cases = [(0, 1, 5), (-1, 1, 7), (0, 10, 11), (0.1, 0.7, 13), (-3.3, 2.2, 100), (2, -2, 9), (5, 5, 1), (0, 1, 0), (-math.pi, math.pi, 64)]
    return [dict(start=s, end=e, steps=n, values=torch.linspace(s, e, n).tolist()) for s, e, n in cases]


def build():
    return dict(torch=torch.__version__, dtype="float64", expressions=expressions(), mlp=mlp(), optimizers=optimizers(),
                losses=losses(), init=init(), linspace=linspaces())


# One row per op, as test/src/golden32.test.ts names them: input shapes, (lo, hi) of each input and
# the op. Each row records the inputs (float32 values), the op's output and the gradients of
# sum(w * out) with w = 1 + 0.37·i, all computed by PyTorch in float32.
ANY, POS, WIDE = (-2.0, 2.0), (0.3, 2.5), (-6.0, 6.0)
CE_TARGETS = [0, 3, 1, 2, 2, 0, 1, 3]
OPS32 = [
    ("add", [([2, 3], ANY), ([2, 3], ANY)], lambda a, b: a + b),
    ("add broadcast", [([2, 3], ANY), ([3], ANY)], lambda a, b: a + b),
    ("add number", [([2, 3], ANY)], lambda a: a + 1.5),
    ("sub", [([2, 3], ANY), ([2, 3], ANY)], lambda a, b: a - b),
    ("mul", [([2, 3], ANY), ([2, 3], ANY)], lambda a, b: a * b),
    ("mul number", [([2, 3], ANY)], lambda a: a * 0.1),
    ("div", [([2, 3], ANY), ([2, 3], POS)], lambda a, b: a / b),
    ("neg", [([2, 3], ANY)], lambda a: -a),
    ("pow 2", [([2, 3], ANY)], lambda a: a ** 2),
    ("pow 3", [([2, 3], ANY)], lambda a: a ** 3),
    ("pow -1.5", [([2, 3], POS)], lambda a: a ** -1.5),
    ("pow tensor", [([2, 3], POS), ([2, 3], ANY)], lambda a, b: a ** b),
    ("sqrt", [([2, 3], POS)], lambda a: torch.sqrt(a)),
    ("exp", [([2, 3], ANY)], lambda a: torch.exp(a)),
    ("log", [([2, 3], POS)], lambda a: torch.log(a)),
    ("sin", [([2, 3], ANY)], lambda a: torch.sin(a)),
    ("cos", [([2, 3], ANY)], lambda a: torch.cos(a)),
    ("tanh", [([2, 3], ANY)], lambda a: torch.tanh(a)),
    ("tanh 200x16 (WASM)", [([200, 16], WIDE)], lambda a: torch.tanh(a)),
    ("sigmoid", [([2, 3], WIDE)], lambda a: torch.sigmoid(a)),
    ("relu", [([3, 4], ANY)], lambda a: torch.relu(a)),
    ("abs", [([3, 4], ANY)], lambda a: torch.abs(a)),
    ("matmul 2x3 @ 3x4", [([2, 3], ANY), ([3, 4], ANY)], lambda a, b: a @ b),
    ("matmul 33x70 @ 70x45 (WASM)", [([33, 70], ANY), ([70, 45], ANY)], lambda a, b: a @ b),
    ("matmul 1-D", [([3], ANY), ([3, 4], ANY)], lambda a, b: a @ b),
    ("linear 4x3 W2x3 b2", [([4, 3], ANY), ([2, 3], ANY), ([2], ANY)], lambda x, w, b: torch.nn.functional.linear(x, w, b)),
    ("linear 128x100 W30x100 b30 (WASM)", [([128, 100], ANY), ([30, 100], ANY), ([30], ANY)], lambda x, w, b: torch.nn.functional.linear(x, w, b)),
    ("sum", [([2, 3, 4], ANY)], lambda a: a.sum()),
    ("sum dim 1", [([2, 3, 4], ANY)], lambda a: a.sum(1)),
    ("mean", [([2, 3, 4], ANY)], lambda a: a.mean()),
    ("mean dim -1 keepdim", [([2, 3, 4], ANY)], lambda a: a.mean(-1, keepdim=True)),
    ("max", [([3, 4], ANY)], lambda a: a.max()),
    ("max dim 1", [([3, 4], ANY)], lambda a: a.max(1).values),
    ("min dim 0", [([3, 4], ANY)], lambda a: a.min(0).values),
    ("reshape", [([2, 6], ANY)], lambda a: a.reshape(3, 4)),
    ("permute", [([2, 3, 4], ANY)], lambda a: a.permute(1, 2, 0)),
    ("T", [([3, 2], ANY)], lambda a: a.T),
    ("expand", [([3, 1], ANY)], lambda a: a.expand(2, 3, 4)),
    ("index list", [([4, 3], ANY)], lambda a: a[[3, 0, 3, 1]]),
    ("slice step", [([5, 2], ANY)], lambda a: a[0:5:2]),
    ("softmax", [([3, 4], ANY)], lambda a: torch.softmax(a, -1)),
    ("logSoftmax dim 0", [([3, 4], ANY)], lambda a: torch.log_softmax(a, 0)),
    ("MSELoss", [([4, 3], ANY), ([4, 3], ANY)], lambda a, b: torch.nn.MSELoss()(a, b)),
    ("CrossEntropyLoss", [([8, 4], WIDE)], lambda a: torch.nn.CrossEntropyLoss()(a, torch.tensor(CE_TARGETS))),
]


def ops32():
    rows = []
    for k, (name, specs, fn) in enumerate(OPS32):
        inputs = [leaf(shape, 500 + 7 * k + i, lo, hi) for i, (shape, (lo, hi)) in enumerate(specs)]
        out = fn(*inputs)
        w = torch.tensor([1 + 0.37 * i for i in range(out.numel())]).reshape(out.shape)
        (out * w).sum().backward()
        rows.append(dict(name=name, inputs=[dict(shape=list(t.shape), data=flat(t)) for t in inputs],
                         shape=list(out.shape), value=flat(out), grads=[flat(t.grad) for t in inputs]))
    return rows


def build32():
    torch.set_default_dtype(torch.float32)
    try:
        return dict(torch=torch.__version__, dtype="float32", ops=ops32(), mlp=mlp(), optimizers=optimizers())
    finally:
        torch.set_default_dtype(torch.float64)


def diff(a, b, path="$"):
    """Paths where two JSON values differ by more than 1e-12 (relative)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a)} vs {sorted(b)}"]
        return [d for k in a for d in diff(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} vs {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in diff(x, y, f"{path}[{i}]")]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return [] if abs(a - b) <= 1e-12 * max(1.0, abs(b)) else [f"{path}: {a} vs {b}"]
    return [] if a == b else [f"{path}: {a!r} vs {b!r}"]


if __name__ == "__main__":
    status = 0
    for out, data in ((OUT, build()), (OUT32, build32())):
        name = os.path.basename(out)
        if "--update" in sys.argv[1:]:
            with open(out, "w") as f:
                json.dump(data, f, indent=1)
                f.write("\n")
            print(f"wrote {out}")
            continue
        if not os.path.exists(out):
            print(f"{out} does not exist; run with --update to create it")
            status = 1
            continue
        with open(out) as f:
            old = json.load(f)
        d = diff(data, old)
        print(f"{name} is up to date" if not d else f"{name}: {len(d)} differences (run with --update to rewrite):\n" + "\n".join(d[:50]))
        status = status or (1 if d else 0)
    sys.exit(status)
