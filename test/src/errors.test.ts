// Bad input gets an Error naming the op, the shapes or values, and what to do — never a silent
// NaN or a wrong-shaped result. Messages come from src/messages.ts; these tests pin the wording.
import { describe, expect, it } from "vitest";
import { add, linear, log, matmul, mul, nn, optim, tensor, zeros, ones } from "gradlab";

const leafParam = () => zeros([2], { requiresGrad: true });

describe("shape errors name the op and both shapes", () => {
  it("matmul of shapes that do not align", () => {
    expect(() => matmul(zeros(2, 3), zeros(2, 3))).toThrow("matmul: shapes [2,3] and [2,3] do not align: the last dimension of the first (3) must equal the first dimension of the second (2).");
    expect(() => matmul(zeros(3), zeros(2))).toThrow("matmul: shapes [3] and [2] do not align");
    expect(() => matmul(zeros(2, 2, 2), zeros(2, 2))).toThrow(/matmul: shapes \[2,2,2\] and \[2,2\]: only 1-D and 2-D/);
  });
  it("broadcasting failures", () => {
    expect(() => add(zeros(2, 3), zeros(4))).toThrow("add: shapes [2,3] and [4] cannot be broadcast together; trailing dimensions must be equal or 1");
    expect(() => mul(zeros(3, 1), zeros(2, 4))).toThrow("mul: shapes [3,1] and [2,4] cannot be broadcast together");
    expect(() => zeros(2, 3).sub(zeros(3, 2))).toThrow(/^sub: shapes \[2,3\] and \[3,2\]/);
    expect(() => zeros(3).expand(2, 4)).toThrow("expand: cannot expand shape [3] to [2,4]; only dimensions of size 1 can grow.");
  });
  it("losses with mismatched input and target", () => {
    expect(() => new nn.MSELoss().forward(zeros(3), zeros(3, 1))).toThrow("MSELoss: input [3] and target [3,1] must have the same shape (reshape one of them, e.g. target.reshape(3)).");
    expect(() => new nn.CrossEntropyLoss().forward(zeros(2, 3), tensor([0, 1, 2]))).toThrow("CrossEntropyLoss: logits must be [N, C] and targets [N] class indices; got [2,3] and [3].");
  });
  it("CrossEntropyLoss with targets that are not class indices", () => {
    const ce = new nn.CrossEntropyLoss();
    expect(() => ce.forward(zeros(2, 3), tensor([0, 3]))).toThrow("CrossEntropyLoss: target 3 is not a class index in 0..2; targets must be whole numbers.");
    expect(() => ce.forward(zeros(2, 3), tensor([-1, 0]))).toThrow("target -1 is not a class index in 0..2");
    expect(() => ce.forward(zeros(2, 3), tensor([0, 1.5]))).toThrow("target 1.5 is not a class index");
  });
  it("linear and Linear with the wrong sizes", () => {
    expect(() => linear(zeros(2, 3), zeros(4, 2))).toThrow("linear: input of shape [2,3] does not fit weight [4,2]: the input's last dimension must be 2 (inFeatures).");
    expect(() => new nn.Linear(2, 3).forward(zeros(5, 3))).toThrow("linear: input of shape [5,3] does not fit weight [3,2]");
    expect(() => new nn.Linear(0, 2)).toThrow("Linear: inFeatures and outFeatures must be positive whole numbers, got 0 and 2.");
  });
  it("reshape to a different number of values", () => {
    expect(() => zeros(2, 3).reshape(4, 2)).toThrow("reshape: cannot reshape a tensor of shape [2,3] (6 values) into [4,2].");
    expect(() => zeros(2, 3).reshape(4, -1)).toThrow("reshape: cannot reshape a tensor of shape [2,3] (6 values) into [4,-1].");
    expect(() => zeros(2, 3).reshape(-1, -1)).toThrow("reshape: at most one dimension can be -1 in [-1,-1].");
  });
  it("dimensions and indices out of range", () => {
    expect(() => zeros(2, 3).sum(2)).toThrow("sum: dimension 2 is out of range for a tensor with 2 dimensions (use -2..1).");
    expect(() => zeros(3, 2).index(3)).toThrow("index: row 3 is out of range for a dimension of size 3 (use -3..2).");
    expect(() => zeros(3, 2).index([0, -4])).toThrow("index: row -4 is out of range for a dimension of size 3 (use -3..2).");
    expect(() => zeros(3, 2).index(1.5)).toThrow("index: 1.5 is not a whole number; row indices must be integers.");
    expect(() => zeros(2, 3).permute(0, 0)).toThrow("permute: [0,0] is not a permutation of the 2 dimensions.");
  });
});

describe("autograd misuse", () => {
  it("backward() without a gradient on a non-scalar", () => {
    expect(() => zeros([3], { requiresGrad: true }).mul(2).backward()).toThrow("backward: grad can be implicitly created only for one-element outputs, but this tensor has shape [3]; reduce it first (e.g. loss.mean()) or pass a gradient of the same shape.");
  });
  it("backward with a gradient of the wrong shape", () => {
    expect(() => zeros([2], { requiresGrad: true }).mul(2).backward(ones(3))).toThrow("backward: the gradient has shape [3] but the tensor has shape [2]; they must match.");
  });
  it("backward twice through a freed graph, and the fix the message suggests works", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/^backward: trying to backward through the graph a second time \(at sum\).*backward\(undefined, \{ retainGraph: true \}\)/);
    const z = x.mul(x).sum();
    z.backward(undefined, { retainGraph: true });
    expect(() => z.backward()).not.toThrow();
  });
  it("backward of a tensor that does not require grad", () => {
    expect(() => zeros(1).backward()).toThrow("backward: this tensor does not require grad and has no gradFn; create the inputs with { requiresGrad: true }");
  });
  it("item() of a tensor with more than one element", () => {
    expect(() => zeros(2, 3).item()).toThrow("item: only a tensor with one element can be converted to a number, but this one has shape [2,3]; use toArray() or index it first.");
  });
  it("log of a negative number is an error, not a silent NaN", () => {
    expect(() => log(tensor([1, -1]))).toThrow("log: input has a value outside the domain (-1 at flat index 1); log is defined for x >= 0 only.");
    expect(() => tensor([-4]).pow(0.5)).toThrow("pow: input has a value outside the domain (-4 at flat index 0); a fractional power (0.5) needs x >= 0.");
  });
});

describe("optimizer arguments (PyTorch's messages)", () => {
  it("rejects a negative learning rate", () => {
    expect(() => new optim.SGD([leafParam()], { lr: -1 })).toThrow("SGD: invalid learning rate value: -1.");
    expect(() => new optim.Adam([leafParam()], { lr: -0.1 })).toThrow("Adam: invalid learning rate value: -0.1.");
  });
  it("rejects bad momentum, betas and nesterov settings", () => {
    expect(() => new optim.SGD([leafParam()], { lr: 0.1, momentum: -0.5 })).toThrow("SGD: invalid momentum value: -0.5.");
    expect(() => new optim.SGD([leafParam()], { lr: 0.1, nesterov: true })).toThrow("SGD: Nesterov momentum requires a momentum > 0 and zero dampening.");
    expect(() => new optim.Adam([leafParam()], { betas: [1, 0.9] })).toThrow("Adam: invalid beta parameter at index 0 value: 1.");
    expect(() => new optim.Adam([leafParam()], { eps: -1 })).toThrow("Adam: invalid epsilon value: -1.");
    expect(() => new optim.Adam([leafParam()], { weightDecay: -1 })).toThrow("Adam: invalid weight_decay value: -1.");
  });
  it("rejects empty parameter lists and tensors that are not leaves requiring grad", () => {
    expect(() => new optim.SGD([], { lr: 0.1 })).toThrow("SGD: got an empty parameter list; pass model.parameters() of a model that has parameters.");
    expect(() => new optim.SGD([zeros(2)], { lr: 0.1 })).toThrow("SGD: can only optimize leaf tensors that require grad");
    expect(() => new optim.Adam([leafParam().mul(2)])).toThrow("Adam: can only optimize leaf tensors that require grad");
  });
});

describe("bad tensor data", () => {
  it("rejects ragged nested arrays, naming where", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow("tensor: nested arrays must be rectangular, but the list at data[1] has 1 items where 2 were expected.");
  });
  it("rejects strings and other non-numbers", () => {
    expect(() => tensor("abc" as never)).toThrow("tensor: cannot make a tensor from string; pass a number, a (nested) array of numbers or a Float64Array.");
    expect(() => tensor([1, "a"] as never)).toThrow('tensor: cannot make a tensor from "a" at data[1]');
    expect(() => add(zeros(2), "x" as never)).toThrow("add: expected a Tensor or a number, got string.");
  });
  it("rejects invalid shapes", () => {
    expect(() => zeros(-1)).toThrow("zeros: [-1] is not a valid shape; use non-negative whole numbers, e.g. [2, 3] or 2, 3.");
    expect(() => ones(2.5)).toThrow("ones: [2.5] is not a valid shape");
  });
});
