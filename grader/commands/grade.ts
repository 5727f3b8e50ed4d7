import type { Command } from "commander";
import * as path from "node:path";
import { defaultJobs } from "../grading/batch";
import { DEFAULT_SANDBOX, sandboxNamed } from "../runner/index";
import { removeStaleTempDirs } from "../runner/temp-dirs";
import { gradeMsg } from "../messages";
import { runSteps, type Step } from "../pipeline";
import { collectFiles } from "../steps/collect-files";
import { courseResults } from "../steps/course-results";
import type { GradeContext } from "../steps/grade-context";
import { gradeFiles } from "../steps/grade-files";
import { resolveBundle } from "../steps/resolve-bundle";
import { writeGradeReports } from "../steps/write-grade-reports";
import type { Visibility } from "../reports/student-view";

/**
 * Default --submission-timeout, in seconds: ten times the default per-cell limit — room for a few
 * hung cells (each costs its 60 s and a replay) on top of an honest run (the course notebooks take
 * 10–30 s), while a batch of 100 worst-case submissions on 2 jobs still ends within about 8 hours.
 */
export const DEFAULT_SUBMISSION_TIMEOUT_S = 600;

/** `gradlab grade`, step by step. */
export const gradeSteps: Step<GradeContext>[] = [resolveBundle, collectFiles, gradeFiles, courseResults, writeGradeReports];

const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

const VISIBILITIES = ["hidden", "after_due_date", "after_published", "visible"];

/** Grade submissions programmatically (the CLI and the tests use this). */
export async function grade(ctx: GradeContext): Promise<GradeContext> {
  return runSteps(gradeSteps, ctx);
}

/** Adds `gradlab grade ASSIGNMENT SUBMISSION…`. */
export function registerGrade(program: Command): void {
  program
    .command("grade <assignment> <submissions...>")
    .description("TA: grade submissions (files or folders) against a bundle, source notebook or solutions/ name")
    .option("--out <dir>", "where grades.csv, results.jsonl and feedback/ go", "gradlab-results")
    .option("--jobs <n>", "submissions graded in parallel (default: number of cores)")
    .option("--timeout <seconds>", "per-cell time limit", "60")
    .option("--submission-timeout <seconds>", "wall-clock limit per submission, replays after restarts included", String(DEFAULT_SUBMISSION_TIMEOUT_S))
    .option("--memory <mb>", "memory limit per submission process", "2048")
    .option("--force", "regrade submissions whose results are cached")
    .option("--format <format>", "also write results.json for Gradescope (one submission)")
    .option("--hidden-visibility <when>", "when students see hidden tests' results: hidden, after_due_date, after_published (default), visible (Gradescope's visibility; feedback pages honour it too)", "after_published")
    .option("--manual <scores.csv>", "the TA's scores of free-text answers (columns submission, question, points, comment; grades/manual/scores.csv to fill in)")
    .option("--roster <roster.csv>", "the class list (column student, optional due): a row per student, missing submissions included")
    .option("--due <date>", "due date (ISO 8601, e.g. 2026-12-01T23:59:00Z): later submissions lose --late-penalty per started day")
    .option("--late-penalty <fraction>", "fraction of the score taken per day late (with --due)", "0.1")
    .option("--timestamps <file.csv>", "when each submission was made (columns submission or student, and timestamp); default: nbgrader's timestamp.txt beside it")
    .option("--sandbox <kind>", "bwrap: bubblewrap namespaces, unprivileged uid, no network; node: Node's permission model only (reported as not isolated: network, signals)", DEFAULT_SANDBOX)
    .option("--jupyter-url <url>", "run kernels on this Jupyter Server / Kernel Gateway (isolation is then the gateway's)")
    .option("--token <token>", "the server's token (with --jupyter-url)", process.env.JUPYTER_TOKEN)
    .option("--kernel-name <name>", "kernelspec to start on the server", "gradlab")
    .action(async (assignment: string, submissions: string[], o: Record<string, string | boolean | undefined>) => {
      if (o.format !== undefined && o.format !== "gradescope") throw new Error(`--format ${String(o.format)} is not supported; the only format is gradescope.`);
      const number = (name: string, value: unknown): number => {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${String(value)}.`);
        return n;
      };
      if (o.jupyterUrl !== undefined && o.token === undefined) throw new Error("--jupyter-url needs --token T (or JUPYTER_TOKEN in the environment).");
      if (!VISIBILITIES.includes(String(o.hiddenVisibility))) throw new Error(`--hidden-visibility ${String(o.hiddenVisibility)} is not one of ${VISIBILITIES.join(", ")}.`);
      if (o.due !== undefined && Number.isNaN(Date.parse(String(o.due)))) throw new Error(`--due ${String(o.due)} is not a date; write ISO 8601, like 2026-12-01T23:59:00Z.`);
      const penalty = Number(o.latePenalty);
      if (!(penalty >= 0 && penalty <= 1)) throw new Error(`--late-penalty must be a fraction from 0 to 1 (0.1 = 10% a day), got ${String(o.latePenalty)}.`);
      // Ctrl-C (or a TERM/HUP) stops at once and cleanly: children killed, temp folders removed, the
      // finished results cached and reported. Later signals wait for that rather than kill the grader.
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (!stop.signal.aborted) console.error(gradeMsg.stopping(signal));
        stop.abort();
      };
      for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
      removeStaleTempDirs();
      await grade({
        assignmentArg: assignment, submissionArgs: submissions, outDir: String(o.out), cacheDir: path.join(".gradlab", "cache"),
        jobs: o.jobs === undefined ? defaultJobs() : number("jobs", o.jobs),
        timeoutMs: number("timeout", o.timeout) * 1000, memoryMb: number("memory", o.memory),
        submissionTimeoutMs: number("submission-timeout", o.submissionTimeout) * 1000,
        force: o.force === true, gradescope: o.format === "gradescope", sandbox: sandboxNamed(String(o.sandbox)).kind,
        hiddenVisibility: String(o.hiddenVisibility) as Visibility,
        ...(typeof o.manual === "string" && { manualFile: o.manual }), ...(typeof o.roster === "string" && { rosterFile: o.roster }),
        ...(typeof o.due === "string" && { late: { due: o.due, penaltyPerDay: penalty, timestamps: typeof o.timestamps === "string" ? o.timestamps : null } }),
        stopped: () => stop.signal.aborted, signal: stop.signal, log: (l) => console.log(l),
        ...(typeof o.jupyterUrl === "string" && { jupyter: { url: o.jupyterUrl, token: String(o.token), kernelName: String(o.kernelName) } }),
      });
      // Once stopped, the handlers stay until the process ends: a second Ctrl-C landing while the
      // grader exits would otherwise kill it by the signal, not exit 130.
      if (stop.signal.aborted) process.exitCode = 130;
      else for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    });
}
