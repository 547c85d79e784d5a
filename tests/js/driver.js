// A driver's loop (tests/node.py): one JSON request a line on stdin, handled by
// `handle`, one JSON answer a line on stdout; an exception answers {"error": ...}.
import { createInterface } from "node:readline";

export function serve(handle) {
  createInterface({ input: process.stdin }).on("line", (line) => {
    let answer;
    try {
      answer = handle(JSON.parse(line));
    } catch (err) {
      answer = { error: String(err && err.stack ? err.stack : err) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  });
}
