// Ctrl-C between the steps of a job: the job yields so the signal can be seen, then stops there (its transaction
// rolls back), and the command exits 130.
import { BiduiError, EXIT } from './errors.js';

/** The reason a command's AbortSignal carries when the user pressed Ctrl-C. */
export function interrupted(): BiduiError {
  return new BiduiError('已中断（Ctrl-C）。正在进行的这一步没有保存，数据库保持中断前的状态；重新运行即可', EXIT.interrupted);
}

/** Lets pending signals run, then stops the job if it was interrupted. */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}
