// The nn namespace: modules, losses and initialisers, as `nn.Linear`, `nn.MSELoss`, `nn.init`.
export { Module, Parameter } from "./module";
export { Linear, ReLU, Tanh, Sigmoid, Identity, Sequential } from "./layers";
export { MSELoss, CrossEntropyLoss, mseLoss, crossEntropy, type Reduction } from "./loss";
export * as init from "./init";
