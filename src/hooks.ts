// What a notebook host (the gradlab kernel, the grader's runner) plugs into the library: where
// show(), progress() and clearOutput() send their output. Not in the public entry (src/index.ts),
// so the names students get in every cell are only the ones they use.
export { setDisplaySink, setClearSink, bundleOf, displayBundle, type DisplaySink, type ClearSink, type MimeBundle } from "./display";
