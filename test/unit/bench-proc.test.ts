import { spawn } from 'node:child_process';
import { cpuMsBetween, cpuMsOfPid, cpuMsOfTree, rssOfPid } from '../../src/bench/proc';

/** The benchmark's CPU figures per request (docs/benchmarks.md) come from these readings of /proc. */
describe('bench: CPU and memory of the processes under load', () => {
  it('reads this process: its CPU time grows with work, its RSS is that of a Node process', () => {
    const before = cpuMsOfPid(process.pid);
    // Work until Node itself counts 300 ms of CPU (not 300 ms of wall time: parallel test workers share the cores).
    const cpu0 = process.cpuUsage();
    const cpuMs = () => { const u = process.cpuUsage(cpu0); return (u.user + u.system) / 1000; };
    let x = 0;
    while (cpuMs() < 300) for (let i = 0; i < 1e5; i++) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    const after = cpuMsOfPid(process.pid);
    // /proc counts in clock ticks (10 ms), and this process's other threads add to it.
    expect(after - before).toBeGreaterThanOrEqual(280);
    expect(rssOfPid(process.pid)).toBeGreaterThan(20);
    expect(Number.isNaN(cpuMsOfPid(2 ** 22 + 1))).toBe(true);
  });

  it("counts a tree's children, and leaves out a child that ended between two readings", async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    try {
      const tree = cpuMsOfTree(process.pid);
      expect(tree.has(process.pid)).toBe(true);
      expect(tree.has(child.pid!)).toBe(true);
    } finally {
      child.kill();
    }
    // Readings: a process alive at both counts its difference, one started in between counts whole, one that ended is left out.
    const before = new Map([[1, 100], [2, 50], [3, 70]]);
    const after = new Map([[1, 130], [3, 75], [4, 20]]);
    expect(cpuMsBetween(before, after)).toBe(30 + 5 + 20);
    expect(Number.isNaN(cpuMsBetween(new Map(), after))).toBe(true);
  });
});
