// What a notebook host (the gradlab kernel, the grader's runner and harness) plugs into the library:
// where show(), progress() and clearOutput() send their output, and where check() finds references
// and sends values, and what it resets between cells. The kernel's prelude leaves every name exported here out of the cells' scope,
// so the names students get in every cell are only the ones they use.
export { setDisplaySink, setClearSink, bundleOf, displayBundle, type DisplaySink, type ClearSink, type MimeBundle } from "./display";
export { restoreGradMode } from "./autograd/grad-mode";
export {
  setCheckSink, setReferenceSource, beginCheckCell, type CheckSink, type ReferenceLookup, type ReferenceSource,
} from "./check/index";
