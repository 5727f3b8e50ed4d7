# Python port of bench/workload-data.mjs, line by line, so the PyTorch workloads start from the
# same values as gradlab's (mulberry32 + Box-Muller; 32-bit arithmetic emulated with masks).
import math

M32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    state = [seed & M32]

    def r():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        t = state[0]
        t = _imul(t ^ (t >> 15), t | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return r


def normals(seed, n):
    r = mulberry32(seed)
    out = []
    for _ in range(n):
        u1 = 1 - r()
        u2 = r()
        out.append(math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2))
    return out


def uniforms(seed, n, lo, hi):
    r = mulberry32(seed)
    return [lo + (hi - lo) * r() for _ in range(n)]


W1 = dict(D=50, P=100, LR=0.005, STEPS=1000, W0=1.0)


def w1_data():
    x = normals(1, W1["P"])
    return x, [2 * v for v in x]


W2 = dict(IN=784, H=128, OUT=10, B=128, LR=0.01, MOM=0.9)


def linear_init(seed, nin, nout):
    k = 1 / math.sqrt(nin)
    return dict(kernel=uniforms(seed, nin * nout, -k, k), bias=uniforms(seed + 7919, nout, -k, k), nin=nin, nout=nout)


def w2_data():
    x = normals(2, W2["B"] * W2["IN"])
    r = mulberry32(3)
    labels = [math.floor(r() * W2["OUT"]) for _ in range(W2["B"])]
    layers = [linear_init(11, W2["IN"], W2["H"]), linear_init(12, W2["H"], W2["H"]), linear_init(13, W2["H"], W2["OUT"])]
    return x, labels, layers


def w2_flops():
    IN, H, OUT, B = W2["IN"], W2["H"], W2["OUT"], W2["B"]
    macs = IN * H + H * H + H * OUT
    return 2 * B * macs + 2 * B * macs + 2 * B * (H * H + H * OUT)


W4 = dict(N=200, WIDTH=16, STEPS=500, DEPTHS=[1, 2, 3, 4], LRS=[0.01, 0.03, 0.1, 0.3, 1.0])


def w4_settings():
    s, i = [], 0
    for depth in W4["DEPTHS"]:
        for lr in W4["LRS"]:
            s.append(dict(depth=depth, lr=lr, seed=1000 + 10 * i))
            i += 1
    return s


def spiral():
    n = W4["N"] // 2
    noise = normals(4, W4["N"])
    x = [0.0] * (W4["N"] * 2)
    labels = [0] * W4["N"]
    for c in range(2):
        for i in range(n):
            j = c * n + i
            r = 0.05 + (i / n)
            th = (i / n) * 3 * math.pi + c * math.pi + 0.2 * noise[j]
            x[2 * j] = r * math.sin(th)
            x[2 * j + 1] = r * math.cos(th)
            labels[j] = c
    return x, labels


def w4_layers(depth, seed):
    sizes = [2] + [W4["WIDTH"]] * depth + [2]
    return [linear_init(seed + l, sizes[l], sizes[l + 1]) for l in range(len(sizes) - 1)]


def stats(xs):
    s = sorted(xs)
    m = len(s)
    median = s[(m - 1) // 2] if m % 2 else (s[m // 2 - 1] + s[m // 2]) / 2
    return dict(median=median, min=s[0], max=s[-1], n=m)
