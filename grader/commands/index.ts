import type { Command } from "commander";
import { registerKernel } from "./kernel";
import { registerRun } from "./run";
import { registerAssign } from "./assign";
import { registerCheck } from "./check";
import { registerGrade } from "./grade";
import { registerInit } from "./init";
import { registerGradescope } from "./gradescope";
import { registerSite } from "./site";

/** Adds one subcommand (with its options and action) to the CLI program. */
export type RegisterCommand = (program: Command) => void;

/** Every `gradlab` subcommand, in the order `gradlab --help` lists them. */
export const commands: RegisterCommand[] = [registerInit, registerRun, registerKernel, registerAssign, registerCheck, registerGrade, registerGradescope, registerSite];
