// What `gradlab site serve` says, in one place.

export const siteMsg = {
  noSite: (dir: string) => `${dir} has no built site (no lab/index.html). Build it first with \`npm run site\` (or pass --dir to the folder you built).`,
  badPort: (value: string) => `--port must be a whole number from 0 to 65535, not "${value}".`,
  portInUse: (port: number) => `Port ${port} is already in use on 127.0.0.1; pick another with --port N.`,
  serving: (dir: string, url: string) => `Serving ${dir} at ${url} (cross-origin isolated: Interrupt stops running loops). Press Ctrl-C to stop.`,
  notFound: "Not found",
};
