import * as fs from "node:fs";
import type { Reference } from "../src/check/index";
import type { RngState } from "../src/random";
import type { TestSpec } from "./authoring/directive";
import { packageVersion } from "../kernel/paths";
import { sha256 } from "./files";
import { serializeNotebook, type Notebook } from "./notebook";

// The autograder bundle: everything grading needs and the student never sees — every test's code,
// position, points, tolerances and the references recorded from the solution. Versioned JSON.

/** Bump when the layout changes; readBundle refuses other versions. */
export const BUNDLE_VERSION = 2;

/** One test as the grader runs it. */
export interface BundleTest extends TestSpec {
  /** 0-based position of its cell in the release. */
  position: number;
  cellId: string;
  /** The test's code, without the directive line. */
  code: string;
  references: Reference[];
  /** The random generator's state when the test began in the solution's run; each graded run starts the test from it. */
  rng: RngState | null;
}

/** The release's cell layout, so submissions can be matched to it by cell id or order. */
export interface BundleCell {
  id: string;
  type: "code" | "markdown" | "raw";
  /** The test id when this cell is a test cell. */
  test: string | null;
  /** Test cells: sha256 of the released source, so a test cell the student kept as released is told from an edited one. */
  sha256?: string;
  /** Test cells: hashes of this test's cell in the releases before this one, so a student who kept an earlier release's cell was not editing it. */
  earlier?: string[];
  /** The manual question id when this cell is a free-text answer cell. */
  manual?: string;
}

/** A data file of the assignment (`gradlab assign --files`), put read-only beside each graded notebook. */
export interface BundleFile {
  /** Relative to the notebook's folder, with / separators. */
  path: string;
  sha256: string;
  base64: string;
}

/** A free-text question graded by a TA (`<!-- @manual ID points=N -->`). */
export interface ManualQuestion {
  id: string;
  points: number;
  position: number;
  cellId: string;
  /** The question's cell as released (what the student starts from). */
  released: string;
}

/** The whole bundle. */
export interface Bundle {
  format: "gradlab-bundle";
  version: typeof BUNDLE_VERSION;
  assignment: string;
  gradlabVersion: string;
  /** sha256 of the release notebook as written, so a TA can tell which release a bundle belongs to. */
  releaseSha256: string;
  cells: BundleCell[];
  tests: BundleTest[];
  manual: ManualQuestion[];
  files: BundleFile[];
}

/** Assemble a bundle. */
export function makeBundle(assignment: string, release: Notebook, parts: Pick<Bundle, "cells" | "tests" | "manual" | "files">): Bundle {
  return {
    format: "gradlab-bundle",
    version: BUNDLE_VERSION,
    assignment,
    gradlabVersion: packageVersion,
    releaseSha256: sha256(serializeNotebook(release)),
    ...parts,
  };
}

/** The most points a submission can earn: tests and manual questions. */
export function maxPoints(bundle: Bundle): number {
  return [...bundle.tests, ...bundle.manual].reduce((s, t) => s + t.points, 0);
}

/** The bundle as written to disk. */
export function serializeBundle(bundle: Bundle): string {
  return JSON.stringify(bundle, null, 2) + "\n";
}

/** The hash results are cached under: any change to tests or references changes it. */
export function bundleHash(bundle: Bundle): string {
  return sha256(serializeBundle(bundle));
}

/** Read and check a bundle file. */
export function readBundle(file: string): Bundle {
  let data: Partial<Bundle>;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Bundle>;
  } catch (err) {
    throw new Error(`${file} cannot be read as a gradlab bundle: ${(err as Error).message}`);
  }
  if (data.format !== "gradlab-bundle") throw new Error(`${file} is not a gradlab bundle (no "format": "gradlab-bundle"); make one with \`gradlab assign SOURCE.ipynb\`.`);
  if (data.version !== BUNDLE_VERSION) {
    throw new Error(`${file} is a version ${String(data.version)} bundle; this gradlab reads version ${BUNDLE_VERSION}. Rebuild it with \`gradlab assign\`.`);
  }
  return data as Bundle;
}
