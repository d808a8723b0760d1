// A small progress bar on stderr: redrawn in place on a terminal, a few milestone lines
// otherwise (CI logs and pipes do not want hundreds of carriage returns).
export interface Progress {
  update(done: number): void;
  finish(): void;
}

export function createProgress(total: number, label: string, stream: NodeJS.WriteStream = process.stderr, width = 30): Progress {
  const isTty = Boolean(stream.isTTY);
  let lastDrawn = -1;
  let nextMilestone = 0.25;
  const bar = (done: number) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
  };
  return {
    update(done) {
      if (isTty) {
        if (done === lastDrawn) return;
        lastDrawn = done;
        stream.write(`\r${bar(done)}`);
        return;
      }
      while (total > 0 && done / total >= nextMilestone && nextMilestone < 1) {
        stream.write(`${bar(done)}\n`);
        nextMilestone += 0.25;
      }
    },
    finish() {
      stream.write(isTty ? `\r${bar(total)}\n` : `${bar(total)}\n`);
    },
  };
}
