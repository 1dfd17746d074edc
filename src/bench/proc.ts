import fs from 'node:fs';

/**
 * What /proc tells about the benchmark's processes (Linux): resident memory and CPU time. Anything that
 * cannot be read (another OS, a process gone, a database on another machine) is NaN, never a guess.
 */

/** Resident set size of a process, MB. */
export function rssOfPid(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** [parent pid, CPU ms (user + system)] of a process, from /proc/<pid>/stat; null if it is gone. */
function statOf(pid: number): [ppid: number, cpuMs: number] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: the fields after it are counted from its end.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return [Number(f[1]), ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND];
  } catch {
    return null;
  }
}

/** CPU time a process has used so far, ms. */
export function cpuMsOfPid(pid: number): number {
  return statOf(pid)?.[1] ?? NaN;
}

/** CPU time used so far by each of a process and its direct children (the PostgreSQL postmaster and its backends), ms. */
export function cpuMsOfTree(rootPid: number | undefined): Map<number, number> {
  const tree = new Map<number, number>();
  const root = rootPid ? statOf(rootPid) : null;
  if (!rootPid || !root) return tree;
  tree.set(rootPid, root[1]);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = statOf(Number(entry));
    if (s && s[0] === rootPid) tree.set(Number(entry), s[1]);
  }
  return tree;
}

/**
 * CPU ms the processes of a tree used between two readings: each process alive at the second reading, less what it had
 * used at the first (nothing, if it started in between). A process that ended in between is left out (a pool closing an
 * idle connection; it used next to nothing). NaN when the tree could not be read.
 */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  if (!before.size || !after.size) return NaN;
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}

/** The postmaster's pid of a local cluster (first line of postmaster.pid in its data directory), if it runs. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
