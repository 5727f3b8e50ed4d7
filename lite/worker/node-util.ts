// `node:util` inside the worker: Node's own inspect/format (node-inspect-extracted is their
// browser build), so values print exactly as they do in the Node kernel.
export { format, formatWithOptions, inspect, stripVTControlCharacters } from "node-inspect-extracted";
