import { main } from './main';

/**
 * Writes to stdout or stderr until the reader goes away: a reader that stops early (`| head -c 100`) closes the
 * pipe, and whatever is left to print has no one to read it, so the CLI stops writing and ends as it would have.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) {
      stream.write(text);
    }
  };
}

main(process.argv.slice(2), {
  stdout: writerTo(process.stdout),
  stderr: writerTo(process.stderr),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
