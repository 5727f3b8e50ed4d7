// The optim namespace: `new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 })`.
export { Optimizer } from "./optimizer";
export { SGD, type SGDOptions } from "./sgd";
export { Adam, type AdamOptions } from "./adam";
