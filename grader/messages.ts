// What the grader tells TAs and students about files, notebooks, sandboxes and limits, in one place
// so it can be reworded without touching logic (check()'s own texts are in src/check/messages.ts).

import type { Comparison } from "../src/check/compare";
import { messages as checkMsg } from "../src/check/messages";
import type { StopReason } from "./grading/execute";

const mb = (bytes: number): string => `${Math.round(bytes / (1 << 20))} MB`;
const list = (names: string[]) => names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "");

/** Texts about reading submissions and notebooks, and about running them. */
export const gradeMsg = {
  stopping: (signal: string) =>
    `\nstopping (${signal}): the submissions being graded are dropped; finished results are cached and in the reports; run the same command again to resume.`,
  diskFull: (file: string) =>
    `no space left on the disk while writing ${file}; free some space (or write elsewhere) and run the command again — finished work is kept, nothing was half-written`,
  notRegular: (kind: string) =>
    `the submission is ${kind}, not a regular file, so it was not read; submit the .ipynb file itself`,
  unreadable: (code: string) => `the submission cannot be read (${code}); submit the .ipynb file JupyterLab saves`,
  tooLarge: (size: number, max: number) =>
    `the submission is ${mb(size)}, more than the ${mb(max)} a notebook file may have; clear large outputs (Edit → Clear Outputs) and submit again`,
  cannotRead: (file: string, code: string) => `${file} cannot be read: ${code}.`,
  notJson: (name: string, detail: string) =>
    `${name} is not a notebook: it is not valid JSON (${detail}). Submit the .ipynb file JupyterLab saves.`,
  notObject: (name: string) => `${name} is not a notebook: its JSON is not an object. Submit the .ipynb file JupyterLab saves.`,
  noNbformat: (name: string, hasCells: boolean) =>
    `${name} is not a notebook: it has no "nbformat" field${hasCells ? "" : " and no cells"}. Submit the .ipynb file JupyterLab saves.`,
  oldNbformat: (name: string, version: number) =>
    `${name} is nbformat ${version}; save it as nbformat 4 (open it in JupyterLab or Jupyter Notebook and save it, or run \`jupyter nbconvert --to notebook --nbformat 4 ${name}\`), then submit that file.`,
  otherNbformat: (name: string, version: string) =>
    `${name} has nbformat ${version}; only nbformat 4 notebooks are supported (re-save it with Jupyter).`,
  noCells: (name: string) => `${name} is not a notebook: the JSON has no "cells" list. Submit the .ipynb file JupyterLab saves.`,
  malformedCell: (name: string, cell: number) => `${name}: cell ${cell} is malformed (it needs a cell_type and a source).`,
  notValid: (name: string, reasons: string) => `${name} is not a valid nbformat 4 notebook: ${reasons}`,

  noTslabHolder:
    "gradlab's grading harness cannot find tslab's __tslab__ holder in this process; this tslab version is not supported (gradlab pins tslab 1.0.22)",
  accessDenied: (target: string) => `Access to this API has been restricted: ${target} is outside what a graded notebook may read`,
  moduleNotFound: (request: string) => `Cannot find module '${request}'`,
  checkReserved: "check is the grader's function in this notebook and cannot be reassigned; give your own function another name",
  editedTests: (n: number) =>
    `${n} test cell${n === 1 ? " was" : "s were"} edited or added in the submission and ignored: tests always run as the assignment wrote them.`,
  jupyterFiles: (files: string[]) =>
    `this assignment has data files (${list(files)}), which --jupyter-url cannot put beside the server's kernels; grade it with the embedded runners (no --jupyter-url), or place the files in the server's root folder and grade a bundle made without them.`,
  leftWork: (cell: string, pending: string[]) =>
    `${cell} left work running when it finished (${pending.length > 0 ? [...new Set(pending)].join(", ") : "it kept the process busy"}) and a later cell then could not run; it was not replayed after the restart, so what it defined is missing from then on`,
};

/** What `gradlab assign` tells an instructor about a source notebook. */
export const authorMsg = {
  unseeded: (where: string, label: string | null) =>
    `${where}: ${label === null ? "its checks change" : `check "${label}" has another value`} when the random generator starts from another seed: ` +
    "it depends on unseeded randomness (randn, rand, nn.Linear's initial weights, …), so a student's value would be compared with a different draw at grading. " +
    "Call manualSeed(N) in a cell before it (PyTorch's torch.manual_seed), or at the start of the test.",
  unseededFails: (where: string, what: string) =>
    `${where} fails when the random generator starts from another seed (${what}): it depends on unseeded randomness; call manualSeed(N) in a cell before it.`,
  publicOnly: (where: string, names: string[]) =>
    `warning: public ${where} checks ${names.join(", ")}, which no hidden test checks at other inputs: a student can pass it by typing in the public answer. Add a hidden test that calls ${names.length === 1 ? "it" : "them"} with other inputs.`,
  undeclaredFile: (file: string, fromHere: string) =>
    `${file} is beside the source but is not one of its data files, and assign runs the solution as grading runs a submission, in a folder holding only those: list it in the source's metadata ("gradlab": { "files": ["${file}"] }) or pass --files ${fromHere}.`,
  otherKernel: (name: string) =>
    `warning: the source's kernelspec is "${name}", not gradlab's; the release keeps it, so students' Jupyter opens it in that kernel (remove metadata.kernelspec to get "gradlab").`,
  partialBlank: (list: string) =>
    `partial test${list.includes(",") ? "s" : ""} ${list} earn${list.includes(",") ? "" : "s"} points on the blank release: a check passes without any solution; check what the student writes, or move that check to a points=0 test.`,
};

/** What `gradlab grade` tells a TA about the course files it was given and the batch it merged. */
export const courseMsg = {
  badCsv: (file: string, what: string, why: string) => `${file} cannot be read as the ${what} CSV: ${why}`,
  missingColumns: (file: string, what: string, missing: string[], header: string[]) =>
    `${file} (the ${what}) needs the column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} in its header row; it has ${header.length > 0 ? header.join(", ") : "no header"}.`,
  unknownQuestion: (file: string, line: number, q: string, known: string[]) =>
    `${file}, line ${line}: "${q}" is not a free-text question of this assignment; its questions are ${known.join(", ") || "none"}.`,
  unknownSubmission: (file: string, line: number, sub: string) =>
    `${file}, line ${line}: no submission "${sub}" in this batch or the earlier results of --out; use the names in grades.csv's submission column.`,
  badPoints: (file: string, line: number, raw: string, q: string, max: number) =>
    `${file}, line ${line}: points "${raw}" for ${q} must be a number from 0 to ${max} (or empty: not scored yet).`,
  badStudent: (file: string, line: number, student: string) =>
    `${file}, line ${line}: ${student === "" ? "the student column is empty" : `student "${student}" is listed twice`}; each roster row names one student once.`,
  badDate: (file: string, line: number, date: string) => `${file}, line ${line}: "${date}" is not a date; write ISO 8601, like 2026-12-01T23:59:00Z.`,
  badTimestamp: (file: string, line: number) =>
    `${file}, line ${line}: each row needs a submission (or student) and a timestamp in ISO 8601, like 2026-12-01T23:59:00Z.`,
  badTimestampTxt: (file: string, text: string) => `${file} says "${text.slice(0, 60)}", which is not a date; write ISO 8601, like 2026-12-01T23:59:00Z.`,
  noTimestamp: (subs: string[], file: string | null) =>
    `--due needs to know when each submission was made, but ${list(subs)} ${subs.length === 1 ? "has" : "have"} no timestamp ` +
    `(${file ? `not in ${file}` : "no --timestamps file"}, and no nbgrader timestamp.txt beside it); add ${subs.length === 1 ? "it" : "them"}, or grade without --due.`,
  notOnRoster: (subs: string[]) =>
    `warning: ${subs.length} submission${subs.length === 1 ? " is" : "s are"} no roster student's (${list(subs)}): name each student's folder or file by their roster id (alice/hw.ipynb or alice.ipynb).`,
  noSubmission: "no submission from this student",
  badPrevious: (file: string, line: number) => `${file}, line ${line}, is not a results record; move that folder away or choose another --out.`,
  otherAssignment: (dir: string, had: string, now: string) =>
    `${dir} holds results of assignment ${had}, not ${now}; give each assignment its own --out folder.`,
  oldResults: (dir: string, version: number) =>
    `${dir} holds results an older gradlab wrote; this one writes version ${version}. Move that folder away (or delete it) and grade the whole batch again (it is quick where nothing changed).`,
  staleRows: (subs: string[]) =>
    `note: ${subs.length} earlier result${subs.length === 1 ? " was" : "s were"} kept from a run with another version of the assignment (${list(subs)}); grade the whole folder again to regrade ${subs.length === 1 ? "it" : "them"} with this one.`,
  graderFailed: (subs: string[]) =>
    `warning: the grader itself failed on ${list(subs)} (status error, not cached): see results.jsonl's errors, fix the cause, and run the same command again.`,
  unscored: (n: number, dir: string) =>
    `${n} free-text answer${n === 1 ? "" : "s"} to score: read ${dir}/manual/*.html, fill in ${dir}/manual/scores.csv, then add --manual ${dir}/manual/scores.csv.`,
};

/** Texts of scoring, for the TA's record (results.jsonl) and for public tests. */
export const scoreMsg = {
  malformedValue: (problem: string) => `the value received from the notebook is malformed: ${problem}`,
  /** A hidden check's line in the TA's record: the full reason, with the errors. */
  hiddenDetail: (label: string, c: Comparison) =>
    c.passed ? checkMsg.passLine(label, "") : checkMsg.failLine(label, c.maxAbsError === null ? c.reason : `${c.reason}; ${checkMsg.errors(c.maxAbsError, c.maxRelError)}`),
  notRun: (stopped: StopReason | null) =>
    stopped === null ? "the test did not run"
      : stopped.code === "submission-timeout" ? `not reached: the submission's time limit (${stopped.seconds} s, --submission-timeout) was used up`
      : stopped.code === "restarts" ? `not reached: the notebook's process was restarted ${stopped.restarts} times (cells that hang or crash), so the rest was not run`
      : "not reached: the notebook's process broke the grading protocol and was stopped",
  harnessModified: (names: string[]) => `the grading harness was modified during this test${names.length > 0 ? ` (${list(names)})` : ""}`,
  froze: (names: string[]) => `the submission froze patched built-ins (${list(names)}), so the test cannot run fairly`,
  stoppedNote: (stopped: StopReason) =>
    stopped.code === "violated" ? `grading stopped: ${stopped.detail}` : scoreMsg.notRun(stopped).replace(/^not reached: /, "grading stopped: "),
};

/** What a student may read about a hidden test: categories only. */
export const hiddenMsg = {
  check: {
    "not-close": "wrong value", "not-equal": "wrong value", shape: "wrong shape", length: "wrong shape", keys: "wrong shape",
    kind: "wrong type of value", nan: "NaN", unsupported: "a value that cannot be checked", malformed: "a malformed value",
    missing: "never checked (the test ended before it)", "not-reached": "not reached", extra: "not part of this test", ok: "",
  } as const,
  errorOfType: (name: string) => `error of type ${name}`,
  timeout: "timed out",
  crashed: "the notebook's process died (out of memory, or stopped)",
  harness: "the grading harness was modified",
  froze: "built-ins the notebook patched could not be restored",
  violated: "the notebook's process broke the grading protocol",
  withheld: (name: string) => `${name} (its message is not shown: the cell ran after a hidden test)`,
  checkPoints: (points: number, max: number) => `(${points}/${max})`,
  releasedLater: "result released later",
  totalLater: "hidden tests' results and the total score are released later",
  manualPending: "to be scored by your TA",
  late: (days: number, perDay: number, deducted: number) =>
    `submitted ${days} day${days === 1 ? "" : "s"} late: −${Math.round(Math.min(1, days * perDay) * 100)}% (${Math.round(perDay * 100)}% per day), ${deducted} points off`,
};

/** The isolation line every report of a batch graded without full isolation carries. */
export const notIsolatedLine = (what: string[]) => `not isolated: ${what.join(", ")}`;
